import { api } from '../api.ts';
import type { FieldSpec } from '../components/form.tsx';
import { SpecForm } from '../components/form.tsx';
import { t } from '../i18n/index.ts';
import { useSession } from '../session.ts';

const FIELDS: FieldSpec[] = [
  { name: 'username', label: 'signin.username', kind: 'text', required: true, maxLength: 100 },
  { name: 'password', label: 'signin.password', kind: 'password', required: true, maxLength: 200 },
];

export function SignInPage() {
  const session = useSession();
  return (
    <section class="narrow">
      <h1>{t('signin.title')}</h1>
      <SpecForm
        idPrefix="signin"
        fields={FIELDS}
        submitLabel={t('signin.submit')}
        onSubmit={async (body) => {
          await api('POST', '/api/v1/session', body);
          await session.refresh();
          if (/^#\/signin/.test(location.hash) || !location.hash || location.hash === '#/') location.hash = '#/';
        }}
      />
    </section>
  );
}
