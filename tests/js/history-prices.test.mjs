// Historical prices: market choice from normalized tickers, generic candle params
// every exchange module accepts (checked against the real core), exact chaining,
// caching, and honest gaps.
import { marketIndex, choosePath, candleParams, marketQuery, combineSeries, historicalPrices, windowsFor, DAY_MS, WINDOW_DAYS } from '../../extension/background/historical-prices.js';
import { mul, div } from '../../extension/background/price-math.js';
import { loadCore, call } from './helpers/core.mjs';

// Normalized tickers name markets BASE/QUOTE whatever the exchange calls them.
const T = (exchange, _own, base, quote) => ({ exchange, symbol: `${base}/${quote}`, base, quote, last: '1' });
const tickers = [
  T('kraken', 'XXBTZUSD', 'BTC', 'USD'),
  T('coinbase', 'BTC-USD', 'BTC', 'USD'),
  T('binance', 'BTCUSDT', 'BTC', 'USDT'),
  T('binance', 'BNBUSDT', 'BNB', 'USDT'),
  T('binance', 'ARDRBTC', 'ARDR', 'BTC'),
  T('binance', 'EURUSDT', 'EUR', 'USDT'),
  T('kraken', 'USDTZUSD', 'USDT', 'USD'),
  T('coinbase', 'USDT-USD', 'USDT', 'USD'),
  T('kraken', 'XXBTZEUR', 'BTC', 'EUR'),
];
const index = marketIndex(tickers);
const legs = (path) => path?.map((l) => `${l.base}/${l.quote}@${l.exchange}${l.invert ? '^-1' : ''}`);

describe('choosePath', () => {
  test('a direct market to the currency, from the first exchange in order binance, coinbase, kraken', () => {
    expect(legs(choosePath('BTC', 'USD', index))).toEqual(['BTC/USD@coinbase']);
    expect(legs(choosePath('BTC', 'EUR', index))).toEqual(['BTC/EUR@kraken']);
  });
  test('through a bridge when there is no direct market; inverse markets divide', () => {
    expect(legs(choosePath('BNB', 'USD', index))).toEqual(['BNB/USDT@binance', 'USDT/USD@coinbase']);
    expect(legs(choosePath('BNB', 'EUR', index))).toEqual(['BNB/USDT@binance', 'EUR/USDT@binance^-1']);
    expect(legs(choosePath('USD', 'EUR', index))).toEqual(['USDT/USD@coinbase^-1', 'EUR/USDT@binance^-1']);
    expect(legs(choosePath('ARDR', 'USD', index))).toEqual(['ARDR/BTC@binance', 'BTC/USD@coinbase']);
  });
  test('the currency needs no series; an unlinked asset has no path (never a guess)', () => {
    expect(choosePath('USD', 'USD', index)).toEqual([]);
    expect(choosePath('NOPRICE', 'USD', index)).toBeNull();
    // No stablecoin is assumed at par: without a USDT/USD market BNB cannot reach USD.
    const noBridge = marketIndex(tickers.filter((t) => !t.symbol.startsWith('USDT')));
    // …so it goes through real markets only: USDT to BTC, BTC to USD.
    expect(legs(choosePath('BNB', 'USD', noBridge))).toEqual(['BNB/USDT@binance', 'BTC/USDT@binance^-1', 'BTC/USD@coinbase']);
    expect(choosePath('BNB', 'GBP', noBridge)).toBeNull();
  });
});

test('exact chaining: multiply forward legs, divide inverse ones, 18 decimals half-even', () => {
  expect(mul('67000.12', '0.9991')).toBe('66939.819892');
  expect(div('1', '3')).toBe('0.333333333333333333');
  expect(div('2', '3')).toBe('0.666666666666666667');
  expect(mul('0.000000000000000001', '0.5')).toBe('0'); // 5e-19 -> half-even to 0
  expect(mul('0.000000000000000003', '0.5')).toBe('0.000000000000000002'); // 1.5e-18 -> 2e-18
  const path = [{ invert: false }, { invert: true }];
  const points = combineSeries(path, [[[0, '600'], [DAY_MS, '610']], [[0, '1.2'], [2 * DAY_MS, '1.1']]], 10 * DAY_MS);
  // Day 1 has no second leg: left out, never guessed. Stamped at the candle's close.
  expect(points).toEqual([[DAY_MS, '500']]);
  // Today's open candle is stamped now, not at its future close.
  expect(combineSeries([{ invert: false }], [[[0, '5']]], 1000)).toEqual([[1000, '5']]);
});

// Plays the core's tradeQueries: Binance names a market by its own symbol, the
// others need no market params for trades.
const coreCalls = [];
async function fakeCallCore(name, input) {
  coreCalls.push({ name, input });
  if (name !== 'tradeQueries') throw new Error(`unexpected core call ${name}`);
  if (input.exchange !== 'binance') return { ok: true, queries: [{}] };
  return { ok: true, queries: input.tickers.map((t) => ({ symbol: `${t.base}${t.quote}`, base: t.base, quote: t.quote })) };
}

function fakeSource(closeFor) {
  const calls = [];
  const store = new Map();
  return {
    calls,
    store,
    deps: (nowMs) => ({
      callCore: fakeCallCore,
      nowMs: () => nowMs,
      cache: { get: async (k) => store.get(k), put: async (entries) => entries.forEach((e) => store.set(e.key, structuredClone(e))) },
      fetchCandles: async (exchange, params) => {
        calls.push({ exchange, params });
        const out = [];
        for (let t = params.startMs; t <= params.endMs; t += DAY_MS) {
          const close = closeFor(exchange, params.symbol ?? `${params.base}-${params.quote}`, t);
          if (close instanceof Error) throw close;
          if (close) out.push({ exchange, symbol: params.symbol, time: t, open: close, high: close, low: close, close, volume: '1' });
        }
        return out;
      },
    }),
  };
}

