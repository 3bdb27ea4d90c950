// The street-office console's view of its sites.
import { createRoute, z } from '@hono/zod-openapi';
import { requireUser, type UserEnv } from '../auth/middleware';
import { assertMayEdit } from '../auth/user';
import { SiteSchema, StatusSchema } from '../core/site';
import { consoleSites, STALE_DAYS } from '../db/console-sites';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';

const ConsoleSite = SiteSchema.extend({
  stale: z.boolean().openapi({ description: `Not verified for ${STALE_DAYS} days (since creation if never)` }),
}).openapi('ConsoleSite');

const Query = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    // SQLite ends a bound string at a NUL: the search would silently be for a shorter text.
    .refine((q) => !q.includes('\0'), 'must not contain a NUL character')
    .optional()
    .openapi({
      param: { name: 'q', in: 'query' },
      description: 'Part of the name, address or external id (any length up to 100 characters)',
    }),
  status: StatusSchema.optional().openapi({ param: { name: 'status', in: 'query' } }),
  street_code: z
    .string()
    .regex(/^[0-9]{9}$/, 'must be a 9-digit street code')
    .optional()
    .openapi({ param: { name: 'street_code', in: 'query' } }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(2000)
    .default(500)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

export const consoleRoutes = router<UserEnv>().openapi(
  createRoute({
    method: 'get',
    path: '/sites',
    tags: ['console'],
    summary: 'The sites of your streets, stale ones first',
    middleware: [requireUser()] as const,
    request: { query: Query },
    responses: {
      200: jsonResponse(
        z.object({ data: z.array(ConsoleSite), meta: z.object({ count: z.number().int(), limit: z.number().int() }) }),
        'Your sites',
      ),
      400: problemResponse('Malformed parameter'),
      401: problemResponse('Not logged in'),
      403: problemResponse('street_code is outside your streets'),
    },
  }),
  async (c) => {
    const query = c.req.valid('query');
    if (query.street_code) assertMayEdit(c.var.user, query.street_code);
    const data = await consoleSites(c.env.DB, c.var.user, query);
    return c.json({ data, meta: { count: data.length, limit: query.limit } }, 200, { 'cache-control': 'no-store' });
  },
);
