// keys.js keeps every key's listing in one stored object: writes to it must not
// overwrite each other (a sync's updateKey of lastUsedMs racing an import).
// Also: a locked or refused import leaves nothing behind, a delete (key-deletion.js) leaves no trace
// (its history resume cursors included, whether or not its records are kept).
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';

globalThis.chrome = fakeChrome();

const INFO = {
  kraken: { name: 'Kraken', reportsPermissions: false, credentialFields: [{ name: 'apiKey', label: 'API key' }, { name: 'secret', label: 'Secret' }] },
};
let duringSeal = async () => {};
let unlocked = true;
const run = jest.fn(async () => ({ data: { balances: [] } }));
jest.unstable_mockModule('../../extension/background/core.js', () => ({ callCore: jest.fn(async () => ({ ok: true })) }));
jest.unstable_mockModule('../../extension/background/exchange-client.js', () => ({
  exchangesInfo: jest.fn(async () => INFO),
  run,
}));
jest.unstable_mockModule('../../extension/background/vault-session.js', () => ({
  sealSecret: jest.fn(async () => duringSeal()),
  removeSecret: jest.fn(async () => {}),
  openSecret: jest.fn(async () => ({})),
  vaultState: jest.fn(async () => ({ exists: true, unlocked })),
}));
// IndexedDB in memory: history records and resume cursors (`<keyId>|operation|params`).
const idb = { events: new Map(), cursors: new Map() };
jest.unstable_mockModule('../../extension/background/history-db.js', () => ({
  removeKeyCursors: async (keyId) => { for (const k of idb.cursors.keys()) if (k.startsWith(`${keyId}|`)) idb.cursors.delete(k); },
  removeKeyHistory: async () => ({ remove: [], untag: [], untagged: 0, untaggedRemoved: false }),
}));
const keys = await import('../../extension/background/keys.js');
const { deleteKey, deleteAllKeys } = await import('../../extension/background/key-deletion.js');

function listing(id, extra = {}) {
  return { id, exchange: 'kraken', label: id, importedMs: 1, lastUsedMs: 1, lastError: null, disabled: false, permissions: { verified: false }, ...extra };
}

beforeEach(async () => {
  globalThis.chrome = fakeChrome();
  chrome.notifications = { clear: jest.fn(async () => true) };
  unlocked = true;
  run.mockClear();
  await chrome.storage.local.set({ keys: { a: listing('a'), b: listing('b', { importedMs: 2 }) } });
  duringSeal = async () => {};
});

test('an import racing a sync\'s updateKey keeps both changes', async () => {
  let update;
  // The sync's write starts while the import is about to store its listing.
  duringSeal = async () => { update = keys.updateKey('a', { lastUsedMs: 5000 }); };
  const meta = await keys.addKey({ exchange: 'kraken', label: 'New', credentials: { apiKey: 'k', secret: 's' }, confirmedReadOnly: true });
  await update;
  const stored = chrome.storage.local.dump().keys;
  expect(Object.keys(stored).sort()).toEqual(['a', 'b', meta.id].sort());
  expect(stored.a.lastUsedMs).toBe(5000);
  expect(stored[meta.id].label).toBe('New');
});

test('concurrent updates of different keys all land', async () => {
  await Promise.all([
    keys.updateKey('a', { lastUsedMs: 10 }),
    keys.updateKey('b', { lastError: { kind: 'auth', message: 'x', atMs: 3 } }),
    keys.updateKey('a', { disabled: true }),
  ]);
  const stored = chrome.storage.local.dump().keys;
  expect(stored.a).toMatchObject({ lastUsedMs: 10, disabled: true });
  expect(stored.b.lastError).toEqual({ kind: 'auth', message: 'x', atMs: 3 });
});

test('a delete racing an update does not bring the key back', async () => {
  await Promise.all([keys.updateKey('a', { lastUsedMs: 99 }), deleteKey('a'), keys.updateKey('b', { lastUsedMs: 7 })]);
  const stored = chrome.storage.local.dump().keys;
  expect(Object.keys(stored)).toEqual(['b']);
  expect(stored.b.lastUsedMs).toBe(7);
});

