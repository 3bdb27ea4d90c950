// Migration 0004 on a database that already holds data: history ids and the reports
// linked to them survive the rebuild of site_changes, sites without history get their
// creation recorded, and the counts trigger still keeps cell_counts right.
import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { streetStatements } from '../../seeds/seed-sql';
import { STREETS } from '../../seeds/streets';
import { count, insertSite } from './fixtures/console';
import { emptyDatabase } from './fixtures/empty-database';

const before0004 = () => env.TEST_MIGRATIONS.filter((m) => m.name < '0004');
const from0004 = () => env.TEST_MIGRATIONS.filter((m) => m.name >= '0004');

describe('migration 0004_cheaper_writes', () => {
  it('keeps every history row with its id and the reports linked to it, and records the creation of sites without history', async () => {
    await emptyDatabase();
    await applyD1Migrations(env.DB, before0004());
    await env.DB.batch(streetStatements(STREETS).map((sql) => env.DB.prepare(sql)));
    const edited = await insertSite({ name: '有历史的驿站', external_id: 'h-1' });
    const seeded = await insertSite({
      name: '种子驿站',
      external_id: 'news:x',
      lat: 39.885,
      lng: 116.463,
      source: 'news_report',
    });
    await env.DB.prepare(
      `INSERT INTO site_changes (id, site_id, at, actor, action, before, after) VALUES (41, ?, '2026-01-01', 'admin', 'update', '{}', '{"name":"有历史的驿站"}')`,
    )
      .bind(edited)
      .run();
    await env.DB.prepare(
      `INSERT INTO reports (site_id, category, created_at, status, resolved_change_id) VALUES (?, 'closed', '2026-01-02', 'resolved', 41)`,
    )
      .bind(edited)
      .run();

    await applyD1Migrations(env.DB, from0004());

    expect(
      await env.DB.prepare('SELECT id, site_id, actor, action FROM site_changes WHERE site_id = ?')
        .bind(edited)
        .all()
        .then((r) => r.results),
    ).toEqual([{ id: 41, site_id: edited, actor: 'admin', action: 'update' }]);
    expect(await env.DB.prepare('SELECT resolved_change_id FROM reports').first('resolved_change_id')).toBe(41);
    const created = await env.DB.prepare('SELECT actor, action, before, after FROM site_changes WHERE site_id = ?')
      .bind(seeded)
      .first<{ actor: string; action: string; before: string | null; after: string }>();
    expect(created).toMatchObject({ actor: 'seed', action: 'create', before: null });
    expect(JSON.parse(created!.after)).toMatchObject({
      id: seeded,
      name: '种子驿站',
      street_name: '劲松街道',
      phones: [],
      version: 1,
    });
    // New history rows continue after the highest id; foreign keys still hold.
    await env.DB.prepare(
      `INSERT INTO site_changes (site_id, at, actor, action, after) VALUES (?, 'now', 'admin', 'verify', '{}')`,
    )
      .bind(edited)
      .run();
    expect(await env.DB.prepare('SELECT max(id) AS id FROM site_changes').first('id')).toBe(43);
    expect(
      await env.DB.prepare('PRAGMA foreign_key_check')
        .all()
        .then((r) => r.results),
    ).toEqual([]);
    expect(await count('site_changes')).toBe(3);
  });
});
