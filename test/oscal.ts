import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { sharedPath } from './shared-data.ts';

/**
 * NIST's official OSCAL JSON schemas from ../shared/data (draft-07; their `\p{L}` patterns need
 * Ajv's Unicode regexps, on by default). Compiled once per file and version.
 */
const compiled = new Map<string, ValidateFunction>();

export const OSCAL_SCHEMAS = {
  'complete-1.1.2': 'oscal/schemas/go-oscal-vendored/oscal_complete_schema-1-1-2.json',
  'complete-1.1.3': 'oscal/schemas/go-oscal-vendored/oscal_complete_schema-1-1-3.json',
  'catalog-1.0.6': 'oscal/schemas/usnistgov-OSCAL-v1.0.6/oscal_catalog_schema.json',
} as const;

export function oscalValidator(which: keyof typeof OSCAL_SCHEMAS): ValidateFunction {
  let v = compiled.get(which);
  if (!v) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    v = ajv.compile(JSON.parse(readFileSync(sharedPath(OSCAL_SCHEMAS[which]), 'utf8')));
    compiled.set(which, v);
  }
  return v;
}

/** Schema errors as short lines, for test failure messages. */
export function oscalErrors(which: keyof typeof OSCAL_SCHEMAS, doc: unknown): string[] {
  const v = oscalValidator(which);
  if (v(doc)) return [];
  return (v.errors ?? []).slice(0, 15).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
