// History end to end: a Binance key, 2,500 extra paginated trades, the service
// worker stopped in the middle of the sync (CDP ServiceWorker.stopAllWorkers), the
// sync resumed from the history page, then no duplicate and no gap; realized gains
// with historical prices from the mock's candles; every export downloaded through
// chrome.downloads; screenshots of the history and report pages, light and dark.
import { readFileSync } from 'node:fs';
import { startMockExchanges } from './mock/index.mjs';
import { launchExtension, screenshot, artifactsDir } from './harness.mjs';

const PASSPHRASE = 'history e2e passphrase';
let mock;
let ext;
let page;

// Messages the service worker from an extension page, as the UI does.
function send(p, type, payload = {}) {
  return p.evaluate(([t, pl]) => chrome.runtime.sendMessage({ type: t, payload: pl }), [type, payload]);
}

function local(p, key) {
  return p.evaluate((k) => chrome.storage.local.get(k).then((r) => r[k] ?? null), key);
}

// Every stored event, read straight from the extension's IndexedDB.
function storedEvents(p) {
  return p.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('keyfolio');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('events')) { db.close(); resolve([]); return; }
      const req = db.transaction('events').objectStore('events').getAll();
      req.onsuccess = () => { db.close(); resolve(req.result.map((e) => ({ uid: e.uid, kind: e.kind, symbol: e.symbol, id: e.id }))); };
      req.onerror = () => reject(req.error);
    };
  }));
}

