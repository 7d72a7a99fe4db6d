import type { RangeEvent } from '../model.ts';

// CSAF product purls go through the full purl module (`../purl/`), so an advisory's packages are
// keyed exactly as SBOM components are; this file keeps only the `vers:` conversion CSAF needs.

/**
 * A `vers:` range (purl-spec VERSION-RANGE-SPEC) as OSV events, one event list per interval
 * because OSV forbids `fixed` and `last_affected` in one range. OSV can say ">= v"
 * (introduced), "< v" (fixed) and "<= v" (last_affected); bare or "=" versions become explicit
 * versions. "> v" and "!= v" have no OSV form and are returned as unsupported.
 */
export function versToOsv(vers: string): { intervals: RangeEvent[][]; versions: string[]; unsupported: string[] } | undefined {
  const m = /^vers:([a-z0-9.+-]+)\/(.*)$/i.exec(vers.trim());
  if (!m) return undefined;
  const intervals: RangeEvent[][] = [];
  const versions: string[] = [];
  const unsupported: string[] = [];
  const body = (m[2] ?? '').replace(/\s+/g, '');
  if (body === '*') return { intervals: [[{ introduced: '0' }]], versions, unsupported };
  let open: RangeEvent[] | undefined;
  for (const c of body.split('|').filter(Boolean)) {
    const op = /^(>=|<=|!=|<|>|=)?(.+)$/.exec(c);
    const operator = op?.[1] ?? '=';
    const version = safeDecode(op?.[2] ?? '');
    if (operator === '>=') {
      if (open) intervals.push(open);
      open = [{ introduced: version }];
    } else if (operator === '<' || operator === '<=') {
      const interval = open ?? [{ introduced: '0' }];
      interval.push(operator === '<' ? { fixed: version } : { last_affected: version });
      intervals.push(interval);
      open = undefined;
    } else if (operator === '=') versions.push(version);
    else unsupported.push(c);
  }
  if (open) intervals.push(open);
  return { intervals, versions, unsupported };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
