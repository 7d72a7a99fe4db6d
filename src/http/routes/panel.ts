import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { loadCaseForActor } from '../../services/cases/transition-case.ts';
import { getPanel } from '../../services/panel/get-panel.ts';
import { ProposePanelMembersInput, proposePanelMembers } from '../../services/panel/propose-panel-members.ts';
import { DeclareConflictInput, declareConflict } from '../../services/panel/declare-conflict.ts';
import { SubmitScoresInput, submitScores } from '../../services/panel/submit-scores.ts';
import { RecordDissentInput, recordDissent } from '../../services/panel/record-dissent.ts';
import { signComprehensiveAssessment } from '../../services/panel/sign-comprehensive-assessment.ts';
import { getDecision } from '../../services/decisions/get-decision.ts';
import { UpdateConditionInput, updateCondition } from '../../services/decisions/update-condition.ts';
import { CaseIdParams, problems, Uuid } from '../schemas.ts';
import { registerReportRoutes } from './reports.ts';

const errors = { 400: problems[400], 403: problems[403], 404: problems[404], 409: problems[409] };
const caseId = (req: { params: unknown }) => (req.params as { id: string }).id;

/** Art. 6 panel, Art. 8 decision detail and conditions, Art. 13 reports. */
export function registerPanelRoutes(app: FastifyInstance): void {
  app.get('/api/v1/cases/:id/panel', { schema: { tags: ['panel'], summary: 'The Experts Committee panel of the current round; scores sealed until all sitting members scored or the deadline passed (Art. 6)', params: CaseIdParams, response: errors } }, async (req) => {
    const ctx = req.ctx();
    return getPanel(ctx, await loadCaseForActor(ctx, caseId(req)));
  });
  app.post('/api/v1/cases/:id/panel/members', { schema: { tags: ['panel'], summary: 'Form the panel (at least the quorum) or add members (Art. 6, 8)', params: CaseIdParams, body: ProposePanelMembersInput, response: errors } }, async (req) => {
    const ctx = req.ctx();
    return proposePanelMembers(ctx, await loadCaseForActor(ctx, caseId(req)), req.body);
  });
  app.post('/api/v1/cases/:id/panel/conflict', { schema: { tags: ['panel'], summary: 'Declare a conflict of interest and be recused', params: CaseIdParams, body: DeclareConflictInput, response: errors } }, async (req) => {
    const ctx = req.ctx();
    return declareConflict(ctx, await loadCaseForActor(ctx, caseId(req)), req.body);
  });
  app.post('/api/v1/cases/:id/panel/scores', { schema: { tags: ['panel'], summary: 'Submit your score sheet: every Art. 4 category and the supplier’s trustworthiness, once per round', params: CaseIdParams, body: SubmitScoresInput, response: errors } }, async (req) => {
    const ctx = req.ctx();
    return submitScores(ctx, await loadCaseForActor(ctx, caseId(req)), req.body);
  });
  app.post('/api/v1/cases/:id/panel/dissents', { schema: { tags: ['panel'], summary: 'Record a dissenting opinion (after the scores open, before signing)', params: CaseIdParams, body: RecordDissentInput, response: errors } }, async (req) => {
    const ctx = req.ctx();
    return recordDissent(ctx, await loadCaseForActor(ctx, caseId(req)), req.body);
  });
  app.post('/api/v1/cases/:id/panel/assessment', { schema: { tags: ['panel'], summary: 'Sign the comprehensive assessment with the Experts Committee key (quorum scored)', params: CaseIdParams, response: errors } }, async (req) => {
    const ctx = req.ctx();
    return signComprehensiveAssessment(ctx, await loadCaseForActor(ctx, caseId(req)));
  });
  app.get('/api/v1/cases/:id/decision', { schema: { tags: ['decision'], summary: 'The decision with its reasons (articles cited) and conditions with their history (Art. 8)', params: CaseIdParams, response: errors } }, async (req) => {
    const ctx = req.ctx();
    return getDecision(ctx, await loadCaseForActor(ctx, caseId(req)));
  });
  app.post('/api/v1/cases/:id/conditions/:conditionId/status', {
    schema: { tags: ['decision'], summary: 'Record a condition as met, overdue or waived', params: Type.Object({ id: CaseIdParams.properties.id, conditionId: Uuid }), body: UpdateConditionInput, response: errors },
  }, async (req) => {
    const { id, conditionId } = req.params as { id: string; conditionId: string };
    const ctx = req.ctx();
    return updateCondition(ctx, await loadCaseForActor(ctx, id), conditionId, req.body);
  });
  registerReportRoutes(app);
}
