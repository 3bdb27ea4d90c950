import { createRoute } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { currentUser } from '../auth/middleware';
import { COOKIE_PREFIX, SESSION_COOKIE } from '../auth/session';
import { mayEdit } from '../auth/user';
import { database } from '../db/client';
import { getSite } from '../db/sites';
import { openStateOf } from '../core/hours/opening-hours';
import { SiteIdParam } from '../core/site';
import { openFields } from '../core/open-state';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { ViewSiteSchema, jsonResponse, problemResponse } from '../http/schemas';

export const sites = router().openapi(
  createRoute({
    method: 'get', path: '/{id}', tags: ['sites'], summary: 'One site, with its open state now (Beijing time)',
    description: 'A retired site no longer exists for the public: 410 Gone. The console of an office that may edit it still gets the record (to restore it).',
    request: { params: SiteIdParam },
    responses: {
      200: jsonResponse(ViewSiteSchema, 'The site'),
      400: problemResponse('The id is not a positive integer'),
      404: problemResponse('No site has this id'),
      410: problemResponse('The site was retired: it no longer exists'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const site = await getSite(database(c.env.DB), id);
    if (!site) throw new ProblemError(404, { detail: `No site has id ${id}` });
    if (site.status === 'retired') {
      const user = await currentUser(c.env.DB, getCookie(c, SESSION_COOKIE, COOKIE_PREFIX));
      if (!user || !mayEdit(user, site.street_code)) {
        throw new ProblemError(410, {
          type: '/problems/gone', title: 'This site no longer exists',
          detail: `Site ${id} was retired on ${site.updated_at}; it no longer exists`, site_id: id, retired_at: site.updated_at,
        });
      }
    }
    return c.json({ ...site, ...openFields(site, openStateOf(site.opening_hours, new Date(), { makeupWorkdays: site.follows_workday_calendar })) }, 200);
  },
);
