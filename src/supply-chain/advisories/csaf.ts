import type { AffectedPackage, Advisory, Severity, VexStatus } from '../model.ts';
import { AdvisoryError, kindOf } from './errors.ts';
import { CvssVectorError } from './cvss-vector.ts';
import { versToOsv } from './vers-to-osv.ts';
import { purlToOsv, tryParsePurl } from '../purl/index.ts';
import { levelOfScore, toSeverity } from './severity.ts';
import type { SourceWarning, VexStatementDetail } from './vex-types.ts';

/**
 * CSAF 2.0 (OASIS, https://docs.oasis-open.org/csaf/csaf/v2.0/) → Advisory[] and VEX
 * statements. Every CSAF profile carries `product_status`, so statements are produced for any
 * category; `csaf_vex` documents are simply the ones made of them. Products are resolved
 * through the product tree (branches, full_product_names, relationships, product groups), and a
 * product whose identification helper gives a purl becomes an OSV-style affected package.
 */

type Obj = Record<string, unknown>;

export interface CsafProduct {
  productId: string;
  name: string;
  purl?: string;
  cpe?: string;
  /** From a `product_version` branch. */
  version?: string;
  /** From a `product_version_range` branch (vers: or free text). */
  versionRange?: string;
  /** Relationship products: the component (product_reference) and what it is part of. */
  component?: string;
  relatesTo?: string;
}

export interface CsafDocumentInfo {
  category: string;
  csafVersion: string;
  title: string;
  trackingId: string;
  version: string;
  status: string;
  currentReleaseDate: string;
  initialReleaseDate?: string;
  publisher: string;
}

export interface CsafRemediation {
  vulnerability: string;
  category: string;
  details: string;
  url?: string;
  productIds: string[];
}

export interface CsafResult {
  document: CsafDocumentInfo;
  products: CsafProduct[];
  advisories: Advisory[];
  vex: VexStatementDetail[];
  remediations: CsafRemediation[];
  warnings: SourceWarning[];
}

export function isCsaf(value: unknown): boolean {
  const doc = (value as Obj | null)?.document as Obj | undefined;
  return typeof value === 'object' && value !== null && typeof doc === 'object' && doc !== null && 'csaf_version' in doc;
}

const AFFECTED = ['known_affected', 'first_affected', 'last_affected'];
const STATUS_MAP: Record<string, VexStatus> = {
  known_affected: 'affected', first_affected: 'affected', last_affected: 'affected',
  known_not_affected: 'not_affected', fixed: 'fixed', first_fixed: 'fixed', under_investigation: 'under_investigation',
};

