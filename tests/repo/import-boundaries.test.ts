// The import boundaries biome.json declares, tried on probe files: the web may reach the
// worker only through #core, and core stays pure. A probe is written where the rule
// applies, linted with the project's own configuration, and removed. Core's purity is also
// a rule on globals: @types/papaparse pulls Node's globals into core's type check.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const BIOME = `${root}node_modules/.bin/biome`;

/** The messages of a boundary rule biome reports for `source` saved at `path` (repo-relative). */
function ruleMessages(path: string, source: string, rule = 'noRestrictedImports'): string[] {
  const file = `${root}${path}`;
  writeFileSync(file, source);
  try {
    execFileSync(BIOME, ['lint', '--reporter=github', `--only=style/${rule}`, path], {
      cwd: root,
      stdio: 'pipe',
    });
    return [];
  } catch (err) {
    const out = String((err as { stdout?: Buffer }).stdout ?? '');
    return out.split('\n').filter((l) => l.includes(rule));
  } finally {
    rmSync(file, { force: true });
  }
}

describe('import boundaries', () => {
  it('refuses a web module that imports the worker past #core', () => {
    const found = ruleMessages(
      'web/src/lint-probe.ts',
      "import { database } from '../../worker/db/client';\nexport const probe = database;\n",
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("import from '#core'");
  });

  it('accepts a web module that imports #core', () => {
    expect(
      ruleMessages('web/src/lint-probe.ts', "import { haversine } from '#core';\nexport const probe = haversine;\n"),
    ).toEqual([]);
  });

  it('refuses core code that imports D1, HTTP or the framework', () => {
    const found = ruleMessages(
      'worker/core/lint-probe.ts',
      "import { Hono } from 'hono';\nimport { database } from '../db/client';\nimport { problem } from '../http/problem';\nexport const probe = [Hono, database, problem];\n",
    );
    expect(found).toHaveLength(3);
  });

  it('accepts core code that imports core and pure libraries', () => {
    expect(
      ruleMessages(
        'worker/core/lint-probe.ts',
        "import gcoord from 'gcoord';\nimport { KINDS } from './vocabulary';\nexport const probe = [gcoord, KINDS];\n",
      ),
    ).toEqual([]);
  });

  it('refuses core code that reaches for platform globals (network, storage, process, console)', () => {
    const found = ruleMessages(
      'worker/core/lint-probe.ts',
      "export const probe = async () => [process.env.X, await fetch('/x'), localStorage.length, console];\n",
      'noRestrictedGlobals',
    );
    expect(found).toHaveLength(4);
  });
});
