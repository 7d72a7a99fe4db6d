import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ProblemAlert } from '../components/form.tsx';
import { StateBadge } from '../components/badges.tsx';
import { fmtDate, fmtNum, label, t } from '../i18n/index.ts';
import { SEVERITIES } from '../labels.ts';
import { categoryLabel, sectorLabel, useRegime } from '../regime.ts';
import { href } from '../router.ts';
import type { Regime } from '../types.ts';

interface ClockEntry {
  id: string;
  ref: string;
  title: string;
  state: string;
  dueOn: string;
  status: string;
  workingDaysLeft: number;
}

interface Dashboard {
  casesByState: { state: string; count: number }[];
  casesBySector: { sector: string | null; count: number }[];
  openFindings: { category: number; severity: string; count: number }[];
  clocks: { overdue: ClockEntry[]; dueSoon: ClockEntry[]; paused: ClockEntry[]; running: number };
}

const CATEGORY_IDS = [1, 2, 3, 4, 5];
const SEV_COLOURS: Record<string, string> = { critical: '#7a0019', high: '#c0392b', medium: '#d68910', low: '#2471a3', info: '#5d6d7e' };

/**
 * Open findings by Art. 4 category, stacked by severity. The SVG is decorative for screen readers
 * (aria-hidden); the same numbers are in the table right after it.
 */
function FindingsChart(props: { data: Dashboard['openFindings']; regime: Regime | null }) {
  const cell = (c: number, s: string) => props.data.find((d) => d.category === c && d.severity === s)?.count ?? 0;
  const totals = CATEGORY_IDS.map((c) => SEVERITIES.reduce((n, s) => n + cell(c, s), 0));
  const max = Math.max(1, ...totals);
  const W = 640;
  const rowH = 34;
  const labelW = 40;
  const barW = W - labelW - 60;
  return (
    <figure class="chart">
      <figcaption id="chart-caption">{t('dash.findingsChart')}</figcaption>
      <svg viewBox={`0 0 ${W} ${CATEGORY_IDS.length * rowH + 30}`} width="100%" aria-hidden="true" focusable="false">
        {CATEGORY_IDS.map((c, i) => {
          let x = labelW;
          return (
            <g key={c} transform={`translate(0 ${i * rowH})`}>
              <text x={0} y={rowH / 2 + 5} font-size="14" fill="#1b1f24">
                {t('findings.category', { n: c })}
              </text>
              {SEVERITIES.map((s) => {
                const w = (cell(c, s) / max) * barW;
                const r = (
                  <rect key={s} x={x} y={6} width={w} height={rowH - 12} fill={SEV_COLOURS[s]}>
                    <title>{`${label('severity', s)}: ${cell(c, s)}`}</title>
                  </rect>
                );
                x += w;
                return r;
              })}
              <text x={x + 6} y={rowH / 2 + 5} font-size="13" fill="#1b1f24">
                {fmtNum(totals[i] ?? 0)}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${labelW} ${CATEGORY_IDS.length * rowH + 8})`}>
          {SEVERITIES.map((s, i) => (
            <g key={s} transform={`translate(${i * 110} 0)`}>
              <rect width="12" height="12" fill={SEV_COLOURS[s]} />
              <text x="16" y="11" font-size="12" fill="#1b1f24">
                {label('severity', s)}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <div class="table-wrap">
        <table data-testid="findings-matrix">
          <caption>{t('dash.findingsTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.category')}</th>
              {SEVERITIES.map((s) => (
                <th scope="col" key={s}>
                  {label('severity', s)}
                </th>
              ))}
              <th scope="col">{t('dash.total')}</th>
            </tr>
          </thead>
          <tbody>
            {CATEGORY_IDS.map((c, i) => (
              <tr key={c}>
                <th scope="row">
                  {c}. {categoryLabel(props.regime, c)}
                </th>
                {SEVERITIES.map((s) => (
                  <td key={s}>{fmtNum(cell(c, s))}</td>
                ))}
                <td>{fmtNum(totals[i] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function ClockList(props: { title: string; items: ClockEntry[]; id: string }) {
  return (
    <section class="panel" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.items.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul class="plain">
          {props.items.map((c) => (
            <li key={c.id}>
              <a href={href(`/cases/${c.id}`)}>{c.ref}</a> {c.title} · <StateBadge state={c.state} /> · {t('clock.due', { date: fmtDate(c.dueOn) })} · {t('clock.daysLeft', { n: fmtNum(c.workingDaysLeft) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DashboardPage() {
  const regime = useRegime();
  const [d, setD] = useState<Dashboard | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    api<Dashboard>('GET', '/api/v1/dashboard').then(setD, setError);
  }, []);
  return (
    <section data-testid="dashboard">
      <h1>{t('dash.title')}</h1>
      <ProblemAlert problem={error} />
      {!d && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {d && (
        <div class="grid">
          <section class="panel" aria-labelledby="by-state-h">
            <h2 id="by-state-h">{t('dash.byState')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('case.state')}</th>
                  <th scope="col">{t('dash.cases')}</th>
                </tr>
              </thead>
              <tbody>
                {d.casesByState.map((s) => (
                  <tr key={s.state}>
                    <th scope="row">
                      <a href={href(`/cases?state=${s.state}`)}>{label('state', s.state)}</a>
                    </th>
                    <td>{fmtNum(s.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="panel" aria-labelledby="by-sector-h">
            <h2 id="by-sector-h">{t('dash.bySector')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('case.sector')}</th>
                  <th scope="col">{t('dash.cases')}</th>
                </tr>
              </thead>
              <tbody>
                {d.casesBySector.map((s) => (
                  <tr key={s.sector ?? '-'}>
                    <th scope="row">{s.sector ? sectorLabel(regime, s.sector) : t('dash.noSector')}</th>
                    <td>{fmtNum(s.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="panel wide" aria-labelledby="findings-chart-h">
            <h2 id="findings-chart-h">{t('dash.openFindings')}</h2>
            <FindingsChart data={d.openFindings} regime={regime} />
          </section>
          <ClockList id="overdue-h" title={t('dash.overdue')} items={d.clocks.overdue} />
          <ClockList id="due-soon-h" title={t('dash.dueSoon')} items={d.clocks.dueSoon} />
          <ClockList id="paused-h" title={t('dash.paused')} items={d.clocks.paused} />
        </div>
      )}
    </section>
  );
}