async function waitFor(fn, { timeout = 60_000, interval = 250, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

beforeAll(async () => {
  mock = await startMockExchanges();
  mock.addTrades('binance', 2500, { symbol: 'BTCUSDT' });
  ext = await launchExtension({ mockPort: mock.port });
  page = await ext.open('history/history.html', { width: 1200, height: 900 });
  expect((await send(page, 'createVault', { passphrase: PASSPHRASE })).ok).toBe(true);
  const added = await send(page, 'addKey', { exchange: 'binance', label: 'Main', credentials: mock.keys().binance.hmac, confirmedReadOnly: true });
  expect(added.error).toBeUndefined();
  // The key's first sync caches the tickers the trade queries and the prices need.
  await waitFor(async () => (await local(page, 'tickers.binance')) && (await local(page, 'tickers.coinbase')) && (await local(page, 'snapshot'))?.demo === false,
    { what: 'the first balance sync' });
}, 120_000);

afterAll(async () => {
  await ext?.close();
  await mock?.close();
});

test('history sync survives the service worker being stopped: no duplicates, no gaps', async () => {
  const expected = mock.state.binance.trades.BTCUSDT.map((t) => String(t.id));
  expect(expected.length).toBe(2503);
  // Slow trade pages so the stop lands between two of them.
  mock.setFault('binance', '/api/v3/myTrades', { delayMs: 700 });
  await page.getByTestId('sync-history').click();
  await waitFor(async () => (await storedEvents(page)).some((e) => e.symbol === 'BTC/USDT'),
    { what: 'the first BTCUSDT page', interval: 100, timeout: 90_000 });

  // Stop the worker mid-sync. Chromium's CDP ServiceWorker domain does it for the
  // extension's worker as for any other (chrome://serviceworker-internals uses the same).
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const stoppedAt = Date.now();
  await new Promise((r) => setTimeout(r, 1500));
  const partial = (await storedEvents(page)).filter((e) => e.symbol === 'BTC/USDT');
  expect(partial.length).toBeGreaterThan(0);
  expect(partial.length).toBeLessThan(expected.length);
  expect((await local(page, 'historySync')).state).toBe('running'); // it never finished
  // No request after the stop: the worker is really gone.
  const late = mock.requests.filter((r) => r.exchange === 'binance' && r.path === '/api/v3/myTrades' && r.time > stoppedAt + 1000);
  expect(late).toEqual([]);

  // The page sees a sync that no worker runs and offers to resume it.
  await page.reload();
  await expect(page.getByTestId('sync-history').textContent()).resolves.toBe('Resume sync');
  mock.clearFaults();
  await page.getByTestId('sync-history').click();
  await waitFor(async () => ['ok', 'partial', 'error'].includes((await local(page, 'historySync'))?.state), { what: 'the resumed sync', timeout: 360_000 });
  expect((await local(page, 'historySync')).state).toBe('ok');
  // Kept per key (one Binance key here).
  expect(Object.values((await local(page, 'historyProgress')).binance.keys)).toEqual([expect.objectContaining({ label: 'Main', state: 'ok', error: null })]);

  const events = await storedEvents(page);
  const btc = events.filter((e) => e.kind === 'trade' && e.symbol === 'BTC/USDT').map((e) => e.id);
  expect(new Set(btc).size).toBe(btc.length);              // no duplicates
  expect([...btc].sort()).toEqual([...expected].sort());    // no gaps
  expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);

  // The page shows the counts, dates and progress from storage.
  await page.waitForFunction((n) => document.querySelector('[data-testid=count-trade] strong')?.textContent.replace(/\D/g, '') >= String(n), btc.length);
  await expect(page.getByTestId('shown-count').textContent()).resolves.toMatch(/of [\d,]+ events/);
  await expect(page.locator('[data-testid=progress-binance] progress').getAttribute('value'))
    .resolves.toBe(await page.locator('[data-testid=progress-binance] progress').getAttribute('max'));
  await expect(page.getByTestId('notes-binance').textContent()).resolves.toContain('one market at a time');
}, 540_000);

test('the events table filters, searches and virtualizes', async () => {
  const rowsInDom = () => page.locator('.vt-spacer > .vt-row').count();
  expect(await rowsInDom()).toBeLessThan(60);
  await page.getByTestId('filter-kind').selectOption('deposit');
  await expect(page.getByTestId('shown-count').textContent()).resolves.toMatch(/^[1-9]\d* of /);
  await page.getByTestId('filter-kind').selectOption('');
  // One option per exchange with stored history, after "All".
  await expect(page.getByTestId('filter-exchange').locator('option').allTextContents()).resolves.toEqual(['All', 'binance']);
  await page.getByTestId('filter-exchange').selectOption('binance');
  await expect(page.getByTestId('shown-count').textContent()).resolves.toMatch(/^([\d,]+) of \1 events/);
  await page.getByTestId('filter-exchange').selectOption('');
  await page.getByTestId('filter-text').fill('ARDRBTC');
  await expect(page.getByTestId('shown-count').textContent()).resolves.toMatch(/^1 of /);
  await page.getByTestId('filter-text').fill('');
  await page.getByTestId('filter-asset').fill('ETH');
  const ethRows = await page.locator('.vt-spacer > .vt-row').allTextContents();
  expect(ethRows.length).toBeGreaterThan(0);
  expect(ethRows.every((t) => t.includes('ETH'))).toBe(true);
  await page.getByTestId('filter-asset').fill('');
});

test('a Binance market added by hand is stored for the next sync', async () => {
  await page.locator('#market-input').fill('sol/usdt');
  await page.locator('[data-testid=add-market] button').click();
  await waitFor(async () => (await local(page, 'manualMarkets'))?.binance?.includes('SOL/USDT'), { what: 'manualMarkets' });
  await expect(page.getByTestId('manual-markets').textContent()).resolves.toContain('SOL/USDT');
});

test('realized gains come from the core with historical prices; gaps are listed, not zero', async () => {
  const year = new Date().getUTCFullYear();
  await page.getByTestId('tax-year').selectOption(String(year));
  await page.getByTestId('compute-gains').click();
  await page.getByTestId('gains-totals').waitFor({ timeout: 90_000 });
  const report = await send(page, 'costBasis', { taxYear: year });
  expect(report.ok).toBe(true);
  const g = report.result;
  expect(g.taxYear).toBe(year);
  expect(g.method).toBe('fifo');
  expect(g.disposals.length).toBeGreaterThan(1000);
  // Candles came from the mock through the core: BTC through a USD market, BNB (the
  // fee asset) through BNB/USDT and USDT/USD.
  const klines = mock.requests.filter((r) => r.path === '/api/v3/klines' || r.path.endsWith('/candles'));
  expect(klines.length).toBeGreaterThan(0);
  expect(g.priceSources.map((s) => s.asset)).toEqual(expect.arrayContaining(['BTC', 'BNB', 'USDT']));
  // Coins deposited from outside have no known acquisition: reported, not zero.
  const missing = g.disposals.filter((d) => d.missingAcquisition);
  for (const d of missing) expect(d.costBasis).toBeNull();
  if (missing.length) await expect(page.getByTestId('missing-acquisitions').isVisible()).resolves.toBe(true);
  if (g.unpricedEvents.length) await expect(page.getByTestId('unpriced-events').isVisible()).resolves.toBe(true);
  await expect(page.getByTestId('gains-by-asset').textContent()).resolves.toContain('BTC');
}, 120_000);

const EXPECTED_FILES = [
  ['balances_csv', /^keyfolio-balances-\d{4}-\d{2}-\d{2}\.csv$/, (t) => /^asset,exchange,account,free,locked,amount,price \(USD\),value \(USD\)/.test(t)],
  ['balances_json', /^keyfolio-balances-.*\.json$/, (t) => JSON.parse(t).currency === 'USD' && JSON.parse(t).holdings.some((h) => h.asset === 'BTC')],
  ['history_csv', /^keyfolio-history-.*\.csv$/, (t) => t.startsWith('time,event,exchange,id,side,symbol,base,quote,asset') && t.trim().split('\n').length > 2500],
  ['history_json', /^keyfolio-history-.*\.json$/, (t) => JSON.parse(t).events.length > 2500],
  ['form8949_csv', /^keyfolio-form8949-\d{4}-.*\.csv$/, (t) => t.startsWith('Form 8949 worksheet,Tax year ') && /Part I - Short-Term/.test(t)],
  ['koinly_csv', /^keyfolio-koinly-.*\.csv$/, (t) => /^Date,Sent Amount,Sent Currency,Received Amount,Received Currency/.test(t.replace(/^\uFEFF/, ''))],
  ['cointracker_csv', /^keyfolio-cointracker-.*\.csv$/, (t) => /^Date,Received Quantity,Received Currency,Sent Quantity,Sent Currency,Fee Amount,Fee Currency,Tag/.test(t.replace(/^\uFEFF/, ''))],
];

test.each(EXPECTED_FILES)('export %s downloads through chrome.downloads', async (kind, name, check) => {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.getByTestId(`export-${kind}`).click(),
  ]);
  const text = readFileSync(await download.path(), 'utf8');
  // Playwright names intercepted downloads by a GUID, so the core's file name is
  // checked where the page reports it.
  const notice = await page.getByTestId('notice').textContent();
  expect(notice.replace(/^Saved (.*) to your downloads\.$/, '$1')).toMatch(name);
  expect({ kind, head: text.slice(0, 200), ok: check(text) }).toEqual({ kind, head: text.slice(0, 200), ok: true });
}, 120_000);

