import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { uploadMaterial, UploadMaterialMeta, MAX_MATERIAL_BYTES } from '../../services/materials/upload-material.ts';
import { readMaterial } from '../../services/materials/read-material.ts';
import { listMaterialReadsForCase } from '../../services/materials/list-material-reads.ts';
import { loadCaseForActor } from '../../services/cases/transition-case.ts';
import { AppError } from '../../errors.ts';
import { CaseIdParams, Created, problems, Uuid } from '../schemas.ts';

export function registerMaterialRoutes(app: FastifyInstance): void {
  app.post('/api/v1/cases/:id/materials', {
    bodyLimit: MAX_MATERIAL_BYTES,
    schema: {
      tags: ['materials'],
      summary: 'Upload material (raw bytes, application/octet-stream) with the supplier’s authenticity statement (Art. 12)',
      params: CaseIdParams,
      querystring: UploadMaterialMeta,
      response: { 201: Created, 400: problems[400], 403: problems[403], 404: problems[404], 413: problems[413] },
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 'send the file as application/octet-stream');
    const ctx = req.ctx();
    const loaded = await loadCaseForActor(ctx, (req.params as { id: string }).id);
    const m = await uploadMaterial(ctx, loaded, req.query, req.body);
    app.jobsQueued();
    return reply.status(201).send({ id: m.id, sha256: m.sha256, filename: m.filename, sizeBytes: m.size_bytes, kind: m.kind, confidential: m.confidential });
  });

  app.get('/api/v1/cases/:id/materials/:materialId/content', {
    schema: { tags: ['materials'], summary: 'Read a material; recorded in the audit log (Art. 12)', params: Type.Object({ id: CaseIdParams.properties.id, materialId: Uuid }), response: { 403: problems[403], 404: problems[404] } },
  }, async (req, reply) => {
    const { id, materialId } = req.params as { id: string; materialId: string };
    const ctx = req.ctx();
    const loaded = await loadCaseForActor(ctx, id);
    const { material, stream } = await readMaterial(ctx, loaded, materialId);
    return reply
      .type(material.media_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(material.filename)}`)
      .header('x-content-sha256', material.sha256)
      .header('cache-control', 'no-store')
      .send(stream);
  });

  app.get('/api/v1/cases/:id/material-reads', {
    schema: { tags: ['materials'], summary: 'Who read this case’s confidential material, and when', params: CaseIdParams, response: { 404: problems[404] } },
  }, async (req) => {
    const ctx = req.ctx();
    const loaded = await loadCaseForActor(ctx, (req.params as { id: string }).id);
    const rows = await listMaterialReadsForCase(ctx, loaded);
    return { items: rows.map((r) => ({ seq: r.seq, at: r.at, materialId: r.material_id, filename: r.filename, reader: r.reader, readerOrganisation: r.reader_org, readerUserId: r.reader_user_id, readerOrgId: r.reader_org_id })) };
  });
}
