// The mock exchanges' world: keys with permissions, balances, trades, transfers,
// ledger and public prices for Binance, Kraken and Coinbase, plus helpers that
// change it. All amounts are decimal strings, as the exchanges send them.
import { keyMaterial, uuid, derivedBytes } from './keys.mjs';
import * as dec from './decimal.mjs';

const DAY = 86_400_000;
const HOUR = 3_600_000;

// Every key record carries the same permission summary; exchange-specific
// fields (Binance enable*, Kraken scopes, Coinbase can_*) are derived from it.
function keyRecord(name, keyType, material, perms = {}) {
  const canTrade = perms.canTrade ?? false;
  const canWithdraw = perms.canWithdraw ?? false;
  const canTransfer = perms.canTransfer ?? false;
  return {
    name,
    keyType,
    apiKey: material.apiKey,
    secret: material.secret,
    ...(material.publicKeyPem ? { publicKeyPem: material.publicKeyPem } : {}),
    canRead: perms.canRead ?? true,
    readOnly: !canTrade && !canWithdraw && !canTransfer,
    canTrade,
    canWithdraw,
    canTransfer,
    ipRestricted: perms.ipRestricted ?? false,
    createTime: perms.createTime,
    revoked: false,
    ...(perms.scopes ? { scopes: perms.scopes } : {}),
  };
}

function byApiKey(records) {
  return Object.fromEntries(records.map((r) => [r.apiKey, r]));
}

function binanceTrade(symbol, id, orderId, time, isBuyer, price, qty, commission, commissionAsset) {
  return {
    symbol, id, orderId, orderListId: -1, price: dec.fixed(price, 8), qty: dec.fixed(qty, 8),
    quoteQty: dec.trim(dec.mul(price, qty)), commission: dec.fixed(commission, 8), commissionAsset,
    time, isBuyer, isMaker: !isBuyer, isBestMatch: true,
  };
}

