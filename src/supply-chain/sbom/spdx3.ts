import type { Sbom } from '../model.ts';
import { SbomError } from './errors.ts';
import {
  type BuildContext, type Obj, type SbomComponent, addHash, isObj, newComponent, setCpe, setName, setPurl, setVersion, str,
  uniqueRef,
} from './component.ts';
import { RefGraph, csrOf } from './refgraph.ts';

/**
 * SPDX 3.0 JSON-LD (compact form with the official context): the @graph's Package elements
 * (software, AI and dataset packages) become components. Agents, licences and creation info
 * are elements referenced by id; relationships are elements too, with one `from` and many `to`.
 */

/** Relationship types (lower case, no separators) read as dependency edges, all from → to. */
const EDGES = new Set(['dependson', 'contains', 'hasdynamiclink', 'hasstaticlink', 'hasprerequisite', 'hasprovideddependency', 'hasoptionaldependency', 'hasoptionalcomponent']);
const PACKAGE_TYPES = new Set(['package', 'aipackage', 'datasetpackage']);

/** 'software_Package', 'software:Package', 'https://spdx.org/rdf/3.0.1/terms/Software/Package' → 'package'. */
function typeOf(e: Obj): string {
  const t = str(e['type']) ?? str(e['@type']) ?? '';
  const cut = Math.max(t.lastIndexOf('_'), t.lastIndexOf(':'), t.lastIndexOf('/'), t.lastIndexOf('#'));
  return t.slice(cut + 1).toLowerCase();
}

function idOf(e: Obj): string | undefined {
  return str(e['spdxId']) ?? str(e['@id']);
}

function field(e: Obj, name: string): unknown {
  return e[`software_${name}`] ?? e[name];
}

function refs(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' ? [x] : isObj(x) && idOf(x) ? [idOf(x)!] : []));
  if (isObj(v) && idOf(v)) return [idOf(v)!];
  return [];
}

export function isSpdx3(doc: Obj): boolean {
  const ctx = doc['@context'];
  const ctxText = typeof ctx === 'string' ? ctx : Array.isArray(ctx) ? ctx.filter((c) => typeof c === 'string').join(' ') : '';
  return /spdx\.org\/rdf\/3\./.test(ctxText);
}

export function buildSpdx3(doc: Obj, ctx: BuildContext): Sbom {
  const elements = doc['@graph'];
  if (!Array.isArray(elements)) throw new SbomError('structure', 'SPDX 3 JSON-LD needs an @graph array', ctx.at(doc, '', '@graph'));
  const byId = new Map<string, Obj>();
  for (const e of elements) if (isObj(e) && idOf(e)) byId.set(idOf(e)!, e);
  const name = (id: string): string | undefined => {
    const e = byId.get(id);
    return e ? str(e['name']) : undefined;
  };

  const sbom: Sbom = { format: 'spdx3-jsonld', specVersion: '3.0', components: [], dependencies: new Map(), authors: [], tools: [], warnings: [] };
  const documents = elements.filter((e): e is Obj => isObj(e) && typeOf(e) === 'spdxdocument');
  const sboms = elements.filter((e): e is Obj => isObj(e) && typeOf(e) === 'sbom');
  const head = documents[0] ?? sboms[0];
  if (!head) ctx.issues.add(ctx.at(doc, '/@graph'), 'no SpdxDocument or Sbom element');
  if (head) {
    const n = str(head['name']);
    if (n) sbom.name = n;
    const id = idOf(head);
    if (id) sbom.serialNumber = id;
    readCreationInfo(head['creationInfo'], byId, name, sbom, ctx);
  }

  const relationships: [number, Obj][] = [];
  const describes: string[] = [];
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i];
    if (!isObj(e) || !typeOf(e).endsWith('relationship')) continue;
    relationships.push([i, e]);
    if (str(e['relationshipType'])?.toLowerCase() === 'describes') describes.push(...refs(e['to']));
  }

  // Roots: an Sbom's rootElement, else the document's (which may point at the Sbom), else DESCRIBES.
  // A root may be a File (a firmware image, a binary): it then stands for the product too.
  const isPart = (e: Obj | undefined): boolean => !!e && (PACKAGE_TYPES.has(typeOf(e)) || typeOf(e) === 'file');
  const rootIds = new Set<string>();
  const expand = (id: string, depth: number): void => {
    const e = byId.get(id);
    if (isPart(e)) rootIds.add(id);
    else if (e && depth < 3 && ['sbom', 'bom', 'spdxdocument'].includes(typeOf(e))) for (const r of refs(e['rootElement'])) expand(r, depth + 1);
  };
  for (const sb of sboms) for (const r of refs(sb['rootElement'])) expand(r, 0);
  if (rootIds.size === 0) for (const d of documents) for (const r of refs(d['rootElement'])) expand(r, 0);
  if (rootIds.size === 0) for (const r of describes) expand(r, 0);

  const components = new Map<string, SbomComponent>();
  const graph = new RefGraph(elements.length + 1);
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i];
    if (!isObj(e) || !(PACKAGE_TYPES.has(typeOf(e)) || (typeOf(e) === 'file' && rootIds.has(idOf(e) ?? '')))) continue;
    const c = readPackage(e, `/@graph/${i}`, ctx, graph, name);
    sbom.components.push(c);
    components.set(c.ref, c);
  }

  for (const [i, e] of relationships) {
    const type = (str(e['relationshipType']) ?? '').toLowerCase().replace(/_/g, '');
    const from = refs(e['from'])[0];
    const to = refs(e['to']);
    if (!from || to.length === 0) {
      ctx.issues.add(ctx.at(e, `/@graph/${i}`), 'relationship lacks from or to; skipped');
      continue;
    }
    if (type === 'hasconcludedlicense' || type === 'hasdeclaredlicense') applyLicence(components.get(from), to, byId, type === 'hasconcludedlicense');
    else if (EDGES.has(type) && components.has(from)) for (const t of to) if (components.has(t)) graph.add(from, t);
  }
  setRoot(sbom, [...rootIds].filter((id) => components.has(id)), components, graph, ctx, doc);
  const built = graph.build();
  sbom.dependencies = built.deps;
  csrOf.set(sbom, built.csr);
  return sbom;
}

