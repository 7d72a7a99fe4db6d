import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { ClauseRow } from '../../assessment/oscal-catalog.ts';
import type { CatalogueRow } from '../../db/repos/catalogues.ts';
import { CatalogueId, importCatalogue, ImportCatalogueOptions } from '../../services/catalogues/import-catalogue.ts';
import { exportCatalogue } from '../../services/catalogues/export-catalogue.ts';
import { ClauseQuery, listCatalogues, listClauses } from '../../services/catalogues/list-catalogues.ts';
import { Created, problems } from '../schemas.ts';

const presentCatalogue = (c: CatalogueRow) => ({ id: c.id, uuid: c.uuid, title: c.title, titleZh: c.title_zh, version: c.version, oscalVersion: c.oscal_version, source: c.source, clauses: c.clause_count, importedAt: c.imported_at });
const presentClause = (c: ClauseRow) => ({ clauseId: c.clause_id, parentId: c.parent_id, kind: c.kind, label: c.label, title: c.title, titleZh: c.title_zh });
const IdParams = Type.Object({ id: CatalogueId }, { additionalProperties: false });
export const MAX_CATALOGUE_BYTES = 64 * 1024 * 1024;

/** Standards catalogues (Art. 11) in and out as OSCAL catalog JSON. */
export function registerCatalogueRoutes(app: FastifyInstance): void {
  app.get('/api/v1/catalogues', { schema: { tags: ['catalogues'], summary: 'Loaded standards catalogues', response: { 401: problems[401] } } }, async (req) => ({ items: (await listCatalogues(req.ctx())).map(presentCatalogue) }));

  app.get('/api/v1/catalogues/:id', {
    schema: { tags: ['catalogues'], summary: 'A catalogue’s clauses in order (filter with q)', params: IdParams, querystring: ClauseQuery, response: { 400: problems[400], 401: problems[401], 404: problems[404] } },
  }, async (req) => {
    const r = await listClauses(req.ctx(), (req.params as { id: string }).id, req.query);
    return { ...presentCatalogue(r.catalogue), items: r.clauses.map(presentClause) };
  });

  app.get('/api/v1/catalogues/:id/oscal', {
    schema: { tags: ['catalogues'], summary: 'The catalogue as an OSCAL 1.1 catalog document', params: IdParams, response: { 401: problems[401], 404: problems[404] } },
  }, async (req, reply) => reply.type('application/json').send(await exportCatalogue(req.ctx(), (req.params as { id: string }).id)));

  app.post('/api/v1/catalogues', {
    bodyLimit: MAX_CATALOGUE_BYTES,
    schema: { tags: ['catalogues'], summary: 'Import an OSCAL catalog JSON document (Review Office); all of it or nothing', querystring: ImportCatalogueOptions, response: { 201: Created, 400: problems[400], 401: problems[401], 403: problems[403], 409: problems[409], 413: problems[413] } },
  }, async (req, reply) => {
    const r = await importCatalogue(req.ctx(), { document: req.body, options: req.query });
    return reply.status(201).send(r);
  });
}
