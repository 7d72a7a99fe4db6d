import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppOptions } from '../app.ts';
import { findRegime, listRegimes } from '../../regime/index.ts';
import { AppError } from '../../errors.ts';

const Health = Type.Object({ status: Type.String(), version: Type.String(), database: Type.Object({ kind: Type.String(), ok: Type.Boolean(), latencyMs: Type.Number() }) });

export function registerMetaRoutes(app: FastifyInstance, opts: AppOptions): void {
  app.get('/api/health', {
    schema: {
      tags: ['meta'],
      summary: 'Liveness and database status',
      response: { 200: Health, 503: Health },
    },
    handler: async (_req, reply) => {
      const t = performance.now();
      let ok = true;
      try {
        await opts.db.query('SELECT 1');
      } catch {
        ok = false;
      }
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', version: opts.version, database: { kind: opts.db.kind, ok, latencyMs: Math.round((performance.now() - t) * 100) / 100 } });
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/v1/regimes', { schema: { tags: ['regime'], summary: 'Regime profiles this server knows' } }, async () =>
    listRegimes().map((r) => ({ id: r.id, title: r.title, effectiveFrom: r.effectiveFrom })),
  );
  app.get(
    '/api/v1/regimes/:id',
    { schema: { tags: ['regime'], summary: 'A regime profile: articles, categories, methods, triggers, sectors, clocks', params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
    async (req) => {
      const r = findRegime((req.params as { id: string }).id);
      if (!r) throw new AppError('not_found', 'No such regime');
      return r;
    },
  );
}
