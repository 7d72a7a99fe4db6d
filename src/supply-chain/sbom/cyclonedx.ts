import type { Sbom, SbomFormat } from '../model.ts';
import { SbomError } from './errors.ts';
import {
  type BuildContext, type Obj, type SbomComponent, addHash, isObj, joinLicenses, licenseFromIdOrName, newComponent,
  setCpe, setName, setPurl, setVersion, str, uniqueRef,
} from './component.ts';
import { RefGraph, csrOf } from './refgraph.ts';

/**
 * CycloneDX (JSON shape; the XML reader converts to this shape first) → Sbom. Nested components
 * are flattened and their nesting kept as containment edges; pedigree ancestors and tools are
 * not components of the product and are not listed.
 */
export function buildCycloneDx(doc: Obj, ctx: BuildContext, format: SbomFormat, specVersion: string): Sbom {
  const sbom: Sbom = {
    format,
    specVersion,
    components: [],
    dependencies: new Map(),
    authors: [],
    tools: [],
    warnings: [],
  };
  if (!/^1\.[4-6]$/.test(specVersion)) {
    ctx.issues.add(ctx.at(doc, '', 'specVersion'), `CycloneDX ${specVersion} is outside 1.4–1.6; read on a best-effort basis`);
  }
  const serial = str(doc['serialNumber']);
  if (serial) sbom.serialNumber = serial;

  const graph = new RefGraph((Array.isArray(doc['components']) ? doc['components'].length : 0) + 1);
  const metadata = doc['metadata'];
  if (metadata !== undefined && !isObj(metadata)) throw new SbomError('structure', 'metadata must be an object', ctx.at(doc, '/metadata'));
  if (metadata) readMetadata(metadata, sbom, ctx);

  const rootRaw = metadata?.['component'];
  if (rootRaw !== undefined) {
    const root = readComponent(rootRaw, '/metadata/component', ctx, graph, 0);
    if (root) {
      sbom.root = root;
      sbom.name = root.name || undefined;
      if (isObj(rootRaw) && rootRaw['components'] !== undefined) {
        flatten(rootRaw['components'], '/metadata/component/components', graph.id(root.ref), sbom, ctx, graph);
      }
    }
  }

  flatten(doc['components'], '/components', undefined, sbom, ctx, graph);
  readDependencies(doc['dependencies'], ctx, graph);
  const built = graph.build();
  sbom.dependencies = built.deps;
  csrOf.set(sbom, built.csr);
  return sbom;
}

function readMetadata(m: Obj, sbom: Sbom, ctx: BuildContext): void {
  const ts = str(m['timestamp']);
  if (ts) {
    if (Number.isNaN(Date.parse(ts))) ctx.issues.add(ctx.at(m, '/metadata', 'timestamp'), `timestamp '${ts.slice(0, 40)}' is not a date-time`);
    else sbom.timestamp = ts;
  }
  const authors = m['authors'];
  if (Array.isArray(authors)) {
    for (const a of authors) {
      const name = isObj(a) ? (str(a['name']) ?? str(a['email'])) : undefined;
      if (name) sbom.authors.push(name);
    }
  }
  const tools = m['tools'];
  // 1.4 and before: an array of tools; 1.5+: { components: [...], services: [...] }.
  const toolList = Array.isArray(tools) ? tools : isObj(tools) ? [...asArray(tools['components']), ...asArray(tools['services'])] : [];
  for (const t of toolList) {
    if (!isObj(t)) continue;
    const name = str(t['name']);
    if (!name) continue;
    const version = str(t['version']);
    sbom.tools.push(version ? `${name} ${version}` : name);
  }
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** Walks a components array and its nested arrays without recursion (depth is attacker-chosen). */
function flatten(list: unknown, pointer: string, parentId: number | undefined, sbom: Sbom, ctx: BuildContext, graph: RefGraph): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw new SbomError('structure', 'components must be an array', ctx.at(undefined, pointer));
  const stack: { list: unknown[]; pointer: string; parent: number | undefined }[] = [{ list, pointer, parent: parentId }];
  while (stack.length) {
    const frame = stack.pop()!;
    const arr = frame.list;
    for (let i = 0; i < arr.length; i++) {
      const raw = arr[i];
      const ptr = `${frame.pointer}/${i}`;
      const c = readComponent(raw, ptr, ctx, graph, sbom.components.length);
      if (!c) continue;
      sbom.components.push(c);
      // readComponent registers the component's ref last, so its id is the newest.
      const id = graph.lastId();
      if (frame.parent !== undefined) graph.addEdge(frame.parent, id);
      const nested = (raw as Obj)['components'];
      if (nested !== undefined) {
        if (Array.isArray(nested)) stack.push({ list: nested, pointer: `${ptr}/components`, parent: id });
        else ctx.issues.add(ctx.at(raw as Obj, ptr, 'components'), 'nested components must be an array; ignored');
      }
    }
  }
}

