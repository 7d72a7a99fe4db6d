import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { renderShell, webBundle } from '../../web/bundle.ts';
import { AppError } from '../../errors.ts';
import { prefersZh } from '../problem.ts';

// Everything is served by netreview itself: reviews run on air-gapped networks.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function registerWebRoutes(app: FastifyInstance): void {
  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const b = await webBundle();
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .header('cache-control', 'no-cache')
      .send(renderShell(b, prefersZh(req) ? 'zh-CN' : 'en'));
  });

  app.get('/assets/:name', { schema: { hide: true, params: Type.Object({ name: Type.String({ maxLength: 100, pattern: '^[\\w.-]+$' }) }) } }, async (req, reply) => {
    const b = await webBundle();
    const asset = b.assets.get((req.params as { name: string }).name);
    if (!asset) throw new AppError('not_found', 'No such asset');
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    reply
      .type(asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'accept-encoding');
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? asset.gzip() : asset.body);
  });
}
