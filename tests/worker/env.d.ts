import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** INSERTs of the street list (seeds/streets.ts), run after the migrations of each test. */
      TEST_STREETS_SQL: string[];
    }
  }
}
