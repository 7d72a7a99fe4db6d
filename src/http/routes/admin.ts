import type { FastifyInstance } from 'fastify';
import { createOrganisation, CreateOrganisationInput } from '../../services/identity/create-organisation.ts';
import { createUser, CreateUserInput } from '../../services/identity/create-user.ts';
import { listOrganisationsFor } from '../../services/identity/list-organisations.ts';
import { verifyAudit } from '../../services/audit/verify-audit.ts';
import { Created, problems } from '../schemas.ts';

export function registerAdminRoutes(app: FastifyInstance): void {
  app.get('/api/v1/organisations', { schema: { tags: ['parties'], summary: 'Organisations (names and kinds), for choosing a supplier, assessor or recipient' } }, async (req) => ({
    items: await listOrganisationsFor(req.ctx()),
  }));
  app.post('/api/v1/organisations', { schema: { tags: ['parties'], summary: 'Register an organisation (Review Office)', body: CreateOrganisationInput, response: { 201: Created, 400: problems[400], 403: problems[403], 409: problems[409] } } }, async (req, reply) =>
    reply.status(201).send(await createOrganisation(req.ctx(), req.body)),
  );
  app.post('/api/v1/users', { schema: { tags: ['parties'], summary: 'Create a user (Review Office)', body: CreateUserInput, response: { 201: Created, 400: problems[400], 403: problems[403], 409: problems[409] } } }, async (req, reply) =>
    reply.status(201).send(await createUser(req.ctx(), req.body)),
  );
  app.get('/api/v1/audit/verify', { schema: { tags: ['audit'], summary: 'Recompute the audit hash chain' } }, async (req) => verifyAudit(req.ctx()));
}
