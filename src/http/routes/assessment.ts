import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { ActivityRow, CustodyEventRow, EvidenceRow } from '../../db/repos/assessment.ts';
import { loadCaseForActor } from '../../services/cases/transition-case.ts';
import { planActivity, PlanActivityInput } from '../../services/assessment/plan-activity.ts';
import { updateActivity, UpdateActivityInput } from '../../services/assessment/update-activity.ts';
import { getAssessmentPlan } from '../../services/assessment/get-assessment-plan.ts';
import { addEvidence, AddEvidenceMeta, MAX_EVIDENCE_BYTES } from '../../services/assessment/add-evidence.ts';
import { readEvidence } from '../../services/assessment/read-evidence.ts';
import { getEvidenceCustody, sealEvidence, transferEvidence, TransferEvidenceInput } from '../../services/assessment/evidence-custody.ts';
import { assessmentAbilities } from '../../policies/index.ts';
import { AppError } from '../../errors.ts';
import { ACTIVITY_STATUS_TRANSITIONS } from '../../assessment/plan.ts';
import { CaseIdParams, Created, problems, Uuid } from '../schemas.ts';

export function presentActivity(a: ActivityRow) {
  return {
    id: a.id,
    method: a.method,
    title: a.title,
    scope: a.scope,
    plannedStart: a.planned_start,
    plannedEnd: a.planned_end,
    actualStart: a.actual_start,
    actualEnd: a.actual_end,
    status: a.status,
    // Where the status table lets it go next (who may move it is `assessment.plan`).
    nextStatuses: ACTIVITY_STATUS_TRANSITIONS[a.status],
    people: a.people.map((p) => ({ userId: p.user_id, displayName: p.display_name })),
    evidenceCount: a.evidence_count,
    findingCount: a.finding_count,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}

export function presentEvidence(e: EvidenceRow) {
  return {
    id: e.id,
    activityId: e.activity_id,
    sha256: e.sha256,
    filename: e.filename,
    mediaType: e.media_type,
    sizeBytes: e.size_bytes,
    kind: e.kind,
    description: e.description,
    custodian: { userId: e.custodian_user_id, displayName: e.custodian_name ?? null },
    sealedAt: e.sealed_at,
    addedBy: { userId: e.added_by, displayName: e.added_by_name ?? null },
    addedAt: e.added_at,
  };
}

const presentCustody = (x: CustodyEventRow) => ({ seq: x.seq, at: x.at, type: x.type, actor: x.actor, actorOrganisation: x.actor_org, data: x.data });

const ActivityParams = Type.Object({ id: CaseIdParams.properties.id, activityId: Uuid }, { additionalProperties: false });
const EvidenceParams = Type.Object({ id: CaseIdParams.properties.id, evidenceId: Uuid }, { additionalProperties: false });
const common = { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] };

/** The assessment plan (Art. 3, 11) and its evidence with the chain of custody (Art. 12). */
export function registerAssessmentRoutes(app: FastifyInstance): void {
  app.get('/api/v1/cases/:id/assessment-plan', {
    schema: { tags: ['assessment'], summary: 'The assessment plan: activities by Art. 3 method, and (for roles that may see it) the evidence list', params: CaseIdParams, response: { 404: problems[404] } },
  }, async (req) => {
    const ctx = req.ctx();
    const loaded = await loadCaseForActor(ctx, (req.params as { id: string }).id);
    const plan = await getAssessmentPlan(ctx, loaded);
    return { activities: plan.activities.map(presentActivity), evidence: plan.evidence?.map(presentEvidence) ?? null, abilities: assessmentAbilities(ctx.actor, loaded!) };
  });

  app.post('/api/v1/cases/:id/assessment-plan/activities', {
    schema: { tags: ['assessment'], summary: 'Plan an activity (assigned assessor; Art. 3, 11)', params: CaseIdParams, body: PlanActivityInput, response: { 201: Created, ...common } },
  }, async (req, reply) => {
    const ctx = req.ctx();
    const a = await planActivity(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id), req.body);
    return reply.status(201).send(presentActivity(a));
  });

  app.post('/api/v1/cases/:id/assessment-plan/activities/:activityId', {
    schema: { tags: ['assessment'], summary: 'Update an activity: status (planned → in progress → completed/cancelled), dates, scope, people', params: ActivityParams, body: UpdateActivityInput, response: common },
  }, async (req) => {
    const { id, activityId } = req.params as { id: string; activityId: string };
    const ctx = req.ctx();
    return presentActivity(await updateActivity(ctx, await loadCaseForActor(ctx, id), activityId, req.body));
  });

  app.post('/api/v1/cases/:id/evidence', {
    bodyLimit: MAX_EVIDENCE_BYTES,
    schema: { tags: ['assessment'], summary: 'Add an evidence file (raw bytes, application/octet-stream; assigned assessor)', params: CaseIdParams, querystring: AddEvidenceMeta, response: { 201: Created, ...common, 413: problems[413] } },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 'send the file as application/octet-stream');
    const ctx = req.ctx();
    const e = await addEvidence(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id), req.query, req.body);
    return reply.status(201).send(presentEvidence(e));
  });

  app.get('/api/v1/cases/:id/evidence/:evidenceId/content', {
    schema: { tags: ['assessment'], summary: 'Read an evidence file; a custody event (Art. 12 undertaking required)', params: EvidenceParams, response: { 403: problems[403], 404: problems[404] } },
  }, async (req, reply) => {
    const { id, evidenceId } = req.params as { id: string; evidenceId: string };
    const ctx = req.ctx();
    const { evidence, stream } = await readEvidence(ctx, await loadCaseForActor(ctx, id), evidenceId);
    return reply
      .type(evidence.media_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(evidence.filename)}`)
      .header('x-content-sha256', evidence.sha256)
      .header('cache-control', 'no-store')
      .send(stream);
  });

  app.get('/api/v1/cases/:id/evidence/:evidenceId/custody', {
    schema: { tags: ['assessment'], summary: 'The chain of custody of an evidence file (added, viewed, transferred, sealed)', params: EvidenceParams, response: { 403: problems[403], 404: problems[404] } },
  }, async (req) => {
    const { id, evidenceId } = req.params as { id: string; evidenceId: string };
    const ctx = req.ctx();
    const r = await getEvidenceCustody(ctx, await loadCaseForActor(ctx, id), evidenceId);
    return { evidence: presentEvidence(r.evidence), events: r.events.map(presentCustody) };
  });

  app.post('/api/v1/cases/:id/evidence/:evidenceId/transfer', {
    schema: { tags: ['assessment'], summary: 'Pass custody of an evidence file to the assessor’s staff or the Office', params: EvidenceParams, body: TransferEvidenceInput, response: common },
  }, async (req) => {
    const { id, evidenceId } = req.params as { id: string; evidenceId: string };
    const ctx = req.ctx();
    return presentEvidence(await transferEvidence(ctx, await loadCaseForActor(ctx, id), evidenceId, req.body));
  });

  app.post('/api/v1/cases/:id/evidence/:evidenceId/seal', {
    schema: { tags: ['assessment'], summary: 'Seal an evidence file: custody stops moving', params: EvidenceParams, response: common },
  }, async (req) => {
    const { id, evidenceId } = req.params as { id: string; evidenceId: string };
    const ctx = req.ctx();
    return presentEvidence(await sealEvidence(ctx, await loadCaseForActor(ctx, id), evidenceId));
  });
}
