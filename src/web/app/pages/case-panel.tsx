import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, casePath } from '../api.ts';
import { ProblemAlert } from '../components/form.tsx';
import { fmtDateTime, fmtNum, t } from '../i18n/index.ts';
import { categoryLabel } from '../regime.ts';
import { useSession } from '../session.ts';
import type { Aggregate, PanelView, Regime } from '../types.ts';
import { ConflictForm, DissentForm, FormPanelForm, ScoreSheetForm, SignAssessment } from './panel-forms.tsx';

const CATEGORY_IDS = ['1', '2', '3', '4', '5'];

/**
 * The Experts Committee panel of the current round (Art. 6). Sealed scores are sealed by the
 * server: until it says `revealed`, the page holds the progress ("n of m scored") and at most the
 * viewer's own sheet. Forms appear only where the panel's serialized abilities allow them.
 */
export function PanelSection(props: { caseId: string; regime: Regime | null; canPropose: boolean; onChange: () => Promise<void> }) {
  const [panel, setPanel] = useState<PanelView | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const load = useCallback(async () => {
    try {
      setPanel(await api<PanelView>('GET', casePath(props.caseId, 'panel')));
      setMissing(false);
      setError(null);
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 404) setMissing(true);
      else setError(e as Error);
    }
  }, [props.caseId]);
  useEffect(() => {
    void load();
  }, [load]);
  const changed = async () => {
    await load();
    await props.onChange();
  };
  return (
    <section class="panel" aria-labelledby="panel-h" data-testid="expert-panel">
      <h2 id="panel-h">{t('panel.title')}</h2>
      <ProblemAlert problem={error} />
      {missing && (
        <>
          <p data-testid="panel-missing">{t('panel.none')}</p>
          {props.canPropose && <FormPanelForm caseId={props.caseId} forming onDone={changed} />}
        </>
      )}
      {!panel && !missing && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {panel && <PanelBody panel={panel} caseId={props.caseId} regime={props.regime} onChange={changed} />}
    </section>
  );
}

