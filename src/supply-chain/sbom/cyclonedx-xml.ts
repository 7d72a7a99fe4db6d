import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Sbom } from '../model.ts';
import { LineIndex, SbomError } from './errors.ts';
import { type BuildContext, type Obj, isObj, lineLocator } from './component.ts';
import { buildCycloneDx } from './cyclonedx.ts';

const MAX_XML_DEPTH = 1000;
const CDX_NS = /xmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)["']/;

/** The CycloneDX spec version from the root element's namespace, or undefined when it is not CycloneDX. */
export function cycloneDxXmlVersion(head: string): string | undefined {
  return CDX_NS.exec(head)?.[1];
}

/** Refuses DTD entity declarations: CycloneDX never needs them and they enable expansion bombs. */
export function assertNoEntities(text: string): void {
  const i = text.indexOf('<!ENTITY');
  if (i >= 0) throw new SbomError('structure', 'XML entity declarations are refused', `line ${new LineIndex(text.slice(0, i)).line(i)}`);
}

/** Checks well-formedness with fast-xml-parser's validator, which reports line and column. */
export function validateXml(text: string): void {
  const res = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (res !== true) throw new SbomError('syntax', `XML is not well-formed: ${res.err.msg}`, `line ${res.err.line}, column ${res.err.col}`);
}

export function parseCycloneDxXml(text: string, ctx: BuildContext, specVersion: string): Sbom {
  assertNoEntities(text);
  validateXml(text);
  let tree: Obj;
  try {
    tree = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      removeNSPrefix: true,
      captureMetaData: true,
      parseTagValue: false,
      parseAttributeValue: false,
      htmlEntities: false,
      // Callbacks are unused; string jPaths only slow the parser down.
      jPath: false,
      maxNestedTags: MAX_XML_DEPTH,
    }).parse(text) as Obj;
  } catch (e) {
    throw new SbomError('structure', `XML could not be read: ${(e as Error).message}`);
  }
  const bom = tree['bom'];
  if (!isObj(bom)) throw new SbomError('unknown-format', "XML root element is not CycloneDX 'bom'");
  const conv = new Converter(new LineIndex(text));
  const doc = conv.bom(bom);
  return buildCycloneDx(doc, { ...ctx, at: lineLocator(conv.lines) }, 'cyclonedx-xml', specVersion);
}

const META = XMLParser.getMetaDataSymbol() as unknown as string;

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isObj(v) && v['#text'] !== undefined) return String(v['#text']);
  return undefined;
}

function attr(v: unknown, name: string): string | undefined {
  return isObj(v) && typeof v['@_' + name] === 'string' ? (v['@_' + name] as string) : undefined;
}

function child(v: unknown, name: string): unknown {
  return isObj(v) ? v[name] : undefined;
}

/** Rewrites the XML tree into the CycloneDX JSON shape, remembering each node's line. */
class Converter {
  readonly lines = new WeakMap<object, number>();
  constructor(private readonly index: LineIndex) {}

  private mark<T extends object>(out: T, src: unknown): T {
    const meta = isObj(src) ? (src[META] as { startIndex?: number } | undefined) : undefined;
    if (meta?.startIndex !== undefined) this.lines.set(out, this.index.line(meta.startIndex));
    return out;
  }

  bom(x: Obj): Obj {
    const out: Obj = { bomFormat: 'CycloneDX' };
    const serial = attr(x, 'serialNumber');
    if (serial) out['serialNumber'] = serial;
    const metadata = child(x, 'metadata');
    if (isObj(metadata)) out['metadata'] = this.metadata(metadata);
    const comps = child(x, 'components');
    if (comps !== undefined) out['components'] = asArray(child(comps, 'component')).map((c) => this.component(c));
    const deps = child(x, 'dependencies');
    if (deps !== undefined) {
      out['dependencies'] = asArray(child(deps, 'dependency')).map((d) =>
        this.mark({ ref: attr(d, 'ref'), dependsOn: asArray(child(d, 'dependency')).map((dd) => attr(dd, 'ref')) }, d),
      );
    }
    return this.mark(out, x);
  }

  private metadata(x: Obj): Obj {
    const out: Obj = {};
    const ts = text(child(x, 'timestamp'));
    if (ts !== undefined) out['timestamp'] = ts;
    const tools = child(x, 'tools');
    if (isObj(tools)) {
      // 1.4: <tools><tool>…; 1.5+: <tools><components><component>….
      const legacy = asArray(child(tools, 'tool')).map((t) => ({ name: text(child(t, 'name')), version: text(child(t, 'version')) }));
      const modern = asArray(child(child(tools, 'components'), 'component')).map((t) => ({ name: text(child(t, 'name')), version: text(child(t, 'version')) }));
      out['tools'] = [...legacy, ...modern];
    }
    const authors = asArray(child(child(x, 'authors'), 'author'));
    if (authors.length) out['authors'] = authors.map((a) => ({ name: text(child(a, 'name')), email: text(child(a, 'email')) }));
    const component = asArray(child(x, 'component'))[0];
    if (component !== undefined) out['component'] = this.component(component);
    return this.mark(out, x);
  }

  private component(x: unknown): unknown {
    if (!isObj(x)) return x;
    const out: Obj = {};
    for (const k of ['type', 'bom-ref'] as const) {
      const a = attr(x, k);
      if (a !== undefined) out[k] = a;
    }
    for (const k of ['name', 'version', 'group', 'publisher', 'author', 'purl', 'cpe'] as const) {
      const t = text(x[k]);
      if (t !== undefined) out[k] = t;
    }
    for (const k of ['supplier', 'manufacturer'] as const) {
      const org = x[k];
      if (org !== undefined) out[k] = { name: text(child(org, 'name')) };
    }
    const authors = asArray(child(x['authors'], 'author'));
    if (authors.length) out['authors'] = authors.map((a) => ({ name: text(child(a, 'name')), email: text(child(a, 'email')) }));
    const swid = x['swid'];
    if (swid !== undefined) out['swid'] = { tagId: attr(swid, 'tagId') };
    const hashes = x['hashes'];
    if (hashes !== undefined) out['hashes'] = asArray(child(hashes, 'hash')).map((h) => this.mark({ alg: attr(h, 'alg'), content: text(h) }, h));
    const lic = x['licenses'];
    if (lic !== undefined) {
      out['licenses'] = [
        ...asArray(child(lic, 'license')).map((l) => ({ license: { id: text(child(l, 'id')), name: text(child(l, 'name')) } })),
        ...asArray(child(lic, 'expression')).map((e) => ({ expression: text(e) })),
      ];
    }
    const nested = x['components'];
    if (nested !== undefined) out['components'] = asArray(child(nested, 'component')).map((c) => this.component(c));
    return this.mark(out, x);
  }
}
