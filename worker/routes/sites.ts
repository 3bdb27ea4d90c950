// One site by id (GET /sites/{id}): HTTP only; worker/services/sites.ts reads it.
import { createRoute } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { currentUser } from '../auth/middleware';
import { COOKIE_PREFIX, SESSION_COOKIE } from '../auth/session';
import { SiteIdParam } from '../core/site';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { jsonResponse, problemResponse, ViewSiteSchema } from '../http/schemas';
import { siteNow } from '../services/sites';

export const sites = router().openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['sites'],
    summary: 'One site, with its open state now (Beijing time)',
    description:
      'A retired site no longer exists for the public: 410 Gone. The console of an office that may edit it still gets the record (to restore it).',
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
    const found = await siteNow(c.env.DB, id, () => currentUser(c.env.DB, getCookie(c, SESSION_COOKIE, COOKIE_PREFIX)));
    if (found.ok) return c.json(found.site, 200);
    if (found.refusal === 'not_found') throw new ProblemError(404, { detail: `No site has id ${id}` });
    throw new ProblemError(410, {
      type: '/problems/gone',
      title: 'This site no longer exists',
      detail: `Site ${id} was retired on ${found.site.updated_at}; it no longer exists`,
      site_id: id,
      retired_at: found.site.updated_at,
    });
  },
);
