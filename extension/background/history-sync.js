// History sync: trades, deposits, withdrawals and ledger for every key, page by
// page through the core, into IndexedDB. Each page is stored together with the
// cursor for the next one, so a stopped sync (service worker killed, browser
// closed, exchange failing) resumes where it stopped; nothing stored is ever
// deleted by a failed sync. A completed operation is fetched again from its
// start on the next sync (duplicates collapse on their keys).
import { callCore } from './core.js';
import { runAllPages, exchangesInfo } from './exchange-client.js';
import { storePage, getCursor, recordsOf, allEvents } from './history-db.js';
import { listKeys } from './keys.js';
import { openSecret } from './vault-session.js';
import { getLocal, updateLocal } from './storage.js';
import { knownAccounts } from './account-ids.js';
import { withKeys, whileListed, isListed } from './key-writes.js';
import { withKeyProgress } from '../shared/history-progress.js';

const HISTORY_OPERATIONS = ['trades', 'deposits', 'withdrawals', 'ledger'];

// One stored object for every key (shared/history-progress.js), also changed by
// deleteKey: updated in its queue. Written only while the key is listed, with the
// key list held: deleteKey drops the key's entry (and its exchange's once no key
// is left), and this must not bring it back. The label lets the page name the key.
function setProgress(meta, progress) {
  return withKeys(async (keys) => {
    if (!keys.some((k) => k.id === meta.id)) return;
    const changes = { ...progress, label: meta.label, updatedMs: Date.now() };
    await updateLocal('historyProgress', {}, (all) => withKeyProgress(all, meta.exchange, meta.id, changes));
  });
}

// The queries that together cover an operation's whole history, as the core plans
// them (per market, time window or account where the exchange needs it) from
// balances, known trades, the person's own additions and the accounts seen.
async function queriesFor(meta, operation, known) {
  const holdings = await getLocal(`holdings.${meta.id}`, null);
  const tickers = await getLocal(`tickers.${meta.exchange}`, null);
  const manual = (await getLocal('manualMarkets', {}))[meta.exchange] ?? [];
  const { queries } = await callCore('historyQueries', {
    exchange: meta.exchange,
    operation,
    nowMs: Date.now(),
    assets: [...new Set([...(holdings?.balances ?? []).map((b) => b.asset), ...known.assets])],
    symbols: [...new Set([...known.symbols, ...manual])],
    tickers: tickers?.tickers ?? [],
    accounts: await knownAccounts(meta.id), // kept by the balance sync (account-ids.js)
  });
  return queries;
}

async function knownFor(exchange) {
  const events = (await allEvents()).filter((e) => e.exchange === exchange);
  return {
    assets: events.flatMap((e) => [e.asset, e.base, e.quote]).filter(Boolean),
    symbols: events.filter((e) => e.kind === 'trade').map((e) => e.symbol).filter(Boolean),
  };
}

async function syncOperation(meta, credentials, operation, baseParams) {
  const key = `${meta.id}|${operation}|${JSON.stringify(baseParams)}`;
  const cursor = await getCursor(key);
  // A query for a time window that had already closed when it completed cannot
  // gain records: skip it (Binance's 89-day transfer windows back to 2017).
  if (cursor?.complete && Number.isFinite(baseParams.endMs) && baseParams.endMs < cursor.updatedMs - 60_000) return 0;
  const start = cursor && !cursor.complete ? cursor.params : baseParams;
  let stored = 0;
  await runAllPages(meta.exchange, operation, { credentials, keyId: meta.id, params: start }, {
    onPage: async (data, params, next) => {
      const records = recordsOf(operation, data);
      const cursor = { key, params: next ? { ...params, ...next } : params, complete: !next, updatedMs: Date.now() };
      // Deleted while this page was on the way: neither the page nor its cursor is
      // stored, and no further page is asked for (key-writes.js).
      await whileListed(meta.id, () => storePage(records, cursor, meta.id));
      stored += records.length;
    },
  });
  return stored;
}

export async function syncHistory() {
  const info = await exchangesInfo();
  const keys = (await listKeys()).filter((k) => !k.disabled);
  const results = {};
  for (const meta of keys) {
    if (!(await isListed(meta.id))) continue; // deleted since the list was read
    let credentials;
    try {
      credentials = await openSecret(meta.id);
    } catch (err) {
      if (await isListed(meta.id)) throw err;
      continue; // deleted meanwhile: its secret goes first
    }
    const ops = HISTORY_OPERATIONS.filter((op) => info[meta.exchange].operations.includes(op));
    const known = await knownFor(meta.exchange);
    const plan = [];
    for (const op of ops) for (const q of await queriesFor(meta, op, known)) plan.push([op, q]);
    await setProgress(meta, { state: 'running', done: 0, total: plan.length, error: null });
    let done = 0;
    let stored = 0;
    try {
      for (const [op, q] of plan) {
        stored += await syncOperation(meta, credentials, op, q);
        await setProgress(meta, { done: ++done });
      }
      await setProgress(meta, { state: 'ok', lastOkMs: Date.now() });
    } catch (err) {
      // A deleted key is no failure of its exchange, and is not reported (its progress went with it).
      if (err.kind === 'key_deleted') continue;
      await setProgress(meta, { state: 'error', error: { kind: err.kind ?? 'internal', message: err.message } });
    }
    results[meta.id] = { stored, done, total: plan.length };
  }
  return results;
}
