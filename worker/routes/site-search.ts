// Geo-search routes: nearest sites to a point, and what is in a map view (GeoJSON).
// Mounted on /api/v1/sites before the `/{id}` route so `/nearby` is not taken for an id.
import { createRoute, z } from '@hono/zod-openapi';
import { tileBox } from '../core/geo/cover';
import { DATA_TILE_ZOOM_OFFSET, MAX_DATA_TILE_ZOOM, mapZoomOfTile } from '../core/geo/data-tiles';
import type { Box } from '../core/geo/distance';
import { PLANNER_DEFAULTS } from '../core/geo/planner-options';
import type { SiteFilter } from '../core/open-state';
import { ACCESSIBILITY, AMENITIES, codes, ELDER_SERVICES, KINDS } from '../core/vocabulary';
import type { Reader } from '../db/geo-state';
import { geoCache } from '../http/geo-cache';
import { ProblemError } from '../http/problem';
import { router } from '../http/router';
import { integerQuery, jsonResponse, problemResponse, ViewSiteSchema } from '../http/schemas';
import { ENGINES, type Engine, EngineRefused, nearbyByBaseline, viewByBaseline } from '../services/search/baselines';
import { nearbySites } from '../services/search/nearby';
import type {
  NearbyQuery as Nearby,
  NearbyItem,
  ViewQuery as View,
  ViewResult,
  ViewSite,
} from '../services/search/results';
import { sitesInView } from '../services/search/view';

/** Defaults and bounds of the search parameters, declared once. */
const SEARCH_LIMITS = {
  radius_m: { default: 3000, min: 1, max: 50_000 },
  limit: { default: 20, min: 1, max: 100 },
  zoom: { min: 0, max: 22 },
} as const;

