// Builds the public map (index.html) and, once it exists, the street-office console
// (console/index.html) as one multi-page app into web/dist, which wrangler serves;
// plus the service worker at /sw.js (a fixed name, so its scope is the whole site),
// into which precacheManifest writes the list of the map page's files, and the page's
// tiny pre-paint script at /early-settings.js (a classic script, so it runs before the first paint).
import { existsSync } from 'node:fs';
import { defineConfig, loadEnv } from 'vite';
import { securityHeaders } from './security-headers';
import { basemapProvider, tileOrigins } from './src/basemap-provider';
import { precacheManifest } from './src/pwa/precache-plugin';

const root = new URL('.', import.meta.url).pathname;
const input: Record<string, string> = {
  main: `${root}index.html`,
  sw: `${root}src/pwa/sw.ts`,
  early: `${root}src/early-settings.ts`,
};
/** Entries served under a fixed name: the service worker (its scope) and the page's classic pre-paint script. */
const FIXED_NAMES: Record<string, string> = { sw: 'sw.js', early: 'early-settings.js' };
if (existsSync(`${root}console/index.html`)) input.console = `${root}console/index.html`;

export default defineConfig(({ mode }) => {
  // A half-configured tile provider (e.g. Tianditu without its key) fails the build, not the map.
  const provider = basemapProvider(loadEnv(mode, root, 'VITE_'));
  return {
    root,
    // The CSP's tile hosts follow the tile provider the map is built with.
    plugins: [
      securityHeaders(() => tileOrigins(provider)),
      precacheManifest({
        page: 'index.html',
        sw: 'sw.js',
        publicDir: `${root}public`,
        skipPages: ['console/index.html'],
      }),
    ],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2020',
      rollupOptions: {
        input,
        output: { entryFileNames: (chunk) => FIXED_NAMES[chunk.name] ?? 'assets/[name]-[hash].js' },
      },
    },
  };
});
