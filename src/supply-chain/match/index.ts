/**
 * In-memory advisory index: component (ecosystem, package, version) → the advisories that affect
 * it, with exactly the OSV semantics of range.ts, built once from an advisory corpus.
 *
 * Every package's ranges are compiled with their bounds parsed once. For orders whose keys are
 * strings (all but Maven and apk), the distinct bounds of a package cut its version line into
 * cells: below the first bound, exactly at a bound, strictly between two bounds, above the last.
 * Within a cell every range gives the same answer, so each cell holds its precomputed advisory
 * list and a lookup is one parse plus a binary search. The cells are evaluated with the same
 * `evaluateRange` as a concrete version, at abstract positions, so the two cannot disagree.
 * Maven and apk keys are compared pairwise (Maven's order is not even transitive on odd
 * strings), so their ranges are evaluated one by one at lookup time.
 */
import { ecosystemBase, normalizePackageName } from '../ecosystems.ts';
import type { Advisory, Component, Ecosystem } from '../model.ts';
import { parseQuietly, schemeForEcosystem, type VersionKey, type VersionScheme } from '../versions/index.ts';
import { compileRange, evaluateRange, isCompiled, rangeIncludes, type CompiledRange } from './range.ts';

export interface IndexProblem {
  readonly advisory: string;
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly reason: string;
}

interface Item {
  readonly adv: number;
  readonly range: CompiledRange;
}

interface Point {
  readonly adv: number;
  readonly key: VersionKey;
}

interface Table {
  readonly scheme: VersionScheme;
  /** Sorted distinct bounds (string-key schemes); cell 2i+1 is "at bounds[i]", cell 2i "just below it". */
  readonly bounds: readonly string[] | null;
  readonly cells: readonly (readonly Advisory[])[] | null;
  /** Pairwise evaluation for structured keys. */
  readonly items: readonly Item[];
  readonly points: readonly Point[];
}

interface Entry {
  readonly tables: readonly Table[];
  /** Listed versions that do not parse in the ecosystem's order: matched by exact string only. */
  readonly exact: ReadonlyMap<string, readonly Advisory[]> | null;
  /**
   * The answer for every version string the package's advisories name (bounds and listed
   * versions, and for Go also with the 'v' components carry), resolved at build time through the
   * general path; components pinned at such versions, the common case, cost one hash lookup.
   */
  readonly memo: Map<string, readonly Advisory[]>;
}

interface EntryBuilder {
  ecosystem: Ecosystem;
  tables: Map<VersionScheme, { items: Item[]; points: Point[] }>;
  exact: Map<string, number[]>;
  named: Set<string>;
}

const EMPTY: readonly Advisory[] = Object.freeze([]);

export class AdvisoryIndex {
  /**
   * ecosystem → package name → entry: the two parts of packageKey without building it per lookup.
   * Names are stored normalised and also as the advisories spell them, so a component named like
   * its advisory skips normalisation. That is sound because normalisation is idempotent (checked
   * per ecosystem when building; where it is not, lookups always normalise).
   */
  private readonly entries = new Map<Ecosystem, { rawFirst: boolean; names: Map<string, Entry> }>();
  private packages = 0;
  private readonly advisories: readonly Advisory[];
  /** Ranges and listed versions the index could not use, with the reason. */
  readonly problems: readonly IndexProblem[];

