// Computes, independently of the core, what Keyfolio should show for the mock
// exchanges' world: holdings read from the mock's state in each exchange's own
// naming, prices from the mock's own tickers, and the valuation rules stated in
// wasm/src/portfolio/price_graph.hpp and valuation.hpp restated here in a few
// lines of BigInt arithmetic (tests/e2e/mock/decimal.mjs), never calling the core.
import * as dec from './mock/decimal.mjs';

const EXCHANGE_ORDER = ['binance', 'coinbase', 'kraken'];
const STABLES = ['USDT', 'USDC', 'DAI', 'FDUSD', 'TUSD', 'USDP', 'PYUSD', 'BUSD', 'USDS'];
const KRAKEN_NAMES = { XXBT: 'BTC', XBT: 'BTC', XETH: 'ETH', ZUSD: 'USD', ZEUR: 'EUR' };

function kraken(asset) {
  const base = asset.replace(/(\d+)?\.(S|M|F|B|P|HOLD)$/, '');
  return KRAKEN_NAMES[base] ?? base;
}

// Rounds half to even at `places` decimals (the core's HalfEven).
export function roundHalfEven(x, places) {
  const d = dec.parse(x);
  if (d.scale <= places) return dec.fixed(x, places);
  const unit = 10n ** BigInt(d.scale - places);
  let q = d.int / unit;
  const r = d.int % unit;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > unit || (twice === unit && q % 2n !== 0n)) q += d.int < 0n ? -1n : 1n;
  return dec.format({ int: q, scale: places });
}

// x / y rounded half to even at `places` decimals.
export function divHalfEven(x, y, places) {
  const a = dec.parse(x);
  const b = dec.parse(y);
  if (b.int === 0n) throw new Error('division by zero');
  // x / y = (a.int / 10^a.scale) / (b.int / 10^b.scale); scaled by 10^places.
  let num = a.int * 10n ** BigInt(places + b.scale);
  let den = b.int * 10n ** BigInt(a.scale);
  if (den < 0n) { num = -num; den = -den; }
  let q = num / den;
  const r = num % den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > den || (twice === den && q % 2n !== 0n)) q += num < 0n ? -1n : 1n;
  return dec.format({ int: q, scale: places });
}

// Output decimals of the total (valuation.hpp): JPY 0, BTC and ETH 8, the rest 2.
export function currencyScale(currency) {
  if (currency === 'JPY') return 0;
  return currency === 'BTC' || currency === 'ETH' ? 8 : 2;
}

export function holdingsOf(state) {
  const out = [];
  const push = (exchange, asset, amount) => { if (!dec.isZero(amount)) out.push({ exchange, asset, amount }); };
  for (const b of state.binance.balances) {
    const earn = b.asset.startsWith('LD') && b.asset !== 'LDO';
    push('binance', earn ? b.asset.slice(2) : b.asset, dec.add(b.free, b.locked));
  }
  for (const [asset, total] of Object.entries(state.kraken.balances)) {
    if (asset === 'KFEE') continue; // fee credits, not an asset
    push('kraken', kraken(asset), total);
  }
  for (const a of state.coinbase.accounts) push('coinbase', a.currency, dec.add(a.available_balance.value, a.hold.value));
  return out;
}

export function tickersOf(state) {
  const t = [];
  for (const [, x] of Object.entries(state.binance.tickers)) t.push({ exchange: 'binance', base: x.base, quote: x.quote, last: x.last });
  for (const [, p] of Object.entries(state.kraken.pairs)) t.push({ exchange: 'kraken', base: kraken(p.base), quote: kraken(p.quote), last: p.last ?? p.c?.[0] ?? p.price });
  for (const [, p] of Object.entries(state.coinbase.products)) t.push({ exchange: 'coinbase', base: p.base, quote: p.quote, last: p.last });
  return t;
}

// The portfolio in `currency`: each asset's price is usd(asset) / usd(currency) at
// 18 decimals (1 for the currency itself), value = amount x price at 18 decimals,
// total = sum of values rounded once to the currency's output scale.
export function expectedPortfolio(state, { currency = 'USD' } = {}) {
  const holdings = holdingsOf(state);
  const tickers = tickersOf(state);
  const heldOn = (asset) => new Set(holdings.filter((h) => h.asset === asset).map((h) => h.exchange));
  const rank = (asset, exchange) => (heldOn(asset).has(exchange) ? 0 : 10) + EXCHANGE_ORDER.indexOf(exchange);
  // Rate X→Q from the best ticker for pricing X (direct before inverse).
  const rate = (x, q) => {
    const direct = tickers.filter((t) => t.base === x && t.quote === q).sort((a, b) => rank(x, a.exchange) - rank(x, b.exchange));
    if (direct.length) return direct[0].last;
    const inverse = tickers.filter((t) => t.base === q && t.quote === x).sort((a, b) => rank(x, a.exchange) - rank(x, b.exchange));
    return inverse.length ? dec.div('1', inverse[0].last, 18) : null;
  };
  const usd = (x, depth = 0) => {
    if (x === 'USD') return '1';
    const direct = rate(x, 'USD');
    if (direct) return direct;
    if (STABLES.includes(x)) return '1';
    if (depth > 0) return null;
    for (const via of [...STABLES, 'BTC', 'ETH', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD']) {
      if (via === x) continue;
      const r = rate(x, via);
      const v = r && usd(via, depth + 1);
      if (v) return roundHalfEven(dec.mul(r, v), 18);
    }
    return null;
  };
  const amounts = new Map();
  for (const h of holdings) amounts.set(h.asset, dec.add(amounts.get(h.asset) ?? '0', h.amount));
  const target = usd(currency);
  if (!target) throw new Error(`no USD price for ${currency} in the mock's tickers`);
  const priceIn = (asset) => {
    if (asset === currency) return '1';
    const p = usd(asset);
    if (!p) return null;
    return currency === 'USD' ? p : divHalfEven(p, target, 18);
  };
  let total = '0';
  const unpriced = [];
  const values = {};
  for (const [asset, amount] of amounts) {
    const price = priceIn(asset);
    if (!price) { unpriced.push(asset); continue; }
    values[asset] = roundHalfEven(dec.mul(amount, price), 18);
    total = dec.add(total, values[asset]);
  }
  return {
    currency, total: roundHalfEven(total, currencyScale(currency)), unpriced: unpriced.sort(), values, amounts: Object.fromEntries(amounts),
  };
}
