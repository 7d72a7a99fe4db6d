import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, casePath } from '../api.ts';
import type { Errors, FieldSpec, Values } from '../components/form.tsx';
import { Field, ProblemAlert, SpecForm, bodyFrom, fieldErrorsFrom, validate } from '../components/form.tsx';
import { fmtDateTime, label, t } from '../i18n/index.ts';
import { ReadLogTable, type MaterialRead } from '../components/read-log.tsx';

interface Complaint {
  id: string;
  respondent: string;
  grounds: string;
  description: string;
  status: string;
  outcome: string | null;
  filedAt: string;
  evidenceSeqs: number[];
  history: { from: string | null; to: string; reason: string; at: string }[];
  /** Status changes the server allows this viewer now. */
  actions: string[];
}

const GROUNDS = ['bias', 'leak'] as const;
const REMEDIES = ['reassignment', 'suspend_accreditation'] as const;

/**
 * Art. 14: the supplier complains about a third party or one of its staff, attaching entries of its
 * material access log ("who read my material") as evidence; its complaints and their history.
 */
export function ComplaintsSection(props: { caseId: string; canFile: boolean; canList: boolean; version: number }) {
  const [reads, setReads] = useState<MaterialRead[]>([]);
  const [complaints, setComplaints] = useState<Complaint[] | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [values, setValues] = useState<Values>({});
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<Error | null>(null);
  const [done, setDone] = useState(false);
  const [deciding, setDeciding] = useState<{ id: string; action: string } | null>(null);
  const load = useCallback(async () => {
    try {
      if (props.canFile) setReads((await api<{ items: MaterialRead[] }>('GET', casePath(props.caseId, 'material-reads'))).items);
      if (props.canList) setComplaints((await api<{ items: Complaint[] }>('GET', `/api/v1/complaints?caseId=${encodeURIComponent(props.caseId)}`)).items);
    } catch (e) {
      setProblem(e as Error);
    }
  }, [props.caseId, props.canFile, props.canList]);
  useEffect(() => {
    void load();
  }, [load, props.version]);
  const orgs = [...new Map(reads.filter((r) => r.readerOrgId).map((r) => [r.readerOrgId!, r.readerOrganisation ?? r.readerOrgId!])).entries()];
  const people = [...new Map(reads.filter((r) => r.readerUserId && r.readerOrgId === values.respondentOrgId).map((r) => [r.readerUserId!, r.reader ?? r.readerUserId!])).entries()];
  const fields: FieldSpec[] = [
    { name: 'respondentOrgId', label: 'complaint.respondent', kind: 'select', required: true, options: orgs.map(([value, l]) => ({ value, label: l })) },
    { name: 'respondentUserId', label: 'complaint.respondentUser', kind: 'select', options: people.map(([value, l]) => ({ value, label: l })) },
    { name: 'grounds', label: 'complaint.grounds', kind: 'select', required: true, options: GROUNDS.map((g) => ({ value: g, label: label('grounds', g) })) },
    { name: 'description', label: 'field.description', kind: 'textarea', required: true, minLength: 10, maxLength: 10000 },
  ];
  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    setDone(false);
    const errs = validate(fields, values);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      await api('POST', casePath(props.caseId, 'complaints'), { ...bodyFrom(fields, values), evidenceSeqs: picked });
      setValues({});
      setPicked([]);
      setDone(true);
      await load();
    } catch (err) {
      if (err instanceof ApiProblem) {
        const fe = fieldErrorsFrom(err, [...fields, { name: 'evidenceSeqs', label: 'complaint.evidence', kind: 'text' }]);
        setErrors(fe);
      }
      setProblem(err as Error);
    }
  };
  if (!props.canFile && !(complaints && complaints.length)) return null;
  return (
    <section class="panel" aria-labelledby="complaints-h" data-testid="complaints">
      <h2 id="complaints-h">{t('complaint.title')}</h2>
      {complaints && complaints.length > 0 && (
        <ul class="plain" data-testid="complaint-list">
          {complaints.map((c) => (
            <li key={c.id} class="card" data-status={c.status}>
              <p>
                <strong>{c.respondent}</strong> · {label('grounds', c.grounds)} · <span class="badge">{label('complaintStatus', c.status)}</span>
              </p>
              <p>{c.description}</p>
              <p class="meta">
                {t('complaint.filed', { at: fmtDateTime(c.filedAt) })} · {t('complaint.evidenceCount', { n: c.evidenceSeqs.length })}
              </p>
              {c.outcome && <p>{c.outcome}</p>}
              {c.history.length > 0 && (
                <ul class="plain">
                  {c.history.map((h, i) => (
                    <li key={i} class="meta">
                      {fmtDateTime(h.at)} · {label('complaintStatus', h.to)} — {h.reason}
                    </li>
                  ))}
                </ul>
              )}
              {c.actions.length > 0 && (
                <div class="buttons">
                  {c.actions.map((a) => (
                    <button type="button" class="small" key={a} data-action={a} aria-expanded={deciding?.id === c.id && deciding.action === a} onClick={() => setDeciding({ id: c.id, action: a })}>
                      {label('complaintAction', a)}
                    </button>
                  ))}
                </div>
              )}
              {deciding?.id === c.id && (
                <SpecForm
                  key={deciding.action}
                  idPrefix="complaint-decide"
                  fields={[
                    { name: 'reason', label: 'field.reason', kind: 'textarea', required: true, maxLength: 4000 },
                    ...(deciding.action === 'uphold' ? [{ name: 'remedies', label: 'complaint.remedies', kind: 'multiselect', options: REMEDIES.map((r) => ({ value: r, label: label('remedy', r) })) } satisfies FieldSpec] : []),
                  ]}
                  submitLabel={label('complaintAction', deciding.action)}
                  onCancel={() => setDeciding(null)}
                  onSubmit={async (body) => {
                    await api('POST', `/api/v1/complaints/${encodeURIComponent(c.id)}/status`, { action: deciding.action, ...body });
                    setDeciding(null);
                    await load();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canFile && (
        <form class="spec-form" onSubmit={submit} noValidate aria-labelledby="complaint-form-h" data-testid="complaint-form">
          <h3 id="complaint-form-h">{t('complaint.file')}</h3>
          <fieldset class={errors.evidenceSeqs ? 'has-error' : ''} aria-describedby={errors.evidenceSeqs ? 'complaint-evidence-err' : undefined}>
            <legend>{t('complaint.evidence')}</legend>
            {reads.length === 0 ? (
              <p>{t('reads.none')}</p>
            ) : (
              <ReadLogTable
                reads={reads}
                testid="complaint-evidence"
                lead={{
                  header: t('complaint.attach'),
                  cell: (r) => (
                    <input
                      type="checkbox"
                      id={`complaint-seq-${r.seq}`}
                      value={String(r.seq)}
                      checked={picked.includes(r.seq)}
                      aria-label={t('complaint.attachEntry', { at: fmtDateTime(r.at), who: r.reader ?? '—', file: r.filename })}
                      onChange={(e) => setPicked(e.currentTarget.checked ? [...picked, r.seq] : picked.filter((x) => x !== r.seq))}
                    />
                  ),
                }}
              />
            )}
            {errors.evidenceSeqs && (
              <p class="field-error" id="complaint-evidence-err">
                {errors.evidenceSeqs}
              </p>
            )}
          </fieldset>
          {fields.map((f) => (
            <Field key={f.name} spec={f} id={`complaint-${f.name}`} value={values[f.name]} error={errors[f.name]} onInput={(v) => setValues({ ...values, [f.name]: v })} />
          ))}
          <ProblemAlert problem={problem} />
          {done && (
            <p class="alert alert-ok" role="status" data-testid="complaint-filed">
              {t('complaint.done')}
            </p>
          )}
          <div class="buttons">
            <button type="submit" class="primary">
              {t('complaint.file')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