  /**
   * `opts.packages` (keys `ecosystem NUL normalised name`) limits the index to the packages one
   * SBOM holds: a distribution advisory names hundreds of packages the SBOM may not. With
   * `opts.memo` false, listed versions are resolved on look-up rather than all in advance (one
   * SBOM looks each component up once; the whole-corpus index answers millions).
   */
  constructor(advisories: Iterable<Advisory>, opts: { packages?: ReadonlySet<string>; memo?: boolean } = {}) {
    const kept: Advisory[] = [];
    const problems: IndexProblem[] = [];
    const builders = new Map<string, EntryBuilder & { name: string; spellings: Set<string> }>();
    for (const adv of advisories) {
      if (adv.withdrawn) continue;
      const ai = kept.push(adv) - 1;
      for (const affected of adv.affected ?? []) {
        if (!affected.ecosystem || !affected.name) continue;
        const name = normalizePackageName(affected.ecosystem, affected.name);
        const key = `${affected.ecosystem}\u0000${name}`;
        if (opts.packages !== undefined && !opts.packages.has(key)) continue;
        let b = builders.get(key);
        if (b === undefined) {
          b = { ecosystem: affected.ecosystem, name, spellings: new Set(), tables: new Map(), exact: new Map(), named: new Set() };
          builders.set(key, b);
        }
        b.spellings.add(affected.name);
        const tableFor = (scheme: VersionScheme): { items: Item[]; points: Point[] } => {
          let t = b.tables.get(scheme);
          if (t === undefined) b.tables.set(scheme, (t = { items: [], points: [] }));
          return t;
        };
        for (const range of affected.ranges ?? []) {
          const compiled = compileRange(range, affected.ecosystem);
          if (compiled === undefined) continue;
          for (const e of range.events ?? []) for (const v of Object.values(e)) if (typeof v === 'string' && v !== '0' && v !== '*') b.named.add(v);
          if (isCompiled(compiled)) tableFor(compiled.scheme).items.push({ adv: ai, range: compiled });
          else problems.push({ advisory: adv.id, ecosystem: affected.ecosystem, name: affected.name, reason: compiled.reason });
        }
        const ecoScheme = schemeForEcosystem(affected.ecosystem);
        for (const v of affected.versions ?? []) {
          b.named.add(v);
          const k = parseQuietly(ecoScheme, v);
          if (k !== undefined) tableFor(ecoScheme).points.push({ adv: ai, key: k });
          else b.exact.set(v, [...(b.exact.get(v) ?? []), ai]);
        }
      }
    }
    this.advisories = kept;
    this.problems = problems;
    const interned = new Map<string, readonly Advisory[]>();
    const toList = (ids: Iterable<number>): readonly Advisory[] => {
      const sorted = [...new Set(ids)].sort((x, y) => x - y);
      if (sorted.length === 0) return EMPTY;
      const sig = sorted.join(',');
      let list = interned.get(sig);
      if (list === undefined) interned.set(sig, (list = Object.freeze(sorted.map((i) => kept[i] as Advisory))));
      return list;
    };
    for (const b of builders.values()) {
      const tables: Table[] = [];
      for (const [scheme, t] of b.tables) tables.push(buildTable(scheme, t.items, t.points, toList));
      const exact = b.exact.size === 0 ? null : new Map([...b.exact].map(([v, ids]) => [v, toList(ids)] as const));
      let eco = this.entries.get(b.ecosystem);
      if (eco === undefined) this.entries.set(b.ecosystem, (eco = { rawFirst: true, names: new Map() }));
      const entry: Entry = { tables, exact, memo: new Map() };
      if (opts.memo !== false) for (const v of b.named) {
        entry.memo.set(v, resolve(entry, v, kept));
        const withV = `v${v}`;
        if (ecosystemBase(b.ecosystem) === 'Go' && !v.startsWith('v')) entry.memo.set(withV, resolve(entry, withV, kept));
      }
      eco.names.set(b.name, entry);
      if (normalizePackageName(b.ecosystem, b.name) !== b.name) eco.rawFirst = false;
      this.packages++;
    }
    for (const b of builders.values()) {
      const eco = this.entries.get(b.ecosystem);
      const entry = eco?.names.get(b.name);
      if (eco === undefined || entry === undefined || !eco.rawFirst) continue;
      for (const spelling of b.spellings) if (!eco.names.has(spelling)) eco.names.set(spelling, entry);
    }
  }

  /** Number of distinct packages and of (non-withdrawn) advisories indexed. */
  get size(): { packages: number; advisories: number } {
    return { packages: this.packages, advisories: this.advisories.length };
  }

  /**
   * Advisories affecting `version` of package `name` in `ecosystem` (names are normalised as
   * ecosystems.ts does). The returned arrays are shared and frozen. A version that does not
   * parse in a range's order matches only through explicit `versions` lists.
   */
  lookup(ecosystem: Ecosystem, name: string, version: string): readonly Advisory[] {
    const eco = this.entries.get(ecosystem);
    if (eco === undefined) return EMPTY;
    const entry = (eco.rawFirst ? eco.names.get(name) : undefined) ?? eco.names.get(normalizePackageName(ecosystem, name));
    if (entry === undefined) return EMPTY;
    return entry.memo.get(version) ?? resolve(entry, version, this.advisories);
  }