test('the popup has History and a quick balances CSV export', async () => {
  const popup = await ext.open('popup/popup.html', { width: 380, height: 600 });
  await popup.getByTestId('export-balances').waitFor();
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId('export-balances').click()]);
  expect(readFileSync(await download.path(), 'utf8')).toMatch(/^asset,exchange,account,free,locked,amount,price/);
  await expect(popup.getByTestId('export-balances').textContent()).resolves.toBe('✓ Saved');
  await expect(popup.getByTestId('open-history').isVisible()).resolves.toBe(true);
  await screenshot(popup, 'history-popup-footer');
  await popup.close();
  const options = await ext.open('options/options.html');
  await options.locator('#exports [data-testid=export-history_csv]').waitFor();
  await expect(options.locator('nav a[href="../history/history.html"]').count()).resolves.toBe(1);
  await options.locator('#exports').scrollIntoViewIfNeeded();
  await options.locator('#exports').screenshot({ path: `${artifactsDir}/history-options-exports.png` });
  await options.close();
});

test('screenshots of the history and report pages, light and dark', async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `history-${scheme}`);
  }
  const year = new Date().getUTCFullYear();
  const report = await ext.open(`report/report.html?year=${year}`, { width: 900, height: 1200 });
  await report.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 90_000 });
  await expect(report.getByTestId('report-balances').isVisible()).resolves.toBe(true);
  await expect(report.getByTestId('report-gains').textContent()).resolves.toContain('Realized gain');
  for (const scheme of ['light', 'dark']) {
    await report.emulateMedia({ colorScheme: scheme });
    await screenshot(report, `report-${scheme}`);
  }
  // What "Save as PDF" gets: the print stylesheet, light whatever the screen scheme.
  await report.emulateMedia({ media: 'print', colorScheme: 'dark' });
  await screenshot(report, 'report-print');
  const bg = await report.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(255, 255, 255)');
  await expect(report.getByTestId('print').isVisible()).resolves.toBe(false);
  await report.close();
}, 120_000);