test('historicalPrices: chained daily closes, generic params, cache reuse, gaps reported', async () => {
  const now = Date.UTC(2025, 5, 15, 12);
  const from = Date.UTC(2025, 0, 1);
  const src = fakeSource((exchange, symbol) => ({ BNBUSDT: '600.5', 'USDT-USD': '0.9990', 'BTC-USD': '90000', ARDRBTC: '0.0000012' })[symbol]);
  const args = { assets: ['BNB', 'USD', 'ARDR', 'NOPRICE', 'BNB'], currency: 'USD', fromMs: from, toMs: now, tickers };
  const r = await historicalPrices(args, src.deps(now));
  expect(Object.keys(r.prices).sort()).toEqual(['ARDR', 'BNB']);
  expect(r.prices.BNB[0][1]).toBe('599.8995');
  expect(r.prices.ARDR[0][1]).toBe('0.108');
  expect(r.prices.BNB.every(([t], i, a) => i === 0 || t > a[i - 1][0])).toBe(true);
  expect(r.prices.BNB.at(-1)[0]).toBe(now); // today's candle, stamped now
  expect(r.missing).toEqual([{ asset: 'NOPRICE', reason: 'no market on your exchanges links NOPRICE to USD' }]);
  expect(r.sources.find((s) => s.asset === 'BNB').path).toBe('BNB/USDT@binance × USDT/USD@coinbase');
  // Generic params (base, quote, a daily interval, a window) plus what the core's
  // tradeQueries named for the market: Binance's own symbol, nothing for the others.
  for (const { exchange, params } of src.calls) {
    expect(Object.keys(params).sort()).toEqual(['base', 'endMs', 'interval', 'limit', 'quote', 'startMs', ...(exchange === 'binance' ? ['symbol'] : [])].sort());
    expect(params.interval).toBe('1d');
    expect((params.endMs - params.startMs) / DAY_MS).toBeLessThan(WINDOW_DAYS);
  }
  const windows = windowsFor(from, now).length;
  expect(src.calls.length).toBe(4 * windows); // BNBUSDT, USDT-USD, ARDRBTC, BTC-USD: each window once
  // Again an hour later: closed windows come from the cache, the open one too (fresh enough).
  src.calls.length = 0;
  const again = await historicalPrices(args, src.deps(now + 3600_000));
  expect(src.calls).toEqual([]);
  expect(again.prices.BNB.slice(0, -1)).toEqual(r.prices.BNB.slice(0, -1));
  // A day later the open window is fetched again, the closed ones are not.
  await historicalPrices(args, src.deps(now + DAY_MS));
  expect(src.calls.length).toBeGreaterThan(0);
  expect(src.calls.every((c) => c.params.startMs <= now && now < c.params.startMs + WINDOW_DAYS * DAY_MS)).toBe(true);
});

test('a failing exchange leaves the asset unpriced with the reason, and nothing is cached', async () => {
  const now = Date.UTC(2025, 5, 15);
  const src = fakeSource((exchange, symbol) => (symbol === 'USDT-USD' ? Object.assign(new Error('Coinbase is unavailable'), { kind: 'unavailable' }) : '600'));
  const r = await historicalPrices({ assets: ['BNB'], currency: 'USD', fromMs: now - 10 * DAY_MS, toMs: now, tickers }, src.deps(now));
  expect(r.prices).toEqual({});
  expect(r.missing).toEqual([{ asset: 'BNB', reason: 'BNB/USDT@binance × USDT/USD@coinbase: USDT/USD@coinbase: Coinbase is unavailable' }]);
  expect([...src.store.keys()].some((k) => k.includes('USDT-USD'))).toBe(false);
});

describe('with the real core: its tradeQueries names the market, buildRequest accepts the params', () => {
  let core;
  beforeAll(async () => { core = await loadCore(); });
  const realCore = async (name, input) => {
    const r = call(core, name, input);
    if (!r.ok) throw new Error(r.error.message);
    return r;
  };
  test.each([
    ['binance', T('binance', 'BNBUSDT', 'BNB', 'USDT'), /api\.binance\.com\/api\/v3\/klines\?symbol=BNBUSDT&interval=1d&startTime=\d+&endTime=\d+/],
    ['coinbase', T('coinbase', 'BTC-USD', 'BTC', 'USD'), /api\.coinbase\.com\/api\/v3\/brokerage\/market\/products\/BTC-USD\/candles\?start=\d+&end=\d+&granularity=ONE_DAY/],
    ['kraken', T('kraken', 'XXBTZUSD', 'BTC', 'USD'), /api\.kraken\.com\/0\/public\/OHLC\?pair=XBTUSD&interval=1440&since=\d+/],
  ])('%s', async (exchange, market, url) => {
    const start = Date.UTC(2024, 0, 1);
    const query = await marketQuery({ ...market, invert: false }, realCore);
    const params = candleParams(market, query, start, start + (WINDOW_DAYS - 1) * DAY_MS);
    const r = call(core, 'buildRequest', { exchange, operation: 'candles', params, nowMs: Date.UTC(2025, 0, 1) });
    expect(r.error).toBeUndefined();
    expect(r.method).toBe('GET');
    expect(r.url).toMatch(url);
  });
});
