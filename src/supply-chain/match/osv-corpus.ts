/**
 * A deliberately minimal OSV reader for the matcher's own tests and benchmark: it keeps only
 * what matching needs (id, aliases, withdrawn, affected packages with ranges and versions). The
 * real importer, with validation, de-duplication and severities, lives in ../advisories/; the
 * matcher does not depend on it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { AffectedPackage, AffectedRange, Advisory, RangeEvent, RangeType } from '../model.ts';

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);

function toEvent(e: unknown): RangeEvent | undefined {
  if (!isObject(e)) return undefined;
  const out: RangeEvent = {};
  for (const k of ['introduced', 'fixed', 'last_affected', 'limit'] as const) if (typeof e[k] === 'string') out[k] = e[k];
  return Object.keys(out).length === 1 ? out : undefined;
}

function toAffected(a: unknown): AffectedPackage | undefined {
  if (!isObject(a) || !isObject(a.package)) return undefined;
  const { ecosystem, name, purl } = a.package;
  if (typeof ecosystem !== 'string' || typeof name !== 'string') return undefined;
  const ranges: AffectedRange[] = [];
  for (const r of Array.isArray(a.ranges) ? a.ranges : []) {
    if (!isObject(r) || typeof r.type !== 'string' || !Array.isArray(r.events)) continue;
    const events = r.events.map(toEvent).filter((e): e is RangeEvent => e !== undefined);
    ranges.push({ type: r.type as RangeType, ...(typeof r.repo === 'string' ? { repo: r.repo } : {}), events });
  }
  return { ecosystem, name, ...(typeof purl === 'string' ? { purl } : {}), ranges, versions: strings(a.versions) };
}

/** One OSV record (JSON or YAML text) → Advisory, or undefined when the text is not an OSV record. */
export function readOsvRecord(text: string, path: string): Advisory | undefined {
  let doc: unknown;
  try {
    // YAML 1.2's core schema keeps dates as strings, as the OSV schema wants.
    doc = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch {
    return undefined;
  }
  if (!isObject(doc) || typeof doc.id !== 'string') return undefined;
  return {
    id: doc.id,
    aliases: strings(doc.aliases),
    related: strings(doc.related),
    ...(typeof doc.withdrawn === 'string' ? { withdrawn: doc.withdrawn } : {}),
    ...(typeof doc.modified === 'string' ? { modified: doc.modified } : {}),
    severity: [],
    affected: (Array.isArray(doc.affected) ? doc.affected : []).map(toAffected).filter((x): x is AffectedPackage => x !== undefined),
    source: { format: 'osv', path },
  };
}

/** Every OSV record under `dir` (recursively; .json, .yaml, .yml). `every` keeps one file in N. */
export function loadOsvDir(dir: string, every = 1): Advisory[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (/\.(json|ya?ml)$/.test(ent.name)) files.push(p);
    }
  };
  walk(dir);
  files.sort();
  const out: Advisory[] = [];
  files.forEach((p, i) => {
    if (i % every !== 0) return;
    const adv = readOsvRecord(readFileSync(p, 'utf8'), p);
    if (adv !== undefined) out.push(adv);
  });
  return out;
}
