// Each test starts from an empty, migrated D1 holding the street list (storage is not
// isolated per test in vitest-pool-workers 0.15, so it is reset here).
import { applyD1Migrations, env, reset } from 'cloudflare:test';
import { beforeEach } from 'vitest';
import { streetStatements } from '../../seeds/seed-sql';
import { STREETS } from '../../seeds/streets';

beforeEach(async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  await env.DB.batch(streetStatements(STREETS).map((sql) => env.DB.prepare(sql)));
});