  /** `lookup` for an SBOM component; components without ecosystem, package name or version match nothing. */
  matchComponent(c: Component): readonly Advisory[] {
    if (!c.ecosystem || !c.packageName || !c.version) return EMPTY;
    return this.lookup(c.ecosystem, c.packageName, c.version);
  }
}

const ORDER = new WeakMap<readonly Advisory[], Map<Advisory, number>>();

/** Position of each advisory in the corpus, built on first need. */
function orderOf(advisories: readonly Advisory[]): Map<Advisory, number> {
  let m = ORDER.get(advisories);
  if (m === undefined) ORDER.set(advisories, (m = new Map(advisories.map((a, i) => [a, i] as const))));
  return m;
}

/** The general path: parse the version in each table's order and find its cell (or evaluate pairwise). */
function resolve(entry: Entry, version: string, advisories: readonly Advisory[]): readonly Advisory[] {
  const tables = entry.tables;
  if (tables.length === 1 && entry.exact === null) return lookupTable(tables[0] as Table, version, advisories);
  // Rare: several orders (SEMVER and ECOSYSTEM ranges) or unparseable listed versions. Merge in
  // corpus order, like every single-table answer.
  const parts: (readonly Advisory[])[] = tables.map((t) => lookupTable(t, version, advisories));
  const exact = entry.exact?.get(version);
  if (exact !== undefined) parts.push(exact);
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? EMPTY;
  const hits = [...new Set(nonEmpty.flat())];
  const order = orderOf(advisories);
  return Object.freeze(hits.sort((x, y) => (order.get(x) as number) - (order.get(y) as number)));
}

function lookupTable(t: Table, version: string, advisories: readonly Advisory[]): readonly Advisory[] {
  const v = parseQuietly(t.scheme, version);
  if (v === undefined) return EMPTY;
  if (t.bounds !== null && t.cells !== null) {
    const bounds = t.bounds;
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((bounds[mid] as string) < (v as string)) lo = mid + 1;
      else hi = mid;
    }
    return t.cells[lo < bounds.length && bounds[lo] === v ? 2 * lo + 1 : 2 * lo] as readonly Advisory[];
  }
  const hits = new Set<number>();
  for (const it of t.items) if (!hits.has(it.adv) && rangeIncludes(it.range, v)) hits.add(it.adv);
  for (const p of t.points) if (t.scheme.compare(v, p.key) === 0) hits.add(p.adv);
  if (hits.size === 0) return EMPTY;
  return Object.freeze([...hits].sort((x, y) => x - y).map((i) => advisories[i] as Advisory));
}

interface Position {
  cell: number;
  index: ReadonlyMap<string, number>;
}

/** Bound i sits at cell 2i+1, so sign(cell − (2i+1)) is the sign of "version − bound" for any version in the cell. */
function comparePosition(p: Position, key: VersionKey): number {
  return Math.sign(p.cell - (2 * (p.index.get(key as string) as number) + 1));
}

/** Cells beyond this many (cells × ranges) are not precomputed; the table falls back to pairwise evaluation. */
const MAX_CELL_WORK = 20_000_000;

function buildTable(
  scheme: VersionScheme,
  items: Item[],
  points: Point[],
  toList: (ids: Iterable<number>) => readonly Advisory[],
): Table {
  const pairwise: Table = { scheme, bounds: null, cells: null, items, points };
  if (!scheme.stringKeys) return pairwise;
  const all = new Set<string>();
  for (const it of items) {
    for (const e of it.range.events) if (e.key !== null) all.add(e.key as string);
    for (const l of it.range.limits ?? []) all.add(l as string);
  }
  for (const p of points) all.add(p.key as string);
  const bounds = [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const cellCount = 2 * bounds.length + 1;
  if (cellCount * Math.max(1, items.length) > MAX_CELL_WORK) return pairwise;
  const index = new Map(bounds.map((k, i) => [k, i] as const));

  const perCell: number[][] = Array.from({ length: cellCount }, () => []);
  const position: Position = { cell: 0, index };
  for (const it of items) {
    for (let cell = 0; cell < cellCount; cell++) {
      position.cell = cell;
      if (evaluateRange(it.range, comparePosition, position)) (perCell[cell] as number[]).push(it.adv);
    }
  }
  for (const p of points) (perCell[2 * (index.get(p.key as string) as number) + 1] as number[]).push(p.adv);
  return { scheme, bounds, cells: perCell.map((ids) => toList(ids)), items: [], points: [] };
}
