import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../app.ts';
import { signIn, SignInInput, SESSION_TTL_MS } from '../../services/identity/sign-in.ts';
import { signOut } from '../../services/identity/sign-out.ts';
import { createApiToken, CreateApiTokenInput } from '../../services/identity/create-api-token.ts';
import { creatableActions } from '../../policies/index.ts';
import { AppError } from '../../errors.ts';
import { problems } from '../schemas.ts';

export function registerSessionRoutes(app: FastifyInstance, opts: { secureCookies: boolean }): void {
  app.post('/api/v1/session', { schema: { tags: ['session'], summary: 'Sign in with user name and password', body: SignInInput, response: { 401: problems[401], 400: problems[400] } } }, async (req, reply) => {
    const r = await signIn(req.ctx(), req.body);
    reply.setCookie(SESSION_COOKIE, r.secret, { httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, path: '/', maxAge: SESSION_TTL_MS / 1000 });
    return { user: presentMe(r.actor), expiresAt: r.expiresAt };
  });
  app.delete('/api/v1/session', { schema: { tags: ['session'], summary: 'Sign out' } }, async (req, reply) => {
    const secret = req.cookies[SESSION_COOKIE];
    if (secret) await signOut(req.ctx(), secret);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
  app.get('/api/v1/me', { schema: { tags: ['session'], summary: 'The signed-in user and what they may start' } }, async (req) => {
    if (req.actor.kind !== 'user') throw new AppError('unauthenticated');
    return { user: presentMe(req.actor), abilities: { createActions: creatableActions(req.actor) } };
  });
  app.post('/api/v1/tokens', { schema: { tags: ['session'], summary: 'Create an API token for scripts (shown once)', body: CreateApiTokenInput } }, async (req, reply) => {
    const r = await createApiToken(req.ctx(), req.body);
    return reply.status(201).send(r);
  });
}

function presentMe(a: { userId: string; username: string; displayName: string; orgId: string; orgKind: string; orgName: string; orgSector: string | null; locale: string }) {
  return { id: a.userId, username: a.username, displayName: a.displayName, locale: a.locale, organisation: { id: a.orgId, kind: a.orgKind, name: a.orgName, sector: a.orgSector } };
}
