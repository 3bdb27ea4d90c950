// The map base linli ships (web/src/fallback-base/beijing.json, built by seeds/build-base.ts):
// the districts a person would look for, drawn where they are.
import { describe, expect, it } from 'vitest';
import streets from '../../seeds/data/streets-11.json';
import type { BaseData, BaseDistrict } from '../../web/src/fallback-base/base-data';
import beijing from '../../web/src/fallback-base/beijing.json';

const base = beijing as BaseData;
type Pt = [number, number];

function inRing([x, y]: Pt, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Pt;
    const [xj, yj] = ring[j] as Pt;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const inDistrict = (p: Pt, d: BaseDistrict) =>
  d.polygons.some(([outer, ...holes]) => inRing(p, outer!) && !holes.some((h) => inRing(p, h)));

/** Metres from a point to the nearest border of a district (flat approximation, fine at city scale). */
function metresToBorder([x, y]: Pt, d: BaseDistrict): number {
  const kx = 111_320 * Math.cos((y * Math.PI) / 180);
  const ky = 110_574;
  let best = Infinity;
  for (const ring of d.polygons.flat()) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1] as Pt;
      const [bx, by] = ring[i] as Pt;
      const dx = (bx - ax) * kx,
        dy = (by - ay) * ky;
      const px = (x - ax) * kx,
        py = (y - ay) * ky;
      const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy || 1)));
      best = Math.min(best, Math.hypot(px - t * dx, py - t * dy));
    }
  }
  return best;
}

describe('the base the map draws without tiles', () => {
  it("has Beijing's 16 districts, with the codes and names of the street list", () => {
    const districts = new Map(streets.map((s) => [s.district_code, s.district_name]));
    expect(base.districts.map((d) => [d.code, d.name]).sort()).toEqual([...districts].sort());
    for (const d of base.districts) expect(d.name_en).toMatch(/^[A-Z][a-z]+$/);
  });

  it('writes each district name inside its outline', () => {
    for (const d of base.districts) expect(inDistrict([d.label.lng, d.label.lat], d), d.name).toBe(true);
  });

  it('places every named township in its own district, or within 1 km of its border (positions are approximate)', () => {
    const byCode = new Map(base.districts.map((d) => [d.code, d]));
    const names = new Map(streets.map((s) => [s.code, s.name]));
    let inside = 0;
    for (const s of base.streets) {
      expect(names.get(s.code)).toBe(s.name);
      const d = byCode.get(s.code.slice(0, 6))!;
      if (inDistrict([s.lng, s.lat], d)) inside++;
      else expect(metresToBorder([s.lng, s.lat], d), s.name).toBeLessThan(1000);
    }
    expect(inside / base.streets.length).toBeGreaterThan(0.95);
  });
});
