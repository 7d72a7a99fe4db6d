import type { Component, VexStatement, VexStatus } from '../model.ts';
import type { VexStatementDetail } from '../advisories/index.ts';
import { tryParsePurl, type Purl } from '../purl/index.ts';
import type { FindingSuppression } from './types.ts';
import { inVersRange } from './vers.ts';

/**
 * Only these statuses take a finding out of the count: the supplier states the product is not
 * affected, or that the version it ships is fixed. 'affected' and 'under_investigation' leave
 * the finding standing (they confirm or defer it).
 */
const SUPPRESSES = { not_affected: true, fixed: true, affected: false, under_investigation: false } as const satisfies Record<VexStatus, boolean>;

/** How closely a statement names the component; the closest statement decides. */
const SPECIFICITY = { component: 2, product: 1 } as const;

interface Candidate {
  statement: VexStatement;
  specificity: number;
}

/**
 * VEX statements, indexed by vulnerability id (upper-cased), so each finding looks up only the
 * statements about its own ids.
 */
export class VexIndex {
  private readonly byId = new Map<string, VexStatement[]>();

  constructor(statements: readonly VexStatement[]) {
    for (const s of statements) {
      const ids = new Set([s.vulnerability, ...((s as VexStatementDetail).aliases ?? [])].map((x) => x.toUpperCase()));
      for (const id of ids) {
        let list = this.byId.get(id);
        if (list === undefined) this.byId.set(id, (list = []));
        list.push(s);
      }
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * The suppression of the finding (vulnerability ids × component), or null. A statement
   * applies when one of its ids is one of the finding's ids and one of its products names the
   * component (its ref, or a purl of the same package — with the same version when the
   * statement's purl carries one) or names the product root (a product-level statement covers
   * every component of the product). When several apply, the most specific decides (component
   * over product), and among equals the first given; it suppresses only when its status does.
   */
  suppression(ids: readonly string[], component: Component, root: Component | undefined): FindingSuppression | null {
    let best: Candidate | undefined;
    const seen = new Set<VexStatement>();
    for (const id of ids) {
      for (const s of this.byId.get(id.toUpperCase()) ?? []) {
        if (seen.has(s)) continue;
        seen.add(s);
        const specificity = appliesTo(s, component, root);
        if (specificity > 0 && (best === undefined || specificity > best.specificity)) best = { statement: s, specificity };
      }
    }
    if (best === undefined || !SUPPRESSES[best.statement.status]) return null;
    const s = best.statement as VexStatementDetail;
    return {
      status: s.status,
      justification: s.justification ?? null,
      impactStatement: s.impactStatement ?? null,
      vulnerability: s.vulnerability,
      source: [s.source.format, s.document, s.source.path].filter((x) => x !== undefined && x !== '').join(' '),
    };
  }
}

/** One-shot form of VexIndex.suppression. */
export function vexSuppression(statements: readonly VexStatement[], ids: readonly string[], component: Component, root?: Component): FindingSuppression | null {
  return new VexIndex(statements).suppression(ids, component, root);
}

function appliesTo(s: VexStatement, component: Component, root: Component | undefined): number {
  const detail = s as VexStatementDetail;
  let best = 0;
  s.products.forEach((p, i) => {
    const names = [p, detail.productPurls?.[i]].filter((x): x is string => typeof x === 'string' && x !== '');
    for (const n of names) {
      // The statement's versions are those of what it names: the component, or the product.
      if (namesComponent(n, component) && versionAllowed(detail.versions, component)) best = Math.max(best, SPECIFICITY.component);
      else if (root !== undefined && namesComponent(n, root) && versionAllowed(detail.versions, root)) best = Math.max(best, SPECIFICITY.product);
    }
  });
  return best;
}

/**
 * CycloneDX `affects[].versions` limit a statement to exact versions or `vers:` ranges. A range
 * that cannot be evaluated leaves the statement not applying: VEX must not hide a finding on a guess.
 */
function versionAllowed(versions: string[] | undefined, c: Component): boolean {
  if (versions === undefined || versions.length === 0) return true;
  const version = c.version;
  if (version === undefined) return false;
  return versions.some((v) => (v.startsWith('vers:') ? c.ecosystem !== undefined && inVersRange(v, version, c.ecosystem) === true : v === version));
}

/** Whether a statement's product string names component `c`: its ref (also as a BOM-Link fragment) or its package. */
function namesComponent(product: string, c: Component): boolean {
  if (product === c.ref || (c.purl !== undefined && product === c.purl)) return true;
  const hash = product.startsWith('urn:cdx:') ? product.indexOf('#') : -1;
  if (hash >= 0 && safeDecode(product.slice(hash + 1)) === c.ref) return true;
  if (!product.startsWith('pkg:') || c.purl === undefined) return false;
  const p = tryParsePurl(product);
  const q = tryParsePurl(c.purl);
  return p !== undefined && q !== undefined && samePackage(p, q) && (p.version === undefined || p.version === q.version);
}

function samePackage(a: Purl, b: Purl): boolean {
  return a.type === b.type && (a.namespace ?? '') === (b.namespace ?? '') && a.name === b.name;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
