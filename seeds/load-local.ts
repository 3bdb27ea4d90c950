// `npm start` step: loads streets and seed sites into the local D1 (after migrations)
// when it holds no site yet, so a second start never duplicates or overwrites data.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { devVars } from './demo-accounts';
import { seedStatements } from './seed-statements';
import { SEED_SITES } from './sites';
import { STREETS } from './streets';

const { values } = parseArgs({ options: { 'persist-to': { type: 'string' } } });
const wrangler = 'node_modules/.bin/wrangler';
const common = [
  'd1',
  'execute',
  'DB',
  '--local',
  ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : []),
];

function execute(args: string[]): string {
  return execFileSync(wrangler, [...common, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

const counted = JSON.parse(execute(['--json', '--command', 'SELECT count(*) AS n FROM sites'])) as [
  { results: [{ n: number }] },
];
const existing = counted[0].results[0].n;

const statements = await seedStatements({ withSites: existing === 0, vars: devVars() });
// A private file per run, so that two loads into different databases cannot clash.
const dir = mkdtempSync(join(tmpdir(), 'linli-seed-'));
try {
  writeFileSync(join(dir, 'seed.sql'), `${statements.join('\n')}\n`);
  execute(['--file', join(dir, 'seed.sql')]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  existing === 0
    ? `Loaded ${STREETS.length} streets and ${SEED_SITES.length} seed sites into the local D1.`
    : `The local D1 already holds ${existing} sites; streets refreshed, seed sites left alone.`,
);
