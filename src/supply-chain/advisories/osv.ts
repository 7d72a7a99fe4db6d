import type { AffectedPackage, AffectedRange, Advisory, RangeEvent, RangeType, Severity } from '../model.ts';
import { AdvisoryError, kindOf, pointerJoin } from './errors.ts';
import { CvssVectorError } from './cvss-vector.ts';
import { toSeverity } from './severity.ts';

/**
 * OSV (https://ossf.github.io/osv-schema/) → Advisory. Structural rules of the schema are
 * enforced with errors that name the JSON pointer; content the engine does not use
 * (references, credits, database_specific) is not validated beyond being JSON.
 *
 * Deliberate leniencies, each seen in real data:
 *  - GIT range events are not required to be full-length hashes (7 PyPA records use short
 *    hashes or patch names; they still identify the fix).
 *  - An `affected` entry without `package` is accepted when all its ranges are GIT ranges
 *    (PSF's CPython records): it becomes ecosystem 'GIT' with the repository URL as name, which
 *    is how the schema's own ecosystem list spells repository-scoped entries.
 *  - `severity` on both the record and an affected entry (forbidden by the schema) is merged.
 */

const RANGE_TYPES: readonly RangeType[] = ['SEMVER', 'ECOSYSTEM', 'GIT'];
const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
/** RFC 3339 as the schema's `timestamp` pattern writes it (UTC 'Z' only), plus numeric offsets seen in the wild. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

type Obj = Record<string, unknown>;

class Ctx {
  constructor(readonly file: string | undefined) {}
  fail(pointer: string, message: string): never {
    throw new AdvisoryError(message, pointer, this.file);
  }
  object(value: unknown, pointer: string): Obj {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(pointer, `expected an object, got ${kindOf(value)}`);
    return value as Obj;
  }
  string(value: unknown, pointer: string, opts: { nonEmpty?: boolean } = {}): string {
    if (typeof value !== 'string') this.fail(pointer, `expected a string, got ${kindOf(value)}`);
    if (opts.nonEmpty && value.trim() === '') this.fail(pointer, 'must not be empty');
    return value;
  }
  optString(obj: Obj, key: string, pointer: string): string | undefined {
    const v = obj[key];
    return v === undefined ? undefined : this.string(v, pointerJoin(pointer, key));
  }
  /** Arrays the schema allows to be null ("aliases": null) read as empty. */
  array(value: unknown, pointer: string, nullable = false): unknown[] {
    if (value === undefined || (nullable && value === null)) return [];
    if (!Array.isArray(value)) this.fail(pointer, `expected an array${nullable ? ' or null' : ''}, got ${kindOf(value)}`);
    return value;
  }
  strings(value: unknown, pointer: string, nullable = false): string[] {
    return this.array(value, pointer, nullable).map((v, i) => this.string(v, pointerJoin(pointer, i)));
  }
  timestamp(obj: Obj, key: string, pointer: string, required = false): string | undefined {
    const p = pointerJoin(pointer, key);
    if (obj[key] === undefined) {
      if (required) this.fail(p, 'is required');
      return undefined;
    }
    const v = this.string(obj[key], p);
    if (!TIMESTAMP.test(v)) this.fail(p, `"${v}" is not an RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SSZ)`);
    return v;
  }
}

/** True when `value` looks like an OSV record (used to tell OSV from other JSON in a tree). */
export function looksLikeOsv(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const o = value as Obj;
  return typeof o.id === 'string' && ('modified' in o || 'affected' in o || 'schema_version' in o || 'aliases' in o || 'withdrawn' in o);
}

/**
 * Parses one OSV record. `at` names where it came from (file path, `zip!entry`); it is kept in
 * `source.path` and prefixed to error messages.
 */
export function parseOsv(record: unknown, at?: string): Advisory {
  const c = new Ctx(at);
  const o = c.object(record, '');
  const id = c.string(o.id, '/id', { nonEmpty: true });
  if (!ID.test(id)) c.fail('/id', `"${id}" is not a valid OSV id (letters, digits and . _ : -)`);
  const modified = c.timestamp(o, 'modified', '', true);
  const published = c.timestamp(o, 'published', '');
  const withdrawn = c.timestamp(o, 'withdrawn', '');
  if (o.schema_version !== undefined) c.string(o.schema_version, '/schema_version');

  const aliases = unique(c.strings(o.aliases, '/aliases', true)).filter((a) => a !== id);
  const aliasSet = new Set(aliases);
  const related = unique(c.strings(o.related, '/related')).filter((r) => r !== id && !aliasSet.has(r));
  c.strings(o.upstream, '/upstream');
  const summary = c.optString(o, 'summary', '');
  const details = c.optString(o, 'details', '');

  const severity: Severity[] = parseSeverities(c, o.severity, '/severity');
  const affected: AffectedPackage[] = c.array(o.affected, '/affected', true).map((entry, i) => {
    const p = pointerJoin('/affected', i);
    const pkg = parseAffected(c, entry, p);
    for (const s of parseSeverities(c, (entry as Obj).severity, `${p}/severity`)) severity.push(s);
    return pkg;
  });

  for (const key of ['references', 'credits'] as const) {
    c.array(o[key], `/${key}`, key === 'references').forEach((r, i) => c.object(r, `/${key}/${i}`));
  }
  if (o.database_specific !== undefined) c.object(o.database_specific, '/database_specific');

  const advisory: Advisory = {
    id,
    aliases: aliases.sort(),
    related: related.sort(),
    severity: dedupeSeverities(severity),
    affected,
    source: { format: 'osv', ...(at !== undefined ? { path: at } : {}) },
  };
  if (summary !== undefined) advisory.summary = summary;
  if (details !== undefined) advisory.details = details;
  if (published !== undefined) advisory.published = published;
  if (modified !== undefined) advisory.modified = modified;
  if (withdrawn !== undefined) advisory.withdrawn = withdrawn;
  return advisory;
}

