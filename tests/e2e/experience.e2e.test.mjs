// What a person with keys on all three exchanges sees (issue 5): the right total
// everywhere, an unpriced asset named and left out, one exchange down while the
// others update, a rate limit absorbed within the sync, the service worker
// stopped mid-sync, another currency, privacy mode; and screenshots of the
// popup, side panel and options page in light and dark.
import { startMockExchanges } from './mock/index.mjs';
import { launchExtension, screenshot } from './harness.mjs';
import { expectedPortfolio } from './expected-portfolio.mjs';
import * as dec from './mock/decimal.mjs';
import {
  EXCHANGES, connectAll, send, trySend, storage, badgeText, syncAndWait, waitFor, waitForSnapshot, allOk,
} from './fault-table.mjs';

const POPUP = { width: 380, height: 600 };
const PANEL = { width: 420, height: 800 };

// The badge's compact form, restated: 103931.60 -> "104k", 9876.5 -> "9.9k".
function compact(total) {
  const n = Number(total);
  if (n >= 1e6) return `${(n / 1e6 < 10 ? (n / 1e6).toFixed(1) : Math.round(n / 1e6))}M`.replace('.0', '');
  if (n >= 1e3) return `${(n / 1e3 < 10 ? (n / 1e3).toFixed(1) : Math.round(n / 1e3))}k`.replace('.0', '');
  return String(Math.round(n));
}

async function openWithTotal(ext, path, size, total) {
  const page = await ext.open(path, size);
  await page.waitForFunction((t) => document.querySelector('[data-testid=total]')?.dataset.value === t, total, { timeout: 20000 });
  return page;
}

async function showTab(page, id) {
  await page.click(`#tab-${id}`);
  await page.waitForFunction((t) => document.querySelector(`#tab-${t}`)?.getAttribute('aria-selected') === 'true', id);
}