function binanceState(t0) {
  const m = keyMaterial().binance;
  const created = t0 - 400 * DAY;
  const ticker = (base, quote, last, open, volume) => ({
    base, quote, last: dec.fixed(last, 8), open: dec.fixed(open, 8), volume: dec.fixed(volume, 8),
  });
  return {
    uid: 354937868,
    updateTime: t0 - HOUR,
    weightLimit1m: 6000,
    keys: byApiKey([
      keyRecord('hmac', 'hmac', m.hmac, { createTime: created }),
      keyRecord('ed25519', 'ed25519', m.ed25519, { createTime: created + DAY }),
      keyRecord('rsa', 'rsa', m.rsa, { createTime: created + 2 * DAY }),
      keyRecord('trading', 'hmac', m.trading, { canTrade: true, createTime: created + 3 * DAY }),
      keyRecord('withdrawals', 'hmac', m.withdrawals, {
        canWithdraw: true, ipRestricted: true, createTime: created + 4 * DAY,
      }),
    ]),
    balances: [
      { asset: 'BTC', free: '0.51234567', locked: '0.01000000' },
      { asset: 'ETH', free: '4.20000000', locked: '0.00000000' },
      { asset: 'USDT', free: '1523.45678900', locked: '0.00000000' },
      { asset: 'BNB', free: '2.75000000', locked: '0.00000000' },
      { asset: 'LTC', free: '0.00000000', locked: '0.00000000' },
      // Simple-Earn flexible position, shown with the LD prefix.
      { asset: 'LDUSDT', free: '500.00000000', locked: '0.00000000' },
      // Lido DAO: a real asset that merely starts with "LD".
      { asset: 'LDO', free: '120.50000000', locked: '0.00000000' },
      // Only priced through ARDRBTC.
      { asset: 'ARDR', free: '10000.00000000', locked: '0.00000000' },
      // No market anywhere: "cannot price".
      { asset: 'NOPRICE', free: '42.00000000', locked: '0.00000000' },
    ],
    tickers: {
      BTCUSDT: ticker('BTC', 'USDT', '67250.12', '66000.00', '12345.6789'),
      ETHUSDT: ticker('ETH', 'USDT', '3512.40', '3400.00', '98765.4321'),
      ETHBTC: ticker('ETH', 'BTC', '0.05223000', '0.05150000', '4321.123'),
      BNBUSDT: ticker('BNB', 'USDT', '590.10', '600.50', '55555.5'),
      BNBBTC: ticker('BNB', 'BTC', '0.00877400', '0.00910000', '1234.5'),
      LDOUSDT: ticker('LDO', 'USDT', '1.84200000', '1.90000000', '3000000'),
      LTCUSDT: ticker('LTC', 'USDT', '84.25', '82.10', '70000'),
      USDCUSDT: ticker('USDC', 'USDT', '1.00010000', '0.99990000', '900000000'),
      ARDRBTC: ticker('ARDR', 'BTC', '0.00000152', '0.00000149', '2500000'),
    },
    trades: {
      BTCUSDT: [
        binanceTrade('BTCUSDT', 1001, 5001, t0 - 60 * DAY + 10 * HOUR, true, '42000.00', '0.30000000', '0.00030000', 'BTC'),
        binanceTrade('BTCUSDT', 1002, 5002, t0 - 40 * DAY + 9 * HOUR, true, '51000.50', '0.25000000', '0.00025000', 'BTC'),
        binanceTrade('BTCUSDT', 1003, 5003, t0 - 10 * DAY + 15 * HOUR, false, '65000.00', '0.03000000', '1.95000000', 'USDT'),
      ],
      ETHUSDT: [
        binanceTrade('ETHUSDT', 2001, 6001, t0 - 50 * DAY + 8 * HOUR, true, '2500.00', '3.00000000', '0.00750000', 'BNB'),
      ],
      ETHBTC: [
        binanceTrade('ETHBTC', 3001, 7001, t0 - 20 * DAY + 12 * HOUR, true, '0.05000000', '1.20000000', '0.00120000', 'ETH'),
      ],
      ARDRBTC: [
        binanceTrade('ARDRBTC', 4001, 8001, t0 - 30 * DAY + 7 * HOUR, true, '0.00000140', '10000.00000000', '10.00000000', 'ARDR'),
      ],
    },
    deposits: [
      binanceDeposit('d-1', 'BTC', '0.50000000', 'BTC', 1, t0 - 70 * DAY),
      binanceDeposit('d-2', 'USDT', '2000.00000000', 'TRX', 1, t0 - 65 * DAY),
      binanceDeposit('d-3', 'ETH', '1.00000000', 'ETH', 0, t0 - 2 * DAY),
      // Outside the default 90-day window: only found by walking windows back.
      binanceDeposit('d-0', 'ETH', '6.00000000', 'ETH', 1, t0 - 120 * DAY),
    ],
    withdrawals: [
      binanceWithdrawal('w-1', 'USDT', '400.00000000', '1.00000000', 'TRX', 6, t0 - 15 * DAY),
      binanceWithdrawal('w-2', 'ETH', '0.50000000', '0.00100000', 'ETH', 6, t0 - 5 * DAY),
    ],
  };
}

function binanceDeposit(id, coin, amount, network, status, time) {
  const h = derivedBytes(`binance-dep-${id}`, 32).toString('hex');
  return {
    id: `${Number.parseInt(h.slice(0, 10), 16)}`, amount, coin, network, status,
    address: `addr-${h.slice(0, 20)}`, addressTag: '', txId: `0x${h}`, insertTime: time,
    completeTime: status === 1 ? time + 600_000 : 0, transferType: 0, confirmTimes: '12/12',
    unlockConfirm: 0, walletType: 0, travelRuleStatus: 0,
  };
}

