import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, casePath } from '../api.ts';
import { ProblemAlert, SpecForm } from '../components/form.tsx';
import { fmtDate, fmtDateTime, label, t } from '../i18n/index.ts';
import type { DecisionDetail } from '../types.ts';

/** Statuses a condition ends in (Art. 8 conditions are tracked to closure). */
const CLOSED = new Set(['met', 'waived']);
const NEXT = ['met', 'overdue', 'waived'] as const;

/** The decision's reasons (each citing articles) and its conditions with owner, due date and status (Art. 8). */
export function DecisionDetails(props: { caseId: string; version: number }) {
  const [d, setD] = useState<DecisionDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setD(await api<DecisionDetail>('GET', casePath(props.caseId, 'decision')));
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  }, [props.caseId]);
  useEffect(() => {
    void load();
  }, [load, props.version]);
  if (error) return <ProblemAlert problem={error} />;
  if (!d) return null;
  return (
    <section class="panel" aria-labelledby="decision-detail-h" data-testid="decision-detail">
      <h2 id="decision-detail-h">{t('decisionDetail.title')}</h2>
      <h3>{t('decisionDetail.reasons')}</h3>
      {d.reasons.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ol data-testid="decision-reasons">
          {d.reasons.map((r) => (
            <li key={r.position}>
              <span class="articles">{r.articles.map((a) => t('article', { n: a })).join(t('common.listSep'))}</span> — {r.text}
            </li>
          ))}
        </ol>
      )}
      <h3>{t('decisionDetail.conditions')}</h3>
      {d.conditions.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="decision-conditions">
            <caption class="sr-only">{t('decisionDetail.conditions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('decisionDetail.condition')}</th>
                <th scope="col">{t('decisionDetail.owner')}</th>
                <th scope="col">{t('decisionDetail.due')}</th>
                <th scope="col">{t('decisionDetail.status')}</th>
                <th scope="col">{t('decisionDetail.history')}</th>
              </tr>
            </thead>
            <tbody>
              {d.conditions.map((c) => (
                <tr key={c.id} data-condition={c.id} data-status={c.status}>
                  <th scope="row">{c.text}</th>
                  <td>{c.owner_name}</td>
                  <td>{fmtDate(c.due_date)}</td>
                  <td>
                    <span class={`badge condition-${c.status}`}>{label('condition', c.status)}</span>
                    {d.abilities['condition.update'] && !CLOSED.has(c.status) && (
                      <button type="button" class="small" aria-expanded={open === c.id} aria-controls="condition-form" onClick={() => setOpen(open === c.id ? null : c.id)} data-testid="condition-update">
                        {t('decisionDetail.update')}
                      </button>
                    )}
                  </td>
                  <td>
                    <ul class="plain">
                      {c.history.map((h, i) => (
                        <li key={i} class="meta">
                          {fmtDateTime(h.at)} · {label('condition', h.to)}
                          {h.actor ? ` · ${h.actor}` : ''} — {h.note}
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
      {open && (
        <div id="condition-form" class="action-form" role="region" aria-label={t('decisionDetail.update')}>
          <h3>{t('decisionDetail.update')}</h3>
          <SpecForm
            key={open}
            idPrefix="condition"
            fields={[
              { name: 'status', label: 'decisionDetail.status', kind: 'select', required: true, options: NEXT.map((s) => ({ value: s, label: label('condition', s) })) },
              { name: 'note', label: 'decisionDetail.note', kind: 'textarea', required: true, maxLength: 4000 },
            ]}
            submitLabel={t('decisionDetail.update')}
            onCancel={() => setOpen(null)}
            onSubmit={async (body) => {
              await api('POST', casePath(props.caseId, `conditions/${encodeURIComponent(open)}/status`), body);
              setOpen(null);
              await load();
            }}
          />
        </div>
      )}
    </section>
  );
}
