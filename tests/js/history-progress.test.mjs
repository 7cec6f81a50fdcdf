// historyProgress is one stored object that more than one writer changes (the
// history sync per key, deleteKey dropping the key's entry and an exchange left without keys):
// every change goes through storage.js updateLocal, so none is lost to another's
// read-modify-write. Keys, storage and history sync are the real modules; the
// exchange is a fake whose answers the test can hold.
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';

globalThis.chrome = fakeChrome();

const held = new Map();
function hold(name) {
  const gate = {};
  gate.reached = new Promise((r) => { gate.arrive = r; });
  gate.released = new Promise((r) => { gate.release = r; });
  held.set(name, gate);
  return gate;
}
jest.unstable_mockModule('../../extension/background/exchange-client.js', () => ({
  exchangesInfo: async () => ({ kraken: { name: 'Kraken', operations: ['balances', 'trades'] }, binance: { name: 'Binance', operations: ['balances'] } }),
  run: async () => ({ data: {} }),
  runAllPages: async (exchange, op, { keyId, params } = {}, { onPage } = {}) => {
    const gate = held.get(`${keyId}|${op}`);
    if (gate) { gate.arrive(); await gate.released; }
    const data = { trades: [{ exchange, id: 't1', symbol: 'BTC/USD', time: 1 }] };
    if (onPage) await onPage(data, params ?? {}, null);
    return [data];
  },
}));
jest.unstable_mockModule('../../extension/background/core.js', () => ({
  callCore: async (fn) => (fn === 'historyQueries' ? { ok: true, queries: [{}] } : { ok: true }),
}));
jest.unstable_mockModule('../../extension/background/vault-session.js', () => ({
  openSecret: async (id) => ({ apiKey: id }), removeSecret: async () => {}, sealSecret: async () => {}, vaultState: async () => ({ unlocked: true }),
}));
jest.unstable_mockModule('../../extension/background/history-db.js', () => ({
  recordsOf: (op, data) => (data.trades ?? []).map((t) => ({ ...t, kind: 'trade' })),
  storePage: async () => {}, getCursor: async () => null, allEvents: async () => [],
  removeKeyCursors: async () => {}, removeKeyHistory: async () => ({ remove: [], untag: [], untagged: 0, untaggedRemoved: false }),
}));
const { syncHistory } = await import('../../extension/background/history-sync.js');
const { updateLocal } = await import('../../extension/background/storage.js');
const { deleteKey } = await import('../../extension/background/key-deletion.js');

const listing = (id, exchange, importedMs) => ({ id, exchange, label: id, importedMs, disabled: false });
const progress = () => chrome.storage.local.dump().historyProgress ?? {};

beforeEach(async () => {
  globalThis.chrome = fakeChrome();
  held.clear();
  await chrome.storage.local.set({ keys: { k1: listing('k1', 'kraken', 1), b1: listing('b1', 'binance', 2) } });
});

test('another writer\'s change to historyProgress made while the sync updates it is kept', async () => {
  // The moment the sync reads historyProgress, another writer changes it too.
  const get = chrome.storage.local.get;
  let other = null;
  chrome.storage.local.get = (keys) => {
    if (keys === 'historyProgress' && !other) other = updateLocal('historyProgress', {}, (p) => ({ ...p, other: { state: 'ok' } }));
    return get(keys);
  };
  await syncHistory();
  await other;
  expect(Object.keys(progress()).sort()).toEqual(['binance', 'kraken', 'other']);
  expect(progress().kraken.keys.k1).toMatchObject({ state: 'ok', done: 1, total: 1 });
});

test('deleting the last key of an exchange removes its progress; another exchange\'s stays', async () => {
  await syncHistory();
  expect(Object.keys(progress()).sort()).toEqual(['binance', 'kraken']);
  await deleteKey('b1');
  expect(Object.keys(progress())).toEqual(['kraken']);
});

test('a history sync on the way for the last key of an exchange does not bring its progress back', async () => {
  const gate = hold('k1|trades');
  const sync = syncHistory();
  await gate.reached;
  expect(progress().kraken.keys.k1).toMatchObject({ state: 'running' });
  await deleteKey('k1');
  expect(Object.keys(progress())).toEqual([]);
  gate.release();
  await sync;
  expect(Object.keys(progress())).toEqual(['binance']);
});

// Two accounts on one exchange: the sync runs per key, and so is its progress kept.
test('two keys of one exchange keep their own progress; deleting one drops only its entry', async () => {
  await chrome.storage.local.set({ keys: { k1: listing('k1', 'kraken', 1), k2: listing('k2', 'kraken', 2) } });
  const gate = hold('k2|trades');
  const sync = syncHistory();
  await gate.reached;
  // k1 finished while k2 is on its way: neither overwrote the other.
  expect(progress().kraken.keys.k1).toMatchObject({ label: 'k1', state: 'ok', done: 1, total: 1 });
  expect(progress().kraken.keys.k2).toMatchObject({ label: 'k2', state: 'running', done: 0, total: 1 });
  gate.release();
  await sync;
  expect(progress().kraken.keys.k2).toMatchObject({ state: 'ok', done: 1, total: 1 });
  await deleteKey('k2');
  expect(Object.keys(progress().kraken.keys)).toEqual(['k1']);
  await deleteKey('k1');
  expect(progress()).toEqual({});
});

test('progress stored per exchange before (no per-key entries) is replaced by the key\'s own on the next sync', async () => {
  await chrome.storage.local.set({ historyProgress: { kraken: { state: 'error', done: 3, total: 9, error: { message: 'old' } } } });
  await syncHistory();
  expect(progress().kraken).toEqual({ keys: { k1: expect.objectContaining({ state: 'ok', done: 1, total: 1, error: null }) } });
});
