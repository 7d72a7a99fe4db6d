import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { grantAccreditation, GrantAccreditationInput } from '../../services/accreditation/grant-accreditation.ts';
import { changeAccreditationStatus, ChangeAccreditationInput } from '../../services/accreditation/change-accreditation-status.ts';
import { listAccreditations } from '../../services/accreditation/list-accreditations.ts';
import { declareConflict, DeclareConflictInput } from '../../services/assignment/declare-conflict.ts';
import { recordConsultingEngagement, RecordConsultingInput } from '../../services/assignment/record-consulting-engagement.ts';
import { recordAffiliation, RecordAffiliationInput } from '../../services/assignment/record-affiliation.ts';
import { setCaseScope, SetCaseScopeInput } from '../../services/assignment/set-case-scope.ts';
import { drawAssessor, DrawAssessorInput } from '../../services/assignment/draw-assessor.ts';
import { verifyAssignment } from '../../services/assignment/verify-assignment.ts';
import { resolveCaseFlag, ResolveCaseFlagInput } from '../../services/assignment/resolve-case-flag.ts';
import { withdrawConflict } from '../../services/assignment/withdraw-conflict.ts';
import { listConflicts } from '../../services/assignment/list-conflicts.ts';
import { loadCaseForActor } from '../../services/cases/transition-case.ts';
import { CaseIdParams, Created, problems, Uuid } from '../schemas.ts';

/** Art. 7 accreditation registry and Art. 11 objective assignment. */
export function registerAccreditationRoutes(app: FastifyInstance): void {
  app.get('/api/v1/accreditations', {
    schema: { tags: ['accreditation'], summary: 'Accreditations of third-party organisations with their history (Art. 7)', querystring: Type.Object({ orgId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 401: problems[401], 403: problems[403] } },
  }, async (req) => ({ items: await listAccreditations(req.ctx(), req.query as { orgId?: string }) }));

  app.post('/api/v1/accreditations', {
    schema: { tags: ['accreditation'], summary: 'Accredit a third-party organisation for a scope and period (Art. 7)', body: GrantAccreditationInput, response: { 201: Created, 400: problems[400], 401: problems[401], 403: problems[403] } },
  }, async (req, reply) => reply.status(201).send(await grantAccreditation(req.ctx(), req.body)));

  app.post('/api/v1/accreditations/:accreditationId/status', {
    schema: {
      tags: ['accreditation'],
      summary: 'Suspend, reinstate or revoke an accreditation; open cases of the organisation are flagged for the Office (Art. 7)',
      params: Type.Object({ accreditationId: Uuid }, { additionalProperties: false }),
      body: ChangeAccreditationInput,
      response: { 400: problems[400], 403: problems[403], 404: problems[404], 409: problems[409] },
    },
  }, async (req) => changeAccreditationStatus(req.ctx(), (req.params as { accreditationId: string }).accreditationId, req.body));

  app.post('/api/v1/conflicts', {
    schema: { tags: ['assignment'], summary: 'Declare a conflict of interest with an organisation (Art. 11)', body: DeclareConflictInput, response: { 201: Created, 400: problems[400], 401: problems[401], 403: problems[403] } },
  }, async (req, reply) => reply.status(201).send(await declareConflict(req.ctx(), req.body)));

  app.get('/api/v1/conflicts', {
    schema: { tags: ['assignment'], summary: 'Conflict declarations, consulting engagements and affiliations (Art. 11)', querystring: Type.Object({ orgId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 401: problems[401], 403: problems[403] } },
  }, async (req) => listConflicts(req.ctx(), req.query as { orgId?: string }));

  app.post('/api/v1/conflicts/:declarationId/withdraw', {
    schema: { tags: ['assignment'], summary: 'Withdraw a conflict declaration (Review Office)', params: Type.Object({ declarationId: Uuid }, { additionalProperties: false }), response: { 403: problems[403], 404: problems[404] } },
  }, async (req) => withdrawConflict(req.ctx(), (req.params as { declarationId: string }).declarationId));

  app.post('/api/v1/cases/:id/flags/:flagId/resolve', {
    schema: { tags: ['assignment'], summary: 'Resolve a flag the Office dealt with (Art. 7, 14)', params: Type.Object({ id: CaseIdParams.properties.id, flagId: Uuid }, { additionalProperties: false }), body: ResolveCaseFlagInput, response: { 400: problems[400], 403: problems[403], 404: problems[404] } },
  }, async (req) => {
    const { id, flagId } = req.params as { id: string; flagId: string };
    const ctx = req.ctx();
    return resolveCaseFlag(ctx, await loadCaseForActor(ctx, id), flagId, req.body);
  });

  app.post('/api/v1/consulting-engagements', {
    schema: { tags: ['assignment'], summary: 'Record consulting work for a client (conflicts the consultant for two years, Art. 11)', body: RecordConsultingInput, response: { 201: Created, 400: problems[400], 403: problems[403] } },
  }, async (req, reply) => reply.status(201).send(await recordConsultingEngagement(req.ctx(), req.body)));

  app.post('/api/v1/affiliations', {
    schema: { tags: ['assignment'], summary: 'Record where a person (an expert) is employed (Art. 11)', body: RecordAffiliationInput, response: { 201: Created, 400: problems[400], 403: problems[403] } },
  }, async (req, reply) => reply.status(201).send(await recordAffiliation(req.ctx(), req.body)));

  app.put('/api/v1/cases/:id/scope', {
    schema: { tags: ['assignment'], summary: 'Set the product category and methods the assessor must be accredited for (Art. 7)', params: CaseIdParams, body: SetCaseScopeInput, response: { 400: problems[400], 403: problems[403], 404: problems[404], 409: problems[409] } },
  }, async (req) => {
    const ctx = req.ctx();
    return setCaseScope(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id), req.body);
  });

  app.post('/api/v1/cases/:id/assessor-draw', {
    schema: { tags: ['assignment'], summary: 'Draw the assessor at random among the eligible, recording seed, list and pick (Art. 7, 11)', params: CaseIdParams, body: Type.Optional(DrawAssessorInput), response: { 201: Created, 403: problems[403], 404: problems[404], 409: problems[409] } },
  }, async (req, reply) => {
    const ctx = req.ctx();
    return reply.status(201).send(await drawAssessor(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id), req.body ?? {}));
  });

  app.get('/api/v1/cases/:id/assessor-draws', {
    schema: { tags: ['assignment'], summary: 'The recorded draws of a case, each re-derived from its seed: REPRODUCED or MISMATCH (Art. 11)', params: CaseIdParams, response: { 404: problems[404] } },
  }, async (req) => verifyAssignment(req.ctx(), (req.params as { id: string }).id));
}
