// Logging in and out of the street-office console.
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { maxBody } from '../auth/body-limit';
import { currentUser } from '../auth/middleware';
import { DECOY_HASH, verifyPassword } from '../auth/password';
import { COOKIE_PREFIX, SESSION_COOKIE, SESSION_SECONDS, newToken, tokenHash } from '../auth/session';
import { clientOf } from '../auth/client';
import { LOGIN_LIMITS, loginBuckets, loginDecision } from '../auth/login-policy';
import { tooMany } from '../auth/throttle';
import { UserSchema, type User } from '../auth/user';
import { claimAttempt, clearBucket, releaseAttempt } from '../db/attempts';
import { createSession, deleteSession, ensureAdmin, findAccount, pruneSessions, toUser } from '../db/accounts';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';

const Login = z.object({
  username: z.string().trim().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(256),
});
const UserBody = z.object({ user: UserSchema });

const cookieOptions = { path: '/', secure: true, httpOnly: true, sameSite: 'Strict', prefix: COOKIE_PREFIX } as const;

export const auth = router()
  .openapi(createRoute({
    method: 'post', path: '/login', tags: ['console'], summary: 'Log in with username and password',
    description: `Sets an HttpOnly session cookie. Throttled (429 with Retry-After): ${LOGIN_LIMITS.perAccountClient} failures `
      + `in ${LOGIN_LIMITS.windowSeconds / 60} min for one account from one client, or ${LOGIN_LIMITS.perClient} from one client `
      + `over all accounts; once an account has ${LOGIN_LIMITS.accountBackoffFrom} failures from other clients, a client that has `
      + `failed on it waits ${LOGIN_LIMITS.backoffBaseSeconds} s, doubling, before each further try. A client without failures `
      + 'is never held back. IPv6 clients count per /64.',
    middleware: [maxBody(4 * 1024)] as const,
    request: { body: { content: { 'application/json': { schema: Login } }, required: true } },
    responses: {
      200: jsonResponse(UserBody, 'Logged in'),
      413: problemResponse('Body too large'),
      400: problemResponse('Missing username or password'),
      401: problemResponse('Wrong username or password'),
      403: problemResponse('Origin missing or foreign'),
      429: problemResponse('Too many failed logins; see Retry-After'),
    },
  }), async (c) => {
    const { username, password } = c.req.valid('json');
    const db = database(c.env.DB);
    const buckets = loginBuckets(username, clientOf(c.req));
    // Counted as a failure before the password is checked; released if it proves right.
    const claim = await claimAttempt(c.env.DB, [...buckets], LOGIN_LIMITS);
    const decision = loginDecision(claim.tallies);
    if (!decision.allow) {
      await releaseAttempt(c.env.DB, claim);
      tooMany(c, decision.retryAfter, `Too many failed logins; try again in ${Math.ceil(decision.retryAfter / 60)} min`);
    }
    await ensureAdmin(db, c.env, username);
    const account = await findAccount(db, username);
    const ok = await verifyPassword(password, account?.password_hash ?? DECOY_HASH);
    if (!account || !ok || account.disabled) throw new ProblemError(401, { detail: 'Wrong username or password' });
    await releaseAttempt(c.env.DB, claim);
    await clearBucket(c.env.DB, buckets[0]);
    await pruneSessions(db, username);
    const token = newToken();
    await createSession(db, username, await tokenHash(token), SESSION_SECONDS);
    setCookie(c, SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_SECONDS });
    return c.json({ user: toUser(account) }, 200);
  })
  .openapi(createRoute({
    method: 'post', path: '/logout', tags: ['console'], summary: 'End the session',
    responses: { 204: { description: 'Logged out; the session no longer works' }, 403: problemResponse('Origin missing or foreign') },
  }), async (c) => {
    const token = getCookie(c, SESSION_COOKIE, COOKIE_PREFIX);
    if (token) await deleteSession(database(c.env.DB), await tokenHash(token));
    deleteCookie(c, SESSION_COOKIE, cookieOptions);
    return c.body(null, 204);
  })
  .openapi(createRoute({
    method: 'get', path: '/me', tags: ['console'], summary: 'The logged-in user',
    responses: { 200: jsonResponse(UserBody, 'The user'), 401: problemResponse('Not logged in') },
  }), async (c) => {
    const user: User | undefined = await currentUser(c.env.DB, getCookie(c, SESSION_COOKIE, COOKIE_PREFIX));
    if (!user) throw new ProblemError(401, { detail: 'Not logged in' });
    return c.json({ user }, 200, { 'cache-control': 'no-store' });
  });
