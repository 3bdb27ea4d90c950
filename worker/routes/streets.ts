// GET /api/v1/streets: the township-level units (街道/地区/镇/乡) and their districts.
import { createRoute, z } from '@hono/zod-openapi';
import { database } from '../db/client';
import { listStreets } from '../db/streets';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';

const Street = z
  .object({
    code: z.string().openapi({ example: '110105017' }),
    name: z.string().openapi({ example: '劲松街道' }),
    district_code: z.string().openapi({ example: '110105' }),
    district_name: z.string().openapi({ example: '朝阳区' }),
  })
  .openapi('Street');

const Query = z.object({
  district_code: z
    .string()
    .regex(/^[0-9]{6}$/, 'must be a 6-digit district code')
    .optional()
    .openapi({ param: { name: 'district_code', in: 'query' }, example: '110105' }),
});

export const streets = router().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['streets'],
    summary: 'Township-level units (街道/地区/镇/乡) and their districts',
    request: { query: Query },
    responses: {
      200: jsonResponse(
        z.object({ data: z.array(Street), meta: z.object({ count: z.number().int() }) }),
        'The streets, ordered by code',
      ),
      400: problemResponse('Malformed district code'),
    },
  }),
  async (c) => {
    const { district_code } = c.req.valid('query');
    const rows = await listStreets(database(c.env.DB), district_code);
    return c.json({ data: rows, meta: { count: rows.length } }, 200, { 'cache-control': 'public, max-age=3600' });
  },
);
