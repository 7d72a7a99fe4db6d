import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from '../api.ts';
import { ProblemAlert, SpecForm } from '../components/form.tsx';
import { fmtDateTime, label, locale, t } from '../i18n/index.ts';
import type { FindingClause, FindingDetail } from '../types.ts';

const findingPath = (caseId: string, id: string, rest = '') => `/api/v1/cases/${encodeURIComponent(caseId)}/findings/${encodeURIComponent(id)}${rest}`;
const clauseTitle = (c: { title: string; titleZh: string | null }) => (locale() === 'zh-CN' && c.titleZh ? c.titleZh : c.title);

/**
 * A finding's standard clauses (Art. 11), its status history, and — only the moves the server
 * lists in `nextStatuses` — a status change with its reason; clause citation where allowed.
 */
export function FindingDetailPanel(props: { caseId: string; findingId: string; canCite: boolean; onChange: () => Promise<void> }) {
  const [d, setD] = useState<FindingDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const load = async () => {
    try {
      setD(await api<FindingDetail>('GET', findingPath(props.caseId, props.findingId)));
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  };
  useEffect(() => {
    void load();
  }, [props.caseId, props.findingId]);
  const changed = async () => {
    await load();
    await props.onChange();
  };
  if (error) return <ProblemAlert problem={error} />;
  if (!d) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <div class="finding-detail" data-testid="finding-detail">
      <h4>{t('finding.clauses')}</h4>
      {d.clauses.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul class="plain" data-testid="finding-clauses">
          {d.clauses.map((c) => (
            <li key={`${c.catalogueId}#${c.clauseId}`}>
              <code>{c.catalogueId}</code> {c.label} {clauseTitle(c)}
            </li>
          ))}
        </ul>
      )}
      {props.canCite && <CiteClauseForm caseId={props.caseId} findingId={props.findingId} cited={d.clauses} onDone={changed} />}
      <h4>{t('finding.history')}</h4>
      {d.history.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ol class="timeline" data-testid="finding-history">
          {d.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.changedAt}>{fmtDateTime(h.changedAt)}</time> {label('findingStatus', h.from)} → {label('findingStatus', h.to)} · {h.changedBy.displayName}
              <p class="note">{h.reason}</p>
            </li>
          ))}
        </ol>
      )}
      {d.nextStatuses.length > 0 && (
        <>
          <h4 id={`status-h-${d.id}`}>{t('finding.changeStatus')}</h4>
          <SpecForm
            key={`${d.status}-${d.history.length}`}
            idPrefix={`status-${d.id}`}
            fields={[
              { name: 'status', label: 'finding.newStatus', kind: 'select', required: true, options: d.nextStatuses.map((s) => ({ value: s, label: label('findingStatus', s) })) },
              { name: 'reason', label: 'field.reason', kind: 'textarea', required: true, maxLength: 4000 },
            ]}
            submitLabel={t('finding.changeStatus')}
            onSubmit={async (body) => {
              await api('POST', findingPath(props.caseId, props.findingId, '/status'), body);
              await changed();
            }}
          />
        </>
      )}
    </div>
  );
}

interface Catalogue {
  id: string;
  title: string;
  titleZh: string | null;
}

/** Pick a loaded catalogue, then a clause of it (suggested as you type); the server checks it exists. */
function CiteClauseForm(props: { caseId: string; findingId: string; cited: FindingClause[]; onDone: () => Promise<void> }) {
  const [catalogues, setCatalogues] = useState<Catalogue[]>([]);
  const [catalogueId, setCatalogueId] = useState('');
  const [clauseId, setClauseId] = useState('');
  const [suggestions, setSuggestions] = useState<{ clauseId: string; label: string; title: string; titleZh: string | null }[]>([]);
  const [errors, setErrors] = useState<{ catalogueId?: string; clauseId?: string }>({});
  const [problem, setProblem] = useState<Error | null>(null);
  const id = `cite-${props.findingId}`;
  useEffect(() => {
    api<{ items: Catalogue[] }>('GET', '/api/v1/catalogues').then((r) => setCatalogues(r.items), setProblem);
  }, []);
  useEffect(() => {
    if (!catalogueId) return;
    const q = clauseId.trim().length >= 1 ? `&q=${encodeURIComponent(clauseId.trim())}` : '';
    const timer = setTimeout(() => {
      api<{ items: { clauseId: string; label: string; title: string; titleZh: string | null }[] }>('GET', `/api/v1/catalogues/${encodeURIComponent(catalogueId)}?limit=50${q}`).then((r) => setSuggestions(r.items), () => setSuggestions([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [catalogueId, clauseId]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!catalogueId) errs.catalogueId = t('form.required');
    if (!clauseId.trim()) errs.clauseId = t('form.required');
    setErrors(errs);
    setProblem(null);
    if (Object.keys(errs).length) return;
    try {
      await api('POST', findingPath(props.caseId, props.findingId, '/clauses'), { clauses: [{ catalogueId, clauseId: clauseId.trim() }] });
      setClauseId('');
      await props.onDone();
    } catch (err) {
      // The only per-reference error is an unknown clause: it belongs beside the clause field.
      if (err instanceof ApiProblem && err.errors.length) setErrors({ clauseId: `${t('form.server')}: ${err.errors.map((x) => x.message).join(' ')}` });
      setProblem(err as Error);
    }
  };
  return (
    <form class="spec-form" onSubmit={submit} noValidate aria-label={t('finding.cite')}>
      <div class={`field${errors.catalogueId ? ' has-error' : ''}`}>
        <label for={`${id}-catalogueId`}>{t('finding.catalogue')}</label>
        <select id={`${id}-catalogueId`} value={catalogueId} aria-invalid={errors.catalogueId ? 'true' : undefined} onChange={(e) => setCatalogueId(e.currentTarget.value)}>
          <option value="">{t('form.choose')}</option>
          {catalogues.map((c) => (
            <option key={c.id} value={c.id}>
              {clauseTitle(c)}
            </option>
          ))}
        </select>
        {errors.catalogueId && <p class="field-error">{errors.catalogueId}</p>}
      </div>
      <div class={`field${errors.clauseId ? ' has-error' : ''}`}>
        <label for={`${id}-clauseId`}>{t('finding.clauseId')}</label>
        <input
          id={`${id}-clauseId`}
          type="text"
          list={`${id}-list`}
          maxLength={100}
          value={clauseId}
          aria-invalid={errors.clauseId ? 'true' : undefined}
          aria-describedby={errors.clauseId ? `${id}-clauseId-err` : undefined}
          onInput={(e) => setClauseId(e.currentTarget.value)}
        />
        <datalist id={`${id}-list`}>
          {suggestions
            .filter((s) => !props.cited.some((c) => c.catalogueId === catalogueId && c.clauseId === s.clauseId))
            .map((s) => (
              <option key={s.clauseId} value={s.clauseId}>
                {s.label} {clauseTitle(s)}
              </option>
            ))}
        </datalist>
        {errors.clauseId && (
          <p class="field-error" id={`${id}-clauseId-err`}>
            {errors.clauseId}
          </p>
        )}
      </div>
      {!errors.clauseId && <ProblemAlert problem={problem} />}
      <div class="buttons">
        <button type="submit">{t('finding.cite')}</button>
      </div>
    </form>
  );
}
