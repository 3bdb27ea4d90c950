// cell_counts, kept by triggers, always equals a count of the live sites per tile.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf } from '../../worker/core/geo/cell';
import { COUNT_ZOOMS } from '../../worker/core/geo/plan';
import { ALL_KINDS, clearSites, datasetArb, insertSites } from './geo-fixtures';

interface Count {
  kind: string;
  z: number;
  tile: number;
  n: number;
  sum_lat: number;
  sum_lng: number;
}

async function expectCountsMatchSites() {
  const { results: stored } = await env.DB.prepare('SELECT * FROM cell_counts ORDER BY kind, z, tile').all<Count>();
  const { results: sites } = await env.DB.prepare(
    "SELECT kind, lat, lng, cell FROM sites WHERE status != 'retired'",
  ).all<{ kind: string; lat: number; lng: number; cell: number }>();
  const expected = new Map<string, Count>();
  for (const s of sites) {
    for (const z of COUNT_ZOOMS) {
      const tile = Math.floor(s.cell / 4 ** (26 - z));
      const key = `${s.kind}/${z}/${tile}`;
      const c = expected.get(key) ?? { kind: s.kind, z, tile, n: 0, sum_lat: 0, sum_lng: 0 };
      expected.set(key, { ...c, n: c.n + 1, sum_lat: c.sum_lat + s.lat, sum_lng: c.sum_lng + s.lng });
    }
  }
  expect(stored.map((c) => `${c.kind}/${c.z}/${c.tile}:${c.n}`).sort()).toEqual(
    [...expected.values()].map((c) => `${c.kind}/${c.z}/${c.tile}:${c.n}`).sort(),
  );
  for (const c of stored) {
    const e = expected.get(`${c.kind}/${c.z}/${c.tile}`)!;
    expect(c.sum_lat).toBeCloseTo(e.sum_lat, 6);
    expect(c.sum_lng).toBeCloseTo(e.sum_lng, 6);
  }
}

const change = fc.oneof(
  fc.record({
    op: fc.constant('status' as const),
    pick: fc.nat(),
    status: fc.constantFrom('open', 'temporarily_closed', 'retired'),
  }),
  fc.record({ op: fc.constant('kind' as const), pick: fc.nat(), kind: fc.constantFrom(...ALL_KINDS) }),
  fc.record({
    op: fc.constant('move' as const),
    pick: fc.nat(),
    dLat: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
    dLng: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
  }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
);

describe('cell_counts', () => {
  it('follows every insert, status change, re-kind, move and delete of sites', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, fc.array(change, { maxLength: 12 }), async ([, sites], changes) => {
        await clearSites();
        await insertSites(sites);
        for (const c of changes) {
          const ids = (
            await env.DB.prepare('SELECT id, lat, lng FROM sites ORDER BY id').all<{
              id: number;
              lat: number;
              lng: number;
            }>()
          ).results;
          if (ids.length === 0) break;
          const site = ids[c.pick % ids.length]!;
          if (c.op === 'status')
            await env.DB.prepare('UPDATE sites SET status = ? WHERE id = ?').bind(c.status, site.id).run();
          if (c.op === 'kind')
            await env.DB.prepare(
              'UPDATE sites SET kind = ?, beds = NULL, park_type = NULL, area_ha = NULL WHERE id = ?',
            )
              .bind(c.kind, site.id)
              .run();
          if (c.op === 'move') {
            const lat = site.lat + c.dLat,
              lng = site.lng + c.dLng;
            await env.DB.prepare('UPDATE sites SET lat = ?, lng = ?, cell = ? WHERE id = ?')
              .bind(lat, lng, cellOf(lat, lng), site.id)
              .run();
          }
          if (c.op === 'delete') await env.DB.prepare('DELETE FROM sites WHERE id = ?').bind(site.id).run();
        }
        await expectCountsMatchSites();
      }),
      { numRuns: 20 },
    );
  }, 30_000);

  it('is empty once every site is gone, so empty tiles cost nothing to read', async () => {
    await insertSites([{ kind: 'park', lat: 39.9, lng: 116.4, status: 'open', amenities: [], opening_hours: null }]);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM cell_counts').first('n')).toBe(COUNT_ZOOMS.length); // one tile per zoom, 18 included
    await clearSites();
    expect(await env.DB.prepare('SELECT count(*) AS n FROM cell_counts').first('n')).toBe(0);
  });
});
