// Resolves the session cookie to a user for the console routes; 401 without one.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sessionUser } from '../db/accounts';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { COOKIE_PREFIX, SESSION_COOKIE, tokenHash } from './session';
import type { User } from './user';

export type UserEnv = { Bindings: Env; Variables: { user: User } };

export async function currentUser(db: D1Database, token: string | undefined): Promise<User | undefined> {
  if (!token || !/^[0-9a-f]{64}$/.test(token)) return undefined;
  return sessionUser(database(db), await tokenHash(token));
}

export function requireUser(): MiddlewareHandler<UserEnv> {
  return async function requireSession(c, next) {
    const user = await currentUser(c.env.DB, getCookie(c, SESSION_COOKIE, COOKIE_PREFIX));
    if (!user) throw new ProblemError(401, { detail: 'Log in to the console first (session missing or expired)' });
    c.set('user', user);
    await next();
  };
}
