// Worker tests run inside workerd with a real local D1 (vitest-pool-workers).
import { availableParallelism } from 'node:os';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { streetStatements } from '../../seeds/seed-sql';
import { STREETS } from '../../seeds/streets';

const root = new URL('../../', import.meta.url).pathname;

export default defineConfig(async () => ({
  root,
  plugins: [
    cloudflareTest({
      main: './worker/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(`${root}drizzle/migrations`),
          TEST_STREETS_SQL: streetStatements(STREETS),
          // The first administrator's secrets (tests/worker/auth.ts logs in with them).
          ADMIN_USERNAME: 'admin',
          ADMIN_PASSWORD: 'test-admin-password',
        },
      },
    }),
  ],
  test: {
    include: ['tests/worker/**/*.test.ts'],
    setupFiles: ['tests/worker/setup.ts'],
    // Each worker (two at least: vitest would run one on 2 cores) loads the app once for all its
    // files (41 s instead of 78 s for the suite here); setup.ts gives each test a fresh database
    // and makes the isolate forget the old one.
    isolate: false,
    // A test that sends a hundred requests takes 1 s alone and over 5 s (vitest's default limit)
    // while the machine is busy; a timeout here measures the machine, not the app.
    testTimeout: 20_000,
    maxWorkers: Math.max(2, availableParallelism()),
  },
}));
