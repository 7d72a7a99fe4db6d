import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { FieldSpec } from '../components/form.tsx';
import { ProblemAlert, SpecForm } from '../components/form.tsx';
import { fmtNum, t } from '../i18n/index.ts';
import { categoryLabel } from '../regime.ts';
import { useSession } from '../session.ts';
import type { Regime, ScoreScale } from '../types.ts';

const CATEGORY_IDS = ['1', '2', '3', '4', '5'];
const path = (caseId: string, rest: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/panel/${rest}`;

/** Every value of a regime scale, so a score can only be picked on it (the server checks again). */
function scaleOptions(s: ScoreScale): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (let i = 0; s.min + i * s.step <= s.max + 1e-9; i++) {
    const v = Math.round((s.min + i * s.step) * 1000) / 1000;
    out.push({ value: String(v), label: fmtNum(v) });
  }
  return out;
}

/** The Office forms the panel (at least the quorum) from the Experts Committee, or adds members. */
export function FormPanelForm(props: { caseId: string; forming: boolean; onDone: () => Promise<void> }) {
  const { oversight } = useSession();
  const [experts, setExperts] = useState<{ id: string; displayName: string }[]>([]);
  useEffect(() => {
    if (oversight?.['oversight.list_experts']) api<{ items: { id: string; displayName: string }[] }>('GET', '/api/v1/experts').then((r) => setExperts(r.items), () => undefined);
  }, [oversight]);
  const fields: FieldSpec[] = [
    { name: 'expertUserIds', label: 'panel.chooseExperts', kind: 'multiselect', required: true, options: experts.map((e) => ({ value: e.id, label: e.displayName })) },
    ...(props.forming ? [{ name: 'scoringDeadline', label: 'panel.deadlineField', kind: 'date', hint: 'panel.deadlineHint', pattern: /^\d{4}-\d{2}-\d{2}$/ } satisfies FieldSpec] : []),
  ];
  return (
    <div class="action-form" role="region" aria-labelledby="panel-form-h">
      <h3 id="panel-form-h">{props.forming ? t('panel.form') : t('panel.addMembers')}</h3>
      <SpecForm
        idPrefix="panel-form"
        fields={fields}
        submitLabel={props.forming ? t('panel.form') : t('panel.addMembers')}
        onSubmit={async (body) => {
          // A date picked in the form is the end of that day in China Standard Time.
          const deadline = typeof body.scoringDeadline === 'string' ? { scoringDeadline: `${body.scoringDeadline}T23:59:59+08:00` } : {};
          await api('POST', path(props.caseId, 'members'), { expertUserIds: body.expertUserIds, ...deadline });
          await props.onDone();
        }}
      />
    </div>
  );
}

/** One sheet per expert and round: every Art. 4 category and the supplier's trustworthiness (Art. 6). */
export function ScoreSheetForm(props: { caseId: string; regime: Regime | null; onDone: () => Promise<void> }) {
  const rules = props.regime?.panel;
  if (!rules) return null;
  const cat = scaleOptions(rules.categoryScale);
  const fields: FieldSpec[] = [
    ...CATEGORY_IDS.map((c): FieldSpec => ({ name: c, label: 'panel.categoryScore', labelText: t('panel.categoryScoreOf', { n: c, label: categoryLabel(props.regime, Number(c)) }), kind: 'select', required: true, options: cat })),
    { name: 'trustworthiness', label: 'panel.trustworthinessScore', kind: 'select', required: true, options: scaleOptions(rules.trustworthinessScale) },
    { name: 'rationale', label: 'panel.rationale', kind: 'textarea', maxLength: 20000 },
  ];
  return (
    <div class="action-form" role="region" aria-labelledby="score-h">
      <h3 id="score-h">{t('panel.scoreSheet')}</h3>
      <p class="hint">{t('panel.scoreHint', { min: fmtNum(rules.categoryScale.min), max: fmtNum(rules.categoryScale.max) })}</p>
      <SpecForm
        idPrefix="score"
        fields={fields}
        submitLabel={t('panel.submitScores')}
        onSubmit={async (body) => {
          const categoryScores = Object.fromEntries(CATEGORY_IDS.map((c) => [c, Number(body[c])]));
          await api('POST', path(props.caseId, 'scores'), { categoryScores, trustworthiness: Number(body.trustworthiness), ...(body.rationale ? { rationale: body.rationale } : {}) });
          await props.onDone();
        }}
      />
    </div>
  );
}

function Disclosure(props: { id: string; title: string; fields: FieldSpec[]; submit: string; onSubmit: (body: Record<string, unknown>) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="action-form">
      <button type="button" aria-expanded={open} aria-controls={`${props.id}-region`} onClick={() => setOpen(!open)} data-testid={`${props.id}-open`}>
        {props.title}
      </button>
      {open && (
        <div id={`${props.id}-region`} role="region" aria-label={props.title}>
          <SpecForm
            idPrefix={props.id}
            fields={props.fields}
            submitLabel={props.submit}
            onCancel={() => setOpen(false)}
            onSubmit={async (body) => {
              await props.onSubmit(body);
              setOpen(false);
            }}
          />
        </div>
      )}
    </div>
  );
}

export function ConflictForm(props: { caseId: string; onDone: () => Promise<void> }) {
  return (
    <Disclosure
      id="conflict"
      title={t('panel.declareConflict')}
      submit={t('panel.declareConflict')}
      fields={[{ name: 'reason', label: 'panel.conflictReason', kind: 'textarea', required: true, maxLength: 4000 }]}
      onSubmit={async (body) => {
        await api('POST', path(props.caseId, 'conflict'), body);
        await props.onDone();
      }}
    />
  );
}

export function DissentForm(props: { caseId: string; onDone: () => Promise<void> }) {
  return (
    <Disclosure
      id="dissent"
      title={t('panel.recordDissent')}
      submit={t('panel.recordDissent')}
      fields={[{ name: 'text', label: 'panel.dissentText', kind: 'textarea', required: true, maxLength: 20000 }]}
      onSubmit={async (body) => {
        await api('POST', path(props.caseId, 'dissents'), body);
        await props.onDone();
      }}
    />
  );
}

/** The Office signs once the server says nothing blocks it; until then the reason is shown. */
export function SignAssessment(props: { caseId: string; blocker: string | null; onDone: () => Promise<void> }) {
  const [problem, setProblem] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div class="action-form">
      {props.blocker && (
        <p class="meta" id="sign-blocker">
          {props.blocker}
        </p>
      )}
      <button
        type="button"
        class="primary"
        data-testid="panel-sign"
        disabled={busy || !!props.blocker}
        aria-describedby={props.blocker ? 'sign-blocker' : undefined}
        onClick={async () => {
          setBusy(true);
          setProblem(null);
          try {
            await api('POST', path(props.caseId, 'assessment'));
            await props.onDone();
          } catch (e) {
            setProblem(e as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('panel.sign')}
      </button>
      <ProblemAlert problem={problem} />
    </div>
  );
}
