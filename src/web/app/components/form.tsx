import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiProblem } from '../api.ts';
import type { MsgKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';

export interface FieldSpec {
  name: string;
  label: MsgKey;
  /** A label from server data (already in the user's language), shown instead of `label`. */
  labelText?: string;
  kind: 'text' | 'password' | 'date' | 'textarea' | 'select' | 'checkbox' | 'multiselect';
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  options?: { value: string; label: string }[];
  hint?: MsgKey;
  /** Only shown (and sent) when this returns true for the current values. */
  when?: (v: Values) => boolean;
}

export type Values = Record<string, string | boolean | string[]>;
export type Errors = Record<string, string>;

/** The same limits the API's schema enforces, checked before sending (the server checks again). */
export function validate(fields: FieldSpec[], v: Values): Errors {
  const errors: Errors = {};
  for (const f of fields) {
    if (f.when && !f.when(v)) continue;
    const val = v[f.name];
    if (f.kind === 'multiselect') {
      if (f.required && (!Array.isArray(val) || val.length === 0)) errors[f.name] = t('form.required');
      continue;
    }
    if (f.kind === 'checkbox') continue;
    const s = typeof val === 'string' ? val.trim() : '';
    if (!s) {
      if (f.required) errors[f.name] = t('form.required');
      continue;
    }
    if (f.minLength && s.length < f.minLength) errors[f.name] = t('form.minLength', { n: f.minLength });
    else if (f.maxLength && s.length > f.maxLength) errors[f.name] = t('form.maxLength', { n: f.maxLength });
    else if (f.pattern && !f.pattern.test(s)) errors[f.name] = t('form.pattern');
  }
  return errors;
}

/** Schema messages the UI can say in the user's language (the API's are English, from ajv). */
const KNOWN_MESSAGES: [RegExp, MsgKey][] = [
  [/^must be equal to (constant|one of the allowed values)$|^must match a schema in anyOf$/, 'form.notAllowed'],
  [/^required$/, 'form.required'],
  [/^unknown field$/, 'form.unknownField'],
];

function localise(message: string): string {
  const known = KNOWN_MESSAGES.find(([re]) => re.test(message));
  return known ? t(known[1]) : message;
}

/** Field errors from a problem+json answer, keyed by the form field each JSON pointer names. */
export function fieldErrorsFrom(p: ApiProblem, fields: FieldSpec[]): Errors {
  const names = new Set(fields.map((f) => f.name));
  const byField = new Map<string, Set<string>>();
  for (const e of p.errors) {
    const segs = e.path.split('/').filter(Boolean).slice(1);
    const name = [...segs].reverse().find((s) => names.has(s)) ?? segs[0] ?? '';
    const key = names.has(name) ? name : '_form';
    const set = byField.get(key) ?? new Set<string>();
    set.add(key === '_form' ? `${name}: ${localise(e.message)}` : localise(e.message));
    byField.set(key, set);
  }
  return Object.fromEntries([...byField].map(([k, msgs]) => [k, `${t('form.server')}: ${[...msgs].join(' ')}`]));
}

/** Only the fields in play, trimmed; empty optional fields are left out as the API expects. */
export function bodyFrom(fields: FieldSpec[], v: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.when && !f.when(v)) continue;
    const val = v[f.name];
    if (f.kind === 'checkbox') out[f.name] = !!val;
    else if (f.kind === 'multiselect') {
      if (Array.isArray(val) && val.length) out[f.name] = val;
    } else if (typeof val === 'string' && val.trim()) out[f.name] = val.trim();
  }
  return out;
}

