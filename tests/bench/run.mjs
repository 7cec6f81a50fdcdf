// The Keyfolio benchmark (./scripts/bench; method in BENCHMARKS.md). In one Node process
// the wasm core and CCXT get the same inputs, interleaved round by round; medians and
// spreads are reported, and ratios come from samples taken in the same round. Prints a
// markdown report and writes it to --out (default dist/bench-results.md).
//
// Usage: node tests/bench/run.mjs [--quick] [--skip=parse,sign,cold,costbasis,scrypt,popup,startup]
//        [--out=FILE]
// Env:   KEYFOLIO_CORE_DIR   folder with core.mjs + core.wasm (default build/wasm)
//        KEYFOLIO_NATIVE_DIR folder with core_bench (default build/native)
//        KEYFOLIO_PARSE_NATIVE the native driver binary (default build/bench-tools/parse_native)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import * as ccxtSide from './ccxt.mjs';
import { binanceAccountBody, binanceTradesBody, TRADES_MARKET } from './inputs.mjs';
import * as proc from './processes.mjs';
import { fmtMs, fmtRatio, interleave, median, summary, timeBatch } from './stats.mjs';
import { defaultState, keysFor } from '../e2e/mock/state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const skip = new Set((args.find((a) => a.startsWith('--skip='))?.slice(7) ?? '').split(',').filter(Boolean));
const outFile = path.resolve(args.find((a) => a.startsWith('--out='))?.slice(6) ?? path.join(root, 'dist', 'bench-results.md'));
const coreDir = path.resolve(process.env.KEYFOLIO_CORE_DIR ?? path.join(root, 'build', 'wasm'));
const nativeDir = path.resolve(process.env.KEYFOLIO_NATIVE_DIR ?? path.join(root, 'build', 'native'));
const parseNative = path.resolve(process.env.KEYFOLIO_PARSE_NATIVE ?? path.join(root, 'build', 'bench-tools', 'parse_native'));

const NOW_MS = 1_700_000_000_000;
const ACCOUNT_ASSETS = 2000;
const TRADES = 50000;
const COST_BASIS_TRADES = 1_000_000;

const rows = [];      // the results table
const notes = [];     // spreads and context, under the table
const log = (...a) => console.error('bench:', ...a);

function row(what, core, other, ratio, target, pass) {
  rows.push({ what, core, other, ratio, target, verdict: pass === undefined ? '' : pass ? 'met' : '**missed**' });
}

function spread(s) {
  return `median ${fmtMs(s.median)}, p10–p90 ${fmtMs(s.p10)}–${fmtMs(s.p90)} (n=${s.n})`;
}

// ---- the core, called as the extension calls it (background/core.js callCore) ----
const { default: createCore } = await import(path.join(coreDir, 'core.mjs'));
const core = await createCore({ wasmBinary: readFileSync(path.join(coreDir, 'core.wasm')) });
function callCore(name, input) {
  const answer = JSON.parse(core[name](JSON.stringify(input)));
  if (!answer.ok) throw new Error(`${name}: ${answer.error.kind}: ${answer.error.message}`);
  return answer;
}

const keys = keysFor(defaultState({ nowMs: NOW_MS }));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'keyfolio-bench-'));
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
const loadBefore = os.loadavg()[0];
const started = new Date();