function readCreationInfo(ci: unknown, byId: Map<string, Obj>, name: (id: string) => string | undefined, sbom: Sbom, ctx: BuildContext): void {
  const info = typeof ci === 'string' ? byId.get(ci) : isObj(ci) ? ci : undefined;
  if (!info) return;
  const created = str(info['created']);
  if (created && !Number.isNaN(Date.parse(created))) sbom.timestamp = created;
  else if (created) ctx.issues.add(ctx.at(info, '/@graph', 'created'), `created '${created.slice(0, 40)}' is not a date-time`);
  const v = str(info['specVersion']);
  if (v) sbom.specVersion = v;
  for (const id of refs(info['createdBy'])) sbom.authors.push(name(id) ?? id);
  for (const id of refs(info['createdUsing'])) sbom.tools.push(name(id) ?? id);
}

function readPackage(e: Obj, ptr: string, ctx: BuildContext, graph: RefGraph, name: (id: string) => string | undefined): SbomComponent {
  const c = newComponent('');
  setName(c, e['name'], ctx, e, ptr);
  setVersion(c, field(e, 'packageVersion'), ctx, e, ptr, 'software_packageVersion');
  const purpose = str(field(e, 'primaryPurpose'));
  if (purpose) c.type = purpose.toLowerCase();
  const purl = field(e, 'packageUrl');
  if (purl !== undefined) setPurl(c, purl, ctx, e, ptr, 'software_packageUrl');
  const ext = e['externalIdentifier'];
  if (Array.isArray(ext)) {
    for (let i = 0; i < ext.length; i++) {
      const x = ext[i];
      if (!isObj(x)) continue;
      const type = str(x['externalIdentifierType'])?.toLowerCase();
      const at = `${ptr}/externalIdentifier/${i}`;
      if (type === 'packageurl' && c.purl === undefined) setPurl(c, x['identifier'], ctx, x, at, 'identifier');
      else if ((type === 'cpe23' || type === 'cpe22') && c.cpe === undefined) setCpe(c, x['identifier'], ctx, x, at, 'identifier');
      else if (type === 'swid' && c.swid === undefined && str(x['identifier'])) c.swid = str(x['identifier']);
    }
  }
  const supplier = refs(e['suppliedBy'])[0];
  if (supplier) c.supplier = name(supplier) ?? supplier;
  const originator = refs(e['originatedBy'])[0];
  if (originator) c.author = name(originator) ?? originator;
  const hashes = e['verifiedUsing'];
  if (Array.isArray(hashes)) {
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i];
      // PackageVerificationCode is a digest over files, not of the package: not an identifier.
      if (isObj(h) && typeOf(h) === 'hash') addHash(c, h['algorithm'], h['hashValue'], ctx, h, `${ptr}/verifiedUsing/${i}`);
    }
  }
  c.ref = uniqueRef(graph, idOf(e) ?? `package-${graph.names.length}`, ctx, e, ptr, 'spdxId');
  return c;
}

function applyLicence(c: SbomComponent | undefined, to: string[], byId: Map<string, Obj>, concluded: boolean): void {
  if (!c || (c.licenses && !concluded)) return;
  const parts: string[] = [];
  for (const id of to) {
    const e = byId.get(id);
    const expr = e ? str(e['simplelicensing_licenseExpression']) ?? str(e['licenseExpression']) : undefined;
    // Listed licences are referenced by their URL: 'https://spdx.org/licenses/MIT' → 'MIT'.
    const listed = !e && /^https?:\/\/spdx\.org\/licenses\/([^/]+)$/.exec(id)?.[1];
    const value = expr ?? (listed || undefined);
    if (value && value !== 'NOASSERTION') parts.push(value);
  }
  if (parts.length) c.licenses = parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' AND ');
}

function setRoot(sbom: Sbom, rootIds: string[], components: Map<string, SbomComponent>, graph: RefGraph, ctx: BuildContext, doc: Obj): void {
  if (rootIds.length === 1) {
    const root = components.get(rootIds[0]!)!;
    sbom.root = root;
    sbom.components = sbom.components.filter((c) => c !== root);
  } else if (rootIds.length > 1) {
    const id = sbom.serialNumber ?? 'document';
    const root = newComponent(id);
    root.name = sbom.name ?? id;
    root.type = 'application';
    sbom.root = root;
    graph.register(id);
    for (const r of rootIds) graph.add(id, r);
  } else ctx.issues.add(ctx.at(doc, '/@graph'), 'no root package (rootElement / describes name no package)');
}