export function Field(props: { spec: FieldSpec; id: string; value: Values[string] | undefined; error?: string; onInput: (v: Values[string]) => void }) {
  const { spec, id, value, error } = props;
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const described = [error ? errId : '', spec.hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: spec.name, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': described, 'aria-required': spec.required ? ('true' as const) : undefined };
  let control;
  switch (spec.kind) {
    case 'textarea':
      control = <textarea {...common} rows={4} value={(value as string) ?? ''} onInput={(e) => props.onInput(e.currentTarget.value)} />;
      break;
    case 'select':
      control = (
        <select {...common} value={(value as string) ?? ''} onChange={(e) => props.onInput(e.currentTarget.value)}>
          <option value="">{t('form.choose')}</option>
          {spec.options?.map((o) => (
            <option value={o.value} key={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'multiselect':
      control = (
        <select {...common} multiple size={Math.min(6, spec.options?.length ?? 1)} onChange={(e) => props.onInput(Array.from(e.currentTarget.selectedOptions, (o) => o.value))}>
          {spec.options?.map((o) => (
            <option value={o.value} key={o.value} selected={Array.isArray(value) && value.includes(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'checkbox':
      return (
        <div class="field field-check">
          <input type="checkbox" {...common} checked={!!value} onChange={(e) => props.onInput(e.currentTarget.checked)} />
          <label for={id}>{spec.labelText ?? t(spec.label)}</label>
          {error && <p class="field-error" id={errId}>{error}</p>}
        </div>
      );
    default:
      control =
        spec.kind === 'date' ? (
          <input type="date" {...common} value={(value as string) ?? ''} onInput={(e) => props.onInput(e.currentTarget.value)} />
        ) : spec.kind === 'password' ? (
          <input type="password" autoComplete="current-password" {...common} value={(value as string) ?? ''} onInput={(e) => props.onInput(e.currentTarget.value)} />
        ) : (
          <input type="text" {...common} value={(value as string) ?? ''} maxLength={spec.maxLength} onInput={(e) => props.onInput(e.currentTarget.value)} />
        );
  }
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>
        {spec.labelText ?? t(spec.label)}
        {spec.required ? <span class="req"> *</span> : <span class="opt"> ({t('form.optional')})</span>}
      </label>
      {spec.hint && <p class="hint" id={hintId}>{t(spec.hint)}</p>}
      {control}
      {error && (
        <p class="field-error" id={errId}>
          {error}
        </p>
      )}
    </div>
  );
}

export function ProblemAlert(props: { problem: ApiProblem | Error | null }) {
  const p = props.problem;
  if (!p) return null;
  // Field errors are shown beside their fields; the detail would repeat them in English.
  const detail = p instanceof ApiProblem && p.errors.length === 0 ? p.detail : '';
  return (
    <div class="alert alert-error" role="alert">
      {p instanceof ApiProblem ? (
        <>
          <strong>{p.title}</strong>
          {detail && detail !== p.title && <p>{detail}</p>}
        </>
      ) : (
        <strong>{t('error.unexpected')}</strong>
      )}
    </div>
  );
}

/**
 * A form over field specs: validates like the API, sends, and shows the server's field errors next
 * to their fields and anything else above the buttons.
 */
export function SpecForm(props: {
  idPrefix: string;
  fields: FieldSpec[];
  initial?: Values;
  submitLabel: string;
  onSubmit: (body: Record<string, unknown>, values: Values) => Promise<void>;
  onCancel?: () => void;
  children?: ComponentChildren;
}) {
  const [values, setValues] = useState<Values>(props.initial ?? {});
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<ApiProblem | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const errs = validate(props.fields, values);
    setErrors(errs);
    setProblem(null);
    if (Object.keys(errs).length) {
      const first = props.fields.find((f) => errs[f.name]);
      if (first) document.getElementById(`${props.idPrefix}-${first.name}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await props.onSubmit(bodyFrom(props.fields, values), values);
    } catch (err) {
      if (err instanceof ApiProblem) {
        const fe = fieldErrorsFrom(err, props.fields);
        setErrors(fe);
      }
      setProblem(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="spec-form" onSubmit={submit} noValidate>
      {props.fields
        .filter((f) => !f.when || f.when(values))
        .map((f) => (
          <Field key={f.name} spec={f} id={`${props.idPrefix}-${f.name}`} value={values[f.name]} error={errors[f.name]} onInput={(v) => setValues({ ...values, [f.name]: v })} />
        ))}
      {props.children}
      {errors._form && <p class="field-error">{errors._form}</p>}
      <ProblemAlert problem={problem} />
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('form.sending') : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
