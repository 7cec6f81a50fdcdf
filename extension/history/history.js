// The history page: sync trades, transfers and ledger into IndexedDB and watch it
// happen, read every stored event (straight from IndexedDB, same origin as the
// service worker), realized gains, exports, and the value and allocation charts.
// Each section redraws on its own, so the table keeps its scroll and filters while
// progress updates arrive.
import { send } from '../shared/messaging.js';
import { el } from '../shared/portfolio-view.js';
import { formatMoney, formatAmount, formatDate, formatAgo, countOf, HIDDEN } from '../shared/format.js';
import { lineChart, donutChart, seriesInRange } from '../shared/charts.js';
import { EXPORTS, exportAndDownload } from '../shared/downloads.js';
import { allEvents } from '../background/history-db.js';
import { filterEvents, summarize, dateRange, createVirtualTable } from './history-table.js';
import { exchangeProgress } from '../shared/history-progress.js';
import { METHOD_NAMES, gainsSummary, gainsByAsset, gainsProblems, priceSources, disposalsTable, yearsOf } from './history-gains.js';

const KIND_LABELS = { trade: 'Trades', deposit: 'Deposits', withdrawal: 'Withdrawals', ledger: 'Ledger entries' };
const STATE_TEXT = { running: 'Syncing…', ok: 'Complete', error: 'Failed', partial: 'Finished with errors', interrupted: 'Interrupted' };
const MARKET = /^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$|^[A-Z0-9]{4,30}$/;

const page = {
  events: [], summary: summarize([]), exchanges: [], settings: {}, snapshot: null, valueHistory: [],
  progress: {}, sync: null, workerRunning: false, manualMarkets: {}, range: '30d',
  year: null, gains: null, gainsError: null, gainsBusy: false, notice: null,
  filter: { kind: '', exchange: '', asset: '', from: '', to: '', text: '' },
};
const slots = {};

