import type { FastifyInstance } from 'fastify';
import { TRANSITION_ACTIONS } from '../../domain/lifecycle.ts';
import { ACTION_INPUTS } from '../../services/cases/action-inputs.ts';
import { loadCaseForActor, transitionCase } from '../../services/cases/transition-case.ts';
import { presentStep } from '../present.ts';
import { CaseIdParams, problems } from '../schemas.ts';

/** One route per lifecycle action, each with its own input schema in the OpenAPI document. */
export function registerActionRoutes(app: FastifyInstance): void {
  for (const action of TRANSITION_ACTIONS) {
    app.post(`/api/v1/cases/:id/actions/${action}`, {
      schema: {
        tags: ['lifecycle'],
        summary: `Lifecycle action: ${action.replace(/_/g, ' ')}`,
        params: CaseIdParams,
        body: ACTION_INPUTS[action].input,
        response: { 400: problems[400], 401: problems[401], 403: problems[403], 404: problems[404], 409: problems[409] },
      },
    }, async (req) => {
      const ctx = req.ctx();
      const loaded = await loadCaseForActor(ctx, (req.params as { id: string }).id);
      const r = await transitionCase(ctx, loaded, { action, body: req.body });
      return presentStep(r.row, r.abilities, ctx.now());
    });
  }
}
