import type { FastifyInstance } from 'fastify';
import { renderPlaceholder } from '../../web/placeholder.ts';

export function registerWebRoutes(app: FastifyInstance): void {
  app.get('/', { schema: { hide: true } }, async (req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      // Everything is served by netreview itself: reviews run on air-gapped networks.
      .header('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'none'; frame-ancestors 'none'")
      .send(renderPlaceholder(typeof req.headers['accept-language'] === 'string' && /^\s*zh/i.test(req.headers['accept-language']) ? 'zh-CN' : 'en')),
  );
}
