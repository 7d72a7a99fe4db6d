import type { Sbom, SbomFormat } from '../model.ts';
import { SbomError } from './errors.ts';
import { lookupTable } from '../purl/purl.ts';
import {
  type BuildContext, type Obj, type SbomComponent, addHash, isObj, newComponent, partyName, setCpe, setName, setPurl,
  setVersion, str, uniqueRef,
} from './component.ts';
import { RefGraph, csrOf } from './refgraph.ts';

/**
 * SPDX 2.x (JSON shape; the tag-value reader converts to this shape first) → Sbom. Packages
 * become components; files and snippets do not. The root is what the document DESCRIBES: one
 * package becomes the root, several are gathered under a root standing for the document.
 */

/** Relationship types read as dependency edges; `reverse` means B depends on A in 'A TYPE B'. */
const EDGE_TYPES: Record<string, { reverse: boolean }> = lookupTable({
  DEPENDS_ON: { reverse: false },
  DEPENDENCY_OF: { reverse: true },
  CONTAINS: { reverse: false },
  CONTAINED_BY: { reverse: true },
  DYNAMIC_LINK: { reverse: false },
  STATIC_LINK: { reverse: false },
  HAS_PREREQUISITE: { reverse: false },
  PREREQUISITE_FOR: { reverse: true },
  BUILD_DEPENDENCY_OF: { reverse: true },
  DEV_DEPENDENCY_OF: { reverse: true },
  OPTIONAL_DEPENDENCY_OF: { reverse: true },
  PROVIDED_DEPENDENCY_OF: { reverse: true },
  TEST_DEPENDENCY_OF: { reverse: true },
  RUNTIME_DEPENDENCY_OF: { reverse: true },
  PACKAGE_OF: { reverse: true },
});

export function buildSpdx2(doc: Obj, ctx: BuildContext, format: SbomFormat): Sbom {
  const version = str(doc['spdxVersion']) ?? '';
  const specVersion = version.replace(/^SPDX-/i, '');
  if (!/^2\.[0-3]$/.test(specVersion)) ctx.issues.add(ctx.at(doc, '', 'spdxVersion'), `SPDX version '${version}' is not 2.0–2.3; read on a best-effort basis`);
  const sbom: Sbom = { format, specVersion, components: [], dependencies: new Map(), authors: [], tools: [], warnings: [] };
  const name = str(doc['name']);
  if (name) sbom.name = name;
  const ns = str(doc['documentNamespace']);
  if (ns) sbom.serialNumber = ns;
  const docId = str(doc['SPDXID']) ?? 'SPDXRef-DOCUMENT';

  const info = doc['creationInfo'];
  if (isObj(info)) {
    const created = str(info['created']);
    if (created && !Number.isNaN(Date.parse(created))) sbom.timestamp = created;
    else if (created) ctx.issues.add(ctx.at(info, '/creationInfo', 'created'), `created '${created.slice(0, 40)}' is not a date-time`);
    const creators = info['creators'];
    if (Array.isArray(creators)) {
      for (const cr of creators) {
        if (typeof cr !== 'string') continue;
        const who = partyName(cr);
        if (!who) continue;
        if (/^\s*Tool\s*:/i.test(cr)) sbom.tools.push(who);
        else sbom.authors.push(who);
      }
    }
  } else ctx.issues.add(ctx.at(doc, '', 'creationInfo'), 'document has no creationInfo');

  const byId = new Map<string, SbomComponent>();
  const graph = new RefGraph((Array.isArray(doc['packages']) ? doc['packages'].length : 0) + 1);
  const packages = doc['packages'];
  if (packages !== undefined && !Array.isArray(packages)) throw new SbomError('structure', 'packages must be an array', ctx.at(doc, '', 'packages'));
  const pkgs = packages ?? [];
  for (let i = 0; i < pkgs.length; i++) {
    const c = readPackage(pkgs[i], `/packages/${i}`, ctx, graph, i);
    if (c) {
      sbom.components.push(c);
      byId.set(c.ref, c);
    }
  }
  const otherIds = new Set<string>([docId]);
  for (const key of ['files', 'snippets'] as const) {
    const list = doc[key];
    if (Array.isArray(list)) for (const f of list) if (isObj(f) && typeof f['SPDXID'] === 'string') otherIds.add(f['SPDXID']);
  }

  const described: string[] = [];
  const dd = doc['documentDescribes'];
  if (Array.isArray(dd)) for (const d of dd) if (typeof d === 'string') described.push(d);

  const fromDocument: string[] = [];
  const rels = doc['relationships'];
  if (rels !== undefined && !Array.isArray(rels)) throw new SbomError('structure', 'relationships must be an array', ctx.at(doc, '', 'relationships'));
  const relList = rels ?? [];
  for (let i = 0; i < relList.length; i++) {
    const r = relList[i];
    const ptr = `/relationships/${i}`;
    if (!isObj(r)) {
      ctx.issues.add(ctx.at(undefined, ptr), 'relationship is not an object; skipped');
      continue;
    }
    const a = str(r['spdxElementId']);
    const type = str(r['relationshipType'])?.toUpperCase();
    const b = str(r['relatedSpdxElement']);
    if (!a || !type || !b) {
      ctx.issues.add(ctx.at(r, ptr), 'relationship lacks spdxElementId, relationshipType or relatedSpdxElement; skipped');
      continue;
    }
    if (type === 'DESCRIBES' && a === docId) described.push(b);
    else if (type === 'DESCRIBED_BY' && b === docId) described.push(a);
    const edge = EDGE_TYPES[type];
    if (!edge) continue;
    for (const id of [a, b]) {
      if (!byId.has(id) && !otherIds.has(id) && !id.includes(':') && id !== 'NOASSERTION' && id !== 'NONE') {
        // One warning per missing element: syft names an unlisted source in every relationship.
        otherIds.add(id);
        ctx.issues.add(ctx.at(r, ptr), `relationship names element '${id.slice(0, 200)}', which the document does not define`);
      }
    }
    const [from, to] = edge.reverse ? [b, a] : [a, b];
    // Edges among packages only (files are not components); the document stands for the root.
    if (!byId.has(to)) continue;
    if (from === docId) fromDocument.push(to);
    else if (byId.has(from)) graph.add(from, to);
  }

  const rootRef = chooseRoot(sbom, described, byId, docId, ctx, doc);
  if (rootRef) {
    if (rootRef === docId) {
      graph.register(docId);
      for (const id of new Set(described)) if (byId.has(id)) graph.add(docId, id);
    }
    for (const to of fromDocument) if (to !== rootRef) graph.add(rootRef, to);
  }
  const built = graph.build();
  sbom.dependencies = built.deps;
  csrOf.set(sbom, built.csr);
  return sbom;
}

