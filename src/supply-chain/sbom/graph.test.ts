import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Sbom } from '../model.ts';
import { parseSbom } from './parse.ts';
import { dependencyGraph, findCycles } from './graph.ts';
import { fixture } from './fixtures/fixture.ts';

function sbomOf(edges: [string, string[]][], refs: string[], root?: string): Sbom {
  return {
    format: 'cyclonedx-json',
    specVersion: '1.6',
    root: root ? { ref: root, name: root, hashes: [] } : undefined,
    components: refs.map((r) => ({ ref: r, name: r, hashes: [] })),
    dependencies: new Map(edges),
    authors: [],
    tools: [],
    warnings: [],
  };
}

describe('DependencyGraph on a parsed SBOM', () => {
  const g = dependencyGraph(parseSbom(fixture('cyclonedx-1.6.json')));

  it('tells direct from transitive and measures depth from the root', () => {
    expect(g.direct().sort()).toEqual(['acme-utils', 'django', 'express', 'log4j', 'openssl']);
    expect(g.transitive().sort()).toEqual(['body-parser', 'lodash', 'scope-core']);
    expect(g.depth('acme-gateway')).toBe(0);
    expect(g.depth('express')).toBe(1);
    expect(g.depth('lodash')).toBe(2);
    expect(g.maxDepth()).toBe(2);
    expect(g.relation('acme-gateway')).toBe('root');
    expect(g.relation('scope-core')).toBe('transitive');
    expect(g.inferredTopLevel).toBe(false);
  });

  it('gives the shortest path from the root', () => {
    expect(g.pathTo('lodash')).toEqual(['acme-gateway', 'express', 'lodash']);
    expect(g.pathTo('acme-gateway')).toEqual(['acme-gateway']);
    expect(g.pathTo('nope')).toBeUndefined();
    expect(g.allDepths().get('body-parser')).toBe(2);
  });
});

describe('cycles and missing roots', () => {
  it('walks a cyclic graph without hanging and with shortest depths', () => {
    const g = dependencyGraph(parseSbom(fixture('cyclic.cdx.json')));
    expect(g.depth('a')).toBe(1);
    expect(g.depth('c')).toBe(3);
    expect(g.depth('d')).toBe(4);
    expect(g.pathTo('d')).toEqual(['app', 'a', 'b', 'c', 'd']);
    expect(g.unreachable()).toEqual(['island']);
    expect(g.relation('island')).toBe('unreachable');
  });

  it('finds every cycle: strongly connected components and self-loops', () => {
    const r = findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['x', ['x']], ['y', ['z']], ['z', []]]));
    expect(r.nodesInCycles).toBe(4);
    expect(r.cycles).toContainEqual(['x', 'x']);
    const loop = r.cycles.find((c) => c.length === 4)!;
    expect(loop[0]).toBe(loop[3]);
    expect(new Set(loop)).toEqual(new Set(['a', 'b', 'c']));
  });

  it('stands in the components nothing depends on as the top level when there is no root', () => {
    const g = dependencyGraph(sbomOf([['a', ['b']], ['b', ['c']]], ['a', 'b', 'c', 'lonely']));
    expect(g.inferredTopLevel).toBe(true);
    expect(g.direct().sort()).toEqual(['a', 'lonely']);
    expect(g.depth('c')).toBe(3);
    expect(g.pathTo('c')).toEqual(['a', 'b', 'c']);
  });

  it('handles a 100,000-long chain and a 100,000-node cycle without recursion', () => {
    const n = 100_000;
    const refs = Array.from({ length: n }, (_, i) => `n${i}`);
    const edges: [string, string[]][] = refs.map((r, i) => [r, [refs[(i + 1) % n]!]]);
    const s = sbomOf([['root', ['n0']], ...edges], refs, 'root');
    const g = dependencyGraph(s);
    expect(g.depth(`n${n - 1}`)).toBe(n);
    expect(g.pathTo(`n${n - 1}`)).toHaveLength(n + 1);
    const r = findCycles(s.dependencies);
    expect(r.nodesInCycles).toBe(n);
    expect(r.cycles[0]).toHaveLength(n + 1);
  });
});

describe('properties on random graphs', () => {
  const arbGraph = fc.integer({ min: 1, max: 40 }).chain((n) =>
    fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 120 }).map((pairs) => ({ n, pairs })),
  );

  it('every path starts at the root, follows real edges and has depth + 1 nodes; depths are BFS-minimal', () => {
    fc.assert(
      fc.property(arbGraph, ({ n, pairs }) => {
        const refs = Array.from({ length: n }, (_, i) => `c${i}`);
        const map = new Map<string, string[]>([['root', ['c0']]]);
        for (const [a, b] of pairs) map.set(`c${a}`, [...new Set([...(map.get(`c${a}`) ?? []), `c${b}`])]);
        const g = dependencyGraph(sbomOf([...map], refs, 'root'));
        for (const r of refs) {
          const p = g.pathTo(r);
          if (!p) continue;
          expect(p[0]).toBe('root');
          expect(p).toHaveLength(g.depth(r)! + 1);
          for (let i = 0; i + 1 < p.length; i++) expect(map.get(p[i]!)).toContain(p[i + 1]);
          // No edge from a shallower node may skip a level (BFS minimality).
          for (const [from, tos] of map) {
            const d = g.depth(from);
            if (d !== undefined && tos.includes(r)) expect(g.depth(r)!).toBeLessThanOrEqual(d + 1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a graph has a cycle exactly when a topological order does not exist', () => {
    fc.assert(
      fc.property(arbGraph, ({ n, pairs }) => {
        const map = new Map<string, string[]>();
        for (let i = 0; i < n; i++) map.set(`c${i}`, []);
        for (const [a, b] of pairs) map.get(`c${a}`)!.push(`c${b}`);
        // Kahn's algorithm as the independent check.
        const indeg = new Map([...map.keys()].map((k) => [k, 0]));
        for (const tos of map.values()) for (const t of tos) indeg.set(t, indeg.get(t)! + 1);
        const queue = [...indeg].filter(([, d]) => d === 0).map(([k]) => k);
        let seen = 0;
        while (queue.length) {
          const u = queue.pop()!;
          seen++;
          for (const t of map.get(u)!) {
            indeg.set(t, indeg.get(t)! - 1);
            if (indeg.get(t) === 0) queue.push(t);
          }
        }
        const r = findCycles(map);
        expect(r.cycles.length > 0).toBe(seen < n);
        for (const loop of r.cycles) {
          expect(loop[0]).toBe(loop[loop.length - 1]);
          for (let i = 0; i + 1 < loop.length; i++) expect(map.get(loop[i]!)).toContain(loop[i + 1]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
