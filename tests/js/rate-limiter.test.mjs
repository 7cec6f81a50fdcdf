import { jest } from '@jest/globals';

const store = {};
globalThis.chrome = {
  storage: { local: { get: jest.fn(async (k) => ({ [k]: store[k] })), set: jest.fn(async (v) => Object.assign(store, v)) } },
};
const { refill, waitTimeMs, acquire } = await import('../../extension/background/rate-limiter.js');

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
