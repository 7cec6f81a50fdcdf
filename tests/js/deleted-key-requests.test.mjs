// A request already in flight when its key is deleted may be retried (a nonce
// error, a rate limit, an outage): the retry must write nothing that names the
// key (nonce.<id>, rate.<exchange>.key.<id>) after deleteKey, and stops. A key
// being connected is not listed yet and still keeps its nonce and rate budget.
// Real exchange client, nonce, rate limiter, key writes and keys; the core is a stand-in.
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';

globalThis.chrome = fakeChrome();

class CoreError extends Error {
  constructor(e) { super(e.message); this.kind = e.kind; if (e.retryAfterMs !== undefined) this.retryAfterMs = e.retryAfterMs; }
}
// What the exchange answers, by HTTP status, as the core would parse it.
const ERRORS = {
  400: { kind: 'nonce', message: 'EAPI:Invalid nonce' },
  429: { kind: 'rate_limit', message: 'slow down', retryAfterMs: 10 },
  503: { kind: 'unavailable', message: 'maintenance' },
};
jest.unstable_mockModule('../../extension/background/core.js', () => ({
  CoreError,
  callCore: async (fn, input) => {
    if (fn === 'exchanges') {
      return { ok: true, exchanges: [{ id: 'kraken', name: 'Kraken', rateLimit: { capacity: 15, refillPerSecond: 0.33 }, rateLimitPerKey: true, publicOperations: ['tickers'], reportsPermissions: false, credentialFields: [] }] };
    }
    if (fn === 'buildRequest') return { ok: true, url: 'https://api.kraken.com/0/private/Balance', method: 'POST', headers: {}, body: `nonce=${input.nonce}`, cost: 1 };
    if (fn === 'parseResponseBody') {
      if (input.status === 200) return { ok: true, data: { balances: [] } };
      throw new CoreError(ERRORS[input.status]);
    }
    return { ok: true };
  },
}));
jest.unstable_mockModule('../../extension/background/vault-session.js', () => ({
  removeSecret: async () => {}, sealSecret: async () => {}, openSecret: async () => ({}), vaultState: async () => ({ unlocked: true }),
}));
jest.unstable_mockModule('../../extension/background/history-db.js', () => ({
  removeKeyCursors: async () => {}, removeKeyHistory: async () => ({ remove: [], untag: [], untagged: 0, untaggedRemoved: false }),
}));
const { run } = await import('../../extension/background/exchange-client.js');
const { addKey } = await import('../../extension/background/keys.js');
const { deleteKey } = await import('../../extension/background/key-deletion.js');

const listing = { id: 'k1', exchange: 'kraken', label: 'k1', importedMs: 1, disabled: false };
const named = (id) => Object.keys(chrome.storage.local.dump()).filter((k) => k.includes(id));

beforeEach(async () => {
  globalThis.chrome = fakeChrome();
  await chrome.storage.local.set({ keys: { k1: listing } });
});

// The first answer is `status`, and the key is deleted while it is on the way
// (or, for a rate limit, during the wait before the retry); then 200.
async function deletedDuringRetry(status) {
  let calls = 0;
  const deps = {
    performRequest: async () => {
      calls += 1;
      if (calls === 1) {
        expect(named('k1').sort()).toEqual(['nonce.k1', 'rate.kraken.key.k1']); // written while listed
        if (status !== 429) await deleteKey('k1');
        return { status, headers: {}, body: '{}' };
      }
      return { status: 200, headers: {}, body: '{}' };
    },
    sleep: async (ms) => {
      if (status !== 429) return;
      await deleteKey('k1');
      await new Promise((r) => setTimeout(r, ms)); // Retry-After: 10 ms
    },
  };
  const outcome = await run('kraken', 'balances', { credentials: {}, keyId: 'k1' }, deps).catch((err) => err);
  return { outcome, calls };
}

test.each([[400, 'nonce error'], [429, 'rate limit'], [503, 'outage']])('a %s (%s) retry after the key was deleted writes nothing for it and stops', async (status) => {
  const { outcome, calls } = await deletedDuringRetry(status);
  expect(named('k1')).toEqual([]);
  expect(outcome).toMatchObject({ kind: 'key_deleted' });
  expect(calls).toBe(1); // the exchange is not asked again
});

test('a request of a listed key keeps its nonce and rate budget', async () => {
  await run('kraken', 'balances', { credentials: {}, keyId: 'k1' }, { performRequest: async () => ({ status: 200, headers: {}, body: '{}' }) });
  expect(named('k1').sort()).toEqual(['nonce.k1', 'rate.kraken.key.k1']);
});

test('a key being connected is not listed yet and its requests still run', async () => {
  globalThis.fetch = async () => new Response('{}', { status: 200 }); // addKey's balance read
  const meta = await addKey({ exchange: 'kraken', label: 'New', credentials: { apiKey: 'k', secret: 's' }, confirmedReadOnly: true });
  expect(named(meta.id).sort()).toEqual([`nonce.${meta.id}`, `rate.kraken.key.${meta.id}`]);
  expect(Object.keys(chrome.storage.local.dump().keys).sort()).toEqual(['k1', meta.id].sort());
});
