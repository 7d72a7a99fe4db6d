import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ProblemAlert } from '../components/form.tsx';
import { ClockBadge, StateBadge } from '../components/badges.tsx';
import { fmtDate, fmtNum, label, t } from '../i18n/index.ts';
import { sectorLabel, useRegime } from '../regime.ts';
import type { CaseView } from '../types.ts';
import { useSession } from '../session.ts';
import { ActionsPanel } from './case-actions.tsx';
import { Decision, Experts, Opinions, Supplements, Timeline } from './case-sections.tsx';
import { Findings } from './findings.tsx';
import { DecisionDetails } from './case-decision.tsx';
import { PanelSection } from './case-panel.tsx';
import { AssessmentSection } from './case-assessment.tsx';
import { ReportsSection } from './case-reports.tsx';
import { AssignmentSection } from './case-assignment.tsx';
import { CommitmentsSection } from './case-commitments.tsx';
import { ComplaintsSection } from './case-complaints.tsx';
import { SbomSection } from './case-sbom.tsx';
import { InformationRequests } from './case-requests.tsx';
import { AfterIdle } from '../components/after-idle.tsx';
import { Materials, Undertaking } from './materials.tsx';

/** A case as far as the viewer's role lets them see it; each part only where the server sent it. */
export function CasePage(props: { id: string }) {
  const { oversight } = useSession();
  const [view, setView] = useState<CaseView | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const regime = useRegime(view?.regimeId);
  const load = useCallback(async () => {
    try {
      setView(await api<CaseView>('GET', `/api/v1/cases/${encodeURIComponent(props.id)}`));
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  }, [props.id]);
  useEffect(() => {
    setView(null);
    void load();
  }, [load]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  if (error && !view) return <ProblemAlert problem={error} />;
  if (!view) return <p aria-busy="true">{t('common.loading')}</p>;
  const v = view;
  const onDone = async (action: string) => {
    await load();
    setNotice(t('actions.done', { action: label('action', action) }));
  };
  return (
    <article class="case" data-testid="case-page" data-state={v.state}>
      <header class="case-header">
        <p class="ref">{v.ref}</p>
        <h1>{v.title}</h1>
        <p>
          <StateBadge state={v.state} /> {v.clock && <ClockBadge clock={v.clock} />}
        </p>
        <dl class="facts">
          <dt>{t('case.product')}</dt>
          <dd>
            {v.productName}
            {v.productVersion ? ` ${v.productVersion}` : ''}
          </dd>
          <dt>{t('case.supplier')}</dt>
          <dd>{v.supplier?.name ?? '—'}</dd>
          <dt>{t('case.operator')}</dt>
          <dd>{v.operator?.name ?? '—'}</dd>
          <dt>{t('case.sector')}</dt>
          <dd>{sectorLabel(regime, v.sector)}</dd>
          {v.systemName && (
            <>
              <dt>{t('case.system')}</dt>
              <dd>{v.systemName}</dd>
            </>
          )}
          <dt>{t('case.origin')}</dt>
          <dd>{label('origin', v.origin)}</dd>
          <dt>{t('case.assessor')}</dt>
          <dd>{v.assessor?.name ?? '—'}</dd>
          <dt>{t('case.roles')}</dt>
          <dd>{v.abilities.roles.map((r) => label('role', r)).join(t('common.listSep'))}</dd>
        </dl>
        {v.description && <p class="description">{v.description}</p>}
      </header>
      {notice && (
        <p class="alert alert-ok" role="status" tabIndex={-1} ref={noticeRef} data-testid="notice">
          {notice}
        </p>
      )}
      <ActionsPanel view={v} onDone={onDone} />
      {v.abilities.can['undertaking.accept'] && !v.viewer.undertakingAccepted && (
        <section class="panel" aria-labelledby="undertaking-h">
          <Undertaking caseId={v.id} onDone={load} />
        </section>
      )}
      {v.clock && (
        <section class="panel" aria-labelledby="clock-h">
          <h2 id="clock-h">{t('clock.title')}</h2>
          <dl class="facts">
            <dt>{t('clock.stage')}</dt>
            <dd>{label('state', v.clock.stage)}</dd>
            <dt>{t('clock.started')}</dt>
            <dd>{fmtDate(v.clock.startedOn)}</dd>
            <dt>{t('clock.dueOn')}</dt>
            <dd>{fmtDate(v.clock.dueOn)}</dd>
            <dt>{t('clock.status')}</dt>
            <dd>
              <ClockBadge clock={v.clock} />
            </dd>
            {v.clock.pausedOn && (
              <>
                <dt>{t('clock.pausedOn')}</dt>
                <dd>{fmtDate(v.clock.pausedOn)}</dd>
              </>
            )}
            <dt>{t('clock.extended')}</dt>
            <dd>{fmtNum(v.clock.extendedDays)}</dd>
          </dl>
        </section>
      )}
      <Decision view={v} />
      <AfterIdle>
        {v.decision && v.panelAbilities?.['decision.read'] && <DecisionDetails caseId={v.id} version={v.version} />}
        {(v.decision || v.release) && <ReportsSection caseId={v.id} canGenerate={!!v.panelAbilities?.['report.generate'] && !!v.decision} version={v.version} />}
        {v.registryAbilities?.['assignment.read'] && <AssignmentSection view={v} onChange={load} />}
        {v.assessmentAbilities?.['assessment.read_plan'] && <AssessmentSection caseId={v.id} onChange={load} />}
      </AfterIdle>
      {v.findings && (
        <Findings
          findings={v.findings}
          regime={regime}
          detail={v.assessmentAbilities?.['finding.history'] ? { caseId: v.id, canCite: !!v.assessmentAbilities['finding.cite_clauses'], onChange: load } : undefined}
        />
      )}
      {v.materials && <Materials view={v} onChange={load} />}
      <AfterIdle>{v.supplyChainAbilities?.['supply_chain.read'] && <SbomSection caseId={v.id} version={v.version + (v.materials?.length ?? 0)} />}</AfterIdle>
      {v.assessmentAbilities?.['information_request.list'] && v.supplementRequests?.length ? (
        <InformationRequests caseId={v.id} version={v.version} />
      ) : (
        v.supplementRequests && <Supplements items={v.supplementRequests} />
      )}
      <AfterIdle>
        {v.registryAbilities?.['commitment.read'] && <CommitmentsSection caseId={v.id} canSign={!!v.registryAbilities['commitment.sign']} />}
        {(v.registryAbilities?.['complaint.file'] || oversight?.['complaint.list']) && (
          <ComplaintsSection caseId={v.id} canFile={!!v.registryAbilities?.['complaint.file']} canList={!!oversight?.['complaint.list']} version={v.version} />
        )}
      </AfterIdle>
      {v.experts && <Experts items={v.experts} />}
      <AfterIdle>{v.panelAbilities?.['panel.read'] && <PanelSection caseId={v.id} regime={regime} canPropose={!!v.panelAbilities['panel.propose_members']} onChange={load} />}</AfterIdle>
      {v.opinions && <Opinions items={v.opinions} />}
      {v.timeline && <Timeline items={v.timeline} />}
    </article>
  );
}
