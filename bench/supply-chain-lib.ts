/**
 * Supply-chain library figures (issue 3), all in one run on one 100,000-component CycloneDX
 * file built from real package names and versions of the shared OSV corpus:
 *  - json_parse_floor_ms / sbom_parse_ms / sbom_parse_vs_floor: JSON.parse of the file's text
 *    (the floor) against parseSbom of the same text, medians of interleaved runs (target ≤ 3);
 *  - match_lookups_per_s: component → advisories through AdvisoryIndex built from the whole
 *    corpus, over the SBOM's parsed components (target ≥ 1,000,000);
 *  - peer_osv_offline_lookups_per_s: the same lookups through @renovatebot/osv-offline-db loaded
 *    with the same corpus, and match_speedup_vs_peer (ours on the lookups the peer can answer,
 *    i.e. its ecosystems, over its rate). The peer answers package → records only; it leaves
 *    version ranges to its caller, so its figure counts less work than ours.
 * CPU-time rates are given beside wall-clock ones: the machine is shared and wall time is noisy.
 * Size: `--sc-components=N` (default 100,000).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { importAdvisories } from '../src/supply-chain/advisories/index.ts';
import { analyzeSbom } from '../src/supply-chain/findings/index.ts';
import { AdvisoryIndex } from '../src/supply-chain/match/index.ts';
import type { Component } from '../src/supply-chain/model.ts';
import { parseSbom } from '../src/supply-chain/sbom/index.ts';
import { buildBenchSbom as writeBenchSbom, OSV_CORPUS } from './supply-chain-sbom.ts';
import { openPeer } from './supply-chain-peer.ts';
import { round } from './stats.ts';

/** Writes the n-component benchmark SBOM (real names and versions from the shared OSV corpus) to `path`. */
export async function buildBenchSbom(path: string, n: number): Promise<void> {
  await writeBenchSbom(path, n);
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function sample(fn: () => void): Sample {
  const cpu = process.cpuUsage();
  const t = performance.now();
  fn();
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function lookupRate(index: AdvisoryIndex, components: readonly Component[], lookups: number): { perS: number; perCpuS: number; hits: number } {
  let hits = 0;
  for (const c of components) hits += index.matchComponent(c).length;
  hits = 0;
  const n = components.length;
  const s = sample(() => {
    for (let i = 0; i < lookups; i++) hits += index.matchComponent(components[i % n] as Component).length;
  });
  return { perS: lookups / (s.wallMs / 1000), perCpuS: lookups / (s.cpuMs / 1000), hits };
}

export async function benchSupplyChainLib(opts: { log: (s: string) => void }): Promise<Record<string, number | string>> {
  const { log } = opts;
  const arg = process.argv.find((a) => a.startsWith('--sc-components='));
  const n = Number(arg?.slice('--sc-components='.length) ?? 100_000);
  const dir = mkdtempSync(join(os.tmpdir(), 'netreview-bench-sc-'));
  try {
    log(`[bench] supply chain: loading the OSV corpus ${OSV_CORPUS}`);
    let t = performance.now();
    const imported = await importAdvisories(OSV_CORPUS);
    const loadMs = performance.now() - t;
    const advisories = imported.advisories;

    const file = join(dir, 'bench.cdx.json');
    await writeBenchSbom(file, n);
    const text = readFileSync(file, 'utf8');
    log(`[bench] supply chain: ${n} components, ${(text.length / 2 ** 20).toFixed(1)} MiB; JSON.parse vs parseSbom`);

    // Interleaved after a warm-up each, so JIT state and GC pressure hit both alike.
    JSON.parse(text);
    const parsed = parseSbom(text);
    const floor: Sample[] = [];
    const ours: Sample[] = [];
    for (let r = 0; r < 7; r++) {
      floor.push(sample(() => JSON.parse(text)));
      ours.push(sample(() => parseSbom(text)));
    }
    const floorMs = median(floor.map((s) => s.wallMs));
    const parseMs = median(ours.map((s) => s.wallMs));
    const floorCpu = median(floor.map((s) => s.cpuMs));
    const parseCpu = median(ours.map((s) => s.cpuMs));

    log(`[bench] supply chain: index of ${advisories.length} advisories; lookups`);
    t = performance.now();
    const index = new AdvisoryIndex(advisories);
    const buildMs = performance.now() - t;
    const components = parsed.components;
    const ours1 = lookupRate(index, components, Math.max(2_000_000, components.length * 5));
    const analysis = sample(() => analyzeSbom(parsed, index, { groups: imported.groups }));
    const findings = analyzeSbom(parsed, index, { groups: imported.groups }).findings.length;

    log('[bench] supply chain: peer @renovatebot/osv-offline-db on the same corpus');
    const peer = await openPeer(OSV_CORPUS, dir);
    const peerSet = components.filter((c) => c.ecosystem !== undefined && c.packageName !== undefined && c.version !== undefined && peer.ecosystems.includes(c.ecosystem));
    const oursOnPeerSet = lookupRate(index, peerSet, Math.max(2_000_000, peerSet.length * 5));
    let peerLookups = 0;
    let peerHits = 0;
    const peerCpu = process.cpuUsage();
    const peerStart = performance.now();
    // A fixed time budget: the peer scans its whole table per query.
    while (performance.now() - peerStart < 4000 && peerLookups < peerSet.length) {
      const c = peerSet[peerLookups] as Component;
      peerHits += (await peer.query(c.ecosystem as string, c.packageName as string)).length;
      peerLookups++;
    }
    const peerWall = (performance.now() - peerStart) / 1000;
    const peerUsed = process.cpuUsage(peerCpu);
    const peerPerS = peerLookups / peerWall;
    const peerPerCpuS = peerLookups / ((peerUsed.user + peerUsed.system) / 1e6);

    return {
      sc_components: n,
      sc_sbom_mib: round(text.length / 2 ** 20, 1),
      sc_load_average: os.loadavg().map((x) => x.toFixed(1)).join(' '),
      json_parse_floor_ms: round(floorMs, 1),
      sbom_parse_ms: round(parseMs, 1),
      sbom_parse_vs_floor: round(parseMs / floorMs, 2),
      json_parse_floor_cpu_ms: round(floorCpu, 1),
      sbom_parse_cpu_ms: round(parseCpu, 1),
      sbom_parse_vs_floor_cpu: round(parseCpu / floorCpu, 2),
      advisories_import_ms: round(loadMs, 0),
      advisories_indexed: index.size.advisories,
      index_build_ms: round(buildMs, 0),
      match_lookups_per_s: Math.round(ours1.perS),
      match_lookups_per_cpu_s: Math.round(ours1.perCpuS),
      match_components_hit_share: round(components.filter((c) => index.matchComponent(c).length > 0).length / components.length, 3),
      analyze_sbom_ms: round(analysis.wallMs, 0),
      analyze_sbom_findings: findings,
      peer_osv_offline_records: peer.records,
      peer_osv_offline_lookups_per_s: Math.round(peerPerS),
      peer_osv_offline_lookups_per_cpu_s: Math.round(peerPerCpuS),
      peer_osv_offline_lookups: peerLookups,
      peer_osv_offline_hits_per_lookup: round(peerHits / Math.max(1, peerLookups), 2),
      match_lookups_per_s_peer_set: Math.round(oursOnPeerSet.perS),
      match_speedup_vs_peer: Math.round(oursOnPeerSet.perS / peerPerS),
      match_speedup_vs_peer_cpu: Math.round(oursOnPeerSet.perCpuS / peerPerCpuS),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
