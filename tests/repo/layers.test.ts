// The worker reads top-down: routes → services → db, with core pure beside them. Each
// layer imports only the layers below it, so no SQL answers HTTP and no rule does I/O.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const sourceFiles = readdirSync(`${root}worker`, { recursive: true, encoding: 'utf8' }).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.d.ts'),
);
const sources = Object.fromEntries(sourceFiles.map((f) => [`worker/${f}`, readFileSync(`${root}worker/${f}`, 'utf8')]));

/** The worker-relative files a source imports (its relative imports, resolved). */
function importsOf(path: string, text: string): string[] {
  const dir = path.split('/').slice(0, -1);
  return [...text.matchAll(/^(?:import|export)[^'";]*?from\s+'(\.[^']+)'/gm)].map(([, spec]) => {
    const parts = [...dir];
    for (const p of spec!.split('/')) {
      if (p === '..') parts.pop();
      else if (p !== '.') parts.push(p);
    }
    return parts.join('/');
  });
}

const files = Object.entries(sources).map(([path, text]) => ({ path, imports: importsOf(path, text) }));
const layerOf = (path: string) => path.split('/')[1]!;
const offending = (layer: string, forbidden: readonly string[]) =>
  files
    .filter((f) => layerOf(f.path) === layer)
    .flatMap((f) => f.imports.filter((i) => forbidden.includes(layerOf(i))).map((i) => `${f.path} → ${i}`));

describe('the layers of the worker', () => {
  it('finds the worker sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('keeps core pure: it imports only core', () => {
    expect(
      files
        .filter((f) => layerOf(f.path) === 'core')
        .flatMap((f) => f.imports.filter((i) => layerOf(i) !== 'core').map((i) => `${f.path} → ${i}`)),
    ).toEqual([]);
  });

  it('keeps db free of HTTP, routes and use cases', () => {
    expect(offending('db', ['http', 'routes', 'services', 'app.ts'])).toEqual([]);
  });

  it('keeps services free of HTTP and routes', () => {
    expect(offending('services', ['http', 'routes', 'app.ts'])).toEqual([]);
  });

  it('keeps the mapping modules (hsds, downloads) pure', () => {
    expect(offending('hsds', ['db', 'http', 'routes', 'services', 'auth'])).toEqual([]);
    expect(offending('downloads', ['db', 'http', 'routes', 'services', 'auth'])).toEqual([]);
  });

  it('lets routes share schemas through http/, not import one another (downloads re-ask the search route)', () => {
    const between = files
      .filter((f) => layerOf(f.path) === 'routes')
      .flatMap((f) => f.imports.filter((i) => layerOf(i) === 'routes').map((i) => `${f.path} → ${i}`));
    expect(between).toEqual(['worker/routes/site-downloads.ts → worker/routes/site-search']);
  });
});
