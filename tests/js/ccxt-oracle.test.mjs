// CCXT (npm dev dependency) as an independent oracle for the requests the wasm core
// builds: method, host, path, query/body parameter names and values, body format and,
// where the scheme is deterministic (Binance HMAC/RSA/Ed25519, Kraken HMAC), the
// signature bytes. CCXT runs offline: markets are set by hand, its clock and nonce are
// pinned to ours, and its HTTP layer records the request and throws instead of sending.
//
// Two levels:
//  * CCXT's unified methods (fetchBalance, fetchMyTrades...) choose endpoints and
//    parameter names themselves: that is the independent choice compared here.
//  * CCXT's sign() given the same parameters: same URL/body encoding and signature.
// Where CCXT differs by design, the test asserts what is the same, says in a comment why
// the rest differs, and pins the difference so a change on either side is noticed.
import ccxt from 'ccxt';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { loadCore, call } from './helpers/core.mjs';
import { defaultState, keysFor } from '../e2e/mock/state.mjs';

const NOW = 1_700_000_000_123;
const NOW_S = Math.floor(NOW / 1000);
const SINCE = 1_699_000_000_000;
const DAY = 86_400_000;
const KEYS = keysFor(defaultState({ nowMs: NOW }));
const ACCOUNT_ID = '8b3f3fd3-3a2d-4a4c-9b1e-4c5c1a2f9e11';

let core;
beforeAll(async () => { core = await loadCore(); });

function coreRequest(exchange, operation, credentials, params = {}) {
  const r = call(core, 'buildRequest', { exchange, operation, credentials, params, nowMs: NOW, nonce: String(NOW) });
  if (!r.ok) throw new Error(`buildRequest ${exchange} ${operation}: ${JSON.stringify(r.error)}`);
  return r;
}

function market(id, base, quote, baseId = base, quoteId = quote) {
  return {
    id, symbol: `${base}/${quote}`, base, quote, baseId, quoteId, type: 'spot', spot: true, active: true,
    precision: { amount: 8, price: 8 }, limits: { amount: {}, price: {}, cost: {} }, info: {},
  };
}

const MARKETS = {
  binance: [market('BTCUSDT', 'BTC', 'USDT'), market('ETHBTC', 'ETH', 'BTC')],
  kraken: [market('XXBTZUSD', 'BTC', 'USD', 'XXBT', 'ZUSD')],
  coinbase: [market('BTC-USD', 'BTC', 'USD')],
};
const CURRENCIES = {
  binance: { BTC: { id: 'BTC', code: 'BTC' } },
  kraken: { BTC: { id: 'XXBT', code: 'BTC' } },
  coinbase: { BTC: { id: 'BTC', code: 'BTC' } },
};

// A CCXT exchange that never touches the network, with our clock and nonce.
function offline(id, cred) {
  const ex = new ccxt[id]({ apiKey: cred.apiKey, secret: cred.secret, options: { recvWindow: 5000 } });
  ex.milliseconds = () => NOW;
  ex.seconds = () => NOW_S;
  ex.nonce = () => NOW;
  ex.loadMarkets = async () => ex.markets;
  ex.setMarkets(MARKETS[id], CURRENCIES[id]);
  ex.sent = [];
  ex.fetch = async (url, method, headers, body) => {
    ex.sent.push({ url, method, headers: headers ?? {}, body: body ?? '' });
    throw new Error('offline');
  };
  return ex;
}

// The one request a CCXT method sends.
async function ccxtRequest(id, cred, method, ...args) {
  const ex = offline(id, cred);
  await expect(ex[method](...args)).rejects.toThrow('offline');
  expect(ex.sent).toHaveLength(1);
  return ex.sent[0];
}

// Parameters of a GET query or a form body, as a plain object (repeats as arrays).
function paramsOf(text) {
  const out = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (k in out) out[k] = [].concat(out[k], v);
    else out[k] = v;
  }
  return out;
}

function parts(req) {
  const url = new URL(req.url);
  return { method: req.method, origin: url.origin, path: url.pathname, query: paramsOf(url.search), body: req.body ?? '' };
}

const omit = (obj, keys) => Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)));

// ------------------------------------------------------------------ Binance

