// history-db.js against an in-memory stand-in for IndexedDB: clearing an
// exchange's history also clears that exchange's resume cursors, else the next
// sync would skip what the cursors say was fetched and never fetch it again.
import { jest } from '@jest/globals';
import { fakeIdb, FakeKeyRange } from './helpers/fake-idb.mjs';

globalThis.IDBKeyRange = FakeKeyRange;
const idb = fakeIdb();
jest.unstable_mockModule('../../extension/vendor/idb.js', () => ({ openDB: idb.openDB }), { virtual: true });
const { storePage, clearExchange, allEvents } = await import('../../extension/background/history-db.js');

const trade = (exchange, id) => ({ exchange, kind: 'trade', id, symbol: 'BTC/USD', time: 1 });
// As history-sync.js stores them: `<keyId>|operation|params`, naming their exchange.
const cursor = (keyId, exchange, op) => ({ key: `${keyId}|${op}|{}`, exchange, params: {}, complete: true, updatedMs: 1 });

test('clearing an exchange removes its records and its cursors, no other exchange\'s', async () => {
  await storePage([trade('kraken', 'a'), trade('kraken', 'b')], cursor('k1', 'kraken', 'trades'), 'k1');
  await storePage([], cursor('k1', 'kraken', 'ledger'), 'k1');
  await storePage([trade('binance', 'c')], cursor('b1', 'binance', 'trades'), 'b1');
  // Stored before cursors named their exchange: found by the key that made it.
  await storePage([], { key: 'k1|deposits|{}', params: {}, complete: true, updatedMs: 1 }, 'k1');
  await storePage([], { key: 'b1|deposits|{}', params: {}, complete: true, updatedMs: 1 }, 'b1');

  await clearExchange('kraken', ['k1']);
  expect((await allEvents()).map((e) => e.uid)).toEqual(['binance:trade:BTC/USD:c']);
  expect(idb.dump('cursors')).toEqual(['b1|deposits|{}', 'b1|trades|{}']);
});
