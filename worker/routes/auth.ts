// Logging in and out of the street-office console.
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { maxBody } from '../auth/body-limit';
import { clientOf } from '../auth/client';
import { LOGIN_LIMITS } from '../auth/login-policy';
import { currentUser } from '../auth/middleware';
import { COOKIE_PREFIX, SESSION_COOKIE, SESSION_SECONDS, tokenHash } from '../auth/session';
import { tooMany } from '../auth/throttle';
import { type User, UserSchema } from '../auth/user';
import { deleteSession } from '../db/accounts';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';
import { logIn } from '../services/accounts';

const Login = z.object({
  username: z.string().trim().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(256),
});
const UserBody = z.object({ user: UserSchema });

const cookieOptions = { path: '/', secure: true, httpOnly: true, sameSite: 'Strict', prefix: COOKIE_PREFIX } as const;

export const auth = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['console'],
      summary: 'Log in with username and password',
      description:
        `Sets an HttpOnly session cookie. Throttled (429 with Retry-After): ${LOGIN_LIMITS.perAccountClient} failures ` +
        `in ${LOGIN_LIMITS.windowSeconds / 60} min for one account from one client, or ${LOGIN_LIMITS.perClient} from one client ` +
        `over all accounts; once an account has ${LOGIN_LIMITS.accountBackoffFrom} failures from other clients, a client that has ` +
        `failed on it waits ${LOGIN_LIMITS.backoffBaseSeconds} s, doubling, before each further try. A client without failures ` +
        'is never held back. IPv6 clients count per /64.',
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
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const session = await logIn(c.env, username, password, clientOf(c.req));
      if (!session.ok) {
        if (session.refusal === 'throttled') {
          tooMany(
            c,
            session.retryAfter,
            `Too many failed logins; try again in ${Math.ceil(session.retryAfter / 60)} min`,
          );
        }
        throw new ProblemError(401, { detail: 'Wrong username or password' });
      }
      setCookie(c, SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: SESSION_SECONDS });
      return c.json({ user: session.user }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags: ['console'],
      summary: 'End the session',
      responses: {
        204: { description: 'Logged out; the session no longer works' },
        403: problemResponse('Origin missing or foreign'),
      },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE, COOKIE_PREFIX);
      if (token) await deleteSession(database(c.env.DB), await tokenHash(token));
      deleteCookie(c, SESSION_COOKIE, cookieOptions);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['console'],
      summary: 'The logged-in user',
      responses: { 200: jsonResponse(UserBody, 'The user'), 401: problemResponse('Not logged in') },
    }),
    async (c) => {
      const user: User | undefined = await currentUser(c.env.DB, getCookie(c, SESSION_COOKIE, COOKIE_PREFIX));
      if (!user) throw new ProblemError(401, { detail: 'Not logged in' });
      return c.json({ user }, 200, { 'cache-control': 'no-store' });
    },
  );
