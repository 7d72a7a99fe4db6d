import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ProblemAlert } from '../components/form.tsx';
import { ClockBadge, StateBadge } from '../components/badges.tsx';
import type { MsgKey } from '../i18n/index.ts';
import { fmtDate, label, t } from '../i18n/index.ts';
import { sectorLabel, useRegime } from '../regime.ts';
import { href, navigate } from '../router.ts';
import type { CaseSummary } from '../types.ts';
import { STATES } from '../labels.ts';

/** Named queues: the protection department's determinations (Art. 10), the Office's intake (Art. 8). */
const QUEUE_TITLES: Record<string, MsgKey> = { determination: 'nav.determinations', intake: 'nav.intake' };

/** Every party's list of the cases it holds a role on; the server decides which (never the UI). */
export function CasesPage(props: { query: URLSearchParams }) {
  const state = props.query.get('state') ?? '';
  const regime = useRegime();
  const [pages, setPages] = useState<CaseSummary[][]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const load = async (after: string | null, reset: boolean) => {
    setLoading(true);
    try {
      const qs = new URLSearchParams({ limit: '50' });
      if (state) qs.set('state', state);
      if (after) qs.set('cursor', after);
      const r = await api<{ items: CaseSummary[]; nextCursor: string | null }>('GET', `/api/v1/cases?${qs}`);
      setPages((p) => (reset ? [r.items] : [...p, r.items]));
      setCursor(r.nextCursor);
      setError(null);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load(null, true);
  }, [state]);
  const items = pages.flat();
  return (
    <section>
      <h1>{QUEUE_TITLES[state] ? t(QUEUE_TITLES[state]) : t('cases.title')}</h1>
      <div class="toolbar">
        <label for="state-filter">{t('cases.filterState')}</label>
        <select id="state-filter" value={state} onChange={(e) => navigate(e.currentTarget.value ? `/cases?state=${e.currentTarget.value}` : '/cases')}>
          <option value="">{t('cases.allStates')}</option>
          {STATES.map((s) => (
            <option value={s} key={s}>
              {label('state', s)}
            </option>
          ))}
        </select>
      </div>
      <ProblemAlert problem={error} />
      {!loading && items.length === 0 && <p>{t('cases.empty')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="cases-table">
            <caption class="sr-only">{t('cases.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('case.ref')}</th>
                <th scope="col">{t('case.titleLabel')}</th>
                <th scope="col">{t('case.product')}</th>
                <th scope="col">{t('case.supplier')}</th>
                <th scope="col">{t('case.sector')}</th>
                <th scope="col">{t('case.state')}</th>
                <th scope="col">{t('case.clock')}</th>
                <th scope="col">{t('case.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={href(`/cases/${c.id}`)}>{c.ref}</a>
                  </td>
                  <td>{c.title}</td>
                  <td>{c.productName}</td>
                  <td>{c.supplierName ?? '—'}</td>
                  <td>{sectorLabel(regime, c.sector)}</td>
                  <td>
                    <StateBadge state={c.state} />
                  </td>
                  <td>{c.clock ? <ClockBadge clock={c.clock} /> : '—'}</td>
                  <td>{fmtDate(c.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loading && <p aria-busy="true">{t('common.loading')}</p>}
      {cursor && !loading && (
        <button type="button" onClick={() => void load(cursor, false)}>
          {t('pager.more')}
        </button>
      )}
    </section>
  );
}
