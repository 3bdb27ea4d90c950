// The search planner's tunables are one object (core/geo/planner-options.ts) that the
// searches take as options: a caller (a test, the benchmark) may pass its own.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PLANNER_DEFAULTS } from '../../worker/core/geo/planner-options';
import { nearbySites } from '../../worker/services/search/nearby';
import { sitesInView } from '../../worker/services/search/view';
import { AT, insertSites, type TestSite } from './geo-fixtures';

const park = (lat: number, lng: number): TestSite => ({
  kind: 'park',
  lat,
  lng,
  status: 'open',
  amenities: [],
  opening_hours: null,
});
const box = { minLat: 39.9, minLng: 116.4, maxLat: 39.91, maxLng: 116.41 };
const filter = { kinds: [], amenities: [], openNow: false, at: AT };

describe('the planner options', () => {
  it('sends a view of three sites one by one by default, and as clusters with a view cap of two', async () => {
    await insertSites([park(39.901, 116.401), park(39.905, 116.405), park(39.909, 116.409)]);
    const byDefault = await sitesInView(env.DB, { ...filter, box, zoom: 15 });
    expect(byDefault.mode).toBe('sites');
    const capped = await sitesInView(env.DB, { ...filter, box, zoom: 15 }, { ...PLANNER_DEFAULTS, viewCap: 2 });
    expect(capped.mode).toBe('clusters');
    expect(capped.mode === 'clusters' && capped.clusters.reduce((n, c) => n + c.count, 0)).toBe(3);
  });

  it('finds the same nearest sites whatever the first margin and expansion radius', async () => {
    await insertSites([park(39.901, 116.401), park(39.905, 116.405), park(39.909, 116.409), park(39.95, 116.45)]);
    const q = { ...filter, lat: 39.9, lng: 116.4, radiusM: 20_000, limit: 3 };
    const ids = async (o = PLANNER_DEFAULTS) => (await nearbySites(env.DB, q, o)).items.map((s) => s.id);
    const expected = await ids();
    expect(expected).toHaveLength(3);
    expect(await ids({ ...PLANNER_DEFAULTS, firstMargin: 0.1, firstExpansionM: 10_000, exactStatements: 1 })).toEqual(
      expected,
    );
  });
});
