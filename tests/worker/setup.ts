// Every test in workerd starts from an empty, migrated D1 holding the street list. Storage
// is not isolated per test in vitest-pool-workers 0.15, so it is reset here; only the
// workerd project loads this file (the pure tests run in Node and touch no D1 at all).
// The migrations and the streets' INSERTs are read once, in Node, by vitest.config.ts.
// Files share their worker's modules (isolate: false in vitest.config.ts), so what an isolate
// keeps of the database (the holiday calendar, the geo snapshot and version) is forgotten too:
// the database changed under it, as a write in another isolate would change it.
//
// The first test of a file pays a full reset (drop everything, run the migrations, insert the
// streets); the state it leaves is kept as a template, and each later test only empties the
// tables and puts the template's rows back, in one batch: a third of the cost. A test that
// changed the schema (the migration tests reset and migrate part-way themselves) gets the
// full reset again. Skipping the restore after a test that wrote nothing is not safe to detect:
// SQLite's total_changes() rises on plain API reads too (a GET /api/v1/streets raised it by 3).
import { applyD1Migrations, env } from 'cloudflare:test';
import { beforeEach } from 'vitest';
import { sitesChanged } from '../../worker/db/geo-state';
import { forgetCalendar } from '../../worker/db/holiday-years';
import { emptyDatabase } from './fixtures/empty-database';

interface Template {
  readonly schema: string;
  readonly restore: readonly { sql: string; values: unknown[] }[];
}

let template: Template | undefined;

const schemaOf = async (): Promise<string> =>
  (await env.DB.prepare(
    "SELECT group_concat(sql, ';') AS s FROM (SELECT sql FROM sqlite_master ORDER BY name)",
  ).first<string>('s')) ?? '';

async function capture(): Promise<Template> {
  const objects = await env.DB.prepare(
    "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'",
  ).all<{ type: string; name: string; tbl_name: string }>();
  const triggered = new Set(objects.results.filter((o) => o.type === 'trigger').map((o) => o.tbl_name));
  // Tables whose deletes fire triggers go first, so the tables those triggers write are emptied after them.
  const tables = objects.results
    .filter((o) => o.type === 'table')
    .map((o) => o.name)
    .sort((a, b) => Number(triggered.has(b)) - Number(triggered.has(a)));
  const restore: { sql: string; values: unknown[] }[] = [{ sql: 'PRAGMA defer_foreign_keys = ON', values: [] }];
  for (const table of tables) restore.push({ sql: `DELETE FROM "${table}"`, values: [] });
  for (const table of tables) {
    const { results } = await env.DB.prepare(`SELECT * FROM "${table}"`).all<Record<string, unknown>>();
    // Re-inserting into a table with triggers would fire them a second time.
    if (results.length > 0 && triggered.has(table)) throw new Error(`setup: the template has rows in ${table}`);
    for (const row of results) {
      const columns = Object.keys(row);
      restore.push({
        sql: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        values: columns.map((c) => row[c]),
      });
    }
  }
  // Like migration 0006, a fresh start of the counter: a worker isolate keys its geo snapshot
  // and cached answers on it, so a restored database must not repeat an earlier test's version.
  restore.push({ sql: 'UPDATE geo_version SET v = abs(random() % 1000000000000) WHERE id = 1', values: [] });
  return { schema: await schemaOf(), restore };
}

beforeEach(async () => {
  if (template && (await schemaOf()) === template.schema) {
    await env.DB.batch(template.restore.map((s) => env.DB.prepare(s.sql).bind(...s.values)));
  } else {
    await emptyDatabase();
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
    await env.DB.batch(env.TEST_STREETS_SQL.map((sql) => env.DB.prepare(sql)));
    template = await capture();
  }
  forgetCalendar();
  sitesChanged();
});
