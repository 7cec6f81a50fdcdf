// api.coinbase.com: Advanced Trade v3 (/api/v3/brokerage/...) and the Coinbase
// App v2 accounts/transactions, authenticated with a CDP JWT per request
// (ES256 over P-256, or EdDSA over Ed25519). Any JWT problem is a plain-text
// 401 "Unauthorized", as Coinbase answers; the request log says which check failed.
import { createPublicKey, verify } from 'node:crypto';
import { json, text, parseForm, firstParam, allParams, strictBase64Url } from './http.mjs';
import { candle, bucketTimes } from './candles.mjs';
import * as dec from './decimal.mjs';
import { iso } from './state.mjs';

const HOST = 'api.coinbase.com';
const JWT_MAX_LIFETIME_S = 120;
const JWT_LEEWAY_S = 5;

const unauthorized = (why) => text(401, 'Unauthorized\n', {}, `rejected jwt: ${why}`);

function v3Error(status, error, message) {
  return json(status, { error, error_details: message, message }, {}, `rejected ${error}: ${message}`);
}

function v2Error(status, id, message) {
  return json(status, { errors: [{ id, message }] }, {}, `rejected ${id}: ${message}`);
}

function decodeJson(seg) {
  const buf = strictBase64Url(seg);
  if (!buf) return null;
  try {
    const v = JSON.parse(buf.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

// Returns {key} or {why}: the JWT must be signed by a registered, unrevoked key
// and bound to this very request (method, host, path without the query).
export function checkJwt(cb, method, path, authorization, nowMs) {
  const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!m) return { why: 'no bearer JWT' };
  const header = decodeJson(m[1]);
  const claims = decodeJson(m[2]);
  if (!header || !claims) return { why: 'undecodable JWT' };
  if (typeof header.kid !== 'string') return { why: 'header kid missing' };
  if (typeof header.nonce !== 'string' || header.nonce === '') return { why: 'header nonce missing' };
  const key = cb.keys[header.kid];
  if (!key) return { why: 'unknown kid' };
  if (key.revoked) return { why: 'key revoked' };
  const alg = key.keyType === 'ed25519' ? 'EdDSA' : 'ES256';
  if (header.alg !== alg) return { why: `alg ${header.alg} for a ${key.keyType} key` };
  const sig = strictBase64Url(m[3]);
  const data = Buffer.from(`${m[1]}.${m[2]}`);
  const pub = createPublicKey(key.publicKeyPem);
  const valid = alg === 'ES256'
    ? sig.length === 64 && verify('sha256', data, { key: pub, dsaEncoding: 'ieee-p1363' }, sig)
    : sig.length === 64 && verify(null, data, pub, sig);
  if (!valid) return { why: 'bad signature' };
  if (claims.sub !== header.kid) return { why: 'sub is not the key name' };
  if (claims.iss !== 'cdp' && claims.iss !== 'coinbase-cloud') return { why: `iss ${claims.iss}` };
  const now = Math.floor(nowMs / 1000);
  if (!Number.isInteger(claims.nbf) || !Number.isInteger(claims.exp)) return { why: 'nbf/exp not integers' };
  if (claims.nbf > now + JWT_LEEWAY_S) return { why: 'not yet valid (nbf)' };
  if (claims.exp <= now) return { why: 'expired' };
  if (claims.exp - claims.nbf > JWT_MAX_LIFETIME_S) return { why: 'lifetime over 2 minutes' };
  const want = `${method} ${HOST}${path}`;
  const uris = Array.isArray(claims.uris) ? claims.uris : [claims.uri];
  if (!uris.includes(want)) return { why: `uri ${JSON.stringify(claims.uri ?? claims.uris)} is not ${JSON.stringify(want)}` };
  return { key };
}

function productJson(id, p) {
  const change = dec.sub(p.last, p.open);
  const names = { BTC: 'Bitcoin', ETH: 'Ethereum', SOL: 'Solana', USD: 'US Dollar', USDC: 'USDC', USDT: 'Tether' };
  return {
    product_id: id, price: p.last, price_percentage_change_24h: dec.div(dec.mul(change, '100'), p.open, 8),
    volume_24h: p.volume, volume_percentage_change_24h: '0', base_increment: '0.00000001', quote_increment: '0.01',
    quote_min_size: '1', quote_max_size: '150000000', base_min_size: '0.00000001', base_max_size: '3400',
    base_name: names[p.base] ?? p.base, quote_name: names[p.quote] ?? p.quote, watched: false, is_disabled: false,
    new: false, status: 'online', cancel_only: false, limit_only: false, post_only: false, trading_disabled: false,
    auction_mode: false, product_type: 'SPOT', quote_currency_id: p.quote, base_currency_id: p.base,
    fcm_trading_session_details: null, mid_market_price: '', alias: '', alias_to: [], base_display_symbol: p.base,
    quote_display_symbol: p.quote, view_only: false, price_increment: '0.01', display_name: `${p.base}-${p.quote}`,
    product_venue: 'CBE',
  };
}

const GRANULARITY = {
  ONE_MINUTE: 60, FIVE_MINUTE: 300, FIFTEEN_MINUTE: 900, THIRTY_MINUTE: 1800, ONE_HOUR: 3600,
  TWO_HOUR: 7200, FOUR_HOUR: 14400, SIX_HOUR: 21600, ONE_DAY: 86400,
};

function candles(c, p, id) {
  const prod = c.cb.products[id];
  if (!prod) return v3Error(404, 'NOT_FOUND', `ProductID ${id} could not be found`);
  const start = firstParam(p, 'start');
  const end = firstParam(p, 'end');
  const gran = GRANULARITY[firstParam(p, 'granularity') ?? ''];
  if (!start || !/^\d+$/.test(start)) return v3Error(400, 'INVALID_ARGUMENT', 'start is required');
  if (!end || !/^\d+$/.test(end)) return v3Error(400, 'INVALID_ARGUMENT', 'end is required');
  if (!gran) return v3Error(400, 'INVALID_ARGUMENT', 'granularity is required');
  const from = Number(start) * 1000;
  const to = Math.min(Number(end) * 1000, Math.floor(c.now));
  if (to < from) return v3Error(400, 'INVALID_ARGUMENT', 'start must be before end');
  const len = gran * 1000;
  if ((to - from) / len > 350) {
    return v3Error(400, 'INVALID_ARGUMENT', 'start and end argument is invalid - number of candles requested should be less than 350');
  }
  const places = (prod.last.split('.')[1] ?? '').length;
  const newest = bucketTimes(c.now, c.now, len, 1, false)[0];
  const rows = bucketTimes(from, to, len, 351, true).reverse().map((t) => {
    const k = candle(id, t, { last: prod.last, open24h: prod.open, places, closeIsLast: t === newest });
    return { start: `${t / 1000}`, low: k.low, high: k.high, open: k.open, close: k.close, volume: k.volume };
  });
  return json(200, { candles: rows });
}

// Cursor pages over `list`: the cursor names the last item returned.
function cursorPage(list, p, idOf, defaultLimit, maxLimit) {
  const limitRaw = firstParam(p, 'limit');
  if (limitRaw !== undefined && !/^\d+$/.test(limitRaw)) return { error: v3Error(400, 'INVALID_ARGUMENT', 'invalid limit') };
  const limit = Math.min(Math.max(Number(limitRaw ?? defaultLimit) || defaultLimit, 1), maxLimit);
  const cursor = firstParam(p, 'cursor');
  let from = 0;
  if (cursor) {
    const i = list.findIndex((x) => idOf(x) === cursor);
    if (i < 0) return { error: v3Error(400, 'INVALID_ARGUMENT', 'invalid cursor') };
    from = i + 1;
  }
  const items = list.slice(from, from + limit);
  const hasNext = from + limit < list.length;
  return { items, hasNext, cursor: hasNext ? idOf(items.at(-1)) : '' };
}

function v2Account(a) {
  const fiat = a.type === 'ACCOUNT_TYPE_FIAT';
  return {
    id: a.uuid, name: a.name, primary: a.currency === 'BTC', type: fiat ? 'fiat' : 'wallet',
    currency: { code: a.currency, name: a.currency, color: '#5B5B5B', sort_index: 100, exponent: fiat ? 2 : 8, type: fiat ? 'fiat' : 'crypto' },
    balance: { amount: dec.add(a.available_balance.value, a.hold.value), currency: a.currency },
    created_at: a.created_at, updated_at: a.updated_at, resource: 'account', resource_path: `/v2/accounts/${a.uuid}`,
    allow_deposits: true, allow_withdrawals: true,
  };
}

// v2 pagination: newest first, `starting_after` = id of the previous page's last item.
function v2List(c, p, list, basePath) {
  const limitRaw = firstParam(p, 'limit');
  if (limitRaw !== undefined && (!/^\d+$/.test(limitRaw) || Number(limitRaw) > 100)) {
    return v2Error(400, 'invalid_request', 'limit must be between 0 and 100');
  }
  const limit = Number(limitRaw ?? '25') || 25;
  const order = firstParam(p, 'order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return v2Error(400, 'invalid_request', 'order must be asc or desc');
  const ordered = order === 'desc' ? list : [...list].reverse();
  const after = firstParam(p, 'starting_after');
  let from = 0;
  if (after) {
    const i = ordered.findIndex((x) => x.id === after);
    if (i < 0) return v2Error(400, 'invalid_request', 'starting_after is not valid');
    from = i + 1;
  }
  const data = ordered.slice(from, from + limit);
  const more = from + limit < ordered.length;
  const body = {
    pagination: {
      ending_before: null, starting_after: after ?? null, previous_ending_before: null,
      next_starting_after: more ? data.at(-1).id : null, limit, order, previous_uri: null,
      next_uri: more ? `${basePath}?limit=${limit}&order=${order}&starting_after=${data.at(-1).id}` : null,
    },
    data,
  };
  if (!c.headers['cb-version']) {
    body.warnings = [{ id: 'missing_version', message: 'Please supply API version (YYYY-MM-DD) as CB-VERSION header', url: 'https://developers.coinbase.com/api#versioning' }];
  }
  return json(200, body);
}

const PUBLIC = [
  [/^\/api\/v3\/brokerage\/time$/, (c) => {
    const ms = Math.floor(c.now);
    return json(200, { iso: new Date(ms).toISOString(), epochSeconds: `${Math.floor(ms / 1000)}`, epochMillis: `${ms}` });
  }],
  [/^\/api\/v3\/brokerage\/(?:market\/)?products$/, (c, p) => {
    let ids = Object.keys(c.cb.products);
    const wanted = allParams(p, 'product_ids');
    if (wanted.length) ids = ids.filter((id) => wanted.includes(id));
    const type = firstParam(p, 'product_type');
    if (type && type !== 'SPOT') ids = [];
    const offset = Number(firstParam(p, 'offset') ?? '0') || 0;
    const limit = Number(firstParam(p, 'limit') ?? '0') || ids.length;
    const page = ids.slice(offset, offset + limit);
    return json(200, { products: page.map((id) => productJson(id, c.cb.products[id])), num_products: ids.length });
  }],
  [/^\/api\/v3\/brokerage\/(?:market\/)?products\/([A-Z0-9]+-[A-Z0-9]+)\/candles$/, (c, p, m) => candles(c, p, m[1])],
  [/^\/api\/v3\/brokerage\/(?:market\/)?products\/([^/]+)$/, (c, p, m) => {
    const prod = c.cb.products[m[1]];
    return prod ? json(200, productJson(m[1], prod)) : v3Error(404, 'NOT_FOUND', `ProductID ${m[1]} could not be found`);
  }],
];

const PRIVATE = [
  [/^\/api\/v3\/brokerage\/accounts$/, (c, p) => {
    const pg = cursorPage(c.cb.accounts, p, (a) => a.uuid, 49, 250);
    if (pg.error) return pg.error;
    return json(200, { accounts: pg.items, has_next: pg.hasNext, cursor: pg.cursor, size: pg.items.length });
  }],
  [/^\/api\/v3\/brokerage\/accounts\/([^/]+)$/, (c, p, m) => {
    const a = c.cb.accounts.find((x) => x.uuid === m[1]);
    return a ? json(200, { account: a }) : v3Error(404, 'NOT_FOUND', 'account not found');
  }],
  [/^\/api\/v3\/brokerage\/key_permissions$/, (c) => json(200, {
    can_view: c.key.canRead, can_trade: c.key.canTrade, can_transfer: c.key.canTransfer || c.key.canWithdraw,
    portfolio_uuid: c.key.portfolioUuid, portfolio_type: 'DEFAULT',
  })],
  [/^\/api\/v3\/brokerage\/orders\/historical\/fills$/, (c, p) => {
    const products = [...allParams(p, 'product_ids'), ...allParams(p, 'product_id')];
    const orders = allParams(p, 'order_ids');
    const trades = allParams(p, 'trade_ids');
    const startRaw = firstParam(p, 'start_sequence_timestamp');
    const endRaw = firstParam(p, 'end_sequence_timestamp');
    const start = startRaw ? Date.parse(startRaw) : undefined;
    const end = endRaw ? Date.parse(endRaw) : undefined;
    if (Number.isNaN(start) || Number.isNaN(end)) return v3Error(400, 'INVALID_ARGUMENT', 'invalid sequence timestamp');
    const list = c.cb.fills.filter((f) => (!products.length || products.includes(f.product_id))
      && (!orders.length || orders.includes(f.order_id)) && (!trades.length || trades.includes(f.trade_id))
      && (start === undefined || Date.parse(f.sequence_timestamp) >= start)
      && (end === undefined || Date.parse(f.sequence_timestamp) <= end));
    const pg = cursorPage(list, p, (f) => f.entry_id, 100, 1000);
    if (pg.error) return pg.error;
    return json(200, { fills: pg.items, cursor: pg.cursor });
  }],
  [/^\/v2\/accounts$/, (c, p) => v2List(c, p, c.cb.accounts.map(v2Account), '/v2/accounts')],
  [/^\/v2\/accounts\/([^/]+)$/, (c, p, m) => {
    const a = c.cb.accounts.find((x) => x.uuid === m[1]);
    return a ? json(200, { data: v2Account(a) }) : v2Error(404, 'not_found', 'Not found');
  }],
  [/^\/v2\/accounts\/([^/]+)\/transactions$/, (c, p, m) => {
    if (!c.cb.accounts.some((x) => x.uuid === m[1])) return v2Error(404, 'not_found', 'Not found');
    const list = [...(c.cb.transactions[m[1]] ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at));
    return v2List(c, p, list, `/v2/accounts/${m[1]}/transactions`);
  }],
];

function route(table, path) {
  for (const [re, run] of table) {
    const m = re.exec(path);
    if (m) return { run, m };
  }
  return null;
}

export function handleCoinbase(c) {
  c.cb = c.state.coinbase;
  let p;
  try {
    p = parseForm(c.rawQuery);
  } catch {
    return v3Error(400, 'INVALID_ARGUMENT', 'malformed query');
  }
  const pub = route(PUBLIC, c.path);
  // The authenticated twins (/products...) sit under the same patterns; only
  // /market/... and /time are public.
  if (pub && (c.path.includes('/market/') || c.path.endsWith('/time'))) {
    return c.method === 'GET' ? pub.run(c, p, pub.m) : v3Error(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
  }
  const priv = pub ?? route(PRIVATE, c.path);
  if (!priv) return v3Error(404, 'NOT_FOUND', 'Not Found');
  const auth = checkJwt(c.cb, c.method, c.path, c.headers.authorization, c.now);
  if (!auth.key) return unauthorized(auth.why);
  c.key = auth.key;
  if (!c.key.canRead) return v3Error(403, 'PERMISSION_DENIED', 'Missing required scopes');
  if (c.method !== 'GET') return v3Error(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
  return priv.run(c, p, priv.m);
}

export function rateLimitBody(status, retryAfter, now, path) {
  const headers = retryAfter !== undefined ? { 'retry-after': `${retryAfter}` } : {};
  if (path.startsWith('/v2/')) {
    return json(status, { errors: [{ id: 'rate_limit_exceeded', message: 'Too many requests' }] }, headers, `fault ${status}`);
  }
  return json(status, { error: 'RATE_LIMIT_EXCEEDED', error_details: 'Too many requests', message: 'Too many requests' }, headers, `fault ${status}`);
}

export function serverErrorBody(status) {
  const code = status === 503 ? 'UNAVAILABLE' : 'INTERNAL';
  return json(status, { error: code, error_details: 'internal error', message: 'internal error' }, {}, `fault ${status}`);
}

export { iso };
