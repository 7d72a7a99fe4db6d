import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import type { ActorContext } from '../../src/domain/actor.ts';
import type { CaseRow } from '../../src/db/repos/cases.ts';
import { loadCaseForActor } from '../../src/services/cases/transition-case.ts';
import { planActivity } from '../../src/services/assessment/plan-activity.ts';
import { addEvidence } from '../../src/services/assessment/add-evidence.ts';
import { importSarif } from '../../src/services/assessment/import-sarif.ts';
import { citeClauses } from '../../src/services/assessment/cite-clauses.ts';
import { changeFindingStatus } from '../../src/services/assessment/change-finding-status.ts';
import { exportCaseOscal } from '../../src/services/assessment/export-oscal.ts';
import type { OscalExportKind } from '../../src/services/assessment/export-oscal.ts';
import { openTestDb } from '../db.ts';
import type { Parties } from '../factories.ts';
import { buildUser, ctxFor, systemCtx } from '../factories.ts';
import { act, refusal } from '../factories-extra.ts';
import { buildCaseInAssessment } from '../factories-assessment.ts';
import { oscalErrors } from '../oscal.ts';
import { requireSharedData } from '../shared-data.ts';

let db: Db & { dispose(): Promise<void> };
let base: ActorContext;
let p: Parties;
let c: CaseRow;
let empty: CaseRow;

type Doc = Record<string, Record<string, unknown>>;
async function as<T>(actor: ActorContext['actor'], id: string, fn: (ctx: ActorContext, loaded: Awaited<ReturnType<typeof loadCaseForActor>>) => Promise<T>): Promise<T> {
  const ctx = ctxFor(base, actor);
  return fn(ctx, await loadCaseForActor(ctx, id));
}
const exportAs = (actor: ActorContext['actor'], id: string, kind: OscalExportKind) => as(actor, id, (ctx, l) => exportCaseOscal(ctx, l, kind)) as Promise<Doc>;

beforeAll(async () => {
  db = await openTestDb();
  base = systemCtx(db);
  ({ p, c } = await buildCaseInAssessment(base));
  ({ c: empty } = await buildCaseInAssessment(base, p));
  const colleague = await buildUser(base, 'third_party_assessor', { orgId: p.assessor.orgId });
  const lab = await as(p.assessor, c.id, (ctx, l) => planActivity(ctx, l, { method: 'lab_test', title: 'Firmware analysis', scope: 'Image 4.2.1', plannedStart: '2026-03-01', plannedEnd: '2026-03-10', people: [p.assessor.userId, colleague.userId] }));
  await as(p.assessor, c.id, (ctx, l) => planActivity(ctx, l, { method: 'document_review', title: 'Privacy policy', scope: 'Policy v3', plannedStart: '2026-03-05' }));
  await as(p.assessor, c.id, (ctx, l) => planActivity(ctx, l, { method: 'background_investigation', title: 'Ownership', scope: 'Shareholders' }));
  await as(p.assessor, c.id, (ctx, l) => addEvidence(ctx, l, { filename: 'photo.jpg', kind: 'photo', activityId: lab.id }, Buffer.from('jpeg bytes')));
  const sarif = readFileSync(new URL('../fixtures/sarif/firmware-scan.sarif.json', import.meta.url));
  const imported = await as(p.assessor, c.id, (ctx, l) => importSarif(ctx, l, { filename: 'firmscan.sarif', activityId: lab.id }, sarif));
  await as(p.assessor, c.id, (ctx, l) => citeClauses(ctx, l, imported.findingIds[0]!, { clauses: [{ catalogueId: 'gbt-22239-2019', clauseId: 's8.1.4' }] }));
  await as(p.assessor, c.id, (ctx, l) => changeFindingStatus(ctx, l, imported.findingIds[1]!, { status: 'closed', reason: 'telnetd removed in 4.2.2' }));
  await as(p.assessor, c.id, (ctx, l) => changeFindingStatus(ctx, l, imported.findingIds[2]!, { status: 'mitigating', reason: 'upgrade planned' }));
});
afterAll(async () => db?.dispose());

