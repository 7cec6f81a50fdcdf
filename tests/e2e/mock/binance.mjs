// api.binance.com: Spot REST (public market data, SIGNED account endpoints, SAPI
// wallet endpoints). Requests are checked the way Binance documents: API-key
// header, mandatory params, signature over query||body (HMAC hex, or Ed25519 /
// RSA-SHA256 base64 verified with the registered public key), timestamp window.
import { createHmac, createPublicKey, timingSafeEqual, verify } from 'node:crypto';
import { json, reply, parseForm, firstParam, intParam, strictBase64 } from './http.mjs';
import { candle, bucketTimes, nextBucket } from './candles.mjs';
import * as dec from './decimal.mjs';

const MIN = 60_000;
const DAY = 86_400_000;

function err(status, code, msg) {
  return json(status, { code, msg }, {}, `rejected ${code} ${msg}`);
}

const mandatory = (name) =>
  err(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
const illegal = (name) =>
  err(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
const invalidSymbol = () => err(400, -1121, 'Invalid symbol.');
const badCombination = () => err(400, -1128, 'Combination of optional parameters invalid.');

// HMAC signature over `payload` with the secret's ASCII bytes, hex.
export function binanceHmac(secret, payload) {
  return createHmac('sha256', Buffer.from(secret, 'latin1')).update(payload).digest('hex');
}

function signatureValid(key, payload, signature) {
  const data = Buffer.from(payload, 'utf8');
  if (key.keyType === 'hmac') {
    if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
    const want = Buffer.from(binanceHmac(key.secret, payload), 'hex');
    return timingSafeEqual(want, Buffer.from(signature, 'hex')); // hex is case-insensitive
  }
  const sig = strictBase64(signature);
  if (!sig) return false;
  const pub = createPublicKey(key.publicKeyPem);
  if (key.keyType === 'ed25519') return sig.length === 64 && verify(null, data, pub, sig);
  if (key.keyType === 'rsa') return verify('sha256', data, pub, sig);
  return false;
}

// The signed payload is what was sent, query then body, minus the signature.
function withoutSignature(raw) {
  return raw
    .split('&')
    .filter((part) => !/^signature(=|$)/.test(part))
    .join('&');
}

const INTERVALS = {
  '1s': 1000, '1m': MIN, '3m': 3 * MIN, '5m': 5 * MIN, '15m': 15 * MIN, '30m': 30 * MIN,
  '1h': 60 * MIN, '2h': 120 * MIN, '4h': 240 * MIN, '6h': 360 * MIN, '8h': 480 * MIN, '12h': 720 * MIN,
  '1d': DAY, '3d': 3 * DAY, '1w': 'week', '1M': 'month',
};

function tickerFull(symbol, t, now) {
  const high = dec.fixed(dec.mul(dec.cmp(t.last, t.open) >= 0 ? t.last : t.open, '1.01'), 8);
  const low = dec.fixed(dec.mul(dec.cmp(t.last, t.open) >= 0 ? t.open : t.last, '0.99'), 8);
  const change = dec.fixed(dec.sub(t.last, t.open), 8);
  return {
    symbol,
    priceChange: change,
    priceChangePercent: dec.fixed(dec.div(dec.mul(change, '100'), t.open, 3), 3),
    weightedAvgPrice: dec.fixed(dec.div(dec.add(t.last, t.open), '2', 8), 8),
    prevClosePrice: t.open,
    lastPrice: t.last,
    lastQty: '0.01000000',
    bidPrice: t.last,
    bidQty: '1.00000000',
    askPrice: dec.fixed(dec.add(t.last, '0.00000001'), 8),
    askQty: '1.00000000',
    openPrice: t.open,
    highPrice: high,
    lowPrice: low,
    volume: t.volume,
    quoteVolume: dec.fixed(dec.mul(t.volume, t.last), 8),
    openTime: now - DAY,
    closeTime: now,
    firstId: 1000,
    lastId: 2000,
    count: 1001,
  };
}

function tickerMini(symbol, t, now) {
  const f = tickerFull(symbol, t, now);
  const keep = ['symbol', 'openPrice', 'highPrice', 'lowPrice', 'lastPrice', 'volume', 'quoteVolume',
    'openTime', 'closeTime', 'firstId', 'lastId', 'count'];
  return Object.fromEntries(keep.map((k) => [k, f[k]]));
}

// `symbols=["A","B"]` (JSON array) into a list, or null when malformed.
function parseSymbols(raw) {
  try {
    const list = JSON.parse(raw);
    return Array.isArray(list) && list.length > 0 && list.every((s) => typeof s === 'string') ? list : null;
  } catch {
    return null;
  }
}

function selectTickers(b, p, mapOne) {
  const symbol = firstParam(p, 'symbol');
  const symbolsRaw = firstParam(p, 'symbols');
  if (symbol !== undefined && symbolsRaw !== undefined) return { error: badCombination() };
  if (symbol !== undefined) {
    if (!b.tickers[symbol]) return { error: invalidSymbol() };
    return { value: mapOne(symbol, b.tickers[symbol]), count: 1, single: true };
  }
  if (symbolsRaw !== undefined) {
    const list = parseSymbols(symbolsRaw);
    if (!list) return { error: err(400, -1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.") };
    if (list.some((s) => !b.tickers[s])) return { error: invalidSymbol() };
    return { value: list.map((s) => mapOne(s, b.tickers[s])), count: list.length };
  }
  return { value: Object.entries(b.tickers).map(([s, t]) => mapOne(s, t)), count: Infinity };
}

const ENDPOINTS = {
  '/api/v3/time': { weight: 1, params: [], run: (c) => json(200, { serverTime: Math.floor(c.now) }) },
  '/api/v3/ticker/24hr': {
    params: ['symbol', 'symbols', 'type'],
    weight: (p) => (firstParam(p, 'symbol') ? 2 : firstParam(p, 'symbols') ? 40 : 80),
    run(c, p) {
      const type = firstParam(p, 'type') ?? 'FULL';
      if (type !== 'FULL' && type !== 'MINI') return err(400, -1100, "Illegal characters found in parameter 'type'; legal range is 'FULL, MINI'.");
      const now = Math.floor(c.now);
      const sel = selectTickers(c.b, p, (s, t) => (type === 'MINI' ? tickerMini(s, t, now) : tickerFull(s, t, now)));
      return sel.error ?? json(200, sel.value);
    },
  },
  '/api/v3/ticker/price': {
    params: ['symbol', 'symbols'],
    weight: (p) => (firstParam(p, 'symbol') ? 2 : 4),
    run(c, p) {
      const sel = selectTickers(c.b, p, (symbol, t) => ({ symbol, price: t.last }));
      return sel.error ?? json(200, sel.value);
    },
  },
  '/api/v3/klines': {
    weight: 2,
    params: ['symbol', 'interval', 'startTime', 'endTime', 'timeZone', 'limit'],
    run(c, p) {
      const symbol = firstParam(p, 'symbol');
      if (!symbol) return mandatory('symbol');
      const interval = firstParam(p, 'interval');
      if (!interval) return mandatory('interval');
      const ticker = c.b.tickers[symbol];
      if (!ticker) return invalidSymbol();
      const len = INTERVALS[interval];
      if (!len) return err(400, -1120, 'Invalid interval.');
      const nums = {};
      for (const name of ['startTime', 'endTime', 'limit']) {
        nums[name] = intParam(firstParam(p, name));
        if (Number.isNaN(nums[name])) return illegal(name);
      }
      const limit = Math.min(Math.max(nums.limit ?? 500, 1), 1000);
      const now = Math.floor(c.now);
      const end = Math.min(nums.endTime ?? now, now);
      const start = nums.startTime ?? 0;
      const times = bucketTimes(start, end, len, limit, nums.startTime !== undefined);
      const newest = bucketTimes(now, now, len, 1, false)[0];
      const rows = times.map((t) => {
        const k = candle(symbol, t, { last: ticker.last, open24h: ticker.open, places: 8, closeIsLast: t === newest });
        return [t, k.open, k.high, k.low, k.close, k.volume, nextBucket(t, len) - 1,
          dec.fixed(dec.mul(k.volume, k.close), 8), 100, dec.fixed(dec.div(k.volume, '2', 8), 8),
          dec.fixed(dec.div(dec.mul(k.volume, k.close), '2', 8), 8), '0'];
      });
      return json(200, rows);
    },
  },
  '/api/v3/account': {
    signed: true,
    weight: 20,
    params: ['omitZeroBalances'],
    run(c, p) {
      const omit = firstParam(p, 'omitZeroBalances');
      if (omit !== undefined && omit !== 'true' && omit !== 'false') {
        return err(400, -1100, "Illegal characters found in parameter 'omitZeroBalances'; legal range is 'true, false'.");
      }
      let balances = c.b.balances.map(({ asset, free, locked }) => ({ asset, free, locked }));
      if (omit === 'true') balances = balances.filter((x) => !dec.isZero(dec.add(x.free, x.locked)));
      return json(200, {
        makerCommission: 10, takerCommission: 10, buyerCommission: 0, sellerCommission: 0,
        commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
        canTrade: true, canWithdraw: true, canDeposit: true, brokered: false, requireSelfTradePrevention: false,
        preventSor: false, updateTime: c.b.updateTime, accountType: 'SPOT', balances,
        permissions: ['SPOT'], uid: c.b.uid,
      });
    },
  },
  '/api/v3/myTrades': {
    signed: true,
    weight: (p) => (firstParam(p, 'orderId') ? 5 : 20),
    params: ['symbol', 'orderId', 'startTime', 'endTime', 'fromId', 'limit'],
    run(c, p) {
      const symbol = firstParam(p, 'symbol');
      if (!symbol) return mandatory('symbol');
      if (!c.b.tickers[symbol]) return invalidSymbol();
      const n = {};
      for (const name of ['orderId', 'startTime', 'endTime', 'fromId', 'limit']) {
        n[name] = intParam(firstParam(p, name));
        if (Number.isNaN(n[name])) return illegal(name);
      }
      const hasTime = n.startTime !== undefined || n.endTime !== undefined;
      if (n.fromId !== undefined && hasTime) return badCombination();
      if (n.orderId !== undefined && hasTime) return badCombination();
      const limit = Math.min(Math.max(n.limit ?? 500, 1), 1000);
      let list = [...(c.b.trades[symbol] ?? [])].sort((a, b) => a.id - b.id);
      if (n.orderId !== undefined) list = list.filter((t) => t.orderId === n.orderId);
      if (n.fromId !== undefined) return json(200, list.filter((t) => t.id >= n.fromId).slice(0, limit));
      if (hasTime) {
        let { startTime: from, endTime: to } = n;
        if (from !== undefined && to !== undefined && to - from > DAY) {
          return err(400, -1127, 'More than 24 hours between startTime and endTime.');
        }
        if (from === undefined) from = to - DAY;
        if (to === undefined) to = from + DAY;
        return json(200, list.filter((t) => t.time >= from && t.time <= to).slice(0, limit));
      }
      return json(200, list.slice(-limit)); // most recent, still oldest first
    },
  },
  '/sapi/v1/account/apiRestrictions': {
    signed: true,
    sapi: { ip: 1 },
    run(c) {
      const k = c.key;
      return json(200, {
        ipRestrict: k.ipRestricted, createTime: k.createTime, enableReading: k.canRead,
        enableWithdrawals: k.canWithdraw, enableInternalTransfer: k.canTransfer, enableMargin: false,
        enableFutures: false, permitsUniversalTransfer: k.canTransfer, enableVanillaOptions: false,
        enableFixApiTrade: false, enableFixReadOnly: k.canRead, enableSpotAndMarginTrading: k.canTrade,
        enablePortfolioMarginTrading: false,
      });
    },
  },
  '/sapi/v1/capital/deposit/hisrec': {
    signed: true,
    sapi: { ip: 1 },
    run: (c, p) => capitalHistory(c, p, c.b.deposits, (d) => d.insertTime),
  },
  '/sapi/v1/capital/withdraw/history': {
    signed: true,
    sapi: { uid: 18000 },
    run: (c, p) => capitalHistory(c, p, c.b.withdrawals, (w) => Date.parse(`${w.applyTime.replace(' ', 'T')}Z`)),
  },
};

// Deposit/withdraw history: coin/status filters, a window of at most 90 days
// (default: the last 90 days), offset/limit, newest first.
function capitalHistory(c, p, items, timeOf) {
  const n = {};
  for (const name of ['status', 'startTime', 'endTime', 'offset', 'limit']) {
    n[name] = intParam(firstParam(p, name));
    if (Number.isNaN(n[name])) return illegal(name);
  }
  const now = Math.floor(c.now);
  let to = n.endTime ?? (n.startTime !== undefined ? Math.min(now, n.startTime + 90 * DAY) : now);
  const from = n.startTime ?? to - 90 * DAY;
  if (to - from > 90 * DAY) return err(400, -1127, 'More than 90 days between startTime and endTime.');
  to = Math.max(to, from);
  const coin = firstParam(p, 'coin');
  const limit = Math.min(Math.max(n.limit ?? 1000, 1), 1000);
  const list = items
    .filter((x) => (coin === undefined || x.coin === coin) && (n.status === undefined || x.status === n.status))
    .filter((x) => timeOf(x) >= from && timeOf(x) <= to)
    .sort((a, b) => timeOf(b) - timeOf(a))
    .slice(n.offset ?? 0, (n.offset ?? 0) + limit);
  return json(200, list);
}

// Checks of a SIGNED request, in Binance's order. Returns {key} or {error}.
function authenticate(c, pairs) {
  const apiKey = c.headers['x-mbx-apikey'];
  if (apiKey === undefined || !/^[A-Za-z0-9]{64}$/.test(apiKey)) {
    return { error: err(401, -2014, 'API-key format invalid.') };
  }
  const key = c.b.keys[apiKey];
  if (!key || key.revoked || !key.canRead) {
    return { error: err(401, -2015, 'Invalid API-key, IP, or permissions for action.') };
  }
  const timestamp = firstParam(pairs, 'timestamp');
  if (!timestamp || !/^\d{1,16}$/.test(timestamp)) return { error: mandatory('timestamp') };
  const signature = firstParam(pairs, 'signature');
  if (!signature) return { error: mandatory('signature') };
  const rw = firstParam(pairs, 'recvWindow');
  if (rw !== undefined && !/^\d{1,5}(\.\d{1,3})?$/.test(rw)) {
    return { error: err(400, -1100, "Illegal characters found in parameter 'recvWindow'; legal range is '^[0-9]{1,5}(\\.[0-9]{1,3})?$'.") };
  }
  const recvWindow = rw === undefined ? 5000 : Number(rw);
  if (recvWindow > 60000) return { error: err(400, -1131, 'recvWindow must be less than 60000') };
  const payload = withoutSignature(c.rawQuery) + withoutSignature(c.body);
  if (!signatureValid(key, payload, signature)) {
    return { error: err(400, -1022, 'Signature for this request is not valid.') };
  }
  // 16-digit timestamps are microseconds.
  const ts = timestamp.length >= 16 ? Number(timestamp) / 1000 : Number(timestamp);
  if (ts >= c.now + 1000) {
    return { error: err(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.") };
  }
  if (c.now - ts > recvWindow) {
    return { error: err(400, -1021, 'Timestamp for this request is outside of the recvWindow.') };
  }
  return { key };
}

// Request weight per minute window, reported (and enforced) like Binance.
function chargeWeight(c, endpoint, pairs) {
  const minute = Math.floor(c.now / MIN);
  const w = c.runtime;
  if (w.minute !== minute) Object.assign(w, { minute, ip: 0, sapiIp: 0, sapiUid: 0 });
  if (endpoint?.sapi) {
    w.sapiIp += endpoint.sapi.ip ?? 0;
    w.sapiUid += endpoint.sapi.uid ?? 0;
    return { 'x-sapi-used-ip-weight-1m': `${w.sapiIp}`, 'x-sapi-used-uid-weight-1m': `${w.sapiUid}` };
  }
  const weight = typeof endpoint?.weight === 'function' ? endpoint.weight(pairs) : (endpoint?.weight ?? 1);
  w.ip += weight;
  return { 'x-mbx-used-weight': `${w.ip}`, 'x-mbx-used-weight-1m': `${w.ip}` };
}

export function handleBinance(c) {
  c.b = c.state.binance;
  const endpoint = ENDPOINTS[c.path];
  let pairs;
  try {
    pairs = [...parseForm(c.rawQuery), ...parseForm(c.body)];
  } catch {
    return err(400, -1100, 'Illegal characters found in a parameter.');
  }
  const headers = chargeWeight(c, endpoint, pairs);
  const result = run(c, endpoint, pairs);
  result.headers = { ...headers, ...result.headers };
  return result;
}

function run(c, endpoint, pairs) {
  if (!endpoint || c.method !== 'GET') return reply(404, '', { 'content-type': 'text/html' }, 'not found');
  if (!endpoint.sapi && c.runtime.ip > c.b.weightLimit1m) {
    return rateLimitBody(429, undefined, c.now);
  }
  const names = pairs.map(([k]) => k);
  if (new Set(names).size !== names.length) return err(400, -1101, 'Duplicate values for a parameter detected.');
  if (endpoint.signed) {
    const auth = authenticate(c, pairs);
    if (auth.error) return auth.error;
    c.key = auth.key;
  }
  if (!endpoint.sapi) {
    // Binance reads only the parameters an endpoint knows; the rest is an error.
    const known = new Set([...endpoint.params, ...(endpoint.signed ? ['timestamp', 'signature', 'recvWindow'] : [])]);
    const read = names.filter((n) => known.has(n)).length;
    if (read !== names.length) {
      return err(400, -1104, `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${names.length}'.`);
    }
  }
  return endpoint.run(c, pairs);
}

export function rateLimitBody(status, retryAfter, now) {
  const headers = retryAfter !== undefined ? { 'retry-after': `${retryAfter}` } : {};
  if (status === 418) {
    const until = Math.floor(now) + (retryAfter ?? 120) * 1000;
    return json(418, { code: -1003, msg: `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.` }, headers, 'fault 418');
  }
  return json(429, { code: -1003, msg: 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.' }, headers, 'fault 429');
}

export function serverErrorBody(status) {
  if (status === 503) return json(503, { code: -1008, msg: 'Server is currently overloaded with other requests. Please try again in a few minutes.' }, {}, 'fault 503');
  return json(status, { code: -1000, msg: 'An unknown error occurred while processing the request.' }, {}, `fault ${status}`);
}
