// The vault and key lifecycle of issue 4 against the mock exchanges: auto-lock
// genuinely fired by chrome.alarms, what a locked popup shows, a browser restart
// with the same profile, the rotation reminder with the clock moved forward,
// and deleting one key and then all keys.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMockExchanges } from './mock/index.mjs';
import { launchExtension, screenshot, artifactsDir } from './harness.mjs';
import { PASSPHRASE, send, storage, waitFor, badgeText } from './fault-table.mjs';
import { expectedPortfolio } from './expected-portfolio.mjs';

const DAY = 86_400_000;
const POPUP = { width: 380, height: 600 };
const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'keyfolio-lifecycle-'));
let mock;
let ext;
let page; // an extension page that messages the service worker, as the UI does
let keys;
const ids = {};

// Moves Date forward by offsetMs in whatever realm it runs in (0 puts it back).
// The service worker gets it through serviceWorker.evaluate, pages through an
// init script: Playwright's clock reaches pages but not the service worker.
function shiftClock(offsetMs) {
  const Real = globalThis.__keyfolioRealDate ?? Date;
  globalThis.__keyfolioRealDate = Real;
  if (!offsetMs) { globalThis.Date = Real; return Date.now(); }
  globalThis.Date = class extends Real {
    constructor(...args) { if (args.length) super(...args); else super(Real.now() + offsetMs); }
    static now() { return Real.now() + offsetMs; }
  };
  return Date.now();
}

// What the mock's world is worth counting only the holdings of these exchanges
// (computed without the core; prices still come from every exchange's tickers).
function expectedTotal(exchanges) {
  const st = mock.state;
  return expectedPortfolio({
    ...st,
    binance: exchanges.includes('binance') ? st.binance : { ...st.binance, balances: [] },
    kraken: exchanges.includes('kraken') ? st.kraken : { ...st.kraken, balances: {} },
    coinbase: exchanges.includes('coinbase') ? st.coinbase : { ...st.coinbase, accounts: [] },
  }).total;
}

async function launch() {
  ext = await launchExtension({ mockPort: mock.port, userDataDir });
  page = await ext.open('options/options.html');
}

async function inWorker(fn, arg) {
  return ext.serviceWorker().evaluate(fn, arg);
}

async function notice(p) {
  const n = p.locator('[data-testid=notice]');
  await n.waitFor({ timeout: 30000 });
  return n.textContent();
}

async function clearNotice(p) {
  await p.evaluate(() => document.querySelector('[data-testid=notice]')?.remove());
}

// Changes a setting the way a person does, on the options page.
async function setSetting(selector, value) {
  const opts = await ext.open('options/options.html');
  await opts.locator(selector).waitFor();
  if (typeof value === 'boolean') {
    if ((await opts.isChecked(selector)) !== value) await opts.click(selector);
  } else {
    await opts.fill(selector, String(value));
    await opts.locator(selector).dispatchEvent('change');
  }
  expect(await notice(opts)).toBe('Saved.');
  await opts.close();
}

async function syncedAfter(sinceMs, exchanges) {
  return waitFor(async () => {
    const status = await storage(ext, 'local', 'exchangeStatus');
    const last = await storage(ext, 'local', 'lastSync');
    const snapshot = await storage(ext, 'local', 'snapshot');
    const valued = new Set(snapshot?.portfolio?.exchanges?.map((e) => e.exchange) ?? []);
    return last && last.finishedMs > sinceMs && !last.locked
      && exchanges.every((e) => status?.[e]?.state === 'ok' && status[e].lastOkMs > sinceMs && valued.has(e)) && snapshot;
  }, { timeoutMs: 90000, what: `a sync of ${exchanges.join(', ')}` });
}

beforeAll(async () => {
  mock = await startMockExchanges();
  keys = mock.keys();
  // The mock reports when each key was created: make the Binance key 10 days old,
  // so only the clock moved forward below can make it due for rotation.
  mock.state.binance.keys[keys.binance.hmac.apiKey].createTime = Date.now() - 10 * DAY;
  await launch();
}, 60000);

afterAll(async () => {
  await ext?.close();
  await mock?.close();
  rmSync(userDataDir, { recursive: true, force: true });
});

