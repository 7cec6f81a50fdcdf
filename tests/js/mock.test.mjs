// The mock exchanges accept what the real exchanges accept and refuse the rest
// with the real error codes and bodies. Requests are signed here with node:crypto
// (tests/e2e/mock/signers.mjs), and once more by ccxt as an independent client.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import ccxt from 'ccxt';
import { startMockExchanges, mockRequest } from '../e2e/mock/index.mjs';
import { binanceHmac } from '../e2e/mock/binance.mjs';
import { krakenSign as krakenSignRef } from '../e2e/mock/kraken.mjs';
import { binanceQuery, binanceSign, krakenSign, coinbaseJwt } from '../e2e/mock/signers.mjs';
import * as dec from '../e2e/mock/decimal.mjs';

let m;
let keys;

beforeAll(async () => {
  m = await startMockExchanges();
  keys = m.keys();
});
afterAll(() => m.close());
beforeEach(() => m.reset());

const parse = (r) => JSON.parse(r.body);

function binanceGet(name, path, params = {}, { nowMs = m.now(), headers, cred = keys.binance[name] } = {}) {
  const q = binanceQuery(cred, params, nowMs);
  return mockRequest(m, {
    host: 'api.binance.com', path: `${path}?${q}`, headers: { 'X-MBX-APIKEY': cred.apiKey, ...headers },
  });
}

let lastNonce = 0;
function freshNonce() {
  lastNonce = Math.max(lastNonce + 1, m.now() * 1000);
  return `${lastNonce}`;
}

function krakenPost(name, method, params = {}, { nonce = freshNonce(), cred = keys.kraken[name], json = false, sign } = {}) {
  const path = `/0/private/${method}`;
  const body = json ? JSON.stringify({ nonce, ...params }) : new URLSearchParams({ nonce, ...params }).toString();
  return mockRequest(m, {
    host: 'api.kraken.com', method: 'POST', path, body,
    headers: {
      'API-Key': cred.apiKey, 'API-Sign': sign ?? krakenSign(cred, path, nonce, body),
      'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
    },
  });
}

function coinbaseGet(name, path, query = '', jwtOptions = {}, cred = keys.coinbase[name]) {
  const jwt = coinbaseJwt(cred, 'GET', path, { nowMs: m.now(), ...jwtOptions });
  return mockRequest(m, {
    host: 'api.coinbase.com', path: query ? `${path}?${query}` : path, headers: { authorization: `Bearer ${jwt}` },
  });
}

describe('official signing vectors agree with the mock', () => {
  test('Binance B-1 (rest-api.md HMAC example)', () => {
    const secret = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
    const payload = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(binanceHmac(secret, payload)).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
  });

  test('Kraken spot-rest-auth example', () => {
    const secret = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
    const nonce = '1616492376594';
    const body = `nonce=${nonce}&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25`;
    expect(krakenSignRef(secret, '/0/private/AddOrder', nonce, body)).toBe(
      '4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==');
  });
});

describe('default state and keys', () => {
  test('has every key type, in the forms the exchanges hand out', () => {
    expect(Object.keys(keys.binance).sort()).toEqual(['ed25519', 'hmac', 'rsa', 'trading', 'withdrawals']);
    expect(keys.binance.hmac.secret).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(keys.binance.ed25519.secret).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(keys.binance.rsa.secret).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(Buffer.from(keys.kraken.main.secret, 'base64')).toHaveLength(64);
    expect(keys.coinbase.ecdsa.secret).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    expect(keys.coinbase.ecdsa.apiKey).toMatch(/^organizations\/[0-9a-f-]{36}\/apiKeys\/[0-9a-f-]{36}$/);
    expect(Buffer.from(keys.coinbase.ed25519.secret, 'base64')).toHaveLength(64);
    expect(keys.coinbase.ed25519.keyType).toBe('ed25519');
  });

  test('holds the portfolio quirks the e2e tests need', () => {
    const assets = m.state.binance.balances.map((b) => b.asset);
    expect(assets).toEqual(expect.arrayContaining(['BTC', 'ETH', 'USDT', 'LDUSDT', 'LDO', 'ARDR', 'NOPRICE']));
    const arPairs = Object.values(m.state.binance.tickers).filter((t) => t.base === 'ARDR');
    expect(arPairs.map((t) => t.quote)).toEqual(['BTC']);
    expect(m.state.kraken.balances).toHaveProperty('XXBT');
    expect(m.state.kraken.balances).toHaveProperty(['DOT.S']);
    const priced = (a) => Object.values(m.state.binance.tickers).some((t) => t.base === a || t.quote === a)
      || Object.values(m.state.kraken.pairs).some((p) => p.base === a || p.quote === a)
      || Object.values(m.state.coinbase.products).some((p) => p.base === a || p.quote === a);
    expect(priced('NOPRICE')).toBe(false);
  });
});

