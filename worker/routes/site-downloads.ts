// Downloads of what the public sees: the nearby list and a map view as GeoJSON or CSV,
// with the data's licence. Each one asks the public search route itself (an internal
// request, no network), so the filters, their validation and errors are exactly those
// of GET /sites/nearby and GET /sites?bbox=; only the format differs.
import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DATA_LICENCE, licenceLink } from '../core/data-licence';
import { type ListedSite, siteListCsv, siteListGeoJson } from '../downloads/site-list';
import { problem } from '../http/problem';
import { router } from '../http/router';
import { problemResponse } from '../http/schemas';
import { siteSearch } from './site-search';

/** The query schema of a public search route, read from its OpenAPI definition so the docs cannot drift. */
function queryOf(path: string): NonNullable<NonNullable<RouteConfig['request']>['query']> {
  for (const d of siteSearch.openAPIRegistry.definitions) {
    if (d.type === 'route' && d.route.path === path && d.route.request?.query) return d.route.request.query;
  }
  throw new Error(`no public search route ${path}`);
}

type Format = 'geojson' | 'csv';
const LICENCE_NOTE = `Data licence: ${DATA_LICENCE.name} (${DATA_LICENCE.url}); attribution: ${DATA_LICENCE.attribution}.`;

const download = (what: string, path: string, format: Format, search: string) =>
  createRoute({
    method: 'get',
    path,
    tags: ['sites'],
    summary: `${what} as ${format === 'csv' ? 'CSV (UTF-8 with BOM)' : 'GeoJSON'}, to download`,
    description:
      `The same parameters and filters as GET /api/v1/sites${search === '/' ? '?bbox=' : search}. ${LICENCE_NOTE}` +
      (format === 'csv'
        ? ' The CSV states the licence in its Link header (rel="license").'
        : ' The FeatureCollection carries licence and attribution members.'),
    request: { query: queryOf(search === '/nearby' ? '/nearby' : '/') as z.ZodObject },
    responses: {
      200:
        format === 'csv'
          ? { description: 'CSV, one row per site', content: { 'text/csv': { schema: z.string() } } }
          : {
              description: 'An RFC 7946 FeatureCollection of the sites',
              content: { 'application/geo+json': { schema: z.object({}).passthrough() } },
            },
      400: problemResponse('A parameter is missing, malformed or out of range'),
      ...(search === '/'
        ? {
            422: problemResponse(
              'The view holds too many sites to list one by one (the map clusters them); zoom in or filter',
            ),
          }
        : {}),
    },
  });

const day = () => new Date().toISOString().slice(0, 10);

/** Answers the download, or passes on the search's own problem response. */
async function answer(c: Context, searchPath: '/nearby' | '/', format: Format, name: string): Promise<Response> {
  const url = new URL(c.req.url);
  // The search caches through the execution context (waitUntil): the internal call shares this request's.
  const res = await siteSearch.request(
    `${searchPath}${url.search}`,
    { headers: { accept: 'application/json' } },
    c.env,
    c.executionCtx,
  );
  if (!res.ok) return res;
  const body = (await res.json()) as {
    data?: ListedSite[];
    features?: { properties: ListedSite & { cluster?: true } }[];
    meta: { mode?: string; cap?: number };
  };
  if (body.meta.mode === 'clusters') {
    const reason = `the view holds more than ${body.meta.cap} sites, which the map shows as clusters; zoom in or filter to download them`;
    return problem(c, 422, { detail: `bbox: ${reason}`, invalid_params: [{ name: 'bbox', in: 'query', reason }] });
  }
  const sites = body.data ?? (body.features ?? []).map((f) => f.properties);
  const headers = {
    'content-disposition': `attachment; filename="linli-${name}-${day()}.${format}"`,
    'cache-control': 'no-store',
    link: licenceLink,
  };
  if (format === 'csv')
    return c.body(siteListCsv(sites, searchPath === '/nearby'), 200, {
      ...headers,
      'content-type': 'text/csv; charset=utf-8',
    });
  return c.json(siteListGeoJson(sites), 200, { ...headers, 'content-type': 'application/geo+json; charset=utf-8' });
}

// The handlers answer Response (a file or the search's problem), which zod-openapi's typed responses cannot say.
export const siteDownloads = router()
  .openapi(
    download('The nearest sites', '/nearby.geojson', 'geojson', '/nearby'),
    (c) => answer(c, '/nearby', 'geojson', 'nearby') as never,
  )
  .openapi(
    download('The nearest sites', '/nearby.csv', 'csv', '/nearby'),
    (c) => answer(c, '/nearby', 'csv', 'nearby') as never,
  )
  .openapi(
    download('The sites in a map view', '/view.geojson', 'geojson', '/'),
    (c) => answer(c, '/', 'geojson', 'view') as never,
  )
  .openapi(download('The sites in a map view', '/view.csv', 'csv', '/'), (c) => answer(c, '/', 'csv', 'view') as never);
