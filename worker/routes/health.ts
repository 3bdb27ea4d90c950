import { createRoute, z } from '@hono/zod-openapi';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';

const Health = z.object({ status: z.literal('ok'), database: z.literal('ok') }).openapi('Health');

export const health = router().openapi(
  createRoute({
    method: 'get', path: '/', tags: ['meta'], summary: 'Is the service and its database up?',
    responses: { 200: jsonResponse(Health, 'Up'), 503: problemResponse('The database does not answer') },
  }),
  async (c) => {
    try {
      // A table of the schema, not `SELECT 1`: a database without linli's tables is not up either.
      await c.env.DB.prepare('SELECT 1 FROM streets LIMIT 1').first();
    } catch (err) {
      console.error('health: database check failed', err);
      c.header('cache-control', 'no-store');
      c.header('retry-after', '30');
      throw new ProblemError(503, { detail: 'The database does not answer' });
    }
    return c.json({ status: 'ok' as const, database: 'ok' as const }, 200, { 'cache-control': 'no-store' });
  },
);
