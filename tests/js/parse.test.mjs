// parseResponse through the real wasm core: realistic bodies (tests/fixtures/<exchange>/)
// become the normalized model with amounts as exact decimal strings; failures come back
// as classified error values (auth, rate_limit with retryAfterMs, unavailable for HTML,
// malformed for truncated JSON), and nothing throws across the boundary, even for 2 MB.
import { readFileSync } from 'node:fs';
import { loadCore, call } from './helpers/core.mjs';

const TINY = '0.000000000000000001';
const HUGE = '123456789012345678901234.5';
const AMOUNT_FIELDS = ['free', 'locked', 'total', 'amount', 'price', 'cost', 'fee', 'balance',
  'last', 'open24h', 'bid', 'ask', 'open', 'high', 'low', 'close', 'volume'];
const DECIMAL = /^-?\d+(\.\d+)?$/;

let core;
beforeAll(async () => { core = await loadCore(); });

const fixture = (exchange, name) =>
  readFileSync(new URL(`../fixtures/${exchange}/${name}`, import.meta.url), 'utf8');

// The raw answer text, so the test can also look at the exact characters sent back.
function parseText(exchange, operation, body, { status = 200, headers = {}, params = {} } = {}) {
  return core.parseResponse(JSON.stringify({ exchange, operation, status, headers, body, params }));
}

function parse(...args) {
  return JSON.parse(parseText(...args));
}

function parsed(...args) {
  const r = parse(...args);
  if (!r.ok) throw new Error(`parseResponse failed: ${JSON.stringify(r.error)}`);
  return r;
}

// Exact decimal value of a string as [BigInt units, scale], for sums checked in JS.
function dec(text) {
  expect(text).toMatch(DECIMAL);
  const [int, frac = ''] = text.replace('-', '').split('.');
  const units = BigInt(int + frac) * (text.startsWith('-') ? -1n : 1n);
  return [units, frac.length];
}
function sameValue(a, b) {
  const [ua, sa] = dec(a), [ub, sb] = dec(b);
  const s = Math.max(sa, sb);
  return ua * 10n ** BigInt(s - sa) === ub * 10n ** BigInt(s - sb);
}
function add(a, b) {
  const [ua, sa] = dec(a), [ub, sb] = dec(b);
  const s = Math.max(sa, sb);
  const u = ua * 10n ** BigInt(s - sa) + ub * 10n ** BigInt(s - sb);
  const neg = u < 0n;
  const digits = (neg ? -u : u).toString().padStart(s + 1, '0');
  return (neg ? '-' : '') + (s ? `${digits.slice(0, -s)}.${digits.slice(-s)}` : digits);
}

// Every amount anywhere in the model is a decimal string (or null where optional), never a number.
function expectDecimalStrings(value) {
  if (Array.isArray(value)) return value.forEach(expectDecimalStrings);
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (AMOUNT_FIELDS.includes(k) && k !== 'details') {
      if (v !== null) {
        expect(typeof v).toBe('string');
        expect(v).toMatch(DECIMAL);
      }
    } else {
      expectDecimalStrings(v);
    }
  }
  return undefined;
}

// ----------------------------------------------------------------- fixtures

