// Service-worker handlers of the history page: history sync (started, never awaited,
// so the page watches progress in storage), realized gains through the core's
// costBasis with historical prices, and every export through the core's exportReport.
import { callCore } from './core.js';
import { run } from './exchange-client.js';
import { syncHistory } from './history-sync.js';
import { allEvents, getPrice, putPrices } from './history-db.js';
import { historicalPrices, DAY_MS } from './historical-prices.js';
import { listKeys } from './keys.js';
import { getSettings } from './settings.js';
import { getLocal, setLocal } from './storage.js';
import { touch, vaultState } from './vault-session.js';
import { hiddenWhileLocked } from '../shared/locked-amounts.js';
import { withKeys } from './key-writes.js';
import { anyFailed } from '../shared/history-progress.js';

// Only one service-worker instance runs at a time, so a sync in flight is known
// here; after the worker was stopped this is null and a new request resumes from
// the stored cursors.
let running = null;

async function startHistorySync() {
  await touch();
  if (running) return { started: false, running: true };
  const startedMs = Date.now();
  await setLocal({ historySync: { state: 'running', startedMs, error: null } });
  running = syncHistory()
    .then(async (all) => {
      const failed = anyFailed(await getLocal('historyProgress', {}));
      // Counts per key, only of keys still listed: deleteKey removes a key's
      // entry, and this write must not bring it back (key-writes.js).
      await withKeys(async (keys) => {
        const results = Object.fromEntries(keys.filter((k) => Object.hasOwn(all, k.id)).map((k) => [k.id, all[k.id]]));
        await setLocal({ historySync: { state: failed ? 'partial' : 'ok', startedMs, finishedMs: Date.now(), results, error: null } });
      });
    }, async (err) => {
      await setLocal({ historySync: { state: 'error', startedMs, finishedMs: Date.now(), error: { kind: err?.kind ?? 'internal', message: err?.message ?? String(err) } } });
    })
    .finally(() => { running = null; });
  return { started: true };
}

// Trades and transfers in the normalized model (the stored records carry three
// bookkeeping fields the core does not need); ledger entries are not exported.
export function splitEvents(events, untilMs = Infinity) {
  const trades = [];
  const transfers = [];
  for (const { kind, uid, keyIds, ...event } of events) {
    if (!(event.time < untilMs)) continue;
    if (kind === 'trade') trades.push(event);
    else if (kind === 'deposit' || kind === 'withdrawal') transfers.push(event);
  }
  return { trades, transfers };
}

function assetsOf({ trades, transfers }) {
  const assets = new Set();
  for (const t of trades) {
    assets.add(t.base); assets.add(t.quote);
    if (t.feeAsset && t.fee && !/^0*\.?0*$/.test(t.fee)) assets.add(t.feeAsset);
  }
  for (const t of transfers) assets.add(t.asset);
  return [...assets].filter(Boolean);
}

async function allTickers() {
  const keys = Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('tickers.'));
  const got = await chrome.storage.local.get(keys);
  return keys.flatMap((k) => got[k]?.tickers ?? []);
}

async function allHoldings() {
  const out = [];
  for (const k of await listKeys()) {
    const h = await getLocal(`holdings.${k.id}`, null);
    if (h) out.push(...h.balances);
  }
  return out;
}

function yearEndMs(taxYear) {
  return Date.UTC(taxYear + 1, 0, 1);
}

async function costBasis({ taxYear } = {}) {
  const settings = await getSettings();
  const year = taxYear === undefined || taxYear === null ? null : Number(taxYear);
  if (year !== null && !(Number.isInteger(year) && year >= 1970 && year <= 9999)) {
    throw Object.assign(new Error('taxYear must be a year like 2025'), { kind: 'invalid_input' });
  }
  const now = Date.now();
  const untilMs = year === null ? Infinity : yearEndMs(year);
  const history = splitEvents(await allEvents(), untilMs);
  const firstMs = [...history.trades, ...history.transfers].reduce((m, e) => Math.min(m, e.time), Infinity);
  let prices = {};
  let priceSources = [];
  let priceMissing = [];
  if (firstMs !== Infinity) {
    const got = await historicalPrices({
      assets: assetsOf(history),
      currency: settings.currency,
      fromMs: firstMs - 2 * DAY_MS,
      toMs: Math.min(untilMs, now),
      tickers: await allTickers(),
    }, {
      callCore,
      fetchCandles: async (exchange, params) => (await run(exchange, 'candles', { params })).data.candles ?? [],
      cache: { get: getPrice, put: putPrices },
      nowMs: () => Date.now(),
    });
    ({ prices, sources: priceSources, missing: priceMissing } = got);
  }
  const report = await callCore('costBasis', {
    method: settings.costBasisMethod,
    currency: settings.currency,
    holdingPeriodDays: settings.holdingPeriodDays,
    timezone: 'UTC',
    ...(year === null ? {} : { taxYear: year }),
    trades: history.trades,
    transfers: history.transfers,
    prices,
  });
  delete report.ok;
  return { ...report, holdingPeriodDays: settings.holdingPeriodDays, timezone: 'UTC', priceSources, priceMissing, computedMs: now };
}

const HISTORY_KINDS = new Set(['history_csv', 'history_json', 'koinly_csv', 'cointracker_csv']);

async function exportReport({ kind, taxYear, bom = false } = {}) {
  const nowMs = Date.now();
  let input;
  if (kind === 'balances_csv' || kind === 'balances_json') {
    // "Show the last totals while locked" off: the amounts stay hidden in files too.
    if (hiddenWhileLocked(await vaultState(), await getSettings())) {
      throw Object.assign(new Error('Unlock Keyfolio to export your balances.'), { kind: 'locked' });
    }
    const snapshot = await getLocal('snapshot', null);
    if (!snapshot?.portfolio) throw Object.assign(new Error('No balances yet: refresh first.'), { kind: 'invalid_input' });
    input = { snapshot: snapshot.portfolio, holdings: snapshot.demo ? [] : await allHoldings() };
  } else if (HISTORY_KINDS.has(kind)) {
    input = splitEvents(await allEvents());
  } else if (kind === 'form8949_csv') {
    const report = await costBasis({ taxYear });
    input = { costBasis: report, taxYear: report.taxYear, currency: report.currency, timezone: report.timezone };
  } else {
    throw Object.assign(new Error(`unknown export ${String(kind).slice(0, 40)}`), { kind: 'invalid_input' });
  }
  const file = await callCore('exportReport', { kind, nowMs, bom: Boolean(bom), ...input });
  return { filename: file.filename, mimeType: file.mimeType, content: file.content };
}

export const historyHandlers = {
  syncHistory: startHistorySync,
  historySyncState: async () => ({ running: Boolean(running) }),
  costBasis: async (payload) => { await touch(); return costBasis(payload); },
  exportReport: async (payload) => { await touch(); return exportReport(payload); },
};
