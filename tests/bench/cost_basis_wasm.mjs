// Times the cost-basis engine through the wasm core under Node, on the same synthetic
// history as the native core_bench (same seed, same events, so the totals must match).
// The engine's time is (generate + engine) minus (generate only), each call timed with
// performance.now(), after an unrecorded full-size run of each method; CPU time
// (process.cpuUsage) is shown too, since a loaded machine inflates wall time.
//
// Usage: node tests/bench/cost_basis_wasm.mjs [path/to/core.mjs] [trades=1000000]
//        [methods=fifo,hifo] [seed=1]
// Exits 1 when an engine run takes 2 s or more.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const [corePath = 'build/wasm/core.mjs', trades = '1000000', methods = 'fifo,hifo', seed = '1'] =
  process.argv.slice(2);
const coreUrl = pathToFileURL(resolve(corePath));
const { default: createCore } = await import(coreUrl.href);
const core = await createCore({ wasmBinary: readFileSync(new URL('core.wasm', coreUrl)) });

function call(fn, input) {
  const out = JSON.parse(core[fn](JSON.stringify(input)));
  if (!out.ok) throw new Error(`${fn}: ${out.error.kind}: ${out.error.message}`);
  return out;
}

function timed(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const n = Number(trades);
let slow = false;
// Warm up at full size, every method once: compile, and grow the wasm memory to what a
// run needs, so that each method is timed in the same steady state whatever its place
// in the list. Without it the first method's generate-only call paid for the growth and
// its engine time, the difference, came out 130-180 ms short; a method needing more
// memory than the ones before it paid ~25 ms of growth inside its engine time.
for (const method of methods.split(',')) call('costBasisBench', { n, method, seed: Number(seed) });
for (const method of methods.split(',')) {
  const gen = timed(() => call('costBasisBench', { n, method, seed: Number(seed), generateOnly: true }));
  const all = timed(() => call('costBasisBench', { n, method, seed: Number(seed) }));
  const engineMs = all.wallMs - gen.wallMs;
  const engineCpuMs = all.cpuMs - gen.cpuMs;
  const r = all.result;
  console.log(
    `${method.padEnd(7)} trades=${n} events=${r.processed} generate=${gen.wallMs.toFixed(0)} ms ` +
      `(cpu ${gen.cpuMs.toFixed(0)}) engine=${engineMs.toFixed(0)} ms (cpu ${engineCpuMs.toFixed(0)}) | ` +
      `records=${r.records} missing=${r.missingAcquisitions} unpriced=${r.unpriced} gain=${r.gain} ` +
      `remainingCost=${r.remainingCost}`);
  if (engineMs >= 2000) slow = true;
}
process.exit(slow ? 1 : 0);
