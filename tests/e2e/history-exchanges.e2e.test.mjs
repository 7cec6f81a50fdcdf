// History sync of a Coinbase and a Kraken key against the mock: every fill, every
// ledger entry and every transfer the mock holds ends up stored once, including
// the transfers of a Coinbase wallet that was already empty before the first sync
// (its coins came and went, so the balances never showed it). Then deleting each
// key on the options page: the dialog says its history stays; left unticked it
// does, ticked exactly that key's records go.
import path from 'node:path';
import { startMockExchanges } from './mock/index.mjs';
import { launchExtension, artifactsDir } from './harness.mjs';
import { PASSPHRASE, send, storage, storedEventRecords, waitFor } from './fault-table.mjs';
import { uuid } from './mock/keys.mjs';

let mock;
let ext;
let page;

beforeAll(async () => {
  mock = await startMockExchanges();
  ext = await launchExtension({ mockPort: mock.port });
  page = await ext.open('history/history.html', { width: 1200, height: 900 });
  await send(page, 'createVault', { passphrase: PASSPHRASE });
  await send(page, 'addKey', { exchange: 'coinbase', label: 'Coinbase', credentials: mock.keys().coinbase.ecdsa });
  await send(page, 'addKey', { exchange: 'kraken', label: 'Kraken', credentials: mock.keys().kraken.main, confirmedReadOnly: true });
  await waitFor(async () => (await storage(ext, 'local', 'snapshot'))?.demo === false, { what: 'the first balance sync', timeoutMs: 90_000 });
}, 120_000);

afterAll(async () => {
  await ext?.close();
  await mock?.close();
});

test('every Coinbase and Kraken record is stored once, empty wallets included', async () => {
  await send(page, 'syncHistory');
  await waitFor(async () => ['ok', 'partial', 'error'].includes((await storage(ext, 'local', 'historySync'))?.state),
    { what: 'the history sync', timeoutMs: 240_000 });
  expect((await storage(ext, 'local', 'historySync')).state).toBe('ok');

  const events = await storedEventRecords(ext);
  expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  const of = (exchange, kind) => events.filter((e) => e.exchange === exchange && e.kind === kind);

  // Coinbase: every fill, and every transaction of every wallet.
  expect(of('coinbase', 'trade').length).toBe(mock.state.coinbase.fills.length);
  const transfers = [...of('coinbase', 'deposit'), ...of('coinbase', 'withdrawal')];
  const mockTx = Object.values(mock.state.coinbase.transactions).flat();
  expect(transfers.map((t) => t.id).sort()).toEqual(mockTx.map((t) => t.id).sort());
  const ltc = transfers.filter((t) => t.asset === 'LTC').map(({ type, amount }) => ({ type, amount }));
  expect(ltc.sort((a, b) => a.type.localeCompare(b.type))).toEqual([
    { type: 'deposit', amount: '1.50000000' },
    { type: 'withdrawal', amount: '1.50000000' },
  ]);
  // The empty wallet was never in the balances: only the account list named it.
  const coinbaseKey = (await send(page, 'listKeys')).find((k) => k.exchange === 'coinbase');
  const holdings = await storage(ext, 'local', `holdings.${coinbaseKey.id}`);
  expect(holdings.balances.some((b) => b.asset === 'LTC')).toBe(false);
  // Its id is kept once, by the balance sync, in accounts.<keyId> (no longer in the holdings).
  expect(holdings).not.toHaveProperty('accounts');
  expect(await storage(ext, 'local', `accounts.${coinbaseKey.id}`)).toContain(uuid('coinbase-account-LTC'));

  // Kraken: every trade and every ledger entry.
  expect(of('kraken', 'trade').length).toBe(mock.state.kraken.trades.length);
  expect(of('kraken', 'ledger').length).toBe(mock.state.kraken.ledger.length);
}, 300_000);

// The keys of history sync's resume cursors in IndexedDB (`<keyId>|operation|params`).
async function storedCursorKeys() {
  return ext.serviceWorker().evaluate(async () => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('keyfolio'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    try {
      return await new Promise((res, rej) => {
        const q = db.transaction('cursors').objectStore('cursors').getAllKeys();
        q.onsuccess = () => res(q.result);
        q.onerror = () => rej(q.error);
      });
    } finally {
      db.close();
    }
  });
}

// The number in "(1,234 records)" or "and 1,234 history records".
function recordCount(text) {
  return Number(text.match(/([\d,]+) (?:history )?records?\b/)?.[1].replace(/,/g, ''));
}

