import type { Component } from '../model.ts';
import type { Issues } from './errors.ts';
import type { IdentityResolver } from './identity.ts';
import type { RefGraph } from './refgraph.ts';
import { lookupTable } from '../purl/purl.ts';

/** A parsed component: the shared Component plus the SWID tag id, which NTIA counts as an identifier. */
export interface SbomComponent extends Component {
  swid?: string;
}

export interface Limits {
  /** Longer names are cut to this length (with a warning). */
  maxNameLength: number;
  /** Longer versions are dropped (with a warning): a cut version would match the wrong advisories. */
  maxVersionLength: number;
}

/**
 * Names the place of a problem. JSON formats answer with a pointer; XML and tag-value answer
 * with the line the parser recorded for the node (and for the field, when it has one).
 */
export type Locator = (node: object | undefined, pointer: string, field?: string) => string;

export const jsonLocator: Locator = (_node, pointer, field) => (field ? `${pointer}/${field}` : pointer);

export function lineLocator(lines: WeakMap<object, number>, fieldLines?: WeakMap<object, Record<string, number>>): Locator {
  return (node, pointer, field) => {
    if (node) {
      const f = field ? fieldLines?.get(node)?.[field] : undefined;
      if (f !== undefined) return `line ${f}`;
      const l = lines.get(node);
      if (l !== undefined) return `line ${l}`;
    }
    return field ? `${pointer}/${field}` : pointer;
  };
}

export interface BuildContext {
  issues: Issues;
  ids: IdentityResolver;
  at: Locator;
  limits: Limits;
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty trimmed string, else undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  // Most values carry no surrounding space; skip trim()'s call for them.
  if (v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32) return v;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function hasControl(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 32 || c === 127) return true;
  }
  return false;
}

export function setName(c: Component, raw: unknown, ctx: BuildContext, node: object, pointer: string, field = 'name'): void {
  const name = str(raw);
  if (name === undefined) {
    ctx.issues.add(ctx.at(node, pointer, field), 'component has no name');
    return;
  }
  if (name.length > ctx.limits.maxNameLength) {
    ctx.issues.add(ctx.at(node, pointer, field), `name of ${name.length} characters cut to ${ctx.limits.maxNameLength}`);
    c.name = name.slice(0, ctx.limits.maxNameLength);
  } else c.name = name;
}

export function setVersion(c: Component, raw: unknown, ctx: BuildContext, node: object, pointer: string, field = 'version'): void {
  const v = str(raw);
  if (v === undefined) {
    ctx.issues.add(ctx.at(node, pointer, field), `component '${c.name}' has no version`);
    return;
  }
  if (v.length > ctx.limits.maxVersionLength) {
    ctx.issues.add(ctx.at(node, pointer, field), `version of ${v.length} characters exceeds ${ctx.limits.maxVersionLength}; dropped`);
    return;
  }
  if (hasControl(v)) {
    ctx.issues.add(ctx.at(node, pointer, field), 'version contains control characters; dropped');
    return;
  }
  c.version = v;
}

export function setPurl(c: Component, raw: unknown, ctx: BuildContext, node: object, pointer: string, field = 'purl'): void {
  const s = str(raw);
  if (s === undefined) return;
  const error = ctx.ids.applyPurl(c, s);
  if (error !== undefined) ctx.issues.add(ctx.at(node, pointer, field), `invalid purl: ${error}`);
}

export function setCpe(c: Component, raw: unknown, ctx: BuildContext, node: object, pointer: string, field = 'cpe'): void {
  const s = str(raw);
  if (s === undefined) return;
  const out = ctx.ids.cpe(s);
  if (typeof out === 'string') c.cpe = out;
  else ctx.issues.add(ctx.at(node, pointer, field), `invalid CPE: ${out.message}`);
}

/** Canonical algorithm names (CycloneDX spelling) keyed by the name squeezed of case, '-' and '_'. */
const HASH_ALGS: Record<string, [string, number]> = lookupTable({
  MD2: ['MD2', 32], MD4: ['MD4', 32], MD5: ['MD5', 32], MD6: ['MD6', 0],
  SHA1: ['SHA-1', 40], SHA224: ['SHA-224', 56], SHA256: ['SHA-256', 64], SHA384: ['SHA-384', 96], SHA512: ['SHA-512', 128],
  SHA3224: ['SHA3-224', 56], SHA3256: ['SHA3-256', 64], SHA3384: ['SHA3-384', 96], SHA3512: ['SHA3-512', 128],
  BLAKE2B256: ['BLAKE2b-256', 64], BLAKE2B384: ['BLAKE2b-384', 96], BLAKE2B512: ['BLAKE2b-512', 128],
  BLAKE3: ['BLAKE3', 0], ADLER32: ['ADLER-32', 8],
});
const HEX = /^[0-9a-f]+$/;
// The spellings CycloneDX and SPDX actually use, looked up as given before any case folding.
for (const [k, v] of Object.entries({ 'SHA-1': 'SHA1', 'SHA-256': 'SHA256', 'SHA-384': 'SHA384', 'SHA-512': 'SHA512', 'SHA3-256': 'SHA3256', 'SHA3-384': 'SHA3384', 'SHA3-512': 'SHA3512', 'BLAKE2b-256': 'BLAKE2B256', 'BLAKE2b-384': 'BLAKE2B384', 'BLAKE2b-512': 'BLAKE2B512' })) {
  HASH_ALGS[k] = HASH_ALGS[v]!;
}

