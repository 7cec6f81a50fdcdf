// A key added while a sync runs is synced by the next round, never lost: the
// "again when done" request and the key list are taken with the lease held.
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';

globalThis.chrome = { ...fakeChrome(), action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {}, setTitle: async () => {} } };

const keyList = [{ id: 'b1', exchange: 'binance' }];
const synced = [];
let release;
let firstBalances = new Promise((r) => { release = r; });

jest.unstable_mockModule('../../extension/background/keys.js', () => ({
  listKeys: async () => keyList.map((k) => ({ ...k })),
  updateKey: async () => {},
}));
jest.unstable_mockModule('../../extension/background/vault-session.js', () => ({
  openSecret: async (id) => ({ apiKey: id }),
  vaultState: async () => ({ exists: true, unlocked: true }),
}));
jest.unstable_mockModule('../../extension/background/exchange-client.js', () => ({
  exchangesInfo: async () => ({ binance: { name: 'Binance' }, kraken: { name: 'Kraken' } }),
  runAllPages: async (exchange, op, { keyId }) => {
    synced.push(keyId);
    if (synced.length === 1) await firstBalances; // the first sync is slow
    return [{ balances: [] }];
  },
  run: async () => ({ tickers: [] }),
}));
jest.unstable_mockModule('../../extension/background/core.js', () => ({
  callCore: async () => ({ ok: true, currency: 'USD', total: '0', assets: [], exchanges: [], unpriced: [] }),
}));
jest.unstable_mockModule('../../extension/background/settings.js', () => ({
  getSettings: async () => ({ currency: 'USD', badge: 'off' }),
}));
jest.unstable_mockModule('../../extension/background/badge.js', () => ({ updateBadge: async () => {} }));

const { syncNow } = await import('../../extension/background/sync.js');

async function until(cond) {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 2));
  return cond();
}

test('a key added during a sync is synced by the following round', async () => {
  const first = syncNow('key added');
  // The second key arrives while the first sync is starting, as with two quick imports.
  await new Promise((r) => setTimeout(r, 0));
  keyList.push({ id: 'k1', exchange: 'kraken' });
  expect(await syncNow('key added')).toEqual({ started: false, reason: 'already running' });
  release();
  await first;
  expect(await until(() => synced.includes('k1'))).toBe(true);
});

test('asked again during a sync, it runs once more, not once per request', async () => {
  synced.length = 0;
  firstBalances = new Promise((r) => { release = r; });
  const first = syncNow('manual');
  await until(() => synced.length > 0);
  await syncNow('manual');
  await syncNow('manual');
  release();
  await first;
  await until(() => synced.length >= 4);
  await new Promise((r) => setTimeout(r, 50));
  // b1 and k1 in the first round, both again in the one follow-up round.
  expect(synced.sort()).toEqual(['b1', 'b1', 'k1', 'k1']);
});