describe('light theme, one browser', () => {
  let mock;
  let ext;
  let page; // an extension page that messages the service worker

  beforeAll(async () => {
    mock = await startMockExchanges();
    ext = await launchExtension({ mockPort: mock.port });
    ({ page } = await connectAll(ext, mock));
  }, 120_000);
  afterAll(async () => {
    await ext?.close();
    await mock?.close();
  });

  test('the right total in the popup, the side panel and the badge', async () => {
    const expected = expectedPortfolio(mock.state);
    const snap = await waitForSnapshot(ext, (s) => allOk(s) && s.portfolio.total === expected.total);
    expect(snap.portfolio.currency).toBe('USD');
    const popup = await openWithTotal(ext, 'popup/popup.html', POPUP, expected.total);
    const shown = await popup.locator('[data-testid=total]').textContent();
    expect(shown).toBe(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(expected.total));
    await screenshot(popup, 'experience-popup-light');
    await showTab(popup, 'exchanges');
    for (const ex of EXCHANGES) await expect(popup.locator(`[data-exchange=${ex}] .badge`).textContent()).resolves.toBe('Up to date');
    await screenshot(popup, 'experience-popup-exchanges-light');
    await popup.close();
    const panel = await openWithTotal(ext, 'sidepanel/sidepanel.html', PANEL, expected.total);
    expect(await panel.locator('[data-testid=total]').textContent()).toBe(shown);
    await screenshot(panel, 'experience-sidepanel-light');
    await panel.close();
    expect(await badgeText(ext)).toBe(compact(expected.total));
    const options = await ext.open('options/options.html');
    await options.waitForFunction(() => document.querySelectorAll('[data-testid=keys-table] tbody tr').length === 3);
    await screenshot(options, 'experience-options-light');
    await options.close();
  });

  test('an asset without any price is listed as unpriced and not counted', async () => {
    const expected = expectedPortfolio(mock.state);
    expect(expected.unpriced).toEqual(['NOPRICE']);
    const snap = await storage(ext, 'local', 'snapshot');
    expect(snap.portfolio.unpriced.map((u) => u.asset)).toEqual(['NOPRICE']);
    expect(snap.portfolio.assets.map((a) => a.asset)).not.toContain('NOPRICE');
    // Held on Binance and Coinbase: the unpriced entry says how much and where.
    expect(dec.cmp(snap.portfolio.unpriced[0].amount, expected.amounts.NOPRICE)).toBe(0);
    expect(snap.portfolio.unpriced[0].exchanges.sort()).toEqual(['binance', 'coinbase']);
    const popup = await openWithTotal(ext, 'popup/popup.html', POPUP, expected.total);
    expect(await popup.locator('[data-testid=unpriced]').textContent()).toMatch(/No price found for NOPRICE: not counted in the total/);
    expect(await popup.locator('[data-asset=NOPRICE]').count()).toBe(0);
    await popup.close();
  });

  test('one exchange down: it goes stale with a readable reason, the others update, its last holdings still count', async () => {
    const before = await storage(ext, 'local', 'snapshot');
    mock.setBalance('binance', 'ETH', '7.5'); // the others update: Binance's new balance must show
    mock.setFault('kraken', '*', { status: 503 });
    try {
      const answer = await syncAndWait(ext, page);
      expect(answer.ok).toBe(true);
      const snap = await storage(ext, 'local', 'snapshot');
      const kraken = snap.exchanges.kraken;
      expect(kraken.state).toBe('stale');
      expect(kraken.lastOkMs).toBe(before.exchanges.kraken.lastOkMs);
      expect(kraken.error.message).toMatch(/Kraken/);
      expect(kraken.error.message).toMatch(/unavailable|try again/i);
      expect(kraken.error.message).not.toMatch(/[{}<>]/);
      for (const ex of ['binance', 'coinbase']) {
        expect(snap.exchanges[ex]).toMatchObject({ state: 'ok', error: null });
        expect(snap.exchanges[ex].lastOkMs).toBeGreaterThan(before.exchanges[ex].lastOkMs);
      }
      // Kraken's world did not change, so its last good holdings and prices are the mock's.
      const expected = expectedPortfolio(mock.state);
      expect(snap.portfolio.total).toBe(expected.total);
      expect(snap.portfolio.total).not.toBe(before.portfolio.total);
      const krakenPart = snap.portfolio.exchanges.find((e) => e.exchange === 'kraken');
      expect(krakenPart.value).toBe(before.portfolio.exchanges.find((e) => e.exchange === 'kraken').value);

      const popup = await openWithTotal(ext, 'popup/popup.html', POPUP, expected.total);
      await showTab(popup, 'exchanges');
      const row = popup.locator('[data-exchange=kraken]');
      expect(await row.locator('.badge').textContent()).toBe('Stale');
      expect(await row.locator('[data-testid=status-kraken]').textContent()).toBe(kraken.error.message);
      expect(await row.textContent()).toMatch(/Showing data from/);
      expect(await row.locator('[data-testid=prices-kraken]').count()).toBe(0); // the same reason, said once
      await screenshot(popup, 'experience-popup-kraken-down-light');
      await popup.close();
    } finally {
      mock.clearFaults();
    }
    const back = await syncAndWait(ext, page);
    expect(back.ok).toBe(true);
    expect(allOk(await storage(ext, 'local', 'snapshot'))).toBe(true);
  }, 90_000);

  test('a 429 with Retry-After: 1 is waited out and retried within the same sync', async () => {
    mock.setFault('binance', '/api/v3/account', { status: 429, retryAfter: 1, once: true });
    const n0 = mock.requests.length;
    const answer = await syncAndWait(ext, page);
    expect(answer.ok).toBe(true);
    const calls = mock.requests.slice(n0).filter((r) => r.exchange === 'binance' && r.path === '/api/v3/account');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1].time - calls[0].time).toBeGreaterThanOrEqual(1000);
    const snap = await storage(ext, 'local', 'snapshot');
    expect(snap.exchanges.binance).toMatchObject({ state: 'ok', error: null });
    expect(snap.portfolio.total).toBe(expectedPortfolio(mock.state).total);
  });

  test('the service worker stopped mid-sync: the next sync runs at once and completes', async () => {
    mock.setBalance('coinbase', 'SOL', '12.25');
    mock.setFault('binance', '/api/v3/account', { delayMs: 10_000, once: true });
    const n0 = mock.requests.length;
    const pending = trySend(page, 'syncNow', {}, 30_000);
    await waitFor(() => mock.requests.slice(n0).some((r) => r.path === '/api/v3/account'), { timeoutMs: 15000, what: 'the slow request' });
    expect(await storage(ext, 'session', 'syncLease')).toBeTruthy(); // the stopped sync's lease stays behind
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const interrupted = await pending;
    expect(interrupted.ok).toBe(false); // its message channel closed with the worker

    const t0 = Date.now();
    const next = await syncAndWait(ext, page, { timeoutMs: 20_000 });
    expect(next).toMatchObject({ ok: true, result: { started: true } });
    expect(Date.now() - t0).toBeLessThan(15_000);
    const expected = expectedPortfolio(mock.state);
    const snap = await waitForSnapshot(ext, (s) => allOk(s) && s.portfolio.total === expected.total, { timeoutMs: 10_000 });
    expect(snap.portfolio.total).toBe(expected.total);
    expect(await storage(ext, 'session', 'syncLease')).toBeFalsy();
  }, 90_000);

  test('the currency switched to EUR: € everywhere and total = USD value / EUR price', async () => {
    await send(page, 'updateSettings', { currency: 'EUR' });
    try {
      const expected = expectedPortfolio(mock.state, { currency: 'EUR' });
      const snap = await waitForSnapshot(ext, (s) => s.portfolio.currency === 'EUR');
      expect(snap.portfolio.total).toBe(expected.total);
      expect(snap.portfolio.total).not.toBe(expectedPortfolio(mock.state).total);
      const popup = await openWithTotal(ext, 'popup/popup.html', POPUP, expected.total);
      const text = await popup.locator('[data-testid=total]').textContent();
      expect(text).toBe(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(expected.total));
      expect(text).toContain('€');
      const body = await popup.locator('#app').innerText();
      expect(body).not.toContain('$');
      await screenshot(popup, 'experience-popup-eur-light');
      await popup.close();
      expect(await badgeText(ext)).toBe(compact(expected.total));
    } finally {
      await send(page, 'updateSettings', { currency: 'USD' });
    }
  });

  test('privacy mode: no digit of any amount in the popup or side panel, and an empty badge', async () => {
    await send(page, 'updateSettings', { privacy: true });
    try {
      const snap = await storage(ext, 'local', 'snapshot');
      const p = snap.portfolio;
      const amounts = [p.total, p.change24h, ...p.assets.flatMap((a) => [a.amount, a.value, ...a.split.flatMap((s) => [s.amount, s.value])]),
        ...p.exchanges.map((e) => e.value), ...p.unpriced.map((u) => u.amount)].filter((v) => v !== null && v !== undefined);
      expect(amounts.length).toBeGreaterThan(10);
      expect(await badgeText(ext)).toBe('');
      for (const [path, size, name] of [['popup/popup.html', POPUP, 'popup'], ['sidepanel/sidepanel.html', PANEL, 'sidepanel']]) {
        const view = await ext.open(path, size);
        await view.waitForFunction(() => document.querySelector('[data-testid=total]')?.textContent === '•••••');
        // Not even the colour of the 24 h change tells which way it went.
        expect(await view.locator('[data-testid=change]').getAttribute('class')).not.toMatch(/\b(up|down)\b/);
        for (const tab of ['assets', 'exchanges']) {
          await showTab(view, tab);
          // Open every asset so its per-exchange split is rendered and visible too.
          await view.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
          const { text, html } = await view.evaluate(() => ({ text: document.body.innerText, html: document.documentElement.outerHTML }));
          // Every amount in every form the page could print it: raw, grouped, as money.
          const forms = await view.evaluate(([list, currency]) => list.flatMap((v) => {
            const abs = String(v).replace(/^-/, '');
            return [abs, new Intl.NumberFormat(undefined, { maximumFractionDigits: 8 }).format(abs),
              new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(abs).replace(/^\D+|\D+$/g, '')];
          }), [amounts, p.currency]);
          const needles = [...new Set(forms)].filter((f) => f.replace(/\D/g, '').length >= 3);
          for (const n of needles) {
            expect({ where: `${name} ${tab}`, amount: n, inText: text.includes(n), inHtml: html.includes(n) })
              .toEqual({ where: `${name} ${tab}`, amount: n, inText: false, inHtml: false });
          }
          // No money-looking number at all: no currency sign next to a digit.
          expect(text).not.toMatch(/[$€£¥₿Ξ]\s?\d|\d\s?[$€£¥₿Ξ]/);
        }
        await screenshot(view, `experience-${name}-privacy-light`);
        await view.close();
      }
    } finally {
      await send(page, 'updateSettings', { privacy: false });
    }
    expect(await badgeText(ext)).not.toBe('');
  });
});

