/**
 * OSCAL catalog ⇄ catalogue rows. Import is strict about the structure netreview relies on (a
 * catalog with a uuid, metadata, and groups/controls each with an id and title) and keeps the rest
 * of every group and control verbatim, so an export gives back what came in.
 */
import { AppError } from '../errors.ts';
import type { FieldError } from '../errors.ts';

/** What netreview writes: OSCAL 1.1.2, the version of NIST's current SP 800-53 content. */
export const OSCAL_VERSION = '1.1.2';
/** Our namespace for properties OSCAL has no name for (the Chinese title). */
export const NETREVIEW_NS = 'urn:netreview:oscal';
const MAX_CLAUSES = 50_000;

export interface ClauseRow {
  clause_id: string;
  parent_id: string | null;
  kind: 'group' | 'control';
  label: string | null;
  title: string;
  title_zh: string | null;
  ord: number;
  body: Record<string, unknown> | null;
}

export interface ParsedCatalog {
  uuid: string;
  title: string;
  version: string;
  oscalVersion: string;
  metadata: Record<string, unknown>;
  backMatter: Record<string, unknown> | null;
  clauses: ClauseRow[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// OSCAL TokenDatatype: a letter or underscore, then letters, digits, '.', '-', '_'.
const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(errors: FieldError[]): never {
  throw new AppError('invalid_document', `not an OSCAL catalog: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors });
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

/** Parses an OSCAL catalog document (already JSON-decoded). Throws `invalid_document` naming the first problems. */
export function parseOscalCatalog(doc: unknown): ParsedCatalog {
  const errors: FieldError[] = [];
  const err = (path: string, message: string) => errors.length < 20 && errors.push({ path, message });
  if (!isObj(doc)) invalid([{ path: '/', message: 'expected a JSON object' }]);
  const extra = Object.keys(doc).filter((k) => k !== 'catalog' && k !== '$schema');
  if (!isObj(doc.catalog)) {
    const other = ['profile', 'component-definition', 'system-security-plan', 'assessment-plan', 'assessment-results', 'plan-of-action-and-milestones'].find((k) => k in doc);
    invalid([{ path: '/catalog', message: other ? `this is an OSCAL ${other}, not a catalog` : 'required (an OSCAL catalog document has one top-level "catalog" object)' }]);
  }
  if (extra.length) err(`/${extra[0]}`, 'unknown top-level field');
  const cat = doc.catalog;
  if (typeof cat.uuid !== 'string' || !UUID.test(cat.uuid)) err('/catalog/uuid', 'required: a UUID');
  const md = cat.metadata;
  if (!isObj(md)) invalid([...errors, { path: '/catalog/metadata', message: 'required: an object' }]);
  if (!nonEmptyString(md.title)) err('/catalog/metadata/title', 'required: a non-empty string');
  if (!nonEmptyString(md.version)) err('/catalog/metadata/version', 'required: a non-empty string');
  if (typeof md['oscal-version'] !== 'string' || !/^1\.\d+\.\d+/.test(md['oscal-version'])) err('/catalog/metadata/oscal-version', 'required: an OSCAL 1.x version');
  if (typeof md['last-modified'] !== 'string' || Number.isNaN(Date.parse(md['last-modified']))) err('/catalog/metadata/last-modified', 'required: a date-time');
  if (cat['back-matter'] !== undefined && !isObj(cat['back-matter'])) err('/catalog/back-matter', 'must be an object');

  const clauses: ClauseRow[] = [];
  const seen = new Set<string>();
  const walk = (items: unknown, path: string, parent: string | null, kind: 'group' | 'control') => {
    if (items === undefined) return;
    if (!Array.isArray(items)) return void err(path, 'must be an array');
    items.forEach((item, i) => {
      const at = `${path}/${i}`;
      if (!isObj(item)) return void err(at, 'must be an object');
      const { id, title, controls, groups, ...rest } = item;
      // OSCAL groups may omit the id; netreview needs one to cite the clause.
      if (typeof id !== 'string' || !TOKEN.test(id)) return void err(`${at}/id`, `required: an OSCAL token id (${kind})`);
      if (seen.has(id)) return void err(`${at}/id`, `duplicate id "${id}"`);
      if (!nonEmptyString(title)) return void err(`${at}/title`, 'required: a non-empty string');
      if (kind === 'control' && groups !== undefined) return void err(`${at}/groups`, 'a control cannot contain groups');
      if (clauses.length >= MAX_CLAUSES) return void err(at, `more than ${MAX_CLAUSES} groups and controls`);
      seen.add(id);
      const props = Array.isArray(rest.props) ? (rest.props as unknown[]).filter(isObj) : [];
      const label = props.find((p) => p.name === 'label' && !p.ns && typeof p.value === 'string')?.value as string | undefined;
      const zh = props.find((p) => p.name === 'title-zh' && p.ns === NETREVIEW_NS && typeof p.value === 'string')?.value as string | undefined;
      const keptProps = props.filter((p) => !(p.name === 'title-zh' && p.ns === NETREVIEW_NS));
      const body: Obj = { ...rest };
      if (keptProps.length) body.props = keptProps;
      else delete body.props;
      clauses.push({ clause_id: id, parent_id: parent, kind, label: label ?? null, title, title_zh: zh ?? null, ord: clauses.length + 1, body: Object.keys(body).length ? body : null });
      if (kind === 'group') walk(groups, `${at}/groups`, id, 'group');
      walk(controls, `${at}/controls`, id, 'control');
    });
  };
  walk(cat.groups, '/catalog/groups', null, 'group');
  walk(cat.controls, '/catalog/controls', null, 'control');
  if (errors.length) invalid(errors);
  if (clauses.length === 0) invalid([{ path: '/catalog', message: 'the catalog has no groups or controls' }]);
  const { title, version, ...restMd } = md as Obj & { title: string; version: string };
  return {
    uuid: (cat.uuid as string).toLowerCase(),
    title,
    version,
    oscalVersion: md['oscal-version'] as string,
    metadata: restMd,
    backMatter: (cat['back-matter'] as Obj | undefined) ?? null,
    clauses,
  };
}

export interface CatalogueHead {
  id: string;
  uuid: string;
  title: string;
  title_zh: string | null;
  version: string;
  metadata: Record<string, unknown>;
  back_matter: Record<string, unknown> | null;
  imported_at: Date | string;
}

/** Rebuilds the OSCAL catalog (declared as OSCAL 1.1.2) from stored rows in their order. */
export function toOscalCatalog(head: CatalogueHead, rows: readonly ClauseRow[]): { catalog: Obj } {
  const children = new Map<string | null, ClauseRow[]>();
  for (const r of [...rows].sort((a, b) => a.ord - b.ord)) {
    const list = children.get(r.parent_id) ?? [];
    list.push(r);
    children.set(r.parent_id, list);
  }
  const build = (r: ClauseRow): Obj => {
    const body: Obj = { ...(r.body ?? {}) };
    const props = Array.isArray(body.props) ? [...(body.props as Obj[])] : [];
    if (r.label && !props.some((p) => p.name === 'label' && !p.ns)) props.unshift({ name: 'label', value: r.label });
    if (r.title_zh) props.push({ name: 'title-zh', ns: NETREVIEW_NS, value: r.title_zh });
    delete body.props;
    const kids = children.get(r.clause_id) ?? [];
    const groups = kids.filter((k) => k.kind === 'group').map(build);
    const controls = kids.filter((k) => k.kind === 'control').map(build);
    return {
      id: r.clause_id,
      ...('class' in body ? { class: body.class } : {}),
      title: r.title,
      ...body,
      ...(props.length ? { props } : {}),
      ...(groups.length ? { groups } : {}),
      ...(controls.length ? { controls } : {}),
    };
  };
  const top = children.get(null) ?? [];
  const groups = top.filter((k) => k.kind === 'group').map(build);
  const controls = top.filter((k) => k.kind === 'control').map(build);
  const md: Obj = { ...head.metadata };
  delete md['oscal-version'];
  delete md['last-modified'];
  const mdProps = Array.isArray(md.props) ? [...(md.props as Obj[])] : [];
  if (head.title_zh && !mdProps.some((p) => p.name === 'title-zh' && p.ns === NETREVIEW_NS)) mdProps.push({ name: 'title-zh', ns: NETREVIEW_NS, value: head.title_zh });
  delete md.props;
  const lastModified = typeof head.metadata['last-modified'] === 'string' ? head.metadata['last-modified'] : new Date(head.imported_at).toISOString();
  return {
    catalog: {
      uuid: head.uuid,
      metadata: {
        title: head.title,
        'last-modified': lastModified,
        version: head.version,
        'oscal-version': OSCAL_VERSION,
        ...md,
        ...(mdProps.length ? { props: mdProps } : {}),
      },
      ...(controls.length ? { controls } : {}),
      ...(groups.length ? { groups } : {}),
      ...(head.back_matter ? { 'back-matter': head.back_matter } : {}),
    },
  };
}

/** A catalogue id from a title, when the importer gives none. */
export function catalogueIdFrom(title: string, version: string): string {
  const slug = `${title} ${version}`.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return (slug.length > 1 ? slug : 'catalogue').slice(0, 64).replace(/-+$/, '');
}
