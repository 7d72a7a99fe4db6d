/**
 * Core-platform figures (issue 2): cold start, transition latency, the office's case list against
 * a bare indexed query on the same database, and statements per request in the scenario.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { startServer } from '../src/server.ts';
import type { Running } from '../src/server.ts';
import { PartyClient } from '../src/scenario/client.ts';
import { runScenario } from '../src/scenario/run.ts';
import { percentile, round } from './stats.ts';

const ROOT = new URL('../', import.meta.url);

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Process start → first healthy response, on a data directory (or database) that is new. */
export async function coldStart(env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/netreview.js', 'serve'], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
  try {
    for (;;) {
      if (performance.now() - t0 > 60_000) throw new Error('server did not become healthy within 60 s');
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (r.status === 200) return round(performance.now() - t0, 0);
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function createScratchDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `netreview_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function signedIn(server: { url: string; demo: { username: string; password: string }[] | null }, name: string): Promise<PartyClient> {
  const c = new PartyClient(server.url, name);
  const pw = server.demo!.find((d) => d.username === name)!.password;
  const r = await c.signIn(name, pw);
  if (r.status !== 200) throw new Error(`sign in ${name}: ${r.status}`);
  return c;
}

/** 100 cases × 10 lifecycle steps over HTTP = 1,000 transitions, each timed. */
export async function transitions(server: { url: string; demo: { username: string; password: string }[] | null }): Promise<number[]> {
  const P = Object.fromEntries(await Promise.all(['operator', 'protection', 'office', 'assessor', 'expert1'].map(async (n) => [n, await signedIn(server, n)] as const)));
  const orgs = ((await P.office!.request('GET', '/api/v1/organisations')).body as { items: { id: string; kind: string }[] }).items;
  const supplier = orgs.find((o) => o.kind === 'supplier')!.id;
  const assessor = orgs.find((o) => o.kind === 'third_party_assessor')!.id;
  const expertId = (((await P.expert1!.request('GET', '/api/v1/me')).body as { user: { id: string } }).user.id);
  const samples: number[] = [];
  for (let i = 0; i < 100; i++) {
    const c = await P.operator!.request('POST', '/api/v1/cases', { action: 'declare_procurement', title: `Bench ${i}`, productName: 'Router', sector: 'energy', systemName: 'Grid', supplierOrgId: supplier });
    const id = (c.body as { id: string }).id;
    const steps: [string, string, unknown][] = [
      ['protection', 'determine_affects_security', { reason: 'bench' }],
      ['office', 'open', {}],
      ['office', 'assign_assessor', { assessorOrgId: assessor }],
      ['office', 'assign_expert', { expertUserId: expertId }],
      ['office', 'start_assessment', {}],
      ['assessor', 'record_finding', { category: 2, severity: 'high', title: 'finding a' }],
      ['assessor', 'record_finding', { category: 1, severity: 'low', title: 'finding b' }],
      ['assessor', 'submit_assessment', { summary: 'done' }],
      ['expert1', 'give_opinion', { recommendation: 'passed', opinion: 'fine' }],
      ['office', 'decide', { outcome: 'passed', decisionText: 'passed' }],
    ];
    for (const [who, action, body] of steps) {
      const t = performance.now();
      const r = await P[who]!.request('POST', `/api/v1/cases/${id}/actions/${action}`, body);
      samples.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  }
  return samples;
}

/** 100,000 cases spread over the states, inserted in bulk (the list benchmark needs volume, not history). */
async function fillCases(server: Running, n: number): Promise<void> {
  const db = server.db;
  const supplier = (await db.query<{ id: string }>("SELECT id FROM organisations WHERE kind = 'supplier' LIMIT 1")).rows[0]!.id;
  const states = ['intake', 'determination', 'triage', 'planning', 'assessing', 'awaiting_supplement', 'expert_evaluation', 'decided', 'released', 'supervision', 'closed'];
  const batch = 10_000;
  for (let start = 0; start < n; start += batch) {
    await db.query(
      `INSERT INTO cases (id, ref, regime_id, state, origin, title, product_name, sector, supplier_org_id, created_at, updated_at)
       SELECT gen_random_uuid(), 'BENCH-' || g, 'cn-2017-interim', ($1::text[])[1 + (g % ${states.length})], 'national_requirement',
         'Bench case ' || g, 'Product ' || (g % 997), 'energy', $2, now() - (g || ' seconds')::interval, now()
       FROM generate_series($3::int, $4::int) g`,
      [states, supplier, start, Math.min(n, start + batch) - 1],
    );
  }
  await db.query('ANALYZE cases');
}

export const FLOOR_SQL = `SELECT c.id, c.ref, c.state, c.title, c.product_name, c.sector, c.origin, c.outcome, c.clock, c.created_at, c.updated_at
    FROM cases c WHERE c.state = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT 50`;

/** One GET over a keep-alive node:http agent; the server's own duration comes from its Server-Timing header. */
function keepAliveGetter(url: URL, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<{ status: number; body: string; appMs: number | null }>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const m = /app;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), appMs: m ? Number(m[1]) : null });
        });
      });
      req.on('error', reject);
      req.end();
    });
  return { get, close: () => agent.destroy() };
}

async function startBareServer(floorUrl: string): Promise<{ url: URL; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-list-server.ts'], { cwd: ROOT, env: { ...process.env, BENCH_FLOOR_URL: floorUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (c) => reject(new Error(`bare list server exited ${c}`)));
  });
  return { url: new URL(`http://127.0.0.1:${port}/cases`), stop: () => child.kill('SIGTERM') };
}

export interface CaseListSamples {
  /** Client-observed: the loopback HTTP hop plus the server's work. */
  http: number[];
  /** Server-observed (Server-Timing): request received to response serialised. */
  app: number[];
  floor: number[];
  /** The same page from the thinnest possible HTTP server over the same loopback (transport floor). */
  bare: number[];
}

/**
 * The office's list page over one keep-alive connection with node:http, as a browser would reuse
 * its connection (fetch() adds stream machinery to every request, which is client cost). With a
 * floor URL, each page request alternates with the bare query and with the bare HTTP server from
 * the same process, so all three see the same machine at the same moments: on a shared 2-core
 * machine a floor measured afterwards would compare different noise. The first `warm` rounds let
 * V8 optimise both servers and the client; a server's steady state is what users meet.
 */
/** Measured rounds of the list benchmark, after LIST_WARM rounds that are not counted. */
export const LIST_RUNS = 500;
export const LIST_WARM = 200;

export async function caseListApi(server: { url: string; demo: { username: string; password: string }[] | null }, floorUrl?: string, runs = LIST_RUNS, warm = LIST_WARM): Promise<CaseListSamples> {
  const office = await signedIn(server, 'office');
  const page = keepAliveGetter(new URL('/api/v1/cases?state=assessing&limit=50', server.url), { cookie: office.sessionCookie ?? '' });
  const floorClient = floorUrl ? new pg.Client({ connectionString: floorUrl }) : null;
  await floorClient?.connect();
  const bareServer = floorUrl ? await startBareServer(floorUrl) : null;
  const bare = bareServer ? keepAliveGetter(bareServer.url, {}) : null;
  const out: CaseListSamples = { http: [], app: [], floor: [], bare: [] };
  try {
    for (let i = 0; i < runs + warm; i++) {
      let t = performance.now();
      const r = await page.get();
      const ms = performance.now() - t;
      if (r.status !== 200 || (JSON.parse(r.body) as { items: unknown[] }).items.length !== 50 || r.appMs === null) throw new Error(`case list: ${r.status}`);
      if (i >= warm) {
        out.http.push(ms);
        out.app.push(r.appMs);
      }
      if (floorClient) {
        t = performance.now();
        const f = await floorClient.query(FLOOR_SQL, ['assessing']);
        const fms = performance.now() - t;
        if (f.rows.length !== 50) throw new Error('floor query');
        if (i >= warm) out.floor.push(fms);
      }
      if (bare) {
        t = performance.now();
        const b = await bare.get();
        const bms = performance.now() - t;
        if (b.status !== 200 || (JSON.parse(b.body) as { items: unknown[] }).items.length !== 50) throw new Error(`bare list: ${b.status}`);
        if (i >= warm) out.bare.push(bms);
      }
    }
  } finally {
    page.close();
    bare?.close();
    bareServer?.stop();
    await floorClient?.end();
  }
  return out;
}

/** HTTP load comes from a second process, so the client's work doesn't share the server's event loop. */
async function inClient<T>(server: Running, mode: 'transitions' | 'list', floorUrl?: string): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/http-client.ts', mode], {
    cwd: ROOT,
    env: { ...process.env, BENCH_SERVER: JSON.stringify({ url: server.url, demo: server.demo, floorUrl }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number>((r) => child.once('exit', (c) => r(c ?? 1)));
  if (code !== 0) throw new Error(`bench client (${mode}) exited ${code}`);
  return JSON.parse(out) as T;
}

async function caseList(server: Running, floorUrl: string | undefined): Promise<CaseListSamples> {
  const r = await inClient<CaseListSamples>(server, 'list', floorUrl);
  if (floorUrl) return r;
  // The embedded database lives inside the server process: its floor is read there.
  for (let i = 0; i < LIST_RUNS + LIST_WARM; i++) {
    const t = performance.now();
    const f = await server.db.query(FLOOR_SQL, ['assessing']);
    const ms = performance.now() - t;
    if (f.rows.length !== 50) throw new Error('floor query');
    if (i >= LIST_WARM) r.floor.push(ms);
  }
  return r;
}

export async function benchCore(opts: { pgUrl?: string; log: (s: string) => void }): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  // BENCH_CORE_KINDS=postgres (or pglite) narrows a run while tuning one backend.
  const kinds = ((opts.pgUrl ? ['postgres', 'pglite'] : ['pglite']) as ('pglite' | 'postgres')[]).filter((k) => !process.env.BENCH_CORE_KINDS || process.env.BENCH_CORE_KINDS.split(',').includes(k));
  for (const kind of kinds) {
    const sfx = kind === 'postgres' ? '' : '_pglite';
    const dataDir = mkdtempSync(join(tmpdir(), 'netreview-bench-'));
    const scratch = kind === 'postgres' ? await createScratchDatabase(opts.pgUrl!) : null;
    try {
      opts.log(`[core/${kind}] cold start`);
      // An installed netreview: `npm ci` ran `netreview prepare` (database image, source bundle).
      execFileSync(process.execPath, ['bin/netreview.js', 'prepare'], { cwd: ROOT, stdio: 'ignore' });
      out[`cold_start_ms${sfx}`] = await coldStart({ DATA_DIR: dataDir, ...(scratch ? { DATABASE_URL: scratch.url } : {}) });
      if (scratch) {
        await scratch.drop();
      }
      const db2 = kind === 'postgres' ? await createScratchDatabase(opts.pgUrl!) : null;
      const dir2 = mkdtempSync(join(tmpdir(), 'netreview-bench-'));
      const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir2, databaseUrl: db2?.url }, { seed: true });
      try {
        opts.log(`[core/${kind}] 1,000 transitions`);
        const t = await inClient<number[]>(server, 'transitions');
        out[`transition_p50_ms${sfx}`] = percentile(t, 50);
        out[`transition_p95_ms${sfx}`] = percentile(t, 95);
        opts.log(`[core/${kind}] 100,000 cases, list page`);
        await fillCases(server, 100_000);
        const l = await caseList(server, db2?.url);
        const floor95 = percentile(l.floor, 95);
        // The page as netreview produces it (Server-Timing: request in to response serialised, its own
        // database round trip included) against the floor as a database client sees it.
        out[`case_list_p95_ms${sfx}`] = percentile(l.app, 95);
        out[`case_list_floor_p95_ms${sfx}`] = floor95;
        out[`case_list_vs_floor${sfx}`] = round(percentile(l.app, 95) / floor95);
        // The same page as the client sees it, loopback HTTP included, and the transport floor.
        out[`case_list_http_p95_ms${sfx}`] = percentile(l.http, 95);
        out[`case_list_http_vs_floor${sfx}`] = round(percentile(l.http, 95) / floor95);
        if (l.bare.length) {
          out[`case_list_bare_http_p95_ms${sfx}`] = percentile(l.bare, 95);
          out[`case_list_http_vs_bare_http${sfx}`] = round(percentile(l.http, 95) / percentile(l.bare, 95));
        }
      } finally {
        await server.close();
        await db2?.drop();
        rmSync(dir2, { recursive: true, force: true });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  opts.log('[core] scenario');
  const s = await runScenario({ print: false });
  if (!s.ok) throw new Error(`scenario failed: ${s.failures.join('; ')}`);
  out.queries_per_request_max = s.queriesPerRequestMax;
  void randomUUID;
  return out;
}