describe('dark theme', () => {
  let mock;
  let ext;

  beforeAll(async () => {
    mock = await startMockExchanges();
    ext = await launchExtension({ mockPort: mock.port, colorScheme: 'dark' });
    await connectAll(ext, mock);
  }, 120_000);
  afterAll(async () => {
    await ext?.close();
    await mock?.close();
  });

  test('screenshots of the popup, side panel and options page in dark', async () => {
    const expected = expectedPortfolio(mock.state);
    const popup = await openWithTotal(ext, 'popup/popup.html', POPUP, expected.total);
    expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    // The dark palette is in use: the page background is dark.
    const bg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    expect(r + g + b).toBeLessThan(120);
    await screenshot(popup, 'experience-popup-dark');
    await showTab(popup, 'exchanges');
    await screenshot(popup, 'experience-popup-exchanges-dark');
    await popup.close();
    const panel = await openWithTotal(ext, 'sidepanel/sidepanel.html', PANEL, expected.total);
    await screenshot(panel, 'experience-sidepanel-dark');
    await panel.close();
    const options = await ext.open('options/options.html');
    await options.waitForFunction(() => document.querySelectorAll('[data-testid=keys-table] tbody tr').length === 3);
    await screenshot(options, 'experience-options-dark');
    await options.close();
  });
});
