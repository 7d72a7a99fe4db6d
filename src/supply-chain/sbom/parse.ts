import type { Sbom } from '../model.ts';
import { Issues, SbomError } from './errors.ts';
import { decodeInput } from './decode.ts';
import { parseJson } from './json.ts';
import { type BuildContext, type SbomComponent, isObj, jsonLocator } from './component.ts';
import { IdentityResolver } from './identity.ts';
import { buildCycloneDx } from './cyclonedx.ts';
import { cycloneDxXmlVersion, parseCycloneDxXml } from './cyclonedx-xml.ts';
import { buildSpdx2 } from './spdx2.ts';
import { buildSpdx3, isSpdx3 } from './spdx3.ts';
import { DOCUMENT_TAGS, parseSpdxTagValue } from './spdx-tag-value.ts';
import { cyclesInCsr } from './graph.ts';
import { csrFromMap, csrOf } from './refgraph.ts';

export interface ParseSbomOptions {
  /** Refuse inputs above this many bytes (default 512 MiB). */
  maxBytes?: number;
  /** Keep at most this many warnings; the rest are counted in a final one (default 1000). */
  maxWarnings?: number;
  /** Versions longer than this are dropped with a warning (default 256). */
  maxVersionLength?: number;
  /** Names longer than this are cut with a warning (default 1024). */
  maxNameLength?: number;
}

export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/** The result: an Sbom whose components may carry a SWID tag id (see SbomComponent). */
export interface ParsedSbom extends Sbom {
  root?: SbomComponent;
  components: SbomComponent[];
}

/**
 * Reads an SBOM of any supported format, detected from the content alone: CycloneDX 1.4–1.6
 * JSON and XML, SPDX 2.x JSON and tag-value, SPDX 3.0 JSON-LD. Throws SbomError for input that
 * cannot be read; everything else that is wrong lands in `warnings`, each naming its place.
 */
export function parseSbom(input: Buffer | Uint8Array | string, opts: ParseSbomOptions = {}): ParsedSbom {
  const { text, notes } = decodeInput(input, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  const issues = new Issues(opts.maxWarnings ?? 1000);
  for (const n of notes) issues.add(n.at, n.message);
  const ctx: BuildContext = {
    issues,
    ids: new IdentityResolver(),
    at: jsonLocator,
    limits: { maxVersionLength: opts.maxVersionLength ?? 256, maxNameLength: opts.maxNameLength ?? 1024 },
  };
  const sbom = dispatch(text, ctx);
  markFirstParty(sbom);
  reportCycles(sbom, issues);
  sbom.warnings = issues.finish();
  return sbom as ParsedSbom;
}

function firstChar(text: string): { ch: string; at: number } {
  const m = /\S/.exec(text);
  return m ? { ch: m[0], at: m.index } : { ch: '', at: -1 };
}

function dispatch(text: string, ctx: BuildContext): Sbom {
  const { ch, at } = firstChar(text);
  if (ch === '{' || ch === '[') return fromJson(parseJson(text), ctx, 0);
  if (ch === '<') return fromXml(text, at, ctx);
  const firstLine = firstMeaningfulLine(text);
  if (DOCUMENT_TAGS.test(firstLine) || /^PackageName\s*:/.test(firstLine)) return parseSpdxTagValue(text, ctx);
  if (/^(---\s*$|spdxVersion\s*:|bomFormat\s*:)/.test(firstLine)) {
    throw new SbomError('unsupported-format', 'YAML SBOMs are not supported; convert to JSON', 'line 1');
  }
  throw new SbomError('unknown-format', `not JSON, XML or SPDX tag-value (starts with ${JSON.stringify(firstLine.slice(0, 40))})`, 'line 1');
}

function firstMeaningfulLine(text: string): string {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + 200)).trim();
    if (line !== '' && !line.startsWith('#')) return line;
    start = end + 1;
  }
  return '';
}

