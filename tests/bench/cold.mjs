// One cold first call in a fresh Node process, for run.mjs's "cold" rows: the extension's
// service worker is short-lived, so a sync often parses and signs with nothing warmed up.
// Loading (core.mjs + instantiate, or importing CCXT and making the exchange object) and
// building the input happen before the clock starts; only the first call itself is timed,
// with the same JSON in and out as the warm rows. Prints {"ms": ..., "check": ...}.
//
// Usage: node tests/bench/cold.mjs core|ccxt account|binance|kraken CORE_DIR
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { binanceAccountBody, TRADES_MARKET } from './inputs.mjs';
import { defaultState, keysFor } from '../e2e/mock/state.mjs';

const [side, job, coreDirArg] = process.argv.slice(2);
const coreDir = path.resolve(coreDirArg ?? 'build/wasm');
const NOW_MS = 1_700_000_000_000;
const keys = keysFor(defaultState({ nowMs: NOW_MS }));
const signInput = (exchange, credentials) => ({ exchange, operation: 'balances', credentials, params: {}, nowMs: NOW_MS,
  nonce: String(NOW_MS * 1000) });
const account = binanceAccountBody(2000);

let first;
if (side === 'core') {
  const { default: createCore } = await import(path.join(coreDir, 'core.mjs'));
  const core = await createCore({ wasmBinary: readFileSync(path.join(coreDir, 'core.wasm')) });
  const meta = { exchange: 'binance', operation: 'balances', status: 200, headers: {}, params: {} };
  const input = job === 'binance' ? signInput('binance', keys.binance.hmac) : signInput('kraken', keys.kraken.main);
  first = job === 'account'
    ? () => JSON.parse(core.parseResponseBody(JSON.stringify(meta), account)).data.balances.length
    : () => JSON.parse(core.buildRequest(JSON.stringify(input))).url;
} else {
  const ccxtSide = await import('./ccxt.mjs');
  const cx = job === 'kraken' ? ccxtSide.kraken(keys.kraken.main, NOW_MS)
    : ccxtSide.binance(keys.binance.hmac, TRADES_MARKET, NOW_MS);
  first = job === 'account' ? () => Object.keys(cx.parseBalances(account).total).length : () => cx.sign().url;
}
const t0 = performance.now();
const check = first();
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, check }));
