import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, casePath } from '../api.ts';
import type { FieldSpec } from '../components/form.tsx';
import { ProblemAlert, SpecForm } from '../components/form.tsx';
import { fmtDateTime, label, t } from '../i18n/index.ts';
import type { CaseView, Organisation } from '../types.ts';
import { orgName } from './orgs.ts';
import type { DrawCheck } from '../../../services/assignment/verify-assignment.ts';

/** Mirrors of the API's enumerations (the server validates again). */
export const PRODUCT_CATEGORIES = ['network_equipment', 'security_equipment', 'computing_storage', 'operating_system', 'database_middleware', 'industrial_control', 'cloud_service', 'communication_service', 'application_software'] as const;
export const ACCREDITABLE_METHODS = ['lab_testing', 'onsite_check', 'online_monitoring', 'background_investigation'] as const;

/** One draw as the server re-checks it (type-only: nothing of the server is bundled). */
type Draw = DrawCheck;

/**
 * Art. 7, 11: the scope the assessor must be accredited for, the random draw among the eligible
 * (seed, list and pick, each re-checked by the server), and the case's flags for the Office.
 */
export function AssignmentSection(props: { view: CaseView; onChange: () => Promise<void> }) {
  const v = props.view;
  const can = v.registryAbilities!;
  const [draws, setDraws] = useState<{ verdict: string; draws: Draw[] } | null>(null);
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [scope, setScope] = useState<{ productCategory: string; assessmentMethods: string[] } | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    try {
      setDraws(await api<{ verdict: string; draws: Draw[] }>('GET', casePath(v.id, 'assessor-draws')));
    } catch (e) {
      setProblem(e as Error);
    }
  }, [v.id]);
  useEffect(() => {
    void load();
  }, [load, v.version]);
  useEffect(() => {
    if (can['assignment.draw']) api<{ items: Organisation[] }>('GET', '/api/v1/organisations').then((r) => setOrgs(r.items), () => undefined);
  }, [can]);
  const name = (id: string) => {
    const o = orgs.find((x) => x.id === id);
    return o ? orgName(o) : id === v.assessor?.id ? v.assessor.name : id;
  };
  const draw = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api('POST', casePath(v.id, 'assessor-draw'), {});
      await props.onChange();
      await load();
    } catch (e) {
      setProblem(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const scopeFields: FieldSpec[] = [
    { name: 'productCategory', label: 'assign.productCategory', kind: 'select', required: true, options: PRODUCT_CATEGORIES.map((c) => ({ value: c, label: label('productCategory', c) })) },
    { name: 'assessmentMethods', label: 'assign.methods', kind: 'multiselect', options: ACCREDITABLE_METHODS.map((m) => ({ value: m, label: label('method', m) })) },
  ];
  const showDraws = draws && draws.draws.length > 0;
  if (!can['case.set_scope'] && !can['assignment.draw'] && !showDraws && !v.flags?.length) return null;
  return (
    <section class="panel" aria-labelledby="assign-h" data-testid="assignment">
      <h2 id="assign-h">{t('assign.title')}</h2>
      {can['case.set_scope'] && !v.assessor && (
        <div class="action-form" role="region" aria-labelledby="scope-h">
          <h3 id="scope-h">{t('assign.scope')}</h3>
          {scope && (
            <p role="status" data-testid="scope-set">
              {t('assign.scopeSet', { category: label('productCategory', scope.productCategory), methods: scope.assessmentMethods.map((m) => label('method', m)).join(t('common.listSep')) || '—' })}
            </p>
          )}
          <SpecForm
            idPrefix="scope"
            fields={scopeFields}
            submitLabel={t('assign.setScope')}
            onSubmit={async (body) => {
              setScope(await api<{ productCategory: string; assessmentMethods: string[] }>('PUT', casePath(v.id, 'scope'), { productCategory: body.productCategory, assessmentMethods: body.assessmentMethods ?? [] }));
            }}
          />
        </div>
      )}
      {can['assignment.draw'] && !v.assessor && (
        <div class="action-form">
          <p class="hint">{t('assign.drawHint')}</p>
          <button type="button" class="primary" disabled={busy} onClick={() => void draw()} data-testid="assessor-draw">
            {t('assign.draw')}
          </button>
        </div>
      )}
      <ProblemAlert problem={problem} />
      {showDraws && (
        <>
          <h3>{t('assign.draws')}</h3>
          <p data-testid="draw-verdict">
            {t('assign.verdict')}: <span class={`badge verdict-${draws.verdict}`}>{label('verdict', draws.verdict)}</span>
          </p>
          <ol class="plain" data-testid="draws">
            {draws.draws.map((d) => (
              <li key={d.drawId} class="card">
                <dl class="facts">
                  <dt>{t('assign.drawnAt')}</dt>
                  <dd>{fmtDateTime(d.drawnAt)}</dd>
                  <dt>{t('assign.algorithm')}</dt>
                  <dd>
                    <code>{d.algorithm}</code>
                  </dd>
                  <dt>{t('assign.seed')}</dt>
                  <dd>
                    <code class="hash" data-testid="draw-seed">
                      {d.seed}
                    </code>
                  </dd>
                  <dt>{t('assign.pick')}</dt>
                  <dd data-testid="draw-pick">{name(d.assessorOrgId)}</dd>
                  <dt>{t('assign.verdict')}</dt>
                  <dd>
                    {label('verdict', d.verdict)}
                    {d.problems.length > 0 && <span> — {d.problems.join('; ')}</span>}
                  </dd>
                </dl>
                <p>{t('assign.eligible', { n: d.eligible.length })}</p>
                <ol start={0} data-testid="draw-eligible">
                  {d.eligible.map((id, i) => (
                    <li key={id}>
                      {name(id)}
                      {i === d.pickIndex && <strong> ← {t('assign.picked')}</strong>}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </>
      )}
      {v.flags && v.flags.length > 0 && <Flags view={v} canResolve={!!can['flag.resolve']} onChange={props.onChange} />}
    </section>
  );
}

function Flags(props: { view: CaseView; canResolve: boolean; onChange: () => Promise<void> }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <h3>{t('flags.title')}</h3>
      <ul class="plain" data-testid="case-flags">
        {props.view.flags!.map((f) => (
          <li key={f.id} data-resolved={String(!!f.resolved_at)}>
            <span class={`badge${f.resolved_at ? '' : ' sev-high'}`}>{label('flag', f.kind)}</span> {f.detail}
            <p class="meta">
              {t('flags.raised', { at: fmtDateTime(f.raised_at) })}
              {f.resolved_at ? ` · ${t('flags.resolved', { at: fmtDateTime(f.resolved_at) })}` : ''}
            </p>
            {props.canResolve && !f.resolved_at && (
              <button type="button" class="small" aria-expanded={open === f.id} onClick={() => setOpen(open === f.id ? null : f.id)}>
                {t('flags.resolve')}
              </button>
            )}
            {open === f.id && (
              <SpecForm
                idPrefix={`flag-${f.id}`}
                fields={[{ name: 'note', label: 'flags.note', kind: 'textarea', required: true, maxLength: 4000 }]}
                submitLabel={t('flags.resolve')}
                onCancel={() => setOpen(null)}
                onSubmit={async (body) => {
                  await api('POST', casePath(props.view.id, `flags/${f.id}/resolve`), body);
                  setOpen(null);
                  await props.onChange();
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
