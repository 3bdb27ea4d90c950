// The browser-test harness refuses a port it did not open, so tests never run against a stranger's app.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBuiltAfter } from './build-freshness';
import { assertPortFree } from './global-setup';

describe('the browser test harness', () => {
  it('refuses a port something already listens on, saying how to go on', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      await expect(assertPortFree(port)).rejects.toThrow(
        new RegExp(`Port ${port} .* already in use.*LINLI_BROWSER_PORT.*LINLI_BROWSER_BASE_URL`),
      );
    } finally {
      taken.close();
    }
  });

  it('accepts a free port and leaves it free', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(assertPortFree(port)).resolves.toBeUndefined();
    await expect(assertPortFree(port)).resolves.toBeUndefined();
  });
});

describe('the build step of the harness', () => {
  it('builds again only when a source is newer than the built page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-build-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src', 'app.ts'), 'export {};');
      const page = join(dir, 'index.html');
      expect(isBuiltAfter(page, [join(dir, 'src')])).toBe(false); // never built
      writeFileSync(page, '<!doctype html>');
      utimesSync(join(dir, 'src', 'app.ts'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      expect(isBuiltAfter(page, [join(dir, 'src')])).toBe(true);
      utimesSync(join(dir, 'src', 'app.ts'), new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
      expect(isBuiltAfter(page, [join(dir, 'src')])).toBe(false); // edited since
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
