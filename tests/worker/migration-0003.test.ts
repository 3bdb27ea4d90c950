// Migration 0003 on a database that already holds sites: nothing is lost, and each
// existing site gets its kind's make-up-day default.
import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { streetStatements } from '../../seeds/seed-sql';
import { STREETS } from '../../seeds/streets';
import { cellOf } from '../../worker/core/geo/cell';
import { emptyDatabase } from './fixtures/empty-database';

describe('migration 0003 (holiday calendar, make-up days)', () => {
  it('keeps every existing site and sets elder-care centres to follow the workday calendar, the others not', async () => {
    await emptyDatabase();
    const before = env.TEST_MIGRATIONS.filter((m) => m.name < '0003');
    expect(before.map((m) => m.name.slice(0, 4))).toEqual(['0000', '0001', '0002']);
    await applyD1Migrations(env.DB, before);
    await env.DB.batch(
      streetStatements(STREETS.filter((s) => s.code === '110105017')).map((sql) => env.DB.prepare(sql)),
    );
    for (const [kind, name] of [
      ['elder_care', '劲松养老驿站'],
      ['park', '劲松公园'],
      ['rest_station', '劲松驿站'],
    ]) {
      await env.DB.prepare(`INSERT INTO sites (kind, name, street_code, lat, lng, cell, source, opening_hours)
        VALUES (?, ?, '110105017', 39.8836, 116.4612, ?, 'street_office', 'Mo-Fr 08:00-18:00')`)
        .bind(kind, name, cellOf(39.8836, 116.4612))
        .run();
    }
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
    const { results } = await env.DB.prepare(
      'SELECT kind, name, opening_hours, follows_workday_calendar FROM sites ORDER BY id',
    ).all();
    expect(results).toEqual([
      { kind: 'elder_care', name: '劲松养老驿站', opening_hours: 'Mo-Fr 08:00-18:00', follows_workday_calendar: 1 },
      { kind: 'park', name: '劲松公园', opening_hours: 'Mo-Fr 08:00-18:00', follows_workday_calendar: 0 },
      { kind: 'rest_station', name: '劲松驿站', opening_hours: 'Mo-Fr 08:00-18:00', follows_workday_calendar: 0 },
    ]);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM holiday_years').first('n')).toBe(0);
  });
});
