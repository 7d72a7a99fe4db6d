import { createHash } from 'node:crypto';
import type { Advisory } from '../model.ts';

/**
 * Content hash of an advisory, so a re-import can tell "same record again" from "record
 * changed" without comparing field by field. Where the record was read from (`source.path`) is
 * left out: the same advisory imported from a directory or from a zip must hash the same.
 * Object keys are sorted; array order is kept because it carries meaning (range events).
 */
export function advisoryDigest(a: Advisory): string {
  const { source, ...content } = a;
  return createHash('sha256').update(canonicalJson({ ...content, source: { format: source.format } })).digest('hex');
}

/** JSON with sorted keys and undefined members dropped: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
