// A key deleted while a sync waits on its exchange leaves no trace: the balance
// sync does not write its holdings or account ids back, no exchange status names
// it, the next total does not count it, and the history sync stores no further
// page or cursor for it nor reports it. The exchange here is a fake whose answers
// the test releases by hand; keys, storage and both syncs are the real modules.
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';
import { tagRecord } from '../../extension/background/key-history.js';

globalThis.chrome = { ...fakeChrome(), action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} } };

// The fake exchange: each answer can be held until the test releases it.
const held = new Map(); // `${keyId}|${operation}|${page}` -> { reached, release }
function hold(name) {
  let release;
  let reached;
  const gate = { reached: new Promise((r) => { reached = r; }), released: new Promise((r) => { release = r; }) };
  Object.assign(gate, { release, arrive: reached });
  held.set(name, gate);
  return gate;
}
const BALANCES = {
  k1: [{ balances: [{ asset: 'BTC', free: '1' }] }],
  c1: [{ balances: [{ asset: 'ETH', free: '2', accountId: 'acc-eth' }], accounts: ['acc-eth', 'acc-ltc'] }],
};
const trades = (from, n) => ({ trades: Array.from({ length: n }, (_, i) => ({ exchange: 'kraken', id: `t${from + i}`, symbol: 'BTC/USD', time: from + i })) });
async function answer(name, data) {
  const gate = held.get(name);
  if (gate) { gate.arrive(); await gate.released; }
  return data;
}

const tickersDown = new Set();
jest.unstable_mockModule('../../extension/background/exchange-client.js', () => ({
  exchangesInfo: async () => ({
    kraken: { name: 'Kraken', operations: ['balances', 'trades'] },
    coinbase: { name: 'Coinbase', operations: ['balances'] },
  }),
  run: async () => ({ data: {} }),
  // Follows pages as the real one does: onPage after each, a throw from it stops.
  runAllPages: async (exchange, op, { keyId, params } = {}, { onPage } = {}) => {
    if (op === 'tickers') {
      if (tickersDown.has(exchange)) throw Object.assign(new Error(`${exchange} is down`), { kind: 'unavailable' });
      return [{ tickers: [] }];
    }
    const pages = op === 'balances' ? BALANCES[keyId] : [trades(0, 2), trades(2, 2)];
    const out = [];
    for (let i = 0; i < pages.length; i++) {
      const data = await answer(`${keyId}|${op}|${i}`, pages[i]);
      out.push(data);
      const next = i + 1 < pages.length ? { page: i + 1 } : null;
      if (onPage) await onPage(data, { ...params, page: i }, next);
    }
    return out;
  },
}));
let valuationGate = null;
jest.unstable_mockModule('../../extension/background/core.js', () => ({
  callCore: async (fn, input) => {
    if (fn === 'historyQueries') return { ok: true, queries: [{}] };
    if (fn === 'portfolioValue') {
      // The total is what the holdings add up to: a deleted key's coins would show.
      const total = String(input.holdings.reduce((sum, h) => sum + Number(h.free), 0));
      if (valuationGate) { const g = valuationGate; valuationGate = null; g.arrive(); await g.released; }
      return { ok: true, currency: 'USD', total, assets: input.holdings.map((h) => ({ asset: h.asset })), exchanges: [], unpriced: [] };
    }
    return { ok: true };
  },
}));
let onRemoveSecret = async () => {};
jest.unstable_mockModule('../../extension/background/vault-session.js', () => ({
  openSecret: async (id) => ({ apiKey: id }),
  removeSecret: async () => onRemoveSecret(),
  sealSecret: async () => {},
  touch: async () => {},
  vaultState: async () => ({ exists: true, unlocked: true }),
}));
jest.unstable_mockModule('../../extension/background/settings.js', () => ({ getSettings: async () => ({ currency: 'USD', badge: 'off' }) }));
jest.unstable_mockModule('../../extension/background/badge.js', () => ({ updateBadge: async () => {} }));
// IndexedDB in memory: records and resume cursors, each write logged with its key.
const idb = { events: new Map(), cursors: new Map(), writes: [] };
jest.unstable_mockModule('../../extension/background/history-db.js', () => ({
  recordsOf: (op, data) => (data.trades ?? []).map((t) => ({ ...t, kind: 'trade' })),
  storePage: async (records, cursor, keyId) => {
    await new Promise((r) => setTimeout(r, 0)); // a transaction takes a moment
    idb.writes.push(keyId);
    for (const r of records) idb.events.set(r.id, tagRecord({ ...r, uid: r.id }, idb.events.get(r.id), keyId));
    idb.cursors.set(cursor.key, cursor);
  },
  removeKeyHistory: async (exchange, keyId, plan) => {
    await new Promise((r) => setTimeout(r, 0));
    const result = plan([...idb.events.values()].filter((r) => r.exchange === exchange));
    for (const uid of result.remove) idb.events.delete(uid);
    for (const r of result.untag) idb.events.set(r.uid, r);
    for (const k of idb.cursors.keys()) if (k.startsWith(`${keyId}|`)) idb.cursors.delete(k);
    return result;
  },
  getCursor: async (key) => idb.cursors.get(key),
  removeKeyCursors: async (keyId) => { for (const k of idb.cursors.keys()) if (k.startsWith(`${keyId}|`)) idb.cursors.delete(k); },
  allEvents: async () => [...idb.events.values()],
  getPrice: async () => null,
  putPrices: async () => {},
}));

const { deleteKey } = await import('../../extension/background/key-deletion.js');
const { syncNow, revalue } = await import('../../extension/background/sync.js');
const { historyHandlers } = await import('../../extension/background/history-handlers.js');

