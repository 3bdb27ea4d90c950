// The browser-test harness refuses a port it did not open, so tests never run against a stranger's app.
import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortFree } from './global-setup';

describe('the browser test harness', () => {
  it('refuses a port something already listens on, saying how to go on', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      await expect(assertPortFree(port)).rejects.toThrow(new RegExp(`Port ${port} .* already in use.*LINLI_BROWSER_PORT.*LINLI_BROWSER_BASE_URL`));
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
