/**
 * Web application figures (issue 4), measured in headless Chromium on localhost against the real
 * server: the gzipped JavaScript the first page loads, and the time a case page holding 200
 * findings takes until its findings list is rendered (median of several cold loads).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../src/server.ts';
import { SESSION_COOKIE } from '../src/http/app.ts';
import { PartyClient } from '../src/scenario/client.ts';
import { percentile, round } from './stats.ts';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function benchWeb(opts: { log: (s: string) => void; findings?: number; loads?: number }): Promise<Record<string, number | string>> {
  const findings = opts.findings ?? Number(process.env.BENCH_WEB_FINDINGS ?? 200);
  const loads = opts.loads ?? 7;
  const dataDir = mkdtempSync(join(tmpdir(), 'netreview-bench-web-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir }, { seed: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const creds = new Map(server.demo!.map((d) => [d.username, d.password]));
    const party = async (u: string) => {
      const c = new PartyClient(server.url, u);
      await c.signIn(u, creds.get(u)!);
      return c;
    };

    // All JavaScript the initial route loads, as sent gzip-compressed.
    const ctx0 = await browser.newContext();
    const page0 = await ctx0.newPage();
    const scripts = new Set<string>();
    page0.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
    });
    await page0.goto(`${server.url}/`);
    await page0.waitForSelector('main h1');
    let gzipBytes = 0;
    for (const path of scripts) {
      const r = await server.app.inject({ url: path, headers: { 'accept-encoding': 'gzip' } });
      gzipBytes += r.rawPayload.length;
    }
    await ctx0.close();

    // A case holding `findings` findings, opened by the Review Office.
    const office = await party('office');
    const operator = await party('operator');
    const protection = await party('protection');
    const assessor = await party('assessor');
    const orgs = ((await office.request('GET', '/api/v1/organisations')).body as { items: { id: string; kind: string }[] }).items;
    const orgOf = (k: string) => orgs.find((o) => o.kind === k)!.id;
    const created = await operator.request('POST', '/api/v1/cases', { action: 'declare_procurement', title: 'Benchmark case', productName: 'EdgeRouter X9', sector: 'energy', systemName: 'Dispatch', supplierOrgId: orgOf('supplier') });
    const id = (created.body as { id: string }).id;
    const step = async (c: PartyClient, action: string, body: unknown = {}) => {
      const r = await c.request('POST', `/api/v1/cases/${id}/actions/${action}`, body);
      if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
    };
    await step(protection, 'determine_affects_security', { reason: 'bench' });
    await step(office, 'open');
    await step(office, 'assign_assessor', { assessorOrgId: orgOf('third_party_assessor') });
    await step(office, 'start_assessment');
    const sev = ['critical', 'high', 'medium', 'low', 'info'];
    for (let i = 0; i < findings; i++) {
      await step(assessor, 'record_finding', { category: (i % 5) + 1, severity: sev[i % 5], title: `Finding ${i + 1}`, description: `Weakness ${i + 1} found in component ${i % 17}.`, method: 'lab_testing' });
    }
    opts.log(`[bench web] case with ${findings} findings ready; ${loads} cold loads`);

    const cookie = office.sessionCookie!.split('=').slice(1).join('=');
    const url = `${server.url}/#/cases/${id}`;
    const samples: number[] = [];
    for (let i = 0; i <= loads; i++) {
      const ctx = await browser.newContext();
      await ctx.addCookies([{ name: SESSION_COOKIE, value: cookie, url: server.url }]);
      const page = await ctx.newPage();
      const t0 = performance.now();
      await page.goto(url);
      await page.waitForSelector('[data-testid=findings-list] li');
      const ms = performance.now() - t0;
      // The first load also builds the bundle on the server: a warm-up, not a sample.
      if (i > 0) samples.push(ms);
      await ctx.close();
    }
    return {
      web_js_gzip_kb: round(gzipBytes / 1024, 1),
      case_page_load_ms: percentile(samples, 50),
      case_page_load_p90_ms: percentile(samples, 90),
      case_page_findings: findings,
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
