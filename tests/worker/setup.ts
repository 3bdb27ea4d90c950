// Every test in workerd starts from an empty, migrated D1 holding the street list. Storage
// is not isolated per test in vitest-pool-workers 0.15, so it is reset here; only the
// workerd project loads this file (the pure tests run in Node and touch no D1 at all).
// The migrations and the streets' INSERTs are read once, in Node, by vitest.config.ts, so
// this file imports nothing of the app: a file that only sends requests loads no worker code.
//
// Skipping the reset after a test that wrote nothing is not safe to detect here: SQLite's
// total_changes() rises on plain API reads too (measured: a GET /api/v1/streets raised it by 3).
import { applyD1Migrations, env, reset } from 'cloudflare:test';
import { beforeEach } from 'vitest';

beforeEach(async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  await env.DB.batch(env.TEST_STREETS_SQL.map((sql) => env.DB.prepare(sql)));
});
