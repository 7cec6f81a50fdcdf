// History in IndexedDB: every trade, deposit, withdrawal and ledger entry,
// keyed so a record fetched twice is stored once, plus the resume cursors of
// history sync and a cache of historical prices. A page of records and the
// cursor that follows it are written in one transaction: a stop at any point
// resumes exactly after the last stored page, with no gap and no duplicate.
import { openDB } from '../vendor/idb.js';
import { tagRecord } from './key-history.js';

const DB_NAME = 'keyfolio';
const DB_VERSION = 1;
let dbPromise;

export function db() {
  dbPromise ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(d) {
      const events = d.createObjectStore('events', { keyPath: 'uid' });
      events.createIndex('time', 'time');
      events.createIndex('exchange', 'exchange');
      d.createObjectStore('cursors', { keyPath: 'key' });
      d.createObjectStore('prices', { keyPath: 'key' });
    },
  });
  return dbPromise;
}

export function eventUid(kind, e) {
  return [e.exchange, kind, e.symbol ?? e.asset ?? '', e.id].join(':');
}

export function recordsOf(operation, data) {
  if (operation === 'trades') return (data.trades ?? []).map((e) => ({ ...e, kind: 'trade' }));
  if (operation === 'deposits' || operation === 'withdrawals') return (data.transfers ?? []).map((e) => ({ ...e, kind: e.type ?? operation.slice(0, -1) }));
  if (operation === 'ledger') return (data.ledger ?? []).map((e) => ({ ...e, kind: 'ledger' }));
  return [];
}

// Stores one page fetched with key `keyId` and the cursor to continue from,
// atomically. A record another key already stored keeps that key in its keyIds.
export async function storePage(records, cursor, keyId) {
  const d = await db();
  const tx = d.transaction(['events', 'cursors'], 'readwrite');
  const events = tx.objectStore('events');
  const withUid = records.map((r) => ({ ...r, uid: eventUid(r.kind, r) }));
  const stored = await Promise.all(withUid.map((r) => events.get(r.uid)));
  withUid.forEach((r, i) => events.put(tagRecord(r, stored[i], keyId)));
  if (cursor) tx.objectStore('cursors').put(cursor);
  await tx.done;
}

// What `plan` (key-history.js planKeyHistoryRemoval, bound to a key) makes of the
// stored records of one exchange, without changing anything.
export async function planForExchange(exchange, plan) {
  return plan(await (await db()).getAllFromIndex('events', 'exchange', exchange));
}

// A key's resume cursors: their keys start `<keyId>|` (history-sync.js).
function keyCursors(keyId) {
  return IDBKeyRange.bound(`${keyId}|`, `${keyId}|\uffff`);
}

// Deletes one key's part of an exchange's history in one transaction (a history
// sync storing a page waits or goes first, never in between), and the key's
// resume cursors.
export async function removeKeyHistory(exchange, keyId, plan) {
  const d = await db();
  const tx = d.transaction(['events', 'cursors'], 'readwrite');
  const events = tx.objectStore('events');
  const result = plan(await events.index('exchange').getAll(exchange));
  for (const uid of result.remove) events.delete(uid);
  for (const r of result.untag) events.put(r);
  tx.objectStore('cursors').delete(keyCursors(keyId));
  await tx.done;
  return result;
}

// Only the cursors, records kept: deleteKey removes them whatever the person
// chose for the history (a deleted key resumes nothing).
export async function removeKeyCursors(keyId) {
  await (await db()).delete('cursors', keyCursors(keyId));
}

export async function getCursor(key) {
  return (await db()).get('cursors', key);
}

export async function allEvents() {
  return (await db()).getAllFromIndex('events', 'time');
}

export async function countEvents() {
  return (await db()).count('events');
}

export async function getPrice(key) {
  return (await db()).get('prices', key);
}

export async function putPrices(entries) {
  const d = await db();
  const tx = d.transaction('prices', 'readwrite');
  for (const e of entries) tx.store.put(e);
  await tx.done;
}
