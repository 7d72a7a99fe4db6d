import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { FieldSpec, Values } from '../components/form.tsx';
import { SpecForm } from '../components/form.tsx';
import { label, t } from '../i18n/index.ts';
import { FINDING_METHODS, OUTCOMES, RELEASE_SCOPES, SEVERITIES, TRIGGERS } from '../labels.ts';
import { bilingual, categoryLabel, useRegime } from '../regime.ts';
import { useSession } from '../session.ts';
import type { CaseView, Organisation, Regime } from '../types.ts';
import { orgName } from './orgs.ts';

interface Lists {
  regime: Regime | null;
  orgs: Organisation[];
  experts: { id: string; displayName: string }[];
}

const note: FieldSpec = { name: 'note', label: 'field.note', kind: 'textarea', maxLength: 4000 };
const reason: FieldSpec = { name: 'reason', label: 'field.reason', kind: 'textarea', required: true, maxLength: 4000 };
const opts = (prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: label(prefix, v) }));

/**
 * The input each lifecycle action takes, mirroring its schema in `action-inputs.ts` (published in
 * the OpenAPI document). An action missing here gets a note-only form; the server still validates.
 */
const ACTION_FIELDS: Record<string, (l: Lists) => FieldSpec[]> = {
  dismiss: () => [reason, note],
  withdraw: () => [reason, note],
  terminate: () => [reason, note],
  determine_affects_security: () => [reason, note],
  determine_no_impact: () => [reason, note],
  decline: () => [reason, note],
  extend_clock: () => [reason, note],
  revoke: () => [reason, note],
  assign_assessor: (l) => [
    { name: 'assessorOrgId', label: 'field.assessor', kind: 'select', required: true, options: l.orgs.filter((o) => o.kind === 'third_party_assessor').map((o) => ({ value: o.id, label: orgName(o) })) },
    note,
  ],
  assign_expert: (l) => [{ name: 'expertUserId', label: 'field.expert', kind: 'select', required: true, options: l.experts.map((e) => ({ value: e.id, label: e.displayName })) }, note],
  record_finding: (l) => [
    { name: 'category', label: 'field.category', kind: 'select', required: true, options: (l.regime?.categories ?? [1, 2, 3, 4, 5].map((id) => ({ id }))).map((c) => ({ value: String(c.id), label: `${c.id}. ${categoryLabel(l.regime, c.id)}` })) },
    { name: 'severity', label: 'field.severity', kind: 'select', required: true, options: opts('severity', SEVERITIES) },
    { name: 'title', label: 'field.findingTitle', kind: 'text', required: true, maxLength: 300 },
    { name: 'description', label: 'field.description', kind: 'textarea', maxLength: 20000 },
    { name: 'method', label: 'field.method', kind: 'select', options: FINDING_METHODS.map((m) => ({ value: m, label: bilingual(l.regime?.methods.find((x) => x.id === m)?.label, label('method', m)) })) },
    note,
  ],
  request_supplement: () => [
    { name: 'request', label: 'field.request', kind: 'textarea', required: true, maxLength: 4000 },
    { name: 'dueDate', label: 'field.dueDate', kind: 'date', pattern: /^\d{4}-\d{2}-\d{2}$/ },
    note,
  ],
  submit_assessment: () => [{ name: 'summary', label: 'field.summary', kind: 'textarea', required: true, maxLength: 4000 }, note],
  give_opinion: () => [
    { name: 'recommendation', label: 'field.recommendation', kind: 'select', required: true, options: opts('outcome', OUTCOMES) },
    { name: 'opinion', label: 'field.opinion', kind: 'textarea', required: true, maxLength: 4000 },
    note,
  ],
  // Art. 8: a reason cites the articles it rests on; a condition (of a pass with conditions) has an owner and a due date.
  decide: (l) => [
    { name: 'outcome', label: 'field.outcome', kind: 'select', required: true, options: opts('outcome', OUTCOMES) },
    { name: 'decisionText', label: 'field.decisionText', kind: 'textarea', required: true, maxLength: 4000 },
    { name: 'articles', label: 'field.reasonArticles', kind: 'multiselect', options: (l.regime?.articles ?? []).map((a) => ({ value: a.number, label: `${t('article', { n: a.number })} ${bilingual(a.title, '')}` })) },
    { name: 'reasons', label: 'field.reasonText', kind: 'textarea', maxLength: 4000, hint: 'field.reasonHint' },
    { name: 'conditions', label: 'field.conditionText', kind: 'textarea', maxLength: 4000, when: withConditions },
    { name: 'ownerOrgId', label: 'field.conditionOwner', kind: 'select', required: true, when: (v) => withConditions(v) && !!v.conditions, options: l.orgs.map((o) => ({ value: o.id, label: orgName(o) })) },
    { name: 'dueDate', label: 'field.conditionDue', kind: 'date', required: true, when: (v) => withConditions(v) && !!v.conditions, pattern: /^\d{4}-\d{2}-\d{2}$/ },
    note,
  ],
  release: (l) => [
    { name: 'scopeKind', label: 'field.scope', kind: 'select', required: true, options: opts('scope', RELEASE_SCOPES) },
    { name: 'sector', label: 'field.sector', kind: 'select', required: true, when: (v) => v.scopeKind === 'sector', options: (l.regime?.sectors ?? []).map((s) => ({ value: s.id, label: bilingual(s.label, s.id) })) },
    { name: 'orgIds', label: 'field.recipients', kind: 'multiselect', required: true, when: (v) => v.scopeKind === 'organisations', options: l.orgs.map((o) => ({ value: o.id, label: orgName(o) })) },
    { name: 'publicSummary', label: 'field.publicSummary', kind: 'textarea', required: true, maxLength: 4000 },
    note,
  ],
  trigger_rereview: () => [{ name: 'trigger', label: 'field.trigger', kind: 'select', required: true, options: opts('trigger', TRIGGERS) }, reason, note],
};

