// A map view through the geo index shows exactly the sites a scan of every row finds.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sitesInView } from '../../worker/services/search/view';
import { clearSites, datasetArb, filterArb, insertSites, viewOracle } from './geo-fixtures';

const viewArb = fc.record({
  dLat: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
  dLng: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
  height: fc.constantFrom(0.0005, 0.003, 0.01, 0.05, 0.4),
  aspect: fc.double({ min: 0.5, max: 2, noNaN: true }),
  zoom: fc.option(fc.integer({ min: 8, max: 18 }), { nil: undefined }),
});

describe('sitesInView', () => {
  it('returns, below the cap, exactly the matching sites inside the box, by id', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, viewArb, filterArb, async ([centre, sites], v, filter) => {
        await clearSites();
        await insertSites(sites);
        const minLat = centre.lat + v.dLat,
          minLng = centre.lng + v.dLng;
        const box = { minLat, minLng, maxLat: minLat + v.height, maxLng: minLng + v.height * v.aspect };
        const result = await sitesInView(env.DB, { ...filter, box, zoom: v.zoom });
        expect(result.mode).toBe('sites');
        if (result.mode !== 'sites') return;
        expect(result.sites.map((s) => s.id)).toEqual(await viewOracle(box, filter));
      }),
      { numRuns: 50 },
    );
  }, 30_000);

  it('includes sites lying exactly on the edges of the box', async () => {
    await insertSites([
      { kind: 'park', lat: 39.9, lng: 116.4, status: 'open', amenities: [], opening_hours: null },
      { kind: 'park', lat: 39.95, lng: 116.45, status: 'open', amenities: [], opening_hours: null },
      { kind: 'park', lat: 39.9500001, lng: 116.45, status: 'open', amenities: [], opening_hours: null },
    ]);
    const box = { minLat: 39.9, minLng: 116.4, maxLat: 39.95, maxLng: 116.45 };
    const result = await sitesInView(env.DB, { kinds: [], amenities: [], openNow: false, at: new Date(), box });
    expect(result.mode === 'sites' && result.sites.map((s) => s.lat)).toEqual([39.9, 39.95]);
  });
});
