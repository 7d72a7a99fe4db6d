/**
 * Measures parseSbom against the floor the issue sets: a bare JSON.parse of the same file.
 * Generates a synthetic CycloneDX 1.6 JSON (default 100,000 components across eight ecosystems,
 * with hashes, licences, suppliers and a dependency tree), times both, prints JSON.
 *
 *   node --import tsx src/supply-chain/sbom/bench-parse.ts [components] [runs] [--out FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseSbom } from './parse.ts';

const ECOSYSTEMS: ((name: string, version: string, i: number) => string)[] = [
  (n, v) => `pkg:npm/${n}@${v}`,
  (n, v, i) => `pkg:npm/%40scope${i % 50}/${n}@${v}`,
  (n, v) => `pkg:pypi/${n.replace(/-/g, '_')}@${v}`,
  (n, v, i) => `pkg:maven/org.example${i % 200}/${n}@${v}?type=jar`,
  (n, v, i) => `pkg:golang/github.com/org${i % 300}/${n}@v${v}`,
  (n, v) => `pkg:cargo/${n}@${v}`,
  (n, v) => `pkg:deb/debian/${n}@${v}-1?arch=amd64&distro=debian-12`,
  (n, v) => `pkg:rpm/almalinux/${n}@${v}-3.el9?arch=x86_64&distro=almalinux-9.4`,
];
const WORDS = ['core', 'util', 'http', 'json', 'crypto', 'log', 'yaml', 'net', 'auth', 'cache', 'db', 'io', 'parse', 'test', 'zip', 'xml'];

/** A deterministic pseudo-random sequence, so every run measures the same file. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticCycloneDx(count: number): string {
  const rand = rng(42);
  const components: object[] = [];
  const dependencies: { ref: string; dependsOn: string[] }[] = [];
  const refs: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${WORDS[i % WORDS.length]}-${WORDS[Math.floor(rand() * WORDS.length)]}-${i}`;
    const version = `${Math.floor(rand() * 20)}.${Math.floor(rand() * 30)}.${Math.floor(rand() * 10)}`;
    const purl = ECOSYSTEMS[i % ECOSYSTEMS.length]!(name, version, i);
    refs.push(purl);
    const hash = Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(rand() * 16)]).join('');
    components.push({
      type: 'library',
      'bom-ref': purl,
      supplier: { name: `Supplier ${i % 500}` },
      name,
      version,
      hashes: [{ alg: 'SHA-256', content: hash }],
      licenses: [{ license: { id: i % 3 ? 'MIT' : 'Apache-2.0' } }],
      purl,
    });
  }
  // Each component depends on up to three earlier ones: a DAG some thirty levels deep.
  for (let i = 0; i < count; i++) {
    const on: string[] = [];
    const k = i < 100 ? 0 : Math.floor(rand() * 4);
    for (let j = 0; j < k; j++) on.push(refs[Math.floor(rand() * i)]!);
    dependencies.push({ ref: refs[i]!, dependsOn: [...new Set(on)] });
  }
  const rootRef = 'product-root';
  dependencies.push({ ref: rootRef, dependsOn: refs.slice(count - 100) });
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    version: 1,
    metadata: {
      timestamp: '2024-05-01T00:00:00Z',
      authors: [{ name: 'Benchmark' }],
      tools: { components: [{ type: 'application', name: 'bench-parse', version: '1' }] },
      component: { type: 'application', 'bom-ref': rootRef, name: 'product', version: '1.0.0', supplier: { name: 'Vendor' } },
    },
    components,
    dependencies,
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export interface Measurement {
  /** Medians over the runs, wall clock. */
  jsonParseMs: number;
  sbomParseMs: number;
  ratio: number;
  /** Best (minimum) of the runs: the least disturbed by other load on the machine. */
  bestRatio: number;
}

export function measure(text: string, runs: number): Measurement {
  const floor: number[] = [];
  const ours: number[] = [];
  // Interleaved, after one warm-up each, so JIT state and GC pressure hit both alike.
  JSON.parse(text);
  parseSbom(text);
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    JSON.parse(text);
    floor.push(performance.now() - t0);
    t0 = performance.now();
    parseSbom(text);
    ours.push(performance.now() - t0);
  }
  const jsonParseMs = median(floor);
  const sbomParseMs = median(ours);
  return { jsonParseMs, sbomParseMs, ratio: sbomParseMs / jsonParseMs, bestRatio: Math.min(...ours) / Math.min(...floor) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args.splice(outAt, 2)[1] : undefined;
  const count = Number(args[0] ?? 100_000);
  const runs = Number(args[1] ?? 5);
  const text = syntheticCycloneDx(count);
  if (out) writeFileSync(out, text);
  const m = measure(text, runs);
  console.log(JSON.stringify({
    components: count,
    bytes: Buffer.byteLength(text),
    runs,
    json_parse_floor_ms: Math.round(m.jsonParseMs * 10) / 10,
    sbom_parse_ms: Math.round(m.sbomParseMs * 10) / 10,
    ratio: Math.round(m.ratio * 100) / 100,
    best_ratio: Math.round(m.bestRatio * 100) / 100,
    target: '<= 3',
  }));
}