test('a failed write does not block the ones after it', async () => {
  const realSet = chrome.storage.local.set;
  chrome.storage.local.set = async () => { throw new Error('quota'); };
  await expect(keys.updateKey('a', { lastUsedMs: 1 })).rejects.toThrow('quota');
  chrome.storage.local.set = realSet;
  await keys.updateKey('a', { lastUsedMs: 2 });
  expect(chrome.storage.local.dump().keys.a.lastUsedMs).toBe(2);
});

test('locked: an import is refused before any request to the exchange', async () => {
  unlocked = false;
  await expect(keys.addKey({ exchange: 'kraken', label: 'x', credentials: { apiKey: 'k', secret: 's' }, confirmedReadOnly: true }))
    .rejects.toMatchObject({ kind: 'locked' });
  expect(run).not.toHaveBeenCalled();
  expect(Object.keys(chrome.storage.local.dump().keys)).toEqual(['a', 'b']);
});

test('a key refused after its first request leaves no per-key entry behind', async () => {
  run.mockImplementationOnce(async (exchange, op, { keyId }) => {
    await chrome.storage.local.set({ [`nonce.${keyId}`]: 123, [`rate.kraken.key.${keyId}`]: { tokens: 1 } });
    throw Object.assign(new Error('EAPI:Invalid key'), { kind: 'auth' });
  });
  await expect(keys.addKey({ exchange: 'kraken', label: 'x', credentials: { apiKey: 'k', secret: 's' }, confirmedReadOnly: true }))
    .rejects.toMatchObject({ kind: 'auth' });
  expect(Object.keys(chrome.storage.local.dump()).sort()).toEqual(['keys']);
});

test('delete: listing, holdings, nonce, account ids, reminder, history sync counts and notification gone; a keyless exchange loses its status', async () => {
  await chrome.storage.local.set({
    keys: { a: listing('a'), b: listing('b'), c: listing('c', { exchange: 'binance' }) },
    'holdings.a': { balances: [] }, 'nonce.a': 5, 'accounts.a': ['x'], 'rate.kraken.key.a': { tokens: 3 }, 'holdings.b': { balances: [] },
    rotationReminded: { a: 1, b: 2 },
    exchangeStatus: { kraken: { state: 'ok' }, binance: { state: 'ok' } },
    historySync: { state: 'ok', results: { a: { stored: 3 }, b: { stored: 1 } } },
  });
  await deleteKey('a');
  let stored = chrome.storage.local.dump();
  expect(Object.keys(stored).sort()).toEqual(['exchangeStatus', 'historySync', 'holdings.b', 'keys', 'rotationReminded']);
  expect(Object.keys(stored.keys)).toEqual(['b', 'c']);
  expect(stored.rotationReminded).toEqual({ b: 2 });
  expect(stored.historySync).toEqual({ state: 'ok', results: { b: { stored: 1 } } });
  expect(JSON.stringify(stored)).not.toMatch(/"a"/);
  expect(chrome.notifications.clear).toHaveBeenCalledWith('rotate-a');
  expect(Object.keys(stored.exchangeStatus).sort()).toEqual(['binance', 'kraken']); // b still on Kraken
  await deleteKey('b');
  stored = chrome.storage.local.dump();
  expect(Object.keys(stored.exchangeStatus)).toEqual(['binance']);
  await deleteAllKeys();
  stored = chrome.storage.local.dump();
  expect(stored.keys).toEqual({});
  expect(stored.exchangeStatus).toEqual({});
});

test('delete with the history kept: the key\'s resume cursors go, its records and other keys\' cursors stay', async () => {
  const cursor = (key) => [key, { key, params: {}, complete: false, updatedMs: 1 }];
  idb.cursors = new Map([cursor('a|trades|{}'), cursor('a|ledger|{"asset":"BTC"}'), cursor('ab|trades|{}'), cursor('b|trades|{}')]);
  idb.events = new Map([['kraken:trade:BTC/USD:1', { uid: 'kraken:trade:BTC/USD:1', keyIds: ['a'] }]]);
  await deleteKey('a'); // the dialog's box left unticked
  expect([...idb.cursors.keys()].sort()).toEqual(['ab|trades|{}', 'b|trades|{}']);
  expect([...idb.events.keys()]).toEqual(['kraken:trade:BTC/USD:1']);
});
