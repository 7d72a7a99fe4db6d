import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Harness } from './harness.ts';
import { act, axeSerious, openCaseAs, screenshot, signIn, signOut, startHarness } from './harness.ts';

/**
 * One case through the whole lifecycle in the UI, each step taken by the party the Measures give
 * it to, switching users in one browser tab; ends with the public register showing the summary.
 */
describe('a case through its whole lifecycle in the browser', () => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    h = await startHarness();
    page = await (await h.context('en-US')).newPage();
  });
  afterAll(async () => {
    await h?.close();
  });

  const as = (user: string, caseUrl: string) => openCaseAs(page, h, user, caseUrl);
  const stateIs = (s: string) => page.waitForSelector(`[data-testid=case-page][data-state=${s}]`);

  it('declare → determination → triage → planning → assessing → supplement → expert opinion → decision → release → register', async () => {
    // CII operator declares the procurement (Art. 10).
    await signIn(page, h, 'operator');
    await page.click('a[href="#/cases/new?action=declare_procurement"]');
    await page.fill('#create-title', 'Core routers for the dispatch network');
    await page.fill('#create-productName', 'EdgeRouter X9');
    await page.fill('#create-productVersion', '4.2.1');
    expect(await page.inputValue('#create-sector')).toBe('energy');
    await page.fill('#create-systemName', 'Provincial dispatch control network');
    await page.selectOption('#create-supplierOrgId', { index: 1 });
    await page.click('form.spec-form button[type=submit]');
    await stateIs('determination');
    const caseUrl = page.url();
    expect(caseUrl).toMatch(/#\/cases\/[0-9a-f-]{36}$/);
    // The operator sees no determination button: only what its abilities allow.
    expect(await page.$('button[data-action=determine_affects_security]')).toBeNull();

    // The protection department finds it in its determinations queue.
    await signOut(page);
    await signIn(page, h, 'protection');
    await page.click('a[href="#/cases?state=determination"]');
    await page.click('[data-testid=cases-table] a');
    await page.waitForSelector('[data-testid=case-page]');
    await act(page, 'determine_affects_security', { reason: 'Core routing for CII dispatch.' });
    await stateIs('triage');

    await as('office', caseUrl);
    await act(page, 'open', { note: 'Review opened.' });
    await stateIs('planning');
    await act(page, 'assign_assessor', { assessorOrgId: { index: 1 } });
    await act(page, 'assign_expert', { expertUserId: { label: '专家 陈静 / Chen Jing' } });
    await act(page, 'assign_expert', { expertUserId: { label: '专家 赵磊 / Zhao Lei' } });
    await act(page, 'start_assessment');
    await stateIs('assessing');

    await as('assessor', caseUrl);
    // Art. 12: the assessor accepts the confidentiality undertaking before it sees findings or material.
    await page.click('text=I accept the undertaking');
    await page.waitForSelector('#undertaking-h', { state: 'detached' });
    await act(page, 'record_finding', { category: '2', severity: 'high', title: 'Unsigned firmware update channel', method: 'lab_testing' });
    await page.waitForSelector('[data-testid=findings-list] >> text=Unsigned firmware update channel');
    await act(page, 'request_supplement', { request: 'Provide the SBOM of firmware 4.2.1.' });
    await stateIs('awaiting_supplement');

    await as('supplier', caseUrl);
    await page.setInputFiles('#upload-file', { name: 'edgerouter.cdx.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [] })) });
    expect(await page.inputValue('#upload-filename')).toBe('edgerouter.cdx.json');
    await page.selectOption('#upload-kind', 'sbom');
    await page.fill('#upload-authenticityStatement', 'We warrant this material is authentic and complete.');
    await page.click('form.upload button[type=submit]');
    await page.waitForSelector('[data-testid=upload-done]');
    expect(await page.getAttribute('[data-testid=upload-progress]', 'value')).toBe('100');
    await page.waitForSelector('[data-testid=materials-table] >> text=edgerouter.cdx.json');
    await act(page, 'provide_supplement', { note: 'SBOM uploaded.' });
    await stateIs('assessing');

    await as('assessor', caseUrl);
    const link = await page.waitForSelector('[data-testid=materials-table] a');
    const body = await page.evaluate(async (href) => (await fetch(href)).text(), (await link.getAttribute('href'))!);
    expect(body).toContain('CycloneDX');
    await act(page, 'submit_assessment', { summary: 'One supply-chain finding.' });
    await stateIs('expert_evaluation');

    await as('supplier', caseUrl);
    await page.waitForSelector('[data-testid=material-reads] >> text=edgerouter.cdx.json');

    for (const expert of ['expert1', 'expert2']) {
      await as(expert, caseUrl);
      await act(page, 'give_opinion', { recommendation: 'passed_with_conditions', opinion: 'Acceptable once updates are signed.' });
    }

    await as('office', caseUrl);
    await act(page, 'decide', { outcome: 'passed_with_conditions', decisionText: 'Passed on condition that firmware updates are signed.' });
    await stateIs('decided');
    await act(page, 'release', { scopeKind: 'public', publicSummary: 'EdgeRouter X9 4.2.1 passed with conditions.' });
    await stateIs('released');
    // The timeline cites an article for every step.
    const entries = await page.$$eval('[data-testid=timeline] li', (lis) => lis.map((li) => li.querySelector('.articles')?.textContent ?? ''));
    expect(entries.length).toBeGreaterThanOrEqual(14);
    expect(entries.filter((e) => !/Art\. \d+/.test(e))).toEqual([]);
    await screenshot(page, 'case-released-en');
    expect(await axeSerious(page)).toEqual([]);

    await signOut(page);
    await page.goto(`${h.base}/#/register`);
    await page.waitForSelector('[data-testid=register-list] >> text=EdgeRouter X9 4.2.1 passed with conditions.');
    expect(await page.textContent('[data-testid=register-list]')).not.toContain('firmware updates are signed');
  });
});
