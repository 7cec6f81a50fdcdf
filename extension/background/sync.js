// Background sync: balances of every connected key and public prices, then one
// valuation by the core. Each exchange keeps its last good holdings and a
// status; one exchange failing never hides the others. Everything that must
// survive the service worker being stopped is in storage; a sync interrupted by
// the worker being stopped simply runs again in the next worker and overwrites
// nothing that was good.
import { callCore } from './core.js';
import { run, runAllPages, exchangesInfo } from './exchange-client.js';
import { getLocal, getLocalMany, setLocal, setSession, updateLocal } from './storage.js';
import { listKeys, updateKey } from './keys.js';
import { openSecret, vaultState } from './vault-session.js';
import { getSettings } from './settings.js';
import { updateBadge } from './badge.js';
import { rememberAccounts } from './account-ids.js';
import { withKeys, whileListed, isListed, keyGone } from './key-writes.js';
import { writeQueue } from './write-queue.js';

const LEASE_MS = 120_000;
const HISTORY_POINTS = 2000;

// Chrome runs one instance of the service worker at a time, so a lease stored by an
// earlier instance belongs to a sync that died with it (the worker was stopped
// mid-sync) and must not block this one. The running sync is therefore held in
// memory (checked and set without an await in between: two calls cannot both
// take it) and only mirrored to storage, tagged with this instance, for inspection.
const WORKER_ID = `${Date.now()}-${crypto.randomUUID()}`;
let leaseSinceMs = 0;
// A sync was asked for while one ran (a key was just added): the running one goes
// again when done. In memory, set and cleared without an await, like the lease, so
// a request cannot be lost between two storage writes.
let pending = false;

function takeLease() {
  if (leaseSinceMs && Date.now() - leaseSinceMs < LEASE_MS) return 0;
  leaseSinceMs = Date.now();
  return leaseSinceMs;
}

async function releaseLease(since) {
  if (leaseSinceMs !== since) return; // a newer sync took over an expired lease
  leaseSinceMs = 0;
  await setSession({ syncLease: null });
}

// Exchanges sync in parallel and each status update merges into the one
// exchangeStatus object; updateLocal runs them in turn, so none overwrites another's.
// `change(prev)` gives the fields to merge into the exchange's status (read in the
// same turn), `null` to drop that status, or `undefined` to leave everything as is.
function updateStatus(exchange, change) {
  return updateLocal('exchangeStatus', {}, (all) => {
    const fields = change(all[exchange]);
    if (fields === undefined) return all;
    if (fields === null) return Object.hasOwn(all, exchange) ? Object.fromEntries(Object.entries(all).filter(([ex]) => ex !== exchange)) : all;
    return { ...all, [exchange]: { ...(all[exchange] ?? {}), ...fields } };
  });
}

// A key deleted while its balances were on the way: no further page is asked
// for, and nothing is written for it (key-writes.js).
async function syncKey(meta) {
  const credentials = await openSecret(meta.id);
  const stillListed = async () => { if (!(await isListed(meta.id))) throw keyGone(meta.id); };
  const pages = await runAllPages(meta.exchange, 'balances', { credentials, keyId: meta.id }, { onPage: stillListed });
  const balances = pages.flatMap((p) => p.balances);
  // Every account the exchange listed, empty ones too (Coinbase): their history counts.
  const accounts = pages.flatMap((p) => p.accounts ?? []);
  await whileListed(meta.id, async () => {
    if (accounts.length) await rememberAccounts(meta.id, accounts);
    await setLocal({ [`holdings.${meta.id}`]: { exchange: meta.exchange, balances, fetchedMs: Date.now() } });
  });
  await updateKey(meta.id, { lastUsedMs: Date.now(), lastError: null });
}

async function syncExchange(exchange, keys, info) {
  let failure = null;
  for (const meta of keys) {
    try {
      await syncKey(meta);
    } catch (err) {
      if (err.kind === 'locked') throw err;
      // Deleted meanwhile (its secret goes first, so openSecret may be what failed).
      if (err.kind === 'key_deleted' || !(await isListed(meta.id))) continue;
      failure = { kind: err.kind ?? 'internal', message: err.message, keyId: meta.id };
      await updateKey(meta.id, { lastError: { kind: failure.kind, message: err.message, atMs: Date.now() } });
    }
  }
  // With the key list held: a failure of a key deleted meanwhile (its secret was
  // already gone) is not kept, and an exchange left without keys gets no status back.
  await withKeys(async (listed) => {
    if (!listed.some((k) => k.exchange === exchange)) return;
    const error = failure && listed.some((k) => k.id === failure.keyId) ? failure : null;
    await updateStatus(exchange, (prev) => (error
      ? { state: prev?.lastOkMs ? 'stale' : 'error', error, name: info.name }
      : { state: 'ok', lastOkMs: Date.now(), error: null, name: info.name }));
  });
}

