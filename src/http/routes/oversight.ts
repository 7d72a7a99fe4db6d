import type { FastifyInstance } from 'fastify';
import { getDashboard } from '../../services/oversight/get-dashboard.ts';
import { listExperts } from '../../services/identity/list-experts.ts';
import { oversightAbilities } from '../../policies/oversight.ts';
import { registryAbilities } from '../../policies/registries.ts';
import { AppError } from '../../errors.ts';
import { problems } from '../schemas.ts';

export function registerOversightRoutes(app: FastifyInstance): void {
  app.get('/api/v1/dashboard', { schema: { tags: ['oversight'], summary: 'Review Office overview: cases by state and sector, clocks, open findings by Art. 4 category × severity', response: { 401: problems[401], 403: problems[403] } } }, async (req) =>
    getDashboard(req.ctx()),
  );
  app.get('/api/v1/experts', { schema: { tags: ['oversight'], summary: 'Experts who can be assigned to a case’s panel (Art. 6)', response: { 401: problems[401], 403: problems[403] } } }, async (req) => ({
    items: await listExperts(req.ctx()),
  }));
  app.get('/api/v1/me/abilities', { schema: { tags: ['session'], summary: 'What the signed-in user may open beyond cases (dashboard, expert directory, registries)', response: { 401: problems[401] } } }, async (req) => {
    if (req.actor.kind !== 'user') throw new AppError('unauthenticated');
    return { ...oversightAbilities(req.actor), ...registryAbilities(req.actor) };
  });
}
