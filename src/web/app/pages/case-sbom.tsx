import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, casePath } from '../api.ts';
import { ProblemAlert } from '../components/form.tsx';
import { fmtDateTime, fmtNum, label, t } from '../i18n/index.ts';

interface Analysis {
  id: string;
  state: string;
  error: string | null;
  format: string | null;
  specVersion: string | null;
  sbomName: string | null;
  componentCount: number | null;
  findingCount: number | null;
  counts: { total: number; suppressed: number; bySeverity: Record<string, number>; byCategory: Record<string, number>; affectedComponents: number } | null;
  createdAt: string;
  ntia?: { components: number; score: number; conformant: boolean; elements: { element: string; scope: string; present: boolean; missing: number; coverage: number }[] } | null;
  provenance?: {
    product: { name: string | null; version: string | null; supplier: string | null };
    components: number;
    suppliers: { supplier: string; components: number }[];
    unknownSupplier: number;
    unknownSupplierShare: number;
    licences: { expression: string; components: number }[];
    unknownLicence: number;
    firstParty: number;
    thirdParty: number;
    direct: number;
    transitive: number;
  } | null;
}
interface SbomFinding {
  seq: number;
  name: string;
  version: string | null;
  purl: string | null;
  advisoryId: string;
  aliases: string[];
  summary: string | null;
  severity: string;
  score: number | null;
  fixedVersion: string | null;
  direct: boolean;
  category: number;
  pathNames: string[];
  /** The VEX statement that suppresses the finding (the supplier's word, kept whole). */
  suppressed: { status: string; justification: string | null; impactStatement: string | null; source: string } | null;
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'none', 'unknown'] as const;
const PAGE = 25;
/** Analyses that have a report to open (the others are queued, running or failed). */
const HAS_REPORT = new Set(['succeeded']);
const pct = (x: number) => `${fmtNum(Math.round(x * 1000) / 10)}%`;

/**
 * Art. 4(1)–(2): what the product's SBOM says about its supply chain — the NTIA minimum elements,
 * who supplies its components, and the known vulnerabilities found in them (paged by the server).
 */