describe('Binance bodies', () => {
  test('account: balances exact, totals exact sums, zero rows dropped, Earn (LD*) apart', () => {
    const raw = JSON.parse(fixture('binance', 'account.json'));
    const { data } = parsed('binance', 'balances', fixture('binance', 'account.json'));
    expectDecimalStrings(data);
    const spot = data.balances.filter((b) => b.account === 'spot');
    expect(spot).toContainEqual({ exchange: 'binance', account: 'spot', asset: 'BTC', free: '4723846.89208129', locked: '0.00000000', total: '4723846.89208129' });
    expect(spot).toContainEqual({ exchange: 'binance', account: 'spot', asset: 'LTC', free: '4763368.68006011', locked: '1.50000000', total: '4763370.18006011' });
    // The extremes pass through unchanged, as text.
    expect(spot).toContainEqual(expect.objectContaining({ asset: 'SHIB', free: TINY, total: TINY }));
    expect(spot).toContainEqual(expect.objectContaining({ asset: 'PEPE', free: HUGE, total: HUGE }));
    // LDO is Lido, not an Earn position; LDUSDT is Earn USDT.
    expect(spot).toContainEqual(expect.objectContaining({ asset: 'LDO', free: '42.00000000' }));
    expect(data.balances).toContainEqual(expect.objectContaining({ account: 'earn', asset: 'USDT', free: '250.12345678' }));
    expect(data.balances.find((b) => b.asset === 'ETH')).toBeUndefined();
    for (const b of data.balances) expect(sameValue(b.total, add(b.free, b.locked))).toBe(true);
    // Every non-zero raw row is accounted for.
    const nonZero = raw.balances.filter((b) => !sameValue(add(b.free, b.locked), '0'));
    expect(data.balances).toHaveLength(nonZero.length);
  });

  test('myTrades: amounts verbatim, side from isBuyer, symbol split', () => {
    const raw = JSON.parse(fixture('binance', 'my_trades.json'));
    const { data } = parsed('binance', 'trades', fixture('binance', 'my_trades.json'), { params: { symbol: 'BNBBTC' } });
    expectDecimalStrings(data);
    expect(data.trades).toHaveLength(raw.length);
    expect(data.trades[0]).toEqual({
      exchange: 'binance', id: '28457', time: 1499865549590, symbol: 'BNB/BTC', base: 'BNB', quote: 'BTC',
      side: 'buy', amount: '12.00000000', price: '4.00000100', cost: '48.000012', feeAsset: 'BNB', fee: '10.10000000',
    });
    expect(data.trades[1]).toMatchObject({ id: '28458', side: 'sell', amount: raw[1].qty, price: raw[1].price, fee: raw[1].commission, feeAsset: 'BTC' });
  });

  test('deposits and withdrawals: amounts verbatim, status mapped', () => {
    const deposits = JSON.parse(fixture('binance', 'deposits.json'));
    const d = parsed('binance', 'deposits', fixture('binance', 'deposits.json')).data.transfers;
    expectDecimalStrings(d);
    expect(d.map((t) => t.amount)).toEqual(deposits.map((t) => t.amount));
    expect(d[0]).toMatchObject({ type: 'deposit', asset: 'BNB', amount: '0.001', status: 'ok', time: 1661493146000 });
    const withdrawals = JSON.parse(fixture('binance', 'withdrawals.json'));
    const w = parsed('binance', 'withdrawals', fixture('binance', 'withdrawals.json')).data.transfers;
    expectDecimalStrings(w);
    expect(w.map((t) => [t.amount, t.fee])).toEqual(withdrawals.map((t) => [t.amount, t.transactionFee]));
    // applyTime is a UTC text "2019-10-12 11:12:02", not milliseconds.
    expect(w[0]).toMatchObject({ type: 'withdrawal', asset: 'USDT', fee: '0.004', status: 'ok', time: Date.parse('2019-10-12T11:12:02Z') });
  });

  test('apiRestrictions, server time, 24 h tickers, klines', () => {
    const perms = parsed('binance', 'permissions', fixture('binance', 'permissions.json')).data.permissions;
    expect(perms).toMatchObject({ canRead: true, canWithdraw: false, canTransfer: false, ipRestricted: false, createdMs: 1698645219000 });
    const ro = parsed('binance', 'permissions', fixture('binance', 'permissions_read_only.json')).data.permissions;
    expect(ro).toMatchObject({ canRead: true, canTrade: false, canWithdraw: false, canTransfer: false });
    expect(parsed('binance', 'serverTime', fixture('binance', 'server_time.json')).data).toEqual({ serverTimeMs: 1499827319559 });
    const tickers = parsed('binance', 'tickers', fixture('binance', 'ticker_24hr.json')).data;
    expectDecimalStrings(tickers);
    expect(tickers.tickers).toContainEqual({ exchange: 'binance', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', last: '67431.01000000', open24h: '66000.10000000', bid: '67431.00000000', ask: '67431.01000000' });
    const raw = JSON.parse(fixture('binance', 'klines.json'));
    const { candles } = parsed('binance', 'candles', fixture('binance', 'klines.json'), { params: { symbol: 'BTCUSDT' } }).data;
    expect(candles.map((c) => [c.time, c.open, c.high, c.low, c.close, c.volume])).toEqual(raw.map((k) => k.slice(0, 6)));
    expect(candles[0]).toMatchObject({ exchange: 'binance', symbol: 'BTC/USDT' });
  });
});

describe('Kraken bodies', () => {
  test('BalanceEx: free = balance − hold, exact; assets renamed; staking apart', () => {
    const { data } = parsed('kraken', 'balances', fixture('kraken', 'balance_ex.json'));
    expectDecimalStrings(data);
    expect(data.balances).toContainEqual({ exchange: 'kraken', account: 'spot', asset: 'USD', free: '17185.45', locked: '8249.76', total: '25435.21' });
    expect(data.balances).toContainEqual(expect.objectContaining({ account: 'spot', asset: 'BTC', total: '1.2534' }));
    expect(data.balances).toContainEqual(expect.objectContaining({ account: 'staked', asset: 'DOT', total: '10.0' }));
    expect(data.balances.find((b) => b.asset === 'ETH')).toBeUndefined();
    for (const b of data.balances) expect(sameValue(b.total, add(b.free, b.locked))).toBe(true);
  });

  test('Balance (legacy) also parses', () => {
    const { data } = parsed('kraken', 'balances', fixture('kraken', 'balance.json'));
    expectDecimalStrings(data);
    expect(data.balances).toContainEqual(expect.objectContaining({ asset: 'DAI', total: '9999.9999999999' }));
  });

  test('TradesHistory: amounts verbatim, pairs resolved, times in ms, paged by ofs', () => {
    const raw = JSON.parse(fixture('kraken', 'trades_history.json')).result.trades;
    const r = parsed('kraken', 'trades', fixture('kraken', 'trades_history.json'), { params: { ofs: 0 } });
    expectDecimalStrings(r.data);
    expect(r.data.trades).toHaveLength(3);
    expect(r.data.trades).toContainEqual({
      exchange: 'kraken', id: 'THVRQM-33VKH-UCI7BS', time: 1688667796880, symbol: 'BTC/USD', base: 'BTC', quote: 'USD',
      side: 'buy', amount: '0.02000000', price: '30010.00000', cost: '600.20000', feeAsset: 'USD', fee: '0.00000',
    });
    for (const t of r.data.trades) {
      expect([t.amount, t.price, t.cost, t.fee]).toEqual([raw[t.id].vol, raw[t.id].price, raw[t.id].cost, raw[t.id].fee]);
    }
    // 120 matches, 3 read: the next page starts at offset 3.
    expect(r.next).toMatchObject({ ofs: 3 });
  });

  test('Ledgers, DepositStatus, WithdrawStatus, Time, Ticker, OHLC', () => {
    const ledger = parsed('kraken', 'ledger', fixture('kraken', 'ledgers.json')).data.ledger;
    expectDecimalStrings(ledger);
    expect(ledger).toContainEqual(expect.objectContaining({ asset: 'GBP', amount: '-24.5000', fee: '0.0490', balance: '459567.9171' }));
    const deposits = parsed('kraken', 'deposits', fixture('kraken', 'deposit_status.json')).data.transfers;
    expectDecimalStrings(deposits);
    expect(deposits).toContainEqual(expect.objectContaining({ type: 'deposit', asset: 'ETH', amount: '0.1383862742', status: 'pending' }));
    const withdrawals = parsed('kraken', 'withdrawals', fixture('kraken', 'withdraw_status.json')).data.transfers;
    expect(withdrawals[0]).toMatchObject({ type: 'withdrawal', amount: '0.72485000', fee: '0.00015000' });
    expect(parsed('kraken', 'serverTime', fixture('kraken', 'time.json')).data).toEqual({ serverTimeMs: 1688669448000 });
    const tickers = parsed('kraken', 'tickers', fixture('kraken', 'ticker.json')).data.tickers;
    expect(tickers).toContainEqual({ exchange: 'kraken', symbol: 'BTC/USD', base: 'BTC', quote: 'USD', last: '30303.20000', open24h: '30502.80000', bid: '30300.00000', ask: '30300.10000' });
    const raw = JSON.parse(fixture('kraken', 'ohlc.json')).result.XXBTZUSD;
    const { candles } = parsed('kraken', 'candles', fixture('kraken', 'ohlc.json'), { params: { pair: 'XBTUSD' } }).data;
    expect(candles.map((c) => [c.time / 1000, c.open, c.high, c.low, c.close, c.volume]))
      .toEqual(raw.map((k) => [k[0], k[1], k[2], k[3], k[4], k[6]]));
  });
});

describe('Coinbase bodies', () => {
  test('accounts: the 1e-18 and 24-digit amounts round-trip unchanged; cursor paging', () => {
    const text = parseText('coinbase', 'balances', fixture('coinbase', 'accounts.json'));
    // The characters themselves, before JSON.parse, carry the exact strings.
    expect(text).toContain(`"free":"${TINY}"`);
    expect(text).toContain(`"locked":"${HUGE}"`);
    const r = JSON.parse(text);
    expect(r.ok).toBe(true);
    expectDecimalStrings(r.data);
    expect(r.data.balances).toContainEqual({ exchange: 'coinbase', account: 'spot', asset: 'SHIB', free: TINY, locked: '0', total: TINY, accountId: '5a2b3c4d-0000-4422-bf07-8243ca4169fe' });
    expect(r.data.balances).toContainEqual({ exchange: 'coinbase', account: 'spot', asset: 'PEPE', free: '0', locked: HUGE, total: HUGE, accountId: '7a2b3c4d-0000-4422-bf07-8243ca4169fe' });
    expect(r.data.balances).toContainEqual({ exchange: 'coinbase', account: 'spot', asset: 'BTC', free: '1.23', locked: '0.02', total: '1.25', accountId: '8bfc20d7-f7c6-4422-bf07-8243ca4169fe' });
    expect(r.data.balances).toContainEqual(expect.objectContaining({ account: 'staked', asset: 'ETH', total: '32.000000001' }));
    expect(r.data.balances.find((b) => b.asset === 'SOL')).toBeUndefined();
    expect(r.next).toMatchObject({ cursor: '789100' });
    expect(parsed('coinbase', 'balances', fixture('coinbase', 'accounts_last.json')).next).toBeUndefined();
  });

  test('fills, key_permissions, time, products, transactions', () => {
    const fills = parsed('coinbase', 'trades', fixture('coinbase', 'fills.json'));
    expectDecimalStrings(fills.data);
    expect(fills.data.trades[0]).toEqual({
      exchange: 'coinbase', id: '1111-11111-111111', time: Date.parse('2024-01-15T10:30:00Z'), symbol: 'BTC/USD', base: 'BTC',
      quote: 'USD', side: 'buy', amount: '0.005', price: '45123.45', cost: '225.61725', feeAsset: 'USD', fee: '1.14',
    });
    expect(sameValue(fills.data.trades[0].cost, '225.61725')).toBe(true);  // 0.005 × 45123.45, exact
    expect(fills.next).toEqual({ cursor: '789100' });
    const perms = parsed('coinbase', 'permissions', fixture('coinbase', 'key_permissions.json')).data.permissions;
    expect(perms).toMatchObject({ canRead: true, canTrade: false, canTransfer: false, canWithdraw: false, ipRestricted: null, createdMs: null });
    expect(parsed('coinbase', 'serverTime', fixture('coinbase', 'time.json')).data).toEqual({ serverTimeMs: 1705314600123 });
    const tickers = parsed('coinbase', 'tickers', fixture('coinbase', 'products.json')).data;
    expect(tickers.tickers).toContainEqual({ exchange: 'coinbase', symbol: 'BTC/USD', base: 'BTC', quote: 'USD', last: '45123.45' });
    const tx = parsed('coinbase', 'deposits', fixture('coinbase', 'transactions.json'), { params: { account_id: 'x' } });
    expectDecimalStrings(tx.data);
    expect(tx.data.transfers).toContainEqual(expect.objectContaining({ type: 'deposit', asset: 'BTC', amount: '0.00100000', status: 'ok' }));
    expect(tx.next).toMatchObject({ starting_after: 'd16ec2ea-3a2e-5c8e-9b5a-7a5d7b1a3c10' });
  });

  test('candles, labelled by the product the request was built for', () => {
    const raw = JSON.parse(fixture('coinbase', 'candles.json')).candles;
    const { candles } = parsed('coinbase', 'candles', fixture('coinbase', 'candles.json'), { params: { base: 'BTC', quote: 'USD' } }).data;
    // Coinbase sends newest first; the model is oldest first.
    expect(candles.map((c) => [c.time / 1000, c.open, c.high, c.low, c.close, c.volume]))
      .toEqual([...raw].reverse().map((c) => [Number(c.start), c.open, c.high, c.low, c.close, c.volume]));
    expect(candles[0]).toMatchObject({ exchange: 'coinbase', symbol: 'BTC/USD' });
  });

  // The extension hands parseResponse the params it built the request with. buildRequest
  // names the product `product_id` (coinbase_requests.cpp productParam); parseResponse
  // reads `productId` (coinbase_responses.cpp candles()), so the same params fail to parse.
  const candleParams = { product_id: 'BTC-USD', interval: '1d' };
  test('buildRequest takes the Coinbase product as product_id', () => {
    const req = call(core, 'buildRequest', { exchange: 'coinbase', operation: 'candles', params: candleParams, nowMs: 1_705_400_000_000 });
    expect(new URL(req.url).pathname).toBe('/api/v3/brokerage/market/products/BTC-USD/candles');
  });
  test('candles parse with the same params buildRequest took (product_id)', () => {
    expect(parse('coinbase', 'candles', fixture('coinbase', 'candles.json'), { params: candleParams }).ok).toBe(true);
  });
});

describe('exact decimals round-trip through JS for every exchange', () => {
  const bodies = {
    binance: JSON.stringify({ balances: [{ asset: 'BTC', free: TINY, locked: '0' }, { asset: 'ETH', free: '0', locked: HUGE }] }),
    kraken: JSON.stringify({ error: [], result: { XXBT: { balance: TINY, hold_trade: '0' }, XETH: { balance: HUGE, hold_trade: HUGE } } }),
    coinbase: JSON.stringify({
      accounts: [
        { currency: 'BTC', available_balance: { value: TINY, currency: 'BTC' }, hold: { value: '0', currency: 'BTC' }, type: 'ACCOUNT_TYPE_CRYPTO' },
        { currency: 'ETH', available_balance: { value: HUGE, currency: 'ETH' }, hold: { value: '0', currency: 'ETH' }, type: 'ACCOUNT_TYPE_CRYPTO' },
      ],
      has_next: false,
    }),
  };
  test.each(Object.keys(bodies))('%s', (exchange) => {
    const r = parsed(exchange, 'balances', bodies[exchange]);
    const byAsset = Object.fromEntries(r.data.balances.map((b) => [b.asset, b]));
    expect(byAsset.BTC.total).toBe(TINY);
    expect(byAsset.ETH.total).toBe(HUGE);
    expect(JSON.parse(JSON.stringify(r)).data).toEqual(r.data);  // strings survive any JS re-serialisation
  });

  test('a sum beyond the exact range fails loudly as overflow, never rounded', () => {
    const body = JSON.stringify({ balances: [{ asset: 'BTC', free: TINY, locked: HUGE }] });
    expect(parse('binance', 'balances', body)).toEqual({ ok: false, error: { kind: 'overflow', message: expect.stringContaining('overflow') } });
  });

  test('a JSON number amount is read from its text, not through a double', () => {
    const body = '{"balances":[{"asset":"BTC","free":0.1,"locked":1e-18}]}';
    expect(parsed('binance', 'balances', body).data.balances[0]).toMatchObject({ free: '0.1', total: expect.stringMatching(/^0\.1000000000000000010*$/) });
  });
});

// ------------------------------------------------------------------- errors

describe('error answers become classified error values', () => {
  const cases = [
    // [exchange, fixture, status, headers, kind, retryAfterMs]
    ['binance', 'error_rejected_key.json', 401, {}, 'auth'],
    ['binance', 'error_signature.json', 400, {}, 'auth'],
    ['binance', 'error_clock_skew.json', 400, {}, 'clock_skew'],
    ['binance', 'error_rate_limit.json', 429, { 'Retry-After': '7' }, 'rate_limit', 7000],
    ['binance', 'error_rate_limit.json', 429, { 'retry-after': 7 }, 'rate_limit', 7000],
    ['binance', 'error_banned.json', 418, { 'Retry-After': '120' }, 'rate_limit', 120000],
    ['binance', 'error_rate_limit.json', 429, {}, 'rate_limit', undefined],
    ['kraken', 'error_invalid_key.json', 200, {}, 'auth'],
    ['kraken', 'error_invalid_signature.json', 200, {}, 'auth'],
    ['kraken', 'error_invalid_nonce.json', 200, {}, 'nonce'],
    ['kraken', 'error_permission_denied.json', 200, {}, 'permission'],
    ['kraken', 'error_rate_limit.json', 200, {}, 'rate_limit', undefined],
    ['kraken', 'error_rate_limit.json', 429, { 'RETRY-AFTER': '3' }, 'rate_limit', 3000],
    ['kraken', 'error_unavailable.json', 200, {}, 'unavailable'],
    ['coinbase', 'unauthorized.txt', 401, {}, 'auth'],
    ['coinbase', 'permission_denied.json', 403, {}, 'permission'],
    ['coinbase', 'rate_limit.json', 429, { 'Retry-After': '2' }, 'rate_limit', 2000],
    ['coinbase', 'unavailable.json', 503, {}, 'unavailable'],
  ];
  test.each(cases.map((c) => (c.length === 6 ? c : [...c, null])))('%s %s (HTTP %i, headers %j) → %s', (exchange, name, status, headers, kind, retryAfterMs) => {
    const r = parse(exchange, 'balances', fixture(exchange, name), { status, headers });
    expect(r.ok).toBe(false);
    expect(r.error.kind).toBe(kind);
    expect(r.error.message.length).toBeGreaterThan(10);
    if (retryAfterMs === null) return;
    if (retryAfterMs === undefined) expect(r.error).not.toHaveProperty('retryAfterMs');
    else expect(r.error.retryAfterMs).toBe(retryAfterMs);
  });

  test.each([['binance', 'html_502.txt'], ['kraken', 'cloudflare_520.txt'], ['coinbase', 'html_502.txt']])(
    '%s: an HTML page is unavailable, named as HTML, at any status', (exchange, name) => {
      for (const status of [200, 502, 520]) {
        const r = parse(exchange, 'balances', fixture(exchange, name), { status });
        expect(r.ok).toBe(false);
        expect(r.error.kind).toBe('unavailable');
        expect(r.error.message).toMatch(/HTML/);
      }
    });

  test('Binance WAF 403 page is a permission error', () => {
    expect(parse('binance', 'balances', fixture('binance', 'waf_403.txt'), { status: 403 }).error.kind).toBe('permission');
  });

  test.each([
    ['binance', 'balances', 'account_truncated.json'],
    ['kraken', 'balances', 'balance_truncated.json'],
    ['coinbase', 'trades', 'fills_truncated.json'],
  ])('%s: truncated JSON (%s) is malformed', (exchange, operation, name) => {
    const r = parse(exchange, operation, fixture(exchange, name));
    expect(r).toEqual({ ok: false, error: { kind: 'malformed', message: expect.stringMatching(/not valid JSON/) } });
  });

  test.each([
    ['binance', 'balances', 'account.json', {}],
    ['binance', 'trades', 'my_trades.json', { symbol: 'BNBBTC' }],
    ['kraken', 'trades', 'trades_history.json', {}],
    ['kraken', 'ledger', 'ledgers.json', {}],
    ['coinbase', 'balances', 'accounts.json', {}],
    ['coinbase', 'trades', 'fills.json', {}],
  ])('%s %s: every truncation of %s is malformed, never a partial result', (exchange, operation, name, params) => {
    const body = fixture(exchange, name).trimEnd();
    for (let cut = 0; cut < body.length; cut += Math.max(1, Math.floor(body.length / 97))) {
      const r = parse(exchange, operation, body.slice(0, cut), { params });
      expect(r.ok).toBe(false);
      expect(r.error.kind).toBe('malformed');
    }
  });

  test('wrong shapes and bad amounts are malformed, naming the field', () => {
    expect(parse('binance', 'balances', fixture('binance', 'account_bad_amount.json')).error)
      .toEqual({ kind: 'malformed', message: expect.stringContaining("'free'") });
    for (const [exchange, operation, name] of [
      ['binance', 'balances', 'account_wrong_shape.json'], ['kraken', 'trades', 'trades_wrong_shape.json'],
      ['coinbase', 'balances', 'accounts_wrong_shape.json'],
    ]) {
      expect(parse(exchange, operation, fixture(exchange, name)).error.kind).toBe('malformed');
    }
  });

  test('deeply nested JSON is refused, not recursed into', () => {
    for (const [exchange, body] of [['binance', '['.repeat(200_000)], ['kraken', `{"error":[],"result":${'{"a":'.repeat(100_000)}`]]) {
      expect(parse(exchange, 'balances', body).error.kind).toBe('malformed');
    }
  });
});

// --------------------------------------------------------------------- size

describe('2 MB bodies cross the boundary', () => {
  test('a 2 MB account parses completely and exactly', () => {
    const rows = [];
    for (let i = 0, size = 0; size < 2_000_000; i++) {
      rows.push({ asset: `A${i}`, free: `${i}.12345678`, locked: i % 2 ? TINY : '0' });
      size += JSON.stringify(rows[i]).length + 1;
    }
    const body = JSON.stringify({ balances: rows });
    expect(body.length).toBeGreaterThan(2_000_000);
    const r = parsed('binance', 'balances', body);
    expect(r.data.balances).toHaveLength(rows.length);
    const last = rows[rows.length - 1];
    expect(r.data.balances.find((b) => b.asset === last.asset)).toMatchObject({ free: last.free, total: add(last.free, last.locked) });
  });

  test('a 2 MB HTML page or junk body is an error value, and the core keeps working', () => {
    const html = `<html><body>${'x'.repeat(2_000_000)}</body></html>`;
    expect(parse('kraken', 'balances', html, { status: 502 }).error.kind).toBe('unavailable');
    const junk = `{"balances":[${'"'.repeat(2_000_000)}`;
    const r = parse('binance', 'balances', junk);
    expect(r.error.kind).toBe('malformed');
    expect(r.error.message.length).toBeLessThan(2000);  // the body is quoted, not echoed whole
    expect(parsed('binance', 'serverTime', fixture('binance', 'server_time.json')).data.serverTimeMs).toBe(1499827319559);
  });
});
