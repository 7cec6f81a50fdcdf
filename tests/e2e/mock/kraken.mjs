// api.kraken.com: public GET /0/public/*, private POST /0/private/* signed with
// API-Sign = base64(HMAC-SHA512(base64dec(secret), path + SHA256(nonce + postdata))).
// Every answer is HTTP 200 with {"error":[...],"result":...}, as Kraken does.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { json, parseForm, firstParam, strictBase64 } from './http.mjs';
import { candle, bucketTimes } from './candles.mjs';
import * as dec from './decimal.mjs';

const PAGE = 50;

function ok(result) {
  return json(200, { error: [], result }, {}, 'ok');
}

export function krakenError(message, status = 200) {
  return json(status, { error: [message], result: {} }, {}, `rejected ${message}`);
}

export function krakenSign(secretB64, path, nonce, postData) {
  const inner = createHash('sha256').update(`${nonce}${postData}`).digest();
  return createHmac('sha512', Buffer.from(secretB64, 'base64'))
    .update(Buffer.concat([Buffer.from(path), inner]))
    .digest('base64');
}

function placesOf(s) {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

// Kraken finds a pair by its key (XXBTZUSD) or its altname (XBTUSD).
function findPair(k, name) {
  if (k.pairs[name]) return name;
  return Object.keys(k.pairs).find((key) => k.pairs[key].altname === name);
}

function pairsParam(k, raw) {
  if (raw === undefined || raw === '') return { keys: Object.keys(k.pairs) };
  const keys = [];
  for (const name of raw.split(',')) {
    const key = findPair(k, name.trim());
    if (!key) return { error: krakenError('EQuery:Unknown asset pair') };
    keys.push(key);
  }
  return { keys };
}

function rfc1123(ms) {
  const d = new Date(ms);
  const [wd, , mon] = d.toUTCString().split(' ');
  const p = (n) => `${n}`.padStart(2, '0');
  return `${wd} ${p(d.getUTCDate())} ${mon} ${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function tickerEntry(t) {
  const places = placesOf(t.last);
  const hi = dec.fixed(dec.mul(dec.cmp(t.last, t.open) >= 0 ? t.last : t.open, '1.01'), places);
  const lo = dec.fixed(dec.mul(dec.cmp(t.last, t.open) >= 0 ? t.open : t.last, '0.99'), places);
  const vwap = dec.fixed(dec.div(dec.add(t.last, t.open), '2', places), places);
  return {
    a: [dec.fixed(dec.add(t.last, `0.${'0'.repeat(Math.max(places - 1, 0))}1`), places), '1', '1.000'],
    b: [t.last, '2', '2.000'],
    c: [t.last, '0.01000000'],
    v: [t.volume, t.volume],
    p: [vwap, vwap],
    t: [5773, 6815],
    l: [lo, lo],
    h: [hi, hi],
    o: t.open,
  };
}

const OHLC_INTERVALS = [1, 5, 15, 30, 60, 240, 1440, 10080, 21600];

const PUBLIC = {
  Time: (c) => ok({ unixtime: Math.floor(c.now / 1000), rfc1123: rfc1123(c.now) }),
  Ticker(c, p) {
    const sel = pairsParam(c.k, firstParam(p, 'pair'));
    if (sel.error) return sel.error;
    return ok(Object.fromEntries(sel.keys.map((key) => [key, tickerEntry(c.k.pairs[key])])));
  },
  AssetPairs(c, p) {
    const sel = pairsParam(c.k, firstParam(p, 'pair'));
    if (sel.error) return sel.error;
    return ok(Object.fromEntries(sel.keys.map((key) => {
      const t = c.k.pairs[key];
      return [key, {
        altname: t.altname, wsname: t.wsname, aclass_base: 'currency', base: t.base, aclass_quote: 'currency',
        quote: t.quote, pair_decimals: placesOf(t.last), cost_decimals: 5, lot_decimals: 8, lot_multiplier: 1,
        fee_volume_currency: 'ZUSD', margin_call: 80, margin_stop: 40, ordermin: '0.0001', costmin: '0.5',
        tick_size: `0.${'0'.repeat(Math.max(placesOf(t.last) - 1, 0))}1`, status: 'online',
      }];
    })));
  },
  Assets(c, p) {
    const raw = firstParam(p, 'asset');
    const names = raw ? raw.split(',') : Object.keys(c.k.assets);
    const out = {};
    for (const name of names) {
      const key = c.k.assets[name] ? name : Object.keys(c.k.assets).find((a) => c.k.assets[a].altname === name);
      if (!key) return krakenError('EQuery:Unknown asset');
      out[key] = { aclass: 'currency', ...c.k.assets[key], status: 'enabled' };
    }
    return ok(out);
  },
  OHLC(c, p) {
    const pairRaw = firstParam(p, 'pair');
    if (!pairRaw) return krakenError('EGeneral:Invalid arguments');
    const key = findPair(c.k, pairRaw);
    if (!key) return krakenError('EQuery:Unknown asset pair');
    const interval = Number(firstParam(p, 'interval') ?? '1');
    if (!OHLC_INTERVALS.includes(interval)) return krakenError('EGeneral:Invalid arguments');
    const sinceRaw = firstParam(p, 'since');
    if (sinceRaw !== undefined && !/^\d+$/.test(sinceRaw)) return krakenError('EGeneral:Invalid arguments');
    const len = interval * 60_000;
    const now = Math.floor(c.now);
    const t = c.k.pairs[key];
    const places = placesOf(t.last);
    let times = bucketTimes(0, now, len, 720, false);
    if (sinceRaw !== undefined) times = times.filter((x) => x / 1000 > Number(sinceRaw));
    const rows = times.map((open) => {
      const k = candle(key, open, { last: t.last, open24h: t.open, places, closeIsLast: open === times.at(-1) });
      const vwap = dec.fixed(dec.div(dec.add(k.high, k.low), '2', places), places);
      return [open / 1000, k.open, k.high, k.low, k.close, vwap, k.volume, 23];
    });
    const all = bucketTimes(0, now, len, 2, false);
    return ok({ [key]: rows, last: all[0] / 1000 });
  },
};

function byTimeDesc(a, b) {
  return b.time - a.time;
}

function timeBound(raw, lookup) {
  if (raw === undefined) return { value: undefined };
  if (/^\d+(\.\d+)?$/.test(raw)) return { value: Number(raw) };
  const hit = lookup(raw);
  return hit ? { value: hit.time } : { error: true };
}

function page(list, p) {
  const ofsRaw = firstParam(p, 'ofs');
  if (ofsRaw !== undefined && !/^\d+$/.test(ofsRaw)) return { error: krakenError('EGeneral:Invalid arguments') };
  const ofs = Number(ofsRaw ?? '0');
  return { items: list.slice(ofs, ofs + PAGE), count: list.length };
}

const TRADE_TYPES = ['all', 'any position', 'closed position', 'closing position', 'no position'];
const LEDGER_TYPES = ['all', 'trade', 'deposit', 'withdrawal', 'transfer', 'margin', 'adjustment', 'rollover',
  'spend', 'receive', 'settled', 'credit', 'staking', 'reward', 'dividend', 'sale', 'conversion', 'nfttrade',
  'nftcreatorfee', 'nftrebate', 'custodytransfer'];

// Running balance per asset, as Kraken reports it on each ledger entry.
function withBalances(ledger) {
  const running = {};
  const out = new Map();
  for (const e of [...ledger].sort((a, b) => a.time - b.time)) {
    const next = dec.sub(dec.add(running[e.asset] ?? '0', e.amount), e.fee);
    running[e.asset] = next;
    out.set(e, { ...e, balance: dec.fixed(next, placesOf(e.amount)) });
  }
  return ledger.map((e) => out.get(e));
}

function transferStatus(c, p, type) {
  const asset = firstParam(p, 'asset');
  const list = c.k.ledger
    .filter((e) => e.type === type && (asset === undefined || e.asset === asset))
    .sort(byTimeDesc)
    .map((e) => ({
      method: e.asset === 'ZUSD' ? 'Bank Frick (SWIFT)' : 'Bitcoin', aclass: 'currency', asset: e.asset,
      refid: e.refid, txid: `tx${e.refid.replace(/-/g, '').toLowerCase()}`, info: 'mock', amount: e.amount.replace(/^-/, ''),
      fee: e.fee, time: Math.floor(e.time), status: 'Success',
    }));
  return ok(list);
}

const PRIVATE = {
  Balance: { scope: 'funds', run: (c) => ok({ ...c.k.balances }) },
  BalanceEx: {
    scope: 'funds',
    run: (c) => ok(Object.fromEntries(Object.entries(c.k.balances).map(([asset, balance]) => [
      asset, { balance, hold_trade: c.k.holds[asset] ?? '0.0000' },
    ]))),
  },
  TradesHistory: {
    scope: 'trades',
    run(c, p) {
      const type = firstParam(p, 'type') ?? 'all';
      if (!TRADE_TYPES.includes(type)) return krakenError('EGeneral:Invalid arguments');
      const find = (id) => c.k.trades.find((t) => t.txid === id);
      const start = timeBound(firstParam(p, 'start'), find);
      const end = timeBound(firstParam(p, 'end'), find);
      if (start.error || end.error) return krakenError('EGeneral:Invalid arguments');
      const list = c.k.trades
        .filter((t) => (start.value === undefined || t.time > start.value) && (end.value === undefined || t.time <= end.value))
        .sort(byTimeDesc);
      const pg = page(list, p);
      if (pg.error) return pg.error;
      return ok({ trades: Object.fromEntries(pg.items.map(({ txid, ...t }) => [txid, t])), count: pg.count });
    },
  },
  Ledgers: {
    scope: 'ledger',
    run(c, p) {
      const type = firstParam(p, 'type') ?? 'all';
      if (!LEDGER_TYPES.includes(type)) return krakenError('EGeneral:Invalid arguments:type');
      const assetRaw = firstParam(p, 'asset') ?? 'all';
      const assets = assetRaw === 'all' ? null : assetRaw.split(',');
      const find = (id) => c.k.ledger.find((e) => e.id === id);
      const start = timeBound(firstParam(p, 'start'), find);
      const end = timeBound(firstParam(p, 'end'), find);
      if (start.error || end.error) return krakenError('EGeneral:Invalid arguments');
      const list = withBalances(c.k.ledger)
        .filter((e) => (type === 'all' || e.type === type) && (!assets || assets.includes(e.asset)))
        .filter((e) => (start.value === undefined || e.time > start.value) && (end.value === undefined || e.time <= end.value))
        .sort(byTimeDesc);
      const pg = page(list, p);
      if (pg.error) return pg.error;
      return ok({ ledger: Object.fromEntries(pg.items.map(({ id, ...e }) => [id, e])), count: pg.count });
    },
  },
  DepositStatus: { scope: 'funds', run: (c, p) => transferStatus(c, p, 'deposit') },
  WithdrawStatus: { scope: 'ledger', run: (c, p) => transferStatus(c, p, 'withdrawal') },
};

// The body's parameters: form-encoded classically, JSON in the newer docs.
function bodyParams(c) {
  const type = c.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    const obj = JSON.parse(c.body || '{}');
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('not an object');
    return Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  }
  return parseForm(c.body);
}

function handlePrivate(c, method) {
  const endpoint = PRIVATE[method];
  if (!endpoint || c.method !== 'POST') return krakenError('EGeneral:Unknown method');
  const key = c.k.keys[c.headers['api-key'] ?? ''];
  if (!key || key.revoked) return krakenError('EAPI:Invalid key');
  let p;
  try {
    p = bodyParams(c);
  } catch {
    return krakenError('EGeneral:Invalid arguments');
  }
  const nonce = firstParam(p, 'nonce');
  const given = strictBase64(c.headers['api-sign'] ?? '');
  const want = Buffer.from(krakenSign(key.secret, c.path, nonce ?? '', c.body), 'base64');
  if (!given || given.length !== want.length || !timingSafeEqual(given, want)) {
    return krakenError('EAPI:Invalid signature');
  }
  if (nonce === undefined || !/^\d{1,20}$/.test(nonce)) return krakenError('EAPI:Invalid nonce');
  const last = c.k.nonces[key.apiKey];
  if (c.fault?.krakenInvalidNonce || (last !== undefined && BigInt(nonce) <= BigInt(last))) {
    return krakenError('EAPI:Invalid nonce');
  }
  c.k.nonces[key.apiKey] = nonce;
  if (!(key.scopes ?? []).includes(endpoint.scope)) return krakenError('EGeneral:Permission denied');
  return endpoint.run(c, p);
}

export function handleKraken(c) {
  c.k = c.state.kraken;
  const priv = /^\/0\/private\/([A-Za-z]+)$/.exec(c.path);
  if (priv) return handlePrivate(c, priv[1]);
  const pub = /^\/0\/public\/([A-Za-z]+)$/.exec(c.path);
  if (!pub || !PUBLIC[pub[1]]) return krakenError('EGeneral:Unknown method');
  let p;
  try {
    p = [...parseForm(c.rawQuery), ...(c.method === 'POST' ? parseForm(c.body) : [])];
  } catch {
    return krakenError('EGeneral:Invalid arguments');
  }
  return PUBLIC[pub[1]](c, p);
}

export function rateLimitBody(status, retryAfter) {
  const headers = retryAfter !== undefined ? { 'retry-after': `${retryAfter}` } : {};
  return json(status, { error: ['EAPI:Rate limit exceeded'], result: {} }, headers, `fault ${status}`);
}

export function serverErrorBody(status) {
  return json(status, { error: ['EService:Unavailable'], result: {} }, {}, `fault ${status}`);
}
