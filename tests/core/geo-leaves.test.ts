// The leaves of a nearest-k search, against the sites they stand for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf, parentKey } from '../../worker/core/geo/cell';
import { countAt, densitiesFromLeaves, LEAF_ZOOM, SNAPSHOT_ZOOMS } from '../../worker/core/geo/density';
import { haversine } from '../../worker/core/geo/distance';
import { boundOf, expectedRadius, LeafSearch, runsOf } from '../../worker/core/geo/leaves';

const centreArb = fc.record({
  lat: fc.double({ min: 18, max: 53, noNaN: true }),
  lng: fc.double({ min: 73, max: 135, noNaN: true }),
});
// Sites within ~5 km of the centre, some in knots, some sharing a tile edge.
const sitesArb = (c: { lat: number; lng: number }) =>
  fc
    .array(
      fc.record({
        dLat: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        dLng: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        knot: fc.boolean(),
      }),
      { maxLength: 120 },
    )
    .map((list) =>
      list.map(({ dLat, dLng, knot }) => {
        const lat = c.lat + (knot ? dLat / 50 : dLat),
          lng = c.lng + (knot ? dLng / 50 : dLng);
        return { lat, lng, cell: cellOf(lat, lng) };
      }),
    );

/** The snapshot of the sites, with the coordinate sums (so lone sites' positions are known) or without. */
function snapshotOf(sites: readonly { cell: number; lat: number; lng: number }[], sums = true) {
  const rows = new Map<number, { tile: number; n: number; sum_lat: number; sum_lng: number }>();
  for (const s of sites) {
    const tile = parentKey(s.cell, LEAF_ZOOM);
    const r = rows.get(tile) ?? { tile, n: 0, sum_lat: 0, sum_lng: 0 };
    rows.set(tile, { tile, n: r.n + 1, sum_lat: r.sum_lat + s.lat, sum_lng: r.sum_lng + s.lng });
  }
  return densitiesFromLeaves([
    { kind: 'park', rows: [...rows.values()].map((r) => (sums ? r : { tile: r.tile, n: r.n })) },
  ]);
}

const data = centreArb.chain((c) =>
  fc.tuple(fc.constant(c), sitesArb(c), fc.integer({ min: 1, max: 8_000 }), fc.integer({ min: 1, max: 30 })),
);

describe('leaf search', () => {
  it('sums the leaf counts exactly at every coarser zoom', () => {
    fc.assert(
      fc.property(data, ([, sites]) => {
        const d = snapshotOf(sites);
        for (const z of SNAPSHOT_ZOOMS) {
          for (const s of sites) {
            const key = parentKey(s.cell, z);
            expect(countAt(d, ['park'], z, key)).toBe(sites.filter((t) => parentKey(t.cell, z) === key).length);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('finds the leaf of every site within the radius it was expanded to, with its exact count', () => {
    fc.assert(
      fc.property(data, ([c, sites, r]) => {
        const search = new LeafSearch(snapshotOf(sites), ['park'], c.lat, c.lng, 50_000);
        search.expandTo(r);
        for (const s of sites) {
          if (haversine(c.lat, c.lng, s.lat, s.lng) > r) continue;
          const leaf = search.leaves.find((l) => s.cell >= l.lo && s.cell <= l.hi);
          expect(leaf).toBeDefined();
          expect(leaf!.n).toBe(sites.filter((t) => t.cell >= leaf!.lo && t.cell <= leaf!.hi).length);
        }
        search.leaves.slice(1).forEach((l, i) => {
          expect(l.dmin).toBeGreaterThanOrEqual(search.leaves[i]!.dmin);
        });
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ['the counts alone', false],
    ["the counts and lone sites' positions", true],
  ])('bounds the distance of the k-th nearest site from %s', (_, sums) => {
    fc.assert(
      fc.property(data, ([c, sites, maxM, k]) => {
        const search = new LeafSearch(snapshotOf(sites, sums), ['park'], c.lat, c.lng, maxM);
        const bound = search.boundFor(k);
        const distances = sites
          .map((s) => haversine(c.lat, c.lng, s.lat, s.lng))
          .filter((d) => d <= maxM)
          .sort((a, b) => a - b);
        if (distances.length >= k) expect(distances[k - 1]).toBeLessThanOrEqual(bound + 0.01);
        else expect(bound).toBe(maxM);
        expect(boundOf(search.leaves, k, maxM)).toBe(bound);
        expect(expectedRadius(search.leaves, k, bound)).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 100 },
    );
  });

  it('joins touching leaves into one run holding the sum of their sites', () => {
    const runs = runsOf([
      { kind: 'park', lo: 0, hi: 9, n: 2, dmin: 0, dmax: 1 },
      { kind: 'park', lo: 10, hi: 19, n: 1, dmin: 0, dmax: 1 },
      { kind: 'park', lo: 30, hi: 39, n: 4, dmin: 0, dmax: 1 },
      { kind: 'rest_station', lo: 20, hi: 29, n: 1, dmin: 0, dmax: 1 },
    ]);
    expect(runs.get('park')).toEqual([
      { lo: 0, hi: 19, n: 3 },
      { lo: 30, hi: 39, n: 4 },
    ]);
    expect(runs.get('rest_station')).toEqual([{ lo: 20, hi: 29, n: 1 }]);
  });
});
