import { fmtDate, fmtNum, label, t } from '../i18n/index.ts';
import type { Clock } from '../types.ts';

export function StateBadge(props: { state: string }) {
  return <span class={`badge state-${props.state}`}>{label('state', props.state)}</span>;
}

/** Due date, paused or overdue, with the working days left (the statute counts working days). */
export function ClockBadge(props: { clock: Clock }) {
  const c = props.clock;
  const status = c.status ?? 'running';
  return (
    <span class={`badge clock-${status}`}>
      {label('clock', status)} · {t('clock.due', { date: fmtDate(c.dueOn) })}
      {c.workingDaysLeft !== null && ` · ${t('clock.daysLeft', { n: fmtNum(c.workingDaysLeft) })}`}
    </span>
  );
}
