import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { fileComplaint, FileComplaintInput } from '../../services/complaints/file-complaint.ts';
import { decideComplaint, DecideComplaintInput } from '../../services/complaints/decide-complaint.ts';
import { listComplaints } from '../../services/complaints/list-complaints.ts';
import { recordViolation, RecordViolationInput } from '../../services/complaints/record-violation.ts';
import { changeViolationStatus, ChangeViolationInput } from '../../services/complaints/change-violation-status.ts';
import { listViolations } from '../../services/complaints/list-violations.ts';
import { loadCaseForActor } from '../../services/cases/transition-case.ts';
import { CaseIdParams, Created, problems, Uuid } from '../schemas.ts';

/** Art. 14 complaints and Art. 15 violation records. */
export function registerComplaintRoutes(app: FastifyInstance): void {
  app.post('/api/v1/cases/:id/complaints', {
    schema: { tags: ['complaints'], summary: 'Complain about a third party or its staff, citing entries of this case’s material access log (Art. 14)', params: CaseIdParams, body: FileComplaintInput, response: { 201: Created, 400: problems[400], 403: problems[403], 404: problems[404] } },
  }, async (req, reply) => {
    const ctx = req.ctx();
    return reply.status(201).send(await fileComplaint(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id), req.body));
  });

  app.get('/api/v1/complaints', {
    schema: { tags: ['complaints'], summary: 'Complaints with their history (the Office, the Committee; a supplier sees its own)', querystring: Type.Object({ caseId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 401: problems[401], 403: problems[403] } },
  }, async (req) => ({ items: await listComplaints(req.ctx(), req.query as { caseId?: string }) }));

  app.post('/api/v1/complaints/:complaintId/status', {
    schema: { tags: ['complaints'], summary: 'Investigate, dismiss or uphold a complaint; upholding may reassign the case and suspend the accreditation', params: Type.Object({ complaintId: Uuid }, { additionalProperties: false }), body: DecideComplaintInput, response: { 400: problems[400], 403: problems[403], 404: problems[404], 409: problems[409] } },
  }, async (req) => decideComplaint(req.ctx(), (req.params as { complaintId: string }).complaintId, req.body));

  app.get('/api/v1/violations', {
    schema: { tags: ['complaints'], summary: 'Violation records (Art. 15)', querystring: Type.Object({ partyOrgId: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 401: problems[401], 403: problems[403] } },
  }, async (req) => ({ items: await listViolations(req.ctx(), req.query as { partyOrgId?: string }) }));

  app.post('/api/v1/violations', {
    schema: { tags: ['complaints'], summary: 'Record a violation with the law and article relied on (Art. 15)', body: RecordViolationInput, response: { 201: Created, 400: problems[400], 403: problems[403] } },
  }, async (req, reply) => reply.status(201).send(await recordViolation(req.ctx(), req.body)));

  app.post('/api/v1/violations/:violationId/status', {
    schema: { tags: ['complaints'], summary: 'Record the penalty or close a violation record', params: Type.Object({ violationId: Uuid }, { additionalProperties: false }), body: ChangeViolationInput, response: { 400: problems[400], 403: problems[403], 404: problems[404], 409: problems[409] } },
  }, async (req) => changeViolationStatus(req.ctx(), (req.params as { violationId: string }).violationId, req.body));
}
