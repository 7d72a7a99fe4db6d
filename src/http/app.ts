import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Db } from '../db/db.ts';
import { requestStatements } from '../db/db.ts';
import type { Actor, ActorContext } from '../domain/actor.ts';
import { resolveActor } from '../services/identity/resolve-actor.ts';
import { sendProblem } from './problem.ts';
import { registerMetaRoutes } from './routes/meta.ts';
import { registerSessionRoutes } from './routes/session.ts';
import { registerCaseRoutes } from './routes/cases.ts';
import { registerActionRoutes } from './routes/case-actions.ts';
import { registerMaterialRoutes } from './routes/materials.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerAccreditationRoutes } from './routes/accreditation.ts';
import { registerCommitmentRoutes } from './routes/commitments.ts';
import { registerComplaintRoutes } from './routes/complaints.ts';
import { registerWebRoutes } from './routes/web.ts';
import { registerAssessmentRoutes } from './routes/assessment.ts';
import { registerFindingRoutes } from './routes/findings.ts';
import { registerCatalogueRoutes } from './routes/catalogues.ts';
import { registerPanelRoutes } from './routes/panel.ts';
import { registerOversightRoutes } from './routes/oversight.ts';
import { registerSupplyChainRoutes } from './routes/supply-chain.ts';

export const SESSION_COOKIE = 'nr_session';
export const JSON_BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  db: Db;
  blobDir: string;
  version: string;
  logger?: boolean;
  /** Mark the session cookie Secure (behind TLS). */
  secureCookies?: boolean;
  now?: () => Date;
  /** Called after a request queued background jobs (an SBOM or VEX upload): the worker runs them now, not at its next poll. */
  onJobsQueued?: () => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobsQueued(): void;
  }
  interface FastifyRequest {
    actor: Actor;
    statements: { statements: number; startedAt: number };
    ctx(): ActorContext;
  }
}

function makeAjv(coerce: boolean): Ajv {
  // Bodies are checked as sent: no coercion ("12" is not 12) and no silent removal of unknown
  // fields (they are errors). Query strings are text, so they are coerced.
  const ajv = new Ajv({ allErrors: true, coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: false, strict: false });
  addFormats.default(ajv);
  return ajv;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const now = opts.now ?? (() => new Date());
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: () => randomUUID(),
    ajv: { customOptions: { strict: false } },
  });
  const bodyAjv = makeAjv(false);
  const textAjv = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'netreview API', version: opts.version, description: 'Cybersecurity reviews of network products and services (2017 Interim Measures).' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });

  app.decorate('jobsQueued', opts.onJobsQueued ?? (() => undefined));
  app.decorateRequest('actor', null as never);
  app.decorateRequest('statements', null as never);
  app.decorateRequest('ctx', function (this: FastifyRequest): ActorContext {
    return { actor: this.actor, db: opts.db, request: { id: this.id, ip: this.ip, userAgent: this.headers['user-agent'] }, blobDir: opts.blobDir, now };
  });

  app.addHook('onRequest', (req, _reply, done) => {
    const store = { statements: 0, startedAt: performance.now() };
    req.statements = store;
    // Statements the request runs are counted through async context (Server-Timing, benchmarks).
    requestStatements.run(store, done);
  });
  app.addHook('preHandler', async (req) => {
    const auth = req.headers.authorization;
    const bearer = typeof auth === 'string' && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '').trim() : undefined;
    req.actor = await resolveActor(opts.db, { bearer, session: bearer ? undefined : req.cookies[SESSION_COOKIE] }, now());
  });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('server-timing', `db;desc="statements=${req.statements?.statements ?? 0}", app;dur=${(performance.now() - (req.statements?.startedAt ?? performance.now())).toFixed(2)}`);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });

  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, err));
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, Object.assign(new Error('not found'), { statusCode: 404, code: 'NR_NOT_FOUND' })));

  // Material uploads are raw bytes; everything else is JSON.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 256 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  registerMetaRoutes(app, opts);
  registerSessionRoutes(app, { secureCookies: !!opts.secureCookies });
  registerCaseRoutes(app);
  registerActionRoutes(app);
  registerMaterialRoutes(app);
  registerAdminRoutes(app);
  registerAccreditationRoutes(app);
  registerCommitmentRoutes(app);
  registerComplaintRoutes(app);
  registerOversightRoutes(app);
  registerSupplyChainRoutes(app);
  registerPanelRoutes(app);
  registerAssessmentRoutes(app);
  registerFindingRoutes(app);
  registerCatalogueRoutes(app);
  registerWebRoutes(app);
  await app.ready();
  return app;
}
