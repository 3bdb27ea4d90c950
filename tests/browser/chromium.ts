// How linli's tests and benchmarks start Debian's Chromium (playwright cannot download its
// own here): no sandbox as root, no GPU, no QUIC (the slowed proxy speaks TCP), and none of
// the browser's own traffic (updates, sync, first-run pages) mixed into what is measured.
import { existsSync } from 'node:fs';

/** How to start one of Debian's Chromium builds. */
export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The full browser, for benchmarks that time what a rider's Chromium does (Lighthouse, the field). */
export const CHROMIUM: ChromiumLaunch = { executablePath: '/usr/bin/chromium', args: ARGS };

/** Stops a benchmark at once, saying what to install, when the full browser is missing (the tests need only the shell). */
export function assertFullChromium(): void {
  if (!existsSync(CHROMIUM.executablePath))
    throw new Error(
      `${CHROMIUM.executablePath} not found: the benchmarks run Debian's full browser (apt-get install -y chromium)`,
    );
}

/**
 * Debian's chromium-headless-shell, for the browser tests: the same Blink and V8 without the
 * desktop browser around them (what Playwright itself runs for headless tests). The whole
 * browser suite took 150 s with it and 203 s with the full browser, whose processes used
 * twice the CPU (renderers 75 against 149 CPU-s, the browser process 28 against 71).
 */
export const HEADLESS_SHELL: ChromiumLaunch = {
  executablePath: '/usr/bin/chromium-headless-shell',
  args: ARGS,
};
