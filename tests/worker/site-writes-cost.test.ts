// What each write costs in D1 rows written — the billed figure, where every index entry
// and every trigger write counts — pinned exactly: a change here is a change in the bill.
// Each response says its cost in the x-d1-rows-written header. Every site row written also
// bumps the one-row geo_version counter by trigger (+1 a row; the public caches key on it).
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { adminCookie, count, JINSONG, send } from './fixtures/console';

const station = {
  kind: 'rest_station',
  name: '劲松北社区驿站',
  street_code: JINSONG,
  lat: 39.8836,
  lng: 116.4612,
  amenities: ['toilet'],
};
const written = (res: { headers: Headers }) => Number(res.headers.get('x-d1-rows-written'));

/** cell_counts as the triggers keep them, and as a full recount of the live sites gives them. */
async function countsAgree() {
  const kept = await env.DB.prepare(
    'SELECT kind, z, tile, n, round(sum_lat, 6) AS lat, round(sum_lng, 6) AS lng FROM cell_counts ORDER BY 1, 2, 3',
  ).all();
  const recount =
    await env.DB.prepare(`SELECT kind, z, cell >> (2 * (26 - z)) AS tile, count(*) AS n, round(sum(lat), 6) AS lat, round(sum(lng), 6) AS lng
    FROM sites, (SELECT 6 AS z UNION ALL SELECT 9 UNION ALL SELECT 12 UNION ALL SELECT 15 UNION ALL SELECT 18) WHERE status != 'retired' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`).all();
  expect(kept.results).toEqual(recount.results);
}

describe('rows written per operation', () => {
  let cookie: string;
  let id: number;
  beforeEach(async () => {
    cookie = await adminCookie();
    const created = await send('POST', '/api/v1/sites', { cookie, json: station });
    id = created.body.id;
    // The site (1), its index entries (external_id, kind+cell, street+status: 3), sqlite_sequence (1),
    // cell_counts rows for five zooms with their primary-key entries (10), the history row and its index entry (2),
    // the geo_version counter (1).
    expect(written(created)).toBe(18);
  });

  it('an edit writes the site row, its history and the version counter only: 4 rows (site 1, history 1 + its index entry 1, geo_version 1)', async () => {
    const res = await send('PATCH', `/api/v1/sites/${id}`, {
      cookie,
      json: { version: 1, name: '劲松驿站', description: '东门' },
    });
    expect(res.status).toBe(200);
    expect(written(res)).toBe(4);
    await countsAgree();
  });

  it('a verify writes 4 rows (site 1, history 1 + its index entry 1, geo_version 1), not 23', async () => {
    const res = await send('POST', `/api/v1/sites/${id}/verify`, { cookie });
    expect(res.status).toBe(200);
    expect(written(res)).toBe(4);
    expect(await count('site_changes', `site_id = ${id}`)).toBe(2);
  });

  it('pausing a site rewrites its street+status index entry but not the counts: 6 rows', async () => {
    const res = await send('PATCH', `/api/v1/sites/${id}`, {
      cookie,
      json: { version: 1, status: 'temporarily_closed' },
    });
    expect(written(res)).toBe(6);
    await countsAgree();
  });

  it('moving a site updates its cell and the counts of the tiles it leaves and enters', async () => {
    const res = await send('PATCH', `/api/v1/sites/${id}`, { cookie, json: { version: 1, lat: 39.884, lng: 116.462 } });
    expect(written(res)).toBe(25);
    await countsAgree();
  });

  it('retiring and restoring a site move it out of and back into the counts', async () => {
    const retired = await send('DELETE', `/api/v1/sites/${id}`, { cookie });
    expect(written(retired)).toBe(15);
    await countsAgree();
    const restored = await send('POST', `/api/v1/sites/${id}/restore`, { cookie });
    expect(written(restored)).toBe(16);
    await countsAgree();
  });
});

describe('rows written by a 1,000-row import', () => {
  const file = (phone: string) => {
    const lines = ['external_id,kind,name,street_code,lat,lng,phones'];
    for (let i = 0; i < 1000; i++) {
      lines.push(
        `c-${i},rest_station,驿站${i},${JINSONG},${(39.88 + (i % 30) * 0.0002).toFixed(4)},${(116.46 + Math.floor(i / 30) * 0.0002).toFixed(4)},${phone}-${i}`,
      );
    }
    return lines.join('\n');
  };
  const importCsv = (cookie: string, csv: string) =>
    send('POST', '/api/v1/imports', { cookie, body: csv, headers: { 'content-type': 'text/csv' } });

  it('creating 1,000 sites writes 12,051 rows; changing one column of each writes 4 rows a site; re-importing writes none', async () => {
    const cookie = await adminCookie();
    const created = await importCsv(cookie, file('010'));
    expect(created.body).toMatchObject({ created: 1000, rows_written: 12_051 });
    expect(written(created)).toBe(12_051);
    const changed = await importCsv(cookie, file('011'));
    expect(changed.body).toMatchObject({ updated: 1000, rows_written: 4000 });
    const again = await importCsv(cookie, file('011'));
    expect(again.body).toMatchObject({ unchanged: 1000, rows_written: 0 });
    await countsAgree();
  });
});
