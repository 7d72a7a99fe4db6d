import type { Sbom } from '../model.ts';
import { type Csr, csrFromMap } from './refgraph.ts';

/**
 * The dependency graph of one SBOM, walked once: depth of every component from the root, the
 * shortest path to it, direct vs transitive. Breadth-first with a visited mark, so cycles neither
 * hang nor inflate depths. When the SBOM names no root (or the root has no edges), the
 * components nothing depends on stand in as the top level (depth 1).
 */
export type Relation = 'root' | 'direct' | 'transitive' | 'unreachable';

export class DependencyGraph {
  readonly rootRef: string | undefined;
  /** True when no root with edges exists and the top level was inferred from in-degree 0. */
  readonly inferredTopLevel: boolean;
  private readonly csr: Csr;
  private readonly ids = new Map<string, number>();
  private readonly depthOf: Int32Array;
  private readonly parentOf: Int32Array;
  private readonly componentIds: number[];

  constructor(sbom: Sbom) {
    this.rootRef = sbom.root?.ref;
    const refs = sbom.components.map((c) => c.ref);
    this.csr = csrFromMap(sbom.dependencies, this.rootRef !== undefined ? [this.rootRef, ...refs] : refs);
    const { names, offsets, targets } = this.csr;
    names.forEach((name, i) => this.ids.set(name, i));
    this.componentIds = refs.map((r) => this.ids.get(r)!);
    const n = names.length;
    this.depthOf = new Int32Array(n).fill(-1);
    this.parentOf = new Int32Array(n).fill(-1);
    const root = this.rootRef !== undefined ? this.ids.get(this.rootRef)! : -1;
    let frontier: number[] = [];
    if (root >= 0 && offsets[root + 1]! > offsets[root]!) {
      this.inferredTopLevel = false;
      this.depthOf[root] = 0;
      frontier.push(root);
    } else {
      this.inferredTopLevel = true;
      const hasParent = new Uint8Array(n);
      for (let u = 0; u < n; u++) for (let k = offsets[u]!; k < offsets[u + 1]!; k++) if (targets[k] !== u) hasParent[targets[k]!] = 1;
      if (root >= 0) this.depthOf[root] = 0;
      for (const id of this.componentIds) {
        if (hasParent[id] || this.depthOf[id] !== -1) continue;
        this.depthOf[id] = 1;
        this.parentOf[id] = root;
        frontier.push(id);
      }
    }
    while (frontier.length) {
      const next: number[] = [];
      for (const u of frontier) {
        const d = this.depthOf[u]! + 1;
        for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
          const v = targets[k]!;
          if (this.depthOf[v] !== -1) continue;
          this.depthOf[v] = d;
          this.parentOf[v] = u;
          next.push(v);
        }
      }
      frontier = next;
    }
  }

  /** Distance from the root (root 0, direct 1, …); undefined when unreachable. */
  depth(ref: string): number | undefined {
    const id = this.ids.get(ref);
    const d = id === undefined ? -1 : this.depthOf[id]!;
    return d < 0 ? undefined : d;
  }

  relation(ref: string): Relation {
    if (ref === this.rootRef) return 'root';
    const d = this.depth(ref);
    return d === undefined ? 'unreachable' : d === 1 ? 'direct' : 'transitive';
  }

  /** Shortest path root → … → ref (from the root when there is one); undefined when unreachable. */
  pathTo(ref: string): string[] | undefined {
    const id = this.ids.get(ref);
    if (id === undefined || this.depthOf[id]! < 0) return undefined;
    const path: string[] = [];
    for (let cur = id; cur >= 0; cur = this.parentOf[cur]!) path.push(this.csr.names[cur]!);
    return path.reverse();
  }

  direct(): string[] {
    return this.componentIds.filter((id) => this.depthOf[id] === 1).map((id) => this.csr.names[id]!);
  }

  transitive(): string[] {
    return this.componentIds.filter((id) => this.depthOf[id]! > 1).map((id) => this.csr.names[id]!);
  }

  unreachable(): string[] {
    return this.componentIds.filter((id) => this.depthOf[id]! < 0).map((id) => this.csr.names[id]!);
  }

  /** Depth per component ref (unreachable ones omitted). */
  allDepths(): Map<string, number> {
    const out = new Map<string, number>();
    for (const id of this.componentIds) if (this.depthOf[id]! >= 0) out.set(this.csr.names[id]!, this.depthOf[id]!);
    return out;
  }

  maxDepth(): number {
    let m = 0;
    for (const d of this.depthOf) if (d > m) m = d;
    return m;
  }
}

