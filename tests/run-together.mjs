// Runs npm scripts at the same time and prints each one's output whole when it ends, in
// the order given, so logs read as if they had run one after another. `npm test` runs
// the workerd and the browser projects this way: the browser tests spend most of their
// time waiting on pages, the workerd tests on the CPU, so together they take about the
// time of the longer one. Exits non-zero when any script fails.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) throw new Error('usage: node tests/run-together.mjs <npm script>...');

console.log(`Running ${scripts.join(' and ')} together; each one's output follows when it ends.`);
const runs = scripts.map((script) => {
  const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const chunks = [];
  child.stdout.on('data', (c) => chunks.push(c));
  child.stderr.on('data', (c) => chunks.push(c));
  const started = Date.now();
  const done = new Promise((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? 1, seconds: Math.round((Date.now() - started) / 1000) })),
  );
  return { script, chunks, done };
});

let failed = 0;
for (const run of runs) {
  const { code, seconds } = await run.done;
  process.stdout.write(Buffer.concat(run.chunks));
  console.log(`\n── npm run ${run.script}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} after ${seconds} s\n`);
  if (code !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
