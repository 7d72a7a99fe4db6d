import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { loadCaseForActor } from '../../services/cases/transition-case.ts';
import { generateReport } from '../../services/reports/generate-report.ts';
import { listCaseReports, readReport } from '../../services/reports/read-report.ts';
import type { ReportFormat } from '../../services/reports/read-report.ts';
import { CaseIdParams, Created, problems, Uuid } from '../schemas.ts';

const MEDIA = { pdf: 'application/pdf', json: 'application/json' } as const satisfies Record<ReportFormat, string>;

/** Art. 13: the Office's signed security assessment reports. */
export function registerReportRoutes(app: FastifyInstance): void {
  app.post('/api/v1/cases/:id/reports', {
    schema: { tags: ['reports'], summary: 'Generate and store the signed security assessment report of a decided case (Art. 13)', params: CaseIdParams, response: { 201: Created, 403: problems[403], 404: problems[404], 409: problems[409] } },
  }, async (req, reply) => {
    const ctx = req.ctx();
    const r = await generateReport(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id));
    return reply.status(201).send({ id: r.id, reviewRound: r.review_round, keyId: r.key_id, signedAt: r.signed_at, files: { pdf: `reports/${r.id}.pdf`, json: `reports/${r.id}.json` } });
  });

  app.get('/api/v1/cases/:id/reports', {
    schema: { tags: ['reports'], summary: 'Reports of a case, in the version your role or the release scope allows', params: CaseIdParams, response: { 403: problems[403], 404: problems[404] } },
  }, async (req) => {
    const ctx = req.ctx();
    return listCaseReports(ctx, await loadCaseForActor(ctx, (req.params as { id: string }).id));
  });

  for (const format of ['pdf', 'json'] as const) {
    app.get(`/api/v1/cases/:id/reports/:reportId.${format}`, {
      schema: {
        tags: ['reports'],
        summary: `A signed report as ${format.toUpperCase()}: the full version by role, the redacted public version once released publicly`,
        params: Type.Object({ id: CaseIdParams.properties.id, reportId: Uuid }),
        response: { 403: problems[403], 404: problems[404] },
      },
    }, async (req, reply) => {
      const { id, reportId } = req.params as { id: string; reportId: string };
      const ctx = req.ctx();
      const r = await readReport(ctx, await loadCaseForActor(ctx, id), reportId, format);
      return reply
        .type(MEDIA[format])
        .header('content-disposition', `attachment; filename="report-${reportId}-${r.variant}.${format}"`)
        .header('x-content-sha256', r.sha256)
        .header('x-report-variant', r.variant)
        .header('cache-control', r.variant === 'public' ? 'public, max-age=300' : 'no-store')
        .send(r.bytes);
    });
  }
}
