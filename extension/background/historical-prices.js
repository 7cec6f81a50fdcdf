// Historical prices for cost basis: daily closes, in the person's currency, of every
// asset in the history, from the exchanges' public candles. Markets are chosen from
// the normalized tickers alone ({exchange, base, quote}); the core turns a market into
// the exchange's own market params (its `tradeQueries` names a Binance market as
// Binance spells it; Kraken and Coinbase build theirs from base and quote), so no
// exchange-specific endpoint or name lives here. Nothing is assumed: an asset
// without a chain of markets to the currency gets no series, and the core then lists
// its events as unpriced instead of valuing them at zero.
//
// Pure apart from its injected deps, so it runs under Jest:
//   callCore(name, input) -> the core's answer (tradeQueries)
//   fetchCandles(exchange, params) -> normalized candles [{time, close, ...}]
//   cache.get(key) / cache.put([entries]) -> the IndexedDB `prices` store
//   nowMs() -> the clock
import { mul, div, isPositive } from './price-math.js';

export const DAY_MS = 86_400_000;
// One request per window: within Coinbase's 350 candles and Binance's 1000.
export const WINDOW_DAYS = 300;
const WINDOW_MS = WINDOW_DAYS * DAY_MS;
// Assets a price may pass through, tried in this order (fewest markets first).
export const BRIDGES = ['USD', 'USDT', 'USDC', 'EUR', 'BTC', 'ETH'];
const EXCHANGE_RANK = { binance: 0, coinbase: 1, kraken: 2 };
// A window that was still open when fetched is fetched again after this long.
const OPEN_WINDOW_TTL_MS = 6 * 3600_000;

function exchangeRank(id) {
  return EXCHANGE_RANK[id] ?? 3;
}

function better(a, b) {
  const r = exchangeRank(a.exchange) - exchangeRank(b.exchange);
  if (r) return r < 0;
  if (a.exchange !== b.exchange) return a.exchange < b.exchange;
  return a.symbol < b.symbol;
}

// "BASE/QUOTE" -> the ticker to use for that market (exchange order binance,
// coinbase, kraken, then others alphabetically).
export function marketIndex(tickers) {
  const index = new Map();
  for (const t of tickers ?? []) {
    if (!t?.exchange || !t.symbol || !t.base || !t.quote || t.base === t.quote) continue;
    const key = `${t.base}/${t.quote}`;
    const current = index.get(key);
    if (!current || better(t, current)) index.set(key, t);
  }
  return index;
}

function leg(index, from, to) {
  const forward = index.get(`${from}/${to}`);
  if (forward) return { exchange: forward.exchange, symbol: forward.symbol, base: from, quote: to, invert: false };
  const inverse = index.get(`${to}/${from}`);
  if (inverse) return { exchange: inverse.exchange, symbol: inverse.symbol, base: to, quote: from, invert: true };
  return null;
}

// The markets whose closes multiply (or divide, when inverted) into the price of
// `asset` in `currency`: [] for the currency itself, null when no chain of at most
// three markets through BRIDGES exists.
export function choosePath(asset, currency, index) {
  if (asset === currency) return [];
  const direct = leg(index, asset, currency);
  if (direct) return [direct];
  const bridges = BRIDGES.filter((b) => b !== asset && b !== currency);
  for (const b of bridges) {
    const first = leg(index, asset, b);
    const second = first && leg(index, b, currency);
    if (second) return [first, second];
  }
  for (const b1 of bridges) {
    const first = leg(index, asset, b1);
    if (!first) continue;
    for (const b2 of bridges) {
      if (b2 === b1) continue;
      const second = leg(index, b1, b2);
      const third = second && leg(index, b2, currency);
      if (third) return [first, second, third];
    }
  }
  return null;
}

export function describePath(path) {
  return path.map((l) => `${l.base}/${l.quote}@${l.exchange}${l.invert ? ' (inverted)' : ''}`).join(' × ');
}

export function windowsFor(fromMs, toMs) {
  const out = [];
  for (let w = Math.floor(fromMs / WINDOW_MS); w * WINDOW_MS <= toMs; w++) out.push(w);
  return out;
}

// The exchange's own params for one market, from the core: the trade query it plans
// for that market alone (Binance: {symbol, base, quote}; the others: {}).
export async function marketQuery(market, callCore) {
  const { queries } = await callCore('tradeQueries', {
    exchange: market.exchange, assets: [market.base, market.quote], symbols: [],
    tickers: [{ exchange: market.exchange, symbol: market.symbol, base: market.base, quote: market.quote }],
  });
  const mine = (queries ?? []).find((q) => q.base === market.base && q.quote === market.quote);
  if (mine) return mine;
  if (queries?.length === 1 && !queries[0].base && !queries[0].quote) return queries[0];
  throw Object.assign(new Error(`the core plans no query for ${market.base}/${market.quote} on ${market.exchange}`), { kind: 'unsupported' });
}

