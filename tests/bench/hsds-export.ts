// `npx tsx tests/bench/hsds-export.ts [--base http://127.0.0.1:8787]`: fetches the full
// ndjson export of every HSDS list from a running linli (e.g. `npm start` with the seed
// data), validates every record against the HSDS 3.1 JSON Schemas in
// ../shared/reference/hsds-3.1/ (ajv, draft 2020-12), and prints records, bytes and time.
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const { values: args } = parseArgs({ options: { base: { type: 'string', default: 'http://127.0.0.1:8787' } } });
const DIR = new URL('../../../shared/reference/hsds-3.1/', import.meta.url);
const ID = 'https://hsds.schemas.test/';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
  ajv.addSchema(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')), `${ID}${file}`);
}

let failed = 0;
for (const [path, entity] of [
  ['organizations', 'organization'],
  ['services', 'service'],
  ['locations', 'location'],
  ['service_at_locations', 'service_at_location'],
]) {
  const validate = ajv.getSchema(`${ID}${entity}.json`)!;
  const started = performance.now();
  const res = await fetch(`${args.base}/api/hsds/${path}?format=ndjson`);
  const text = await res.text();
  const ms = performance.now() - started;
  const lines = text.split('\n').filter(Boolean);
  const invalid = lines.filter((l) => !validate(JSON.parse(l)));
  failed += invalid.length;
  console.log(
    `${path}: HTTP ${res.status}, ${lines.length} records, ${invalid.length} invalid, ${text.length} characters, ${ms.toFixed(0)} ms`,
  );
  if (invalid[0]) console.log(`  first invalid: ${invalid[0].slice(0, 200)}\n  ${ajv.errorsText(validate.errors)}`);
}
process.exitCode = failed ? 1 : 0;
