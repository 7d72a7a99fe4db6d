import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { FieldSpec } from '../components/form.tsx';
import { ProblemAlert, SpecForm } from '../components/form.tsx';
import { fmtDate, fmtDateTime, label, t } from '../i18n/index.ts';
import { useSession } from '../session.ts';
import type { Organisation } from '../types.ts';
import { ACCREDITABLE_METHODS, PRODUCT_CATEGORIES } from './case-assignment.tsx';
import { orgName } from './orgs.ts';

interface Accreditation {
  id: string;
  orgId: string;
  organisation: string;
  productCategories: string[];
  methods: string[];
  validFrom: string;
  validTo: string;
  status: string;
  history: { action: string; from: string | null; to: string; reason: string; by: string | null; at: string }[];
  /** Status changes the server allows this viewer now. */
  actions: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Art. 7: the accreditation registry — scope, validity, status and history of each third party. */
export function AccreditationsPage() {
  const { oversight } = useSession();
  const [items, setItems] = useState<Accreditation[] | null>(null);
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [change, setChange] = useState<{ id: string; action: string } | null>(null);
  // A fresh (empty) grant form after each grant.
  const [granted, setGranted] = useState(0);
  const manage = !!oversight?.['accreditation.manage'];
  const load = useCallback(async () => {
    try {
      setItems((await api<{ items: Accreditation[] }>('GET', '/api/v1/accreditations')).items);
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (manage) api<{ items: Organisation[] }>('GET', '/api/v1/organisations').then((r) => setOrgs(r.items), () => undefined);
  }, [manage]);
  const grantFields: FieldSpec[] = [
    { name: 'orgId', label: 'accr.organisation', kind: 'select', required: true, options: orgs.filter((o) => o.kind === 'third_party_assessor').map((o) => ({ value: o.id, label: orgName(o) })) },
    { name: 'productCategories', label: 'accr.categories', kind: 'multiselect', required: true, options: PRODUCT_CATEGORIES.map((c) => ({ value: c, label: label('productCategory', c) })) },
    { name: 'methods', label: 'accr.methods', kind: 'multiselect', required: true, options: ACCREDITABLE_METHODS.map((m) => ({ value: m, label: label('method', m) })) },
    { name: 'validFrom', label: 'accr.validFrom', kind: 'date', required: true, pattern: DATE },
    { name: 'validTo', label: 'accr.validTo', kind: 'date', required: true, pattern: DATE },
    { name: 'reason', label: 'accr.basis', kind: 'textarea', required: true, maxLength: 2000 },
  ];
  return (
    <section>
      <h1>{t('accr.title')}</h1>
      <ProblemAlert problem={error} />
      {items && items.length === 0 && <p>{t('common.none')}</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="accreditations">
            <caption class="sr-only">{t('accr.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accr.organisation')}</th>
                <th scope="col">{t('accr.scope')}</th>
                <th scope="col">{t('accr.valid')}</th>
                <th scope="col">{t('accr.status')}</th>
                <th scope="col">{t('accr.history')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-accreditation={a.id} data-status={a.status}>
                  <th scope="row">{a.organisation}</th>
                  <td>
                    {a.productCategories.map((c) => label('productCategory', c)).join(t('common.listSep'))}
                    <p class="meta">{a.methods.map((m) => label('method', m)).join(t('common.listSep'))}</p>
                  </td>
                  <td>
                    {fmtDate(a.validFrom)} – {fmtDate(a.validTo)}
                  </td>
                  <td>
                    <span class={`badge accr-${a.status}`}>{label('accrStatus', a.status)}</span>
                    <div class="buttons">
                      {a.actions.map((x) => (
                        <button type="button" class="small" key={x} data-action={x} aria-expanded={change?.id === a.id && change.action === x} aria-controls="accr-change" onClick={() => setChange({ id: a.id, action: x })}>
                          {label('accrAction', x)}
                        </button>
                      ))}
                    </div>
                  </td>
                  <td>
                    <ul class="plain">
                      {a.history.map((h, i) => (
                        <li key={i} class="meta">
                          {fmtDateTime(h.at)} · {label('accrAction', h.action)} → {label('accrStatus', h.to)}
                          {h.by ? ` · ${h.by}` : ''} — {h.reason}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {change && (
        <div id="accr-change" class="panel" role="region" aria-labelledby="accr-change-h">
          <h2 id="accr-change-h">
            {label('accrAction', change.action)}: {items?.find((a) => a.id === change.id)?.organisation}
          </h2>
          <SpecForm
            key={`${change.id}-${change.action}`}
            idPrefix="accr-change"
            fields={[{ name: 'reason', label: 'field.reason', kind: 'textarea', required: true, maxLength: 4000 }]}
            submitLabel={label('accrAction', change.action)}
            onCancel={() => setChange(null)}
            onSubmit={async (body) => {
              await api('POST', `/api/v1/accreditations/${change.id}/status`, { action: change.action, reason: body.reason });
              setChange(null);
              await load();
            }}
          />
        </div>
      )}
      {manage && (
        <div class="panel" role="region" aria-labelledby="accr-grant-h">
          <h2 id="accr-grant-h">{t('accr.grant')}</h2>
          <SpecForm
            key={granted}
            idPrefix="accr-grant"
            fields={grantFields}
            submitLabel={t('accr.grant')}
            onSubmit={async (body) => {
              await api('POST', '/api/v1/accreditations', body);
              setGranted((n) => n + 1);
              await load();
            }}
          />
        </div>
      )}
    </section>
  );
}