test('deleting a key: the dialog says its history stays; unticked it does, ticked only that key\'s records go', async () => {
  const keys = await send(page, 'listKeys');
  const kraken = keys.find((k) => k.exchange === 'kraken');
  const coinbase = keys.find((k) => k.exchange === 'coinbase');
  const stored = async () => (await storedEventRecords(ext)).map((e) => e.uid).sort();
  const history = await storedEventRecords(ext);
  const fetchedWith = (id) => history.filter((e) => e.keyIds?.includes(id)).map((e) => e.uid).sort();
  // Each record names the key that fetched it (one key per exchange here).
  expect(fetchedWith(kraken.id).length).toBe(history.filter((e) => e.exchange === 'kraken').length);
  expect(fetchedWith(coinbase.id).length).toBe(history.filter((e) => e.exchange === 'coinbase').length);
  const all = await stored();

  const opts = await ext.open('options/options.html', { width: 1100, height: 800 });
  await opts.click(`tr[data-key="${kraken.id}"] button.danger`);
  const dialog = opts.getByTestId('delete-key-dialog');
  await dialog.waitFor();
  expect(await dialog.locator('h2').textContent()).toBe('Delete Kraken?');
  const said = await dialog.getByTestId('delete-key-history-text').textContent();
  expect(said).toMatch(/^The trade history fetched with this key \([\d,]+ records: trades, transfers, ledger entries\) stays in Keyfolio after the key is deleted/);
  expect(recordCount(said)).toBe(fetchedWith(kraken.id).length);
  const box = dialog.getByTestId('delete-key-history');
  const boxLabel = await dialog.locator('label', { has: opts.getByTestId('delete-key-history') }).textContent();
  expect(boxLabel).toMatch(/^Also delete the history fetched with this key \([\d,]+ records\)$/);
  expect(recordCount(boxLabel)).toBe(fetchedWith(kraken.id).length);
  expect(await box.isChecked()).toBe(false);
  // What the person sees, light and dark (the viewport: the dialog is centred in it).
  await opts.screenshot({ path: path.join(artifactsDir, 'options-delete-key-dialog-light.png') });
  await opts.emulateMedia({ colorScheme: 'dark' });
  await opts.screenshot({ path: path.join(artifactsDir, 'options-delete-key-dialog-dark.png') });
  await opts.emulateMedia({ colorScheme: 'light' });

  // Cancel deletes nothing.
  await dialog.getByTestId('delete-key-cancel').click();
  await dialog.waitFor({ state: 'detached' }); // removed on its close event
  expect((await send(page, 'listKeys')).length).toBe(2);

  // Left unticked: the key goes, every record stays; its resume cursors go (nothing resumes them).
  expect((await storedCursorKeys()).filter((k) => k.startsWith(`${kraken.id}|`)).length).toBeGreaterThan(0);
  await opts.click(`tr[data-key="${kraken.id}"] button.danger`);
  await dialog.getByTestId('delete-key-confirm').click();
  await opts.getByTestId('notice').waitFor();
  expect(await opts.getByTestId('notice').textContent()).toBe('Deleted Kraken. Remember to delete it on the exchange too.');
  expect((await send(page, 'listKeys')).map((k) => k.id)).toEqual([coinbase.id]);
  expect(await stored()).toEqual(all);
  const cursorsLeft = await storedCursorKeys();
  expect(cursorsLeft.filter((k) => k.startsWith(`${kraken.id}|`))).toEqual([]);
  expect(cursorsLeft.filter((k) => k.startsWith(`${coinbase.id}|`)).length).toBeGreaterThan(0);

  // Ticked: exactly the Coinbase key's records go; Kraken's, kept above, stay.
  await opts.evaluate(() => document.querySelector('[data-testid=notice]')?.remove());
  await opts.click(`tr[data-key="${coinbase.id}"] button.danger`);
  await dialog.getByTestId('delete-key-history').check();
  await opts.screenshot({ path: path.join(artifactsDir, 'options-delete-key-dialog-ticked-light.png') });
  await dialog.getByTestId('delete-key-confirm').click();
  await opts.getByTestId('notice').waitFor();
  const done = await opts.getByTestId('notice').textContent();
  expect(done).toMatch(/^Deleted Coinbase and [\d,]+ history records\. Remember to delete it on the exchange too\.$/);
  expect(recordCount(done)).toBe(fetchedWith(coinbase.id).length);
  expect(await stored()).toEqual(fetchedWith(kraken.id));
  // Nothing in storage names either key any more.
  const local = await ext.serviceWorker().evaluate(() => chrome.storage.local.get(null));
  expect(JSON.stringify(local)).not.toContain(kraken.id);
  expect(JSON.stringify(local)).not.toContain(coinbase.id);
  await opts.close();
}, 120_000);

// Two accounts on one exchange (two Coinbase keys): the page shows one bar for the
// exchange counting both keys' queries, not whichever key wrote last.
test('two keys of one exchange: one bar for the exchange, counting both keys\' queries', async () => {
  const first = await send(page, 'addKey', { exchange: 'coinbase', label: 'Coinbase main', credentials: mock.keys().coinbase.ecdsa });
  const second = await send(page, 'addKey', { exchange: 'coinbase', label: 'Coinbase savings', credentials: mock.keys().coinbase.ed25519 });
  await send(page, 'syncHistory');
  await waitFor(async () => ['ok', 'partial', 'error'].includes((await storage(ext, 'local', 'historySync'))?.state),
    { what: 'the history sync of both keys', timeoutMs: 240_000 });
  const { state, results } = await storage(ext, 'local', 'historySync');
  expect(state).toBe('ok');
  const total = results[first.id].total + results[second.id].total;
  expect(results[first.id].total).toBeGreaterThan(0);
  expect(results[second.id].total).toBeGreaterThan(0);

  const bars = page.locator('.kf-progress');
  await page.waitForFunction((t) => document.querySelector('[data-testid=progress-coinbase] .num')?.textContent === `${t} / ${t} queries`, total, { timeout: 10_000 })
    .catch(() => {});
  expect(await bars.count()).toBe(1);
  const bar = page.getByTestId('progress-coinbase');
  expect(await bar.locator('.num').textContent()).toBe(`${total} / ${total} queries`);
  expect(await bar.locator('progress').getAttribute('max')).toBe(String(total));
  expect(await bar.locator('progress').getAttribute('value')).toBe(String(total));
  expect(await bar.locator('.badge').textContent()).toBe('Complete');
  await page.locator('#sync').screenshot({ path: path.join(artifactsDir, 'history-two-keys-one-exchange.png') });
}, 300_000);