function readComponent(raw: unknown, ptr: string, ctx: BuildContext, graph: RefGraph, index: number): SbomComponent | undefined {
  if (!isObj(raw)) {
    ctx.issues.add(ctx.at(undefined, ptr), 'component is not an object; skipped');
    return undefined;
  }
  const bomRef = raw['bom-ref'];
  let ref = typeof bomRef === 'string' && bomRef !== '' ? bomRef : undefined;
  const c = newComponent('');
  setName(c, raw['name'], ctx, raw, ptr);
  setVersion(c, raw['version'], ctx, raw, ptr);
  const type = raw['type'];
  if (typeof type === 'string') c.type = type;
  const group = str(raw['group']);
  if (group) c.group = group;
  if (raw['purl'] !== undefined) setPurl(c, raw['purl'], ctx, raw, ptr);
  if (raw['cpe'] !== undefined) setCpe(c, raw['cpe'], ctx, raw, ptr);
  const swid = raw['swid'];
  if (isObj(swid) && str(swid['tagId'])) c.swid = str(swid['tagId']);

  const supplier = orgName(raw['supplier']) ?? orgName(raw['manufacturer']) ?? str(raw['publisher']);
  if (supplier) c.supplier = supplier;
  const author = str(raw['author']) ?? firstAuthor(raw['authors']);
  if (author) c.author = author;

  const hashes = raw['hashes'];
  if (hashes !== undefined) {
    if (Array.isArray(hashes)) {
      for (let h = 0; h < hashes.length; h++) {
        const hv = hashes[h];
        if (isObj(hv)) addHash(c, hv['alg'], hv['content'], ctx, hv, `${ptr}/hashes/${h}`);
        else ctx.issues.add(ctx.at(raw, ptr, `hashes/${h}`), 'hash is not an object; skipped');
      }
    } else ctx.issues.add(ctx.at(raw, ptr, 'hashes'), 'hashes must be an array; ignored');
  }
  const licenses = raw['licenses'];
  if (licenses !== undefined) {
    const lic = readLicenses(licenses);
    if (lic) c.licenses = lic;
  }
  if (ref === undefined) ref = c.purl ?? `component-${index}`;
  c.ref = uniqueRef(graph, ref, ctx, raw, ptr, 'bom-ref');
  return c;
}

function orgName(v: unknown): string | undefined {
  return isObj(v) ? str(v['name']) : undefined;
}

function firstAuthor(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const a of v) {
    const n = isObj(a) ? (str(a['name']) ?? str(a['email'])) : undefined;
    if (n) return n;
  }
  return undefined;
}

function readLicenses(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  // The common case, one entry, without building a list.
  if (v.length === 1) return licenseOf(v[0]);
  const parts: string[] = [];
  for (const entry of v) {
    const l = licenseOf(entry);
    if (l) parts.push(l);
  }
  return joinLicenses(parts);
}

function licenseOf(entry: unknown): string | undefined {
  if (!isObj(entry)) return undefined;
  const expr = str(entry['expression']);
  if (expr) return expr;
  const l = entry['license'];
  return isObj(l) ? licenseFromIdOrName(str(l['id']), str(l['name'])) : undefined;
}

function readDependencies(deps: unknown, ctx: BuildContext, graph: RefGraph): void {
  if (deps === undefined) return;
  if (!Array.isArray(deps)) throw new SbomError('structure', 'dependencies must be an array', ctx.at(undefined, '/dependencies'));
  for (let i = 0; i < deps.length; i++) {
    const d = deps[i];
    const ptr = `/dependencies/${i}`;
    if (!isObj(d)) {
      ctx.issues.add(ctx.at(undefined, ptr), 'dependency entry is not an object; skipped');
      continue;
    }
    const ref = d['ref'];
    const from = typeof ref === 'string' ? graph.id(ref) : undefined;
    if (from === undefined) {
      ctx.issues.add(ctx.at(d, ptr, 'ref'), `dependency ref '${String(ref).slice(0, 200)}' names no component; skipped`);
      continue;
    }
    const on = d['dependsOn'];
    if (on === undefined) {
      graph.list(from);
      continue;
    }
    if (!Array.isArray(on)) {
      graph.list(from);
      ctx.issues.add(ctx.at(d, ptr, 'dependsOn'), 'dependsOn must be an array; ignored');
      continue;
    }
    let clean = true;
    for (let j = 0; j < on.length; j++) {
      const to = on[j];
      const target = typeof to === 'string' ? graph.id(to) : undefined;
      if (target !== undefined) graph.addEdge(from, target);
      else {
        clean = false;
        ctx.issues.add(ctx.at(d, ptr, `dependsOn/${j}`), `'${String(to).slice(0, 200)}' names no component; edge dropped`);
      }
    }
    graph.list(from, clean ? (on as string[]) : undefined);
  }
}
