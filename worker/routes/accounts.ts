// Accounts management, for city administrators only.
import { createRoute, z } from '@hono/zod-openapi';
import { maxBody } from '../auth/body-limit';
import { requireUser, type UserEnv } from '../auth/middleware';
import { assertAdmin, ROLES, UserSchema } from '../auth/user';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';
import { type AccountOutcome, accounts, changeAccount, openAccount } from '../services/accounts';

const PASSWORD_MIN = 10;

const AccountSchema = UserSchema.extend({ disabled: z.boolean() }).openapi('Account');
const password = z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(256);
const streetCodes = z.array(z.string().regex(/^[0-9]{9}$/, 'must be a 9-digit street code')).max(400);

const NewAccount = z
  .object({
    username: z.string().regex(/^[a-z0-9_.-]{2,64}$/, '2–64 lowercase letters, digits, _ . -'),
    display_name: z.string().trim().min(1).max(100),
    password,
    role: z.enum(ROLES),
    street_codes: streetCodes.default([]),
  })
  .openapi('NewAccount');

const AccountPatch = z
  .object({
    display_name: z.string().trim().min(1).max(100).optional(),
    password: password.optional(),
    role: z.enum(ROLES).optional(),
    street_codes: streetCodes.optional(),
    disabled: z.boolean().optional().openapi({ description: 'A disabled account cannot log in; its sessions end' }),
  })
  .openapi('AccountPatch');

const UsernameParam = z.object({
  username: z
    .string()
    .regex(/^[a-z0-9_.-]{2,64}$/, 'not a username')
    .openapi({ param: { name: 'username', in: 'path' } }),
});

/** The account, or its refusal as a problem (thrown). */
function accountOf(outcome: AccountOutcome, username: string) {
  if (outcome.ok) return outcome.account;
  switch (outcome.refusal) {
    case 'streets':
      throw new ProblemError(400, {
        detail: `street_codes: ${outcome.reason}`,
        invalid_params: [{ name: 'street_codes', in: 'body', reason: outcome.reason }],
      });
    case 'taken':
      throw new ProblemError(409, {
        detail: `The username ${username} is taken`,
        invalid_params: [{ name: 'username', in: 'body', reason: 'taken' }],
      });
    case 'not_found':
      throw new ProblemError(404, { detail: `No account ${username}` });
    case 'self':
      throw new ProblemError(422, {
        detail: 'You cannot demote or disable your own account (ask another administrator)',
      });
  }
}

const adminOnly = {
  401: problemResponse('Not logged in'),
  403: problemResponse('Not an administrator, or Origin missing/foreign'),
};

export const accountRoutes = router<UserEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['accounts'],
      summary: 'Every account (administrators only)',
      middleware: [requireUser()] as const,
      responses: { 200: jsonResponse(z.object({ data: z.array(AccountSchema) }), 'The accounts'), ...adminOnly },
    }),
    async (c) => {
      assertAdmin(c.var.user);
      return c.json({ data: await accounts(c.env.DB) }, 200, { 'cache-control': 'no-store' });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['accounts'],
      summary: 'Create an account (administrators only)',
      middleware: [requireUser(), maxBody(16 * 1024)] as const,
      request: { body: { content: { 'application/json': { schema: NewAccount } }, required: true } },
      responses: {
        201: jsonResponse(AccountSchema, 'The new account'),
        400: problemResponse('Invalid field'),
        ...adminOnly,
        409: problemResponse('The username is taken'),
      },
    }),
    async (c) => {
      assertAdmin(c.var.user);
      const input = c.req.valid('json');
      return c.json(accountOf(await openAccount(c.env.DB, input), input.username), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{username}',
      tags: ['accounts'],
      summary: 'Change an account (administrators only)',
      description: "A new password or disabling ends the account's sessions.",
      middleware: [requireUser(), maxBody(16 * 1024)] as const,
      request: {
        params: UsernameParam,
        body: { content: { 'application/json': { schema: AccountPatch } }, required: true },
      },
      responses: {
        200: jsonResponse(AccountSchema, 'The account'),
        400: problemResponse('Invalid field'),
        ...adminOnly,
        404: problemResponse('No such account'),
        422: problemResponse('An administrator cannot demote or disable themselves'),
      },
    }),
    async (c) => {
      assertAdmin(c.var.user);
      const { username } = c.req.valid('param');
      return c.json(accountOf(await changeAccount(c.env.DB, c.var.user, username, c.req.valid('json')), username), 200);
    },
  );
