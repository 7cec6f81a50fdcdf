// Deterministic benchmark inputs: the raw bodies Binance sends for /api/v3/account and
// /api/v3/myTrades, at sizes far beyond the test fixtures. Same seed, same bytes, so
// runs (and the core and CCXT within a run) always see identical text.

// mulberry32: a tiny seeded PRNG; quality is irrelevant, determinism is the point.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A decimal string with `places` fraction digits built from integers (never a float's text).
function decimal(next, maxInt, places) {
  const int = Math.floor(next() * maxInt);
  let frac = '';
  for (let i = 0; i < places; i++) frac += Math.floor(next() * 10);
  return `${int}.${frac}`;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const REAL = ['BTC', 'ETH', 'USDT', 'BNB', 'LTC', 'ADA', 'SOL', 'XRP', 'DOT', 'DOGE', 'LDO', 'ARDR'];

// 2-6 letter tickers, unique; a few Simple-Earn "LD" positions of real assets (the core
// maps them to the earn account) and some all-zero rows, as a real account shows.
function assetNames(n, next) {
  const names = new Set(REAL);
  for (const a of ['BTC', 'ETH', 'USDT', 'BNB']) names.add(`LD${a}`);
  while (names.size < n) {
    const len = 3 + Math.floor(next() * 4);
    let s = '';
    for (let i = 0; i < len; i++) s += LETTERS[Math.floor(next() * 26)];
    if (!s.startsWith('LD')) names.add(s);
  }
  return [...names].slice(0, n);
}

export function binanceAccountBody(assets = 2000, seed = 1) {
  const next = rng(seed);
  const balances = assetNames(assets, next).map((asset) => {
    const zero = next() < 0.1;
    return {
      asset,
      free: zero ? '0.00000000' : decimal(next, 100000, 8),
      locked: zero || next() < 0.8 ? '0.00000000' : decimal(next, 100, 8),
    };
  });
  return JSON.stringify({
    makerCommission: 10, takerCommission: 10, buyerCommission: 0, sellerCommission: 0,
    commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
    canTrade: true, canWithdraw: true, canDeposit: true, brokered: false,
    requireSelfTradePrevention: false, preventSor: false, updateTime: 1700000000000,
    accountType: 'SPOT', balances, permissions: ['SPOT'], uid: 354937868,
  });
}

export const TRADES_MARKET = { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT' };

export function binanceTradesBody(count = 50000, seed = 2) {
  const next = rng(seed);
  const rows = [];
  let time = 1600000000000;
  for (let i = 0; i < count; i++) {
    time += 1 + Math.floor(next() * 600000);
    const price = `${20000 + Math.floor(next() * 40000)}.${String(Math.floor(next() * 100)).padStart(2, '0')}000000`;
    const qty = `0.${String(Math.floor(next() * 1e8)).padStart(8, '0')}`;
    const isBuyer = next() < 0.5;
    rows.push({
      symbol: TRADES_MARKET.symbol, id: 100000 + i, orderId: 5000000 + Math.floor(i / 2),
      orderListId: -1, price, qty,
      // quoteQty as Binance sends it: the product, exactly, in at most 8 places.
      quoteQty: exactProduct(price, qty, 8),
      commission: `0.${String(Math.floor(next() * 1e6)).padStart(8, '0')}`,
      commissionAsset: isBuyer ? 'BTC' : 'USDT', time, isBuyer, isMaker: next() < 0.5, isBestMatch: true,
    });
  }
  return JSON.stringify(rows);
}

// price*qty truncated to `places` digits, computed with BigInt from the decimal texts.
function exactProduct(a, b, places) {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  const scale = af.length + bf.length;
  const p = BigInt(ai + af) * BigInt(bi + bf);
  const s = p.toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).slice(0, places).padEnd(places, '0');
  return `${int}.${frac}`;
}
