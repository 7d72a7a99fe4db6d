import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { UserActor } from '../src/domain/actor.ts';
import { SESSION_COOKIE } from '../src/http/app.ts';

/** Signs a factory-built user in over HTTP (in process) and answers the Cookie header of its session. */
export async function sessionCookie(app: FastifyInstance, user: UserActor): Promise<string> {
  const password = (user as UserActor & { password?: string }).password;
  const r = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: user.username, password } });
  expect(r.statusCode, r.body).toBe(200);
  const cookie = r.cookies.find((c) => c.name === SESSION_COOKIE);
  expect(cookie, 'the sign-in set no session cookie').toBeDefined();
  return `${SESSION_COOKIE}=${cookie!.value}`;
}