function section(id, title, ...body) {
  return el('section', { class: 'card', id, 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h`, text: title }), body.flat(Infinity));
}

function notify(kind, text) {
  page.notice = text ? { kind, text } : null;
  slots.notice.replaceChildren(page.notice ? el('p', { class: `banner ${kind}`, role: 'alert', 'data-testid': 'notice', text }) : '');
}

// ---- sync ---------------------------------------------------------------
function syncState() {
  const s = page.sync?.state;
  if (s === 'running' && !page.workerRunning) return 'interrupted';
  return s ?? null;
}

async function startSync() {
  try {
    const r = await send('syncHistory');
    page.workerRunning = r.started || r.running;
    notify(null);
  } catch (err) {
    notify('err', err.message);
  }
  drawSync();
}

function drawSync() {
  const state = syncState();
  const names = Object.fromEntries(page.exchanges.map((e) => [e.id, e.name]));
  // One bar per exchange, its keys combined (shared/history-progress.js): the page
  // speaks of exchanges everywhere else, and a failing key is named in the message.
  const rows = Object.entries(page.progress).map(([id, entry]) => {
    const p = exchangeProgress(entry, { stopped: state === 'interrupted' });
    const st = p.state;
    const pct = p.total ? Math.round((100 * p.done) / p.total) : 0;
    return el('div', { class: 'kf-progress', 'data-exchange': id, 'data-testid': `progress-${id}` },
      el('div', { class: 'row' }, el('strong', { text: names[id] ?? id }),
        p.keyCount > 1 ? el('span', { class: 'muted small', 'data-testid': 'progress-keys', title: p.labels.join(', '), text: `${p.keyCount} keys` }) : null,
        el('span', { class: `badge ${st === 'ok' ? 'ok' : st === 'error' ? 'err' : st === 'running' ? '' : 'warn'}`, text: STATE_TEXT[st] ?? st }),
        el('span', { class: 'spacer' }),
        el('span', { class: 'num muted small', text: `${p.done} / ${p.total} queries` })),
      el('progress', { max: p.total || 1, value: p.total ? p.done : st === 'ok' ? 1 : 0, 'aria-label': `${names[id] ?? id} history sync`, title: `${pct}%` }),
      p.messages.map((m) => el('div', { class: 'kf-exchange-error', text: m })),
      p.lastOkMs ? el('div', { class: 'muted small', text: `Last complete sync ${formatAgo(p.lastOkMs)}` }) : null);
  });
  const busy = state === 'running';
  slots.sync.replaceChildren(section('sync', 'History sync',
    el('p', { class: 'muted small', text: 'Fetches every trade, deposit, withdrawal and ledger entry your keys can read, page by page. It resumes where it stopped if the browser or the extension is interrupted.' }),
    el('div', { class: 'row' },
      el('button', { class: 'primary', 'data-testid': 'sync-history', disabled: busy, onclick: startSync, text: busy ? 'Syncing…' : state === 'interrupted' ? 'Resume sync' : 'Sync history' }),
      el('span', { class: 'muted small', 'data-testid': 'sync-state', 'data-state': state ?? '', text: page.sync ? `${STATE_TEXT[state] ?? state}${page.sync.finishedMs ? ` · ${formatAgo(page.sync.finishedMs)}` : ''}` : 'Not synced yet' })),
    page.sync?.error ? el('p', { class: 'banner err', text: page.sync.error.kind === 'locked' ? 'Unlock Keyfolio (popup or Settings) to sync history.' : page.sync.error.message }) : null,
    rows.length ? el('div', { class: 'stack' }, rows) : null));
}

// ---- summary and notes ---------------------------------------------------
function drawSummary() {
  const s = page.summary;
  slots.summary.replaceChildren(section('summary', 'Stored history',
    el('div', { class: 'kf-stats' },
      Object.entries(KIND_LABELS).map(([k, label]) => el('div', { class: 'kf-stat', 'data-testid': `count-${k}` },
        el('span', { class: 'muted', text: label }), el('strong', { class: 'num', text: formatAmount(s.counts[k] ?? 0) })))),
    el('p', { class: 'muted small', 'data-testid': 'date-span', text: s.total ? `${formatAmount(s.total)} events from ${formatDate(s.firstMs)} to ${formatDate(s.lastMs)}` : 'No events stored yet.' }),
    Object.keys(s.byExchange).length ? el('p', { class: 'muted small', text: Object.entries(s.byExchange).map(([x, n]) => `${x}: ${formatAmount(n)}`).join(' · ') }) : null));
}

function drawNotes() {
  const withNotes = page.exchanges.filter((x) => x.historyNotes?.length);
  slots.notes.replaceChildren(section('notes', 'What the exchanges cannot return',
    withNotes.map((x) => el('details', { 'data-testid': `notes-${x.id}` }, el('summary', { text: x.name }),
      el('ul', { class: 'small' }, x.historyNotes.map((n) => el('li', { text: n })))))));
}

// ---- manual markets ------------------------------------------------------
async function saveMarkets(list) {
  const all = { ...page.manualMarkets, binance: list };
  await chrome.storage.local.set({ manualMarkets: all });
}

function drawMarkets() {
  const list = page.manualMarkets.binance ?? [];
  const input = el('input', { id: 'market-input', placeholder: 'e.g. SOL/USDT', 'aria-label': 'Binance market', autocomplete: 'off', spellcheck: 'false' });
  slots.markets.replaceChildren(section('markets', 'Binance markets added by hand',
    el('p', { class: 'muted small', text: 'Binance returns trades one market at a time. Keyfolio asks for the markets it can infer from your balances and transfers; add any other market you traded (a coin bought and sold completely), then sync history again.' }),
    el('form', { class: 'row', 'data-testid': 'add-market', onsubmit: async (e) => {
      e.preventDefault();
      const value = input.value.trim().toUpperCase();
      if (!MARKET.test(value)) { notify('err', 'Write a market as BASE/QUOTE, e.g. SOL/USDT.'); return; }
      if (!list.includes(value)) await saveMarkets([...list, value].sort());
      notify('ok', `${value} will be fetched on the next history sync.`);
    } }, input, el('button', { type: 'submit', text: 'Add market' })),
    list.length ? el('ul', { class: 'kf-chips', 'data-testid': 'manual-markets' }, list.map((m) => el('li', {}, el('span', { text: m }),
      el('button', { class: 'icon', 'aria-label': `Remove ${m}`, title: 'Remove', onclick: () => saveMarkets(list.filter((x) => x !== m)), text: '×' })))) : null));
}

// ---- charts --------------------------------------------------------------
function drawCharts() {
  const p = page.snapshot?.portfolio;
  const { currency, points } = seriesInRange(page.valueHistory, page.range);
  const privacy = page.settings.privacy;
  const fmt = (v) => (privacy ? HIDDEN : formatMoney(v, currency, { compact: true }));
  const rangeButton = (r, label) => el('button', { class: page.range === r ? 'active' : '', 'aria-pressed': String(page.range === r), 'data-range': r, onclick: () => { page.range = r; drawCharts(); }, text: label });
  slots.charts.replaceChildren(section('charts', 'Portfolio',
    el('div', { class: 'row' }, el('h3', { text: 'Value over time' }), el('span', { class: 'spacer' }),
      el('div', { class: 'kf-seg', role: 'group', 'aria-label': 'Range' }, rangeButton('7d', '7 d'), rangeButton('30d', '30 d'), rangeButton('1y', '1 y'), rangeButton('all', 'All'))),
    el('div', { class: 'kf-line-wrap', 'data-testid': 'value-chart' }, lineChart(points, { format: fmt, formatDate, title: `Portfolio value in ${currency ?? 'your currency'}` })),
    p ? el('div', { class: 'kf-donuts' },
      donutChart(p.assets.map((a) => ({ label: a.asset, value: a.value })), { title: 'By asset' }),
      donutChart(p.exchanges.map((x) => ({ label: x.exchange, value: x.value })), { title: 'By exchange' })) : el('p', { class: 'muted', text: 'No balances yet.' })));
}

// ---- realized gains --------------------------------------------------------
async function computeGains() {
  page.gainsBusy = true;
  page.gainsError = null;
  drawGains();
  try {
    page.gains = await send('costBasis', { taxYear: page.year });
  } catch (err) {
    page.gains = null;
    page.gainsError = err.message;
  }
  page.gainsBusy = false;
  drawGains();
}

function yearSelect(id) {
  const years = yearsOf(page.summary.firstMs, page.summary.lastMs);
  page.year ??= years.length > 1 ? years[1] : years[0];
  return el('label', { class: 'field', for: id }, el('span', { text: 'Tax year' }),
    el('select', { id, 'data-testid': id, onchange: (e) => { page.year = Number(e.target.value); page.gains = null; drawGains(); drawExports(); } },
      years.map((y) => el('option', { value: y, text: String(y), selected: y === page.year }))));
}

function drawGains() {
  const s = page.settings;
  const g = page.gains;
  const privacy = s.privacy;
  slots.gains.replaceChildren(section('gains', 'Realized gains',
    el('div', { class: 'row kf-controls' }, yearSelect('tax-year'),
      el('div', { class: 'field' }, el('span', { text: 'Method' }),
        el('span', { 'data-testid': 'gains-method', text: `${METHOD_NAMES[s.costBasisMethod] ?? s.costBasisMethod ?? 'FIFO'} · long term after ${s.holdingPeriodDays ?? 365} days` })),
      el('a', { href: '../options/options.html#settings', class: 'small', text: 'Change in Settings' }),
      el('span', { class: 'spacer' }),
      el('button', { class: 'primary', 'data-testid': 'compute-gains', disabled: page.gainsBusy, onclick: computeGains, text: page.gainsBusy ? 'Computing… (fetching daily prices)' : 'Compute gains' }),
      el('a', { class: 'button', 'data-testid': 'open-report', href: `../report/report.html?year=${page.year}`, target: '_blank', text: 'Printable report' })),
    page.gainsError ? el('p', { class: 'banner err', role: 'alert', text: page.gainsError }) : null,
    g ? [
      el('p', { class: 'muted small', text: `${g.taxYear ?? 'All years'} · ${METHOD_NAMES[g.method] ?? g.method} · ${g.currency} · dates in UTC · ${countOf(g.summary.totals.records, 'disposal')} counted${g.summary.totals.incompleteRecords ? `, ${g.summary.totals.incompleteRecords} left out as incomplete` : ''}` }),
      gainsSummary(g, { privacy }),
      g.summary.byAsset.length ? gainsByAsset(g, { privacy }) : el('p', { class: 'muted', text: 'No disposals in this year.' }),
      gainsProblems(g, { privacy }),
      disposalsTable(g, { privacy }),
      priceSources(g),
    ] : el('p', { class: 'muted small', text: 'Gains are computed on this computer from your stored trades and transfers, valued with daily closes from the exchanges\' public candles.' })));
}

// ---- exports ----------------------------------------------------------------
function drawExports() {
  slots.exports.replaceChildren(section('exports', 'Exports',
    el('div', { class: 'row wrap' }, EXPORTS.map((x) => el('button', {
      'data-testid': `export-${x.kind}`,
      onclick: async (e) => {
        const b = e.currentTarget;
        b.disabled = true;
        try {
          const { filename } = await exportAndDownload(x.kind, x.needsYear ? { taxYear: page.year } : {});
          notify('ok', `Saved ${filename} to your downloads.`);
        } catch (err) {
          notify('err', err.message);
        }
        b.disabled = false;
      },
      text: x.needsYear ? `${x.label} (${page.year})` : x.label,
    }))),
    el('p', { class: 'muted small', text: 'Koinly and CoinTracker files use their import templates. Form 8949 uses the tax year and method chosen above.' })));
}

// ---- events table -----------------------------------------------------------
const columns = [
  { label: 'Date', width: '150px', cell: (e) => new Date(e.time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) },
  { label: 'Kind', width: '92px', cell: (e) => (e.kind === 'trade' ? e.side : e.kind === 'ledger' ? e.type : e.kind) },
  { label: 'Exchange', width: '84px', cell: (e) => e.exchange },
  { label: 'Asset', width: '110px', cell: (e) => (e.kind === 'trade' ? `${e.base}/${e.quote}` : e.asset) },
  { label: 'Amount', width: '1fr', className: 'num right', cell: (e) => (page.settings.privacy ? HIDDEN : e.amount) },
  { label: 'Price', width: '1fr', className: 'num right', cell: (e) => (e.kind === 'trade' ? (page.settings.privacy ? HIDDEN : e.price) : '') },
  { label: 'Fee', width: '1fr', className: 'num right', cell: (e) => (e.fee && /[1-9]/.test(e.fee) ? `${page.settings.privacy ? HIDDEN : e.fee}${e.feeAsset ? ` ${e.feeAsset}` : ''}` : '') },
  { label: 'Status / ID', width: '1.4fr', className: 'mono', cell: (e) => [e.status && e.status !== 'ok' ? e.status : '', e.id].filter(Boolean).join(' · ') },
];
const table = createVirtualTable({ columns, rowHeight: 32, height: 520, empty: 'No events match.' });

function applyFilter() {
  const { fromMs, toMs } = dateRange(page.filter.from, page.filter.to);
  const rows = filterEvents(page.events, { ...page.filter, fromMs, toMs }).reverse(); // newest first
  table.setRows(rows);
  slots.shown.textContent = `${formatAmount(rows.length)} of ${formatAmount(page.events.length)} events`;
}

function buildEventsSection() {
  const f = page.filter;
  const change = (name) => (e) => { f[name] = e.target.value; applyFilter(); };
  const assetList = el('datalist', { id: 'asset-list' });
  slots.assetList = assetList;
  slots.exchangeFilter = el('select', { id: 'f-exchange', 'data-testid': 'filter-exchange', onchange: change('exchange') });
  slots.shown = el('span', { class: 'muted small', 'data-testid': 'shown-count' });
  return section('events', 'All events',
    el('div', { class: 'kf-filters' },
      el('label', { class: 'field', for: 'f-search' }, el('span', { text: 'Search' }),
        el('input', { id: 'f-search', type: 'search', 'data-testid': 'filter-text', placeholder: 'id, txid, address, market…', oninput: change('text') })),
      el('label', { class: 'field', for: 'f-kind' }, el('span', { text: 'Kind' }),
        el('select', { id: 'f-kind', 'data-testid': 'filter-kind', onchange: change('kind') },
          el('option', { value: '', text: 'All' }), Object.entries(KIND_LABELS).map(([k, l]) => el('option', { value: k, text: l })))),
      el('label', { class: 'field', for: 'f-exchange' }, el('span', { text: 'Exchange' }), slots.exchangeFilter),
      el('label', { class: 'field', for: 'f-asset' }, el('span', { text: 'Asset' }),
        el('input', { id: 'f-asset', list: 'asset-list', 'data-testid': 'filter-asset', placeholder: 'BTC', oninput: change('asset') }), assetList),
      el('label', { class: 'field', for: 'f-from' }, el('span', { text: 'From' }), el('input', { id: 'f-from', type: 'date', onchange: change('from') })),
      el('label', { class: 'field', for: 'f-to' }, el('span', { text: 'To' }), el('input', { id: 'f-to', type: 'date', onchange: change('to') }))),
    slots.shown,
    table.element);
}

function refreshFilterOptions() {
  const exchanges = Object.keys(page.summary.byExchange).sort();
  const current = page.filter.exchange;
  slots.exchangeFilter.replaceChildren(el('option', { value: '', text: 'All' }), ...exchanges.map((x) => el('option', { value: x, text: x, selected: x === current })));
  const assets = new Set();
  for (const e of page.events) for (const a of [e.asset, e.base, e.quote]) if (a) assets.add(a);
  slots.assetList.replaceChildren(...[...assets].sort().map((a) => el('option', { value: a })));
}

// ---- loading ------------------------------------------------------------------
let loading = null;
let reloadAgain = false;
async function loadEvents() {
  if (loading) { reloadAgain = true; return loading; }
  loading = (async () => {
    do {
      reloadAgain = false;
      page.events = await allEvents();
      page.summary = summarize(page.events);
      drawSummary();
      refreshFilterOptions();
      applyFilter();
    } while (reloadAgain);
  })().finally(() => { loading = null; });
  return loading;
}

let eventsTimer = null;
function scheduleEvents(delay = 1500) {
  clearTimeout(eventsTimer);
  eventsTimer = setTimeout(loadEvents, delay);
}

async function refreshWorkerState() {
  try {
    page.workerRunning = (await send('historySyncState')).running;
  } catch {
    page.workerRunning = false;
  }
  drawSync();
}

async function init() {
  const app = document.getElementById('app');
  for (const name of ['notice', 'sync', 'summary', 'charts', 'gains', 'exports', 'markets', 'notes']) slots[name] = el('div', { class: 'slot' });
  app.replaceChildren(
    el('header', { class: 'opt-header' },
      el('img', { src: '../icons/icon-48.png', alt: '' }),
      el('h1', { text: 'History & reports' }),
      el('nav', { 'aria-label': 'Pages' },
        el('a', { href: '#gains', text: 'Gains' }), el('a', { href: '#exports', text: 'Exports' }), el('a', { href: '#events', text: 'Events' }),
        el('a', { href: '../options/options.html', text: 'Settings' }))),
    slots.notice,
    el('div', { class: 'grid-2' }, slots.sync, slots.summary),
    slots.charts, slots.gains, slots.exports,
    buildEventsSection(),
    el('div', { class: 'grid-2' }, slots.markets, slots.notes));
  const stored = await chrome.storage.local.get(['settings', 'snapshot', 'valueHistory', 'historyProgress', 'historySync', 'manualMarkets']);
  Object.assign(page, {
    settings: stored.settings ?? {}, snapshot: stored.snapshot ?? null, valueHistory: stored.valueHistory ?? [],
    progress: stored.historyProgress ?? {}, sync: stored.historySync ?? null, manualMarkets: stored.manualMarkets ?? {},
  });
  drawSync(); drawSummary(); drawCharts(); drawGains(); drawExports(); drawMarkets(); drawNotes();
  await loadEvents();
  drawGains(); drawExports(); // the year list depends on the events
  try {
    page.exchanges = await send('exchanges');
    const settings = await send('getSettings');
    page.settings = settings;
  } catch (err) {
    notify('err', err.message);
  }
  drawNotes(); drawSync(); drawGains();
  await refreshWorkerState();
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (changes.historyProgress) { page.progress = changes.historyProgress.newValue ?? {}; drawSync(); scheduleEvents(); }
  if (changes.historySync) {
    page.sync = changes.historySync.newValue ?? null;
    if (page.sync?.state !== 'running') { page.workerRunning = false; scheduleEvents(0); }
    drawSync();
  }
  if (changes.manualMarkets) { page.manualMarkets = changes.manualMarkets.newValue ?? {}; drawMarkets(); }
  if (changes.settings) { page.settings = changes.settings.newValue ?? {}; drawCharts(); drawGains(); table.redraw(); }
  if (changes.snapshot || changes.valueHistory) {
    page.snapshot = changes.snapshot ? changes.snapshot.newValue ?? null : page.snapshot;
    page.valueHistory = changes.valueHistory ? changes.valueHistory.newValue ?? [] : page.valueHistory;
    drawCharts();
  }
});

init();