test('set up: passphrase, a Binance and a Kraken key, a first sync', async () => {
  await send(page, 'createVault', { passphrase: PASSPHRASE });
  const binance = await send(page, 'addKey', { exchange: 'binance', label: 'Binance main', credentials: keys.binance.hmac });
  const kraken = await send(page, 'addKey', { exchange: 'kraken', label: 'Kraken', credentials: keys.kraken.main, confirmedReadOnly: true });
  Object.assign(ids, { binance: binance.id, kraken: kraken.id });
  expect(binance.createdMs).toBe(mock.state.binance.keys[keys.binance.hmac.apiKey].createTime);
  expect(kraken.createdMs).toBeNull(); // Kraken does not say: the import date counts
  const started = Date.now() - 60000;
  const snapshot = await syncedAfter(started, ['binance', 'kraken']);
  expect(snapshot.portfolio.exchanges.map((e) => e.exchange).sort()).toEqual(['binance', 'kraken']);
  expect(snapshot.portfolio.total).toBe(expectedTotal(['binance', 'kraken']));
  expect((await send(page, 'status')).rotationDue).toEqual([]);
}, 120000);

test('auto-lock fires from the real housekeeping alarm after the idle time', async () => {
  await page.close(); // nothing may count as activity while we wait
  await setSetting('#set-autolock', 1);
  // Saving a setting counts as activity and reschedules the alarms: housekeeping
  // runs every minute, so the first run after a full idle minute locks.
  const lastActivityMs = await storage(ext, 'session', 'lastActivityMs');
  const alarm = await inWorker(() => chrome.alarms.get('housekeeping'));
  expect(alarm.periodInMinutes).toBe(1);
  expect(await storage(ext, 'session', 'vaultKey')).toBeTruthy();
  // Chrome fires the alarm itself (unpacked extensions have no 30 s minimum, and
  // the 1-minute period is what production uses); no test hook calls onAlarm.
  await waitFor(async () => !(await storage(ext, 'session', 'vaultKey')), { timeoutMs: 150000, intervalMs: 1000, what: 'the auto-lock' });
  const lockedAt = Date.now();
  expect(lockedAt - lastActivityMs).toBeGreaterThanOrEqual(60000);
  expect(lockedAt - lastActivityMs).toBeLessThan(150000);

  page = await ext.open('options/options.html');
  const status = await send(page, 'status');
  expect(status.vault).toMatchObject({ exists: true, unlocked: false });
  // Secrets are out of reach: a re-check and a sync cannot open them.
  expect(await send(page, 'recheckPermissions')).toMatchObject({ locked: true });
  const before = await storage(ext, 'local', 'exchangeStatus');
  expect(await send(page, 'syncNow')).toMatchObject({ locked: true });
  expect((await storage(ext, 'local', 'exchangeStatus')).binance.lastOkMs).toBe(before.binance.lastOkMs);
  await expect(send(page, 'addKey', { exchange: 'kraken', label: 'x', credentials: keys.kraken.noLedger, confirmedReadOnly: true }))
    .rejects.toMatchObject({ kind: 'locked' });
}, 200000);

test('locked popup: last totals by default, nothing when the setting is off', async () => {
  const snapshot = await storage(ext, 'local', 'snapshot');
  const popup = await ext.open('popup/popup.html', POPUP);
  await popup.locator('[data-testid=unlock-form]').waitFor();
  await popup.waitForFunction((t) => document.querySelector('[data-testid=total]')?.dataset.value === t, snapshot.portfolio.total);
  expect(await popup.locator('[data-asset=BTC] .kf-asset-value').textContent()).toMatch(/\d/);
  await screenshot(popup, 'lifecycle-popup-locked-totals');

  await setSetting('#set-locked', false);
  await popup.waitForFunction(() => document.querySelector('[data-testid=total]')?.dataset.value === '');
  expect(await popup.locator('[data-testid=unlock-form]').textContent()).toContain('Unlock to see your amounts.');
  // Not the total, not an asset, not an exchange: no amount at all on the page.
  const shown = await popup.evaluate(() => document.body.innerText);
  for (const a of snapshot.portfolio.assets) expect({ asset: a.asset, shown: shown.includes(a.value) }).toEqual({ asset: a.asset, shown: false });
  expect(await popup.locator('.kf-asset-value').allTextContents()).not.toContainEqual(expect.stringMatching(/\d/));
  await popup.click('#tab-exchanges');
  // Shares (percentages) stay, as in privacy mode; amounts do not.
  expect(await popup.locator('[data-exchange] .num:not(.kf-share)').allTextContents()).not.toContainEqual(expect.stringMatching(/\d/));
  await screenshot(popup, 'lifecycle-popup-locked-hidden');
  // Nor as a file: no quick export in the popup, and the worker refuses a balances export.
  expect(await popup.locator('[data-testid=export-balances]').count()).toBe(0);
  await expect(send(page, 'exportReport', { kind: 'balances_csv' })).rejects.toMatchObject({ kind: 'locked' });
  // Nor on the toolbar: the badge, read from Chrome itself, shows no amount.
  expect(await badgeText(ext)).toBe('');
  await setSetting('#set-locked', true);
  expect((await send(page, 'exportReport', { kind: 'balances_csv' })).content).toContain(snapshot.portfolio.assets[0].asset);
  await popup.waitForFunction((t) => document.querySelector('[data-testid=total]')?.dataset.value === t, snapshot.portfolio.total);
  await waitFor(async () => /\d/.test(await badgeText(ext)), { what: 'the badge showing the total again' });
  await popup.close();

  // With the setting off, locking clears the badge at once (no sync in between)
  // and unlocking brings the total back.
  await setSetting('#set-locked', false);
  await waitFor(async () => (await badgeText(ext)) === '', { what: 'the badge hidden by the setting' });
  const unlockedMs = Date.now();
  await send(page, 'unlock', { passphrase: PASSPHRASE });
  await syncedAfter(unlockedMs, ['binance', 'kraken']); // unlock starts one: let it finish first
  await waitFor(async () => /\d/.test(await badgeText(ext)), { what: 'the badge total after unlock' });
  await send(page, 'lock');
  await waitFor(async () => (await badgeText(ext)) === '', { what: 'the badge hidden by the lock' });
  await setSetting('#set-locked', true);
  await waitFor(async () => /\d/.test(await badgeText(ext)), { what: 'the badge total with the setting on' });
}, 120000);

