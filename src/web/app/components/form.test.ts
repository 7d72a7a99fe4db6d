import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../api.ts';
import type { FieldSpec } from './form.tsx';
import { bodyFrom, fieldErrorsFrom, validate } from './form.tsx';

const fields: FieldSpec[] = [
  { name: 'title', label: 'field.title', kind: 'text', required: true, maxLength: 5 },
  { name: 'statement', label: 'material.authenticity', kind: 'textarea', required: true, minLength: 10 },
  { name: 'kind', label: 'material.kind', kind: 'select' },
  { name: 'sector', label: 'field.sector', kind: 'select', required: true, when: (v) => v.kind === 'sector' },
  { name: 'orgIds', label: 'field.recipients', kind: 'multiselect', required: true, when: (v) => v.kind === 'orgs' },
  { name: 'confidential', label: 'material.confidential', kind: 'checkbox' },
];

describe('form checks mirror the API', () => {
  it('names every missing, short and long field, and skips fields not in play', () => {
    expect(Object.keys(validate(fields, {})).sort()).toEqual(['statement', 'title']);
    const e = validate(fields, { title: 'toolong', statement: 'short', kind: 'sector' });
    expect(Object.keys(e).sort()).toEqual(['sector', 'statement', 'title']);
    expect(validate(fields, { title: '  ok ', statement: 'long enough text', kind: 'orgs', orgIds: ['a'] })).toEqual({});
    expect(validate(fields, { title: 'ok', statement: 'long enough text', kind: 'orgs', orgIds: [] })).toHaveProperty('orgIds');
  });

  it('sends trimmed values, leaves out empty optional ones and fields not in play', () => {
    expect(bodyFrom(fields, { title: ' a ', statement: 'x'.repeat(10), kind: '', sector: 'energy', confidential: true })).toEqual({ title: 'a', statement: 'x'.repeat(10), confidential: true });
  });

  it('puts the server’s field errors next to the field their JSON pointer names', () => {
    const p = new ApiProblem(400, 'validation_failed', 'invalid', '', [
      { path: '/body/title', message: 'must NOT have more than 5 characters' },
      { path: '/body/scope/sector', message: 'required' },
      { path: '/query/kind', message: 'must be equal to constant' },
      { path: '/query/kind', message: 'must be equal to constant' },
      { path: '/query/kind', message: 'must match a schema in anyOf' },
      { path: '/body/unknownField', message: 'unknown field' },
    ]);
    const e = fieldErrorsFrom(p, fields);
    expect(e.title).toContain('more than 5');
    expect(e.sector).toBe('Refused by the server: Required.');
    expect(e.kind).toBe('Refused by the server: Not one of the allowed values.');
    expect(e._form).toContain('unknownField: Not a field the server knows.');
  });
});