export function SbomSection(props: { caseId: string; version: number }) {
  const [list, setList] = useState<Analysis[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  useEffect(() => {
    api<{ items: Analysis[] }>('GET', casePath(props.caseId, 'sbom-analyses')).then((r) => {
      setList(r.items);
      setChosen((c) => c ?? r.items.find((a) => HAS_REPORT.has(a.state))?.id ?? null);
    }, setProblem);
  }, [props.caseId, props.version]);
  if (problem) return <ProblemAlert problem={problem} />;
  if (!list || list.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="sbom-h" data-testid="sbom">
      <h2 id="sbom-h">{t('sbom.title')}</h2>
      <div class="table-wrap">
        <table data-testid="sbom-analyses">
          <caption class="sr-only">{t('sbom.analyses')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sbom.document')}</th>
              <th scope="col">{t('sbom.state')}</th>
              <th scope="col">{t('sbom.components')}</th>
              <th scope="col">{t('sbom.findings')}</th>
              <th scope="col">{t('sbom.at')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id} aria-current={a.id === chosen ? 'true' : undefined}>
                <th scope="row">
                  {HAS_REPORT.has(a.state) ? (
                    <button type="button" class="link" aria-pressed={a.id === chosen} onClick={() => setChosen(a.id)}>
                      {a.sbomName ?? a.id}
                    </button>
                  ) : (
                    (a.sbomName ?? a.id)
                  )}
                  <p class="meta">{[a.format, a.specVersion].filter(Boolean).join(' ')}</p>
                </th>
                <td>
                  {label('analysisState', a.state)}
                  {a.error && <p class="meta">{a.error}</p>}
                </td>
                <td>{a.componentCount === null ? '—' : fmtNum(a.componentCount)}</td>
                <td>{a.findingCount === null ? '—' : fmtNum(a.findingCount)}</td>
                <td>{fmtDateTime(a.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {chosen && <AnalysisDetail key={chosen} id={chosen} />}
    </section>
  );
}

function AnalysisDetail(props: { id: string }) {
  const [a, setA] = useState<Analysis | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  useEffect(() => {
    api<Analysis>('GET', `/api/v1/sbom-analyses/${encodeURIComponent(props.id)}`).then(setA, setProblem);
  }, [props.id]);
  if (problem) return <ProblemAlert problem={problem} />;
  if (!a) return <p aria-busy="true">{t('common.loading')}</p>;
  const p = a.provenance;
  return (
    <div data-testid="sbom-detail">
      {a.ntia && (
        <>
          <h3>{t('sbom.ntia')}</h3>
          <p data-testid="ntia-score">
            {t('sbom.ntiaScore', { score: fmtNum(a.ntia.score) })} · {a.ntia.conformant ? t('sbom.conformant') : t('sbom.notConformant')}
          </p>
          <div class="table-wrap">
            <table>
              <caption class="sr-only">{t('sbom.ntia')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sbom.element')}</th>
                  <th scope="col">{t('sbom.coverage')}</th>
                  <th scope="col">{t('sbom.missing')}</th>
                </tr>
              </thead>
              <tbody>
                {a.ntia.elements.map((e) => (
                  <tr key={e.element}>
                    <th scope="row">{label('ntia', e.element)}</th>
                    <td>{pct(e.coverage)}</td>
                    <td>{fmtNum(e.missing)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {p && (
        <>
          <h3>{t('sbom.provenance')}</h3>
          <dl class="facts" data-testid="provenance">
            <dt>{t('sbom.product')}</dt>
            <dd>{[p.product.name, p.product.version].filter(Boolean).join(' ') || '—'}</dd>
            <dt>{t('sbom.components')}</dt>
            <dd>{t('sbom.partyText', { n: fmtNum(p.components), first: fmtNum(p.firstParty), third: fmtNum(p.thirdParty), direct: fmtNum(p.direct), transitive: fmtNum(p.transitive) })}</dd>
            <dt>{t('sbom.suppliers')}</dt>
            <dd>{p.suppliers.length ? p.suppliers.slice(0, 10).map((s) => `${s.supplier} (${fmtNum(s.components)})`).join(t('common.listSep')) : '—'}</dd>
            <dt>{t('sbom.unknownSupplier')}</dt>
            <dd>
              {fmtNum(p.unknownSupplier)} ({pct(p.unknownSupplierShare)})
            </dd>
            <dt>{t('sbom.licences')}</dt>
            <dd>
              {p.licences.length ? p.licences.slice(0, 10).map((l) => `${l.expression} (${fmtNum(l.components)})`).join(t('common.listSep')) : '—'}
              {p.unknownLicence > 0 && ` · ${t('sbom.unknownLicence', { n: fmtNum(p.unknownLicence) })}`}
            </dd>
          </dl>
        </>
      )}
      <SbomFindings id={a.id} counts={a.counts} />
    </div>
  );
}

function SbomFindings(props: { id: string; counts: Analysis['counts'] }) {
  const [severity, setSeverity] = useState('');
  const [category, setCategory] = useState('');
  // Keyset pages: the cursors of the pages before this one, so "previous" needs no offset.
  const [cursors, setCursors] = useState<string[]>([]);
  const [page, setPage] = useState<{ items: SbomFinding[]; nextCursor: string | null } | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const load = useCallback(
    async (cursor: string | undefined) => {
      const qs = new URLSearchParams({ limit: String(PAGE) });
      if (severity) qs.set('severity', severity);
      if (category) qs.set('category', category);
      if (cursor) qs.set('cursor', cursor);
      try {
        setPage(await api<{ items: SbomFinding[]; nextCursor: string | null }>('GET', `/api/v1/sbom-analyses/${encodeURIComponent(props.id)}/findings?${qs}`));
        setProblem(null);
      } catch (e) {
        setProblem(e as Error);
      }
    },
    [props.id, severity, category],
  );
  useEffect(() => {
    setCursors([]);
    void load(undefined);
  }, [load]);
  const c = props.counts;
  return (
    <>
      <h3 id="sbom-findings-h">{t('sbom.vulnerabilities')}</h3>
      {c && (
        <p data-testid="sbom-counts">
          {SEVERITIES.filter((s) => (c.bySeverity[s] ?? 0) > 0)
            .map((s) => `${label('sbomSeverity', s)} ${fmtNum(c.bySeverity[s] ?? 0)}`)
            .join(t('common.listSep')) || t('sbom.noFindings')}
          {' · '}
          {t('sbom.byCategory', { one: fmtNum(c.byCategory['1'] ?? 0), two: fmtNum(c.byCategory['2'] ?? 0) })}
          {c.suppressed > 0 && ` · ${t('sbom.suppressed', { n: fmtNum(c.suppressed) })}`}
        </p>
      )}
      <div class="toolbar">
        <label for="sbom-severity">{t('field.severity')}</label>
        <select id="sbom-severity" value={severity} onChange={(e) => setSeverity(e.currentTarget.value)}>
          <option value="">{t('sbom.all')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {label('sbomSeverity', s)}
            </option>
          ))}
        </select>
        <label for="sbom-category">{t('field.category')}</label>
        <select id="sbom-category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
          <option value="">{t('sbom.all')}</option>
          <option value="1">{t('sbom.category1')}</option>
          <option value="2">{t('sbom.category2')}</option>
        </select>
      </div>
      <ProblemAlert problem={problem} />
      {page && page.items.length === 0 && <p>{t('sbom.noFindings')}</p>}
      {page && page.items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="sbom-findings" aria-labelledby="sbom-findings-h">
            <thead>
              <tr>
                <th scope="col">{t('field.severity')}</th>
                <th scope="col">{t('sbom.advisory')}</th>
                <th scope="col">{t('sbom.component')}</th>
                <th scope="col">{t('sbom.fixed')}</th>
                <th scope="col">{t('field.category')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((f) => (
                <tr key={f.seq} class={f.suppressed ? 'suppressed' : undefined}>
                  <td>
                    <span class={`badge sev-${f.severity}`}>{label('sbomSeverity', f.severity)}</span>
                    {f.score !== null && ` ${fmtNum(f.score)}`}
                  </td>
                  <th scope="row">
                    {f.advisoryId}
                    {f.summary && <p class="meta">{f.summary}</p>}
                    {f.suppressed && (
                      <p class="meta" data-testid="vex-suppression">
                        <span class="badge">{t('sbom.suppressedBy', { status: label('vexStatus', f.suppressed.status) })}</span>
                        {f.suppressed.justification && ` ${label('vexJustification', f.suppressed.justification)}`}
                        {f.suppressed.impactStatement && ` — ${f.suppressed.impactStatement}`}
                      </p>
                    )}
                  </th>
                  <td>
                    {f.name}
                    {f.version ? ` ${f.version}` : ''}
                    <p class="meta">{f.direct ? t('sbom.direct') : f.pathNames.join(' → ')}</p>
                  </td>
                  <td>{f.fixedVersion ?? '—'}</td>
                  <td>{fmtNum(f.category)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={t('sbom.pager')}>
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => {
            const prev = cursors.slice(0, -1);
            setCursors(prev);
            void load(prev[prev.length - 1]);
          }}
        >
          {t('sbom.previous')}
        </button>
        <span>{t('sbom.page', { n: fmtNum(cursors.length + 1) })}</span>
        <button
          type="button"
          disabled={!page?.nextCursor}
          data-testid="sbom-next"
          onClick={() => {
            const next = page!.nextCursor!;
            setCursors([...cursors, next]);
            void load(next);
          }}
        >
          {t('sbom.next')}
        </button>
      </nav>
    </>
  );
}
