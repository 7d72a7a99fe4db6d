import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { FieldSpec } from '../components/form.tsx';
import { SpecForm } from '../components/form.tsx';
import { t } from '../i18n/index.ts';
import { bilingual, useRegime } from '../regime.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.ts';
import type { Organisation } from '../types.ts';
import { orgName } from './orgs.ts';

/** What each create action asks for beyond the common fields (Art. 8, 9, 10). */
const EXTRA = {
  declare_procurement: { sector: true, system: true, supplier: true },
  open_review: { sector: false, system: false, supplier: false },
  open_sector_review: { sector: false, system: false, supplier: false },
  request_review: { sector: false, system: false, supplier: false },
} as const satisfies Record<string, { sector: boolean; system: boolean; supplier: boolean }>;

export function CreateCasePage(props: { action: string }) {
  const { me } = useSession();
  const regime = useRegime();
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  useEffect(() => {
    api<{ items: Organisation[] }>('GET', '/api/v1/organisations').then((r) => setOrgs(r.items), () => setOrgs([]));
  }, []);
  if (!me?.abilities.createActions.includes(props.action)) {
    return (
      <section>
        <h1>{t('page.notFound')}</h1>
      </section>
    );
  }
  const extra = EXTRA[props.action as keyof typeof EXTRA] ?? EXTRA.open_review;
  const fields: FieldSpec[] = [
    { name: 'title', label: 'field.title', kind: 'text', required: true, maxLength: 300 },
    { name: 'productName', label: 'field.productName', kind: 'text', required: true, maxLength: 300 },
    { name: 'productVersion', label: 'field.productVersion', kind: 'text', maxLength: 100 },
    ...(props.action === 'open_sector_review'
      ? []
      : [{ name: 'sector', label: 'field.sector', kind: 'select', required: extra.sector, options: (regime?.sectors ?? []).map((s) => ({ value: s.id, label: bilingual(s.label, s.id) })) } satisfies FieldSpec]),
    { name: 'systemName', label: 'field.systemName', kind: 'text', required: extra.system, maxLength: 300 },
    {
      name: 'supplierOrgId',
      label: 'field.supplier',
      kind: 'select',
      required: extra.supplier,
      options: orgs.filter((o) => o.kind === 'supplier').map((o) => ({ value: o.id, label: orgName(o) })),
    },
    { name: 'description', label: 'field.description', kind: 'textarea', maxLength: 20000 },
  ];
  return (
    <section class="narrow">
      <h1>{t(`create.${props.action}` as 'create.declare_procurement')}</h1>
      <p class="lead">{t(`create.${props.action}.lead` as 'create.declare_procurement.lead')}</p>
      <SpecForm
        idPrefix="create"
        fields={fields}
        initial={props.action === 'declare_procurement' && me.user.organisation.sector ? { sector: me.user.organisation.sector } : {}}
        submitLabel={t('create.submit')}
        onSubmit={async (body) => {
          const r = await api<{ id: string }>('POST', '/api/v1/cases', { action: props.action, ...body });
          navigate(`/cases/${r.id}`);
        }}
      />
    </section>
  );
}