const withConditions = (v: Values) => v.outcome === 'passed_with_conditions';

/** Reshape form values into the action's body where the API nests them. */
function toBody(action: string, body: Record<string, unknown>, v: Values): Record<string, unknown> {
  switch (action) {
    case 'decide': {
      const { articles, reasons, conditions, ownerOrgId, dueDate, ...rest } = body;
      // Half a reason is sent as it is, so the API names the missing part beside its field.
      const reason = articles || reasons ? { reasons: [{ articles: articles ?? [], text: reasons ?? '' }] } : {};
      const condition = conditions ? { conditions: [{ text: conditions, ownerOrgId, dueDate }] } : {};
      return { ...rest, ...reason, ...condition };
    }
    case 'record_finding':
      return { ...body, category: Number(body.category) };
    case 'release': {
      const { scopeKind, sector, orgIds, ...rest } = body;
      void sector;
      void orgIds;
      const scope = scopeKind === 'sector' ? { kind: 'sector', sector: v.sector } : scopeKind === 'organisations' ? { kind: 'organisations', orgIds: v.orgIds } : { kind: scopeKind };
      return { ...rest, scope };
    }
    default:
      return body;
  }
}

/** One button per action the server says this viewer may take now; each opens that action's form. */
export function ActionsPanel(props: { view: CaseView; onDone: (action: string) => Promise<void> }) {
  const { view } = props;
  const { oversight } = useSession();
  const regime = useRegime(view.regimeId);
  const [open, setOpen] = useState<string | null>(null);
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [experts, setExperts] = useState<{ id: string; displayName: string }[]>([]);
  const formRef = useRef<HTMLDivElement>(null);
  const actions = view.abilities.actions;
  const needsOrgs = actions.some((a) => a === 'assign_assessor' || a === 'release' || a === 'decide');
  const needsExperts = actions.includes('assign_expert') && !!oversight?.['oversight.list_experts'];
  useEffect(() => {
    if (needsOrgs) api<{ items: Organisation[] }>('GET', '/api/v1/organisations').then((r) => setOrgs(r.items), () => undefined);
  }, [needsOrgs]);
  useEffect(() => {
    if (needsExperts) api<{ items: { id: string; displayName: string }[] }>('GET', '/api/v1/experts').then((r) => setExperts(r.items), () => undefined);
  }, [needsExperts]);
  useEffect(() => {
    if (open) formRef.current?.querySelector<HTMLElement>('input, select, textarea, button[type=submit]')?.focus();
  }, [open]);
  if (actions.length === 0) return null;
  const lists: Lists = { regime, orgs, experts };
  return (
    <section class="panel actions" aria-labelledby="actions-h">
      <h2 id="actions-h">{t('actions.title')}</h2>
      <div class="buttons" data-testid="action-buttons">
        {actions.map((a) => (
          <button type="button" key={a} data-action={a} aria-expanded={open === a} aria-controls="action-form" class={open === a ? 'primary' : ''} onClick={() => setOpen(open === a ? null : a)}>
            {label('action', a)}
          </button>
        ))}
      </div>
      {open && (
        <div id="action-form" class="action-form" ref={formRef} role="region" aria-label={label('action', open)}>
          <h3>{label('action', open)}</h3>
          <SpecForm
            key={open}
            idPrefix={`act-${open}`}
            fields={(ACTION_FIELDS[open] ?? (() => [note]))(lists)}
            submitLabel={t('actions.submit', { action: label('action', open) })}
            onCancel={() => setOpen(null)}
            onSubmit={async (body, values) => {
              await api('POST', `/api/v1/cases/${view.id}/actions/${open}`, toBody(open, body, values));
              const done = open;
              setOpen(null);
              await props.onDone(done);
            }}
          />
        </div>
      )}
    </section>
  );
}
