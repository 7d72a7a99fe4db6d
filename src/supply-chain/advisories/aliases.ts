import type { Advisory } from '../model.ts';

/**
 * Groups advisory ids that name the same vulnerability, so a finding is reported once even when
 * Go, GitHub, RustSec, PyPA and NVD each publish a record for it.
 *
 * Rules (OSV §aliases/related):
 *  1. `aliases` mean "the same vulnerability": an advisory's id and each alias are joined
 *     (union-find, transitively: GO-x ~ GHSA-y ~ CVE-z puts all three in one group).
 *  2. `related` means "a different but related vulnerability" and never joins groups — except
 *     for distribution errata (AlmaLinux ALSA, Red Hat RHSA, Rocky RLSA, Debian DSA/DLA, …),
 *     which list the CVEs they fix in `related`. Such an erratum *covers* those CVEs: with one
 *     CVE it is joined to it (the erratum names that vulnerability); with several it stays its
 *     own group and `vulnerabilitiesOf` answers with each covered CVE's group, so a matched
 *     erratum is reported as the vulnerabilities it fixes, not as one merged blob.
 *  3. The canonical id of a group is its CVE id (the lowest, by year then number, if bad data
 *     put several CVEs in one group); failing that its lowest GHSA id; failing that its lowest
 *     id in code-point order — for a lone advisory, its own id. The choice depends only on the
 *     group's members, never on import order, so it is stable across re-imports of the same
 *     data (new data that joins two groups can of course change it).
 */

const ERRATA = /^(ALSA|ALBA|ALEA|RLSA|RXSA|RHSA|RHBA|RHEA|DSA|DLA|ELA|USN|MGASA|OESA|PHSA|openSUSE-SU|SUSE-[SRFO]U)-/;
const CVE = /^CVE-(\d{4})-(\d+)$/;

export function isErratum(id: string): boolean {
  return ERRATA.test(id);
}

function cveKey(id: string): [number, number] | undefined {
  const m = CVE.exec(id);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Orders ids by the canonical-id preference of rule 3; the first is the canonical one. */
export function compareForCanonical(a: string, b: string): number {
  const ca = cveKey(a), cb = cveKey(b);
  if (ca && cb) return ca[0] - cb[0] || ca[1] - cb[1] || (a < b ? -1 : a > b ? 1 : 0);
  if (ca) return -1;
  if (cb) return 1;
  const ga = a.startsWith('GHSA-'), gb = b.startsWith('GHSA-');
  if (ga !== gb) return ga ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class AliasGroups {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly parent: number[] = [];
  private readonly advisoryIds = new Set<string>();
  private readonly covers = new Map<string, string[]>();
  private canonicalCache: Map<number, string> | undefined;

  constructor(advisories: Iterable<Advisory> = []) {
    for (const a of advisories) this.add(a);
  }

  add(a: Advisory): void {
    this.canonicalCache = undefined;
    this.advisoryIds.add(a.id);
    const root = this.node(a.id);
    for (const alias of a.aliases) this.union(root, this.node(alias));
    if (isErratum(a.id)) {
      const cves = [...new Set([...a.aliases, ...a.related].filter((r) => CVE.test(r)))].sort(compareForCanonical);
      if (cves.length === 1 && cves[0] !== undefined) this.union(root, this.node(cves[0]));
      else if (cves.length > 1) {
        for (const c of cves) this.node(c);
        this.covers.set(a.id, cves);
      }
    }
  }

  /** Canonical vulnerability id for any id (advisory id or alias); an unknown id is its own. */
  canonicalId(id: string): string {
    const i = this.index.get(id);
    if (i === undefined) return id;
    return this.canonicals().get(this.find(i)) ?? id;
  }

  /** Every id known to name the same vulnerability as `id` (including itself), sorted. */
  members(id: string): string[] {
    const i = this.index.get(id);
    if (i === undefined) return [id];
    const root = this.find(i);
    return this.ids.filter((_, j) => this.find(j) === root).sort(compareForCanonical);
  }

  /** Canonical ids of the vulnerabilities an advisory stands for (several for multi-CVE errata). */
  vulnerabilitiesOf(advisoryId: string): string[] {
    const covered = this.covers.get(advisoryId);
    if (!covered) return [this.canonicalId(advisoryId)];
    return [...new Set(covered.map((c) => this.canonicalId(c)))].sort(compareForCanonical);
  }

  /** True when the two ids are in one group. */
  same(a: string, b: string): boolean {
    const i = this.index.get(a), j = this.index.get(b);
    if (i === undefined || j === undefined) return a === b;
    return this.find(i) === this.find(j);
  }

  /** Groups that contain at least one imported advisory, with its advisories, sorted by canonical id. */
  groups(): { canonical: string; ids: string[]; advisories: string[] }[] {
    const byRoot = new Map<number, { ids: string[]; advisories: string[] }>();
    this.ids.forEach((id, j) => {
      const r = this.find(j);
      let g = byRoot.get(r);
      if (!g) byRoot.set(r, (g = { ids: [], advisories: [] }));
      g.ids.push(id);
      if (this.advisoryIds.has(id)) g.advisories.push(id);
    });
    const canon = this.canonicals();
    return [...byRoot.entries()]
      .filter(([, g]) => g.advisories.length > 0)
      .map(([r, g]) => ({ canonical: canon.get(r) ?? '', ids: g.ids.sort(compareForCanonical), advisories: g.advisories.sort() }))
      .sort((x, y) => compareForCanonical(x.canonical, y.canonical));
  }

  /** Distinct vulnerabilities the imported advisories stand for (errata counted by what they cover). */
  vulnerabilityCount(): number {
    const seen = new Set<string>();
    for (const id of this.advisoryIds) for (const v of this.vulnerabilitiesOf(id)) seen.add(v);
    return seen.size;
  }

  private node(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
      this.parent.push(i);
    }
    return i;
  }

  private find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    // Path compression keeps later finds near O(1) on the 10⁴–10⁵ ids of a real corpus.
    let x = i;
    while (this.parent[x] !== r) {
      const next = this.parent[x] ?? r;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  private canonicals(): Map<number, string> {
    if (this.canonicalCache) return this.canonicalCache;
    const best = new Map<number, string>();
    this.ids.forEach((id, j) => {
      const r = this.find(j);
      const cur = best.get(r);
      if (cur === undefined || compareForCanonical(id, cur) < 0) best.set(r, id);
    });
    this.canonicalCache = best;
    return best;
  }
}