test('browser restart: locked, keys still listed, the passphrase unlocks, sync works', async () => {
  await setSetting('#set-autolock', 15);
  await send(page, 'unlock', { passphrase: PASSPHRASE });
  expect(await storage(ext, 'session', 'vaultKey')).toBeTruthy();
  await ext.context.close(); // the whole browser, profile kept
  const restartedMs = Date.now();
  await launch();
  expect(await storage(ext, 'session', 'vaultKey')).toBeUndefined();
  const status = await send(page, 'status');
  expect(status.vault).toMatchObject({ exists: true, unlocked: false, records: 2 });
  expect((await send(page, 'listKeys')).map((k) => k.id).sort()).toEqual([ids.binance, ids.kraken].sort());
  await page.locator('[data-testid=keys-table] tbody tr').nth(1).waitFor();
  await page.locator('[data-testid=unlock-vault]').waitFor();

  const popup = await ext.open('popup/popup.html', POPUP);
  await popup.fill('#unlock-pass', PASSPHRASE);
  await popup.click('[data-testid=unlock-form] button[type=submit]');
  await popup.locator('[data-testid=lock]').waitFor();
  await popup.close();
  const snapshot = await syncedAfter(restartedMs, ['binance', 'kraken']);
  expect(snapshot.portfolio.exchanges.map((e) => e.exchange).sort()).toEqual(['binance', 'kraken']);
}, 150000);

