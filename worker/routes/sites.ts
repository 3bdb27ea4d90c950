import { createRoute } from '@hono/zod-openapi';
import { database } from '../db/client';
import { getSite } from '../db/sites';
import { openStateOf } from '../domain/opening-hours';
import { SiteIdParam } from '../domain/site';
import { openFields } from '../geo/match';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse } from '../http/schemas';
import { ViewSiteSchema } from './site-search';

export const sites = router().openapi(
  createRoute({
    method: 'get', path: '/{id}', tags: ['sites'], summary: 'One site, including retired ones, with its open state now (Beijing time)',
    request: { params: SiteIdParam },
    responses: {
      200: jsonResponse(ViewSiteSchema, 'The site'),
      400: problemResponse('The id is not a positive integer'),
      404: problemResponse('No site has this id'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const site = await getSite(database(c.env.DB), id);
    if (!site) throw new ProblemError(404, { detail: `No site has id ${id}` });
    return c.json({ ...site, ...openFields(site, openStateOf(site.opening_hours, new Date(), { makeupWorkdays: site.follows_workday_calendar })) }, 200);
  },
);
