// keys.js keeps every key's listing in one stored object: writes to it must not
// overwrite each other (a sync's updateKey of lastUsedMs racing an import).
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';

globalThis.chrome = fakeChrome();

const INFO = {
  kraken: { name: 'Kraken', reportsPermissions: false, credentialFields: [{ name: 'apiKey', label: 'API key' }, { name: 'secret', label: 'Secret' }] },
};
let duringSeal = async () => {};
jest.unstable_mockModule('../../extension/background/core.js', () => ({ callCore: jest.fn(async () => ({ ok: true })) }));
jest.unstable_mockModule('../../extension/background/exchange-client.js', () => ({
  exchangesInfo: jest.fn(async () => INFO),
  run: jest.fn(async () => ({ data: { balances: [] } })),
}));
jest.unstable_mockModule('../../extension/background/vault-session.js', () => ({
  sealSecret: jest.fn(async () => duringSeal()),
  removeSecret: jest.fn(async () => {}),
  openSecret: jest.fn(async () => ({})),
}));
const keys = await import('../../extension/background/keys.js');

function listing(id, extra = {}) {
  return { id, exchange: 'kraken', label: id, importedMs: 1, lastUsedMs: 1, lastError: null, disabled: false, permissions: { verified: false }, ...extra };
}

beforeEach(async () => {
  globalThis.chrome = fakeChrome();
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
  await Promise.all([keys.updateKey('a', { lastUsedMs: 99 }), keys.deleteKey('a'), keys.updateKey('b', { lastUsedMs: 7 })]);
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