declare global {
  namespace Cloudflare {
    interface Env {
      /** Set (to anything) only by the benchmark: enables the `engine` baseline parameter. */
      BENCH_ENGINES?: string;
    }
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const numberParam = (name: string, min: number, max: number, example: string) =>
  z
    .string()
    .regex(NUMBER, 'must be a decimal number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .openapi({ param: { name, in: 'query' }, type: 'number', example });

/** A comma-separated list of vocabulary codes; unknown codes are a 400 naming the parameter. */
const codeList = <T extends string>(name: string, allowed: readonly T[], description: string) =>
  z
    .string()
    .transform((text, ctx) => {
      const items = [
        ...new Set(
          text
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      const unknown = items.filter((i) => !(allowed as readonly string[]).includes(i));
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown ${unknown.join(', ')}; expected some of ${allowed.join(', ')}`,
        });
        return z.NEVER;
      }
      return items as T[];
    })
    .openapi({ param: { name, in: 'query', description }, type: 'string', example: allowed[0] });

const Filters = {
  kind: codeList('kind', codes(KINDS), 'Comma-separated kinds; any of them (default: every kind)').optional(),
  amenity: codeList('amenity', codes(AMENITIES), 'Comma-separated amenities; all of them must be present').optional(),
  elder_service: codeList(
    'elder_service',
    codes(ELDER_SERVICES),
    'Comma-separated elder-care services (meals, day_care …); all of them must be offered',
  ).optional(),
  accessibility: codeList(
    'accessibility',
    codes(ACCESSIBILITY),
    'Comma-separated accessibility features (step_free_entrance, accessible_toilet …); all of them must be present',
  ).optional(),
  open_now: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .openapi({
      param: { name: 'open_now', in: 'query', description: 'true keeps only sites open now (Beijing time)' },
      type: 'string',
    })
    .optional(),
};

const NearbyQuery = z.object({
  lat: numberParam('lat', -90, 90, '39.9087'),
  lng: numberParam('lng', -180, 180, '116.3975'),
  ...Filters,
  radius_m: integerQuery(
    'radius_m',
    SEARCH_LIMITS.radius_m,
    `Search radius in metres (default ${SEARCH_LIMITS.radius_m.default})`,
  ).optional(),
  limit: integerQuery(
    'limit',
    SEARCH_LIMITS.limit,
    `Most sites returned (default ${SEARCH_LIMITS.limit.default})`,
  ).optional(),
});

const BboxParam = z
  .string()
  .transform((text, ctx) => {
    const parts = text.split(',');
    const nums = parts.map((p) => (NUMBER.test(p.trim()) ? Number(p) : NaN));
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (parts.length !== 4 || nums.some((n) => !Number.isFinite(n)))
      return fail('must be four numbers: minLng,minLat,maxLng,maxLat');
    const [minLng, minLat, maxLng, maxLat] = nums as [number, number, number, number];
    if ([minLng, maxLng].some((v) => v < -180 || v > 180)) return fail('longitudes must be between -180 and 180');
    if ([minLat, maxLat].some((v) => v < -90 || v > 90)) return fail('latitudes must be between -90 and 90');
    if (minLng > maxLng || minLat > maxLat) return fail('the minimum must not exceed the maximum');
    return { minLng, minLat, maxLng, maxLat } satisfies Box;
  })
  .openapi({
    param: { name: 'bbox', in: 'query', description: 'The view: minLng,minLat,maxLng,maxLat (WGS-84, RFC 7946 order)' },
    type: 'string',
    example: '116.38,39.90,116.40,39.91',
  });

const ViewQuery = z.object({
  bbox: BboxParam,
  ...Filters,
  zoom: integerQuery(
    'zoom',
    SEARCH_LIMITS.zoom,
    'The map zoom; sets the cluster size when the view is crowded',
  ).optional(),
});

const TileFilters = z.object({ ...Filters });
const TilePath = z.object({
  z: integerQuery('z', { min: 0, max: MAX_DATA_TILE_ZOOM }, 'Tile zoom').openapi({ param: { name: 'z', in: 'path' } }),
  x: z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number')
    .transform(Number)
    .openapi({ param: { name: 'x', in: 'path' }, type: 'integer' }),
  y: z
    .string()
    .regex(/^\d{1,7}$/, 'must be a whole number')
    .transform(Number)
    .openapi({ param: { name: 'y', in: 'path' }, type: 'integer' }),
});

/** The tile's box, or a 400 naming x or y when the tile does not exist at its zoom. */
function tileBoxOf(t: { z: number; x: number; y: number }): Box {
  for (const name of ['x', 'y'] as const) {
    if (t[name] >= 2 ** t.z) {
      const reason = `must be below ${2 ** t.z} at zoom ${t.z}`;
      throw new ProblemError(400, { detail: `${name}: ${reason}`, invalid_params: [{ name, in: 'path', reason }] });
    }
  }
  return tileBox(t);
}

const NearbyItemSchema = ViewSiteSchema.extend({ distance_m: z.number().int() }).openapi('NearbySite');

const CostSchema = {
  rows_read: z.number().int().openapi({ description: "Sum of D1's rows_read over the request's statements" }),
  statements: z.number().int().openapi({ description: 'SQL statements the request ran' }),
  round_trips: z
    .number()
    .int()
    .openapi({ description: 'D1 calls made one after another (a batch of statements is one)' }),
};

const NearbyResponse = z
  .object({
    data: z.array(NearbyItemSchema),
    meta: z.object({
      count: z.number().int(),
      ...CostSchema,
      radius_m: z.number().int(),
      limit: z.number().int(),
      searched_m: z.number().int().openapi({ description: 'Radius the search had fully read when it stopped' }),
    }),
  })
  .openapi('NearbySites');

const Point = z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) });
const SiteFeature = z.object({
  type: z.literal('Feature'),
  id: z.number().int(),
  geometry: Point,
  properties: ViewSiteSchema,
});
const ClusterFeature = z.object({
  type: z.literal('Feature'),
  geometry: Point,
  properties: z.object({
    cluster: z.literal(true),
    count: z.number().int(),
    tile: z
      .string()
      .openapi({ description: 'z/x/y of the cluster cell; zoom the map into it', example: '15/26979/12416' }),
  }),
});
const ViewResponse = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.union([SiteFeature, ClusterFeature])),
    meta: z.object({
      mode: z.enum(['sites', 'clusters']),
      count: z
        .number()
        .int()
        .openapi({ description: 'Sites shown: features in sites mode, sites in the clusters in clusters mode' }),
      cap: z.number().int().openapi({ description: 'Most sites sent one by one; beyond it the view is clustered' }),
      ...CostSchema,
      cluster_zoom: z.number().int().optional(),
      filters_applied: z.boolean().openapi({
        description:
          'false when clusters count every live site of the kinds, as the amenity/elder_service/accessibility/open_now filters need each site read',
      }),
    }),
  })
  .openapi('SitesInView');

type Filter = {
  kind?: SiteFilter['kinds'][number][];
  amenity?: SiteFilter['amenities'][number][];
  elder_service?: NonNullable<SiteFilter['elderServices']>[number][];
  accessibility?: NonNullable<SiteFilter['accessibility']>[number][];
  open_now?: boolean;
};
const filterOf = (q: Filter): SiteFilter => ({
  kinds: q.kind ?? [],
  amenities: q.amenity ?? [],
  elderServices: q.elder_service ?? [],
  accessibility: q.accessibility ?? [],
  openNow: q.open_now ?? false,
  at: new Date(),
});

/** The query engine: the geo index, or (benchmark only) a baseline to compare it with. */
function engineOf(env: Env, requested: string | undefined): Engine {
  if (!env.BENCH_ENGINES || requested === undefined) return 'linli';
  const engine = ENGINES.find((e) => e === requested);
  if (!engine) {
    const reason = `must be one of ${ENGINES.join(', ')}`;
    throw new ProblemError(400, {
      detail: `engine: ${reason}`,
      invalid_params: [{ name: 'engine', in: 'query', reason }],
    });
  }
  return engine;
}

/** An engine's refusal as a 400 naming the `engine` parameter. */
async function refusedAsProblem<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    if (!(error instanceof EngineRefused)) throw error;
    throw new ProblemError(400, {
      detail: `engine: ${error.reason}`,
      invalid_params: [{ name: 'engine', in: 'query', reason: error.reason }],
    });
  }
}

/** Nearest sites by the requested engine. */
const nearby = (env: Env, engine: Engine, query: Nearby) =>
  engine === 'linli' ? nearbySites(reader(env), query) : refusedAsProblem(nearbyByBaseline(reader(env), query, engine));

/** A map view by the requested engine. */
const view = (env: Env, engine: Engine, query: View) =>
  engine === 'linli' ? sitesInView(reader(env), query) : refusedAsProblem(viewByBaseline(reader(env), query, engine));

/** Reads go through a Sessions API session, so production D1 may serve them from a nearby replica. */
const reader = (env: Env): Reader => env.DB.withSession('first-unconstrained');

const siteFeature = (s: ViewSite) => ({
  type: 'Feature' as const,
  id: s.id,
  geometry: { type: 'Point' as const, coordinates: [s.lng, s.lat] as [number, number] },
  properties: s,
});

function featureCollection(result: ViewResult) {
  const cost = {
    rows_read: result.rows_read,
    statements: result.statements,
    round_trips: result.round_trips,
    cap: PLANNER_DEFAULTS.viewCap,
    filters_applied: result.filters_applied,
  };
  if (result.mode === 'sites') {
    return {
      type: 'FeatureCollection' as const,
      features: result.sites.map(siteFeature),
      meta: { mode: result.mode, count: result.sites.length, ...cost },
    };
  }
  return {
    type: 'FeatureCollection' as const,
    features: result.clusters.map((c) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [c.lng, c.lat] as [number, number] },
      properties: { cluster: true as const, count: c.count, tile: `${c.tile.z}/${c.tile.x}/${c.tile.y}` },
    })),
    meta: {
      mode: result.mode,
      count: result.clusters.reduce((n, c) => n + c.count, 0),
      cluster_zoom: result.cluster_zoom,
      ...cost,
    },
  };
}

const searchRoutes = router();
// Public reads, cached at the edge by data version (worker/http/geo-cache.ts).
for (const path of ['/nearby', '/', '/tiles/*']) searchRoutes.use(path, geoCache());

export const siteSearch = searchRoutes
  .openapi(
    createRoute({
      method: 'get',
      path: '/nearby',
      tags: ['sites'],
      summary: 'Sites nearest to a point, by true (great-circle) distance',
      description:
        'Retired sites never appear; temporarily closed ones appear with open_now false. Ties in distance are ordered by id.',
      request: { query: NearbyQuery },
      responses: {
        200: jsonResponse(NearbyResponse, 'The nearest matching sites, nearest first'),
        400: problemResponse('A parameter is missing, malformed or out of range'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const query = {
        ...filterOf(q),
        lat: q.lat,
        lng: q.lng,
        radiusM: q.radius_m ?? SEARCH_LIMITS.radius_m.default,
        limit: q.limit ?? SEARCH_LIMITS.limit.default,
      };
      const engine = engineOf(c.env, c.req.query('engine'));
      const found = await nearby(c.env, engine, query);
      const data: NearbyItem[] = found.items;
      return c.json(
        {
          data,
          meta: {
            count: data.length,
            rows_read: found.rows_read,
            statements: found.statements,
            round_trips: found.round_trips,
            radius_m: query.radiusM,
            limit: query.limit,
            searched_m: Math.round(found.searched_m),
          },
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['sites'],
      summary: 'What is in a map view, as GeoJSON: the sites, or clusters when there are too many',
      description: `Up to ${PLANNER_DEFAULTS.viewCap} sites come one by one (meta.mode "sites"); a fuller view comes as clusters with a count and centre per tile (meta.mode "clusters").`,
      request: { query: ViewQuery },
      responses: {
        200: {
          description: 'An RFC 7946 FeatureCollection',
          content: { 'application/geo+json': { schema: ViewResponse } },
        },
        400: problemResponse('A parameter is missing, malformed or out of range'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const query = { ...filterOf(q), box: q.bbox, zoom: q.zoom };
      const engine = engineOf(c.env, c.req.query('engine'));
      const result = await view(c.env, engine, query);
      return c.json(featureCollection(result), 200, { 'content-type': 'application/geo+json; charset=utf-8' });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tiles/{z}/{x}/{y}',
      tags: ['sites'],
      summary: 'What is in one map data tile, as GeoJSON: the sites, or clusters when there are too many',
      description:
        `The same answer as a view of the tile's box on a map at zoom z + ${DATA_TILE_ZOOM_OFFSET} (a data tile is 4 × 4 map tiles). ` +
        'Maps ask for the data tiles covering the screen, so repeated and neighbouring views reuse cached answers (Cache-Control, ETag).',
      request: { params: TilePath, query: TileFilters },
      responses: {
        200: {
          description: 'An RFC 7946 FeatureCollection',
          content: { 'application/geo+json': { schema: ViewResponse } },
        },
        400: problemResponse('A parameter is missing, malformed or out of range'),
      },
    }),
    async (c) => {
      const t = c.req.valid('param');
      const q = c.req.valid('query');
      const query = { ...filterOf(q), box: tileBoxOf(t), zoom: mapZoomOfTile(t.z) };
      const engine = engineOf(c.env, c.req.query('engine'));
      const result = await view(c.env, engine, query);
      return c.json(featureCollection(result), 200, { 'content-type': 'application/geo+json; charset=utf-8' });
    },
  );
