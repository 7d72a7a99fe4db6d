import { useState } from 'preact/hooks';
import { ApiProblem, upload } from '../api.ts';
import type { Errors, FieldSpec, Values } from './form.tsx';
import { Field, ProblemAlert, bodyFrom, fieldErrorsFrom, validate } from './form.tsx';
import type { MsgKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';

/** Codes whose `errors` point into the uploaded document (JSON pointers), not at form fields. */
const DOCUMENT_ERRORS = new Set(['invalid_document']);

/**
 * A file sent as raw bytes with its metadata in the query string (the API's upload convention),
 * with a progress bar; the server's field errors go beside their fields, and errors inside the
 * document itself (a SARIF log that isn't one) are listed one by one under the file.
 */
export function FileUploadForm<T>(props: {
  idPrefix: string;
  title: MsgKey;
  submitLabel: MsgKey;
  fields: FieldSpec[];
  initial?: Values;
  /** Where to send the file; the query holds the fields' values (and may take more from the file). */
  url: (query: URLSearchParams, file: File) => string;
  onDone: (result: T, values: Values, file: File) => Promise<string>;
}) {
  const { idPrefix } = props;
  const [file, setFile] = useState<File | null>(null);
  const [values, setValues] = useState<Values>(props.initial ?? {});
  const [errors, setErrors] = useState<Errors>({});
  const [docErrors, setDocErrors] = useState<{ path: string; message: string }[]>([]);
  const [problem, setProblem] = useState<Error | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const fileId = `${idPrefix}-file`;
  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    setDone(null);
    setDocErrors([]);
    const errs = validate(props.fields, values);
    if (!file) errs.file = t('material.fileRequired');
    else if (file.size === 0) errs.file = t('material.fileEmpty');
    setErrors(errs);
    if (Object.keys(errs).length) {
      document.getElementById(errs.file ? fileId : `${idPrefix}-${props.fields.find((f) => errs[f.name])?.name ?? ''}`)?.focus();
      return;
    }
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(bodyFrom(props.fields, values))) qs.set(k, String(v));
    setProgress(0);
    try {
      const result = await upload<T>(props.url(qs, file!), file!, setProgress);
      setDone(await props.onDone(result, values, file!));
      setFile(null);
      setValues(props.initial ?? {});
      setFileKey((k) => k + 1);
    } catch (err) {
      if (err instanceof ApiProblem && DOCUMENT_ERRORS.has(err.code)) {
        setDocErrors(err.errors);
        setErrors({ file: err.title });
      } else if (err instanceof ApiProblem) {
        const fe = fieldErrorsFrom(err, [...props.fields, { name: 'body', label: 'material.file', kind: 'text' }]);
        if (fe.body) {
          fe.file = fe.body;
          delete fe.body;
        }
        setErrors(fe);
      }
      setProblem(err as Error);
      setProgress(null);
    }
  };
  return (
    <form class="spec-form upload" onSubmit={submit} noValidate aria-labelledby={`${idPrefix}-h`} data-testid={`${idPrefix}-form`}>
      <h3 id={`${idPrefix}-h`}>{t(props.title)}</h3>
      <div class={`field${errors.file ? ' has-error' : ''}`}>
        <label for={fileId}>
          {t('material.file')}
          <span class="req"> *</span>
        </label>
        <input
          key={fileKey}
          id={fileId}
          type="file"
          aria-invalid={errors.file ? 'true' : undefined}
          aria-describedby={errors.file ? `${fileId}-err` : undefined}
          onChange={(e) => {
            const f = e.currentTarget.files?.[0] ?? null;
            if (f && (!values.filename || values.filename === file?.name)) setValues({ ...values, filename: f.name });
            setFile(f);
          }}
        />
        {errors.file && (
          <div class="field-error" id={`${fileId}-err`}>
            <p>{errors.file}</p>
            {docErrors.length > 0 && (
              <ul data-testid={`${idPrefix}-doc-errors`}>
                {docErrors.map((d, i) => (
                  <li key={i}>
                    <code>{d.path}</code>: {d.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {props.fields
        .filter((f) => !f.when || f.when(values))
        .map((f) => (
          <Field key={f.name} spec={f} id={`${idPrefix}-${f.name}`} value={values[f.name]} error={errors[f.name]} onInput={(v) => setValues({ ...values, [f.name]: v })} />
        ))}
      {progress !== null && (
        <div class="progress">
          <label for={`${idPrefix}-progress`}>{t('material.progress')}</label>
          <progress id={`${idPrefix}-progress`} max={100} value={Math.round(progress * 100)} data-testid={`${idPrefix}-progress`}>
            {Math.round(progress * 100)}%
          </progress>
        </div>
      )}
      <ProblemAlert problem={problem} />
      {done && (
        <p class="alert alert-ok" role="status" data-testid={`${idPrefix}-done`}>
          {done}
        </p>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={progress !== null && progress < 1 && !done && !problem}>
          {t(props.submitLabel)}
        </button>
      </div>
    </form>
  );
}
