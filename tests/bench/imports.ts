// `npm run bench:imports [-- --port 8842]`: the cost of the write paths, measured against a
// real `wrangler dev` with a fresh local D1. Prints the time of 20,000-row dry runs full of
// problems (with the latency of a health check sent meanwhile) and D1 rows written per
// operation (create, edit, verify, retire, restore, 1,000-row import), then one JSON line.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { streetStatements } from '../../seeds/seed-sql';
import { STREETS } from '../../seeds/streets';
import { run, startWrangler } from './server';

const { values: args } = parseArgs({ options: { port: { type: 'string', default: '8842' } } });
const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${PORT}`;
const STATE = '.bench/imports-state';
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password' };
const JINSONG = '110105017';

let cookie = '';
async function call(method: string, path: string, body?: string, type = 'application/json') {
  const started = performance.now();
  const res = await fetch(`${BASE}${path}`, {
    method,
    body,
    headers: { origin: BASE, cookie, ...(body === undefined ? {} : { 'content-type': type }) },
  });
  const text = await res.text();
  return {
    status: res.status,
    ms: performance.now() - started,
    rowsWritten: Number(res.headers.get('x-d1-rows-written') ?? NaN),
    setCookie: res.headers.get('set-cookie') ?? '',
    json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/**
 * About 1 MB of rows; with `problems` = 8 each row has eight bad cells (kind, lat, lng,
 * coordinate system, amenity, beds, phone, hours), with 1 a bad longitude.
 */
function problemFile(rows: number, problems: 1 | 8): string {
  const lines = ['external_id,kind,name,street_code,lat,lng,coord_system,amenities,beds,phones,opening_hours'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      problems === 8
        ? `${i},花,驿${i},${JINSONG},北,东,火星,桑拿,多,x,s`
        : `${i},park,驿${i},${JINSONG},39.8,东,wgs84,,,,24/7`,
    );
  }
  return lines.join('\n');
}

function importFile(rows: number, phonePrefix: string): string {
  const lines = ['external_id,kind,name,street_code,lat,lng,phones'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `c-${i},rest_station,驿站${i},${JINSONG},${(39.86 + (i % 40) * 0.0005).toFixed(4)},${(116.44 + Math.floor(i / 40) * 0.0005).toFixed(4)},${phonePrefix}-${i}`,
    );
  }
  return lines.join('\n');
}

/** A dry run of `file`, with a health check sent 50 ms in: how long each took. */
async function timedDryRun(file: string) {
  const dry = call('POST', '/api/v1/imports?dry_run=true', file, 'text/csv');
  await new Promise((r) => setTimeout(r, 50));
  const health = await call('GET', '/api/v1/health');
  const res = await dry;
  return {
    status: res.status,
    ms: Math.round(res.ms),
    health_ms: Math.round(health.ms),
    bytes: Buffer.byteLength(file),
    total: res.json.errors_total,
  };
}

async function main() {
  rmSync(STATE, { recursive: true, force: true });
  mkdirSync(STATE, { recursive: true });
  if (!existsSync('web/dist')) mkdirSync('web/dist', { recursive: true });
  run('node_modules/.bin/wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', STATE]);
  writeFileSync(`${STATE}/streets.sql`, `${streetStatements(STREETS).join('\n')}\n`);
  run('node_modules/.bin/wrangler', [
    'd1',
    'execute',
    'DB',
    '--local',
    '--persist-to',
    STATE,
    '--file',
    `${STATE}/streets.sql`,
  ]);

  const server = await startWrangler({
    port: PORT,
    state: STATE,
    vars: { ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password },
  });
  try {
    const login = await call('POST', '/api/v1/auth/login', JSON.stringify(ADMIN));
    cookie = /(__Host-linli_session=[0-9a-f]+)/.exec(login.setCookie)?.[1] ?? '';
    if (!cookie) throw new Error(`login failed: ${login.status}`);

    // Error reporting: warm once, then measure.
    await timedDryRun(problemFile(1000, 8));
    const eight = await timedDryRun(problemFile(20_000, 8));
    const one = await timedDryRun(problemFile(20_000, 1));
    console.log(
      `dry run, 20,000 rows × 8 problems (${(eight.bytes / 1e6).toFixed(2)} MB): ${eight.ms} ms, ${eight.total} problems found (status ${eight.status}); health check meanwhile ${eight.health_ms} ms`,
    );
    console.log(
      `dry run, 20,000 rows × 1 problem (${(one.bytes / 1e6).toFixed(2)} MB): ${one.ms} ms, ${one.total} problems found (status ${one.status}); health check meanwhile ${one.health_ms} ms`,
    );

    // Rows written per operation.
    const written: Record<string, number> = {};
    const created = await call(
      'POST',
      '/api/v1/sites',
      JSON.stringify({
        kind: 'rest_station',
        name: '劲松北社区驿站',
        street_code: JINSONG,
        lat: 39.8836,
        lng: 116.4612,
        amenities: ['toilet'],
      }),
    );
    const id = Number(created.json.id);
    written.create = created.rowsWritten;
    written.edit = (
      await call('PATCH', `/api/v1/sites/${id}`, JSON.stringify({ version: 1, name: '劲松驿站' }))
    ).rowsWritten;
    written.verify = (await call('POST', `/api/v1/sites/${id}/verify`)).rowsWritten;
    written.retire = (await call('DELETE', `/api/v1/sites/${id}`)).rowsWritten;
    written.restore = (await call('POST', `/api/v1/sites/${id}/restore`)).rowsWritten;
    const imported = await call('POST', '/api/v1/imports', importFile(1000, '010'), 'text/csv');
    written.import_1000_new = imported.rowsWritten;
    const changed = await call('POST', '/api/v1/imports', importFile(1000, '011'), 'text/csv');
    written.import_1000_one_column_changed = changed.rowsWritten;
    written.import_1000_unchanged = (
      await call('POST', '/api/v1/imports', importFile(1000, '011'), 'text/csv')
    ).rowsWritten;
    for (const [op, n] of Object.entries(written)) console.log(`rows written: ${op.padEnd(32)} ${n}`);
    console.log(
      `1,000-row import: ${Math.round(imported.ms)} ms new, ${Math.round(changed.ms)} ms with one column changed`,
    );
    console.log(JSON.stringify({ dry_run_20000x8: eight, dry_run_20000x1: one, rows_written: written }));
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