const listing = (id, exchange, importedMs) => ({ id, exchange, label: id, importedMs, lastUsedMs: 1, lastError: null, disabled: false, permissions: { verified: false } });
const stored = () => chrome.storage.local.dump();
// Every stored entry and value that names the key.
const traces = (id) => Object.entries(stored()).filter(([k, v]) => k.includes(id) || JSON.stringify(v).includes(id)).map(([k]) => k);

// What the options page's delete does: the worker's deleteKey handler.
async function deleteHandler(id, options) {
  const history = await deleteKey(id, options);
  await revalue();
  return history;
}
const settled = async () => {
  for (let i = 0; i < 200 && stored().historySync?.state === 'running'; i++) await new Promise((r) => setTimeout(r, 2));
};

beforeEach(async () => {
  Object.assign(chrome.storage, fakeChrome().storage);
  held.clear();
  onRemoveSecret = async () => {};
  tickersDown.clear();
  Object.assign(idb, { events: new Map(), cursors: new Map(), writes: [] });
  await chrome.storage.local.set({ keys: { k1: listing('k1', 'kraken', 1), c1: listing('c1', 'coinbase', 2) } });
});

test('balance sync: a key deleted while its balances are on the way is not written back', async () => {
  const gate = hold('c1|balances|0');
  const sync = syncNow('manual');
  await gate.reached;
  await deleteHandler('c1');
  gate.release();
  await sync;
  expect(traces('c1')).toEqual([]);
  expect(stored()).not.toHaveProperty('holdings.c1');
  expect(stored()).not.toHaveProperty('accounts.c1');
  expect(Object.keys(stored().exchangeStatus)).toEqual(['kraken']); // Coinbase has no key left
  expect(stored().snapshot.portfolio.total).toBe('1'); // the Kraken BTC only
  expect(stored()['holdings.k1'].balances).toHaveLength(1);
});

test('a total computed before the delete cannot be stored after the delete\'s own', async () => {
  await syncNow('manual');
  expect(stored().snapshot.portfolio.total).toBe('3');
  // A sync's valuation read both keys' holdings and is slow to finish...
  valuationGate = hold('valuation');
  const slow = revalue();
  await valuationGate.reached;
  // ...while the key is deleted and the worker revalues.
  const deleted = deleteHandler('c1');
  await new Promise((r) => setTimeout(r, 20));
  held.get('valuation').release();
  await Promise.all([slow, deleted]);
  expect(stored().snapshot.portfolio.total).toBe('1');
});

test('history sync: after the delete no page, cursor or count of the key is stored', async () => {
  const gate = hold('k1|trades|1'); // the second page of trades
  await historyHandlers.syncHistory();
  await gate.reached;
  const before = idb.writes.length;
  expect(before).toBe(1); // the first page, stored while the key was listed
  await deleteHandler('k1');
  gate.release();
  for (let i = 0; i < 200 && stored().historySync?.state === 'running'; i++) await new Promise((r) => setTimeout(r, 2));
  expect(stored().historySync.state).not.toBe('running');
  expect(idb.writes.length).toBe(before); // nothing after the delete
  expect([...idb.events.keys()].sort()).toEqual(['t0', 't1']); // the kept history: page one only
  expect([...idb.cursors.keys()].filter((k) => k.startsWith('k1|'))).toEqual([]); // deleteKey took them, none came back
  expect(traces('k1')).toEqual([]);
  expect(Object.keys(stored().historySync.results)).toEqual(['c1']); // the other key still counts
  expect(stored().historyProgress).not.toHaveProperty('kraken'); // its last key: no progress (nor error) shown for Kraken
});

test('delete with its history: a page that arrives as the delete starts is stored and removed with the rest', async () => {
  const gate = hold('k1|trades|1'); // the second page of trades
  await historyHandlers.syncHistory();
  await gate.reached;
  expect([...idb.events.keys()].sort()).toEqual(['t0', 't1']);
  // The page comes in while the key is still listed, before the delete unlists it.
  onRemoveSecret = async () => { gate.release(); await new Promise((r) => setTimeout(r, 20)); };
  const removed = await deleteHandler('k1', { deleteHistory: true });
  await settled();
  expect(idb.writes).toEqual(['k1', 'k1']); // both pages were stored...
  expect([...idb.events.keys()]).toEqual([]); // ...and both are gone with the key
  expect(removed).toMatchObject({ records: 4, shared: 0 });
  expect([...idb.cursors.keys()].filter((k) => k.startsWith('k1|'))).toEqual([]);
  expect(traces('k1')).toEqual([]);
});

test('prices that fail for an exchange without keys leave no status for it, and an old one goes', async () => {
  await deleteHandler('c1');
  // Left by an earlier version: a price failure recorded for Coinbase with no key on it.
  await chrome.storage.local.set({ exchangeStatus: { ...stored().exchangeStatus, coinbase: { pricesError: { kind: 'unavailable', message: 'old' } } } });
  tickersDown.add('coinbase').add('kraken');
  await syncNow('manual');
  expect(Object.keys(stored().exchangeStatus)).toEqual(['kraken']);
  expect(stored().exchangeStatus.kraken.pricesError).toMatchObject({ message: 'kraken is down' }); // it has a key
  expect(Object.keys(stored().snapshot.exchanges)).toEqual(['kraken']); // what the popup lists
  tickersDown.clear();
  await syncNow('manual');
  expect(stored().exchangeStatus.kraken.pricesError).toBeNull();
});
