// Migration 0007 on a database holding sites with the former codes: every site survives
// with its id, its history and its reports; park types, amenities and step-free access are
// mapped to the official vocabularies; each changed site records the change in its history.
import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { streetStatements } from '../../seeds/seed-sql';
import { STREETS } from '../../seeds/streets';
import { cellOf } from '../../worker/core/geo/cell';
import { emptyDatabase } from './fixtures/empty-database';

const before0007 = () => env.TEST_MIGRATIONS.filter((m) => m.name < '0007');
// 0007 alone: later migrations (0008 adds zoom-18 counts) have their own tests.
const from0007 = () => env.TEST_MIGRATIONS.filter((m) => m.name.startsWith('0007'));

async function oldSite(name: string, fields: Record<string, string | number>): Promise<number> {
  const row: Record<string, string | number> = {
    kind: 'park',
    name,
    street_code: '110105017',
    lat: 39.8836,
    lng: 116.4612,
    cell: cellOf(39.8836, 116.4612),
    source: 'street_office',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
  const columns = Object.keys(row);
  const result = await env.DB.prepare(
    `INSERT INTO sites (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  )
    .bind(...columns.map((c) => row[c]!))
    .run();
  return Number(result.meta.last_row_id);
}

const siteOf = (id: number) =>
  env.DB.prepare('SELECT * FROM sites WHERE id = ?').bind(id).first<Record<string, string | number | null>>();

describe('migration 0007 (official vocabularies, accessibility)', () => {
  it('maps the former park types and amenities, moves step-free access to accessibility and keeps everything else', async () => {
    await emptyDatabase();
    expect(before0007().map((m) => m.name.slice(0, 4))).toEqual([
      '0000',
      '0001',
      '0002',
      '0003',
      '0004',
      '0005',
      '0006',
    ]);
    await applyD1Migrations(env.DB, before0007());
    await env.DB.batch(
      streetStatements(STREETS.filter((s) => s.code === '110105017')).map((sql) => env.DB.prepare(sql)),
    );
    const pocket = await oldSite('劲松口袋公园', { park_type: 'pocket', area_ha: 0.4 });
    const forest = await oldSite('朝来森林公园', { park_type: 'country_forest' });
    const wetland = await oldSite('马家湾湿地公园', { park_type: 'wetland' });
    const community = await oldSite('劲松社区公园', { park_type: 'community', amenities: '["toilet","seating"]' });
    const comprehensive = await oldSite('朝阳公园', { park_type: 'comprehensive' });
    const station = await oldSite('劲松驿站', {
      kind: 'rest_station',
      amenities: '["toilet","cooling_heating","accessible","charging"]',
      phones: '["010-67712345"]',
      opening_hours: '24/7',
    });
    const elder = await oldSite('劲松养老驿站', {
      kind: 'elder_care',
      amenities: '["accessible"]',
      elder_services: '["meals","day_care"]',
      beds: 12,
    });
    await env.DB.prepare(
      `INSERT INTO site_changes (id, site_id, at, actor, action, before, after) VALUES (7, ?, '2025-12-01', 'jinsong', 'create', NULL, '{"name":"劲松驿站"}')`,
    )
      .bind(station)
      .run();
    await env.DB.prepare(
      `INSERT INTO reports (site_id, category, created_at, last_reported_at, status, resolved_change_id) VALUES (?, 'wrong_hours', '2025-12-02', '2025-12-02', 'resolved', 7)`,
    )
      .bind(station)
      .run();
    const countsBefore = await env.DB.prepare('SELECT kind, z, tile, n FROM cell_counts ORDER BY kind, z, tile')
      .all()
      .then((r) => r.results);
    const versionBefore = await env.DB.prepare('SELECT v FROM geo_version').first<number>('v');

    await applyD1Migrations(env.DB, from0007());

    expect(await siteOf(pocket)).toMatchObject({
      park_type: 'garden',
      area_ha: 0.4,
      park_grade: null,
      accessibility: '[]',
      version: 2,
    });
    expect(await siteOf(forest)).toMatchObject({ park_type: 'ecological', version: 2 });
    expect(await siteOf(wetland)).toMatchObject({ park_type: 'nature', version: 2 });
    // Unchanged meanings keep their codes, and the site is not touched at all.
    expect(await siteOf(community)).toMatchObject({
      park_type: 'community',
      amenities: '["toilet","seating"]',
      version: 1,
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    expect(await siteOf(comprehensive)).toMatchObject({ park_type: 'comprehensive', version: 1 });
    expect(await siteOf(station)).toMatchObject({
      amenities: '["toilet","cooling","heating","charging"]',
      accessibility: '["step_free_entrance"]',
      phones: '["010-67712345"]',
      opening_hours: '24/7',
      version: 2,
    });
    expect(await siteOf(elder)).toMatchObject({
      amenities: '[]',
      accessibility: '["step_free_entrance"]',
      elder_services: '["meals","day_care"]',
      beds: 12,
      follows_workday_calendar: 0,
    });
    expect(String((await siteOf(station))!.updated_at) > '2026-01-01T00:00:00.000Z').toBe(true);

    // History: the old rows and the report linked to one of them are intact; each changed site has one more.
    const changes = await env.DB.prepare(
      'SELECT id, site_id, actor, action, before, after FROM site_changes ORDER BY id',
    )
      .all<Record<string, string | number | null>>()
      .then((r) => r.results);
    expect(changes[0]).toMatchObject({ id: 7, site_id: station, actor: 'jinsong', action: 'create' });
    expect(await env.DB.prepare('SELECT resolved_change_id FROM reports').first('resolved_change_id')).toBe(7);
    const migrated = changes.filter((c) => c.actor === 'migration:0007');
    expect(migrated.map((c) => c.site_id)).toEqual([pocket, forest, wetland, station, elder]);
    const stationChange = migrated.find((c) => c.site_id === station)!;
    expect(stationChange.action).toBe('update');
    expect(JSON.parse(String(stationChange.before))).toMatchObject({
      id: station,
      amenities: ['toilet', 'cooling_heating', 'accessible', 'charging'],
      version: 1,
      street_name: '劲松街道',
    });
    expect(JSON.parse(String(stationChange.after))).toMatchObject({
      id: station,
      amenities: ['toilet', 'cooling', 'heating', 'charging'],
      accessibility: ['step_free_entrance'],
      park_grade: null,
      version: 2,
    });
    expect(JSON.parse(String(migrated[0]!.before))).toMatchObject({ park_type: 'pocket' });
    expect(JSON.parse(String(migrated[0]!.after))).toMatchObject({ park_type: 'garden' });

    // The geo index and its triggers work as before; caches see a new data version.
    expect(
      await env.DB.prepare('SELECT kind, z, tile, n FROM cell_counts ORDER BY kind, z, tile')
        .all()
        .then((r) => r.results),
    ).toEqual(countsBefore);
    expect(await env.DB.prepare('SELECT v FROM geo_version').first<number>('v')).toBeGreaterThan(versionBefore!);
    const after = await oldSite('新游园', { park_type: 'garden', park_grade: 'grade_4', accessibility: '["ramp"]' });
    expect(await env.DB.prepare("SELECT n FROM cell_counts WHERE kind = 'park' AND z = 15").first('n')).toBe(6);
    expect(after).toBeGreaterThan(elder);
    await env.DB.prepare("UPDATE sites SET status = 'retired' WHERE id = ?").bind(after).run();
    expect(await env.DB.prepare("SELECT n FROM cell_counts WHERE kind = 'park' AND z = 15").first('n')).toBe(5);
    expect(
      await env.DB.prepare('PRAGMA foreign_key_check')
        .all()
        .then((r) => r.results),
    ).toEqual([]);
    await expect(oldSite('旧代码公园', { park_type: 'wetland' })).rejects.toThrow(/sites_park_type/);
    await expect(oldSite('错误等级', { kind: 'rest_station', park_grade: 'grade_1' })).rejects.toThrow(
      /sites_park_grade/,
    );
  });
});
