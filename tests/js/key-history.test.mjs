// Deleting the history fetched with one key removes that key's records and leaves
// every other key's: records are stored once per exchange and id, so a record two
// keys fetched stays (without the deleted key in its keyIds), and records stored
// before they named their keys go only when no other key of the exchange is
// connected. The history goes with the key, in deleteKey (key-deletion.js); the IndexedDB
// side (history-db.js) is in-memory here, the e2e lifecycle test runs it in Chromium.
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';
import { tagRecord, planKeyHistoryRemoval } from '../../extension/background/key-history.js';

globalThis.chrome = fakeChrome();

let db = new Map(); // uid -> record, as the events store
jest.unstable_mockModule('../../extension/background/core.js', () => ({ callCore: async () => ({ ok: true }) }));
jest.unstable_mockModule('../../extension/background/exchange-client.js', () => ({ exchangesInfo: async () => ({}), run: async () => ({}) }));
jest.unstable_mockModule('../../extension/background/vault-session.js', () => ({
  touch: async () => {}, removeSecret: async () => {}, sealSecret: async () => {}, openSecret: async () => ({}), vaultState: async () => ({}),
}));
jest.unstable_mockModule('../../extension/background/history-db.js', () => ({
  planForExchange: async (exchange, plan) => plan([...db.values()].filter((r) => r.exchange === exchange)),
  removeKeyHistory: async (exchange, keyId, plan) => {
    const result = plan([...db.values()].filter((r) => r.exchange === exchange));
    for (const uid of result.remove) db.delete(uid);
    for (const r of result.untag) db.set(r.uid, r);
    return result;
  },
  removeKeyCursors: async () => {},
}));
const { keyHistoryHandlers } = await import('../../extension/background/key-history-handlers.js');
const { deleteKey } = await import('../../extension/background/key-deletion.js');

const listing = (id, exchange, importedMs) => ({ id, exchange, label: id, importedMs });
const trade = (exchange, id) => ({ exchange, kind: 'trade', id, symbol: 'BTC/USD', uid: `${exchange}:trade:BTC/USD:${id}` });
// As history-db.js storePage does: the record, tagged with the key that fetched it.
function store(keyId, record) { db.set(record.uid, tagRecord(record, db.get(record.uid), keyId)); }
const uids = () => [...db.keys()].sort();

beforeEach(async () => {
  globalThis.chrome = fakeChrome();
  await chrome.storage.local.set({ keys: { k1: listing('k1', 'kraken', 1), k2: listing('k2', 'kraken', 2), b1: listing('b1', 'binance', 3) } });
  db = new Map();
  store('k1', trade('kraken', 'only-k1'));
  store('k1', trade('kraken', 'both'));
  store('k2', trade('kraken', 'both'));
  store('k2', trade('kraken', 'only-k2'));
  store('b1', trade('binance', 'only-b1'));
  db.set('kraken:trade:BTC/USD:old', trade('kraken', 'old')); // stored before records named their keys
});

test('a record fetched again by another key names both keys, once each', () => {
  expect(db.get('kraken:trade:BTC/USD:both').keyIds).toEqual(['k1', 'k2']);
  store('k1', trade('kraken', 'both'));
  expect(db.get('kraken:trade:BTC/USD:both').keyIds).toEqual(['k1', 'k2']);
  expect(db.get('kraken:trade:BTC/USD:only-k1').keyIds).toEqual(['k1']);
});

test('deleting one key\'s history removes its own records and leaves every other key\'s', async () => {
  expect(await keyHistoryHandlers.keyHistory({ id: 'k1' }))
    .toEqual({ exchange: 'kraken', records: 1, shared: 1, untagged: 1, untaggedRemoved: false });
  expect(uids()).toHaveLength(5); // only counted

  const removed = await deleteKey('k1', { deleteHistory: true });
  expect(removed).toEqual({ records: 1, shared: 1, untagged: 1, untaggedRemoved: false });
  expect(Object.keys(chrome.storage.local.dump().keys)).toEqual(['k2', 'b1']);
  expect(uids()).toEqual([
    'binance:trade:BTC/USD:only-b1',
    'kraken:trade:BTC/USD:both',
    'kraken:trade:BTC/USD:old', // k2 is still connected: it may have fetched it
    'kraken:trade:BTC/USD:only-k2',
  ]);
  expect(db.get('kraken:trade:BTC/USD:both').keyIds).toEqual(['k2']);
  expect(db.get('kraken:trade:BTC/USD:only-k2').keyIds).toEqual(['k2']);
});

test('the last key of an exchange also takes the records of unknown key; other exchanges untouched', async () => {
  await deleteKey('k1'); // its history kept
  expect(await keyHistoryHandlers.keyHistory({ id: 'k2' }))
    .toEqual({ exchange: 'kraken', records: 2, shared: 1, untagged: 1, untaggedRemoved: true });
  expect(await deleteKey('k2', { deleteHistory: true })).toEqual({ records: 2, shared: 1, untagged: 1, untaggedRemoved: true });
  // k1 was deleted earlier with its history kept: what names k1 stays.
  expect(uids()).toEqual(['binance:trade:BTC/USD:only-b1', 'kraken:trade:BTC/USD:both', 'kraken:trade:BTC/USD:only-k1']);
  expect(db.get('kraken:trade:BTC/USD:both').keyIds).toEqual(['k1']);
});

test('an unknown id removes no history, also one that names an Object property', async () => {
  for (const id of ['nope', '__proto__', 'constructor', undefined]) {
    await expect(keyHistoryHandlers.keyHistory({ id })).rejects.toMatchObject({ kind: 'invalid_input' });
    expect(await deleteKey(id, { deleteHistory: true })).toBeNull();
  }
  expect(uids()).toHaveLength(5);
  expect(Object.keys(chrome.storage.local.dump().keys)).toEqual(['k1', 'k2', 'b1']);
});

test('without deleteHistory the key goes and its records stay', async () => {
  expect(await deleteKey('k1')).toBeNull();
  expect(uids()).toHaveLength(5);
  expect(db.get('kraken:trade:BTC/USD:only-k1').keyIds).toEqual(['k1']);
});

test('the plan looks at no other key\'s records', () => {
  const plan = planKeyHistoryRemoval([...db.values()].filter((r) => r.exchange === 'binance'), 'k1', { otherKeysOnExchange: false });
  expect(plan).toEqual({ remove: [], untag: [], untagged: 0, untaggedRemoved: false });
});