function parseSeverities(c: Ctx, value: unknown, pointer: string): Severity[] {
  return c.array(value, pointer, true).map((entry, i) => {
    const p = pointerJoin(pointer, i);
    const s = c.object(entry, p);
    const type = c.string(s.type, `${p}/type`, { nonEmpty: true });
    const score = c.string(s.score, `${p}/score`, { nonEmpty: true });
    try {
      return toSeverity(type, score);
    } catch (err) {
      if (err instanceof CvssVectorError) c.fail(`${p}/score`, err.message);
      throw err;
    }
  });
}

function parseAffected(c: Ctx, value: unknown, pointer: string): AffectedPackage {
  const a = c.object(value, pointer);
  const ranges = c.array(a.ranges, `${pointer}/ranges`).map((r, i) => parseRange(c, r, `${pointer}/ranges/${i}`));
  const versions = c.strings(a.versions, `${pointer}/versions`);
  if (a.ecosystem_specific !== undefined) c.object(a.ecosystem_specific, `${pointer}/ecosystem_specific`);
  if (a.database_specific !== undefined) c.object(a.database_specific, `${pointer}/database_specific`);

  if (a.package === undefined) {
    const repos = unique(ranges.filter((r) => r.type === 'GIT').map((r) => r.repo ?? ''));
    if (ranges.length === 0 || ranges.some((r) => r.type !== 'GIT') || repos.length !== 1) {
      c.fail(`${pointer}/package`, 'is required unless every range is a GIT range of one repository');
    }
    return { ecosystem: 'GIT', name: repos[0] ?? '', ranges, versions };
  }
  const pkg = c.object(a.package, `${pointer}/package`);
  const ecosystem = c.string(pkg.ecosystem, `${pointer}/package/ecosystem`, { nonEmpty: true });
  const name = c.string(pkg.name, `${pointer}/package/name`, { nonEmpty: true });
  const purl = c.optString(pkg, 'purl', `${pointer}/package`);
  if (purl !== undefined && !purl.startsWith('pkg:')) c.fail(`${pointer}/package/purl`, `"${purl}" is not a package URL (must start with "pkg:")`);
  const out: AffectedPackage = { ecosystem, name, ranges, versions };
  if (purl !== undefined) out.purl = purl;
  return out;
}

function parseRange(c: Ctx, value: unknown, pointer: string): AffectedRange {
  const r = c.object(value, pointer);
  const type = c.string(r.type, `${pointer}/type`) as RangeType;
  if (!RANGE_TYPES.includes(type)) c.fail(`${pointer}/type`, `"${type}" is not a range type (SEMVER, ECOSYSTEM, GIT)`);
  const repo = c.optString(r, 'repo', pointer);
  if (type === 'GIT' && (repo === undefined || repo.trim() === '')) c.fail(`${pointer}/repo`, 'is required for a GIT range');
  const rawEvents = c.array(r.events, `${pointer}/events`);
  if (rawEvents.length === 0) c.fail(`${pointer}/events`, 'must not be empty');
  const events: RangeEvent[] = rawEvents.map((e, i) => {
    const p = `${pointer}/events/${i}`;
    const ev = c.object(e, p);
    const keys = EVENT_KEYS.filter((k) => ev[k] !== undefined);
    if (keys.length !== 1) {
      c.fail(p, keys.length === 0
        ? `needs exactly one of ${EVENT_KEYS.join(', ')}`
        : `has ${keys.join(' and ')}; an event holds exactly one of ${EVENT_KEYS.join(', ')}`);
    }
    const key = keys[0] as (typeof EVENT_KEYS)[number];
    const version = c.string(ev[key], `${p}/${key}`, { nonEmpty: true });
    return { [key]: version } as RangeEvent;
  });
  if (!events.some((e) => e.introduced !== undefined)) c.fail(`${pointer}/events`, 'must contain an "introduced" event');
  if (events.some((e) => e.fixed !== undefined) && events.some((e) => e.last_affected !== undefined)) {
    c.fail(`${pointer}/events`, '"fixed" and "last_affected" must not both appear in one range');
  }
  if (r.database_specific !== undefined) c.object(r.database_specific, `${pointer}/database_specific`);
  const out: AffectedRange = { type, events };
  if (repo !== undefined) out.repo = repo;
  return out;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function dedupeSeverities(list: Severity[]): Severity[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = `${s.type}\u0000${s.vector}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
