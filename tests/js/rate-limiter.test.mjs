import { jest } from '@jest/globals';

const store = {};
globalThis.chrome = {
  storage: { local: { get: jest.fn(async (k) => ({ [k]: store[k] })), set: jest.fn(async (v) => Object.assign(store, v)) } },
};
const { refill, waitTimeMs, acquire, bucketFor } = await import('../../extension/background/rate-limiter.js');
const { loadCore, call } = await import('./helpers/core.mjs');

const binance = { capacity: 6000, refillPerSecond: 100 };

test('a bucket refills at its rate up to capacity', () => {
  expect(refill({ tokens: 0, updatedMs: 0 }, binance, 1000)).toEqual({ tokens: 100, updatedMs: 1000 });
  expect(refill({ tokens: 5990, updatedMs: 0 }, binance, 10_000).tokens).toBe(6000);
});

test('waits exactly as long as the missing tokens take', () => {
  expect(waitTimeMs({ tokens: 20 }, binance, 20)).toBe(0);
  expect(waitTimeMs({ tokens: 10 }, binance, 20)).toBe(100);
  expect(waitTimeMs({ tokens: 0 }, { capacity: 15, refillPerSecond: 0.33 }, 2)).toBe(6061);
});

test('acquire spends the budget and sleeps instead of overspending', async () => {
  let now = 0;
  const slept = [];
  const policy = { capacity: 2, refillPerSecond: 1 };
  const deps = { policy, now: () => now, sleep: async (ms) => { slept.push(ms); now += ms; } };
  await acquire('x', 1, deps);
  await acquire('x', 1, deps);
  expect(slept).toEqual([]);
  await acquire('x', 1, deps);
  expect(slept).toEqual([1000]);
});

describe('buckets from the core\'s description of each exchange', () => {
  let info;
  beforeAll(async () => {
    const core = await loadCore();
    info = Object.fromEntries(call(core, 'exchanges').exchanges.map((e) => [e.id, e]));
  });

  test('Kraken: public calls do not spend a key\'s private counter, and keys count apart', () => {
    const ticker = bucketFor('kraken', 'tickers', info.kraken, 'k1');
    expect(ticker).toEqual({ name: 'kraken.public', policy: { capacity: 1, refillPerSecond: 1 } });
    expect(bucketFor('kraken', 'ledger', info.kraken, 'k1')).toEqual({ name: 'kraken.key.k1', policy: info.kraken.rateLimit });
    expect(bucketFor('kraken', 'ledger', info.kraken, 'k2').name).toBe('kraken.key.k2');
    // A key not stored yet (the permission check before import) spends the shared bucket.
    expect(bucketFor('kraken', 'balances', info.kraken, undefined).name).toBe('kraken');
  });

  test('Binance weighs every call against one per-IP budget', () => {
    for (const op of ['tickers', 'balances', 'trades']) {
      expect(bucketFor('binance', op, info.binance, 'b1')).toEqual({ name: 'binance', policy: info.binance.rateLimit });
    }
  });

  test('Coinbase: public prices apart, private calls shared by the person\'s keys', () => {
    expect(bucketFor('coinbase', 'candles', info.coinbase, 'c1').name).toBe('coinbase.public');
    expect(bucketFor('coinbase', 'balances', info.coinbase, 'c1').name).toBe('coinbase');
  });

  test('a Kraken sync\'s ticker calls leave the private budget whole', async () => {
    let now = 0;
    const slept = [];
    const deps = (policy) => ({ policy, now: () => now, sleep: async (ms) => { slept.push(ms); now += ms; } });
    for (let i = 0; i < 5; i++) {
      const b = bucketFor('kraken', 'candles', info.kraken, 'k9');
      await acquire(b.name, 1, deps(b.policy));
    }
    // Five public calls at 1/s: four waits of a second, none on the private counter.
    expect(slept).toEqual([1000, 1000, 1000, 1000]);
    const priv = bucketFor('kraken', 'balances', info.kraken, 'k9');
    slept.length = 0;
    for (let i = 0; i < 15; i++) await acquire(priv.name, 1, deps(priv.policy));
    expect(slept).toEqual([]);
  });
});
