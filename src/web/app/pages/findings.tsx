import { useState } from 'preact/hooks';
import { fmtDateTime, fmtNum, label, t } from '../i18n/index.ts';
import { SEVERITIES } from '../labels.ts';
import { categoryLabel } from '../regime.ts';
import type { Finding, Regime } from '../types.ts';
import { Pager } from './register.tsx';
import { FindingDetailPanel } from './finding-detail.tsx';

const PAGE = 25;
const CATEGORY_IDS = [1, 2, 3, 4, 5];

/** Findings grouped by Art. 4 category; a case can hold hundreds, so the list pages. */
export function Findings(props: { findings: Finding[]; regime: Regime | null; detail?: { caseId: string; canCite: boolean; onChange: () => Promise<void> } }) {
  const [category, setCategory] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const { findings, regime } = props;
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(`${f.category}:${f.severity}`, (counts.get(`${f.category}:${f.severity}`) ?? 0) + 1);
  const byCat = (c: number) => findings.filter((f) => f.category === c).length;
  const shown = category ? findings.filter((f) => f.category === category) : findings;
  const page = shown.slice(offset, offset + PAGE);
  return (
    <section class="panel" aria-labelledby="findings-h">
      <h2 id="findings-h">
        {t('findings.title')} ({fmtNum(findings.length)})
      </h2>
      {findings.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <>
          <div class="table-wrap">
            <table class="matrix">
              <caption>{t('findings.matrix')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('field.category')}</th>
                  {SEVERITIES.map((s) => (
                    <th scope="col" key={s}>
                      {label('severity', s)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {CATEGORY_IDS.map((c) => (
                  <tr key={c}>
                    <th scope="row">
                      {c}. {categoryLabel(regime, c)}
                    </th>
                    {SEVERITIES.map((s) => (
                      <td key={s}>{fmtNum(counts.get(`${c}:${s}`) ?? 0)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="toolbar">
            <label for="finding-cat">{t('findings.filter')}</label>
            <select
              id="finding-cat"
              value={String(category)}
              onChange={(e) => {
                setCategory(Number(e.currentTarget.value));
                setOffset(0);
              }}
            >
              <option value="0">{t('findings.allCategories', { n: fmtNum(findings.length) })}</option>
              {CATEGORY_IDS.map((c) => (
                <option value={String(c)} key={c}>
                  {c}. {categoryLabel(regime, c)} ({fmtNum(byCat(c))})
                </option>
              ))}
            </select>
          </div>
          <ul class="findings" data-testid="findings-list">
            {page.map((f) => (
              <li key={f.id} class={`finding sev-${f.severity}`}>
                <p>
                  <span class={`badge sev-${f.severity}`}>{label('severity', f.severity)}</span> <strong>{f.title}</strong>
                  {f.status && <span class="badge finding-status"> {label('findingStatus', f.status)}</span>}
                  {props.detail && (
                    <button type="button" class="small" aria-expanded={open === f.id} aria-controls={`finding-${f.id}`} onClick={() => setOpen(open === f.id ? null : f.id)} data-testid="finding-details">
                      {t('finding.details')}
                    </button>
                  )}
                </p>
                <p class="meta">
                  {t('findings.category', { n: f.category })} · {label('method', f.method)} · {f.recorded_by} · {fmtDateTime(f.recorded_at)}
                </p>
                {f.description && <p>{f.description}</p>}
                {props.detail && open === f.id && (
                  <div id={`finding-${f.id}`}>
                    <FindingDetailPanel caseId={props.detail.caseId} findingId={f.id} canCite={props.detail.canCite} onChange={props.detail.onChange} />
                  </div>
                )}
              </li>
            ))}
          </ul>
          <Pager offset={offset} total={shown.length} size={PAGE} onChange={setOffset} label={t('findings.pager')} />
        </>
      )}
    </section>
  );
}