function fromJson(value: unknown, ctx: BuildContext, depth: number): Sbom {
  if (Array.isArray(value)) throw new SbomError('unknown-format', 'JSON top level is an array, not an SBOM document', '/');
  if (!isObj(value)) throw new SbomError('unknown-format', 'JSON top level is not an object', '/');
  const doc = value;
  if (doc['bomFormat'] === 'CycloneDX' || (typeof doc['$schema'] === 'string' && /cyclonedx/i.test(doc['$schema']))) {
    if (doc['bomFormat'] !== 'CycloneDX') ctx.issues.add('/bomFormat', "bomFormat is not 'CycloneDX'; recognised by $schema");
    const spec = doc['specVersion'];
    if (typeof spec !== 'string') throw new SbomError('structure', 'CycloneDX document has no specVersion string', '/specVersion');
    return buildCycloneDx(doc, ctx, 'cyclonedx-json', spec);
  }
  if (typeof doc['spdxVersion'] === 'string') {
    if (/^SPDX-3/i.test(doc['spdxVersion'])) throw new SbomError('unsupported-format', 'SPDX 3 must be JSON-LD with an @context', '/spdxVersion');
    return buildSpdx2(doc, ctx, 'spdx-json');
  }
  if (isSpdx3(doc)) return buildSpdx3(doc, ctx);
  // An in-toto attestation wrapping an SBOM (cosign, syft attest): read the predicate.
  const predicate = doc['predicate'];
  if (typeof doc['_type'] === 'string' && /in-toto/.test(doc['_type']) && isObj(predicate) && depth === 0) {
    const type = String(doc['predicateType'] ?? '');
    if (/spdx|cyclonedx/i.test(type)) {
      ctx.issues.add('/predicate', `SBOM read from an in-toto statement (predicateType ${type})`);
      return fromJson(predicate, { ...ctx, at: (n, p, f) => jsonLocator(n, '/predicate' + p, f) }, depth + 1);
    }
    throw new SbomError('unknown-format', `in-toto statement whose predicate (${type}) is not an SBOM`, '/predicateType');
  }
  const keys = Object.keys(doc).slice(0, 5).join(', ');
  throw new SbomError('unknown-format', `JSON is neither CycloneDX (bomFormat), SPDX 2 (spdxVersion) nor SPDX 3 (@context); top-level keys: ${keys || 'none'}`, '/');
}

function fromXml(text: string, start: number, ctx: BuildContext): Sbom {
  const root = rootElement(text, start);
  const local = root.name.replace(/^.*:/, '');
  if (local === 'bom') {
    const version = cycloneDxXmlVersion(root.tag);
    if (!version) throw new SbomError('unknown-format', "XML 'bom' element without the CycloneDX namespace (http://cyclonedx.org/schema/bom/1.x)", `line ${root.line}`);
    return parseCycloneDxXml(text, ctx, version);
  }
  if (root.name === 'rdf:RDF' || /spdx/i.test(root.tag)) throw new SbomError('unsupported-format', 'SPDX RDF/XML and XML are not supported; use SPDX JSON or tag-value', `line ${root.line}`);
  throw new SbomError('unknown-format', `XML root element '${root.name}' is not a CycloneDX bom`, `line ${root.line}`);
}

/** The first element's start tag, skipping the prolog, comments, processing instructions and DOCTYPE. */
function rootElement(text: string, start: number): { name: string; tag: string; line: number } {
  let i = start;
  for (;;) {
    i = text.indexOf('<', i);
    if (i < 0) throw new SbomError('syntax', 'XML has no root element');
    if (text.startsWith('<?', i)) i = text.indexOf('?>', i) + 2;
    else if (text.startsWith('<!--', i)) i = text.indexOf('-->', i) + 3;
    else if (text.startsWith('<!', i)) i = text.indexOf('>', i) + 1;
    else break;
    if (i <= 1) throw new SbomError('syntax', 'XML prolog is not terminated');
  }
  const end = text.indexOf('>', i);
  const tag = text.slice(i, end < 0 ? Math.min(text.length, i + 4096) : end + 1);
  const name = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) line++;
  return { name, tag, line };
}

/**
 * First-party (Art. 4(1)) versus third-party (Art. 4(2)): a component is marked first-party when
 * it shares the root product's supplier or group. SBOMs rarely say so outright; leaving the rest
 * undefined (not false) keeps "unknown" distinct from "third-party".
 */
function markFirstParty(sbom: Sbom): void {
  const root = sbom.root;
  if (!root) return;
  root.firstParty = true;
  const supplier = root.supplier?.toLowerCase();
  const group = root.group;
  if (!supplier && !group) return;
  for (const c of sbom.components) {
    if ((supplier && c.supplier?.toLowerCase() === supplier) || (group && c.group === group)) c.firstParty = true;
  }
}

function reportCycles(sbom: Sbom, issues: Issues): void {
  const csr = csrOf.get(sbom);
  csrOf.delete(sbom);
  if (sbom.dependencies.size === 0) return;
  const { cycles, nodesInCycles } = cyclesInCsr(csr ?? csrFromMap(sbom.dependencies), 5);
  if (!cycles.length) return;
  const at = sbom.format === 'cyclonedx-json' ? '/dependencies' : sbom.format === 'spdx-json' ? '/relationships' : sbom.format === 'spdx3-jsonld' ? '/@graph' : 'dependencies';
  for (const c of cycles) {
    const shown = c.length > 12 ? [...c.slice(0, 6), '…', ...c.slice(-5)] : c;
    issues.add(at, `dependency cycle: ${shown.join(' → ')}`);
  }
  issues.add(at, `${nodesInCycles} components lie on dependency cycles; depths use the shortest path from the root`);
}

