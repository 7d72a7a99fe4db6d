import { useEffect, useState } from 'preact/hooks';
import { api, casePath } from '../api.ts';
import { ProblemAlert } from '../components/form.tsx';
import { fmtDate, fmtDateTime, fmtNum, t } from '../i18n/index.ts';

interface InformationRequest {
  id: string;
  request: string;
  requestedAt: string;
  requestedBy: string | null;
  dueDate: string | null;
  answeredAt: string | null;
  overdue: boolean;
  daysOverdue: number;
}

/** Art. 11, 12: information requests to the supplier with their due dates; the server says which are overdue. */
export function InformationRequests(props: { caseId: string; version: number }) {
  const [items, setItems] = useState<InformationRequest[] | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  useEffect(() => {
    api<{ items: InformationRequest[] }>('GET', casePath(props.caseId, 'information-requests')).then((r) => setItems(r.items), setProblem);
  }, [props.caseId, props.version]);
  if (problem) return <ProblemAlert problem={problem} />;
  if (!items || items.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="supp-h" data-testid="information-requests">
      <h2 id="supp-h">{t('supplements.title')}</h2>
      <ul class="plain">
        {items.map((s) => (
          <li key={s.id} data-overdue={String(s.overdue)}>
            <p>{s.request}</p>
            <p class="meta">
              {t('supplements.requested', { at: fmtDateTime(s.requestedAt) })}
              {s.requestedBy ? ` · ${s.requestedBy}` : ''}
              {s.dueDate && ` · ${t('requests.due', { date: fmtDate(s.dueDate) })}`} ·{' '}
              {s.answeredAt ? (
                t('supplements.answered', { at: fmtDateTime(s.answeredAt) })
              ) : s.overdue ? (
                <strong class="badge clock-overdue">{t('requests.overdue', { n: fmtNum(s.daysOverdue) })}</strong>
              ) : (
                t('supplements.open')
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
