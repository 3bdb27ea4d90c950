// `npm run bench:hours`: the figures behind "extend linli's evaluator rather than adopt
// opening_hours.js" — bytes each adds to the worker bundle, and µs per evaluation of the
// open state over a list of 100 sites' hours (parse + open now + next change, as a
// search does; and evaluation alone with the value already parsed). Prints a table
// and one JSON line. Runs in Node with TZ=UTC, as Workers do.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import OpeningHoursJs from 'opening_hours';
import { openState, parseOpeningHours } from '../../worker/core/hours/opening-hours';

process.env.TZ = 'UTC';
const ROOT = new URL('../../', import.meta.url).pathname;
const NOMINATIM = { lat: 39.9042, lon: 116.4074, address: { country_code: 'cn', state: 'Beijing' } };

async function bundleBytes(contents: string): Promise<{ min: number; gzip: number }> {
  const out = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  return { min: code.byteLength, gzip: gzipSync(code).byteLength };
}

// What each way needs in the worker to answer "open now, next change" for a site.
const linliBytes = await bundleBytes(`
  import { openStateOf } from './worker/core/hours/opening-hours';
  import { readHours } from './worker/core/hours/hours-input';
  export const f = (v, at) => [openStateOf(v, at), readHours(v)];`);
const peerBytes = await bundleBytes(`
  import OH from 'opening_hours';
  export const f = (v, at) => { const oh = new OH(v, { lat: 39.9, lon: 116.4, address: { country_code: 'cn', state: 'Beijing' } }); return [oh.getState(at), oh.getNextChange(at)]; };`);

// 100 sites' hours: the hours Beijing sites post, then the seeds' sample hours.
const china = JSON.parse(readFileSync(`${ROOT}tests/core/fixtures/opening-hours-china.json`, 'utf8'))
  .values as string[];
const values = Array.from({ length: 100 }, (_, i) => china[i % china.length]!);
const instants = Array.from({ length: 50 }, (_, i) => new Date(Date.UTC(2026, 2, 2) + i * 7_919_000)); // spread over 4.6 days
const BEIJING_MS = 8 * 3_600_000;

function time(_label: string, rounds: number, run: () => void): number {
  run(); // warm-up
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) run();
  const ns = Number(process.hrtime.bigint() - start);
  return ns / 1000 / (rounds * values.length * instants.length);
}

const parsedLinli = values.map((v) => {
  const p = parseOpeningHours(v);
  if (!p.ok) throw new Error(`${v}: ${p.error.reason}`);
  return p.hours;
});
const parsedPeer = values.map((v) => new OpeningHoursJs(v, NOMINATIM, 0));

const rounds = 3;
const linliFull = time('linli parse+eval', rounds, () => {
  for (const at of instants)
    for (const v of values) {
      const p = parseOpeningHours(v);
      if (p.ok) openState(p.hours, at);
    }
});
const peerFull = time('opening_hours.js parse+eval', rounds, () => {
  for (const at of instants)
    for (const v of values) {
      const oh = new OpeningHoursJs(v, NOMINATIM, 0);
      const local = new Date(at.getTime() + BEIJING_MS); // Beijing wall clock as the runtime's UTC
      oh.getState(local);
      oh.getNextChange(local, new Date(local.getTime() + 8 * 86_400_000));
    }
});
const linliEval = time('linli eval', rounds, () => {
  for (const at of instants) for (const h of parsedLinli) openState(h, at);
});
const peerEval = time('opening_hours.js eval', rounds, () => {
  for (const at of instants)
    for (const oh of parsedPeer) {
      const local = new Date(at.getTime() + BEIJING_MS);
      oh.getState(local);
      oh.getNextChange(local, new Date(local.getTime() + 8 * 86_400_000));
    }
});

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
console.log(
  "Opening hours in the worker: linli's evaluator (with its calendar and Chinese phrasing) vs opening_hours.js 3.15.0",
);
console.log(
  `bundle, minified        linli ${kb(linliBytes.min).padStart(9)}   opening_hours.js ${kb(peerBytes.min).padStart(9)}`,
);
console.log(
  `bundle, minified+gzip   linli ${kb(linliBytes.gzip).padStart(9)}   opening_hours.js ${kb(peerBytes.gzip).padStart(9)}`,
);
console.log(
  `µs per site, parse+open state+next change   linli ${linliFull.toFixed(1).padStart(7)}   opening_hours.js ${peerFull.toFixed(1).padStart(7)}`,
);
console.log(
  `µs per site, parsed: open state+next change linli ${linliEval.toFixed(1).padStart(7)}   opening_hours.js ${peerEval.toFixed(1).padStart(7)}`,
);
console.log(
  `(${values.length} sites × ${instants.length} instants × ${rounds} rounds; opening_hours.js does not know China's calendar, so it would also need one fed in)`,
);
console.log(
  JSON.stringify({
    bundle_bytes: { linli: linliBytes, opening_hours_js: peerBytes },
    us_per_site: {
      linli: { parse_and_eval: linliFull, eval: linliEval },
      opening_hours_js: { parse_and_eval: peerFull, eval: peerEval },
    },
  }),
);
