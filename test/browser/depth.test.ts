import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Harness } from './harness.ts';
import { axeSerious, openCaseAs, screenshot, startHarness } from './harness.ts';
import { CaseBuilder } from './cases-api.ts';
import { osvRecord } from '../factories-supply-chain.ts';

/**
 * The depth screens of the case page: an Experts Committee round (Art. 6) — formed by the Office,
 * scored by three experts whose scores stay sealed until all are in — the signed comprehensive
 * assessment, and a decision whose reasons cite articles and whose condition is tracked (Art. 8).
 */
describe('experts panel and decision detail in the browser', () => {
  let h: Harness;
  let cases: CaseBuilder;
  let page: Page;
  beforeAll(async () => {
    h = await startHarness();
    cases = await CaseBuilder.create(h);
    page = await (await h.context('en-US')).newPage();
  });
  afterAll(async () => {
    await h?.close();
  });

  const as = (user: string, caseUrl: string) => openCaseAs(page, h, user, caseUrl);
  const progress = async () => {
    const el = await page.waitForSelector('[data-testid=panel-progress]');
    return { text: (await el.textContent()) ?? '', revealed: await el.getAttribute('data-revealed') };
  };
  const score = async (sheet: number[], trust: number, rationale: string) => {
    for (const [i, v] of sheet.entries()) await page.selectOption(`#score-${i + 1}`, String(v));
    await page.selectOption('#score-trustworthiness', String(trust));
    await page.fill('#score-rationale', rationale);
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/panel/scores'));
    await page.click('#score-h ~ form button[type=submit]');
    expect((await posted).status()).toBe(200);
    await page.waitForSelector('#score-h', { state: 'detached' });
  };

  it('office forms the panel; three experts score sealed, then revealed; office signs; decision with a condition tracked to closure', async () => {
    const id = await cases.declare('Panel round: core switches', 'CoreSwitch S7');
    await cases.toAssessing(id);
    await cases.addFindings(id, 3);
    await cases.act('assessor', id, 'submit_assessment', { summary: 'Three findings.' });
    const caseUrl = `${h.base}/#/cases/${id}`;

    // The Office forms the panel from the Experts Committee list.
    await as('office', caseUrl);
    await page.waitForSelector('[data-testid=panel-missing]');
    const experts = await page.$$eval('#panel-form-expertUserIds option', (os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    const pick = ['Chen Jing', 'Zhao Lei'].map((n) => experts.find((e) => e.text.includes(n))!.value);
    const third = experts.find((e) => !pick.includes(e.value))!.value;
    // Fewer than the quorum is refused by the server, with the reason beside the field.
    await page.selectOption('#panel-form-expertUserIds', pick.slice(0, 1));
    await page.click('#panel-form-h ~ form button[type=submit]');
    await page.waitForSelector('#panel-form-expertUserIds-err');
    expect(await page.textContent('#panel-form-expertUserIds-err')).toContain('quorum is 3');
    await page.selectOption('#panel-form-expertUserIds', [...pick, third]);
    await page.click('#panel-form-h ~ form button[type=submit]');
    expect((await progress()).text).toContain('0 of 3 scored');
    // Nothing to sign yet: the button is disabled and says why.
    expect(await page.isDisabled('[data-testid=panel-sign]')).toBe(true);
    expect(await page.textContent('#sign-blocker')).toContain('0 of 3');

    const usernames = ['expert1', 'expert2', 'expert3'];
    const sheets = [
      { s: [4, 7, 3, 2, 3], t: 6, r: 'The update channel is the main supply-chain risk.' },
      { s: [5, 6, 3, 2, 2], t: 6, r: 'Remote maintenance must be off by default.' },
      { s: [4, 1, 4, 3, 3], t: 5, r: 'Category 2 is well mitigated in my view.' },
    ];
    for (const [i, u] of usernames.entries()) {
      await as(u, caseUrl);
      const before = await progress();
      expect(before.text).toContain(`${i} of 3 scored`);
      expect(before.revealed).toBe('false');
      // Sealed: nobody sees another member's sheet.
      expect(await page.$('[data-testid=panel-sheets]')).toBeNull();
      expect(await page.$('[data-testid=panel-aggregates]')).toBeNull();
      // The scale comes from the regime: 0–10 for each category.
      expect(await page.$$eval('#score-1 option', (os) => os.length)).toBe(12);
      await score(sheets[i]!.s, sheets[i]!.t, sheets[i]!.r);
      if (i < 2) {
        const after = await progress();
        expect(after.text).toContain(`${i + 1} of 3 scored`);
        expect(after.revealed).toBe('false');
        // Only the viewer's own sheet is shown while sealed.
        const rows = await page.$$eval('[data-testid=panel-sheets] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
        expect(rows).toHaveLength(1);
        expect(rows[0]).toContain(sheets[i]!.r);
        if (i === 0) await screenshot(page, 'panel-sealed-en');
      }
    }
    // All in: revealed with aggregates; category 2 (7, 6, 1) is flagged as dispersed.
    const done = await progress();
    expect(done.revealed).toBe('true');
    expect(await page.$$eval('[data-testid=panel-sheets] tbody tr', (trs) => trs.length)).toBe(3);
    const dispersed = await page.$$eval('[data-testid=panel-aggregates] tbody tr.dispersed th', (ths) => ths.map((th) => th.textContent ?? ''));
    expect(dispersed).toHaveLength(1);
    expect(dispersed[0]).toMatch(/^2\. /);
    await page.click('[data-testid=dissent-open]');
    await page.fill('#dissent-text', 'I rate the update channel risk far lower than my colleagues.');
    await page.click('#dissent-region button[type=submit]');
    await page.waitForSelector('[data-testid=panel-dissents] >> text=far lower than my colleagues');

    // The Office signs the comprehensive assessment.
    await as('office', caseUrl);
    await page.click('[data-testid=panel-sign]');
    await page.waitForSelector('[data-testid=panel-signed]');
    expect(await page.textContent('[data-testid=panel-signed]')).toMatch(/Key id: \S+/);
    expect(await page.$('[data-testid=panel-sign]')).toBeNull();
    await screenshot(page, 'panel-revealed-en');
    expect(await axeSerious(page)).toEqual([]);

    // Decision with a reason citing articles and a condition (Art. 8); half a reason is refused first.
    await page.click('[data-testid=action-buttons] button[data-action=decide]');
    await page.selectOption('#act-decide-outcome', 'passed_with_conditions');
    await page.fill('#act-decide-decisionText', 'Passed on condition that firmware updates are signed.');
    await page.fill('#act-decide-reasons', 'The panel rated the update channel risk high.');
    await page.click('#action-form button[type=submit]');
    await page.waitForSelector('#act-decide-articles-err');
    await page.selectOption('#act-decide-articles', ['4', '6']);
    await page.fill('#act-decide-conditions', 'Serve only signed firmware updates from domestic mirrors.');
    await page.selectOption('#act-decide-ownerOrgId', cases.orgOf('supplier'));
    const due = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('#act-decide-dueDate', due);
    await page.click('#action-form button[type=submit]');
    await page.waitForSelector('[data-testid=case-page][data-state=decided]');
    const reasons = await page.waitForSelector('[data-testid=decision-reasons]');
    expect(await reasons.textContent()).toContain('Art. 4, Art. 6');
    const condition = await page.waitForSelector('[data-testid=decision-conditions] tbody tr');
    expect(await condition.getAttribute('data-status')).toBe('open');
    expect(await condition.textContent()).toContain('domestic mirrors');

    // The condition is tracked to closure.
    await page.click('[data-testid=condition-update]');
    await page.selectOption('#condition-status', 'met');
    await page.fill('#condition-note', 'Signed updates verified on the domestic mirror.');
    await page.click('#condition-form button[type=submit]');
    await page.waitForSelector('[data-testid=decision-conditions] tbody tr[data-status=met]');
    expect(await page.textContent('[data-testid=decision-conditions]')).toContain('Signed updates verified');
    expect(await page.$('[data-testid=condition-update]')).toBeNull();

    // Art. 13: the Office generates the signed report; PDF and JSON download, with key id and signed-at.
    await page.click('[data-testid=report-generate]');
    const row = await page.waitForSelector('[data-testid=reports-table] tbody tr');
    expect(await row.textContent()).toMatch(/[A-Za-z0-9-]{6,}/);
    const files = await row.$$eval('a', (as) => as.map((a) => a.getAttribute('href')!));
    expect(files.map((f) => f.split('.').pop())).toEqual(['pdf', 'json']);
    const head = await page.evaluate(async (href) => new TextDecoder().decode((await (await fetch(href)).arrayBuffer()).slice(0, 5)), files[0]!);
    expect(head).toBe('%PDF-');
    await screenshot(page, 'decision-detail-en');
    expect(await axeSerious(page)).toEqual([]);

    // The same sections in Chinese.
    await page.click('button[data-lang=zh-CN]');
    await page.waitForSelector('text=专家委员会评议组');
    expect(await page.textContent('[data-testid=panel-progress]')).toContain('已评分 3 / 3');
    expect(await page.textContent('[data-testid=decision-conditions]')).toContain('已满足');
    await screenshot(page, 'panel-decision-zh');
    expect(await axeSerious(page)).toEqual([]);
    await page.click('button[data-lang=en]');

    // The supplier holds no panel role: it sees the decision, not the panel.
    await as('supplier', caseUrl);
    await page.waitForSelector('[data-testid=decision-conditions]');
    expect(await page.$('[data-testid=expert-panel]')).toBeNull();
    expect(await page.$('[data-testid=condition-update]')).toBeNull();
  });

  it('assessor plans an activity, adds evidence (sha256, custody), imports SARIF (bad then good), moves a finding and cites a clause; OSCAL links', async () => {
    const id = await cases.declare('Assessment depth: firewall', 'GuardWall F2');
    await cases.toAssessing(id);
    const undertaking = await cases.party('assessor').request('POST', `/api/v1/cases/${id}/undertaking`);
    expect(undertaking.status).toBe(200);
    const caseUrl = `${h.base}/#/cases/${id}`;
    await as('assessor', caseUrl);
    await page.waitForSelector('[data-testid=assessment-plan]');

    await page.selectOption('#plan-method', 'lab_test');
    await page.fill('#plan-title', 'Update channel and TLS test');
    await page.fill('#plan-scope', 'Firmware download, signature check and management TLS.');
    await page.click('#plan-form-h ~ form button[type=submit]');
    await page.waitForSelector('[data-testid=activities] >> text=Update channel and TLS test');
    // The activity starts: only the statuses its table allows next are offered.
    await page.click('[data-testid=activity-update]');
    expect(await page.$$eval('#activity-status option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean))).toEqual(['in_progress', 'cancelled']);
    await page.selectOption('#activity-status', 'in_progress');
    await page.fill('#activity-actualStart', new Date().toISOString().slice(0, 10));
    await page.click('#activity-form button[type=submit]');
    await page.waitForSelector('[data-testid=activities] tr[data-status=in_progress]');

    const log = Buffer.from('2026-01-10T08:00Z GET http://cdn.example.net/fw/f2.bin 200 (no signature file)\n');
    const sha = createHash('sha256').update(log).digest('hex');
    await page.setInputFiles('#evidence-file', { name: 'update-channel.log', mimeType: 'text/plain', buffer: log });
    expect(await page.inputValue('#evidence-filename')).toBe('update-channel.log');
    await page.selectOption('#evidence-kind', 'log');
    await page.selectOption('#evidence-activityId', { index: 1 });
    await page.click('[data-testid=evidence-form] button[type=submit]');
    const done = await page.waitForSelector('[data-testid=evidence-done]');
    expect(await done.textContent()).toContain(sha);
    expect(await done.textContent()).toContain('matches');
    expect(await page.getAttribute('[data-testid=evidence-progress]', 'value')).toBe('100');
    await page.waitForSelector(`[data-testid=evidence-table] >> text=${sha}`);
    await page.click('[data-testid=evidence-table] button:has-text("Custody log")');
    expect(await (await page.waitForSelector('[data-testid=custody-log]')).textContent()).toContain('Added');

    // A file that is not a SARIF 2.1.0 log: refused, each problem named with its place in the file.
    await page.setInputFiles('#sarif-file', { name: 'old.sarif', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: '2.0.0', runs: [] })) });
    await page.click('[data-testid=sarif-form] button[type=submit]');
    const docErrors = await page.waitForSelector('[data-testid=sarif-doc-errors]');
    expect(await docErrors.textContent()).toContain('/version');
    const sarif = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'FirmwareScan', version: '2.3.0', rules: [{ id: 'FW-TLS-001', defaultConfiguration: { level: 'error' } }] } },
          results: [{ ruleId: 'FW-TLS-001', level: 'error', message: { text: 'Management interface accepts TLS_RSA_WITH_3DES_EDE_CBC_SHA.' } }],
        },
      ],
    };
    await page.setInputFiles('#sarif-file', { name: 'scan.sarif', mimeType: 'application/sarif+json', buffer: Buffer.from(JSON.stringify(sarif)) });
    await page.click('[data-testid=sarif-form] button[type=submit]');
    expect(await (await page.waitForSelector('[data-testid=sarif-done]')).textContent()).toContain('Imported 1 findings from FirmwareScan');
    const item = await page.waitForSelector('[data-testid=findings-list] li:has-text("3DES")');

    // Only the moves the server lists for this viewer are offered.
    await (await item.$('[data-testid=finding-details]'))!.click();
    const detail = await page.waitForSelector('[data-testid=finding-detail]');
    const offered = await detail.$$eval('select[name=status] option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(offered.sort()).toEqual(['closed', 'mitigating']);
    await (await detail.$('select[name=status]'))!.selectOption('mitigating');
    await (await detail.$('textarea[name=reason]'))!.fill('Vendor is removing 3DES from the cipher list.');
    await (await detail.$('form:has(select[name=status]) button[type=submit]'))!.click();
    await page.waitForSelector('[data-testid=finding-history] >> text=Vendor is removing 3DES');

    // Clause citation: an unknown clause is refused beside the field; a real one is cited.
    const cat = await page.waitForSelector('[data-testid=finding-detail] select[id$=-catalogueId]');
    const catalogues = await cat.$$eval('option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(catalogues).toContain('gbt-36637-2018');
    await cat.selectOption('gbt-36637-2018');
    const clause = (await page.$('[data-testid=finding-detail] input[id$=-clauseId]'))!;
    await clause.fill('no-such-clause');
    await page.click('[data-testid=finding-detail] form:has(input[id$=-clauseId]) button[type=submit]');
    expect(await (await page.waitForSelector('[data-testid=finding-detail] [id$=-clauseId-err]')).textContent()).toContain('no-such-clause');
    await clause.fill('sA.1');
    await page.click('[data-testid=finding-detail] form:has(input[id$=-clauseId]) button[type=submit]');
    await page.waitForSelector('[data-testid=finding-clauses] >> text=gbt-36637-2018');

    // OSCAL out: three download links; the results document is real OSCAL.
    const links = await page.$$eval('[data-testid=oscal-links] a', (as) => as.map((a) => a.getAttribute('href')!));
    expect(links.map((l) => l.split('/').pop())).toEqual(['assessment-plan', 'assessment-results', 'poam']);
    const results = await page.evaluate(async (href) => (await fetch(href)).json(), links[1]!);
    expect(Object.keys(results as object)).toEqual(['assessment-results']);

    // An information request with a due date (the case clock pauses while it is open).
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await cases.act('assessor', id, 'request_supplement', { request: 'Provide the cipher configuration of firmware F2.', dueDate: due });
    await page.reload();
    const requests = await page.waitForSelector('[data-testid=information-requests] li[data-overdue=false]');
    expect(await requests.textContent()).toContain('due ');
    await page.waitForSelector('[data-testid=assessment-plan]');

    await screenshot(page, 'assessment-plan-en');
    expect(await axeSerious(page)).toEqual([]);
    await page.click('button[data-lang=zh-CN]');
    await page.waitForSelector('text=评估计划');
    await screenshot(page, 'assessment-plan-zh');
    expect(await axeSerious(page)).toEqual([]);
    await page.click('button[data-lang=en]');
  });

  it('office sets the case scope and draws the assessor (seed, eligible, pick); suspends its accreditation; resolves the flag', async () => {
    const id = await cases.declare('Assignment depth: gateway', 'GateX G1');
    await cases.toTriage(id);
    await cases.act('office', id, 'open');
    const caseUrl = `${h.base}/#/cases/${id}`;
    await as('office', caseUrl);
    await page.waitForSelector('[data-testid=assignment]');
    await page.selectOption('#scope-productCategory', 'network_equipment');
    await page.selectOption('#scope-assessmentMethods', ['lab_testing']);
    await page.click('#scope-h ~ form button[type=submit]');
    expect(await (await page.waitForSelector('[data-testid=scope-set]')).textContent()).toContain('Network equipment');
    await page.click('[data-testid=assessor-draw]');
    await page.waitForSelector('[data-testid=draws]');
    expect(await page.textContent('[data-testid=draw-verdict]')).toContain('Reproduced');
    expect(await page.textContent('[data-testid=draw-seed]')).toMatch(/\S{8,}/);
    const pick = (await page.textContent('[data-testid=draw-pick]'))!.trim();
    expect(await page.textContent('[data-testid=draw-eligible]')).toContain(`${pick} ← picked`);
    // The drawn assessor is now the case's; there is nothing left to draw.
    await page.waitForSelector('[data-testid=assessor-draw]', { state: 'detached' });
    await screenshot(page, 'assignment-draw-en');
    expect(await axeSerious(page)).toEqual([]);

    // Art. 7: suspending the pick's accreditation flags its open case for the Office.
    await page.click('a[href="#/accreditations"]');
    const row = await page.waitForSelector(`[data-testid=accreditations] tbody tr:has(th:text-is("${pick}"))[data-status=active]`);
    const accId = (await row.getAttribute('data-accreditation'))!;
    expect(await row.$$eval('button[data-action]', (bs) => bs.map((b) => b.getAttribute('data-action')))).toEqual(['suspend', 'revoke']);
    await (await row.$('button[data-action=suspend]'))!.click();
    await page.click('#accr-change button[type=submit]');
    await page.waitForSelector('#accr-change-reason-err');
    await page.fill('#accr-change-reason', 'Lab certificate lapsed; under investigation.');
    await page.click('#accr-change button[type=submit]');
    const suspended = await page.waitForSelector(`tr[data-accreditation="${accId}"][data-status=suspended]`);
    expect(await suspended.$$eval('button[data-action]', (bs) => bs.map((b) => b.getAttribute('data-action')))).toEqual(['reinstate', 'revoke']);
    expect(await suspended.textContent()).toContain('Lab certificate lapsed');
    await screenshot(page, 'accreditations-en');
    expect(await axeSerious(page)).toEqual([]);
    await page.click('button[data-lang=zh-CN]');
    await page.waitForSelector('text=第三方机构认可名录');
    await screenshot(page, 'accreditations-zh');
    expect(await axeSerious(page)).toEqual([]);
    await page.click('button[data-lang=en]');
    await (await page.waitForSelector(`tr[data-accreditation="${accId}"] button[data-action=reinstate]`)).click();
    await page.fill('#accr-change-reason', 'Certificate renewed.');
    await page.click('#accr-change button[type=submit]');
    await page.waitForSelector(`tr[data-accreditation="${accId}"][data-status=active]`);

    await page.goto(caseUrl);
    const flag = await page.waitForSelector('[data-testid=case-flags] li[data-resolved=false]');
    expect(await flag.textContent()).toContain('accreditation suspended');
    await (await flag.$('button'))!.click();
    await page.fill('[data-testid=case-flags] textarea[name=note]', 'Accreditation reinstated; the assessor stays.');
    await page.click('[data-testid=case-flags] button[type=submit]');
    await page.waitForSelector('[data-testid=case-flags] li[data-resolved=true]');

    // A new accreditation, granted from the registry page (the form validates as the API does).
    await page.click('a[href="#/accreditations"]');
    await page.waitForSelector('[data-testid=accreditations] tbody tr');
    const before = await page.$$eval('[data-testid=accreditations] tbody tr', (trs) => trs.length);
    await page.click('#accr-grant-h ~ form button[type=submit]');
    await page.waitForSelector('#accr-grant-orgId-err');
    await page.selectOption('#accr-grant-orgId', { label: pick });
    await page.selectOption('#accr-grant-productCategories', ['cloud_service', 'application_software']);
    await page.selectOption('#accr-grant-methods', ['online_monitoring']);
    await page.fill('#accr-grant-validFrom', '2026-01-01');
    await page.fill('#accr-grant-validTo', '2028-12-31');
    await page.fill('#accr-grant-reason', 'Certificate CNAS-2026-017.');
    await page.click('#accr-grant-h ~ form button[type=submit]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=accreditations] tbody tr').length === n + 1, before);
    expect(await page.textContent('[data-testid=accreditations]')).toContain('Cloud computing services');
  });

  it('supplier registers a key, signs a commitment offline (a forged one refused) and files a complaint citing its access log', async () => {
    const id = await cases.declare('Supplier depth: switch', 'SwitchY Y3');
    await cases.toAssessing(id);
    await cases.upload(id);
    const assessor = cases.party('assessor');
    expect((await assessor.request('POST', `/api/v1/cases/${id}/undertaking`)).status).toBe(200);
    const materials = (await assessor.request('GET', `/api/v1/cases/${id}`)).body as { materials: { id: string }[] };
    expect((await assessor.request('GET', `/api/v1/cases/${id}/materials/${materials.materials[0]!.id}/content`)).status).toBe(200);
    const caseUrl = `${h.base}/#/cases/${id}`;
    await as('supplier', caseUrl);
    await page.waitForSelector('[data-testid=commitments]');

    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    await page.fill('#key-label', 'Compliance key 2026');
    await page.fill('#key-publicKeyPem', publicKey.export({ format: 'pem', type: 'spki' }).toString());
    await page.click('#key-h ~ form button[type=submit]');
    const keyId = (await (await page.waitForSelector('[data-testid=key-registered] code')).textContent())!;
    expect(keyId).toMatch(/^[0-9a-f]{64}$/);

    await page.selectOption('#commit-template', 'no_hidden_control');
    await page.click('[data-testid=commit-prepare]');
    const canonical = (await (await page.waitForSelector('[data-testid=canonical]')).textContent())!;
    expect(JSON.parse(canonical)).toMatchObject({ templateId: 'no_hidden_control', caseId: id, product: 'SwitchY Y3 4.2.1' });
    expect(await page.inputValue('#commit-keyId')).toBe(keyId);
    // A signature over other bytes (the date altered) is refused and nothing is recorded.
    const forged = sign(null, Buffer.from(canonical.replace(/"signedAt":"[^"]+"/, '"signedAt":"2020-01-01T00:00:00Z"')), privateKey).toString('base64');
    await page.fill('#commit-signature', forged);
    await page.click('#sign-h ~ form button[type=submit]');
    await page.waitForSelector('#sign-h ~ [role=alert], #sign-h ~ form [role=alert]');
    expect(await page.$('[data-testid=commitment-list]')).toBeNull();
    await page.fill('#commit-signature', sign(null, Buffer.from(canonical), privateKey).toString('base64'));
    await page.click('#sign-h ~ form button[type=submit]');
    await page.waitForSelector('[data-testid=commit-signed]');
    expect(await page.textContent('[data-testid=commitment-list]')).toContain(keyId);

    // Art. 14: a complaint citing the access-log entry of the assessor's read.
    const entry = await page.waitForSelector('[data-testid=complaint-evidence] tbody tr');
    expect(await entry.textContent()).toContain('firmware.cdx.json');
    await (await entry.$('input[type=checkbox]'))!.check();
    await page.selectOption('#complaint-respondentOrgId', { index: 1 });
    await page.selectOption('#complaint-respondentUserId', { index: 1 });
    await page.selectOption('#complaint-grounds', 'leak');
    await page.fill('#complaint-description', 'Our SBOM was read and then appeared at a competitor.');
    await page.click('[data-testid=complaint-form] button[type=submit]');
    await page.waitForSelector('[data-testid=complaint-filed]');
    const filed = await page.waitForSelector('[data-testid=complaint-list] li[data-status=filed]');
    expect(await filed.textContent()).toContain('1 log entries attached');
    await screenshot(page, 'supplier-commitments-en');
    expect(await axeSerious(page)).toEqual([]);
    await page.click('button[data-lang=zh-CN]');
    await page.waitForSelector('text=企业承诺（第三条、第十二条）');
    await screenshot(page, 'supplier-commitments-zh');
    expect(await axeSerious(page)).toEqual([]);
    await page.click('button[data-lang=en]');

    // The Office investigates, then dismisses, with reasons kept in the history.
    await as('office', caseUrl);
    const complaint = await page.waitForSelector('[data-testid=complaint-list] li[data-status=filed]');
    expect(await complaint.$$eval('button[data-action]', (bs) => bs.map((b) => b.getAttribute('data-action')))).toEqual(['investigate', 'dismiss']);
    await (await complaint.$('button[data-action=investigate]'))!.click();
    await page.fill('#complaint-decide-reason', 'Reading logs requested from the assessor.');
    await page.click('[data-testid=complaint-list] form button[type=submit]');
    const investigating = await page.waitForSelector('[data-testid=complaint-list] li[data-status=investigating]');
    expect(await investigating.$$eval('button[data-action]', (bs) => bs.map((b) => b.getAttribute('data-action')))).toEqual(['dismiss', 'uphold']);
    await (await investigating.$('button[data-action=dismiss]'))!.click();
    await page.fill('#complaint-decide-reason', 'The read was part of the assessment.');
    await page.click('[data-testid=complaint-list] form button[type=submit]');
    const dismissed = await page.waitForSelector('[data-testid=complaint-list] li[data-status=dismissed]');
    expect(await dismissed.textContent()).toContain('The read was part of the assessment.');
  });

  it('the SBOM analysis shows its NTIA score, provenance and findings by severity and category', async () => {
    const id = await cases.declare('SBOM depth: router', 'RouteZ Z1');
    await cases.toAssessing(id);
    const sbom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: { timestamp: '2026-01-01T00:00:00Z', authors: [{ name: 'RouteZ build' }], component: { 'bom-ref': 'root', type: 'firmware', name: 'RouteZ', version: '1.0', supplier: { name: 'Example Networks' } } },
      components: [
        { 'bom-ref': 'c1', type: 'library', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', supplier: { name: 'OpenJS' }, licenses: [{ license: { id: 'MIT' } }] },
        { 'bom-ref': 'c2', type: 'library', name: 'zlib', version: '1.2.11', purl: 'pkg:generic/zlib@1.2.11' },
      ],
      dependencies: [{ ref: 'root', dependsOn: ['c1', 'c2'] }],
    };
    const up = await cases.party('supplier').request('POST', `/api/v1/cases/${id}/materials`, undefined, {
      raw: Buffer.from(JSON.stringify(sbom)),
      query: { filename: 'routez.cdx.json', kind: 'sbom', authenticityStatement: 'We warrant this SBOM is authentic.' },
    });
    expect(up.status).toBe(201);
    const caseUrl = `${h.base}/#/cases/${id}`;
    await as('supplier', caseUrl);
    // The analysis runs as a job: reload until it is done.
    for (let i = 0; i < 20 && !(await page.$('[data-testid=ntia-score]')); i++) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.waitForSelector('[data-testid=case-page]');
      await page.waitForSelector('[data-testid=sbom], [data-testid=ntia-score]', { timeout: 3000 }).catch(() => undefined);
    }
    expect(await page.textContent('[data-testid=ntia-score]')).toMatch(/Score [\d.]+ of 100/);
    expect(await page.textContent('[data-testid=provenance]')).toContain('OpenJS (1)');
    await page.waitForSelector('[data-testid=sbom-counts]');
    await page.selectOption('#sbom-category', '2');
    await page.selectOption('#sbom-severity', 'critical');
    await page.waitForSelector('[data-testid=sbom-detail] .pager');
    await screenshot(page, 'sbom-analysis-en');
    expect(await axeSerious(page)).toEqual([]);
    await page.click('button[data-lang=zh-CN]');
    await page.waitForSelector('text=SBOM 供应链分析（第四条）');
    await screenshot(page, 'sbom-analysis-zh');
    expect(await axeSerious(page)).toEqual([]);
    await page.click('button[data-lang=en]');

    // The supplier's VEX statement on the most important finding: the SBOM is analysed again and
    // the finding says why it does not count, in the supplier's words.
    // The Office has meanwhile imported an advisory that hits lodash 4.17.20.
    const imported = await cases.party('office').request('POST', '/api/v1/advisories/import', osvRecord({ id: 'GHSA-rtez-lodash-tmpl', pkg: 'lodash', fixed: '4.17.21', aliases: ['CVE-2099-4242'], severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }));
    expect(imported.status).toBe(200);
    const supplier = cases.party('supplier');
    const vex = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      version: 1,
      vulnerabilities: [
        { id: 'CVE-2099-4242', analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'RouteZ never renders user templates.' }, affects: [{ ref: 'pkg:npm/lodash@4.17.20' }] },
      ],
    };
    const vexUp = await supplier.request('POST', `/api/v1/cases/${id}/materials`, undefined, {
      raw: Buffer.from(JSON.stringify(vex)),
      query: { filename: 'routez.vex.json', kind: 'vex', authenticityStatement: 'We warrant these VEX statements are ours.' },
    });
    expect(vexUp.status).toBe(201);
    for (let i = 0; i < 20 && !(await page.$('[data-testid=vex-suppression]')); i++) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.waitForSelector('[data-testid=case-page]');
      await page.waitForSelector('[data-testid=sbom-findings]', { timeout: 3000 }).catch(() => undefined);
    }
    const shown = await page.textContent('[data-testid=vex-suppression]');
    expect(shown).toContain('VEX: not affected');
    expect(shown).toContain('the code is not reachable');
    expect(shown).toContain('RouteZ never renders user templates.');
    await screenshot(page, 'sbom-vex-en');
    expect(await axeSerious(page)).toEqual([]);
  });
});
