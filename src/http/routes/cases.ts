import type { FastifyInstance } from 'fastify';
import { createCase, CreateCaseInput } from '../../services/cases/create-case.ts';
import { getCase } from '../../services/cases/get-case.ts';
import { listCasesForActor, ListCasesQuery } from '../../services/cases/list-cases.ts';
import { listPublicResults, PublicRegisterQuery } from '../../services/cases/list-public-register.ts';
import { acceptUndertaking, UNDERTAKING_TEXT, UNDERTAKING_VERSION } from '../../services/cases/accept-undertaking.ts';
import { loadCaseForActor } from '../../services/cases/transition-case.ts';
import { presentCase, presentClock } from '../present.ts';
import { CaseIdParams, CaseListPage, Created, problems } from '../schemas.ts';

export function registerCaseRoutes(app: FastifyInstance): void {
  app.get('/api/v1/cases', { schema: { tags: ['cases'], summary: 'Cases you hold a role on, newest first (keyset pages)', querystring: ListCasesQuery, response: { 200: CaseListPage, 400: problems[400], 401: problems[401] } } }, async (req, reply) => {
    const r = await listCasesForActor(req.ctx(), req.query);
    const now = req.ctx().now();
    // Items arrive as JSON text built by the database (see CaseListRow); a string body with a JSON
    // content type goes out as it is, without a parse-and-serialise round trip.
    const items = r.items.map((c) => (c.clock ? JSON.stringify({ ...(JSON.parse(c.item) as object), clock: presentClock(c.regime_id, c.clock, now) }) : c.item));
    return reply.type('application/json; charset=utf-8').send(`{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(r.nextCursor)}}`);
  });

  app.post('/api/v1/cases', {
    schema: { tags: ['cases'], summary: 'Open a case: declare a procurement (Art. 10), request or open a review, or report a concern (Art. 8, 9)', body: CreateCaseInput, response: { 201: Created, 400: problems[400], 401: problems[401], 403: problems[403] } },
  }, async (req, reply) => {
    const row = await createCase(req.ctx(), req.body);
    // A public reporter holds no role on the case it reported: it gets the reference only.
    return reply.status(201).send({ id: row.id, ref: row.ref, state: row.state, origin: row.origin, regimeId: row.regime_id });
  });

  app.get('/api/v1/cases/:id', { schema: { tags: ['cases'], summary: 'A case, as far as your role lets you see it, with your abilities', params: CaseIdParams, response: { 404: problems[404] } } }, async (req) => {
    const view = await getCase(req.ctx(), (req.params as { id: string }).id);
    return presentCase(view.row, view.abilities, req.ctx().now(), view.areas);
  });

  app.get('/api/v1/cases/:id/undertaking', { schema: { tags: ['cases'], summary: 'The confidentiality undertaking text (Art. 12)', params: CaseIdParams } }, async () => ({ version: UNDERTAKING_VERSION, text: UNDERTAKING_TEXT }));

  app.post('/api/v1/cases/:id/undertaking', { schema: { tags: ['cases'], summary: 'Accept the confidentiality undertaking for this case (Art. 12)', params: CaseIdParams, response: { 403: problems[403], 404: problems[404] } } }, async (req) => {
    const ctx = req.ctx();
    const loaded = await loadCaseForActor(ctx, (req.params as { id: string }).id);
    return acceptUndertaking(ctx, loaded);
  });

  app.get('/api/v1/public/results', { schema: { tags: ['public'], summary: 'Released results: the public register (Art. 8, 13)', querystring: PublicRegisterQuery } }, async (req) => {
    const r = await listPublicResults(req.ctx(), req.query);
    return {
      total: r.total,
      items: r.items.map((x) => ({ ref: x.ref, title: x.title, productName: x.product_name, productVersion: x.product_version, supplierName: x.supplier_name, outcome: x.outcome, publicSummary: x.public_summary, releasedAt: x.released_at, underSupervision: x.under_supervision })),
    };
  });
}
