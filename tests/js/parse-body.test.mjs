// parseResponseBody (meta JSON + raw body, what the extension calls) answers exactly as
// parseResponse (the body inside the JSON) for every fixture, every operation and a few
// statuses; strings cross the boundary intact (non-ASCII, NUL, lone surrogates), and a
// non-string argument is an error value, not an exception.
import { readdirSync, readFileSync } from 'node:fs';
import { loadCore } from './helpers/core.mjs';

let core;
beforeAll(async () => { core = await loadCore(); });

const OPS = ['serverTime', 'permissions', 'balances', 'trades', 'deposits', 'withdrawals', 'ledger', 'tickers', 'candles'];
const fixturesDir = new URL('../fixtures/', import.meta.url);

test('every fixture: the same answer text through both entry points', () => {
  let compared = 0, ok = 0;
  for (const exchange of ['binance', 'kraken', 'coinbase']) {
    for (const file of readdirSync(new URL(`${exchange}/`, fixturesDir))) {
      const body = readFileSync(new URL(`${exchange}/${file}`, fixturesDir), 'utf8');
      for (const operation of OPS) {
        for (const status of [200, 429, 503]) {
          const meta = { exchange, operation, status, headers: { 'Retry-After': '2' }, params: { symbol: 'BTCUSDT', limit: 2 } };
          const viaBody = core.parseResponseBody(JSON.stringify(meta), body);
          expect(viaBody).toBe(core.parseResponse(JSON.stringify({ ...meta, body })));
          compared++;
          if (JSON.parse(viaBody).ok) ok++;
        }
      }
    }
  }
  expect(compared).toBeGreaterThan(1000);
  expect(ok).toBeGreaterThan(50);
});

test('a large history parses the same both ways', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => ({
    symbol: 'BTCUSDT', id: 1000 + i, orderId: 1, price: `${30000 + i}.12345678`, qty: '0.00100000',
    quoteQty: '30.00012345', commission: '0.00000100', commissionAsset: 'BTC', time: 1700000000000 + i,
    isBuyer: i % 2 === 0, isMaker: false, isBestMatch: true,
  }));
  const body = JSON.stringify(rows);
  const meta = { exchange: 'binance', operation: 'trades', status: 200, params: { symbol: 'BTCUSDT', limit: 3000 } };
  const answer = core.parseResponseBody(JSON.stringify(meta), body);
  expect(answer).toBe(core.parseResponse(JSON.stringify({ ...meta, body })));
  const { data, next } = JSON.parse(answer);
  expect(data.trades).toHaveLength(3000);
  expect(data.trades[2999].price).toBe('32999.12345678');
  expect(next.fromId).toBe(4000);
});

test('text crosses the boundary intact both ways', () => {
  const meta = JSON.stringify({ exchange: 'binance', operation: 'balances', status: 200 });
  for (const asset of ['Ünï€ødé', 'emoji 🚀', 'nul \u0000 inside', 'lone \ud800 surrogate', 'x'.repeat(100000)]) {
    const body = JSON.stringify({ balances: [{ asset, free: '1.5', locked: '0' }] });
    const viaBody = JSON.parse(core.parseResponseBody(meta, body));
    const viaJson = JSON.parse(core.parseResponse(JSON.stringify({ ...JSON.parse(meta), body })));
    expect(viaBody).toEqual(viaJson);
    if (!asset.includes('\ud800')) expect(viaBody.data.balances[0].asset).toBe(asset);
  }
});

test('arguments that are not strings are error values', () => {
  for (const args of [[{}, '{}'], ['{}', 5], ['{}', null], [undefined, '{}']]) {
    const answer = JSON.parse(core.parseResponseBody(...args));
    expect(answer.ok).toBe(false);
    expect(answer.error.kind).toBe('invalid_input');
  }
  expect(JSON.parse(core.buildRequest(42)).error.kind).toBe('invalid_input');
  expect(JSON.parse(core.parseResponseBody('{"exchange":"binance","operation":"balances","status":200,"body":"{}"}', '{}')).error.kind)
    .toBe('invalid_input');
});
