// CCXT doing the same jobs as the core, offline: no method here touches the network
// (markets come from a static fixture via setMarkets; sign() only builds the request).
// JSON.parse of the body is inside every parse timing, as the core parses the text too.
import ccxt from 'ccxt';

const NO_NETWORK = () => {
  throw new Error('benchmark: CCXT tried to use the network');
};

// The one spot market the trades body uses, in CCXT's unified market shape.
function spotMarket({ symbol, base, quote }) {
  return {
    id: symbol, symbol: `${base}/${quote}`, base, quote, baseId: base, quoteId: quote,
    lowercaseId: symbol.toLowerCase(), type: 'spot', spot: true, margin: false, swap: false,
    future: false, option: false, contract: false, linear: undefined, inverse: undefined,
    active: true, settle: undefined, settleId: undefined, contractSize: undefined,
    taker: 0.001, maker: 0.001,
    precision: { amount: 0.00000001, price: 0.01 },
    limits: { amount: { min: 0.00001, max: 9000 }, price: { min: 0.01, max: 1000000 }, cost: { min: 5 } },
    info: {},
  };
}

function offline(ex) {
  ex.fetch = NO_NETWORK;
  ex.fetch2 = NO_NETWORK;
  ex.loadMarkets = NO_NETWORK;
  return ex;
}

export const ccxtVersion = ccxt.version;

// Binance: parse the account and trades bodies, sign GET /api/v3/account.
export function binance({ apiKey, secret }, market, nowMs) {
  const ex = offline(new ccxt.binance({ apiKey, secret, options: { recvWindow: 5000 } }));
  ex.setMarkets([spotMarket(market)]);
  const unified = ex.markets_by_id[market.symbol][0];
  ex.milliseconds = () => nowMs;  // a fixed clock, as the core is handed nowMs
  return {
    // What fetchBalance does with the answer (binance.js: parseBalanceCustom(response, 'spot')).
    parseBalances: (body) => ex.parseBalanceCustom(JSON.parse(body), 'spot'),
    parseTrades: (body) => ex.parseTrades(JSON.parse(body), unified),
    // The request the core builds for balances: GET /api/v3/account?omitZeroBalances=true.
    sign: () => ex.sign('account', 'private', 'GET', { omitZeroBalances: true }),
  };
}

// Kraken: sign POST /0/private/BalanceEx (the core's balances request).
export function kraken({ apiKey, secret }, nowMs) {
  const ex = offline(new ccxt.kraken({ apiKey, secret }));
  ex.nonce = () => nowMs * 1000;
  return { sign: () => ex.sign('BalanceEx', 'private', 'POST', {}) };
}