function PanelBody(props: { panel: PanelView; caseId: string; regime: Regime | null; onChange: () => Promise<void> }) {
  const { panel: p, regime } = props;
  const { me } = useSession();
  const name = (id: string) => p.members.find((m) => m.userId === id)?.displayName ?? id;
  const mine = me ? p.members.find((m) => m.userId === me.user.id) : undefined;
  const myScored = !!mine && (mine.scored || p.sheets.some((s) => s.expertUserId === mine.userId));
  const open = !p.assessment;
  const scale = regime?.panel;
  return (
    <>
      <dl class="facts">
        <dt>{t('panel.round')}</dt>
        <dd>{fmtNum(p.reviewRound)}</dd>
        <dt>{t('panel.quorum')}</dt>
        <dd>{fmtNum(p.quorum)}</dd>
        <dt>{t('panel.deadline')}</dt>
        <dd>
          <time dateTime={p.scoringDeadline}>{fmtDateTime(p.scoringDeadline)}</time>
        </dd>
        <dt>{t('panel.progressLabel')}</dt>
        <dd data-testid="panel-progress" data-revealed={String(p.revealed)}>
          {t('panel.progress', { n: fmtNum(p.scored), m: fmtNum(p.sitting) })} · <span class="badge">{p.revealed ? t('panel.revealed') : t('panel.sealed')}</span>
        </dd>
        {scale && (
          <>
            <dt>{t('panel.scale')}</dt>
            <dd>{t('panel.scaleText', { min: fmtNum(scale.categoryScale.min), max: fmtNum(scale.categoryScale.max), tmin: fmtNum(scale.trustworthinessScale.min), tmax: fmtNum(scale.trustworthinessScale.max) })}</dd>
          </>
        )}
      </dl>
      <div class="table-wrap">
        <table data-testid="panel-members">
          <caption>{t('panel.members')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('panel.member')}</th>
              <th scope="col">{t('panel.status')}</th>
            </tr>
          </thead>
          <tbody>
            {p.members.map((m) => (
              <tr key={m.userId}>
                <th scope="row">{m.displayName}</th>
                <td>{m.recused ? t('panel.recused', { reason: m.recusalReason ?? '' }) : m.scored ? t('panel.scored') : t('panel.awaiting')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!p.revealed && <p class="meta" data-testid="panel-sealed">{t('panel.sealedNote')}</p>}
      {p.sheets.length > 0 && <Sheets panel={p} regime={regime} name={name} />}
      {p.aggregates && <Aggregates aggregates={p.aggregates} regime={regime} />}
      {p.dissents && p.dissents.length > 0 && (
        <>
          <h3>{t('panel.dissents')}</h3>
          <ul class="plain" data-testid="panel-dissents">
            {p.dissents.map((d) => (
              <li key={d.id}>
                <strong>{name(d.expertUserId)}</strong> · {fmtDateTime(d.recordedAt)}
                <p>{d.text}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.assessment && (
        <div class="alert alert-ok" data-testid="panel-signed">
          <strong>{t('panel.signed')}</strong>
          <p>
            {t('signed.keyId')}: <code>{p.assessment.signature.keyId}</code> · {t('signed.at')}: {fmtDateTime(p.assessment.signature.signedAt)}
          </p>
        </div>
      )}
      {open && p.abilities['panel.propose_members'] && <FormPanelForm caseId={props.caseId} forming={false} onDone={props.onChange} />}
      {open && p.abilities['panel.score'] && mine && !mine.recused && !myScored && scale && <ScoreSheetForm caseId={props.caseId} regime={regime} onDone={props.onChange} />}
      {open && p.abilities['panel.declare_conflict'] && mine && !mine.recused && !myScored && <ConflictForm caseId={props.caseId} onDone={props.onChange} />}
      {open && p.revealed && p.abilities['panel.dissent'] && mine && !mine.recused && <DissentForm caseId={props.caseId} onDone={props.onChange} />}
      {open && p.abilities['panel.sign'] && <SignAssessment caseId={props.caseId} blocker={p.signingBlocker ? t('panel.signBlocked', { n: fmtNum(p.scored), m: fmtNum(p.sitting), q: fmtNum(p.quorum) }) : null} onDone={props.onChange} />}
    </>
  );
}

function Sheets(props: { panel: PanelView; regime: Regime | null; name: (id: string) => string }) {
  return (
    <div class="table-wrap">
      <table data-testid="panel-sheets">
        <caption>{props.panel.revealed ? t('panel.sheets') : t('panel.mySheet')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('panel.member')}</th>
            {CATEGORY_IDS.map((c) => (
              <th scope="col" key={c} title={categoryLabel(props.regime, Number(c))}>
                {t('findings.category', { n: c })}
              </th>
            ))}
            <th scope="col">{t('panel.trustworthiness')}</th>
            <th scope="col">{t('panel.rationale')}</th>
          </tr>
        </thead>
        <tbody>
          {props.panel.sheets.map((s) => (
            <tr key={s.id}>
              <th scope="row">{props.name(s.expertUserId)}</th>
              {CATEGORY_IDS.map((c) => (
                <td key={c}>{fmtNum(s.categoryScores[c] ?? 0)}</td>
              ))}
              <td>{fmtNum(s.trustworthiness)}</td>
              <td>{s.rationale}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AggregateRow(props: { head: string; a: Aggregate }) {
  const { a } = props;
  return (
    <tr class={a.dispersed ? 'dispersed' : ''}>
      <th scope="row">{props.head}</th>
      <td>{fmtNum(a.mean)}</td>
      <td>{fmtNum(a.median)}</td>
      <td>
        {fmtNum(a.min)}–{fmtNum(a.max)}
      </td>
      <td>{fmtNum(a.stdDev)}</td>
      <td>{a.dispersed ? <span class="badge sev-high">{t('panel.dispersed')}</span> : t('panel.consistent')}</td>
    </tr>
  );
}

function Aggregates(props: { aggregates: NonNullable<PanelView['aggregates']>; regime: Regime | null }) {
  const { aggregates: ag, regime } = props;
  return (
    <div class="table-wrap">
      <table data-testid="panel-aggregates">
        <caption>{t('panel.aggregates')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('field.category')}</th>
            <th scope="col">{t('panel.mean')}</th>
            <th scope="col">{t('panel.median')}</th>
            <th scope="col">{t('panel.range')}</th>
            <th scope="col">{t('panel.stdDev')}</th>
            <th scope="col">{t('panel.dispersion')}</th>
          </tr>
        </thead>
        <tbody>
          {CATEGORY_IDS.map((c) => ag.categories[c] && <AggregateRow key={c} head={`${c}. ${categoryLabel(regime, Number(c))}`} a={ag.categories[c]} />)}
          <AggregateRow head={t('panel.trustworthiness')} a={ag.trustworthiness} />
        </tbody>
      </table>
    </div>
  );
}