/** Picks the root product; returns its ref (docId when a synthetic root gathers several). */
function chooseRoot(sbom: Sbom, described: string[], byId: Map<string, SbomComponent>, docId: string, ctx: BuildContext, doc: Obj): string | undefined {
  const roots = [...new Set(described)].filter((id) => byId.has(id));
  if (roots.length === 1) {
    const root = byId.get(roots[0]!)!;
    sbom.root = root;
    sbom.components = sbom.components.filter((c) => c !== root);
    return root.ref;
  }
  if (roots.length > 1) {
    const root = newComponent(docId);
    root.name = sbom.name ?? docId;
    root.type = 'application';
    sbom.root = root;
    return docId;
  }
  ctx.issues.add(ctx.at(doc, '', 'relationships'), described.length ? 'document DESCRIBES no package (only files or external elements); no root product' : 'document DESCRIBES nothing; no root product');
  return undefined;
}

function readPackage(raw: unknown, ptr: string, ctx: BuildContext, graph: RefGraph, index: number): SbomComponent | undefined {
  if (!isObj(raw)) {
    ctx.issues.add(ctx.at(undefined, ptr), 'package is not an object; skipped');
    return undefined;
  }
  const id = str(raw['SPDXID']);
  if (!id) ctx.issues.add(ctx.at(raw, ptr, 'SPDXID'), 'package has no SPDXID');
  const c = newComponent('');
  setName(c, raw['name'], ctx, raw, ptr);
  const v = raw['versionInfo'];
  setVersion(c, v === 'NOASSERTION' ? undefined : v, ctx, raw, ptr, 'versionInfo');
  const supplier = partyName(raw['supplier']);
  if (supplier) c.supplier = supplier;
  const originator = partyName(raw['originator']);
  if (originator) c.author = originator;
  const purpose = str(raw['primaryPackagePurpose']);
  if (purpose) c.type = purpose.toLowerCase().replace(/_/g, '-');

  const checksums = raw['checksums'];
  if (Array.isArray(checksums)) {
    for (let h = 0; h < checksums.length; h++) {
      const cs = checksums[h];
      if (isObj(cs)) addHash(c, cs['algorithm'], cs['checksumValue'], ctx, cs, `${ptr}/checksums/${h}`);
    }
  }
  const lic = licence(raw['licenseConcluded']) ?? licence(raw['licenseDeclared']);
  if (lic) c.licenses = lic;

  const refsList = raw['externalRefs'];
  if (Array.isArray(refsList)) {
    for (let r = 0; r < refsList.length; r++) {
      const er = refsList[r];
      if (!isObj(er)) continue;
      const type = str(er['referenceType'])?.toLowerCase();
      const loc = er['referenceLocator'];
      const at = `${ptr}/externalRefs/${r}`;
      if (type === 'purl' && c.purl === undefined) setPurl(c, loc, ctx, er, at, 'referenceLocator');
      else if ((type === 'cpe23type' || type === 'cpe22type') && c.cpe === undefined) setCpe(c, loc, ctx, er, at, 'referenceLocator');
      else if (type === 'swid' && c.swid === undefined && str(loc)) c.swid = str(loc);
    }
  }
  c.ref = uniqueRef(graph, id ?? `package-${index}`, ctx, raw, ptr, 'SPDXID');
  return c;
}

function licence(v: unknown): string | undefined {
  const s = str(v);
  return s === undefined || s === 'NOASSERTION' ? undefined : s;
}
