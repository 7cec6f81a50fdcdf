// History sync of a Coinbase and a Kraken key against the mock: every fill, every
// ledger entry and every transfer the mock holds ends up stored once, including
// the transfers of a Coinbase wallet that was already empty before the first sync
// (its coins came and went, so the balances never showed it).
import { startMockExchanges } from './mock/index.mjs';
import { launchExtension } from './harness.mjs';
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
