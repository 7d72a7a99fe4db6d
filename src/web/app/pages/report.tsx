import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { FieldSpec } from '../components/form.tsx';
import { SpecForm } from '../components/form.tsx';
import { t } from '../i18n/index.ts';
import { href } from '../router.ts';

const FIELDS: FieldSpec[] = [
  { name: 'productName', label: 'field.productName', kind: 'text', required: true, maxLength: 300 },
  { name: 'productVersion', label: 'field.productVersion', kind: 'text', maxLength: 100 },
  { name: 'title', label: 'report.concernTitle', kind: 'text', required: true, maxLength: 300 },
  { name: 'description', label: 'report.description', kind: 'textarea', maxLength: 20000, hint: 'report.descriptionHint' },
];

/** Art. 8: anyone may report a concern about a product; no sign-in, the reporter gets the reference. */
export function ReportConcernPage() {
  const [done, setDone] = useState<string | null>(null);
  return (
    <section class="narrow">
      <h1>{t('report.title')}</h1>
      <p class="lead">{t('report.lead')}</p>
      {done ? (
        <div class="alert alert-ok" role="status" data-testid="report-done">
          <p>{t('report.thanks', { ref: done })}</p>
          <p>
            <a href={href('/register')}>{t('nav.register')}</a>
          </p>
        </div>
      ) : (
        <SpecForm
          idPrefix="report"
          fields={FIELDS}
          submitLabel={t('report.submit')}
          onSubmit={async (body) => {
            const r = await api<{ ref: string }>('POST', '/api/v1/cases', { action: 'report_concern', ...body });
            setDone(r.ref);
          }}
        />
      )}
    </section>
  );
}
