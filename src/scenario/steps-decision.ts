import { join } from 'node:path';
import { trustedKeys } from '../cli/report.ts';
import { verifyReportFile } from '../reports/signed-file.ts';
import type { Reply } from './client.ts';
import type { Json, Scenario } from './harness.ts';

type PanelView = { revealed: boolean; sheets: { expertUserId: string }[]; aggregates: unknown; assessment: unknown; scored: number };

/**
 * The Experts Committee scores independently (Art. 6), the Office signs the comprehensive
 * assessment, decides with reasons and a condition (Art. 8) and releases the result (Art. 13).
 */
export async function panelAndDecision(s: Scenario): Promise<void> {
  const { P } = s;
  const id = s.caseId;
  const panelPath = `/api/v1/cases/${id}/panel`;
  const sheets = [
    { who: P.expert1, categoryScores: { '1': 4, '2': 7, '3': 3, '4': 2, '5': 3 }, trustworthiness: 6, rationale: 'The update channel is the main supply-chain risk.' },
    { who: P.expert2, categoryScores: { '1': 5, '2': 6, '3': 3, '4': 2, '5': 2 }, trustworthiness: 6, rationale: 'Remote maintenance must be off by default.' },
    { who: P.expert3, categoryScores: { '1': 4, '2': 7, '3': 4, '4': 3, '5': 3 }, trustworthiness: 5, rationale: 'Acceptable with signed, domestically served updates.' },
  ];
  for (const [i, sheet] of sheets.entries()) {
    const { who, ...body } = sheet;
    await s.step(who, `expert ${i + 1}: score every Art. 4 category (Art. 6)`, 'POST', `${panelPath}/scores`, 200, body);
    if (i === 0) {
      await s.step(P.expert2, 'SEALED: expert 2 cannot see expert 1’s scores', 'GET', panelPath, 200, undefined, {}, (r) => {
        const v = r.body as PanelView;
        return !v.revealed && v.sheets.length === 0 && v.aggregates === null && v.scored === 1 ? null : `scores leak before all are in: ${JSON.stringify(v.sheets)}`;
      });
      await s.step(P.office, 'SEALED: nor can the Office', 'GET', panelPath, 200, undefined, {}, (r) => ((r.body as PanelView).sheets.length === 0 ? null : 'the Office sees sealed scores'));
      await s.step(P.expert1, 'SEALED: expert 1 sees only its own sheet', 'GET', panelPath, 200, undefined, {}, (r) => {
        const v = r.body as PanelView;
        return v.sheets.length === 1 && v.sheets[0]!.expertUserId === s.fact('user:expert1') ? null : 'expert 1 does not see exactly its own sheet';
      });
    }
  }
  await s.step(P.expert2, 'all three in: scores and aggregates open', 'GET', panelPath, 200, undefined, {}, (r) => {
    const v = r.body as PanelView;
    return v.revealed && v.sheets.length === 3 && v.aggregates !== null ? null : 'scores still sealed after every member scored';
  });
  await s.step(P.office, 'sign the comprehensive assessment (Art. 6)', 'POST', `${panelPath}/assessment`, 200, undefined, {}, (r) =>
    ((r.body as Json).signature as Json | undefined)?.keyId ? null : 'no signature on the assessment',
  );
  const due = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  await s.act(P.office, 'decide', {
    outcome: 'passed_with_conditions',
    decisionText: 'Passed on condition that firmware updates are signed and the maintenance interface is disabled.',
    reasons: [
      { articles: ['4', '6'], text: 'The panel rated the supply-chain risk of the update channel high and the product risk moderate.' },
      { articles: ['8'], text: 'With the conditions met, the procurement does not affect national security.' },
    ],
    conditions: [{ text: 'Serve only signed firmware updates from domestic mirrors.', ownerOrgId: s.fact('org:supplier'), dueDate: due }],
  }, 'decide with reasons citing articles and a condition (Art. 8)');
  await s.step(P.office, 'the decision lists its reasons and the open condition', 'GET', `/api/v1/cases/${id}/decision`, 200, undefined, {}, (r) => {
    const text = JSON.stringify(r.body);
    return /domestic mirrors/.test(text) && /"open"/.test(text) && /"articles":\["4","6"\]/.test(text) ? null : `decision detail incomplete: ${text.slice(0, 300)}`;
  });
  const summary = 'EdgeRouter X9 4.2.1 passed the cybersecurity review with conditions.';
  s.remember('summary', summary);
  await s.act(P.office, 'release', { scope: { kind: 'public' }, publicSummary: summary }, 'release the result publicly (Art. 8, 13)');
  await s.step(P.public, 'public register shows only the released summary', 'GET', '/api/v1/public/results', 200, undefined, {}, (r) => {
    const items = (r.body as Json).items as Json[];
    const mine = items.find((x) => x.publicSummary === summary);
    if (!mine) return 'the released case is not in the register';
    const allowed = new Set(['ref', 'title', 'productName', 'productVersion', 'supplierName', 'outcome', 'publicSummary', 'releasedAt', 'underSupervision']);
    const extra = Object.keys(mine).filter((k) => !allowed.has(k));
    const text = JSON.stringify(r.body);
    if (extra.length) return `register leaks fields: ${extra.join(', ')}`;
    if (/firmware updates are signed|Unsigned firmware|maintenance interface|domestic mirrors|3DES|sha256/i.test(text)) return 'register leaks confidential text';
    return null;
  });
  await s.step(P.public, 'public cannot open the case itself', 'GET', `/api/v1/cases/${id}`, 404);
}