test('rotation reminder with the clock moved 200 days forward', async () => {
  const offset = 200 * DAY;
  await inWorker(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
  await ext.context.addInitScript(shiftClock, offset);
  // Moving the clock in the worker and asking Chrome to fire the housekeeping
  // alarm now (the same alarm, same period) instead of within the next minute.
  const workerNow = await inWorker(shiftClock, offset);
  await inWorker(() => chrome.alarms.create('housekeeping', { delayInMinutes: 0.01, periodInMinutes: 1 }));
  expect(workerNow - Date.now()).toBeGreaterThan(offset - 60000);
  const notes = await waitFor(async () => {
    const all = await inWorker(() => chrome.notifications.getAll());
    return Object.keys(all).length >= 2 && all;
  }, { timeoutMs: 30000, what: 'rotation notifications' });
  expect(Object.keys(notes).sort()).toEqual([`rotate-${ids.binance}`, `rotate-${ids.kraken}`].sort());
  // The worker still runs on the moved clock (the reminder above came from it).
  const drift = await inWorker(() => Date.now() - globalThis.__keyfolioRealDate.now());
  expect(Math.abs(drift - offset)).toBeLessThan(50); // the two clocks are read a moment apart
  const status = await send(page, 'status');
  expect(status.rotationDue.sort()).toEqual([ids.binance, ids.kraken].sort());
  // 200 idle days also locked the vault on that housekeeping run.
  expect(status.vault.unlocked).toBe(false);

  const popup = await ext.open('popup/popup.html', POPUP);
  const mark = popup.locator('[data-testid=rotation-due]');
  await mark.waitFor();
  expect(await mark.textContent()).toMatch(/2 keys due for rotation/);
  await screenshot(popup, 'lifecycle-popup-rotation');
  await popup.close();

  const opts = await ext.open('options/options.html');
  await opts.locator('[data-testid=rotation-help]').waitFor();
  expect(await opts.locator('[data-testid=rotation-help]').textContent())
    .toMatch(/create a new read-only key on the exchange, import it here, then delete the old key here and on the exchange/);
  expect(await opts.locator('[data-testid=rotate-badge]').count()).toBe(2);
  const binanceRow = await opts.locator(`tr[data-key="${ids.binance}"]`).textContent();
  expect(binanceRow).toMatch(/210 days/);
  expect(binanceRow).toMatch(/created/);
  expect(await opts.locator(`tr[data-key="${ids.kraken}"]`).textContent()).toMatch(/200 days.*imported/);
  await opts.locator('#keys').scrollIntoViewIfNeeded();
  await screenshot(opts, 'lifecycle-keys-rotation');
  await opts.close();

  // Back to the real time for what follows.
  await inWorker(shiftClock, 0);
  await ext.context.addInitScript(shiftClock, 0);
  expect((await send(page, 'status')).rotationDue).toEqual([]);
}, 120000);

test('delete a key: gone from the vault, the list and the totals', async () => {
  await send(page, 'unlock', { passphrase: PASSPHRASE });
  const before = await syncedAfter(Date.now() - 1000, ['binance', 'kraken']);
  expect(before.portfolio.total).toBe(expectedTotal(['binance', 'kraken']));

  const opts = await ext.open('options/options.html');
  opts.on('dialog', (d) => d.accept()); // the browser's confirm of "Delete all keys"
  await opts.click(`tr[data-key="${ids.kraken}"] button.danger`);
  // Keyfolio's own dialog; no history was synced here (history-exchanges.e2e deletes some).
  const dialog = opts.getByTestId('delete-key-dialog');
  expect(await dialog.textContent()).toMatch(/^Delete Kraken\?Its secret is erased from this browser now\. Also delete the key on Kraken/);
  expect(await dialog.getByTestId('delete-key-history-text').textContent()).toBe('No history was fetched with this key.');
  await dialog.getByTestId('delete-key-confirm').click();
  expect(await notice(opts)).toMatch(/Deleted Kraken.*delete it on the exchange too/);
  await opts.waitForFunction(() => document.querySelectorAll('[data-testid=keys-table] tbody tr').length === 1);
  expect(await opts.locator('[data-testid=revoke-reminder]').textContent()).toMatch(/Kraken is deleted from Keyfolio\. Now delete it on Kraken too/);

  const local = await inWorker(() => chrome.storage.local.get(null));
  expect(Object.keys(local.vault.records)).toEqual([ids.binance]);
  expect(Object.keys(local.keys)).toEqual([ids.binance]);
  expect(Object.keys(local).filter((k) => k.includes(ids.kraken))).toEqual([]);
  expect(JSON.stringify(local)).not.toContain(ids.kraken);
  const after = local.snapshot;
  expect(after.portfolio.exchanges.map((e) => e.exchange)).toEqual(['binance']);
  expect(after.portfolio.assets.flatMap((a) => a.split.map((s) => s.exchange))).not.toContain('kraken');
  // Binance alone, valued as the rules say (BTC now priced on Coinbase, no longer on Kraken where it was held).
  expect(after.portfolio.total).toBe(expectedTotal(['binance']));
  expect(after.portfolio.total).not.toBe(before.portfolio.total);
  expect(Object.keys(after.exchanges)).toEqual(['binance']);

  // Delete all: an empty vault and the reminder to revoke on the exchanges.
  await clearNotice(opts);
  await opts.click('[data-testid=delete-all]');
  expect(await notice(opts)).toMatch(/All keys deleted from Keyfolio\. Now revoke them on each exchange too\./);
  await opts.locator('#keys p.muted', { hasText: 'No keys connected yet.' }).waitFor();
  // The reminder also stays next to the (now empty) list, naming the exchange.
  expect(await opts.locator('[data-testid=revoke-reminder]').textContent()).toMatch(/All keys are deleted from Keyfolio\. Now revoke them on Binance too/);
  await opts.locator('#keys').scrollIntoViewIfNeeded();
  const emptied = await inWorker(() => chrome.storage.local.get(null));
  expect(emptied.vault.records).toEqual({});
  expect(emptied.keys).toEqual({});
  expect(Object.keys(emptied).filter((k) => /^(holdings|nonce|accounts)\./.test(k))).toEqual([]);
  expect(emptied.snapshot.portfolio.total).toMatch(/^0(\.0+)?$/);
  await screenshot(opts, 'lifecycle-keys-deleted-all');
  // What the person sees right after the click: the Keys section, not the page top.
  await opts.screenshot({ path: path.join(artifactsDir, 'lifecycle-keys-deleted-all-viewport.png') });
  await opts.close();
  // The vault itself stays, so a new key is sealed under the same passphrase.
  expect((await send(page, 'status')).vault).toMatchObject({ exists: true, records: 0 });
}, 150000);
