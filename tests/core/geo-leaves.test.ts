// The leaves of a nearest-k search, against the sites they stand for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf, parentKey } from '../../worker/core/geo/cell';
import type { Range } from '../../worker/core/geo/cover';
import { countAt, densitiesFromLeaves, LEAF_ZOOM, SNAPSHOT_ZOOMS } from '../../worker/core/geo/density';
import { haversine } from '../../worker/core/geo/distance';
import {
  boundOf,
  cutLeaf,
  expectedRadius,
  LeafSearch,
  leafPart,
  runsOf,
  spreadRadius,
} from '../../worker/core/geo/leaves';
import { PLANNER_DEFAULTS } from '../../worker/core/geo/planner-options';

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

  const inRanges = (cell: number, ranges: readonly Range[]) => ranges.some(([lo, hi]) => cell >= lo && cell <= hi);

  it('reads of a crowded leaf cut at a circle every site within it, and the rest of it later exactly once', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 1, max: 3 }), ([c, sites, maxM], zooms) => {
        const search = new LeafSearch(snapshotOf(sites), ['park'], c.lat, c.lng, 50_000);
        search.expandTo(maxM);
        const inner = maxM / 3;
        for (const leaf of search.leaves) {
          const first = leafPart(leaf, c.lat, c.lng, -Infinity, inner, zooms);
          const rest = leafPart(leaf, c.lat, c.lng, inner, maxM, zooms);
          const both = leafPart(leaf, c.lat, c.lng, -Infinity, maxM, zooms);
          for (const s of sites.filter((t) => t.cell >= leaf.lo && t.cell <= leaf.hi)) {
            const d = haversine(c.lat, c.lng, s.lat, s.lng);
            if (d <= inner) expect(inRanges(s.cell, first.ranges)).toBe(true);
            // No site is read twice, and the two reads are the one read of the larger circle.
            expect(inRanges(s.cell, first.ranges) && inRanges(s.cell, rest.ranges)).toBe(false);
            expect(inRanges(s.cell, first.ranges) || inRanges(s.cell, rest.ranges)).toBe(inRanges(s.cell, both.ranges));
          }
          expect(first.share + rest.share).toBeCloseTo(both.share, 9);
          const cut = cutLeaf(leaf, c.lat, c.lng, inner, { ...PLANNER_DEFAULTS, cutZooms: zooms });
          if (leaf.dmax <= inner) expect(cut).toBeUndefined();
          // A cut is taken only where its expected rows (its sites and a row past each range) beat the whole leaf.
          if (cut) expect(cut.ranges.length + leaf.n * cut.share).toBeLessThan(leaf.n);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('expects more sites in a wider circle, never past the radius it is given', () => {
    fc.assert(
      fc.property(data, ([c, sites, maxM, k]) => {
        const search = new LeafSearch(snapshotOf(sites), ['park'], c.lat, c.lng, maxM);
        const bound = search.boundFor(k);
        const r = spreadRadius(search.leaves, c.lat, c.lng, k, bound);
        expect(r).toBeLessThanOrEqual(bound);
        expect(spreadRadius(search.leaves, c.lat, c.lng, 2 * k, bound)).toBeGreaterThanOrEqual(r);
      }),
      { numRuns: 100 },
    );
  });

  it("places a lone site's share at its known distance", () => {
    const sites = [0.001, 0.002, 0.003].map((d) => ({ lat: 39.9 + d, lng: 116.4, cell: cellOf(39.9 + d, 116.4) }));
    const search = new LeafSearch(snapshotOf(sites), ['park'], 39.9, 116.4, 1000);
    search.expandTo(1000);
    const second = haversine(39.9, 116.4, 39.902, 116.4);
    expect(spreadRadius(search.leaves, 39.9, 116.4, 2, 1000)).toBeCloseTo(second, 0);
  });
});