/** Art. 13 reports verified offline, OSCAL out (Art. 11), supervision (Art. 3) and the audit chain. */
export async function reportsAndAfter(s: Scenario): Promise<void> {
  const { P } = s;
  const id = s.caseId;
  const gen = await s.step(P.office, 'generate the signed bilingual report (Art. 13)', 'POST', `/api/v1/cases/${id}/reports`, 201);
  const reportId = (gen.body as Json | undefined)?.id as string | undefined;
  const trusted = trustedKeys({ keyDir: join(s.dataDir, 'keys') });
  for (const format of ['pdf', 'json'] as const) {
    const file = await s.step(P.office, `download the report as ${format.toUpperCase()}`, 'GET', `/api/v1/cases/${id}/reports/${reportId ?? 'missing'}.${format}`, 200, undefined, {}, (r) =>
      r.raw && r.raw.length > 200 ? null : 'empty report file',
    );
    await s.local('anyone', `\`report verify\`: the ${format.toUpperCase()} verifies offline`, () => verifyOffline(file, trusted, format));
    await s.local('anyone', `\`report verify\`: one flipped byte of the ${format.toUpperCase()} fails`, () => {
      const bytes = Buffer.from(file.raw ?? Buffer.alloc(0));
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at]! ^ 0x01;
      try {
        verifyReportFile(bytes, trusted);
      } catch (e) {
        return (e as { code?: string }).code === 'signature_invalid' ? null : `failed for another reason: ${(e as Error).message}`;
      }
      return 'an altered file still verified';
    });
  }
  await s.step(P.assessor, 'export the OSCAL 1.1 assessment-results (Art. 11)', 'GET', `/api/v1/cases/${id}/oscal/assessment-results`, 200, undefined, {}, (r) => {
    const doc = JSON.parse(r.raw!.toString('utf8')) as { 'assessment-results'?: { metadata?: { 'oscal-version'?: string }; results?: { findings?: { title: string }[] }[] } };
    const ar = doc['assessment-results'];
    if (!ar?.metadata?.['oscal-version']?.startsWith('1.1')) return 'not an OSCAL 1.1 assessment-results document';
    const titles = (ar.results ?? []).flatMap((x) => x.findings ?? []).map((f) => f.title);
    return titles.includes(s.fact('finding:cited')) ? null : `the finding is missing from the results (${titles.length} findings)`;
  });
  await s.act(P.office, 'begin_supervision', { note: 'Approved product under continuing supervision.' }, 'place under supervision (Art. 3)');
  await s.step(P.regulator, 'sector regulator follows its sector’s case (Art. 9)', 'GET', `/api/v1/cases/${id}`, 200, undefined, {}, (r) => {
    const { state, materials } = r.body as Json;
    return state === 'supervision' && materials === undefined ? null : 'regulator view is wrong (state or confidential materials)';
  });
  await s.step(P.office, 'verify the audit chain', 'GET', '/api/v1/audit/verify', 200, undefined, {}, (r) =>
    (r.body as Json).ok === true && Number((r.body as Json).checked) > 40 ? null : `audit chain not intact: ${JSON.stringify(r.body)}`,
  );
  await s.step(P.office, 'timeline cites an article for every step', 'GET', `/api/v1/cases/${id}`, 200, undefined, {}, (r) => {
    const t = (r.body as Json).timeline as { type?: string; data: { articles?: string[] } }[];
    const bare = t.filter((e) => !(e.data?.articles ?? []).length);
    return t.length >= 12 && bare.length === 0 ? null : `${t.length} timeline entries, ${bare.length} without an article: ${JSON.stringify(bare[0] ?? t[0])}`;
  });
}

function verifyOffline(file: Reply, trusted: ReturnType<typeof trustedKeys>, format: 'pdf' | 'json'): string | null {
  if (!file.raw) return 'nothing downloaded';
  const v = verifyReportFile(file.raw, trusted);
  if (v.format !== format) return `verified as ${v.format}`;
  if (v.signature.signer !== 'review_office') return `signed by ${v.signature.signer}`;
  return v.assessment === undefined || v.assessment.status === 'verified' ? null : `embedded comprehensive assessment: ${v.assessment.status}`;
}
