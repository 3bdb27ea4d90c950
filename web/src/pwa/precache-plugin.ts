// Build step (Node, not shipped): writes the list of files the service worker precaches
// into the built sw.js, from the bundle Vite has just written: the map page's HTML, every
// JS chunk and CSS file it can load (dynamic imports included), every asset (images,
// fonts), and the files of web/public (manifest, icons). The console's own page and
// chunks are left out: a rider never loads them. The version is a hash of every listed
// file's content, so any change of the shell is a new sw.js, which the browser installs.
//
// Why not vite-plugin-pwa / Workbox injectManifest: the worker needs three behaviours
// (precache, a navigation fallback, one small data cache) that are 60 lines by hand,
// whereas Workbox brings a dependency tree and a plugin whose support for Vite 8
// (Rolldown) lags; Vite's own bundle is the same manifest Workbox would read.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

/** The placeholder in sw.ts replaced by `{ version, urls }`. */
const PRECACHE_PLACEHOLDER = '__LINLI_PRECACHE__';

interface ChunkInfo {
  type: 'chunk';
  fileName: string;
  imports: string[];
  dynamicImports: string[];
  facadeModuleId: string | null;
  isEntry: boolean;
  code: string;
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> };
}
interface AssetInfo {
  type: 'asset';
  fileName: string;
  source: string | Uint8Array;
}
type Output = ChunkInfo | AssetInfo;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file name reachable from the given entry chunks (static and dynamic imports, their CSS and assets). */
function reachable(bundle: Record<string, Output>, entries: readonly ChunkInfo[]): Set<string> {
  const seen = new Set<string>();
  const walk = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const out = bundle[name];
    if (out?.type !== 'chunk') return;
    for (const next of [...out.imports, ...out.dynamicImports]) walk(next);
    for (const css of out.viteMetadata?.importedCss ?? []) seen.add(css);
    for (const asset of out.viteMetadata?.importedAssets ?? []) seen.add(asset);
  };
  for (const e of entries) walk(e.fileName);
  return seen;
}

/**
 * @param page the HTML file of the page to precache (served at `/`), e.g. `index.html`
 * @param sw the service worker's output file name (it holds the placeholder)
 * @param publicDir the folder Vite copies as it is (manifest, icons)
 * @param skipPages HTML files (e.g. `console/index.html`) whose page and own chunks are not precached
 */
export function precacheManifest(options: {
  page: string;
  sw: string;
  publicDir: string;
  skipPages: readonly string[];
}): Plugin {
  return {
    name: 'linli-precache-manifest',
    apply: 'build',
    writeBundle(output, rawBundle) {
      const bundle = rawBundle as unknown as Record<string, Output>;
      const outDir = output.dir!;
      const chunks = Object.values(bundle).filter((o): o is ChunkInfo => o.type === 'chunk');
      const isSkipped = (c: ChunkInfo) => options.skipPages.some((p) => c.facadeModuleId?.endsWith(`/${p}`));
      const isSw = (c: ChunkInfo) => c.fileName === options.sw;
      const mine = reachable(
        bundle,
        chunks.filter((c) => c.isEntry && !isSkipped(c) && !isSw(c)),
      );
      const skipped = reachable(bundle, chunks.filter(isSkipped));
      const urls: string[] = [];
      for (const o of Object.values(bundle)) {
        if (o.fileName === options.sw || o.fileName.startsWith('.vite/') || options.skipPages.includes(o.fileName))
          continue;
        const forRider =
          mine.has(o.fileName) || (o.type === 'asset' && !skipped.has(o.fileName) && !o.fileName.endsWith('.html'));
        if (o.fileName === options.page) urls.push('/');
        else if (forRider) urls.push(`/${o.fileName}`);
      }
      for (const path of filesUnder(options.publicDir))
        urls.push(`/${relative(options.publicDir, path).split('\\').join('/')}`);
      urls.sort();

      const hash = createHash('sha256');
      for (const url of urls) {
        hash.update(url);
        hash.update(readFileSync(join(outDir, url === '/' ? options.page : url.slice(1))));
      }
      const manifest = { version: hash.digest('hex').slice(0, 16), urls };
      const swPath = join(outDir, options.sw);
      const code = readFileSync(swPath, 'utf8');
      if (!code.includes(PRECACHE_PLACEHOLDER))
        throw new Error(`${options.sw} has no ${PRECACHE_PLACEHOLDER} to fill in`);
      writeFileSync(swPath, code.split(PRECACHE_PLACEHOLDER).join(JSON.stringify(manifest)));
    },
  };
}
