// Nearest-k through the geo index gives exactly what reading every row gives.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cellOf } from '../../worker/core/geo/cell';
import { PLANNER_DEFAULTS, type PlannerOptions } from '../../worker/core/geo/planner-options';
import { VERSION_TRUST_MS } from '../../worker/db/geo-state';
import { nearbySites } from '../../worker/services/search/nearby';
import {
  ALL_KINDS,
  AT,
  CENTRES,
  clearSites,
  datasetArb,
  filterArb,
  insertSites,
  nearestOracle,
  siteArb,
  type TestSite,
} from './geo-fixtures';

const query = fc.record({
  dLat: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
  dLng: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
  radiusM: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 400, max: 50_000 })),
  limit: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 100 })),
});

describe('nearbySites', () => {
  it('returns the same sites in the same order as a scan of every row', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, query, filterArb, async ([centre, sites], q, filter) => {
        await clearSites();
        await insertSites(sites);
        const lat = centre.lat + q.dLat,
          lng = centre.lng + q.dLng;
        const found = await nearbySites(env.DB, { ...filter, lat, lng, radiusM: q.radiusM, limit: q.limit });
        const expected = await nearestOracle(lat, lng, q.radiusM, q.limit, filter);
        expect(found.items.map((s) => s.id)).toEqual(expected.map((s) => s.id));
        expect(found.items.map((s) => s.distance_m)).toEqual(expected.map((s) => Math.round(s.distance)));
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  // Dense knots make the first radius small, so answers need several rounds of tiles,
  // and a knot in the overhang of a read tile must not beat closer unread sites.
  const knot = fc.record({
    dLat: fc.double({ min: -0.006, max: 0.006, noNaN: true }),
    dLng: fc.double({ min: -0.006, max: 0.006, noNaN: true }),
    size: fc.constantFrom(0.0002, 0.001),
    n: fc.integer({ min: 5, max: 50 }),
    seed: fc.integer(),
  });
  const dense = fc
    .constantFrom(...CENTRES)
    .chain((centre) =>
      fc.tuple(
        fc.constant(centre),
        fc.array(siteArb(centre), { maxLength: 30 }),
        fc.array(knot, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...ALL_KINDS),
      ),
    );
  /** Every answer near the knots, with these planner options, is the scan's. */
  const agreesNearKnots = (o: PlannerOptions) =>
    fc.asyncProperty(dense, query, fc.boolean(), async ([centre, spread, knots, kind], q, filterKind) => {
      await clearSites();
      const knotSites = knots.flatMap((k) =>
        Array.from({ length: k.n }, (_, i): TestSite => {
          const a = Math.sin(k.seed + i * 12.9898),
            b = Math.cos(k.seed * 3 + i * 78.233);
          return {
            kind,
            lat: centre.lat + k.dLat + a * k.size,
            lng: centre.lng + k.dLng + b * k.size,
            status: 'open',
            amenities: [],
            opening_hours: null,
          };
        }),
      );
      await insertSites([...spread, ...knotSites]);
      const lat = centre.lat + q.dLat / 5,
        lng = centre.lng + q.dLng / 5;
      const filter = { kinds: filterKind ? [kind] : [], amenities: [], openNow: false, at: AT };
      const found = await nearbySites(env.DB, { ...filter, lat, lng, radiusM: q.radiusM, limit: q.limit }, o);
      const expected = await nearestOracle(lat, lng, q.radiusM, q.limit, filter);
      expect(found.items.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    });

  it('widens the search correctly from a dense spot to sites further out', async () => {
    await fc.assert(agreesNearKnots(PLANNER_DEFAULTS), { numRuns: 40 });
  }, 30_000);

  it('reads on the rest of crowded tiles it read in part when their parts held too few', async () => {
    // Cut at a circle expected to hold a fifth of the k nearest, the first read mostly falls
    // short, and the next must read each cut tile's remaining sub-tiles, once.
    await fc.assert(agreesNearKnots({ ...PLANNER_DEFAULTS, cutMargin: 0.2 }), { numRuns: 40 });
  }, 30_000);

  it('finds nothing, without error, where there are no sites or every site is filtered out', async () => {
    await insertSites([{ kind: 'park', lat: 39.9, lng: 116.4, status: 'open', amenities: [], opening_hours: '24/7' }]);
    const base = { lat: 39.9, lng: 116.4, radiusM: 50_000, limit: 100, at: AT };
    expect(
      (await nearbySites(env.DB, { ...base, kinds: ['rest_station'], amenities: [], openNow: false })).items,
    ).toEqual([]);
    expect((await nearbySites(env.DB, { ...base, kinds: [], amenities: ['toilet'], openNow: false })).items).toEqual(
      [],
    );
    expect((await nearbySites(env.DB, { ...base, lat: 41.5, kinds: [], amenities: [], openNow: false })).items).toEqual(
      [],
    );
  });

  describe('after another isolate wrote', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('finds a site added since its counts were read, once the version it trusted has aged', async () => {
      const base = { lat: 39.9, lng: 116.4, radiusM: 3000, limit: 3, kinds: [], amenities: [], openNow: false, at: AT };
      await insertSites(
        [0.002, 0.004, 0.006].map(
          (d): TestSite => ({
            kind: 'park',
            lat: 39.9 + d,
            lng: 116.4,
            status: 'open',
            amenities: [],
            opening_hours: null,
          }),
        ),
      );
      const before = await nearbySites(env.DB, base);
      expect(before.items).toHaveLength(3);
      // A write this isolate does not hear of (no sitesChanged), nearer than all three, in a tile its counts call empty.
      await env.DB.prepare(
        `INSERT INTO sites (kind, name, street_code, lat, lng, cell, source) VALUES ('park', '新公园', '110105017', ?, ?, ?, 'import')`,
      )
        .bind(39.9, 116.4005, cellOf(39.9, 116.4005))
        .run();
      const now = Date.now();
      vi.spyOn(Date, 'now').mockReturnValue(now + VERSION_TRUST_MS + 1);
      const after = await nearbySites(env.DB, base);
      // The read's version probe shows the data moved: the counts are read again and the search runs on them.
      expect(after.items.map((s) => s.name)).toEqual(['新公园', ...before.items.slice(0, 2).map((s) => s.name)]);
      expect(after.round_trips).toBe(3);
    });
  });
});
