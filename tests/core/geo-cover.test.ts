// The pure geometry under the geo index: key ranges, tile covers and distances.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf, cellRange, tileOf } from '../../worker/core/geo/cell';
import { coverCircle, mergeRanges, type Range, subtractRanges, tileBox } from '../../worker/core/geo/cover';
import { circleBox, distanceToBox, haversine } from '../../worker/core/geo/distance';

const rangesArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 8 })), { maxLength: 8 })
  .map((list) => list.map(([lo, len]): Range => [lo, lo + len]));
const keysOf = (ranges: readonly Range[]) => {
  const keys = new Set<number>();
  for (const [lo, hi] of ranges) for (let k = lo; k <= hi; k++) keys.add(k);
  return keys;
};
// Points in and around China.
const pointArb = fc.record({
  lat: fc.double({ min: 18, max: 53, noNaN: true }),
  lng: fc.double({ min: 73, max: 135, noNaN: true }),
});

describe('key ranges', () => {
  it('merging keeps exactly the same keys in fewer, sorted, non-touching ranges', () => {
    fc.assert(
      fc.property(rangesArb, (ranges) => {
        const merged = mergeRanges(ranges);
        expect(keysOf(merged)).toEqual(keysOf(ranges));
        merged.slice(1).forEach(([lo], i) => {
          expect(lo).toBeGreaterThan(merged[i]![1] + 1);
        });
      }),
    );
  });

  it('subtracting leaves the keys of the first set that are not in the second', () => {
    fc.assert(
      fc.property(rangesArb, rangesArb, (a, b) => {
        const left = keysOf(subtractRanges(mergeRanges(a), mergeRanges(b)));
        const taken = keysOf(b);
        expect(left).toEqual(new Set([...keysOf(a)].filter((k) => !taken.has(k))));
      }),
    );
  });
});

describe('tiles', () => {
  it("puts every point's cell inside the key range of its tile at every zoom", () => {
    fc.assert(
      fc.property(pointArb, fc.integer({ min: 0, max: 26 }), ({ lat, lng }, z) => {
        const [lo, hi] = cellRange(tileOf(lat, lng, z));
        const cell = cellOf(lat, lng);
        expect(cell).toBeGreaterThanOrEqual(lo);
        expect(cell).toBeLessThanOrEqual(hi);
      }),
    );
  });

  it('covers a circle with tiles whose ranges hold every point inside it, even on tile edges', () => {
    fc.assert(
      fc.property(
        pointArb,
        fc.integer({ min: 1, max: 50_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (c, r, f, angle) => {
          // A point at distance f·r in some direction (equirectangular step, then kept only if inside).
          const d = f * r;
          const lat = c.lat + (d * Math.cos(angle)) / 111_195;
          const lng = c.lng + (d * Math.sin(angle)) / (111_195 * Math.cos((c.lat * Math.PI) / 180));
          fc.pre(haversine(c.lat, c.lng, lat, lng) <= r);
          const cover = coverCircle(
            c.lat,
            c.lng,
            r,
            circleBox(c.lat, c.lng, r),
            Math.max(0, Math.min(20, Math.ceil(Math.log2(40_075_016 / (4 * r))))),
          );
          const cell = cellOf(lat, lng);
          expect(cover.ranges.some(([lo, hi]) => cell >= lo && cell <= hi)).toBe(true);
          const box = circleBox(c.lat, c.lng, r);
          expect(lat >= box.minLat && lat <= box.maxLat && lng >= box.minLng && lng <= box.maxLng).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps only tiles that touch the circle', () => {
    fc.assert(
      fc.property(pointArb, fc.integer({ min: 10, max: 2000 }), fc.integer({ min: 12, max: 18 }), (c, r, z) => {
        const cover = coverCircle(c.lat, c.lng, r, circleBox(c.lat, c.lng, r), z);
        for (const t of cover.tiles) expect(distanceToBox(c.lat, c.lng, tileBox(t))).toBeLessThanOrEqual(r + 0.01);
      }),
      { numRuns: 30 },
    );
  });
});

describe('distance to a box', () => {
  it('is the shortest distance to any point of the box, beside it and poleward of it', () => {
    fc.assert(
      fc.property(
        pointArb,
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.double({ min: 0.01, max: 4, noNaN: true }),
        (p, dLat, dLng, size) => {
          const box = {
            minLat: p.lat + dLat,
            maxLat: p.lat + dLat + size,
            minLng: p.lng + dLng,
            maxLng: p.lng + dLng + size,
          };
          const d = distanceToBox(p.lat, p.lng, box);
          let best = Infinity;
          const steps = 400;
          for (let i = 0; i <= steps; i++) {
            const lat = box.minLat + (size * i) / steps,
              lng = box.minLng + (size * i) / steps;
            best = Math.min(
              best,
              haversine(p.lat, p.lng, lat, box.minLng),
              haversine(p.lat, p.lng, lat, box.maxLng),
              haversine(p.lat, p.lng, box.minLat, lng),
              haversine(p.lat, p.lng, box.maxLat, lng),
            );
          }
          const inside = p.lat >= box.minLat && p.lat <= box.maxLat && p.lng >= box.minLng && p.lng <= box.maxLng;
          if (inside) expect(d).toBe(0);
          else {
            expect(d).toBeLessThanOrEqual(best + 1e-6);
            // Sampling every 1/400 of the edge finds a point within a short step of the true nearest one.
            expect(best - d).toBeLessThan((size / steps) * 111_195);
          }
        },
      ),
    );
  });
});
