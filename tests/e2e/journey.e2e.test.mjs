// The whole journey of a person with keys on all three exchanges: first
// passphrase, import of each exchange's key (and refusal of unsafe ones), a
// sync whose total matches what the mock's balances and prices say, lock and
// unlock, and a scan of every storage and console for the secrets.
import { startMockExchanges } from './mock/index.mjs';
import { launchExtension, screenshot } from './harness.mjs';
import { expectedPortfolio } from './expected-portfolio.mjs';

const PASSPHRASE = 'correct horse battery staple';
let mock;
let ext;
let keys;

beforeAll(async () => {
  mock = await startMockExchanges();
  keys = mock.keys();
  ext = await launchExtension({ mockPort: mock.port });
});
afterAll(async () => {
  await ext?.close();
  await mock?.close();
});

async function notice(page) {
  const n = page.locator('[data-testid=notice]');
  await n.waitFor({ timeout: 30000 });
  return n.textContent();
}

async function connect(page, exchange, credentials, label) {
  await page.click(`#connect [data-exchange=${exchange}]`);
  await page.fill('#cred-label', label);
  await page.fill('#cred-apiKey', credentials.apiKey);
  await page.fill('#cred-secret', credentials.secret);
  await page.evaluate(() => document.querySelector('[data-testid=notice]')?.remove());
  await page.click('[data-testid=connect-form] button[type=submit]');
  return notice(page);
}

async function storage(area, key) {
  const sw = ext.serviceWorker();
  return sw.evaluate(async ([a, k]) => (await chrome.storage[a].get(k))[k], [area, key]);
}

