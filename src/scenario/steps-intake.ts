import { join } from 'node:path';
import { systemContext } from '../server.ts';
import { verifyAssignment } from '../services/assignment/verify-assignment.ts';
import type { Json, Scenario } from './harness.ts';

/**
 * From the declaration to the start of the assessment: the case is declared and found to matter
 * (Art. 10), opened (Art. 8), its scope set, the assessor drawn at random among the accredited and
 * unconflicted (Art. 7, 11) — the draw then re-derived as `netreview assignment verify` does — and
 * the Experts Committee panel formed (Art. 6).
 */
export async function intakeAndAssignment(s: Scenario, creds: Map<string, string>): Promise<void> {
  const { P } = s;
  for (const [name, c] of Object.entries(P)) {
    if (name === 'public') continue;
    await s.step(c, 'sign in', 'POST', '/api/v1/session', 200, { username: name, password: creds.get(name) });
  }
  const orgs = ((await P.office.request('GET', '/api/v1/organisations')).body as { items: { id: string; kind: string }[] }).items;
  const orgOf = (kind: string) => orgs.find((o) => o.kind === kind)!.id;
  for (const kind of ['supplier', 'third_party_assessor', 'cii_operator']) s.remember(`org:${kind}`, orgOf(kind));
  for (const name of ['assessor', 'expert1', 'expert2', 'expert3'] as const) {
    s.remember(`user:${name}`, ((((await P[name].request('GET', '/api/v1/me')).body as Json).user as Json).id as string));
  }

  const created = await s.step(P.operator, 'declare a procurement (Art. 10)', 'POST', '/api/v1/cases', 201, {
    action: 'declare_procurement',
    title: '调度网络核心路由器采购 / Core routers for the dispatch network',
    productName: 'EdgeRouter X9',
    productVersion: '4.2.1',
    sector: 'energy',
    systemName: 'Provincial dispatch control network',
    supplierOrgId: orgOf('supplier'),
  });
  s.caseId = (created.body as Json).id as string;
  const id = s.caseId;
  await s.act(P.protection, 'determine_affects_security', { reason: 'Core routing for CII dispatch; compromise affects national security.' }, 'determine: may affect national security (Art. 10)');
  await s.act(P.office, 'open', { note: 'Review opened.' }, 'open the review (Art. 8)');
  await s.step(P.office, 'set the scope the assessor must be accredited for (Art. 7)', 'PUT', `/api/v1/cases/${id}/scope`, 200, { productCategory: 'network_equipment', assessmentMethods: ['lab_testing', 'onsite_check'] });

  // A second accredited assessor that consulted for the supplier last year: the draw must leave it out (Art. 11).
  const rival = await s.step(P.office, 'register a second accredited assessor (Art. 7)', 'POST', '/api/v1/organisations', 201, {
    kind: 'third_party_assessor',
    name: 'Southern Testing Lab (scenario)',
    nameZh: '南方检测实验室（场景）',
    accreditedUntil: new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
  });
  const rivalId = (rival.body as Json).id as string;
  const lastYear = new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10);
  await s.step(P.office, 'record its consulting for the supplier (conflict, Art. 11)', 'POST', '/api/v1/consulting-engagements', 201, {
    consultantOrgId: rivalId,
    clientOrgId: orgOf('supplier'),
    description: 'Pre-certification consulting on the EdgeRouter firmware.',
    startedOn: lastYear,
  });
  const northern = orgOf('third_party_assessor');
  const draw = await s.step(P.office, 'draw the assessor among the eligible (Art. 7, 11)', 'POST', `/api/v1/cases/${id}/assessor-draw`, 201, { note: 'Scenario draw.' }, {}, (r) => {
    const d = r.body as { eligible: string[]; assessorOrgId: string; seed: string };
    if (d.eligible.includes(rivalId)) return 'the conflicted assessor was eligible';
    if (!d.eligible.includes(northern) || d.assessorOrgId !== northern) return `unexpected draw: ${JSON.stringify(d)}`;
    return /^[0-9a-f]{64}$/.test(d.seed) ? null : 'no 32-byte seed recorded';
  });
  await s.step(P.supplier, 'anyone on the case can re-check the draw', 'GET', `/api/v1/cases/${id}/assessor-draws`, 200, undefined, {}, (r) =>
    (r.body as Json).verdict === 'REPRODUCED' ? null : `verdict ${String((r.body as Json).verdict)}`,
  );
  await s.local('office', '`assignment verify`: the draw is REPRODUCED (Art. 11)', async () => {
    const v = await verifyAssignment(systemContext(s.server.db, join(s.dataDir, 'blobs'), 'scenario-assignment-verify'), id);
    const seed = (draw.body as Json).seed;
    if (v.verdict !== 'REPRODUCED') return `verdict ${v.verdict}: ${v.draws.flatMap((d) => d.problems).join('; ')}`;
    return v.draws.length === 1 && v.draws[0]!.seed === seed && v.currentAssessorOrgId === northern ? null : 'the verified draw is not the one made';
  });

  const experts = [s.fact('user:expert1'), s.fact('user:expert2'), s.fact('user:expert3')];
  await s.step(P.office, 'form the Experts Committee panel of three (Art. 6)', 'POST', `/api/v1/cases/${id}/panel/members`, 200, { expertUserIds: experts }, {}, (r) =>
    ((r.body as Json).added as string[]).length === 3 ? null : 'not all three experts sit on the panel',
  );
  await s.act(P.office, 'start_assessment', {}, 'start the third-party assessment (Art. 11)');
  await s.step(P.office, 'ILLEGAL: release while assessing → refused', 'POST', `/api/v1/cases/${id}/actions/release`, 409, { scope: { kind: 'public' }, publicSummary: 'x' }, {}, (r) =>
    Array.isArray((r.body as Json).legalActions) && ((r.body as Json).legalActions as string[]).length > 0 ? null : 'no legal actions named in the 409',
  );
}
