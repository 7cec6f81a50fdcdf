// history-db.js against an in-memory stand-in for IndexedDB: what a page stores
// (each record naming the keys that fetched it) and what deleting a key's part of
// the history removes (its records, its resume cursors), leaving other keys' alone.
import { jest } from '@jest/globals';
import { fakeIdb, FakeKeyRange } from './helpers/fake-idb.mjs';

globalThis.IDBKeyRange = FakeKeyRange;
const idb = fakeIdb();
jest.unstable_mockModule('../../extension/vendor/idb.js', () => ({ openDB: idb.openDB }), { virtual: true });
const { storePage, removeKeyHistory, removeKeyCursors, allEvents } = await import('../../extension/background/history-db.js');
const { planKeyHistoryRemoval } = await import('../../extension/background/key-history.js');

const trade = (exchange, id) => ({ exchange, kind: 'trade', id, symbol: 'BTC/USD', time: 1 });
// As history-sync.js stores them: `<keyId>|operation|params`.
const cursor = (keyId, op) => ({ key: `${keyId}|${op}|{}`, params: {}, complete: true, updatedMs: 1 });
const byUid = async () => Object.fromEntries((await allEvents()).map((e) => [e.uid.split(':').at(-1), e.keyIds]));

beforeEach(async () => {
  await removeKeyHistory('kraken', 'k1', () => ({ remove: idb.dump('events'), untag: [] }));
  await removeKeyHistory('binance', 'b1', () => ({ remove: idb.dump('events'), untag: [] }));
  for (const id of ['k1', 'k2', 'b1']) await removeKeyCursors(id);
});

test('a record fetched by two keys is stored once, naming both', async () => {
  await storePage([trade('kraken', 'a'), trade('kraken', 'b')], cursor('k1', 'trades'), 'k1');
  await storePage([trade('kraken', 'b'), trade('kraken', 'c')], cursor('k2', 'trades'), 'k2');
  await storePage([trade('kraken', 'b')], cursor('k1', 'ledger'), 'k1'); // again: no duplicate tag
  expect(await byUid()).toEqual({ a: ['k1'], b: ['k1', 'k2'], c: ['k2'] });
});

test('deleting one key\'s history removes what only it fetched and its cursors, nothing else', async () => {
  await storePage([trade('kraken', 'a'), trade('kraken', 'b')], cursor('k1', 'trades'), 'k1');
  await storePage([trade('kraken', 'b'), trade('kraken', 'c')], cursor('k2', 'trades'), 'k2');
  await storePage([trade('binance', 'd')], cursor('b1', 'trades'), 'b1');
  const plan = (records) => planKeyHistoryRemoval(records, 'k1', { otherKeysOnExchange: true });
  const result = await removeKeyHistory('kraken', 'k1', plan);
  expect(result.remove).toEqual(['kraken:trade:BTC/USD:a']);
  expect(await byUid()).toEqual({ b: ['k2'], c: ['k2'], d: ['b1'] });
  expect(idb.dump('cursors')).toEqual(['b1|trades|{}', 'k2|trades|{}']);
});

test('removing a key\'s cursors keeps every record', async () => {
  await storePage([trade('kraken', 'a')], cursor('k1', 'trades'), 'k1');
  await storePage([], cursor('k1', 'ledger'), 'k1');
  await storePage([trade('kraken', 'c')], cursor('k2', 'trades'), 'k2');
  await removeKeyCursors('k1');
  expect(idb.dump('cursors')).toEqual(['k2|trades|{}']);
  expect(await byUid()).toEqual({ a: ['k1'], c: ['k2'] });
});