export function parseCsaf(input: unknown, path?: string): CsafResult {
  const fail = (at: string, msg: string): never => { throw new AdvisoryError(msg, at, path); };
  const obj = (v: unknown, at: string): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(at, `expected an object, got ${kindOf(v)}`));
  const str = (v: unknown, at: string): string => (typeof v === 'string' && v.trim() !== '' ? v : fail(at, v === undefined ? 'is required' : `expected a non-empty string, got ${kindOf(v)}`));
  const arr = (v: unknown, at: string): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : fail(at, `expected an array, got ${kindOf(v)}`));
  const warnings: SourceWarning[] = [];

  const root = obj(input, '');
  if (!isCsaf(root)) fail('/document/csaf_version', 'is missing: not a CSAF document');
  const d = obj(root.document, '/document');
  const csafVersion = str(d.csaf_version, '/document/csaf_version');
  if (csafVersion !== '2.0' && csafVersion !== '2.1') fail('/document/csaf_version', `"${csafVersion}" is not a supported CSAF version (2.0)`);
  const tracking = obj(d.tracking, '/document/tracking');
  const publisher = obj(d.publisher, '/document/publisher');
  const document: CsafDocumentInfo = {
    category: str(d.category, '/document/category'),
    csafVersion,
    title: str(d.title, '/document/title'),
    trackingId: str(tracking.id, '/document/tracking/id'),
    version: str(tracking.version, '/document/tracking/version'),
    status: str(tracking.status, '/document/tracking/status'),
    currentReleaseDate: str(tracking.current_release_date, '/document/tracking/current_release_date'),
    publisher: str(publisher.name, '/document/publisher/name'),
  };
  if (typeof tracking.initial_release_date === 'string') document.initialReleaseDate = tracking.initial_release_date;

  // Product tree: every product id that the vulnerabilities may name.
  const products = new Map<string, CsafProduct>();
  const addProduct = (v: unknown, at: string, extra: Partial<CsafProduct> = {}): CsafProduct => {
    const p = obj(v, at);
    const productId = str(p.product_id, `${at}/product_id`);
    const product: CsafProduct = { productId, name: str(p.name, `${at}/name`), ...extra };
    const helper = p.product_identification_helper;
    if (helper !== undefined) {
      const h = obj(helper, `${at}/product_identification_helper`);
      const purl = typeof h.purl === 'string' ? h.purl : Array.isArray(h.purls) && typeof h.purls[0] === 'string' ? h.purls[0] : undefined;
      if (purl !== undefined) {
        if (!tryParsePurl(purl)) fail(`${at}/product_identification_helper/purl`, `"${purl}" is not a package URL`);
        product.purl = purl;
      }
      if (typeof h.cpe === 'string') product.cpe = h.cpe;
    }
    if (products.has(productId)) fail(`${at}/product_id`, `product id "${productId}" is defined twice`);
    products.set(productId, product);
    return product;
  };
  const tree = root.product_tree === undefined ? {} : obj(root.product_tree, '/product_tree');
  const walk = (branches: unknown, at: string, context: Partial<CsafProduct>): void => {
    arr(branches, at).forEach((b, i) => {
      const p = `${at}/${i}`;
      const branch = obj(b, p);
      const category = str(branch.category, `${p}/category`);
      const name = str(branch.name, `${p}/name`);
      const ctx = { ...context };
      if (category === 'product_version') ctx.version = name;
      if (category === 'product_version_range') ctx.versionRange = name;
      if (branch.product !== undefined) addProduct(branch.product, `${p}/product`, ctx);
      if (branch.branches !== undefined) walk(branch.branches, `${p}/branches`, ctx);
      if (branch.product === undefined && branch.branches === undefined) fail(p, 'a branch needs "branches" or "product"');
    });
  };
  walk(tree.branches, '/product_tree/branches', {});
  arr(tree.full_product_names, '/product_tree/full_product_names').forEach((p, i) => addProduct(p, `/product_tree/full_product_names/${i}`));
  const relationships = arr(tree.relationships, '/product_tree/relationships');
  relationships.forEach((r, i) => {
    const at = `/product_tree/relationships/${i}`;
    const rel = obj(r, at);
    addProduct(rel.full_product_name, `${at}/full_product_name`, {
      component: str(rel.product_reference, `${at}/product_reference`),
      relatesTo: str(rel.relates_to_product_reference, `${at}/relates_to_product_reference`),
    });
  });
  // A relationship product is the component inside something: it is identified by the component's purl.
  for (const p of products.values()) {
    if (p.component === undefined) continue;
    const comp = products.get(p.component);
    const target = p.relatesTo === undefined ? undefined : products.get(p.relatesTo);
    if (!comp || !target) {
      fail('/product_tree/relationships', `relationship product "${p.productId}" refers to undefined product "${comp ? p.relatesTo : p.component}"`);
    }
    p.purl ??= comp?.purl;
    p.cpe ??= comp?.cpe;
    p.version ??= comp?.version;
    p.versionRange ??= comp?.versionRange;
  }
  const groups = new Map<string, string[]>();
  arr(tree.product_groups, '/product_tree/product_groups').forEach((g, i) => {
    const at = `/product_tree/product_groups/${i}`;
    const group = obj(g, at);
    groups.set(str(group.group_id, `${at}/group_id`), arr(group.product_ids, `${at}/product_ids`).map((id, j) => str(id, `${at}/product_ids/${j}`)));
  });
  const productIds = (v: unknown, at: string): string[] =>
    arr(v, at).map((id, j) => {
      const pid = str(id, `${at}/${j}`);
      if (!products.has(pid)) fail(`${at}/${j}`, `product id "${pid}" is not defined in the product tree`);
      return pid;
    });
  const expand = (o: Obj, at: string): string[] => {
    const ids = productIds(o.product_ids, `${at}/product_ids`);
    arr(o.group_ids, `${at}/group_ids`).forEach((g, j) => {
      const members = groups.get(str(g, `${at}/group_ids/${j}`));
      if (!members) fail(`${at}/group_ids/${j}`, `group id "${String(g)}" is not defined`);
      ids.push(...(members ?? []));
    });
    return [...new Set(ids)];
  };

  const advisories: Advisory[] = [];
  const vex: VexStatementDetail[] = [];
  const remediations: CsafRemediation[] = [];
  arr(root.vulnerabilities, '/vulnerabilities').forEach((v, i) => {
    const at = `/vulnerabilities/${i}`;
    const vuln = obj(v, at);
    const ids = arr(vuln.ids, `${at}/ids`).map((x, j) => str(obj(x, `${at}/ids/${j}`).text, `${at}/ids/${j}/text`));
    const cve = vuln.cve === undefined ? undefined : str(vuln.cve, `${at}/cve`);
    if (cve !== undefined && !/^CVE-\d{4}-\d{4,}$/.test(cve)) fail(`${at}/cve`, `"${cve}" is not a CVE id`);
    // The vulnerability's own name (CVE, else the first other id) is what VEX statements use.
    const id = cve ?? ids[0] ?? `${document.trackingId}#${i}`;
    const aliases = [...new Set([...(cve ? [cve] : []), ...ids])].filter((x) => x !== id).sort();
    // An advisory record is one vulnerability *as this document describes it*: several vendors'
    // documents about one CVE must not replace each other on import, so the record id is
    // scoped by the document's tracking id and the CVE becomes an alias (AliasGroups joins them).
    const recordId = id.startsWith(`${document.trackingId}#`) ? id : `${document.trackingId}#${id}`;

    const status = vuln.product_status === undefined ? {} : obj(vuln.product_status, `${at}/product_status`);
    const byStatus = new Map<string, string[]>();
    for (const key of Object.keys(status)) {
      if (!(key in STATUS_MAP) && key !== 'recommended') fail(`${at}/product_status/${key}`, 'is not a CSAF product status');
      byStatus.set(key, productIds(status[key], `${at}/product_status/${key}`));
    }

    const flagOf = new Map<string, string>();
    arr(vuln.flags, `${at}/flags`).forEach((f, j) => {
      const flag = obj(f, `${at}/flags/${j}`);
      const label = str(flag.label, `${at}/flags/${j}/label`);
      for (const pid of expand(flag, `${at}/flags/${j}`)) flagOf.set(pid, label);
    });
    const impactOf = new Map<string, string>();
    arr(vuln.threats, `${at}/threats`).forEach((t, j) => {
      const threat = obj(t, `${at}/threats/${j}`);
      if (threat.category !== 'impact') return;
      const details = str(threat.details, `${at}/threats/${j}/details`);
      for (const pid of expand(threat, `${at}/threats/${j}`)) impactOf.set(pid, details);
    });
    const actionOf = new Map<string, string[]>();
    arr(vuln.remediations, `${at}/remediations`).forEach((r, j) => {
      const rem = obj(r, `${at}/remediations/${j}`);
      const remediation: CsafRemediation = {
        vulnerability: id,
        category: str(rem.category, `${at}/remediations/${j}/category`),
        details: str(rem.details, `${at}/remediations/${j}/details`),
        productIds: expand(rem, `${at}/remediations/${j}`),
      };
      if (typeof rem.url === 'string') remediation.url = rem.url;
      remediations.push(remediation);
      for (const pid of remediation.productIds) actionOf.set(pid, [...(actionOf.get(pid) ?? []), `${remediation.category}: ${remediation.details}`]);
    });

    const severity: Severity[] = [];
    arr(vuln.scores, `${at}/scores`).forEach((s, j) => {
      const score = obj(s, `${at}/scores/${j}`);
      productIds(score.products, `${at}/scores/${j}/products`);
      for (const [key, type] of [['cvss_v2', 'CVSS_V2'], ['cvss_v3', 'CVSS_V3'], ['cvss_v4', 'CVSS_V4']] as const) {
        if (score[key] === undefined) continue;
        const c = obj(score[key], `${at}/scores/${j}/${key}`);
        const vector = str(c.vectorString, `${at}/scores/${j}/${key}/vectorString`);
        let sev: Severity;
        try {
          sev = toSeverity(type, vector);
        } catch (err) {
          if (err instanceof CvssVectorError) fail(`${at}/scores/${j}/${key}/vectorString`, err.message);
          throw err;
        }
        const stated = c.baseScore;
        if (typeof stated === 'number' && sev.score !== undefined && Math.abs(stated - sev.score) > 1e-9) {
          warnings.push({ at: `${at}/scores/${j}/${key}/baseScore`, message: `states ${stated}, the vector scores ${sev.score} by the specification` });
        }
        if (sev.score === undefined && typeof stated === 'number') sev = { ...sev, score: stated, level: levelOfScore(stated) };
        if (!severity.some((x) => x.type === sev.type && x.vector === sev.vector)) severity.push(sev);
      }
    });

    // Affected packages from the purls of affected products.
    const packages = new Map<string, AffectedPackage>();
    for (const key of AFFECTED) {
      for (const pid of byStatus.get(key) ?? []) {
        const product = products.get(pid);
        const parts = product?.purl ? tryParsePurl(product.purl) : undefined;
        const osvPkg = parts ? purlToOsv(parts) : undefined;
        const pkg = osvPkg ? { ecosystem: osvPkg.ecosystem, name: osvPkg.packageName } : undefined;
        if (!product || !parts || !pkg) {
          warnings.push({ at: `${at}/product_status/${key}`, message: `product "${pid}" has no purl of a known ecosystem; no affected package derived` });
          continue;
        }
        const k = `${pkg.ecosystem}\u0000${pkg.name}`;
        let entry = packages.get(k);
        if (!entry) {
          const base = `pkg:${parts.type}/${parts.namespace ? `${parts.namespace}/` : ''}${parts.name}`;
          packages.set(k, (entry = { ecosystem: pkg.ecosystem, name: pkg.name, purl: base, ranges: [], versions: [] }));
        }
        const version = parts.version ?? product.version;
        const range = product.versionRange ?? (version?.startsWith('vers:') ? version : undefined);
        if (range) {
          const osv = versToOsv(range);
          if (!osv) warnings.push({ at: `${at}/product_status/${key}`, message: `product "${pid}" has version range "${range}" that is not a vers: range; not matched` });
          else {
            for (const events of osv.intervals) entry.ranges.push({ type: 'ECOSYSTEM', events });
            entry.versions.push(...osv.versions);
            for (const u of osv.unsupported) warnings.push({ at: `${at}/product_status/${key}`, message: `constraint "${u}" of "${range}" has no OSV equivalent; left out` });
          }
        } else if (version) entry.versions.push(version);
        else warnings.push({ at: `${at}/product_status/${key}`, message: `product "${pid}" names no version; no affected version derived` });
      }
    }
    const affected = [...packages.values()].map((p) => ({ ...p, versions: [...new Set(p.versions)] }));

    const notes = arr(vuln.notes, `${at}/notes`).map((n, j) => obj(n, `${at}/notes/${j}`).text).filter((t): t is string => typeof t === 'string');
    const advisory: Advisory = {
      id: recordId,
      aliases: [...new Set([id, ...aliases])].filter((x) => !x.startsWith(`${document.trackingId}#`)).sort(),
      related: [],
      severity,
      affected,
      source: { format: 'csaf', ...(path !== undefined ? { path } : {}) },
      modified: document.currentReleaseDate,
    };
    const title = typeof vuln.title === 'string' ? vuln.title : document.title;
    advisory.summary = title;
    if (notes.length > 0) advisory.details = notes.join('\n\n');
    const published = typeof vuln.release_date === 'string' ? vuln.release_date : document.initialReleaseDate;
    if (published !== undefined) advisory.published = published;
    advisories.push(advisory);

    // VEX: one statement per (status, justification, impact, action) with the products sharing them.
    const statements = new Map<string, VexStatementDetail>();
    for (const [key, pids] of byStatus) {
      const vexStatus = STATUS_MAP[key];
      if (!vexStatus) continue;
      for (const pid of pids) {
        const product = products.get(pid);
        const justification = vexStatus === 'not_affected' ? flagOf.get(pid) : undefined;
        const impact = impactOf.get(pid);
        const action = actionOf.get(pid)?.join('; ');
        if (vexStatus === 'not_affected' && !justification && !impact) {
          warnings.push({ at: `${at}/product_status/${key}`, message: `product "${pid}" is not affected but has no flag or impact statement (CSAF VEX requires one)` });
        }
        const sk = [vexStatus, justification, impact, action].join('\u0000');
        let st = statements.get(sk);
        if (!st) {
          st = { vulnerability: id, products: [], productIds: [], status: vexStatus, source: { format: 'csaf-vex', ...(path !== undefined ? { path } : {}) }, document: document.trackingId };
          if (aliases.length > 0) st.aliases = aliases;
          if (justification) st.justification = justification;
          if (impact) st.impactStatement = impact;
          if (action) st.actionStatement = action;
          statements.set(sk, st);
        }
        if (st.productIds?.includes(pid)) continue;
        st.productIds?.push(pid);
        st.products.push(product?.purl ?? product?.cpe ?? pid);
      }
    }
    vex.push(...statements.values());
  });

  return { document, products: [...products.values()], advisories, vex, remediations, warnings };
}
