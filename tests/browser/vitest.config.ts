// Browser tests: Node drives Debian's Chromium (playwright-core) against the real app,
// started once by global-setup.ts. Files run one after another (the machine has 2 cores).
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The console tests add and move sites around 劲松, where the map tests look: run them last. */
class ConsoleLast extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const isConsole = (f: TestSpecification) => f.moduleId.endsWith('console.test.ts');
    return [...sorted.filter((f) => !isConsole(f)), ...sorted.filter(isConsole)];
  }
}

export default defineConfig({
  root: new URL('../../', import.meta.url).pathname,
  test: {
    environment: 'node',
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['tests/browser/global-setup.ts'],
    fileParallelism: false,
    sequence: { sequencer: ConsoleLast },
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Pages wait for the API; give polled expectations as long as a page step.
    expect: { poll: { timeout: 10_000 } },
  },
});
