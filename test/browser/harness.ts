import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../src/server.ts';
import type { Running } from '../../src/server.ts';
import { PartyClient } from '../../src/scenario/client.ts';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const RESULTS_DIR = join(process.cwd(), 'test-results');

export interface Harness {
  server: Running;
  browser: Browser;
  base: string;
  password(username: string): string;
  /** An API client signed in as a demo user (for setting up cases quickly). */
  party(username: string): Promise<PartyClient>;
  /** A fresh browser context; CSP is bypassed only so axe-core can be injected. */
  context(locale: 'en-US' | 'zh-CN'): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** The real server on a free port with a fresh embedded database, and Debian's Chromium. */
export async function startHarness(): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'netreview-browser-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir }, { seed: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const creds = new Map(server.demo!.map((d) => [d.username, d.password]));
  const contexts: BrowserContext[] = [];
  mkdirSync(RESULTS_DIR, { recursive: true });
  return {
    server,
    browser,
    base: server.url,
    password: (u) => creds.get(u)!,
    async party(u) {
      const c = new PartyClient(server.url, u);
      const r = await c.signIn(u, creds.get(u)!);
      if (r.status !== 200) throw new Error(`sign-in of ${u} failed: ${r.status}`);
      return c;
    },
    async context(locale) {
      const ctx = await browser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 900 } });
      contexts.push(ctx);
      return ctx;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, h: Harness, username: string): Promise<void> {
  await page.goto(`${h.base}/#/signin`);
  await page.fill('#signin-username', username);
  await page.fill('#signin-password', h.password(username));
  await page.click('form.spec-form button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
}

export async function signOut(page: Page): Promise<void> {
  await page.click('[data-testid=sign-out]');
  await page.waitForSelector('.user-box a.button');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Opens a case page as `username`, signing whoever is signed in out first. */
export async function openCaseAs(page: Page, h: Harness, username: string, caseUrl: string): Promise<void> {
  if (await page.$('[data-testid=sign-out]')) await signOut(page);
  await signIn(page, h, username);
  await page.goto(caseUrl);
  await page.waitForSelector('[data-testid=case-page]');
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the page; returns the serious and critical violations only. */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // The served CJK font loads with font-display: swap; wait for it so Chinese text is not boxes.
  await page.evaluate(async () => {
    await document.fonts.load('16px "Netreview Noto Sans SC"', '中文').catch(() => undefined);
    await document.fonts.ready;
    // Chromium keeps boxes in some runs laid out while the font was still loading: rebuild layout.
    document.body.style.display = 'none';
    void document.body.offsetHeight;
    document.body.style.display = '';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/** Opens a lifecycle action's form, fills it and submits; waits for the page to show it done. */
export async function act(page: Page, action: string, fields: Record<string, string | { index: number } | { label: string }> = {}): Promise<void> {
  await page.click(`[data-testid=action-buttons] button[data-action=${action}]`);
  for (const [name, value] of Object.entries(fields)) {
    const sel = `#act-${action}-${name}`;
    const tag = await page.$eval(sel, (el) => el.tagName);
    if (tag === 'SELECT') await page.selectOption(sel, value);
    else await page.fill(sel, value as string);
  }
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/actions/${action}`));
  const reloaded = page.waitForResponse((r) => r.request().method() === 'GET' && /^\/api\/v1\/cases\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname));
  await page.click('#action-form button[type=submit]');
  const res = await posted;
  if (res.status() !== 200) throw new Error(`${action} refused: ${res.status()} ${await res.text()}`);
  await reloaded;
  await page.waitForSelector('[data-testid=notice]');
}