describe.skipIf(!requireSharedData('OSCAL export'))('OSCAL 1.1 out, validated against NIST’s official schemas', () => {
  for (const kind of ['assessment-plan', 'assessment-results', 'poam'] as const) {
    it(`${kind} of a full case validates (1.1.2 and 1.1.3)`, async () => {
      const doc = await exportAs(p.office, c.id, kind);
      expect(oscalErrors('complete-1.1.2', doc)).toEqual([]);
      expect(oscalErrors('complete-1.1.3', doc)).toEqual([]);
    });
    it(`${kind} of a case with nothing planned or found validates`, async () => {
      expect(oscalErrors('complete-1.1.2', await exportAs(p.assessor, empty.id, kind))).toEqual([]);
    });
  }

  it('the schema check can fail: a plan without import-ssp or with a bad uuid is caught', async () => {
    const doc = await exportAs(p.office, c.id, 'assessment-plan');
    const { 'import-ssp': _dropped, ...rest } = doc['assessment-plan']!;
    expect(oscalErrors('complete-1.1.2', { 'assessment-plan': rest }).join('\n')).toContain("must have required property 'import-ssp'");
    expect(oscalErrors('complete-1.1.2', { 'assessment-plan': { ...doc['assessment-plan'], uuid: 'not-a-uuid' } })).not.toEqual([]);
  });

  it('the plan has one activity and one task per planned activity, with the assessor’s people', async () => {
    const ap = (await exportAs(p.expert, c.id, 'assessment-plan'))['assessment-plan']!;
    const acts = (ap['local-definitions'] as { activities: { uuid: string; props: { name: string; value: string }[]; 'responsible-roles'?: { 'party-uuids': string[] }[] }[] }).activities;
    expect(acts.map((a) => a.props.find((x) => x.name === 'method')!.value)).toEqual(['lab_test', 'document_review', 'background_investigation']);
    expect(acts[0]!['responsible-roles']![0]!['party-uuids']).toHaveLength(2);
    const tasks = ap.tasks as { timing?: unknown; 'associated-activities': { 'activity-uuid': string }[] }[];
    expect(tasks.map((t) => t['associated-activities'][0]!['activity-uuid'])).toEqual(acts.map((a) => a.uuid));
    expect(tasks[0]!.timing).toEqual({ 'within-date-range': { start: '2026-03-01T00:00:00+08:00', end: '2026-03-10T23:59:59+08:00' } });
    expect(tasks[1]!.timing).toEqual({ 'on-date': { date: '2026-03-05T00:00:00+08:00' } });
  });

  it('results carry every finding with its evidence; the POA&M only the unresolved ones', async () => {
    const ar = (await exportAs(p.office, c.id, 'assessment-results'))['assessment-results']!;
    const result = (ar.results as Record<string, unknown>[])[0]!;
    const findings = result.findings as { uuid: string; target: { 'target-id': string; status: { state: string } }; 'related-observations'?: { 'observation-uuid': string }[] }[];
    expect(findings).toHaveLength(4);
    expect(findings[0]!.target['target-id']).toBe('s8.1.4');
    expect(findings.map((f) => f.target.status.state)).toEqual(['not-satisfied', 'satisfied', 'not-satisfied', 'not-satisfied']);
    expect((result.observations as unknown[]).length).toBe(2);
    const poam = (await exportAs(p.office, c.id, 'poam'))['plan-of-action-and-milestones']!;
    const items = poam['poam-items'] as { 'related-findings': { 'finding-uuid': string }[] }[];
    expect(items.map((i) => i['related-findings'][0]!['finding-uuid']).sort()).toEqual([findings[0]!.uuid, findings[2]!.uuid, findings[3]!.uuid].sort());
    expect((poam.observations as unknown[]).length).toBe(1);
  });

  it('is refused to the supplier and hidden from outsiders', async () => {
    expect((await refusal(exportAs(p.supplier, c.id, 'poam'))).code).toBe('forbidden');
    expect((await refusal(exportAs(p.outsider, c.id, 'poam'))).code).toBe('not_found');
  });

  it('still validates after the assessment is submitted (the results get an end)', async () => {
    await act(base, p.assessor, c.id, 'submit_assessment', { summary: 'done' });
    const ar = await exportAs(p.office, c.id, 'assessment-results');
    expect(oscalErrors('complete-1.1.2', ar)).toEqual([]);
    expect((ar['assessment-results']!.results as { end?: string }[])[0]!.end).toBeDefined();
  });
});
