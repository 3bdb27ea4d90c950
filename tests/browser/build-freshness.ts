// Whether web/dist was built after every file the build reads: `npm test` builds once
// before the browser tests, and global-setup builds again only when something changed
// since (or nothing was built), e.g. when the browser tests are run on their own.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under the given files and folders (0 when none exists). */
function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestMtime(readdirSync(path).map((name) => join(path, name))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

/** True when `output` exists and is newer than every file under `sources`. */
export function isBuiltAfter(output: string, sources: readonly string[]): boolean {
  return existsSync(output) && statSync(output).mtimeMs >= newestMtime(sources);
}

/** What the web build reads (besides node_modules, which only `npm ci` changes, and package.json, listed). */
export function webBuildSources(root: string): string[] {
  return [
    'web/index.html',
    'web/console',
    'web/src',
    'web/public',
    'web/vite.config.ts',
    'web/security-headers.ts',
    'worker/core',
    'package.json',
    'package-lock.json',
  ].map((p) => `${root}${p}`);
}
