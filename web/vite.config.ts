// Builds the public map (index.html) and, once it exists, the street-office console
// (console/index.html) as one multi-page app into web/dist, which wrangler serves;
// plus the service worker at /sw.js (a fixed name, so its scope is the whole site),
// into which precacheManifest writes the list of the map page's files.
import { existsSync } from 'node:fs';
import { defineConfig } from 'vite';
import { precacheManifest } from './src/pwa/precache-plugin';

const root = new URL('.', import.meta.url).pathname;
const input: Record<string, string> = { main: `${root}index.html`, sw: `${root}src/pwa/sw.ts` };
if (existsSync(`${root}console/index.html`)) input.console = `${root}console/index.html`;

export default defineConfig({
  root,
  plugins: [precacheManifest({ page: 'index.html', sw: 'sw.js', publicDir: `${root}public`, skipPages: ['console/index.html'] })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: {
      input,
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
});
