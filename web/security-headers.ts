// A Vite plugin writing web/dist/_headers, which Workers assets (and wrangler dev) apply
// to every page and asset: the security headers of worker/http/security-policy.ts, with
// the tile hosts of the configured basemap in the CSP. Generated, not a static file in
// public/, because the tile provider is chosen at build (deploy) time.
import type { Plugin } from 'vite';
import { headersFile } from '#core';

export function securityHeaders(tileOrigins: () => string[]): Plugin {
  return {
    name: 'linli-security-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(tileOrigins()) });
    },
  };
}
