import type { Sbom } from '../model.ts';

/**
 * The dependency graph while a parser builds it: refs interned to small integers, edges kept
 * as two integer lists. At the end it yields both the Map<string, string[]> the shared model
 * wants and a compact adjacency (CSR) that cycle detection and depth walks run on without
 * hashing a string per step. A root listing 100,000 direct dependencies costs O(n), not O(n²).
 */
export interface Csr {
  names: string[];
  /** Edges of node i are targets[offsets[i] .. offsets[i+1]). */
  offsets: Int32Array;
  targets: Int32Array;
}

/**
 * Interned strings → dense ids, by open addressing over typed arrays. A plain Map does the same
 * job at two to three times the cost here (fresh strings from JSON.parse, 100,000 of them, one
 * per component), which alone would eat the parser's whole time budget.
 */
class StringIds {
  readonly keys: string[] = [];
  private slots: Int32Array;
  private hashes: Int32Array;
  private mask: number;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size <<= 1;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** FNV-1a over UTF-16 code units. */
  private static hash(s: string): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return h;
  }

  get(s: string): number {
    const h = StringIds.hash(s);
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.slots[i]!;
      if (v < 0) return -1;
      if (this.hashes[i] === h && this.keys[v] === s) return v;
    }
  }

  /** Adds `s`; returns its new id, or -1 when it was already there. */
  add(s: string): number {
    const h = StringIds.hash(s);
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const v = this.slots[i]!;
      if (v < 0) break;
      if (this.hashes[i] === h && this.keys[v] === s) return -1;
    }
    const id = this.keys.length;
    this.keys.push(s);
    this.slots[i] = id;
    this.hashes[i] = h;
    if (this.keys.length * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    const size = oldSlots.length * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
    for (let j = 0; j < oldSlots.length; j++) {
      const v = oldSlots[j]!;
      if (v < 0) continue;
      const h = oldHashes[j]!;
      let i = h & this.mask;
      while (this.slots[i]! >= 0) i = (i + 1) & this.mask;
      this.slots[i] = v;
      this.hashes[i] = h;
    }
  }
}

export class RefGraph {
  private readonly ids: StringIds;
  readonly names: string[];
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly listed: number[] = [];
  private readonly lists: (string[] | undefined)[] = [];

  /** `expected`: how many refs are likely (sizes the table up front). */
  constructor(expected = 1024) {
    this.ids = new StringIds(expected);
    this.names = this.ids.keys;
  }

  has(ref: string): boolean {
    return this.ids.get(ref) >= 0;
  }

  id(ref: string): number | undefined {
    const id = this.ids.get(ref);
    return id < 0 ? undefined : id;
  }

  /** Interns a ref; returns its id (the existing one when already known). */
  register(ref: string): number {
    const id = this.ids.add(ref);
    return id >= 0 ? id : this.ids.get(ref);
  }

  /** Interns a new ref and returns its id; -1 when the ref is already known. */
  tryRegister(ref: string): number {
    return this.ids.add(ref);
  }

  /** The id given by the latest registration. */
  lastId(): number {
    return this.names.length - 1;
  }

  addEdge(from: number, to: number): void {
    this.from.push(from);
    this.to.push(to);
  }

  /** Adds an edge between two known refs; false when either is unknown. */
  add(from: string, to: string): boolean {
    const a = this.ids.get(from);
    const b = this.ids.get(to);
    if (a === undefined || b === undefined) return false;
    this.addEdge(a, b);
    return true;
  }

  /**
   * Records that a node's dependencies were stated, even as none (CycloneDX leaf entries). When
   * `names` is given (the targets as the document listed them, all known, edges already added)
   * and nothing else adds to the node, the array is reused as-is in the dependency map.
   */
  list(id: number, names?: string[]): void {
    this.listed.push(id);
    if (names) this.lists[id] = names;
  }

  build(): { deps: Map<string, string[]>; csr: Csr } {
    const n = this.names.length;
    const counts = new Int32Array(n + 1);
    for (const f of this.from) counts[f + 1]!++;
    for (let i = 0; i < n; i++) counts[i + 1]! += counts[i]!;
    const fill = counts.slice(0, n);
    const raw = new Int32Array(this.from.length);
    for (let e = 0; e < this.from.length; e++) raw[fill[this.from[e]!]!++] = this.to[e]!;

    // De-duplicate each node's targets with a stamp per target, keeping first-seen order.
    const stamp = new Int32Array(n).fill(-1);
    const offsets = new Int32Array(n + 1);
    const targets = new Int32Array(raw.length);
    let w = 0;
    const deps = new Map<string, string[]>();
    const isListed = new Uint8Array(n);
    for (const id of this.listed) isListed[id] = 1;
    for (let u = 0; u < n; u++) {
      offsets[u] = w;
      const start = w;
      for (let k = counts[u]!; k < counts[u + 1]!; k++) {
        const v = raw[k]!;
        if (stamp[v] === u) continue;
        stamp[v] = u;
        targets[w++] = v;
      }
      if (w > start || isListed[u]) {
        const given = this.lists[u];
        // Reused only when the list alone produced this node's edges, each once.
        if (given && given.length === w - start && given.length === counts[u + 1]! - counts[u]!) deps.set(this.names[u]!, given);
        else {
          const list: string[] = new Array(w - start);
          for (let k = start; k < w; k++) list[k - start] = this.names[targets[k]!]!;
          deps.set(this.names[u]!, list);
        }
      }
    }
    offsets[n] = w;
    const csr = { names: this.names, offsets, targets: targets.subarray(0, w) };
    return { deps, csr };
  }
}

/** Adjacency of a finished Sbom's dependency map, for analyses given only the Sbom. */
export function csrFromMap(deps: Map<string, string[]>, extra: Iterable<string> = []): Csr {
  const g = new RefGraph(deps.size * 2 + 16);
  for (const r of extra) g.register(r);
  for (const [from, tos] of deps) {
    const a = g.register(from);
    for (const t of tos) g.addEdge(a, g.register(t));
  }
  return g.build().csr;
}

/** The adjacency built while parsing, kept beside the Sbom it belongs to (never serialised). */
export const csrOf = new WeakMap<Sbom, Csr>();
