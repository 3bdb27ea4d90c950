// Builds the public map (index.html) and, once it exists, the street-office console
// (console/index.html) as one multi-page app into web/dist, which wrangler serves.
import { existsSync } from 'node:fs';
import { defineConfig } from 'vite';

const root = new URL('.', import.meta.url).pathname;
const pages: Record<string, string> = { main: `${root}index.html` };
if (existsSync(`${root}console/index.html`)) pages.console = `${root}console/index.html`;

export default defineConfig({
  root,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: { input: pages },
  },
});
