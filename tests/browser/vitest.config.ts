// Browser tests: Node drives Debian's Chromium (playwright-core) against the real app,
// started once by global-setup.ts. Files run one after another (the machine has 2 cores),
// in any order: a file that adds or moves sites does so in a street no other file looks at.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: new URL('../../', import.meta.url).pathname,
  test: {
    environment: 'node',
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['tests/browser/global-setup.ts'],
    fileParallelism: false,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Pages wait for the API; give polled expectations as long as a page step.
    expect: { poll: { timeout: 10_000 } },
  },
});
