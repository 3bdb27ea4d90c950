// The pure tests run in plain Node: worker/core (tests/core), the web's DOM-free modules
// (tests/web), the worker's other I/O-free modules (tests/unit) and the repository's own
// rules (tests/repo: layers and import boundaries). None of them needs
// workerd, D1 or Chromium, so they start in a second and run in parallel.
import { defineConfig } from 'vitest/config';

// Workers run in UTC, and the opening-hours oracle (opening_hours.js) reads the local
// time zone: pin it so the tests answer the same on any machine.
process.env.TZ = 'UTC';

export default defineConfig({
  root: new URL('../', import.meta.url).pathname,
  test: {
    name: 'node',
    environment: 'node',
    include: [
      'tests/core/**/*.test.ts',
      'tests/web/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'tests/repo/**/*.test.ts',
    ],
  },
});