describe('Binance against CCXT', () => {
  const cred = KEYS.binance.hmac;

  // [operation, core params, CCXT method and args, names only the core sends (why in the comment)]
  const cases = [
    // omitZeroBalances: the core asks Binance to drop zero rows; CCXT lists all.
    ['balances', {}, ['fetchBalance'], ['omitZeroBalances']],
    ['trades', { symbol: 'BTCUSDT', startMs: SINCE, limit: 1000 }, ['fetchMyTrades', 'BTC/USDT', SINCE, 1000], []],
    // offset: the core pages by offset explicitly (0 is Binance's default).
    ['deposits', { startMs: SINCE, endMs: SINCE + 90 * DAY, limit: 1000 }, ['fetchDeposits', undefined, SINCE, 1000], ['offset']],
    ['withdrawals', { coin: 'BTC', startMs: SINCE, endMs: SINCE + 90 * DAY, limit: 1000 },
      ['fetchWithdrawals', 'BTC', SINCE, 1000], ['offset']],
    ['permissions', {}, ['sapiGetAccountApiRestrictions'], []],
    ['serverTime', {}, ['fetchTime'], []],
    ['tickers', { symbol: 'BTCUSDT' }, ['fetchTicker', 'BTC/USDT'], []],
    ['tickers', { symbols: ['BTCUSDT', 'ETHBTC'] }, ['fetchTickers', ['BTC/USDT', 'ETH/BTC']], []],
    ['candles', { symbol: 'BTCUSDT', interval: '1d', startMs: SINCE, limit: 1000 }, ['fetchOHLCV', 'BTC/USDT', '1d', SINCE, 1000], []],
  ];

  test.each(cases)('%s %j: same method, host, path and parameters as CCXT', async (operation, params, [method, ...args], coreOnly) => {
    const ours = parts(coreRequest('binance', operation, cred, params));
    const theirs = parts(await ccxtRequest('binance', cred, method, ...args));
    expect(ours.method).toBe(theirs.method);
    expect(ours.origin).toBe(theirs.origin);
    expect(ours.path).toBe(theirs.path);
    expect(ours.body).toBe('');
    // Names and values agree, signature aside (it signs a different parameter order).
    expect(omit(ours.query, ['signature', ...coreOnly])).toEqual(omit(theirs.query, ['signature']));
    for (const name of coreOnly) expect(theirs.query).not.toHaveProperty(name);
  });

  test('myTrades without a start: CCXT asks for the latest trades, the core for the whole history (fromId=0)', async () => {
    const ours = parts(coreRequest('binance', 'trades', cred, { symbol: 'BTCUSDT' }));
    const theirs = parts(await ccxtRequest('binance', cred, 'fetchMyTrades', 'BTC/USDT'));
    expect(ours.path).toBe(theirs.path);
    expect(omit(ours.query, ['signature', 'fromId', 'limit'])).toEqual(omit(theirs.query, ['signature']));
    expect(ours.query.fromId).toBe('0');
  });

  // CCXT's sign() puts timestamp first, the core last, so their payloads differ. Handing
  // CCXT the core's exact payload (its urlencode step replaced) makes CCXT's own signing
  // code (hmac / rsa / eddsa, chosen from the secret) produce the core's signature.
  test.each(['hmac', 'ed25519', 'rsa'])('%s: CCXT signs the core payload to the same signature', (keyType) => {
    const key = KEYS.binance[keyType];
    for (const [operation, params, ccxtPath, api] of [
      ['balances', {}, 'account', 'private'],
      ['trades', { symbol: 'BTCUSDT' }, 'myTrades', 'private'],
      ['deposits', {}, 'capital/deposit/hisrec', 'sapi'],
      ['withdrawals', {}, 'capital/withdraw/history', 'sapi'],
      ['permissions', {}, 'account/apiRestrictions', 'sapi'],
    ]) {
      const req = coreRequest('binance', operation, key, params);
      const [base, query] = req.url.split('?');
      const at = query.lastIndexOf('&signature=');
      const payload = query.slice(0, at);
      const ex = offline('binance', key);
      ex.urlencode = () => payload;
      const signed = ex.sign(ccxtPath, api, 'GET', {});
      expect(signed.url).toBe(req.url);
      expect(`${signed.url.split('?')[0]}`).toBe(base);
      expect(signed.headers).toEqual(req.headers);
    }
  });
});

// ------------------------------------------------------------------- Kraken