try {
  if (!skip.has('parse')) benchParse();
  if (!skip.has('sign')) benchSign();
  if (!skip.has('cold')) benchCold();
  if (!skip.has('scrypt')) benchScrypt();
  if (!skip.has('costbasis')) benchCostBasis();
  if (!skip.has('startup')) benchStartup();
  benchSize();
  if (!skip.has('popup')) await benchPopup();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
report();

// ---- parsing: Binance account (2,000 assets) and myTrades (50,000 trades) ----
function benchParse() {
  const account = binanceAccountBody(ACCOUNT_ASSETS);
  const trades = binanceTradesBody(TRADES);
  const cx = ccxtSide.binance(keys.binance.hmac, TRADES_MARKET, NOW_MS);
  const tradeParams = { ...TRADES_MARKET, limit: 1000 };
  const envelope = (operation, body, params = {}) => ({ exchange: 'binance', operation, status: 200, headers: {}, body, params });
  const accEnv = envelope('balances', account), trEnv = envelope('trades', trades, tradeParams);
  const accText = JSON.stringify(accEnv), trText = JSON.stringify(trEnv);

  // Both sides must have done the whole job before either is timed.
  const nonZero = JSON.parse(account).balances.filter((b) => Number(b.free) + Number(b.locked) > 0).length;
  const coreBal = callCore('parseResponse', accEnv).data.balances;
  const ccxtBal = cx.parseBalances(account);
  if (coreBal.length !== nonZero) throw new Error(`core returned ${coreBal.length} balances, expected ${nonZero}`);
  if (Object.keys(ccxtBal.total).length !== ACCOUNT_ASSETS) throw new Error('CCXT did not parse every asset');
  const coreTr = callCore('parseResponse', trEnv).data.trades;
  const ccxtTr = cx.parseTrades(trades);
  if (coreTr.length !== TRADES || ccxtTr.length !== TRADES) throw new Error('a trades parse lost rows');
  if (Number(coreTr[7].price) !== ccxtTr[7].price || Number(coreTr[7].amount) !== ccxtTr[7].amount) {
    throw new Error('core and CCXT disagree on a trade');
  }

  const cases = [
    { name: `parse + normalize Binance account, ${ACCOUNT_ASSETS} assets (${(account.length / 1024).toFixed(0)} KiB)`,
      text: accText, env: accEnv, ccxt: () => cx.parseBalances(account),
      rounds: quick ? 15 : 41, calls: 1 },
    { name: `parse + normalize Binance myTrades, ${TRADES.toLocaleString('en')} trades (${(trades.length / 2 ** 20).toFixed(1)} MiB)`,
      text: trText, env: trEnv, ccxt: () => cx.parseTrades(trades),
      rounds: quick ? 3 : 5, calls: 1, warmup: 1 },
  ];
  const bodyApi = typeof core.parseResponseBody === 'function';
  if (!bodyApi) notes.push('This core has no parseResponseBody: parsing timed through parseResponse (body inside the JSON).');
  for (const c of cases) {
    log(c.name);
    const { body, ...meta } = c.env;  // what the extension passes besides the body
    c.meta = meta;
    c.metaText = JSON.stringify(meta);
    c.answer = bodyApi ? core.parseResponseBody(c.metaText, c.env.body) : core.parseResponse(c.text);
    const r = interleave({
      rounds: c.rounds, calls: c.calls, warmup: c.warmup, base: 'ccxt',
      contenders: {
        // The JS API as the extension uses it (background/exchange-client.js): the envelope
        // without the body stringified, the raw body as the second string, JSON.parse the answer.
        // A core from before parseResponseBody (KEYFOLIO_CORE_DIR=old build) is timed the way
        // the extension called it then.
        core: bodyApi ? () => JSON.parse(core.parseResponseBody(JSON.stringify(c.meta), c.env.body))
          : () => JSON.parse(core.parseResponse(JSON.stringify(c.env))),
        ccxt: c.ccxt,
        // The wasm call alone (text in, text out), to show what the JSON wrapping costs.
        coreCallOnly: bodyApi ? () => core.parseResponseBody(c.metaText, c.env.body) : () => core.parseResponse(c.text),
        // The one-string form (body escaped inside the envelope), for comparison.
        coreEnvelope: () => JSON.parse(core.parseResponse(JSON.stringify(c.env))),
        // The floor of any core answering in JSON text: JSON.parse of its answer alone.
        answerParseOnly: () => JSON.parse(c.answer),
      },
    });
    row(c.name, fmtMs(r.core.median), `CCXT ${fmtMs(r.ccxt.median)}`, fmtRatio(r.core.ratio.median), '≥ 10x',
      r.core.ratio.median >= 10);
    notes.push(`${c.name}: core (JS API, parseResponseBody) ${spread(r.core)}; core call alone (string in/out) ` +
      `${spread(r.coreCallOnly)}, ratio ${fmtRatio(r.coreCallOnly.ratio.median)}; parseResponse with the body ` +
      `inside the JSON ${spread(r.coreEnvelope)}, ratio ${fmtRatio(r.coreEnvelope.ratio.median)}; CCXT ` +
      `${spread(r.ccxt)}; per-round ratio ${fmtRatio(r.core.ratio.min)}–${fmtRatio(r.core.ratio.max)}. ` +
      `JSON.parse of the core's ${(c.answer.length / 1024).toFixed(0)} KiB answer alone (no core call at all) ` +
      `${spread(r.answerParseOnly)}: CCXT / that = ${fmtRatio(r.answerParseOnly.ratio.median)}, the ceiling of the ratio ` +
      `for any core that answers in JSON text.`);
  }

  // The same code natively, same inputs, its own process (no wasm boundary, no JS around it).
  if (proc.exists(parseNative)) {
    writeFileSync(path.join(tmp, 'account.json'), accText);
    writeFileSync(path.join(tmp, 'trades.json'), trText);
    const a = proc.nativeApi(parseNative, path.join(tmp, 'account.json'), quick ? 10 : 30, 'parseResponse');
    const t = proc.nativeApi(parseNative, path.join(tmp, 'trades.json'), 3, 'parseResponse');
    notes.push(`Native build of the same parser (C++ call alone, parseResponse with the body inside the JSON): account ${fmtMs(a.medianMs)} ` +
      `(min ${fmtMs(a.minMs)}), trades ${fmtMs(t.medianMs)} (min ${fmtMs(t.minMs)}).`);
  } else {
    notes.push(`Native parse driver not built (${path.relative(root, parseNative)}): native parse times skipped.`);
  }
}

// ---- signing: build + sign the balances request ----
function benchSign() {
  const cxB = ccxtSide.binance(keys.binance.hmac, TRADES_MARKET, NOW_MS);
  const cxK = ccxtSide.kraken(keys.kraken.main, NOW_MS);
  const input = (exchange, credentials) => ({ exchange, operation: 'balances', credentials, params: {}, nowMs: NOW_MS, nonce: String(NOW_MS * 1000) });
  const binIn = input('binance', keys.binance.hmac), krIn = input('kraken', keys.kraken.main);
  // Same nonce and body: Kraken's signature must come out identical on both sides.
  if (callCore('buildRequest', krIn).headers['API-Sign'] !== cxK.sign().headers['API-Sign']) {
    throw new Error('core and CCXT sign Kraken differently');
  }
  for (const [name, coreIn, cx] of [['Binance (HMAC-SHA256, GET /api/v3/account)', binIn, cxB],
    ['Kraken (SHA-256 + HMAC-SHA512, POST /0/private/BalanceEx)', krIn, cxK]]) {
    log(`sign ${name}`);
    // Short batches, many rounds: on a loaded machine a long batch is likely to be cut by
    // the scheduler; the median of many short ones is not.
    const r = interleave({
      rounds: quick ? 51 : 151, calls: 50, base: 'ccxt',
      contenders: { core: () => callCore('buildRequest', coreIn), ccxt: () => cx.sign() },
    });
    row(`build + sign ${name}`, fmtMs(r.core.median), `CCXT ${fmtMs(r.ccxt.median)}`, fmtRatio(r.core.ratio.median),
      '≥ 5x', r.core.ratio.median >= 5);
    notes.push(`sign ${name}: core ${spread(r.core)}; CCXT ${spread(r.ccxt)}; per-round ratio ` +
      `${fmtRatio(r.core.ratio.min)}–${fmtRatio(r.core.ratio.max)}.`);
  }
}

// ---- cold: the first call in a fresh process (tests/bench/cold.mjs) ----
// The service worker is short-lived, so a sync often runs cold. Reported, not judged: the
// targets are on warm throughput. Core and CCXT alternate, each in a new Node process.
function benchCold() {
  const jobs = [['account', 'parse + normalize Binance account, 2,000 assets'],
    ['binance', 'build + sign Binance'], ['kraken', 'build + sign Kraken']];
  const runs = quick ? 5 : 9;
  for (const [job, what] of jobs) {
    log(`cold first call: ${job}`);
    const ms = { core: [], ccxt: [] };
    const checks = { core: new Set(), ccxt: new Set() };
    for (let r = 0; r < runs; r++) {
      for (const side of r % 2 === 0 ? ['core', 'ccxt'] : ['ccxt', 'core']) {
        const out = spawnSync(process.execPath, [path.join(root, 'tests/bench/cold.mjs'), side, job, coreDir],
          { encoding: 'utf8' });
        if (out.status !== 0) throw new Error(`cold.mjs ${side} ${job}: ${out.stderr.slice(0, 400)}`);
        const { ms: t, check } = JSON.parse(out.stdout.trim());
        ms[side].push(t);
        checks[side].add(String(check));
      }
    }
    // The job was done: the right number of balances, or a URL of the right endpoint.
    const expect = job === 'account' ? null : job === 'binance' ? '/api/v3/account?' : '/0/private/BalanceEx';
    for (const side of ['core', 'ccxt']) {
      if (checks[side].size !== 1) throw new Error(`cold ${job} ${side}: answers differ between runs`);
      const check = [...checks[side]][0];
      if (expect && !check.includes(expect)) throw new Error(`cold ${job} ${side}: unexpected ${check}`);
    }
    if (job === 'account') {
      const body = JSON.parse(binanceAccountBody(ACCOUNT_ASSETS));
      const nonZero = body.balances.filter((b) => Number(b.free) + Number(b.locked) > 0).length;
      if ([...checks.core][0] !== String(nonZero) || [...checks.ccxt][0] !== String(ACCOUNT_ASSETS)) {
        throw new Error('cold account: a side lost balances');
      }
    }
    const c = summary(ms.core), x = summary(ms.ccxt);
    row(`cold first call in a fresh process: ${what}`, fmtMs(c.median), `CCXT ${fmtMs(x.median)}`,
      fmtRatio(median(ms.ccxt.map((v, i) => v / ms.core[i]))), 'report');
    notes.push(`cold ${job} (first call only; loading the core or CCXT not counted, startup is its own row): core ` +
      `${spread(c)}; CCXT ${spread(x)}; core ${[...checks.core][0].slice(0, 60)}, CCXT ${[...checks.ccxt][0].slice(0, 60)}.`);
  }
}

// ---- scrypt: vaultUnlock at the default parameters, wasm and native ----
function benchScrypt() {
  log('vaultUnlock (scrypt N=2^16, r=8, p=1)');
  const passphrase = 'correct horse battery staple';
  const { header } = callCore('vaultCreate', { passphrase });
  const input = { header, passphrase };
  const file = path.join(tmp, 'unlock.json');
  writeFileSync(file, JSON.stringify(input));
  const wasm = [], native = [];
  const haveNative = proc.exists(parseNative);
  for (let r = 0; r < (quick ? 2 : 4); r++) {
    wasm.push(timeBatch(() => callCore('vaultUnlock', input), 1));
    if (haveNative) native.push(proc.nativeApi(parseNative, file, 1, 'vaultUnlock').medianMs);
  }
  const w = summary(wasm);
  if (haveNative) {
    const n = summary(native);
    row('vaultUnlock, scrypt N=2^16 r=8 p=1 (wasm vs native)', fmtMs(w.median), `native ${fmtMs(n.median)}`,
      fmtRatio(w.median / n.median), 'report');
    notes.push(`vaultUnlock: wasm ${spread(w)}; native ${spread(n)} (alternating, native in its own process).`);
  } else {
    row('vaultUnlock, scrypt N=2^16 r=8 p=1 (wasm)', fmtMs(w.median), '', '', 'report');
  }
}

// ---- cost basis: 1,000,000 trades, FIFO and HIFO, wasm vs native ----
function benchCostBasis() {
  const coreBench = path.join(nativeDir, 'core_bench');
  if (!proc.exists(coreBench)) {
    notes.push(`Cost basis skipped: ${path.relative(root, coreBench)} missing (built by ./scripts/build).`);
    return;
  }
  const methods = ['fifo', 'hifo'];
  const runs = { native: [], wasm: [] };
  for (let r = 0; r < (quick ? 1 : 3); r++) {
    log(`cost basis round ${r + 1}`);
    const order = r % 2 === 0 ? ['native', 'wasm'] : ['wasm', 'native'];
    for (const side of order) {
      runs[side].push(side === 'native'
        ? proc.costBasisNative(coreBench, COST_BASIS_TRADES, methods.join(','))
        : proc.costBasisWasm(path.join(coreDir, 'core.mjs'), COST_BASIS_TRADES, methods.join(',')));
    }
  }
  for (const m of methods) {
    const nat = runs.native.map((x) => x[m]), was = runs.wasm.map((x) => x[m]);
    if (nat.some((x) => !x) || was.some((x) => !x)) throw new Error(`cost basis: no ${m} result`);
    // Same seed, same events: the exact totals must agree between the builds.
    if (was[0].gain !== nat[0].gain || was[0].remainingCost !== nat[0].remainingCost) {
      throw new Error(`cost basis ${m}: wasm and native totals differ`);
    }
    const wallW = median(was.map((x) => x.engineMs)), wallN = median(nat.map((x) => x.engineMs));
    const cpuW = median(was.map((x) => x.cpuMs)), cpuN = median(nat.map((x) => x.cpuMs));
    const ratio = median(was.map((x, i) => x.cpuMs / nat[i].cpuMs));
    row(`cost basis ${m.toUpperCase()}, 1,000,000 trades (wasm, wall)`, fmtMs(wallW), '', '', '< 2 s', wallW < 2000);
    row(`cost basis ${m.toUpperCase()}: wasm vs native (CPU time)`, fmtMs(cpuW), `native ${fmtMs(cpuN)}`, fmtRatio(ratio),
      '≤ 1.5x', ratio <= 1.5);
    notes.push(`cost basis ${m}: wasm wall ${was.map((x) => x.engineMs).join(', ')} ms, cpu ${was.map((x) => x.cpuMs).join(', ')} ms; ` +
      `native wall ${nat.map((x) => x.engineMs).join(', ')} ms, cpu ${nat.map((x) => x.cpuMs).join(', ')} ms; ` +
      `wall ratio ${fmtRatio(wallW / wallN)}. Totals identical (gain ${nat[0].gain}).`);
  }
}

// ---- cold core startup in a fresh Node process ----
function benchStartup() {
  log('cold startup');
  const runs = Array.from({ length: quick ? 3 : 7 }, () => proc.coldStartup(coreDir));
  const total = summary(runs.map((r) => r.importMs + r.instantiateMs));
  row('core startup in Node (import + compile/instantiate)', fmtMs(total.median), '', '', 'report');
  notes.push(`startup: import ${fmtMs(median(runs.map((r) => r.importMs)))}, instantiate ` +
    `${fmtMs(median(runs.map((r) => r.instantiateMs)))}, first call ${fmtMs(median(runs.map((r) => r.firstCallMs)))}; total ${spread(total)}.`);
}

function benchSize() {
  const wasm = readFileSync(path.join(coreDir, 'core.wasm'));
  const mjs = readFileSync(path.join(coreDir, 'core.mjs'));
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  row('core.wasm size (raw / gzip -9)', `${kib(wasm.length)} / ${kib(gzipSync(wasm, { level: 9 }).length)}`,
    `core.mjs ${kib(mjs.length)} / ${kib(gzipSync(mjs, { level: 9 }).length)}`, '', 'report');
}

// ---- popup first paint from the cached snapshot ----
async function benchPopup() {
  const { popupFirstPaint } = await import('./popup.mjs');
  log('popup first paint');
  const opens = quick ? 8 : 20;
  const r = await popupFirstPaint({ opens });
  const mark = summary(r.samples.map((s) => s.mark));
  const fcps = r.samples.map((s) => s.fcp).filter((x) => x != null);
  const fcp = fcps.length ? summary(fcps) : null;
  row('popup first paint from cached snapshot (mark, median / p90)', `${fmtMs(mark.median)} / ${fmtMs(mark.p90)}`,
    fcp ? `FCP ${fmtMs(fcp.median)} / ${fmtMs(fcp.p90)}` : 'FCP not reported', '', '< 100 ms', mark.median < 100);
  notes.push(`popup: ${opens} opens of popup/popup.html (380×600) in headless Chromium, demo snapshot ` +
    `(${r.holdings ?? '?'} holdings, ${r.snapshotBytes} bytes); keyfolio-first-paint ${spread(mark)}, first open ` +
    `${fmtMs(r.samples[0].mark)}` + (fcp ? `; first-contentful-paint ${spread(fcp)}.` : '.'));
}

function report() {
  const loadAfter = os.loadavg()[0];
  const lines = [
    `# Keyfolio benchmark results`,
    '',
    `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine} · Node ${process.versions.node} · ` +
      `CCXT ${ccxtSide.ccxtVersion} · core ${JSON.parse(core.version()).version} from ${path.relative(root, coreDir) || '.'} · ` +
      `git ${proc.gitRevision(root)} · load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}` +
      (quick ? ' · --quick' : ''),
    '',
    '| measurement | core | reference | ratio | target | verdict |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${r.core} | ${r.other} | ${r.ratio} | ${r.target} | ${r.verdict} |`),
    '',
    'Ratios are reference time / core time (higher is better for the core), the median over rounds of the',
    'ratio measured within one round; wasm-vs-native ratios are wasm / native (lower is better).',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ];
  const text = lines.join('\n');
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  process.stdout.write(text);
}