export function addHash(c: Component, alg: unknown, value: unknown, ctx: BuildContext, node: object, pointer: string): void {
  const a = str(alg);
  let v = str(value);
  if (a === undefined || v === undefined) {
    ctx.issues.add(ctx.at(node, pointer), 'hash without algorithm or value; skipped');
    return;
  }
  const known = HASH_ALGS[a] ?? HASH_ALGS[a.toUpperCase().replace(/[-_]/g, '')];
  if (!HEX.test(v)) v = v.toLowerCase();
  if (!HEX.test(v) || (known && known[1] !== 0 && v.length !== known[1])) {
    ctx.issues.add(ctx.at(node, pointer), `${known?.[0] ?? a} value is not ${known && known[1] ? known[1] + ' ' : ''}hex digits; skipped`);
    return;
  }
  c.hashes.push({ alg: known ? known[0] : a, value: v });
}

/** A licence name that is not an SPDX id becomes a LicenseRef, so the result stays an SPDX expression. */
export function licenseRef(name: string): string {
  const id = name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `LicenseRef-${id || 'unknown'}`;
}

const SPDX_ID = /^[A-Za-z0-9][A-Za-z0-9.+-]*$/;

/** CycloneDX license ids are SPDX ids; a free-text name is only kept as-is when it looks like one. */
export function licenseFromIdOrName(id: string | undefined, name: string | undefined): string | undefined {
  if (id) return id;
  if (!name) return undefined;
  return SPDX_ID.test(name) && !/^(unknown|other|noassertion)$/i.test(name) ? name : licenseRef(name);
}

/** Joins several licence expressions by AND, parenthesising compound ones. */
export function joinLicenses(parts: string[]): string | undefined {
  const uniq = [...new Set(parts)];
  if (uniq.length <= 1) return uniq[0];
  return uniq.map((p) => (/\s(AND|OR|WITH)\s/i.test(p) ? `(${p})` : p)).join(' AND ');
}

/** SPDX 'Organization: Acme (ops@acme.example)' → 'Acme'; NOASSERTION/NONE → undefined. */
export function partyName(raw: unknown): string | undefined {
  let s = str(raw);
  if (s === undefined || s === 'NOASSERTION' || s === 'NONE') return undefined;
  const m = /^(Organization|Person|Tool)\s*:\s*/i.exec(s);
  if (m) s = s.slice(m[0].length);
  // A trailing contact, '(ops@acme.example)' or '<ops@acme.example>' or an empty '()', is not the name.
  s = s.replace(/\s*(\(\s*([^()]*@[^()]*)?\s*\)|<[^<>]*@[^<>]*>)\s*$/, '').trim();
  return s === '' || s === 'NOASSERTION' ? undefined : s;
}

/**
 * Components are made by a constructor, not a literal: V8 then sizes every instance for the
 * fields parsers add afterwards (version, purl, ecosystem, …) instead of growing a separate
 * property store per component, a visible share of parse time at 100,000 components.
 */
class ParsedComponent implements SbomComponent {
  ref: string;
  name = '';
  hashes: SbomComponent['hashes'] = [];
  constructor(ref: string) {
    this.ref = ref;
  }
}

export function newComponent(ref: string): SbomComponent {
  return new ParsedComponent(ref);
}

/** Keeps refs unique: a repeated ref gets a '#n' suffix and a warning. Registers it; returns the final ref. */
export function uniqueRef(graph: RefGraph, ref: string, ctx: BuildContext, node: object, pointer: string, field: string): string {
  if (graph.tryRegister(ref) >= 0) return ref;
  let n = 2;
  while (graph.has(`${ref}#${n}`)) n++;
  const out = `${ref}#${n}`;
  graph.register(out);
  ctx.issues.add(ctx.at(node, pointer, field), `duplicate reference '${ref}'; this one renamed '${out}' and not linked by dependencies`);
  return out;
}