function utcString(ms) {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function binanceWithdrawal(id, coin, amount, fee, network, status, time) {
  const h = derivedBytes(`binance-wd-${id}`, 32).toString('hex');
  return {
    id: h.slice(0, 32), amount, transactionFee: fee, coin, status, address: `addr-${h.slice(32, 52)}`,
    txId: `0x${h}`, applyTime: utcString(time), network, transferType: 0, info: '', confirmNo: 12,
    walletType: 0, txKey: '', completeTime: utcString(time + 900_000),
  };
}

// Kraken ids look like "THVRQM-33VKH-UCI7BS".
function krakenTxid(label) {
  const b = [...derivedBytes(label, 17)].map((x) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[x % 32]).join('');
  return `${b.slice(0, 6)}-${b.slice(6, 11)}-${b.slice(11, 17)}`;
}

function krakenState(t0) {
  const m = keyMaterial().kraken;
  const sec = (ms) => Math.round(ms / 10) / 100; // float seconds, 4 decimals like Kraken
  const pair = (altname, wsname, base, quote, last, open, volume) => ({
    altname, wsname, base, quote, last, open, volume,
  });
  const trades = [];
  const ledger = [];
  const addTrade = (label, pairName, base, quote, type, time, price, vol, fee) => {
    const txid = krakenTxid(`trade-${label}`);
    const cost = dec.fixed(dec.mul(price, vol), 5);
    trades.push({
      txid, ordertxid: krakenTxid(`order-${label}`), postxid: krakenTxid(`pos-${label}`), pair: pairName,
      time: sec(time), type, ordertype: 'limit', price: dec.fixed(price, 5), cost, fee: dec.fixed(fee, 5),
      vol: dec.fixed(vol, 8), margin: '0.00000', misc: '', trade_id: 40_000_000 + trades.length, maker: type === 'sell',
    });
    const sign = type === 'buy' ? '' : '-';
    const other = type === 'buy' ? '-' : '';
    ledger.push(ledgerEntry(`${label}-b`, txid, time, 'trade', '', base, `${sign}${dec.fixed(vol, 10)}`, '0.0000000000'));
    ledger.push(ledgerEntry(`${label}-q`, txid, time, 'trade', '', quote, `${other}${dec.fixed(cost, 4)}`, dec.fixed(fee, 4)));
  };
  ledger.push(ledgerEntry('dep-usd', krakenTxid('dep-usd'), t0 - 80 * DAY, 'deposit', '', 'ZUSD', '10000.0000', '0.0000'));
  ledger.push(ledgerEntry('dep-btc', krakenTxid('dep-btc'), t0 - 75 * DAY, 'deposit', '', 'XXBT', '0.1000000000', '0.0000000000'));
  addTrade('t1', 'XXBTZUSD', 'XXBT', 'ZUSD', 'buy', t0 - 70 * DAY + 3 * HOUR, '40010.00', '0.20000000', '20.00500');
  addTrade('t2', 'XETHZUSD', 'XETH', 'ZUSD', 'buy', t0 - 60 * DAY + 5 * HOUR, '2400.00', '2.00000000', '12.48000');
  addTrade('t3', 'DOTUSD', 'DOT', 'ZUSD', 'buy', t0 - 55 * DAY + 2 * HOUR, '6.5000', '170.00000000', '2.87300');
  addTrade('t4', 'XXBTZUSD', 'XXBT', 'ZUSD', 'sell', t0 - 12 * DAY + 4 * HOUR, '64000.00', '0.05000000', '5.12000');
  ledger.push(ledgerEntry('stake-dot', krakenTxid('stake-dot'), t0 - 50 * DAY, 'transfer', 'spottostaking', 'DOT', '-120.0000000000', '0.0000000000'));
  ledger.push(ledgerEntry('stake-dots', krakenTxid('stake-dot'), t0 - 50 * DAY, 'transfer', 'stakingfromspot', 'DOT.S', '120.0000000000', '0.0000000000'));
  ledger.push(ledgerEntry('reward-dot', krakenTxid('reward-dot'), t0 - 3 * DAY, 'staking', '', 'DOT.S', '0.2500000000', '0.0000000000'));
  ledger.push(ledgerEntry('wd-eth', krakenTxid('wd-eth'), t0 - 8 * DAY, 'withdrawal', '', 'XETH', '-0.5000000000', '0.0035000000'));
  ledger.sort((a, b) => a.time - b.time);
  return {
    keys: byApiKey([
      keyRecord('main', 'hmac', m.main, { createTime: t0 - 300 * DAY, scopes: ['funds', 'trades', 'ledger'] }),
      keyRecord('noLedger', 'hmac', m.noLedger, { createTime: t0 - 200 * DAY, scopes: ['funds', 'trades'] }),
    ]),
    nonces: {},
    assets: {
      XXBT: { altname: 'XBT', decimals: 10, display_decimals: 5 },
      XETH: { altname: 'ETH', decimals: 10, display_decimals: 5 },
      ZUSD: { altname: 'USD', decimals: 4, display_decimals: 2 },
      ZEUR: { altname: 'EUR', decimals: 4, display_decimals: 2 },
      USDT: { altname: 'USDT', decimals: 8, display_decimals: 4 },
      DOT: { altname: 'DOT', decimals: 10, display_decimals: 8 },
      'DOT.S': { altname: 'DOT.S', decimals: 10, display_decimals: 8 },
      KFEE: { altname: 'FEE', decimals: 2, display_decimals: 2 },
    },
    balances: {
      XXBT: '0.2500000000',
      XETH: '1.5000000000',
      ZUSD: '2500.5000',
      ZEUR: '100.0000',
      USDT: '300.00000000',
      DOT: '50.0000000000',
      'DOT.S': '120.2500000000',
      KFEE: '1000.00',
    },
    holds: { ZUSD: '100.0000' },
    pairs: {
      XXBTZUSD: pair('XBTUSD', 'XBT/USD', 'XXBT', 'ZUSD', '67240.10000', '66010.00000', '1234.56789012'),
      XXBTZEUR: pair('XBTEUR', 'XBT/EUR', 'XXBT', 'ZEUR', '62100.00000', '61000.00000', '456.78901234'),
      XETHZUSD: pair('ETHUSD', 'ETH/USD', 'XETH', 'ZUSD', '3511.90000', '3401.20000', '9876.54321000'),
      XETHXXBT: pair('ETHXBT', 'ETH/XBT', 'XETH', 'XXBT', '0.052230', '0.051500', '543.21000000'),
      DOTUSD: pair('DOTUSD', 'DOT/USD', 'DOT', 'ZUSD', '7.1234', '7.0000', '100000.00000000'),
      USDTZUSD: pair('USDTZUSD', 'USDT/USD', 'USDT', 'ZUSD', '1.00020000', '0.99980000', '5000000.00000000'),
      ZEURZUSD: pair('EURUSD', 'EUR/USD', 'ZEUR', 'ZUSD', '1.08500', '1.08000', '250000.00000000'),
    },
    trades,
    ledger,
  };
}

function ledgerEntry(label, refid, time, type, subtype, asset, amount, fee) {
  return {
    id: krakenTxid(`ledger-${label}`), refid, time: Math.round(time / 10) / 100, type, subtype,
    aclass: 'currency', asset, amount, fee, balance: '0.0000000000',
  };
}

function iso(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function coinbaseState(t0) {
  const m = keyMaterial().coinbase;
  const created = t0 - 250 * DAY;
  const portfolio = m.portfolioUuid;
  const perms = (extra) => ({ createTime: created, ...extra });
  const account = (currency, name, value, hold, fiat = false) => ({
    uuid: uuid(`coinbase-account-${currency}`), name, currency,
    available_balance: { value, currency }, default: true, active: true,
    created_at: iso(created), updated_at: iso(t0 - DAY), deleted_at: null,
    type: fiat ? 'ACCOUNT_TYPE_FIAT' : 'ACCOUNT_TYPE_CRYPTO', ready: true,
    hold: { value: hold, currency }, retail_portfolio_id: portfolio,
  });
  const accounts = [
    account('BTC', 'BTC Wallet', '0.15000000', '0'),
    account('ETH', 'ETH Wallet', '2.0000000000', '0'),
    account('SOL', 'SOL Wallet', '25.500000000', '0'),
    account('USDC', 'USDC Wallet', '750.25', '0'),
    account('USD', 'Cash (USD)', '1200.00', '50.00', true),
  ];
  // Real Coinbase lists a wallet for every supported currency, mostly empty:
  // enough of them that the default page size (49) needs a second page.
  const zeroes = ['ADA', 'ALGO', 'ATOM', 'AVAX', 'BAT', 'BCH', 'COMP', 'CRV', 'DAI', 'DOGE', 'DOT', 'EOS',
    'ETC', 'FIL', 'GRT', 'ICP', 'LINK', 'LRC', 'LTC', 'MANA', 'MATIC', 'MKR', 'NEAR', 'OXT', 'QNT', 'REP',
    'SAND', 'SHIB', 'SNX', 'STX', 'SUSHI', 'UMA', 'UNI', 'XLM', 'XTZ', 'YFI', 'ZEC', 'ZRX', 'AAVE', 'ANKR',
    'APE', 'ARB', 'AXS', 'BAL', 'BAND', 'CHZ', 'ENS', 'FET', 'GALA', 'IMX', 'KNC', 'OP', 'RNDR', 'SKL'];
  for (const c of zeroes) accounts.push(account(c, `${c} Wallet`, '0', '0'));
  // A small cap coin held on Coinbase with no product: "cannot price".
  accounts.push(account('NOPRICE', 'NOPRICE Wallet', '7.5', '0'));
  const product = (base, quote, last, open, volume) => ({ base, quote, last, open, volume });
  const fills = [];
  const addFill = (label, productId, side, time, price, size, commission) => {
    fills.push({
      entry_id: uuid(`cb-entry-${label}`), trade_id: uuid(`cb-trade-${label}`), order_id: uuid(`cb-order-${label}`),
      trade_time: iso(time), trade_type: 'FILL', price, size, commission, product_id: productId,
      sequence_timestamp: iso(time), liquidity_indicator: side === 'BUY' ? 'TAKER' : 'MAKER',
      size_in_quote: false, user_id: uuid('coinbase-user'), side, retail_portfolio_id: portfolio,
    });
  };
  addFill('f1', 'BTC-USD', 'BUY', t0 - 45 * DAY + 3 * HOUR, '45123.45', '0.1', '27.074070');
  addFill('f2', 'ETH-USD', 'BUY', t0 - 35 * DAY + 4 * HOUR, '2800.00', '2', '33.6');
  addFill('f3', 'SOL-USD', 'BUY', t0 - 25 * DAY + 5 * HOUR, '140.20', '25.5', '21.4506');
  addFill('f4', 'BTC-USD', 'SELL', t0 - 6 * DAY + 6 * HOUR, '66000.00', '0.05', '19.8');
  addFill('f5', 'BTC-USDC', 'BUY', t0 - 4 * DAY + 7 * HOUR, '66500.00', '0.1', '39.9');
  fills.sort((a, b) => b.trade_time.localeCompare(a.trade_time));
  const acct = (c) => accounts.find((a) => a.currency === c).uuid;
  const transactions = {
    [acct('BTC')]: [
      cbTx('btc-in', acct('BTC'), 'receive', t0 - 50 * DAY, '0.10000000', 'BTC', '4500.00', { hash: 'a1'.repeat(32), network_name: 'bitcoin' }),
      // A send with its network fee.
      cbTx('btc-out', acct('BTC'), 'send', t0 - 3 * DAY, '-0.02000000', 'BTC', '-1320.00',
        { hash: 'c3'.repeat(32), network_name: 'bitcoin', transaction_fee: { amount: '0.00001500', currency: 'BTC' } },
        { resource: 'bitcoin_address', address: 'bc1qmockdestination0000000000000000000000', currency: 'BTC' }),
    ],
    [acct('ETH')]: [cbTx('eth-in', acct('ETH'), 'receive', t0 - 30 * DAY, '0.5', 'ETH', '1400.00', { hash: `0x${'b2'.repeat(32)}`, network_name: 'ethereum' })],
    // A wallet empty before Keyfolio ever looked: its coins came and went, so the
    // balances never show it, yet its transfers belong in the history.
    [acct('LTC')]: [
      cbTx('ltc-in', acct('LTC'), 'receive', t0 - 80 * DAY, '1.50000000', 'LTC', '105.00', { hash: 'd4'.repeat(32), network_name: 'litecoin' }),
      cbTx('ltc-out', acct('LTC'), 'send', t0 - 20 * DAY, '-1.50000000', 'LTC', '-120.00',
        { hash: 'e5'.repeat(32), network_name: 'litecoin', transaction_fee: { amount: '0.00010000', currency: 'LTC' } },
        { resource: 'litecoin_address', address: 'ltc1qmockdestination000000000000000000000', currency: 'LTC' }),
    ],
    [acct('USD')]: [
      cbTx('usd-dep', acct('USD'), 'fiat_deposit', t0 - 60 * DAY, '10000.00', 'USD', '10000.00', null),
      cbTx('usd-wd', acct('USD'), 'fiat_withdrawal', t0 - 9 * DAY, '-500.00', 'USD', '-500.00', null),
    ],
  };
  return {
    userId: uuid('coinbase-user'),
    keys: byApiKey([
      { ...keyRecord('ecdsa', 'ecdsa', m.ecdsa, perms()), portfolioUuid: portfolio },
      { ...keyRecord('ed25519', 'ed25519', m.ed25519, perms()), portfolioUuid: portfolio },
      { ...keyRecord('trading', 'ecdsa', m.trading, perms({ canTrade: true })), portfolioUuid: portfolio },
    ]),
    accounts,
    fills,
    transactions,
    products: {
      'BTC-USD': product('BTC', 'USD', '67245.01', '66005.00', '15000.12345678'),
      'ETH-USD': product('ETH', 'USD', '3511.55', '3400.95', '120000.5'),
      'SOL-USD': product('SOL', 'USD', '151.23', '148.00', '800000'),
      'BTC-USDC': product('BTC', 'USDC', '67250.00', '66010.00', '2000'),
      'ETH-BTC': product('ETH', 'BTC', '0.05222', '0.05151', '3000'),
      'USDT-USD': product('USDT', 'USD', '1.0001', '0.9999', '90000000'),
    },
  };
}

function cbTx(label, accountId, type, time, amount, currency, nativeAmount, network, to) {
  const id = uuid(`cb-tx-${label}`);
  const tx = {
    id, type, status: 'completed', amount: { amount, currency },
    native_amount: { amount: nativeAmount, currency: 'USD' }, description: null,
    created_at: iso(time), updated_at: iso(time + 600_000), resource: 'transaction',
    resource_path: `/v2/accounts/${accountId}/transactions/${id}`,
  };
  if (network) tx.network = { status: 'confirmed', ...network };
  if (to) tx.to = to;
  if (type === 'receive') tx.from = { resource: 'bitcoin_network', currency };
  return tx;
}

// The whole world. `nowMs` anchors the history (UTC day start), so the default
// 90-day windows of the exchanges see it.
export function defaultState({ nowMs = Date.now() } = {}) {
  const t0 = nowMs - (nowMs % DAY);
  return { binance: binanceState(t0), kraken: krakenState(t0), coinbase: coinbaseState(t0) };
}

// Client-side credentials: { binance: {hmac, ed25519, rsa, trading, withdrawals},
// kraken: {main, noLedger}, coinbase: {ecdsa, ed25519, trading} }.
export function keysFor(state) {
  const out = {};
  for (const exchange of ['binance', 'kraken', 'coinbase']) {
    out[exchange] = {};
    for (const k of Object.values(state[exchange].keys)) {
      out[exchange][k.name] = { apiKey: k.apiKey, secret: k.secret, passphrase: '', keyType: k.keyType };
    }
  }
  return out;
}

function findKey(state, exchange, apiKey) {
  const keys = state[exchange]?.keys;
  if (!keys) throw new Error(`unknown exchange ${exchange}`);
  return keys[apiKey] ?? Object.values(keys).find((k) => k.name === apiKey);
}

// Revokes by apiKey or by the key's name ("hmac", "main", "ecdsa"...).
export function revokeKey(state, exchange, apiKey) {
  const key = findKey(state, exchange, apiKey);
  if (!key) throw new Error(`unknown ${exchange} key ${apiKey}`);
  key.revoked = true;
}

// Sets one asset's balance in the exchange's own naming (Kraken: 'XXBT').
// `free` is the available amount, `locked` the held part (Binance locked,
// Kraken hold_trade, Coinbase hold). Creates the asset if missing.
export function setBalance(state, exchange, asset, free, locked = '0') {
  dec.parse(free);
  dec.parse(locked);
  if (exchange === 'binance') {
    const row = state.binance.balances.find((b) => b.asset === asset);
    const value = { asset, free: dec.fixed(free, 8), locked: dec.fixed(locked, 8) };
    if (row) Object.assign(row, value);
    else state.binance.balances.push(value);
  } else if (exchange === 'kraken') {
    // Kraken's Balance is the total; BalanceEx reports the hold separately.
    state.kraken.balances[asset] = dec.add(free, locked);
    if (dec.isZero(locked)) delete state.kraken.holds[asset];
    else state.kraken.holds[asset] = locked;
  } else if (exchange === 'coinbase') {
    let row = state.coinbase.accounts.find((a) => a.currency === asset);
    if (!row) {
      row = { ...state.coinbase.accounts[0], uuid: uuid(`coinbase-account-${asset}`), name: `${asset} Wallet`, currency: asset };
      state.coinbase.accounts.push(row);
    }
    row.available_balance = { value: free, currency: asset };
    row.hold = { value: locked, currency: asset };
  } else {
    throw new Error(`unknown exchange ${exchange}`);
  }
}

// Appends n synthetic trades (for pagination tests). Binance: to `symbol`
// (default BTCUSDT); Kraken: pair XXBTZUSD; Coinbase: product BTC-USD.
// Trades are one minute apart, ending an hour before `nowMs`.
export function addTrades(state, exchange, n, { symbol, nowMs = Date.now() } = {}) {
  const start = nowMs - HOUR - n * 60_000;
  for (let i = 0; i < n; i++) {
    const time = start + i * 60_000;
    const price = dec.add('60000.00', `${(i % 1000) * 3}.25`);
    const qty = dec.fixed(`0.00${(i % 90) + 10}`, 8);
    if (exchange === 'binance') {
      const sym = symbol ?? 'BTCUSDT';
      const list = (state.binance.trades[sym] ??= []);
      const lastId = list.reduce((m, t) => Math.max(m, t.id), 10_000);
      const tr = binanceTrade(sym, lastId + 1, lastId + 100_001, time, i % 2 === 0, price, qty, '0.00000100', 'BNB');
      list.push(tr);
      list.sort((a, b) => a.id - b.id);
    } else if (exchange === 'kraken') {
      const label = `gen-${state.kraken.trades.length}-${i}`;
      state.kraken.trades.push({
        txid: krakenTxid(`trade-${label}`), ordertxid: krakenTxid(`order-${label}`), postxid: krakenTxid(`pos-${label}`),
        pair: symbol ?? 'XXBTZUSD', time: Math.round(time / 10) / 100, type: i % 2 ? 'sell' : 'buy', ordertype: 'market',
        price: dec.fixed(price, 5), cost: dec.fixed(dec.mul(price, qty), 5), fee: '0.10000', vol: qty, margin: '0.00000',
        misc: '', trade_id: 50_000_000 + state.kraken.trades.length, maker: false,
      });
    } else if (exchange === 'coinbase') {
      const label = `gen-${state.coinbase.fills.length}-${i}`;
      state.coinbase.fills.push({
        entry_id: uuid(`cb-entry-${label}`), trade_id: uuid(`cb-trade-${label}`), order_id: uuid(`cb-order-${label}`),
        trade_time: iso(time), trade_type: 'FILL', price: dec.fixed(price, 2), size: qty, commission: '0.25',
        product_id: symbol ?? 'BTC-USD', sequence_timestamp: iso(time), liquidity_indicator: 'TAKER',
        size_in_quote: false, user_id: state.coinbase.userId, side: i % 2 ? 'SELL' : 'BUY',
        retail_portfolio_id: keyMaterial().coinbase.portfolioUuid,
      });
      state.coinbase.fills.sort((a, b) => b.trade_time.localeCompare(a.trade_time));
    } else {
      throw new Error(`unknown exchange ${exchange}`);
    }
  }
}

export { iso, utcString };
