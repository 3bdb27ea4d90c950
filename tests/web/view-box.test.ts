// The map's view as numbers (web/src/view-box.ts): what a centre and zoom show, and the
// zoom that brings a point into view ("widen").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inBbox, viewBox, zoomToInclude } from '../../web/src/view-box';

describe('the map view without the map', () => {
  it('shows the box of 256 × 256 px around the centre as Web Mercator tiles of 256 px do', () => {
    // At zoom 1 the world is 512 px wide: 256 px around (0, 0) is half of it.
    const [w, s, e, n] = viewBox({ lat: 0, lng: 0 }, 1, 256, 256);
    expect(w).toBeCloseTo(-90, 9);
    expect(e).toBeCloseTo(90, 9);
    expect(n).toBeCloseTo(66.51326, 4); // tile edge latitude of y = 0.5 at zoom 1
    expect(s).toBeCloseTo(-66.51326, 4);
  });

  it('widens to the largest zoom that shows the point, and no larger', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 39.5, max: 40.5, noNaN: true }),
        fc.double({ min: 116, max: 117, noNaN: true }),
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        (lat, lng, dLat, dLng) => {
          const centre = { lat, lng };
          const point = { lat: lat + dLat, lng: lng + dLng };
          const z = zoomToInclude(centre, point, 18, 360, 300);
          expect(inBbox(viewBox(centre, z, 360, 300), point)).toBe(true);
          if (z < 18) expect(zoomToInclude(centre, point, z + 1, 360, 300)).toBe(z);
        },
      ),
    );
  });
});
