/**
 * Lookup throughput of AdvisoryIndex on the whole shared OSV corpus (not a test: run it).
 *
 *   npx tsx src/supply-chain/match/bench.ts [--json] [--lookups N]
 *
 * Queries are real (ecosystem, package, version) triples taken from the corpus itself: every
 * range bound and listed version of every affected package (Go ones with and without the 'v'),
 * shuffled, so every lookup lands on a package that has advisories. Three runs:
 *  - corpus versions (the benchmark: names and versions taken from the corpus);
 *  - the same with as many lookups of packages the corpus does not know, as in an SBOM;
 *  - versions no advisory names (the last number of each bumped), which bypass the index's
 *    per-package memo of named versions and take the general parse + binary search path.
 * Rates are per wall-clock second and per CPU second (the latter is steadier on a busy machine).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdvisoryIndex } from './index.ts';
import { loadOsvDir } from './osv-corpus.ts';

interface Query {
  ecosystem: string;
  name: string;
  version: string;
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Deterministic xorshift so runs are comparable. */
function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  for (let i = items.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function measure(index: AdvisoryIndex, queries: Query[], lookups: number): { perSecond: number; perCpuSecond: number; hits: number } {
  let hits = 0;
  const n = queries.length;
  for (let i = 0; i < Math.min(n, 200_000); i++) {
    const q = queries[i] as Query;
    hits += index.lookup(q.ecosystem, q.name, q.version).length;
  }
  hits = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < lookups; i++) {
    const q = queries[i % n] as Query;
    hits += index.lookup(q.ecosystem, q.name, q.version).length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { perSecond: Math.round(lookups / seconds), perCpuSecond: Math.round(lookups / cpuSeconds), hits };
}

function main(): void {
  const root = resolve(fileURLToPath(new URL('../../../../shared/data/osv/', import.meta.url)));
  if (!existsSync(root)) {
    console.error(`shared OSV corpus not found at ${root}`);
    process.exitCode = 1;
    return;
  }
  const lookups = Number(argValue('--lookups') ?? 3_000_000);

  let t = performance.now();
  const advisories = loadOsvDir(root);
  const loadMs = performance.now() - t;

  const rssBefore = process.memoryUsage().rss;
  t = performance.now();
  const index = new AdvisoryIndex(advisories);
  const buildMs = performance.now() - t;
  const rssAfter = process.memoryUsage().rss;

  const queries: Query[] = [];
  for (const adv of advisories) {
    for (const a of adv.affected) {
      const versions = new Set(a.versions);
      for (const r of a.ranges) for (const e of r.events) for (const v of Object.values(e)) if (r.type !== 'GIT' && v !== '0') versions.add(v);
      for (const v of versions) {
        queries.push({ ecosystem: a.ecosystem, name: a.name, version: v });
        if (a.ecosystem === 'Go') queries.push({ ecosystem: a.ecosystem, name: a.name, version: `v${v}` });
      }
    }
  }
  shuffle(queries, 42);
  const indexed = measure(index, queries, lookups);

  const named = new Set(queries.map((q) => `${q.ecosystem}\u0000${q.name}\u0000${q.version}`));
  const unlisted = queries
    .map((q) => ({ ...q, version: q.version.replace(/([0-9]+)(?=[^0-9]*$)/, (d) => String(Number(d) + 1)) }))
    .filter((q) => !named.has(`${q.ecosystem}\u0000${q.name}\u0000${q.version}`));
  const general = measure(index, unlisted, lookups);

  const mixed = shuffle(
    [...queries, ...queries.map((q, i) => ({ ...q, name: `${q.name}-not-in-corpus-${i % 97}` }))],
    7,
  );
  const withMisses = measure(index, mixed, lookups);

  const result = {
    corpus_records: advisories.length,
    indexed_advisories: index.size.advisories,
    indexed_packages: index.size.packages,
    index_problems: index.problems.length,
    load_ms: Math.round(loadMs),
    build_ms: Math.round(buildMs),
    index_rss_mb: Math.round((rssAfter - rssBefore) / 2 ** 20),
    distinct_queries: queries.length,
    unlisted_queries: unlisted.length,
    lookups,
    load_average: os.loadavg().map((x) => Math.round(x * 10) / 10).join(' '),
    match_lookups_per_s: indexed.perSecond,
    match_lookups_per_cpu_s: indexed.perCpuSecond,
    match_lookups_per_s_half_unknown: withMisses.perSecond,
    match_lookups_per_cpu_s_half_unknown: withMisses.perCpuSecond,
    match_lookups_per_s_unlisted: general.perSecond,
    match_lookups_per_cpu_s_unlisted: general.perCpuSecond,
    advisories_returned: indexed.hits,
  };
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(38)} ${v.toLocaleString('en')}`);
}

main();