// Candle params: the market's own params, base and quote (Kraken and Coinbase build
// their market names from them), a daily interval and the window.
export function candleParams(market, query, startMs, endMs) {
  return { ...query, base: market.base, quote: market.quote, interval: '1d', startMs, endMs, limit: WINDOW_DAYS };
}

async function loadWindow(market, w, deps) {
  const key = `candles|${market.exchange}|${market.symbol}|1d|${w}`;
  const now = deps.nowMs();
  const startMs = w * WINDOW_MS;
  const endMs = startMs + WINDOW_MS; // exclusive
  const cached = await deps.cache.get(key);
  if (cached && (cached.complete || now - cached.fetchedMs < OPEN_WINDOW_TTL_MS)) return cached.closes;
  const query = await deps.marketQuery(market);
  const candles = await deps.fetchCandles(market.exchange, candleParams(market, query, startMs, Math.min(endMs - DAY_MS, now)));
  const byTime = new Map();
  for (const c of candles ?? []) {
    if (Number.isInteger(c?.time) && c.time >= startMs && c.time < endMs && isPositive(c.close)) byTime.set(c.time, String(c.close));
  }
  const closes = [...byTime].sort((a, b) => a[0] - b[0]);
  // Complete once the window's last day had closed when it was fetched.
  await deps.cache.put([{ key, closes, complete: endMs <= now, fetchedMs: now }]);
  return closes;
}

// Daily closes [[openMs, close]] of one market over [fromMs, toMs]; a window that
// fails is reported in `problems` and left out (its days then have no price).
async function marketSeries(market, fromMs, toMs, deps, memo, problems) {
  const out = [];
  for (const w of windowsFor(fromMs, toMs)) {
    if (w * WINDOW_MS > deps.nowMs()) break;
    const memoKey = `${market.exchange}|${market.symbol}|${w}`;
    if (!memo.has(memoKey)) {
      memo.set(memoKey, loadWindow(market, w, deps).then((closes) => ({ closes }), (err) => ({ closes: [], error: err })));
    }
    const { closes, error } = await memo.get(memoKey);
    if (error) problems.push({ market: `${market.base}/${market.quote}@${market.exchange}`, message: error?.message ?? String(error) });
    out.push(...closes);
  }
  return out;
}

// Points [[timeMs, price]] for the core: each day's chained close, stamped at the
// close time (open + 1 day, or now for today's open candle) so the core only ever
// uses a price that was known at the moment of an event.
export function combineSeries(path, seriesByLeg, nowMs) {
  if (!path.length || seriesByLeg.length !== path.length) return [];
  const maps = seriesByLeg.map((s) => new Map(s));
  const days = [...maps[0].keys()].sort((a, b) => a - b);
  const out = [];
  for (const day of days) {
    let price = '1';
    let complete = true;
    for (let i = 0; i < path.length; i++) {
      const close = maps[i].get(day);
      if (close === undefined) { complete = false; break; }
      price = path[i].invert ? div(price, close) : mul(price, close);
    }
    if (!complete || !isPositive(price)) continue;
    const t = Math.min(day + DAY_MS, nowMs);
    if (!out.length || t > out[out.length - 1][0]) out.push([t, price]);
  }
  return out;
}

// {prices: {asset: [[timeMs, price]]}, sources: [{asset, path, points, firstMs, lastMs}],
//  missing: [{asset, reason}]} for every asset but the currency itself.
export async function historicalPrices({ assets, currency, fromMs, toMs, tickers }, baseDeps) {
  const index = marketIndex(tickers);
  const memo = new Map();
  const queries = new Map();
  const deps = {
    ...baseDeps,
    marketQuery: (m) => {
      const key = `${m.exchange}|${m.base}|${m.quote}`;
      if (!queries.has(key)) queries.set(key, marketQuery(m, baseDeps.callCore));
      return queries.get(key);
    },
  };
  const prices = {};
  const sources = [];
  const missing = [];
  for (const asset of [...new Set(assets)].filter(Boolean).sort()) {
    if (asset === currency) continue;
    const path = choosePath(asset, currency, index);
    if (!path) {
      missing.push({ asset, reason: `no market on your exchanges links ${asset} to ${currency}` });
      continue;
    }
    const problems = [];
    const series = [];
    for (const market of path) series.push(await marketSeries(market, fromMs, toMs, deps, memo, problems));
    const points = combineSeries(path, series, deps.nowMs());
    if (points.length) {
      prices[asset] = points;
      sources.push({ asset, path: describePath(path), points: points.length, firstMs: points[0][0], lastMs: points[points.length - 1][0] });
    }
    if (problems.length || !points.length) {
      const why = problems.length ? problems.map((p) => `${p.market}: ${p.message}`).join('; ') : 'the exchanges returned no candles for these dates';
      missing.push({ asset, reason: `${describePath(path)}: ${why}` });
    }
  }
  return { prices, sources, missing };
}
