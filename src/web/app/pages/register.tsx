import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ProblemAlert } from '../components/form.tsx';
import { fmtDate, fmtNum, label, t } from '../i18n/index.ts';
import { href } from '../router.ts';

interface Result {
  ref: string;
  title: string;
  productName: string;
  productVersion: string | null;
  supplierName: string | null;
  outcome: string;
  publicSummary: string;
  releasedAt: string;
  underSupervision: boolean;
}

const PAGE = 20;

/** The public register of released results (Art. 8, 13): no sign-in. */
export function RegisterPage() {
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; items: Result[] } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    api<{ total: number; items: Result[] }>('GET', `/api/v1/public/results?limit=${PAGE}&offset=${offset}`).then(setData, setError);
  }, [offset]);
  return (
    <section>
      <h1>{t('register.title')}</h1>
      <p class="lead">{t('register.lead')}</p>
      <p>
        <a href={href('/report')}>{t('register.reportLink')}</a>
      </p>
      <ProblemAlert problem={error} />
      {!data && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {data && data.items.length === 0 && <p>{t('register.empty')}</p>}
      {data && data.items.length > 0 && (
        <>
          <p>{t('register.count', { n: fmtNum(data.total) })}</p>
          <ol class="cards" data-testid="register-list">
            {data.items.map((r) => (
              <li class="card" key={r.ref}>
                <h2>
                  {r.productName}
                  {r.productVersion ? ` ${r.productVersion}` : ''}
                </h2>
                <dl class="facts">
                  <dt>{t('case.ref')}</dt>
                  <dd>{r.ref}</dd>
                  <dt>{t('case.supplier')}</dt>
                  <dd>{r.supplierName ?? '—'}</dd>
                  <dt>{t('case.outcome')}</dt>
                  <dd>
                    <span class={`badge outcome-${r.outcome}`}>{label('outcome', r.outcome)}</span>
                  </dd>
                  <dt>{t('register.releasedAt')}</dt>
                  <dd>{fmtDate(r.releasedAt)}</dd>
                  {r.underSupervision && (
                    <>
                      <dt>{t('register.supervision')}</dt>
                      <dd>{t('common.yes')}</dd>
                    </>
                  )}
                </dl>
                <p class="summary">{r.publicSummary}</p>
              </li>
            ))}
          </ol>
          <Pager offset={offset} total={data.total} size={PAGE} onChange={setOffset} />
        </>
      )}
    </section>
  );
}

export function Pager(props: { offset: number; total: number; size: number; onChange: (o: number) => void; label?: string }) {
  if (props.total <= props.size) return null;
  const page = Math.floor(props.offset / props.size) + 1;
  const pages = Math.ceil(props.total / props.size);
  return (
    <nav class="pager" aria-label={props.label ?? t('pager.label')}>
      <button type="button" disabled={page <= 1} onClick={() => props.onChange(props.offset - props.size)}>
        {t('pager.prev')}
      </button>
      <span aria-live="polite">{t('pager.page', { page: fmtNum(page), pages: fmtNum(pages) })}</span>
      <button type="button" disabled={page >= pages} onClick={() => props.onChange(props.offset + props.size)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