async function waitForSnapshot(predicate, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const snap = await storage('local', 'snapshot');
    if (snap && predicate(snap)) return snap;
    if (Date.now() > end) throw new Error(`snapshot never matched: ${JSON.stringify(snap?.exchanges)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('before any key: the demo portfolio, clearly labelled', async () => {
  const snap = await waitForSnapshot((s) => s.demo === true, 20000);
  expect(Number(snap.portfolio.total)).toBeGreaterThan(0);
  const popup = await ext.open('popup/popup.html', { width: 380, height: 600 });
  await popup.locator('[data-testid=demo-badge]').waitFor();
  await screenshot(popup, 'popup-demo-light');
  await popup.close();
});

test('first passphrase: too short is refused with the reason, then set', async () => {
  const page = await ext.open('options/options.html');
  await page.fill('#new-pass', 'short');
  await page.fill('#new-pass2', 'short');
  await page.evaluate(() => { for (const i of document.querySelectorAll('input')) i.removeAttribute('minlength'); });
  await page.click('[data-testid=create-vault] button[type=submit]');
  expect(await notice(page)).toMatch(/at least 10/i);
  await page.fill('#new-pass', PASSPHRASE);
  await page.fill('#new-pass2', PASSPHRASE);
  await page.evaluate(() => document.querySelector('[data-testid=notice]')?.remove());
  await page.click('[data-testid=create-vault] button[type=submit]');
  expect(await notice(page)).toContain('Passphrase set');
  await page.close();
});

test('keys that can trade or withdraw are refused with what was found', async () => {
  const page = await ext.open('options/options.html');
  await page.locator('[data-testid=connect-form]').waitFor();
  expect(await connect(page, 'binance', keys.binance.trading, 'Trading key')).toMatch(/allows trading.*read-only/);
  expect(await connect(page, 'binance', keys.binance.withdrawals, 'Withdrawal key')).toMatch(/withdrawals/);
  expect(await connect(page, 'coinbase', keys.coinbase.trading, 'CB trading')).toMatch(/trading/);
  expect(await storage('local', 'keys') ?? {}).toEqual({});
  await page.close();
});

test('each exchange key is checked against the exchange and stored sealed', async () => {
  const page = await ext.open('options/options.html');
  await page.locator('[data-testid=connect-form]').waitFor();
  expect(await connect(page, 'binance', keys.binance.hmac, 'Binance main')).toContain('Connected Binance main');
  expect(await connect(page, 'coinbase', keys.coinbase.ecdsa, 'Coinbase')).toContain('Connected Coinbase');
  // Kraken cannot report permissions: the person must confirm what they ticked.
  expect(await connect(page, 'kraken', keys.kraken.main, 'Kraken')).toMatch(/does not report/);
  await page.evaluate(() => document.querySelector('[data-testid=notice]')?.remove());
  await page.click('[data-testid=confirm-readonly-yes]');
  expect(await notice(page)).toContain('Connected Kraken');
  const table = page.locator('[data-testid=keys-table]');
  await table.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=keys-table] tbody tr').length === 3);
  expect(await table.textContent()).toContain('Permissions unverified');
  await screenshot(page, 'options-keys-light');
  await page.close();
});

test('the total across the three exchanges matches the mock, in popup, side panel and badge', async () => {
  const expected = expectedPortfolio(mock.state);
  const snap = await waitForSnapshot((s) => !s.demo && ['binance', 'kraken', 'coinbase'].every((e) => s.exchanges?.[e]?.state === 'ok')
    && s.portfolio.total === expected.total, 90000).catch(async (e) => {
    const s = await storage('local', 'snapshot');
    throw new Error(`${e.message}; total ${s?.portfolio?.total} expected ${expected.total}; unpriced ${JSON.stringify(s?.portfolio?.unpriced)}`);
  });
  expect(snap.portfolio.total).toBe(expected.total);
  expect(snap.portfolio.unpriced.map((u) => u.asset).sort()).toEqual(expected.unpriced);

  const popup = await ext.open('popup/popup.html', { width: 380, height: 600 });
  await popup.waitForFunction((t) => document.querySelector('[data-testid=total]')?.dataset.value === t, expected.total);
  await screenshot(popup, 'popup-synced-light');
  await popup.close();
  const panel = await ext.open('sidepanel/sidepanel.html', { width: 420, height: 800 });
  await panel.waitForFunction((t) => document.querySelector('[data-testid=total]')?.dataset.value === t, expected.total);
  await screenshot(panel, 'sidepanel-light');
  await panel.close();
  const badge = await ext.serviceWorker().evaluate(() => chrome.action.getBadgeText({}));
  expect(badge).toBe(`${Math.round(Number(expected.total) / 1000)}k`);
});

test('lock, wrong passphrase, unlock', async () => {
  const popup = await ext.open('popup/popup.html', { width: 380, height: 600 });
  await popup.click('[data-testid=lock]');
  await popup.locator('[data-testid=unlock-form]').waitFor();
  expect(await storage('session', 'vaultKey')).toBeUndefined();
  // Locked still shows the last totals (the default setting).
  expect(await popup.locator('[data-testid=total]').getAttribute('data-value')).not.toBe('');
  await popup.fill('#unlock-pass', 'not the passphrase');
  await popup.click('[data-testid=unlock-form] button[type=submit]');
  await popup.waitForFunction(() => /wrong passphrase/i.test(document.querySelector('[data-testid=unlock-error]')?.textContent ?? ''));
  await screenshot(popup, 'popup-locked-light');
  await popup.fill('#unlock-pass', PASSPHRASE);
  await popup.click('[data-testid=unlock-form] button[type=submit]');
  await popup.locator('[data-testid=lock]').waitFor();
  await popup.close();
});

test('no secret appears in any storage, database or console', async () => {
  const secrets = [keys.binance.hmac.secret, keys.coinbase.ecdsa.secret, keys.kraken.main.secret,
    keys.binance.trading.secret, keys.binance.withdrawals.secret, keys.coinbase.trading.secret];
  // PEM bodies may be stored re-wrapped: also look for a long run of the base64 body.
  const needles = secrets.flatMap((s) => [s, ...s.split(/-----[^-]+-----|\s+/).filter((p) => p.length >= 24)]);
  const dump = await ext.serviceWorker().evaluate(async () => {
    const local = await chrome.storage.local.get(null);
    const session = await chrome.storage.session.get(null);
    const dbs = {};
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      for (const store of db.objectStoreNames) {
        dbs[`${name}/${store}`] = await new Promise((res) => {
          const q = db.transaction(store).objectStore(store).getAll();
          q.onsuccess = () => res(q.result);
        });
      }
      db.close();
    }
    return JSON.stringify({ local, session, dbs });
  });
  const consoleText = ext.consoleMessages.map((m) => m.text).join('\n');
  for (const needle of needles) {
    expect({ needle: needle.slice(0, 12), inStorage: dump.includes(needle) }).toEqual({ needle: needle.slice(0, 12), inStorage: false });
    expect({ needle: needle.slice(0, 12), inConsole: consoleText.includes(needle) }).toEqual({ needle: needle.slice(0, 12), inConsole: false });
  }
  // Requests carrying a key went only to that exchange's own host.
  for (const r of mock.requests) {
    const host = r.headers.host;
    expect(['api.binance.com', 'api.kraken.com', 'api.coinbase.com', 'mock.keyfolio.test']).toContain(host);
  }
});
