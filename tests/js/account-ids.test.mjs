// Coinbase account ids are kept once, in `accounts.<keyId>`: the balance sync merges
// every id the exchange lists (empty accounts too) into it, the holdings no longer
// carry them, and history sync plans its per-account queries from it. A profile from
// before, with the ids only in `holdings.<id>.accounts`, keeps working.
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';

globalThis.chrome = { ...fakeChrome(), action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {}, setTitle: async () => {} } };

const KEY = { id: 'cb1', exchange: 'coinbase' };
let balancePages = [];
const queryInputs = [];

jest.unstable_mockModule('../../extension/background/keys.js', () => ({
  listKeys: async () => [{ ...KEY }],
  updateKey: async () => {},
}));
jest.unstable_mockModule('../../extension/background/vault-session.js', () => ({
  openSecret: async () => ({ apiKey: 'k' }),
  vaultState: async () => ({ exists: true, unlocked: true }),
}));
jest.unstable_mockModule('../../extension/background/exchange-client.js', () => ({
  exchangesInfo: async () => ({ coinbase: { name: 'Coinbase', operations: ['balances', 'deposits'] } }),
  runAllPages: async (exchange, op) => (op === 'balances' ? balancePages : op === 'tickers' ? [{ tickers: [] }] : []),
  run: async () => ({}),
}));
jest.unstable_mockModule('../../extension/background/core.js', () => ({
  callCore: async (fn, input) => {
    if (fn === 'historyQueries') { queryInputs.push(input); return { ok: true, queries: [] }; }
    return { ok: true, currency: 'USD', total: '0', assets: [], exchanges: [], unpriced: [] };
  },
}));
jest.unstable_mockModule('../../extension/background/settings.js', () => ({ getSettings: async () => ({ currency: 'USD', badge: 'off' }) }));
jest.unstable_mockModule('../../extension/background/badge.js', () => ({ updateBadge: async () => {} }));
jest.unstable_mockModule('../../extension/background/history-db.js', () => ({
  storePage: async () => {}, getCursor: async () => null, recordsOf: () => [], allEvents: async () => [],
}));

const { syncNow } = await import('../../extension/background/sync.js');
const { syncHistory } = await import('../../extension/background/history-sync.js');
const { rememberAccounts, knownAccounts } = await import('../../extension/background/account-ids.js');

const stored = () => chrome.storage.local.dump();
const page = (accounts, balances = []) => ({ accounts, balances });

beforeEach(async () => {
  Object.assign(chrome.storage, fakeChrome().storage);
  // Listed, as listKeys says: a sync writes for a key only while it is (key-requests.js).
  await chrome.storage.local.set({ keys: { [KEY.id]: { ...KEY } } });
  queryInputs.length = 0;
});

test('the balance sync merges every listed account into accounts.<keyId>, not into the holdings', async () => {
  await chrome.storage.local.set({ 'accounts.cb1': ['old-emptied'] });
  balancePages = [page(['btc', 'ltc-empty'], [{ asset: 'BTC', free: '1', accountId: 'btc' }]), page(['eth', 'btc'])];
  await syncNow('manual');
  expect(stored()['accounts.cb1']).toEqual(['old-emptied', 'btc', 'ltc-empty', 'eth']);
  expect(stored()['holdings.cb1'].balances).toHaveLength(1);
  expect(stored()['holdings.cb1']).not.toHaveProperty('accounts');
});

test('an exchange without an account list gets no accounts entry', async () => {
  balancePages = [{ balances: [{ asset: 'BTC', free: '1' }] }];
  await syncNow('manual');
  expect(stored()).not.toHaveProperty('accounts.cb1');
});

test('concurrent merges all land (updateLocal runs them in turn)', async () => {
  await Promise.all([rememberAccounts('cb1', ['a']), rememberAccounts('cb1', ['b']), rememberAccounts('cb1', ['c', 'a'])]);
  expect(stored()['accounts.cb1'].sort()).toEqual(['a', 'b', 'c']);
});

test('an older profile: ids only in holdings.<id>.accounts are used, then carried over by the next sync', async () => {
  await chrome.storage.local.set({ 'holdings.cb1': { exchange: 'coinbase', balances: [], accounts: ['ltc-empty'], fetchedMs: 1 } });
  expect(await knownAccounts('cb1')).toEqual(['ltc-empty']);
  await syncHistory();
  expect(queryInputs.map((q) => q.accounts)).toEqual([['ltc-empty']]);

  balancePages = [page(['btc'], [{ asset: 'BTC', free: '1', accountId: 'btc' }])];
  await syncNow('manual');
  expect(stored()['accounts.cb1']).toEqual(['ltc-empty', 'btc']);
  expect(stored()['holdings.cb1']).not.toHaveProperty('accounts');
});

test('history sync plans its per-account queries from accounts.<keyId> and writes nothing there', async () => {
  await chrome.storage.local.set({ 'accounts.cb1': ['btc', 'ltc-empty'], 'holdings.cb1': { exchange: 'coinbase', balances: [{ asset: 'BTC', free: '1', accountId: 'btc' }] } });
  const before = stored()['accounts.cb1'];
  await syncHistory();
  expect(queryInputs.map((q) => q.accounts)).toEqual([['btc', 'ltc-empty']]);
  expect(stored()['accounts.cb1']).toEqual(before);
});