export function dependencyGraph(sbom: Sbom): DependencyGraph {
  return new DependencyGraph(sbom);
}

export interface CycleReport {
  /** Up to `limit` concrete loops, each written start → … → start. */
  cycles: string[][];
  /** Components lying on any cycle (all strongly connected components of size > 1, or self-loops). */
  nodesInCycles: number;
}

export function findCycles(deps: Map<string, string[]>, limit = 20): CycleReport {
  return cyclesInCsr(csrFromMap(deps), limit);
}

/** Tarjan's strongly connected components, iterative (a 100,000-deep chain cannot overflow the stack). */
export function cyclesInCsr(csr: Csr, limit = 20): CycleReport {
  const { names, offsets, targets } = csr;
  const n = names.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  let sp = 0;
  let counter = 0;
  const cycles: string[][] = [];
  let nodesInCycles = 0;

  for (let start = 0; start < n; start++) {
    if (index[start] !== -1) continue;
    let wp = 0;
    workNode[wp] = start;
    workEdge[wp++] = offsets[start]!;
    index[start] = low[start] = counter++;
    stack[sp++] = start;
    onStack[start] = 1;
    while (wp > 0) {
      const u = workNode[wp - 1]!;
      const e = workEdge[wp - 1]!;
      if (e < offsets[u + 1]!) {
        workEdge[wp - 1] = e + 1;
        const v = targets[e]!;
        if (index[v] === -1) {
          index[v] = low[v] = counter++;
          stack[sp++] = v;
          onStack[v] = 1;
          workNode[wp] = v;
          workEdge[wp++] = offsets[v]!;
        } else if (onStack[v] && index[v]! < low[u]!) low[u] = index[v]!;
        continue;
      }
      wp--;
      if (wp > 0) {
        const p = workNode[wp - 1]!;
        if (low[u]! < low[p]!) low[p] = low[u]!;
      }
      if (low[u] !== index[u]) continue;
      const members: number[] = [];
      let w: number;
      do {
        w = stack[--sp]!;
        onStack[w] = 0;
        members.push(w);
      } while (w !== u);
      let selfLoop = false;
      if (members.length === 1) for (let k = offsets[u]!; k < offsets[u + 1]!; k++) if (targets[k] === u) selfLoop = true;
      if (members.length > 1 || selfLoop) {
        nodesInCycles += members.length;
        if (cycles.length < limit) cycles.push(loopThrough(csr, new Set(members), u));
      }
    }
  }
  return { cycles, nodesInCycles };
}

/** One concrete loop start → … → start inside a strongly connected component (shortest, by BFS). */
function loopThrough(csr: Csr, members: Set<number>, start: number): string[] {
  const { names, offsets, targets } = csr;
  const prev = new Map<number, number>();
  let frontier = [start];
  while (frontier.length) {
    const next: number[] = [];
    for (const u of frontier) {
      for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
        const v = targets[k]!;
        if (!members.has(v)) continue;
        if (v === start) {
          const back: number[] = [];
          for (let cur = u; cur !== start; cur = prev.get(cur)!) back.push(cur);
          return [start, ...back.reverse(), start].map((id) => names[id]!);
        }
        if (!prev.has(v)) {
          prev.set(v, u);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return [names[start]!];
}
