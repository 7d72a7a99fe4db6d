import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, casePath } from '../api.ts';
import { ProblemAlert } from '../components/form.tsx';
import { fmtDateTime, fmtNum, t } from '../i18n/index.ts';

interface ReportList {
  variant: 'full' | 'public';
  items: { id: string; reviewRound: number; keyId: string; signedAt: string }[];
}

/**
 * Art. 13: the Office's signed security assessment reports (bilingual PDF and JSON, Ed25519). The
 * server decides which version the viewer gets (full by role, the redacted public one once
 * released publicly); a viewer it gives neither sees no section at all.
 */
export function ReportsSection(props: { caseId: string; canGenerate: boolean; version: number }) {
  const [list, setList] = useState<ReportList | null>(null);
  const [hidden, setHidden] = useState(false);
  const [problem, setProblem] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    try {
      setList(await api<ReportList>('GET', casePath(props.caseId, 'reports')));
      setHidden(false);
    } catch (e) {
      if (e instanceof ApiProblem && (e.status === 403 || e.status === 404)) setHidden(true);
      else setProblem(e as Error);
    }
  }, [props.caseId]);
  useEffect(() => {
    void load();
  }, [load, props.version]);
  if (hidden && !props.canGenerate) return null;
  const generate = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api('POST', casePath(props.caseId, 'reports'));
      await load();
    } catch (e) {
      setProblem(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel" aria-labelledby="reports-h" data-testid="reports">
      <h2 id="reports-h">{t('reports.title')}</h2>
      {list && <p class="meta">{t(list.variant === 'full' ? 'reports.variantFull' : 'reports.variantPublic')}</p>}
      {list && list.items.length === 0 && <p>{t('common.none')}</p>}
      {list && list.items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="reports-table">
            <caption class="sr-only">{t('reports.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.signedAt')}</th>
                <th scope="col">{t('panel.round')}</th>
                <th scope="col">{t('signed.keyId')}</th>
                <th scope="col">{t('reports.download')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <time dateTime={r.signedAt}>{fmtDateTime(r.signedAt)}</time>
                  </th>
                  <td>{fmtNum(r.reviewRound)}</td>
                  <td>
                    <code>{r.keyId}</code>
                  </td>
                  <td>
                    <a href={casePath(props.caseId, `reports/${r.id}.pdf`)} download aria-label={t('reports.pdfOf', { at: fmtDateTime(r.signedAt) })}>
                      PDF
                    </a>{' '}
                    ·{' '}
                    <a href={casePath(props.caseId, `reports/${r.id}.json`)} download aria-label={t('reports.jsonOf', { at: fmtDateTime(r.signedAt) })}>
                      JSON
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint">{t('reports.verifyHint')}</p>
      <ProblemAlert problem={problem} />
      {props.canGenerate && (
        <button type="button" class="primary" onClick={() => void generate()} disabled={busy} data-testid="report-generate">
          {busy ? t('form.sending') : t('reports.generate')}
        </button>
      )}
    </section>
  );
}