describe('Kraken against CCXT', () => {
  const cred = KEYS.kraken.main;

  // [operation, core params, CCXT method and args, names only the core sends]
  const cases = [
    ['balances', {}, ['fetchBalance'], []],
    // ofs: the core pages by offset from 0 explicitly.
    ['trades', { startMs: SINCE }, ['fetchMyTrades', undefined, SINCE], ['ofs']],
    ['ledger', { asset: 'XXBT', startMs: SINCE }, ['fetchLedger', 'BTC', SINCE], ['ofs']],
    // cursor=true: the core asks for cursor paging; limit: CCXT does not forward it.
    ['deposits', { asset: 'XXBT', startMs: SINCE, limit: 10 }, ['fetchDeposits', 'BTC', SINCE, 10], ['cursor', 'limit']],
    ['withdrawals', { asset: 'XXBT', startMs: SINCE, limit: 10 }, ['fetchWithdrawals', 'BTC', SINCE, 10], ['cursor', 'limit']],
    ['serverTime', {}, ['fetchTime'], []],
    ['tickers', { pair: 'XXBTZUSD' }, ['fetchTickers', ['BTC/USD']], []],
  ];

  test.each(cases)('%s %j: same method, path and form parameters as CCXT', async (operation, params, [method, ...args], coreOnly) => {
    const ours = parts(coreRequest('kraken', operation, cred, params));
    const sent = await ccxtRequest('kraken', cred, method, ...args);
    const theirs = parts(sent);
    expect(ours.method).toBe(theirs.method);
    expect(ours.origin).toBe(theirs.origin);
    expect(ours.path).toBe(theirs.path);
    expect(ours.query).toEqual(theirs.query);
    if (ours.method === 'POST') {
      expect(sent.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
      const body = paramsOf(ours.body);
      expect(omit(body, coreOnly)).toEqual(paramsOf(theirs.body));
      expect(ours.body.startsWith(`nonce=${NOW}`)).toBe(true);
      for (const name of coreOnly) expect(paramsOf(theirs.body)).not.toHaveProperty(name);
    }
  });

  test('balances: the core\'s body and API-Sign are byte-identical to CCXT\'s fetchBalance', async () => {
    const ours = coreRequest('kraken', 'balances', cred);
    const theirs = await ccxtRequest('kraken', cred, 'fetchBalance');
    expect(ours.body).toBe(theirs.body);
    expect(ours.headers).toEqual(theirs.headers);
  });

  // CCXT's since is Kraken's `since` minus one interval, so the candle opening exactly at
  // `since` is included (CCXT treats Kraken's since as exclusive); the core sends startMs
  // as is. Same path, pair and interval; the start differs by exactly one interval.
  test('candles: same path, pair and interval; CCXT starts one interval earlier', async () => {
    const ours = parts(coreRequest('kraken', 'candles', undefined, { pair: 'XXBTZUSD', interval: '1d', startMs: SINCE }));
    const theirs = parts(await ccxtRequest('kraken', cred, 'fetchOHLCV', 'BTC/USD', '1d', SINCE));
    expect([ours.method, ours.origin, ours.path]).toEqual([theirs.method, theirs.origin, theirs.path]);
    expect(omit(ours.query, ['since'])).toEqual(omit(theirs.query, ['since']));
    expect(Number(ours.query.since)).toBe(SINCE / 1000);
    expect(Number(theirs.query.since)).toBe(SINCE / 1000 - 86_400);
  });

  // Kraken's HMAC is deterministic: CCXT's sign() with the core's parameters and nonce
  // must give the same body and the same API-Sign, for every private method.
  test.each([
    ['balances', {}, 'BalanceEx'],
    ['trades', { ofs: 50, startMs: SINCE, endMs: SINCE + DAY }, 'TradesHistory'],
    ['ledger', { asset: 'XXBT', type: 'deposit' }, 'Ledgers'],
    ['deposits', { asset: 'XBT', cursor: 'opaque/cursor+value=' }, 'DepositStatus'],
    ['withdrawals', {}, 'WithdrawStatus'],
  ])('%s: CCXT sign() gives the same body and API-Sign', (operation, params, krakenMethod) => {
    const ours = coreRequest('kraken', operation, cred, params);
    const body = [...new URLSearchParams(ours.body)].filter(([k]) => k !== 'nonce');
    const theirs = offline('kraken', cred).sign(krakenMethod, 'private', 'POST', Object.fromEntries(body));
    expect(theirs.url).toBe(ours.url);
    expect(theirs.method).toBe(ours.method);
    expect(theirs.body).toBe(ours.body);
    expect(theirs.headers).toEqual(ours.headers);
  });
});

// ----------------------------------------------------------------- Coinbase

function decodeJwt(authorization) {
  const token = authorization.replace(/^Bearer /, '');
  const [h, c, s] = token.split('.');
  const json = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  return { header: json(h), claims: json(c), input: Buffer.from(`${h}.${c}`), signature: Buffer.from(s, 'base64url') };
}

function publicKeyOf(keyType, secret) {
  if (keyType === 'ecdsa') return createPublicKey(secret);
  const seed = Buffer.from(secret, 'base64').subarray(0, 32);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
}

describe('Coinbase against CCXT', () => {
  // [operation, core params, CCXT method and args]
  const cases = [
    ['balances', {}, ['fetchBalance', { v3: true }]],
    ['permissions', {}, ['v3PrivateGetBrokerageKeyPermissions']],
    ['serverTime', {}, ['fetchTime', { method: 'v3PublicGetBrokerageTime' }]],
    ['tickers', { product_ids: ['BTC-USD'] }, ['fetchTickers', ['BTC/USD']]],
    ['candles', { product_id: 'BTC-USD', interval: '1d', startMs: SINCE, endMs: SINCE + 300 * DAY },
      ['fetchOHLCV', 'BTC/USD', '1d', SINCE, 300]],
  ];

  test.each(cases)('%s %j: same method, host, path and parameters as CCXT', async (operation, params, [method, ...args]) => {
    const cred = KEYS.coinbase.ecdsa;
    const ours = parts(coreRequest('coinbase', operation, cred, params));
    const theirs = parts(await ccxtRequest('coinbase', cred, method, ...args));
    expect([ours.method, ours.origin, ours.path]).toEqual([theirs.method, theirs.origin, theirs.path]);
    expect(ours.query).toEqual(theirs.query);
    expect(ours.body).toBe('');
  });

  // Fills: same path, limit and start instant. CCXT filters with the singular
  // `product_id`; the core with `product_ids`, the repeatable filter of the current
  // List Fills reference (exchange-apis.md §3.1). CCXT writes milliseconds into the
  // RFC 3339 time, the core whole seconds (the same instant here).
  test('trades: same path, limit and start time; product filter named per the current API', async () => {
    const cred = KEYS.coinbase.ecdsa;
    const ours = parts(coreRequest('coinbase', 'trades', cred, { product_ids: ['BTC-USD'], startMs: SINCE, limit: 100 }));
    const theirs = parts(await ccxtRequest('coinbase', cred, 'fetchMyTrades', 'BTC/USD', SINCE, 100));
    expect([ours.method, ours.origin, ours.path]).toEqual([theirs.method, theirs.origin, theirs.path]);
    expect(ours.query.limit).toBe(theirs.query.limit);
    expect(Date.parse(ours.query.start_sequence_timestamp)).toBe(Date.parse(theirs.query.start_sequence_timestamp));
    expect(ours.query.product_ids).toBe(theirs.query.product_id);
    expect(Object.keys(ours.query).sort()).toEqual(['limit', 'product_ids', 'start_sequence_timestamp']);
  });

  // Deposits and withdrawals: the core reads the account's full v2 transactions list
  // (it carries network, txid and status for both kinds), which is the endpoint of CCXT's
  // fetchLedger; CCXT's fetchDeposits/fetchWithdrawals use the narrower /deposits and
  // /withdrawals lists (fiat only) of the same account.
  test.each(['deposits', 'withdrawals'])('%s: the v2 transactions list of the account, as CCXT fetchLedger', async (operation) => {
    const cred = KEYS.coinbase.ecdsa;
    const ours = parts(coreRequest('coinbase', operation, cred, { account_id: ACCOUNT_ID }));
    const ledger = parts(await ccxtRequest('coinbase', cred, 'fetchLedger', 'BTC', undefined, undefined, { account_id: ACCOUNT_ID }));
    expect([ours.method, ours.origin, ours.path]).toEqual([ledger.method, ledger.origin, ledger.path]);
    const own = parts(await ccxtRequest('coinbase', cred, operation === 'deposits' ? 'fetchDeposits' : 'fetchWithdrawals',
      'BTC', undefined, undefined, { account_id: ACCOUNT_ID }));
    expect(own.path).toBe(`/v2/accounts/${ACCOUNT_ID}/${operation}`);
  });

  // The JWT. ES256 uses random ECDSA nonces in CCXT, so signatures cannot be compared;
  // the token layout can. Same: alg, kid, sub, nbf, exp and the uri string (method, host,
  // path, no query). Different by design: CCXT's ECDSA tokens follow coinbase-advanced-py
  // (iss "coinbase-cloud", aud, iat) and its Ed25519 tokens cdp-sdk (aud, iat and an
  // array `uris`); the core uses the documented CDP form (iss "cdp", one `uri`).
  test.each([
    ['ecdsa', 'balances', {}, ['fetchBalance', { v3: true }]],
    ['ecdsa', 'trades', { product_ids: ['BTC-USD'] }, ['fetchMyTrades', 'BTC/USD']],
    ['ecdsa', 'permissions', {}, ['v3PrivateGetBrokerageKeyPermissions']],
    ['ecdsa', 'deposits', { account_id: ACCOUNT_ID }, ['fetchLedger', 'BTC', undefined, undefined, { account_id: ACCOUNT_ID }]],
    ['ed25519', 'balances', {}, ['fetchBalance', { v3: true }]],
    ['ed25519', 'trades', { product_ids: ['BTC-USD'] }, ['fetchMyTrades', 'BTC/USD']],
    ['ed25519', 'permissions', {}, ['v3PrivateGetBrokerageKeyPermissions']],
  ])('%s %s: JWT header and claims agree with CCXT\'s where the formats overlap', async (keyType, operation, params, [method, ...args]) => {
    const cred = KEYS.coinbase[keyType];
    const ours = coreRequest('coinbase', operation, cred, params);
    const sent = await ccxtRequest('coinbase', cred, method, ...args);
    const a = decodeJwt(ours.headers.Authorization);
    const b = decodeJwt(sent.headers.Authorization);
    for (const field of ['alg', 'kid', 'typ']) expect(a.header[field]).toBe(b.header[field]);
    for (const field of ['sub', 'nbf', 'exp']) expect(a.claims[field]).toBe(b.claims[field]);
    const ccxtUri = keyType === 'ecdsa' ? b.claims.uri : b.claims.uris[0];
    expect(a.claims.uri).toBe(ccxtUri);
    expect(a.claims.uri).toBe(`GET api.coinbase.com${new URL(ours.url).pathname}`);
    expect(new URL(sent.url).pathname).toBe(new URL(ours.url).pathname);
    // Both tokens verify under the one public key: both read the secret the same way.
    const key = publicKeyOf(keyType, cred.secret);
    const check = (t) => (keyType === 'ecdsa'
      ? verify('sha256', t.input, { key, dsaEncoding: 'ieee-p1363' }, t.signature)
      : verify(null, t.input, key, t.signature));
    expect(check(a)).toBe(true);
    expect(check(b)).toBe(true);
    // The documented differences, so a change on either side is noticed.
    expect(a.claims.iss).toBe('cdp');
    expect(a.claims).not.toHaveProperty('aud');
    expect(b.claims.iss).toBe(keyType === 'ecdsa' ? 'coinbase-cloud' : 'cdp');
  });

  test('CCXT sign() with the core\'s parameters builds the core\'s exact URL', () => {
    const cred = KEYS.coinbase.ecdsa;
    for (const [operation, params, path, api] of [
      ['balances', { limit: 10, cursor: '789100' }, 'brokerage/accounts', ['v3', 'private']],
      ['trades', { product_ids: ['BTC-USD', 'ETH-USD'], limit: 50 }, 'brokerage/orders/historical/fills', ['v3', 'private']],
      ['permissions', {}, 'brokerage/key_permissions', ['v3', 'private']],
      ['serverTime', {}, 'brokerage/time', ['v3', 'public']],
      ['tickers', {}, 'brokerage/market/products', ['v3', 'public']],
    ]) {
      const ours = coreRequest('coinbase', operation, cred, params);
      const query = {};
      for (const [k, v] of new URLSearchParams(new URL(ours.url).search)) query[k] = k in query ? [].concat(query[k], v) : v;
      const theirs = offline('coinbase', cred).sign(path, api, 'GET', query);
      expect(theirs.url).toBe(ours.url);
    }
  });
});
