import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, casePath } from '../api.ts';
import { ProblemAlert } from '../components/form.tsx';
import type { MsgKey } from '../i18n/index.ts';
import { fmtBytes, fmtDate, fmtDateTime, fmtNum, label, t } from '../i18n/index.ts';
import type { AssessmentPlan, CustodyEvent, Evidence } from '../types.ts';
import { ActivityStatusForm, EvidenceUpload, PlanActivityForm, SarifImport } from './assessment-forms.tsx';

const OSCAL_KINDS = { 'assessment-plan': 'plan.oscalPlan', 'assessment-results': 'plan.oscalResults', poam: 'plan.oscalPoam' } as const satisfies Record<string, MsgKey>;

/**
 * The assessment plan (Art. 3, 11): activities by method, their evidence with its chain of custody
 * (Art. 12), SARIF import and OSCAL export. Every form and link only where the plan's serialized
 * abilities allow it.
 */
export function AssessmentSection(props: { caseId: string; onChange: () => Promise<void> }) {
  const [plan, setPlan] = useState<AssessmentPlan | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setPlan(await api<AssessmentPlan>('GET', casePath(props.caseId, 'assessment-plan')));
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  }, [props.caseId]);
  useEffect(() => {
    void load();
  }, [load]);
  const changed = async () => {
    await load();
    await props.onChange();
  };
  if (error) return <ProblemAlert problem={error} />;
  if (!plan) return null;
  const can = plan.abilities;
  return (
    <section class="panel" aria-labelledby="plan-h" data-testid="assessment-plan">
      <h2 id="plan-h">{t('plan.title')}</h2>
      {plan.activities.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="activities">
            <caption class="sr-only">{t('plan.activities')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.method')}</th>
                <th scope="col">{t('plan.activity')}</th>
                <th scope="col">{t('plan.dates')}</th>
                <th scope="col">{t('plan.status')}</th>
                <th scope="col">{t('plan.people')}</th>
                <th scope="col">{t('plan.counts')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.activities.map((a) => (
                <tr key={a.id} data-status={a.status}>
                  <td>{label('activityMethod', a.method)}</td>
                  <th scope="row">
                    {a.title}
                    <p class="meta">{a.scope}</p>
                  </th>
                  <td>
                    {a.plannedStart ? fmtDate(a.plannedStart) : '—'} – {a.plannedEnd ? fmtDate(a.plannedEnd) : '—'}
                  </td>
                  <td>
                    {label('activityStatus', a.status)}
                    {can['assessment.plan'] && a.nextStatuses.length > 0 && (
                      <button type="button" class="small" aria-expanded={editing === a.id} aria-controls="activity-form" onClick={() => setEditing(editing === a.id ? null : a.id)} data-testid="activity-update">
                        {t('plan.updateButton')}
                      </button>
                    )}
                  </td>
                  <td>{a.people.map((p) => p.displayName).join(t('common.listSep')) || '—'}</td>
                  <td>{t('plan.countsText', { e: fmtNum(a.evidenceCount), f: fmtNum(a.findingCount) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && plan.activities.some((a) => a.id === editing) && (
        <ActivityStatusForm
          caseId={props.caseId}
          activity={plan.activities.find((a) => a.id === editing)!}
          onCancel={() => setEditing(null)}
          onDone={async () => {
            setEditing(null);
            await changed();
          }}
        />
      )}
      {can['assessment.plan'] && <PlanActivityForm caseId={props.caseId} onDone={changed} />}
      {plan.evidence && <EvidenceList caseId={props.caseId} items={plan.evidence} plan={plan} onChange={changed} />}
      {can['evidence.add'] && <EvidenceUpload caseId={props.caseId} activities={plan.activities} onDone={changed} />}
      {can['finding.import_sarif'] && <SarifImport caseId={props.caseId} activities={plan.activities} onDone={changed} />}
      {can['oscal.export'] && (
        <>
          <h3>{t('plan.oscal')}</h3>
          <ul class="plain" data-testid="oscal-links">
            {(Object.keys(OSCAL_KINDS) as (keyof typeof OSCAL_KINDS)[]).map((k) => (
              <li key={k}>
                <a href={casePath(props.caseId, `oscal/${k}`)} download={`${props.caseId}-${k}.oscal.json`}>
                  {t(OSCAL_KINDS[k])}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function EvidenceList(props: { caseId: string; items: Evidence[]; plan: AssessmentPlan; onChange: () => Promise<void> }) {
  const can = props.plan.abilities;
  const [custody, setCustody] = useState<{ id: string; events: CustodyEvent[] } | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const activity = (id: string | null) => props.plan.activities.find((a) => a.id === id)?.title ?? '—';
  const showCustody = async (id: string) => {
    if (custody?.id === id) return setCustody(null);
    try {
      const r = await api<{ events: CustodyEvent[] }>('GET', casePath(props.caseId, `evidence/${id}/custody`));
      setCustody({ id, events: r.events });
      setProblem(null);
    } catch (e) {
      setProblem(e as Error);
    }
  };
  const seal = async (id: string) => {
    try {
      await api('POST', casePath(props.caseId, `evidence/${id}/seal`));
      setProblem(null);
      await props.onChange();
    } catch (e) {
      setProblem(e as Error);
    }
  };
  return (
    <>
      <h3 id="evidence-h">{t('evidence.title')}</h3>
      <ProblemAlert problem={problem} />
      {props.items.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="evidence-table" aria-labelledby="evidence-h">
            <thead>
              <tr>
                <th scope="col">{t('evidence.file')}</th>
                <th scope="col">{t('evidence.sha256')}</th>
                <th scope="col">{t('plan.activity')}</th>
                <th scope="col">{t('evidence.added')}</th>
                <th scope="col">{t('evidence.custodian')}</th>
                <th scope="col">{t('evidence.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((e) => (
                <tr key={e.id} data-evidence={e.id}>
                  <th scope="row">
                    {can['evidence.read'] ? <a href={casePath(props.caseId, `evidence/${e.id}/content`)}>{e.filename}</a> : e.filename}
                    <p class="meta">
                      {label('evidenceKind', e.kind)} · {fmtBytes(e.sizeBytes)}
                    </p>
                  </th>
                  <td>
                    <code class="hash">{e.sha256}</code>
                  </td>
                  <td>{activity(e.activityId)}</td>
                  <td>
                    {e.addedBy.displayName ?? '—'} · {fmtDateTime(e.addedAt)}
                  </td>
                  <td>
                    {e.custodian.displayName ?? '—'}
                    {e.sealedAt && <p class="meta">{t('evidence.sealedAt', { at: fmtDateTime(e.sealedAt) })}</p>}
                  </td>
                  <td>
                    {can['evidence.custody_log'] && (
                      <button type="button" class="small" aria-expanded={custody?.id === e.id} aria-controls="custody-log" onClick={() => void showCustody(e.id)}>
                        {t('evidence.custody')}
                      </button>
                    )}
                    {can['evidence.seal'] && !e.sealedAt && (
                      <button type="button" class="small" onClick={() => void seal(e.id)}>
                        {t('evidence.seal')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {custody && (
        <div id="custody-log" role="region" aria-label={t('evidence.custody')}>
          <h4>{t('evidence.custodyOf', { name: props.items.find((e) => e.id === custody.id)?.filename ?? '' })}</h4>
          <ol class="timeline" data-testid="custody-log">
            {custody.events.map((x) => (
              <li key={x.seq}>
                <time dateTime={x.at}>{fmtDateTime(x.at)}</time> <strong>{label('custody', x.type)}</strong> · {x.actor ?? '—'}
                {x.actorOrganisation ? ` (${x.actorOrganisation})` : ''}
                {typeof x.data.reason === 'string' && <p class="note">{x.data.reason}</p>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </>
  );
}
