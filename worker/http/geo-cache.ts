// Public geo reads (nearby, views, data tiles) cached at the edge. Every cached answer is
// keyed by the `geo_version` the isolate last read (triggers bump it on every change to
// sites), so a write makes every older answer unreachable instead of purging URL by URL;
// the same version is the ETag, so a browser revalidating an unchanged view gets a 304
// without the view being computed. The version is trusted for VERSION_TRUST_MS (5 s) after
// it was read, then probed again (one row, one round trip) before the cache is consulted.
import type { MiddlewareHandler } from 'hono';
import { knownVersion, probeVersion } from '../db/geo-state';
import type { AppEnv } from '../env';

/** Defaults of the public geo cache. */
const GEO_CACHE = {
  /** How long a browser may reuse an answer without asking (seconds). */
  maxAgeS: 10,
  /**
   * How long the edge keeps an answer (seconds). Writes cannot make it wrong (its key holds
   * the data version), only the open-now state it was computed with can age this long.
   */
  edgeMaxAgeS: 60,
  /** How long after that a stale answer may be shown while it is refreshed (seconds). */
  staleWhileRevalidateS: 30,
} as const;

/** Says whether an answer came from the edge cache (`hit`) or was computed (`miss`). */
const CACHE_HEADER = 'x-linli-cache';

const cacheControl = `public, max-age=${GEO_CACHE.maxAgeS}, s-maxage=${GEO_CACHE.edgeMaxAgeS}, stale-while-revalidate=${GEO_CACHE.staleWhileRevalidateS}`;

/** The cache key: the URL with its parameters in a fixed order, and the data version. */
function keyOf(url: URL, version: number): Request {
  const params = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const q = new URLSearchParams([...params, ['_geo_version', String(version)]]);
  return new Request(`${url.origin}${url.pathname}?${q}`, { method: 'GET' });
}

/** ETags the request names in If-None-Match (`*` stands for any). */
const matches = (header: string | undefined, etag: string) =>
  header?.split(',').some((t) => t.trim() === '*' || t.trim() === etag) ?? false;

export function geoCache(): MiddlewareHandler<AppEnv> {
  return async function publicGeoCache(c, next) {
    const url = new URL(c.req.url);
    // The benchmark measures D1: its engine-tagged requests bypass the cache.
    if (c.req.method !== 'GET' || (c.env.BENCH_ENGINES && url.searchParams.has('engine'))) return next();
    const version = knownVersion() ?? (await probeVersion(c.env.DB.withSession('first-unconstrained')));
    const etag = `W/"geo-${version}"`;
    const headers = { etag, 'cache-control': cacheControl, vary: 'accept-encoding' };
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);

    const key = keyOf(url, version);
    const cache = caches.default;
    // `Cache-Control: no-cache` asks for a fresh answer (a new URL would get one anyway).
    const hit = /no-cache/.test(c.req.header('cache-control') ?? '') ? undefined : await cache.match(key);
    if (hit) {
      const res = new Response(hit.body, hit);
      res.headers.set(CACHE_HEADER, 'hit');
      return res;
    }
    await next();
    if (c.res.status !== 200) return;
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    c.res.headers.set(CACHE_HEADER, 'miss');
    c.executionCtx.waitUntil(cache.put(key, c.res.clone()));
  };
}
