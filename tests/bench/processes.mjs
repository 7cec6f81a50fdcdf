// Measurements that need a process of their own: the cost-basis benchmarks (native
// core_bench and tests/bench/cost_basis_wasm.mjs, both owned by the cost-basis suite),
// the native parse/unlock driver (tests/bench/tools/parse_native.cpp) and cold core
// startup under Node.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function run(cmd, args, { okCodes = [0] } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (!okCodes.includes(r.status)) {
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).slice(0, 500)}`);
  }
  return r.stdout;
}

// "fifo    trades=1000000 events=... engine=812 ms (cpu 790) | ... gain=X remainingCost=Y"
function parseCostBasis(text) {
  const rows = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^(\w+)\s+trades=(\d+) .*engine=(-?\d+) ms \(cpu (-?\d+)\).*gain=(\S+) remainingCost=(\S+)/);
    if (m) rows[m[1]] = { trades: Number(m[2]), engineMs: Number(m[3]), cpuMs: Number(m[4]), gain: m[5], remainingCost: m[6] };
  }
  return rows;
}

export function costBasisNative(coreBench, trades, methods) {
  return parseCostBasis(run(coreBench, [String(trades), methods]));
}

export function costBasisWasm(coreMjs, trades, methods) {
  // Exits 1 when a run takes 2 s or more: still a measurement, so read it.
  return parseCostBasis(run(process.execPath, [path.join(here, 'cost_basis_wasm.mjs'), coreMjs, String(trades), methods],
    { okCodes: [0, 1] }));
}

// {fn, iterations, medianMs, minMs, maxMs, outputBytes}
export function nativeApi(tool, inputFile, iterations, fn) {
  return JSON.parse(run(tool, [inputFile, String(iterations), fn]).trim());
}

// Cold start in a fresh Node: import core.mjs, then createCore() (compile + instantiate).
export function coldStartup(coreDir) {
  const script = `
    import { readFileSync } from 'node:fs';
    const t0 = performance.now();
    const { default: createCore } = await import(${JSON.stringify(path.join(coreDir, 'core.mjs'))});
    const t1 = performance.now();
    const core = await createCore({ wasmBinary: readFileSync(${JSON.stringify(path.join(coreDir, 'core.wasm'))}) });
    const t2 = performance.now();
    JSON.parse(core.version());
    console.log(JSON.stringify({ importMs: t1 - t0, instantiateMs: t2 - t1, firstCallMs: performance.now() - t2 }));`;
  return JSON.parse(run(process.execPath, ['--input-type=module', '-e', script]).trim());
}

export function gitRevision(root) {
  try {
    const rev = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${rev} + uncommitted changes` : rev;
  } catch {
    return 'unknown';
  }
}

export const exists = existsSync;