// Prices come from every exchange (they value coins held on the others too), but
// only an exchange with keys keeps a status: the popup lists every exchange that
// has one. With the key list held, as in syncExchange: a key deleted meanwhile
// cannot leave its exchange a status; one left by an earlier version goes.
function setPricesError(exchange, pricesError) {
  return withKeys(async (listed) => {
    const hasKeys = listed.some((k) => k.exchange === exchange);
    await updateStatus(exchange, (prev) => {
      if (!hasKeys) return null;
      return pricesError || prev?.pricesError ? { pricesError } : undefined;
    });
  });
}

async function refreshTickers(exchanges) {
  await Promise.all(exchanges.map(async (exchange) => {
    try {
      const pages = await runAllPages(exchange, 'tickers', {});
      await setLocal({ [`tickers.${exchange}`]: { tickers: pages.flatMap((p) => p.tickers), fetchedMs: Date.now() } });
      await setPricesError(exchange, null);
    } catch (err) {
      await setPricesError(exchange, { kind: err.kind, message: err.message, atMs: Date.now() });
    }
  }));
}

// The snapshot is computed by one caller at a time (the sync, a deleted key, a
// changed setting): each reads the keys and holdings after the previous one
// wrote, so a slower one cannot store a total that still counts a deleted key.
const snapshotWrite = writeQueue();

// Values the last good holdings of every key with the cached tickers.
export function revalue() {
  return snapshotWrite(computeSnapshot);
}

async function computeSnapshot() {
  const settings = await getSettings();
  const keys = await listKeys();
  const info = await exchangesInfo();
  // One storage read for every key's holdings and every exchange's prices.
  const stored = await getLocalMany([...keys.map((k) => `holdings.${k.id}`), ...Object.keys(info).map((id) => `tickers.${id}`)]);
  const holdings = keys.flatMap((k) => stored[`holdings.${k.id}`]?.balances ?? []);
  const tickers = Object.keys(info).flatMap((id) => stored[`tickers.${id}`]?.tickers ?? []);
  const portfolio = await callCore('portfolioValue', { currency: settings.currency, holdings, tickers });
  delete portfolio.ok;
  const snapshot = {
    portfolio, computedMs: Date.now(), demo: false,
    exchanges: await getLocal('exchangeStatus', {}),
  };
  await setLocal({ snapshot });
  await appendHistory(snapshot);
  await updateBadge();
  return snapshot;
}

async function appendHistory(snapshot) {
  const history = await getLocal('valueHistory', []);
  history.push([snapshot.computedMs, snapshot.portfolio.currency, snapshot.portfolio.total]);
  await setLocal({ valueHistory: history.slice(-HISTORY_POINTS) });
}

export function showDemo() {
  return snapshotWrite(computeDemo);
}

async function computeDemo() {
  const settings = await getSettings();
  const demo = await callCore('demoData', { nowMs: Date.now() });
  const portfolio = await callCore('portfolioValue', { currency: settings.currency, holdings: demo.holdings, tickers: demo.tickers });
  delete portfolio.ok;
  const snapshot = { portfolio, computedMs: Date.now(), demo: true, exchanges: {} };
  await setLocal({ snapshot });
  await updateBadge();
  return snapshot;
}

// A full refresh. Returns {started:false} when another sync holds the lease.
export async function syncNow(reason = 'manual') {
  if (!(await listKeys()).some((k) => !k.disabled)) {
    if (!(await getLocal('demoDismissed', false))) return { started: true, snapshot: await showDemo() };
    return { started: false, reason: 'no keys' };
  }
  const lease = takeLease();
  if (!lease) {
    pending = true;
    return { started: false, reason: 'already running' };
  }
  pending = false;
  try {
    await setSession({ syncLease: { owner: WORKER_ID, sinceMs: lease } });
    // Listed with the lease held: a key added from now on asks for the next round.
    const keys = (await listKeys()).filter((k) => !k.disabled);
    const info = await exchangesInfo();
    const byExchange = new Map();
    for (const k of keys) byExchange.set(k.exchange, [...(byExchange.get(k.exchange) ?? []), k]);
    const { unlocked } = await vaultState();
    if (unlocked) {
      await Promise.all([...byExchange].map(([ex, ks]) => syncExchange(ex, ks, info[ex])));
    }
    await refreshTickers(Object.keys(info));
    const snapshot = await revalue();
    await setLocal({ lastSync: { reason, finishedMs: Date.now(), locked: !unlocked } });
    return { started: true, snapshot, locked: !unlocked };
  } finally {
    await releaseLease(lease);
    if (pending) queueMicrotask(() => syncNow('pending').catch(() => {}));
  }
}
