import { createRoute, z } from '@hono/zod-openapi';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';

const Health = z.object({ status: z.literal('ok'), database: z.literal('ok') }).openapi('Health');

export const health = router().openapi(
  createRoute({
    method: 'get', path: '/', tags: ['meta'], summary: 'Is the service and its database up?',
    responses: { 200: jsonResponse(Health, 'Up'), 503: problemResponse('The database does not answer') },
  }),
  async (c) => {
    await c.env.DB.prepare('SELECT 1').first();
    return c.json({ status: 'ok' as const, database: 'ok' as const }, 200, { 'cache-control': 'no-store' });
  },
);
