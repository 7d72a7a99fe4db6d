import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Harness } from './harness.ts';
import { axeSerious, screenshot, signIn, signOut, startHarness } from './harness.ts';
import { CaseBuilder } from './cases-api.ts';

/** Main pages in both languages (axe + screenshots), the language switch, refusals and bad input. */
describe('web application pages', () => {
  let h: Harness;
  let cases: CaseBuilder;
  let assessingId: string;
  let triageId: string;
  let supplementId: string;
  const summary = 'NetSwitch 7 passed the cybersecurity review.';

  beforeAll(async () => {
    h = await startHarness();
    cases = await CaseBuilder.create(h);
    await cases.released('Switches for the trading floor', summary);
    assessingId = await cases.declare('Core routers for the dispatch network');
    await cases.toAssessing(assessingId);
    await cases.addFindings(assessingId, 12);
    await cases.upload(assessingId);
    triageId = await cases.declare('Firewalls for the control centre', 'FireWall Z');
    await cases.toTriage(triageId);
    supplementId = await cases.declare('Load balancers', 'LB-3');
    await cases.toAssessing(supplementId);
    await cases.act('assessor', supplementId, 'request_supplement', { request: 'Provide the SBOM.' });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function visit(page: Page, path: string, ready: string, name: string, lang: string) {
    await page.goto(`${h.base}/${path}`);
    await page.waitForSelector(ready);
    await screenshot(page, `${name}-${lang}`);
    const v = await axeSerious(page);
    expect(v, `${name} (${lang}): ${JSON.stringify(v, null, 1)}`).toEqual([]);
  }

  for (const locale of ['en-US', 'zh-CN'] as const) {
    const lang = locale === 'en-US' ? 'en' : 'zh';
    it(`every main page passes axe (no serious/critical) in ${lang}, with screenshots`, async () => {
      const ctx = await h.context(locale);
      const page = await ctx.newPage();
      await visit(page, '#/register', '[data-testid=register-list]', 'register', lang);
      expect(await page.getAttribute('html', 'lang')).toBe(locale === 'en-US' ? 'en' : 'zh-CN');
      await visit(page, '#/report', '#report-title', 'report-concern', lang);
      await visit(page, '#/signin', '#signin-username', 'sign-in', lang);
      await signIn(page, h, 'office');
      await visit(page, '#/dashboard', '[data-testid=findings-matrix]', 'dashboard', lang);
      await visit(page, '#/cases', '[data-testid=cases-table]', 'cases', lang);
      await visit(page, `#/cases/${assessingId}`, '[data-testid=findings-list]', 'case-office', lang);
      await page.click('[data-testid=action-buttons] button[data-action=assign_expert]');
      await page.waitForSelector('#act-assign_expert-expertUserId option:nth-child(3)', { state: 'attached' });
      await screenshot(page, `case-action-form-${lang}`);
      expect(await axeSerious(page)).toEqual([]);
      await signOut(page);
      await signIn(page, h, 'supplier');
      await visit(page, `#/cases/${supplementId}`, 'form.upload', 'case-supplier', lang);
      await signOut(page);
      await signIn(page, h, 'operator');
      await visit(page, '#/cases/new?action=declare_procurement', '#create-supplierOrgId', 'declare', lang);
      await signOut(page);
      await signIn(page, h, 'protection');
      await visit(page, '#/cases?state=determination', 'h1', 'determinations', lang);
    });
  }

  it('switches language at any time and remembers the choice', async () => {
    const ctx: BrowserContext = await h.context('en-US');
    const page = await ctx.newPage();
    await page.goto(`${h.base}/#/register`);
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe('Register of released review results');
    await page.click('button[data-lang=zh-CN]');
    expect(await page.textContent('h1')).toBe('已发布审查结果公示');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.getAttribute('button[data-lang=zh-CN]', 'aria-pressed')).toBe('true');
    await page.reload();
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe('已发布审查结果公示');
    // Server answers follow the choice too: a failed sign-in is explained in Chinese.
    await page.goto(`${h.base}/#/signin`);
    await page.fill('#signin-username', 'office');
    await page.fill('#signin-password', 'wrong password');
    await page.click('form.spec-form button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('用户名或密码错误');
    await page.click('button[data-lang=en]');
    expect(await page.textContent('h1')).toBe('Sign in');
  });

  it('public register and the Art. 8 report form work without signing in', async () => {
    const page = await (await h.context('en-US')).newPage();
    await page.goto(`${h.base}/`);
    await page.waitForSelector(`[data-testid=register-list] >> text=${summary}`);
    expect(await page.textContent('[data-testid=register-list]')).toContain('Passed');
    await page.click('a[href="#/report"]');
    await page.click('form.spec-form button[type=submit]');
    // Checked as the API checks: the required fields are named next to them, nothing was sent.
    expect(await page.getAttribute('#report-productName', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#report-productName-err')).toBe('Required.');
    expect(await page.textContent('#report-title-err')).toBe('Required.');
    await page.fill('#report-productName', 'CamHub 2');
    await page.fill('#report-title', 'Camera sends video to an unknown server');
    await page.click('form.spec-form button[type=submit]');
    expect(await (await page.waitForSelector('[data-testid=report-done]')).textContent()).toMatch(/NR-\d{4}-\d+/);
  });

  it('a refused action shows the server’s reason and changes nothing', async () => {
    const page = await (await h.context('en-US')).newPage();
    await signIn(page, h, 'office');
    await page.goto(`${h.base}/#/cases/${triageId}`);
    await page.click('[data-testid=action-buttons] button[data-action=decline]');
    await page.fill('#act-decline-reason', 'Not in scope.');
    // Meanwhile a colleague opens the review: the page's offer is stale, the server refuses it.
    await cases.act('office', triageId, 'open');
    await page.click('#action-form button[type=submit]');
    const alert = await page.waitForSelector('#action-form [role=alert]');
    expect(await alert.textContent()).toContain('not legal in the case’s current state');
    const r = await cases.party('office').request('GET', `/api/v1/cases/${triageId}`);
    expect((r.body as { state: string }).state).toBe('planning');
    await screenshot(page, 'refused-action-en');
  });

  it('an upload with bad input is refused field by field, client- and server-side', async () => {
    const page = await (await h.context('en-US')).newPage();
    await signIn(page, h, 'supplier');
    await page.goto(`${h.base}/#/cases/${supplementId}`);
    await page.waitForSelector('form.upload');
    await page.click('form.upload button[type=submit]');
    expect(await page.textContent('#upload-file-err')).toBe('Choose a file.');
    expect(await page.textContent('#upload-authenticityStatement-err')).toBe('Required.');
    await page.setInputFiles('#upload-file', { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await page.fill('#upload-authenticityStatement', 'short');
    await page.selectOption('#upload-kind', 'documentation');
    await page.click('form.upload button[type=submit]');
    expect(await page.textContent('#upload-file-err')).toBe('The file is empty.');
    expect(await page.textContent('#upload-authenticityStatement-err')).toBe('At least 10 characters.');
    // A client out of step with the API: the server's field errors land next to the field.
    await page.setInputFiles('#upload-file', { name: 'manual.txt', mimeType: 'text/plain', buffer: Buffer.from('user manual') });
    expect(await page.inputValue('#upload-filename')).toBe('manual.txt');
    await page.fill('#upload-authenticityStatement', 'We warrant this material is authentic.');
    await page.route('**/materials?*', (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('kind', 'brochure');
      return route.continue({ url: url.toString() });
    });
    await page.click('form.upload button[type=submit]');
    expect(await (await page.waitForSelector('#upload-kind-err')).textContent()).toBe('Refused by the server: Not one of the allowed values.');
    expect(await page.textContent('form.upload [role=alert]')).toContain('The request is not valid');
    await page.unroute('**/materials?*');
    const r = await cases.party('supplier').request('GET', `/api/v1/cases/${supplementId}`);
    expect((r.body as { materials: unknown[] }).materials).toEqual([]);
    await screenshot(page, 'upload-bad-input-en');
  });
});