describe('Binance', () => {
  test.each(['hmac', 'ed25519', 'rsa'])('%s-signed account request returns the balances', async (name) => {
    const r = await binanceGet(name, '/api/v3/account', { omitZeroBalances: 'true' });
    expect(r.status).toBe(200);
    expect(r.headers['x-mbx-used-weight-1m']).toBe('20');
    const want = m.state.binance.balances.filter((b) => !dec.isZero(dec.add(b.free, b.locked)));
    expect(parse(r).balances).toEqual(want);
    expect(parse(r).balances.map((b) => b.asset)).not.toContain('LTC');
  });

  test('upper-case HMAC hex is accepted (case-insensitive), zero balances kept by default', async () => {
    const cred = keys.binance.hmac;
    const q = `timestamp=${m.now()}`;
    const sig = binanceSign(cred, q).toUpperCase();
    const r = await mockRequest(m, { host: 'api.binance.com', path: `/api/v3/account?${q}&signature=${sig}`, headers: { 'X-MBX-APIKEY': cred.apiKey } });
    expect(r.status).toBe(200);
    expect(parse(r).balances.map((b) => b.asset)).toContain('LTC');
  });

  test('a wrong signature is -1022', async () => {
    const cred = { ...keys.binance.hmac, secret: 'x'.repeat(64) };
    const r = await binanceGet('hmac', '/api/v3/account', {}, { cred });
    expect(r.status).toBe(400);
    expect(parse(r)).toEqual({ code: -1022, msg: 'Signature for this request is not valid.' });
  });

  test('an Ed25519 signature by another key is -1022', async () => {
    const other = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    const cred = { ...keys.binance.ed25519, secret: other };
    const r = await binanceGet('ed25519', '/api/v3/account', {}, { cred });
    expect(parse(r).code).toBe(-1022);
  });

  test('a base64 signature that is not percent-encoded fails when it holds "+"', async () => {
    // Find a timestamp whose RSA signature contains '+', then send it raw: '+' reads as a space.
    const cred = keys.binance.rsa;
    let q;
    let sig;
    for (let t = m.now(); ; t -= 1) {
      q = `timestamp=${t}`;
      sig = decodeURIComponent(binanceSign(cred, q));
      if (sig.includes('+')) break;
    }
    const r = await mockRequest(m, { host: 'api.binance.com', path: `/api/v3/account?${q}&signature=${sig}`, headers: { 'X-MBX-APIKEY': cred.apiKey } });
    expect(parse(r).code).toBe(-1022);
  });

  test('an unknown key is -2015 (401); a missing or malformed one -2014 (401)', async () => {
    const unknown = { ...keys.binance.hmac, apiKey: 'A'.repeat(64) };
    let r = await binanceGet('hmac', '/api/v3/account', {}, { cred: unknown });
    expect(r.status).toBe(401);
    expect(parse(r)).toEqual({ code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' });
    r = await mockRequest(m, { host: 'api.binance.com', path: `/api/v3/account?${binanceQuery(keys.binance.hmac, {}, m.now())}` });
    expect(r.status).toBe(401);
    expect(parse(r)).toEqual({ code: -2014, msg: 'API-key format invalid.' });
    r = await binanceGet('hmac', '/api/v3/account', {}, { headers: { 'X-MBX-APIKEY': 'short' } });
    expect(parse(r).code).toBe(-2014);
  });

  test('timestamps outside recvWindow or 1 s ahead are -1021', async () => {
    let r = await binanceGet('hmac', '/api/v3/account', {}, { nowMs: m.now() - 6000 });
    expect(r.status).toBe(400);
    expect(parse(r)).toEqual({ code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' });
    r = await binanceGet('hmac', '/api/v3/account', {}, { nowMs: m.now() + 5000 });
    expect(parse(r)).toEqual({ code: -1021, msg: "Timestamp for this request was 1000ms ahead of the server's time." });
    r = await binanceGet('hmac', '/api/v3/account', { recvWindow: '10000' }, { nowMs: m.now() - 6000 });
    expect(r.status).toBe(200);
    r = await binanceGet('hmac', '/api/v3/account', { recvWindow: '60001' });
    expect(parse(r).code).toBe(-1131);
  });

  test('microsecond timestamps are accepted', async () => {
    const cred = keys.binance.hmac;
    const q = `timestamp=${m.now()}123`;
    const r = await mockRequest(m, { host: 'api.binance.com', path: `/api/v3/account?${q}&signature=${binanceSign(cred, q)}`, headers: { 'X-MBX-APIKEY': cred.apiKey } });
    expect(r.status).toBe(200);
  });

  test('the server clock offset is reported by /time and enforced', async () => {
    m.setClockOffsetMs(-30_000);
    const t = parse(await mockRequest(m, { host: 'api.binance.com', path: '/api/v3/time' })).serverTime;
    expect(Math.abs(t - (Date.now() - 30_000))).toBeLessThan(2000);
    const r = await binanceGet('hmac', '/api/v3/account', {}, { nowMs: Date.now() });
    expect(parse(r).code).toBe(-1021);
    expect((await binanceGet('hmac', '/api/v3/account', {}, { nowMs: t })).status).toBe(200);
  });

  test('parameter checks: mandatory, unknown symbol, unread and duplicate params', async () => {
    let r = await binanceGet('hmac', '/api/v3/myTrades');
    expect(parse(r)).toEqual({ code: -1102, msg: "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed." });
    r = await binanceGet('hmac', '/api/v3/myTrades', { symbol: 'NOPEUSDT' });
    expect(parse(r)).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    r = await binanceGet('hmac', '/api/v3/account', { foo: 'bar' });
    expect(parse(r).code).toBe(-1104);
    const cred = keys.binance.hmac;
    const q = `symbol=BTCUSDT&symbol=ETHUSDT&timestamp=${m.now()}`;
    r = await mockRequest(m, { host: 'api.binance.com', path: `/api/v3/myTrades?${q}&signature=${binanceSign(cred, q)}`, headers: { 'X-MBX-APIKEY': cred.apiKey } });
    expect(parse(r)).toEqual({ code: -1101, msg: 'Duplicate values for a parameter detected.' });
    r = await mockRequest(m, { host: 'api.binance.com', path: `/api/v3/account?timestamp=${m.now()}`, headers: { 'X-MBX-APIKEY': cred.apiKey } });
    expect(parse(r).msg).toBe("Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
  });

  test('myTrades pages forward with fromId and limit', async () => {
    m.addTrades('binance', 1500, { symbol: 'BTCUSDT' });
    const all = m.state.binance.trades.BTCUSDT;
    expect(all).toHaveLength(1503);
    const seen = [];
    let fromId = 0;
    for (;;) {
      const page = parse(await binanceGet('hmac', '/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: `${fromId}`, limit: '1000' }));
      seen.push(...page);
      if (page.length < 1000) break;
      fromId = page.at(-1).id + 1;
    }
    expect(seen.map((t) => t.id)).toEqual(all.map((t) => t.id));
    expect(seen[0]).toEqual(expect.objectContaining({ symbol: 'BTCUSDT', price: '42000.00000000', qty: '0.30000000', quoteQty: '12600' }));
    // Without fromId: the most recent `limit`, oldest first.
    const recent = parse(await binanceGet('hmac', '/api/v3/myTrades', { symbol: 'BTCUSDT', limit: '5' }));
    expect(recent.map((t) => t.id)).toEqual(all.slice(-5).map((t) => t.id));
    const bad = await binanceGet('hmac', '/api/v3/myTrades', { symbol: 'BTCUSDT', fromId: '1', startTime: '1' });
    expect(parse(bad).code).toBe(-1128);
  });

  test('apiRestrictions reports each key\'s permissions', async () => {
    const ro = parse(await binanceGet('hmac', '/sapi/v1/account/apiRestrictions'));
    expect(ro).toEqual(expect.objectContaining({ enableReading: true, enableSpotAndMarginTrading: false, enableWithdrawals: false, ipRestrict: false }));
    expect(ro.createTime).toBe(m.state.binance.keys[keys.binance.hmac.apiKey].createTime);
    const tr = parse(await binanceGet('trading', '/sapi/v1/account/apiRestrictions'));
    expect(tr.enableSpotAndMarginTrading).toBe(true);
    const wd = await binanceGet('withdrawals', '/sapi/v1/account/apiRestrictions');
    expect(wd.headers['x-sapi-used-ip-weight-1m']).toBeDefined();
    expect(parse(wd)).toEqual(expect.objectContaining({ enableWithdrawals: true, ipRestrict: true }));
  });

  test('deposit history uses a 90-day default window; withdrawals carry UTC applyTime', async () => {
    const recent = parse(await binanceGet('hmac', '/sapi/v1/capital/deposit/hisrec'));
    expect(recent.map((d) => d.coin)).toEqual(['ETH', 'USDT', 'BTC']);
    const old = m.state.binance.deposits.find((d) => d.amount === '6.00000000');
    const window = parse(await binanceGet('hmac', '/sapi/v1/capital/deposit/hisrec', {
      startTime: `${old.insertTime - 1000}`, endTime: `${old.insertTime + 1000}`,
    }));
    expect(window).toEqual([old]);
    const tooWide = await binanceGet('hmac', '/sapi/v1/capital/deposit/hisrec', { startTime: '0', endTime: `${m.now()}` });
    expect(tooWide.status).toBe(400);
    const w = parse(await binanceGet('hmac', '/sapi/v1/capital/withdraw/history'));
    expect(w).toHaveLength(2);
    expect(w[0].applyTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const wr = await binanceGet('hmac', '/sapi/v1/capital/withdraw/history');
    expect(wr.headers['x-sapi-used-uid-weight-1m']).toBe('36000');
  });

  test('public prices: 24h ticker, ticker/price and klines', async () => {
    const one = await mockRequest(m, { host: 'api.binance.com', path: '/api/v3/ticker/24hr?symbol=ARDRBTC' });
    expect(one.headers['x-mbx-used-weight-1m']).toBe('2');
    const t = parse(one);
    expect(t).toEqual(expect.objectContaining({ symbol: 'ARDRBTC', lastPrice: '0.00000152', openPrice: '0.00000149' }));
    const all = await mockRequest(m, { host: 'api.binance.com', path: '/api/v3/ticker/24hr' });
    expect(all.headers['x-mbx-used-weight-1m']).toBe('82'); // 2 + 80 in this minute
    expect(parse(all)).toHaveLength(Object.keys(m.state.binance.tickers).length);
    const some = parse(await mockRequest(m, { host: 'api.binance.com', path: `/api/v3/ticker/price?symbols=${encodeURIComponent('["BTCUSDT","ETHBTC"]')}` }));
    expect(some).toEqual([{ symbol: 'BTCUSDT', price: '67250.12000000' }, { symbol: 'ETHBTC', price: '0.05223000' }]);
    const k = parse(await mockRequest(m, { host: 'api.binance.com', path: '/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=3' }));
    expect(k).toHaveLength(3);
    expect(k[2][4]).toBe('67250.12000000'); // the open candle closes at the last price
    expect(k[1][0] - k[0][0]).toBe(86_400_000);
    const bad = await mockRequest(m, { host: 'api.binance.com', path: '/api/v3/klines?symbol=BTCUSDT&interval=7m' });
    expect(parse(bad)).toEqual({ code: -1120, msg: 'Invalid interval.' });
  });

  test('a revoked key is refused with -2015', async () => {
    m.revokeKey('binance', 'hmac');
    const r = await binanceGet('hmac', '/api/v3/account');
    expect(r.status).toBe(401);
    expect(parse(r).code).toBe(-2015);
  });
});

describe('Kraken', () => {
  test.each([false, true])('a signed Balance request is accepted (json body: %s)', async (json) => {
    const r = await krakenPost('main', 'Balance', {}, { json });
    expect(r.status).toBe(200);
    expect(parse(r)).toEqual({ error: [], result: m.state.kraken.balances });
  });

  test('BalanceEx reports holds', async () => {
    const r = parse(await krakenPost('main', 'BalanceEx'));
    expect(r.result.ZUSD).toEqual({ balance: '2500.5000', hold_trade: '100.0000' });
  });

  test('a wrong signature is EAPI:Invalid signature (HTTP 200)', async () => {
    const r = await krakenPost('main', 'Balance', {}, { sign: randomBytes(64).toString('base64') });
    expect(r.status).toBe(200);
    expect(parse(r)).toEqual({ error: ['EAPI:Invalid signature'], result: {} });
    const signedElsewhere = await krakenPost('main', 'Balance', {}, { sign: krakenSign(keys.kraken.main, '/0/private/Ledgers', '1', 'nonce=1') });
    expect(parse(signedElsewhere).error).toEqual(['EAPI:Invalid signature']);
  });

  test('an unknown key is EAPI:Invalid key', async () => {
    const cred = { apiKey: randomBytes(42).toString('base64'), secret: randomBytes(64).toString('base64') };
    expect(parse(await krakenPost('main', 'Balance', {}, { cred })).error).toEqual(['EAPI:Invalid key']);
  });

  test('a reused or lower nonce is EAPI:Invalid nonce; nonces are per key', async () => {
    const nonce = freshNonce();
    expect(parse(await krakenPost('main', 'Balance', {}, { nonce })).error).toEqual([]);
    expect(parse(await krakenPost('main', 'Balance', {}, { nonce })).error).toEqual(['EAPI:Invalid nonce']);
    expect(parse(await krakenPost('main', 'Balance', {}, { nonce: `${BigInt(nonce) - 5n}` })).error).toEqual(['EAPI:Invalid nonce']);
    expect(parse(await krakenPost('noLedger', 'Balance', {}, { nonce })).error).toEqual([]);
    expect(parse(await krakenPost('main', 'Balance')).error).toEqual([]);
  });

  test('a key without the ledger permission gets EGeneral:Permission denied', async () => {
    expect(parse(await krakenPost('noLedger', 'Ledgers')).error).toEqual(['EGeneral:Permission denied']);
  });

  test('TradesHistory pages by ofs, 50 at a time, most recent first', async () => {
    m.addTrades('kraken', 120);
    const total = m.state.kraken.trades.length;
    const seen = [];
    for (let ofs = 0; ; ofs += 50) {
      const r = parse(await krakenPost('main', 'TradesHistory', { ofs: `${ofs}` }));
      expect(r.result.count).toBe(total);
      const page = Object.entries(r.result.trades);
      seen.push(...page);
      if (page.length < 50) break;
    }
    expect(new Set(seen.map(([id]) => id)).size).toBe(total);
    const times = seen.map(([, t]) => t.time);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(parse(await krakenPost('main', 'TradesHistory', { ofs: 'x' })).error).toEqual(['EGeneral:Invalid arguments']);
  });

  test('Ledgers filters by type and asset and keeps a running balance', async () => {
    const dep = parse(await krakenPost('main', 'Ledgers', { type: 'deposit' })).result;
    expect(dep.count).toBe(2);
    expect(Object.values(dep.ledger).map((e) => e.asset).sort()).toEqual(['XXBT', 'ZUSD']);
    const staked = parse(await krakenPost('main', 'Ledgers', { asset: 'DOT.S' })).result;
    const entries = Object.values(staked.ledger);
    expect(entries[0]).toEqual(expect.objectContaining({ type: 'staking', amount: '0.2500000000', balance: '120.2500000000' }));
    expect(parse(await krakenPost('main', 'Ledgers', { type: 'bogus' })).error).toEqual(['EGeneral:Invalid arguments:type']);
  });

  test('public Ticker, Time and OHLC use Kraken names', async () => {
    const t = parse(await mockRequest(m, { host: 'api.kraken.com', path: '/0/public/Ticker?pair=XBTUSD,DOTUSD' }));
    expect(Object.keys(t.result)).toEqual(['XXBTZUSD', 'DOTUSD']);
    expect(t.result.XXBTZUSD.c[0]).toBe('67240.10000');
    expect(t.result.XXBTZUSD.o).toBe('66010.00000');
    const bad = parse(await mockRequest(m, { host: 'api.kraken.com', path: '/0/public/Ticker?pair=NOPEUSD' }));
    expect(bad.error).toEqual(['EQuery:Unknown asset pair']);
    const time = parse(await mockRequest(m, { host: 'api.kraken.com', path: '/0/public/Time' })).result;
    expect(Math.abs(time.unixtime * 1000 - Date.now())).toBeLessThan(2000);
    expect(time.rfc1123).toMatch(/^\w{3}, \d\d \w{3} \d\d \d\d:\d\d:\d\d \+0000$/);
    const o = parse(await mockRequest(m, { host: 'api.kraken.com', path: '/0/public/OHLC?pair=XBTUSD&interval=60' })).result;
    expect(o.XXBTZUSD).toHaveLength(720);
    expect(o.XXBTZUSD.at(-1)[4]).toBe('67240.10000');
    expect(o.last).toBe(o.XXBTZUSD.at(-2)[0]);
  });
});

describe('Coinbase', () => {
  test.each(['ecdsa', 'ed25519'])('%s JWT: accounts page with cursor until has_next is false', async (name) => {
    const seen = [];
    let cursor = '';
    for (;;) {
      const r = await coinbaseGet(name, '/api/v3/brokerage/accounts', cursor ? `cursor=${cursor}` : '');
      expect(r.status).toBe(200);
      const body = parse(r);
      expect(body.size).toBe(body.accounts.length);
      seen.push(...body.accounts);
      if (!body.has_next) break;
      cursor = body.cursor;
    }
    expect(seen).toEqual(m.state.coinbase.accounts);
    expect(seen.find((a) => a.currency === 'USD').hold.value).toBe('50.00');
  });

  const unauthorizedCases = [
    ['expired', { nowMs: () => m.now() - 200_000 }],
    ['not yet valid', { nowMs: () => m.now() + 60_000 }],
    ['uri with the query string', { claims: () => ({ uri: 'GET api.coinbase.com/api/v3/brokerage/accounts?limit=1' }) }],
    ['uri for another path', { claims: () => ({ uri: 'GET api.coinbase.com/api/v3/brokerage/key_permissions' }) }],
    ['uri with another method', { claims: () => ({ uri: 'POST api.coinbase.com/api/v3/brokerage/accounts' }) }],
    ['lifetime over 2 minutes', { claims: () => ({ exp: Math.floor(m.now() / 1000) + 600 }) }],
    ['wrong iss', { claims: () => ({ iss: 'someone' }) }],
    ['sub not the key', { claims: () => ({ sub: 'organizations/x/apiKeys/y' }) }],
    ['no nonce', { header: () => ({ nonce: undefined }) }],
    ['alg none', { header: () => ({ alg: 'none' }) }],
  ];
  test.each(unauthorizedCases)('%s → 401 Unauthorized', async (_, opts) => {
    const o = Object.fromEntries(Object.entries(opts).map(([k, f]) => [k, f()]));
    const r = await coinbaseGet('ecdsa', '/api/v3/brokerage/accounts', 'limit=1', o);
    expect(r.status).toBe(401);
    expect(r.body).toBe('Unauthorized\n');
  });

  test('a JWT signed by another key, or naming an unknown or revoked key, is 401', async () => {
    const otherPem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' });
    let r = await coinbaseGet('ecdsa', '/api/v3/brokerage/accounts', '', {}, { ...keys.coinbase.ecdsa, secret: otherPem });
    expect(r.status).toBe(401);
    r = await coinbaseGet('ecdsa', '/api/v3/brokerage/accounts', '', {}, { ...keys.coinbase.ecdsa, apiKey: 'organizations/a/apiKeys/b' });
    expect(r.status).toBe(401);
    r = await mockRequest(m, { host: 'api.coinbase.com', path: '/api/v3/brokerage/accounts' });
    expect(r.status).toBe(401);
    m.revokeKey('coinbase', 'ed25519');
    r = await coinbaseGet('ed25519', '/api/v3/brokerage/accounts');
    expect(r.status).toBe(401);
    expect(m.requests.at(-1).verdict).toBe('rejected jwt: key revoked');
  });

  test('key_permissions tells the trading key apart', async () => {
    expect(parse(await coinbaseGet('ecdsa', '/api/v3/brokerage/key_permissions'))).toEqual(expect.objectContaining({ can_view: true, can_trade: false, can_transfer: false }));
    expect(parse(await coinbaseGet('trading', '/api/v3/brokerage/key_permissions')).can_trade).toBe(true);
  });

  test('fills page with cursor (empty when done)', async () => {
    m.addTrades('coinbase', 30);
    const seen = [];
    let cursor = '';
    for (;;) {
      const body = parse(await coinbaseGet('ecdsa', '/api/v3/brokerage/orders/historical/fills', `limit=10${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...body.fills);
      if (!body.cursor) break;
      cursor = body.cursor;
    }
    expect(seen).toEqual(m.state.coinbase.fills);
    const btc = parse(await coinbaseGet('ecdsa', '/api/v3/brokerage/orders/historical/fills', 'product_ids=ETH-USD&product_ids=SOL-USD'));
    expect(btc.fills.map((f) => f.product_id).sort()).toEqual(['ETH-USD', 'SOL-USD']);
  });

  test('v2 transactions: next_uri must be signed without its query', async () => {
    const btc = m.state.coinbase.accounts.find((a) => a.currency === 'BTC').uuid;
    const path = `/v2/accounts/${btc}/transactions`;
    const first = parse(await coinbaseGet('ecdsa', path, 'limit=1'));
    expect(first.data[0].type).toBe('send');
    expect(first.data[0].network.transaction_fee).toEqual({ amount: '0.00001500', currency: 'BTC' });
    const next = new URL(first.pagination.next_uri, 'https://api.coinbase.com');
    const bad = await coinbaseGet('ecdsa', next.pathname, next.search.slice(1), { claims: { uri: `GET api.coinbase.com${first.pagination.next_uri}` } });
    expect(bad.status).toBe(401);
    const second = parse(await coinbaseGet('ecdsa', next.pathname, next.search.slice(1)));
    expect(second.data[0].type).toBe('receive');
    expect(second.pagination.next_uri).toBeNull();
  });

  test('public products, single product, candles and time need no auth', async () => {
    const list = parse(await mockRequest(m, { host: 'api.coinbase.com', path: '/api/v3/brokerage/market/products' }));
    expect(list.num_products).toBe(Object.keys(m.state.coinbase.products).length);
    const p = parse(await mockRequest(m, { host: 'api.coinbase.com', path: '/api/v3/brokerage/market/products/ETH-BTC' }));
    expect(p).toEqual(expect.objectContaining({ product_id: 'ETH-BTC', price: '0.05222', base_currency_id: 'ETH', quote_currency_id: 'BTC' }));
    const nf = await mockRequest(m, { host: 'api.coinbase.com', path: '/api/v3/brokerage/market/products/NOPE-USD' });
    expect(nf.status).toBe(404);
    const end = Math.floor(m.now() / 1000);
    const c = parse(await mockRequest(m, { host: 'api.coinbase.com', path: `/api/v3/brokerage/market/products/BTC-USD/candles?start=${end - 86400 * 3}&end=${end}&granularity=ONE_DAY` }));
    expect(c.candles.length).toBeGreaterThanOrEqual(3);
    expect(c.candles[0].close).toBe('67245.01');
    const tooMany = await mockRequest(m, { host: 'api.coinbase.com', path: `/api/v3/brokerage/market/products/BTC-USD/candles?start=${end - 86400 * 400}&end=${end}&granularity=ONE_DAY` });
    expect(tooMany.status).toBe(400);
    expect(parse(tooMany).error).toBe('INVALID_ARGUMENT');
    const t = parse(await mockRequest(m, { host: 'api.coinbase.com', path: '/api/v3/brokerage/time' }));
    expect(Number(t.epochSeconds)).toBe(Math.floor(Number(t.epochMillis) / 1000));
  });
});

describe('faults', () => {
  const account = () => binanceGet('hmac', '/api/v3/account');

  test('429 and 418 carry Binance -1003 and Retry-After', async () => {
    m.setFault('binance', '/api/v3/account', { status: 429, retryAfter: 7, once: true });
    let r = await account();
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('7');
    expect(parse(r).code).toBe(-1003);
    expect((await account()).status).toBe(200); // once
    m.setFault('binance', '*', { status: 418, retryAfter: 120 });
    r = await account();
    expect(r.status).toBe(418);
    expect(parse(r).msg).toMatch(/IP banned until \d+/);
    m.clearFaults();
    expect((await account()).status).toBe(200);
  });

  test('5xx: JSON from the exchange for 500/503, an HTML gateway page for 502', async () => {
    m.setFault('kraken', '/0/private/Balance', { status: 503 });
    let r = await krakenPost('main', 'Balance');
    expect(r.status).toBe(503);
    expect(parse(r).error).toEqual(['EService:Unavailable']);
    m.setFault('coinbase', '*', { status: 500 });
    r = await coinbaseGet('ecdsa', '/api/v3/brokerage/accounts');
    expect(r.status).toBe(500);
    m.setFault('binance', '*', { status: 502 });
    r = await account();
    expect(r.status).toBe(502);
    expect(r.headers['content-type']).toMatch(/text\/html/);
  });

  test('html with 200', async () => {
    m.setFault('binance', '/api/v3/account', { html: true, status: 200 });
    const r = await account();
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/^<!DOCTYPE html>/);
  });

  test('truncate cuts a valid answer in half', async () => {
    const whole = await account();
    m.setFault('binance', '/api/v3/account', { truncate: true });
    const r = await account();
    expect(r.status).toBe(200);
    expect(r.body).toBe(whole.body.slice(0, Math.floor(whole.body.length / 2)));
    expect(() => JSON.parse(r.body)).toThrow();
  });

  test('wrongShape flips arrays and objects', async () => {
    m.setFault('binance', '/api/v3/account', { wrongShape: true });
    expect(Array.isArray(parse(await account()))).toBe(true);
    m.setFault('kraken', '/0/private/Balance', { wrongShape: true });
    expect(Array.isArray(parse(await krakenPost('main', 'Balance')).result)).toBe(true);
  });

  test('hugeNumbers puts 80-digit numbers in amount fields', async () => {
    m.setFault('binance', '/api/v3/account', { hugeNumbers: true });
    const b = parse(await account());
    expect(b.balances[0].free).toMatch(/^9{80}$/);
    expect(b.uid).toBe(m.state.binance.uid);
    m.setFault('kraken', '/0/private/Balance', { hugeNumbers: true });
    expect(parse(await krakenPost('main', 'Balance')).result.XXBT).toMatch(/^9{80}$/);
  });

  test('hugeBody sends that many bytes', async () => {
    m.setFault('coinbase', '/api/v3/brokerage/accounts', { hugeBody: 20 * 1024 * 1024 });
    const r = await coinbaseGet('ecdsa', '/api/v3/brokerage/accounts');
    expect(r.body.length).toBe(20 * 1024 * 1024);
  });

  test('hang never answers', async () => {
    m.setFault('kraken', '/0/public/Time', { hang: true });
    await expect(mockRequest(m, { host: 'api.kraken.com', path: '/0/public/Time', timeoutMs: 300 })).rejects.toThrow('timeout');
    m.setFault('kraken', '/0/public/Ticker', { hang: 'body' });
    await expect(mockRequest(m, { host: 'api.kraken.com', path: '/0/public/Ticker', timeoutMs: 300 })).rejects.toThrow('timeout');
  });

  test('clockSkewMs moves the server clock for that endpoint', async () => {
    m.setFault('binance', '*', { clockSkewMs: 120_000 });
    const t = parse(await mockRequest(m, { host: 'api.binance.com', path: '/api/v3/time' })).serverTime;
    expect(t - Date.now()).toBeGreaterThan(110_000);
    expect(parse(await account()).code).toBe(-1021);
    expect((await binanceGet('hmac', '/api/v3/account', {}, { nowMs: t })).status).toBe(200);
  });

  test('krakenInvalidNonce refuses a good nonce', async () => {
    m.setFault('kraken', '/0/private/Balance', { krakenInvalidNonce: true, once: true });
    expect(parse(await krakenPost('main', 'Balance')).error).toEqual(['EAPI:Invalid nonce']);
    expect(parse(await krakenPost('main', 'Balance')).error).toEqual([]);
  });

  test('revokeKey mid-sync: the second page fails, and everything after', async () => {
    m.addTrades('binance', 30, { symbol: 'ETHUSDT' });
    m.setFault('binance', '/api/v3/myTrades', { revokeKey: keys.binance.hmac.apiKey, skip: 1, once: true });
    const first = await binanceGet('hmac', '/api/v3/myTrades', { symbol: 'ETHUSDT', fromId: '0', limit: '10' });
    expect(first.status).toBe(200);
    const second = await binanceGet('hmac', '/api/v3/myTrades', { symbol: 'ETHUSDT', fromId: `${parse(first).at(-1).id + 1}`, limit: '10' });
    expect(parse(second).code).toBe(-2015);
    expect(parse(await account()).code).toBe(-2015);
    expect(m.state.binance.keys[keys.binance.hmac.apiKey].revoked).toBe(true);
  });

  test('every request is logged with its verdict', async () => {
    await account();
    await krakenPost('main', 'Balance', {}, { sign: 'AAAA' });
    const [a, k] = m.requests;
    expect(a).toEqual(expect.objectContaining({ exchange: 'binance', method: 'GET', path: '/api/v3/account', verdict: 'ok', status: 200 }));
    expect(a.query).toMatch(/^timestamp=\d+&signature=[0-9a-f]{64}$/);
    expect(k.verdict).toBe('rejected EAPI:Invalid signature');
    expect(k.body).toMatch(/^nonce=\d+$/);
  });
});

describe('control API', () => {
  const control = (method, path, body) => mockRequest(m, {
    host: 'mock.keyfolio.test', method, path, body: body ? JSON.stringify(body) : '', headers: { 'content-type': 'application/json' },
  });

  test('state, keys, fault, reset', async () => {
    const s = parse(await control('GET', '/__mock/state'));
    expect(s.kraken.balances).toEqual(m.state.kraken.balances);
    expect(parse(await control('GET', '/__mock/keys'))).toEqual(keys);
    await control('POST', '/__mock/fault', { exchange: 'binance', path: '/api/v3/account', fault: { status: 503 } });
    expect((await account()).status).toBe(503);
    await control('POST', '/__mock/balance', { exchange: 'binance', asset: 'BTC', free: '9', locked: '1' });
    await control('POST', '/__mock/reset');
    expect((await account()).status).toBe(200);
    expect(m.state.binance.balances[0]).toEqual({ asset: 'BTC', free: '0.51234567', locked: '0.01000000' });
    // The path prefix works on the exchange hosts too.
    const viaPrefix = await mockRequest(m, { host: 'api.binance.com', path: '/__mock/state' });
    expect(parse(viaPrefix).binance.uid).toBe(m.state.binance.uid);
  });

  test('setBalance and addTrades through the API', async () => {
    await control('POST', '/__mock/balance', { exchange: 'coinbase', asset: 'BTC', free: '1.5', locked: '0.5' });
    const acct = parse(await coinbaseGet('ecdsa', '/api/v3/brokerage/accounts', 'limit=1')).accounts[0];
    expect(acct.available_balance.value).toBe('1.5');
    expect(acct.hold.value).toBe('0.5');
    await control('POST', '/__mock/trades', { exchange: 'kraken', n: 60 });
    expect(parse(await krakenPost('main', 'TradesHistory')).result.count).toBe(64);
  });

  function account() {
    return binanceGet('hmac', '/api/v3/account');
  }
});

describe('ccxt, an independent client, is accepted', () => {
  const fetchImplementation = async (url, params) => {
    const u = new URL(url);
    const r = await mockRequest(m, { host: u.hostname, method: params.method, path: u.pathname + u.search, headers: params.headers ?? {}, body: params.body ?? '' });
    return new Response(r.body, { status: r.status, headers: Object.entries(r.headers).filter(([, v]) => typeof v === 'string') });
  };

  test.each(['hmac', 'ed25519', 'rsa'])('binance %s', async (name) => {
    const ex = new ccxt.binance({ apiKey: keys.binance[name].apiKey, secret: keys.binance[name].secret, fetchImplementation });
    const acct = await ex.privateGetAccount({ omitZeroBalances: true });
    expect(acct.balances[0]).toEqual(m.state.binance.balances[0]);
  });

  test('kraken', async () => {
    const ex = new ccxt.kraken({ apiKey: keys.kraken.main.apiKey, secret: keys.kraken.main.secret, fetchImplementation });
    expect((await ex.privatePostBalance()).result).toEqual(m.state.kraken.balances);
  });

  test.each(['ecdsa', 'ed25519'])('coinbase %s', async (name) => {
    const ex = new ccxt.coinbase({ apiKey: keys.coinbase[name].apiKey, secret: keys.coinbase[name].secret, fetchImplementation });
    const r = await ex.v3PrivateGetBrokerageAccounts({ limit: 3 });
    expect(r.accounts.map((a) => a.currency)).toEqual(['BTC', 'ETH', 'SOL']);
  });
});
