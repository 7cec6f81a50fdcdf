// Every signature the wasm core produces, for every exchange, key type and private
// operation, checked with node:crypto only: HMACs recomputed, Ed25519 / RSA / ECDSA
// verified with the public key derived from the secret, the Coinbase JWT's header
// and claims compared field by field with exchange-apis.md §3.1. Each verifier is
// also shown to reject a tampered message, so none of the checks can pass vacuously.
import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  verify,
} from 'node:crypto';
import { loadCore, call } from './helpers/core.mjs';
import { defaultState, keysFor } from '../e2e/mock/state.mjs';

// Not a whole second, so nbf = floor(nowMs / 1000) is actually tested.
const NOW = 1_700_000_000_123;
const NOW_S = Math.floor(NOW / 1000);
const NONCE = '1700000000123042';
const KEYS = keysFor(defaultState({ nowMs: NOW }));
const ACCOUNT_ID = '8b3f3fd3-3a2d-4a4c-9b1e-4c5c1a2f9e11';

// Which operations need a key, with params that exercise their optional parts too.
const PRIVATE = {
  binance: {
    permissions: [{}],
    balances: [{}],
    trades: [{ symbol: 'BTCUSDT' }, { symbol: 'ETHBTC', fromId: 28457, limit: 500, recvWindow: 60000 },
      { symbol: 'BNBBTC', startMs: NOW - 3_600_000, endMs: NOW }],
    deposits: [{}, { coin: 'BTC', startMs: NOW - 86_400_000, endMs: NOW, offset: 1000, limit: 10 }],
    withdrawals: [{}, { coin: 'USDT', startMs: NOW - 86_400_000 }],
  },
  kraken: {
    balances: [{}],
    trades: [{}, { ofs: 50, startMs: 1_688_000_000_000, endMs: 1_688_669_448_000 }],
    ledger: [{}, { ofs: 100, asset: 'XXBT', type: 'deposit', startMs: 1_688_000_000_000 }],
    deposits: [{}, { asset: 'XBT', limit: 25, cursor: 'opaque/cursor+value=' }],
    withdrawals: [{}, { asset: 'ETH', startMs: 1_688_000_000_000, endMs: 1_688_669_448_000 }],
  },
  coinbase: {
    permissions: [{}],
    balances: [{}, { limit: 10, cursor: '789100' }],
    trades: [{}, { product_ids: ['BTC-USD', 'ETH-USD'], startMs: 1_705_314_600_000, cursor: 'abc' }],
    deposits: [{ account_id: ACCOUNT_ID }],
    withdrawals: [{ account_id: ACCOUNT_ID, starting_after: 'd16ec2ea-3a2e-5c8e-9b5a-7a5d7b1a3c10' }],
  },
};
const PUBLIC = {
  binance: { serverTime: {}, tickers: { symbols: ['BTCUSDT', 'ETHBTC'] }, candles: { symbol: 'BTCUSDT' } },
  kraken: { serverTime: {}, tickers: { pair: 'XBTUSD' }, candles: { pair: 'XBTUSD', interval: '1h' } },
  coinbase: { serverTime: {}, tickers: {}, candles: { product_id: 'BTC-USD' } },
};
// Every key the mock exchanges know of, by type.
const KEY_TYPES = {
  binance: ['hmac', 'ed25519', 'rsa'],
  kraken: ['main'],
  coinbase: ['ecdsa', 'ed25519'],
};

let core;
beforeAll(async () => { core = await loadCore(); });

function build(exchange, operation, credentials, params = {}, extra = {}) {
  return call(core, 'buildRequest', { exchange, operation, credentials, params, nowMs: NOW, nonce: NONCE, ...extra });
}

function built(...args) {
  const r = build(...args);
  if (!r.ok) throw new Error(`buildRequest failed: ${JSON.stringify(r.error)}`);
  return r;
}

const sha256 = (data) => createHash('sha256').update(data).digest();

// Strict standard base64 (padded), as Binance's RSA/Ed25519 signatures must be.
function strictBase64(text) {
  expect(text).toMatch(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  return Buffer.from(text, 'base64');
}

function strictBase64Url(text) {
  expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
  return Buffer.from(text, 'base64url');
}

// Public key of a Coinbase Ed25519 secret: base64(seed ‖ public key). The seed alone
// determines the key (PKCS#8 DER = fixed prefix ‖ seed); the stored half must agree.
function coinbaseEd25519PublicKey(secret) {
  const raw = Buffer.from(secret, 'base64');
  expect(raw).toHaveLength(64);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), raw.subarray(0, 32)]);
  const publicKey = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
  expect(Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url')).toEqual(raw.subarray(32));
  return publicKey;
}

// ---------------------------------------------------------------- Binance

// Splits a signed Binance URL into the signed payload and the signature as sent.
function binanceParts(req) {
  const url = new URL(req.url);
  const raw = url.search.slice(1);
  const at = raw.lastIndexOf('&signature=');
  expect(at).toBeGreaterThan(0);
  const payload = raw.slice(0, at);
  const signature = raw.slice(at + '&signature='.length);
  expect(payload).not.toContain('signature=');
  expect(signature).not.toContain('&');
  return { url, payload: payload + req.body, signature };
}

function verifyBinance(keyType, cred, payload, signature) {
  if (keyType === 'hmac') {
    return signature === createHmac('sha256', cred.secret).update(payload).digest('hex');
  }
  // RSA and Ed25519 signatures are base64, percent-encoded into the query.
  const sig = strictBase64(decodeURIComponent(signature));
  const publicKey = createPublicKey(cred.secret);
  if (keyType === 'ed25519') {
    expect(sig).toHaveLength(64);
    return verify(null, Buffer.from(payload), publicKey, sig);
  }
  expect(sig).toHaveLength(publicKey.asymmetricKeyDetails.modulusLength / 8);
  return verify('sha256', Buffer.from(payload), publicKey, sig);  // RSASSA-PKCS1-v1_5
}

describe('Binance: every key type, every signed operation', () => {
  for (const keyType of KEY_TYPES.binance) {
    for (const [operation, paramSets] of Object.entries(PRIVATE.binance)) {
      test.each(paramSets.map((p) => [JSON.stringify(p), p]))(`${keyType} ${operation} %s`, (_, params) => {
        const cred = KEYS.binance[keyType];
        expect(cred.keyType).toBe(keyType);
        const req = built('binance', operation, cred, params);
        expect(req.method).toBe('GET');
        expect(req.body).toBe('');
        expect(req.headers['X-MBX-APIKEY']).toBe(cred.apiKey);
        const { url, payload, signature } = binanceParts(req);
        expect(url.origin).toBe('https://api.binance.com');

        const query = new URLSearchParams(payload);
        expect(query.get('timestamp')).toBe(String(NOW));
        expect(query.get('recvWindow')).toBe(String(params.recvWindow ?? 5000));
        // timestamp and recvWindow are signed, once each.
        expect(query.getAll('timestamp')).toHaveLength(1);
        expect(query.getAll('recvWindow')).toHaveLength(1);

        if (keyType === 'hmac') expect(signature).toMatch(/^[0-9a-f]{64}$/);
        else expect(signature).not.toMatch(/[+/=]/);  // percent-encoded base64
        expect(verifyBinance(keyType, cred, payload, signature)).toBe(true);
        // The same verifier rejects the signature for any other timestamp.
        const tampered = payload.replace(`timestamp=${NOW}`, `timestamp=${NOW + 1}`);
        expect(verifyBinance(keyType, cred, tampered, signature)).toBe(false);
      });
    }
  }

  test('an explicit keyType agrees with detection from the secret', () => {
    for (const keyType of KEY_TYPES.binance) {
      const cred = KEYS.binance[keyType];
      const detected = built('binance', 'balances', { ...cred, keyType: '' });
      expect(detected).toEqual(built('binance', 'balances', cred));
    }
  });

  test('the same input builds the same signed request (HMAC, RSA PKCS#1 v1.5 and Ed25519 are deterministic)', () => {
    for (const keyType of KEY_TYPES.binance) {
      const cred = KEYS.binance[keyType];
      expect(built('binance', 'trades', cred, { symbol: 'BTCUSDT' }).url)
        .toBe(built('binance', 'trades', cred, { symbol: 'BTCUSDT' }).url);
    }
  });

  test('official example B-2: a non-ASCII symbol is percent-encoded UTF-8 before signing', () => {
    const cred = KEYS.binance.hmac;
    const req = built('binance', 'trades', cred, { symbol: '１２３４５６' });
    const { payload, signature } = binanceParts(req);
    expect(payload.startsWith('symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&')).toBe(true);
    expect(verifyBinance('hmac', cred, payload, signature)).toBe(true);
  });

  test('a parameter value cannot inject parameters into the signed query', () => {
    const cred = KEYS.binance.hmac;
    const req = built('binance', 'trades', cred, { symbol: 'BTCUSDT&timestamp=1' });
    const { payload, signature } = binanceParts(req);
    const query = new URLSearchParams(payload);
    expect(query.get('symbol')).toBe('BTCUSDT&timestamp=1');
    expect(query.getAll('timestamp')).toEqual([String(NOW)]);
    expect(verifyBinance('hmac', cred, payload, signature)).toBe(true);
  });
});

// Binance's official vectors (exchange-apis.md §1.2). The core builds only read-only
// requests, so it never signs B-1's order payload; the vectors prove the verifier above
// is Binance's algorithm, and the official key then signs through the core.
describe('Binance official worked example (B-1, B-2)', () => {
  const official = {
    apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
    secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
  };

  test('the node:crypto verifier reproduces the official signatures', () => {
    const b1 = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(verifyBinance('hmac', official, b1,
      'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71')).toBe(true);
    const b2 = 'symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(verifyBinance('hmac', official, b2,
      'e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3')).toBe(true);
  });

  test('the official key and timestamp sign through the JS API as Binance specifies', () => {
    const req = call(core, 'buildRequest', {
      exchange: 'binance', operation: 'trades', credentials: official,
      params: { symbol: 'LTCBTC' }, nowMs: 1499827319559,
    });
    expect(req.ok).toBe(true);
    expect(req.headers['X-MBX-APIKEY']).toBe(official.apiKey);
    const { payload, signature } = binanceParts(req);
    expect(payload).toBe('symbol=LTCBTC&fromId=0&limit=1000&recvWindow=5000&timestamp=1499827319559');
    expect(verifyBinance('hmac', official, payload, signature)).toBe(true);
  });
});

// ---------------------------------------------------------------- Kraken

function krakenSign(secret, path, nonce, body) {
  return createHmac('sha512', Buffer.from(secret, 'base64'))
    .update(Buffer.concat([Buffer.from(path), sha256(`${nonce}${body}`)]))
    .digest('base64');
}

const KRAKEN_METHODS = {
  balances: 'BalanceEx', trades: 'TradesHistory', ledger: 'Ledgers',
  deposits: 'DepositStatus', withdrawals: 'WithdrawStatus',
};

describe('Kraken: every private operation', () => {
  for (const [operation, paramSets] of Object.entries(PRIVATE.kraken)) {
    test.each(paramSets.map((p) => [JSON.stringify(p), p]))(`${operation} %s`, (_, params) => {
      const cred = KEYS.kraken.main;
      const req = built('kraken', operation, cred, params);
      const url = new URL(req.url);
      expect(req.method).toBe('POST');
      expect(url.origin).toBe('https://api.kraken.com');
      expect(url.pathname).toBe(`/0/private/${KRAKEN_METHODS[operation]}`);
      expect(url.search).toBe('');
      expect(req.headers['API-Key']).toBe(cred.apiKey);
      expect(req.headers['Content-Type']).toBe('application/x-www-form-urlencoded');

      const body = new URLSearchParams(req.body);
      expect(req.body.startsWith(`nonce=${NONCE}`)).toBe(true);
      expect(body.getAll('nonce')).toEqual([NONCE]);
      if (params.cursor) expect(body.get('cursor')).toBe(params.cursor);  // form-decoded back exactly

      const sign = req.headers['API-Sign'];
      expect(strictBase64(sign)).toHaveLength(64);
      expect(sign).toBe(krakenSign(cred.secret, url.pathname, NONCE, req.body));
      expect(sign).not.toBe(krakenSign(cred.secret, url.pathname, `${NONCE}1`, req.body));
    });
  }

  test('a nonce beyond 2^53 passes through as a string, unchanged', () => {
    const nonce = '9223372036854775807';
    const cred = KEYS.kraken.main;
    const req = build('kraken', 'balances', cred, {}, { nonce });
    expect(req.ok).toBe(true);
    expect(req.body).toBe(`nonce=${nonce}`);
    expect(req.headers['API-Sign']).toBe(krakenSign(cred.secret, '/0/private/BalanceEx', nonce, req.body));
  });

  test('a nonce given as a JSON integer signs the same as its decimal string', () => {
    const cred = KEYS.kraken.main;
    expect(build('kraken', 'balances', cred, {}, { nonce: 1616492376594 }))
      .toEqual(build('kraken', 'balances', cred, {}, { nonce: '1616492376594' }));
  });

  test('a missing or non-numeric nonce is refused, naming the nonce', () => {
    for (const nonce of [undefined, '', '12a', '-5', '1'.repeat(20)]) {
      const r = build('kraken', 'balances', KEYS.kraken.main, {}, { nonce });
      expect(r).toEqual({ ok: false, error: { kind: 'invalid_input', message: expect.stringContaining('nonce') } });
    }
  });
});

// Kraken's official vector (exchange-apis.md §2.2) is an AddOrder, which a read-only
// core never builds; it proves the verifier, and the official secret then signs
// through the core.
describe('Kraken official worked example', () => {
  const secret = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
  const nonce = '1616492376594';

  test('the node:crypto recomputation reproduces the official API-Sign', () => {
    expect(krakenSign(secret, '/0/private/AddOrder', nonce,
      'nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25'))
      .toBe('4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==');
  });

  test('the official secret and nonce sign through the JS API', () => {
    const req = build('kraken', 'trades', { apiKey: 'official', secret }, {}, { nonce });
    expect(req.ok).toBe(true);
    expect(req.body).toBe('nonce=1616492376594&ofs=0');
    expect(req.headers['API-Sign']).toBe(krakenSign(secret, '/0/private/TradesHistory', nonce, req.body));
  });
});

// ---------------------------------------------------------------- Coinbase

function jwtOf(req) {
  const auth = req.headers.Authorization;
  expect(auth).toMatch(/^Bearer [^ ]+$/);
  const token = auth.slice('Bearer '.length);
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  const [h, c, s] = parts;
  return {
    token,
    header: JSON.parse(strictBase64Url(h).toString('utf8')),
    claims: JSON.parse(strictBase64Url(c).toString('utf8')),
    signingInput: Buffer.from(`${h}.${c}`),
    signature: strictBase64Url(s),
  };
}

function verifyJwt(keyType, cred, signingInput, signature) {
  if (keyType === 'ecdsa') {
    // JOSE ES256 is raw r‖s (64 bytes), not DER.
    expect(signature).toHaveLength(64);
    return verify('sha256', signingInput, { key: createPublicKey(cred.secret), dsaEncoding: 'ieee-p1363' }, signature);
  }
  expect(signature).toHaveLength(64);
  return verify(null, signingInput, coinbaseEd25519PublicKey(cred.secret), signature);
}

describe('Coinbase: every key type, every private operation', () => {
  for (const keyType of KEY_TYPES.coinbase) {
    for (const [operation, paramSets] of Object.entries(PRIVATE.coinbase)) {
      test.each(paramSets.map((p) => [JSON.stringify(p), p]))(`${keyType} ${operation} %s`, (_, params) => {
        const cred = KEYS.coinbase[keyType];
        expect(cred.keyType).toBe(keyType);
        const req = built('coinbase', operation, cred, params);
        const url = new URL(req.url);
        expect(req.method).toBe('GET');
        expect(req.body).toBe('');
        expect(url.origin).toBe('https://api.coinbase.com');

        const jwt = jwtOf(req);
        // Exactly these fields, nothing more (exchange-apis.md §3.1).
        expect(jwt.header).toEqual({
          alg: keyType === 'ecdsa' ? 'ES256' : 'EdDSA', kid: cred.apiKey, nonce: NONCE, typ: 'JWT',
        });
        expect(jwt.claims).toEqual({
          sub: cred.apiKey, iss: 'cdp', nbf: NOW_S, exp: NOW_S + 120,
          // Method, host and path; never the query string (a query in `uri` gets a 401).
          uri: `GET api.coinbase.com${url.pathname}`,
        });
        expect(verifyJwt(keyType, cred, jwt.signingInput, jwt.signature)).toBe(true);
        const tampered = Buffer.from(jwt.signingInput.toString().replace(/\.$/, '') + 'A');
        expect(verifyJwt(keyType, cred, tampered, jwt.signature)).toBe(false);
      });
    }
  }

  test('the claims bind the path: each operation signs its own uri', () => {
    const uris = new Set();
    for (const [operation, [params]] of Object.entries(PRIVATE.coinbase)) {
      if (operation === 'withdrawals') continue;  // the same transactions list as deposits
      uris.add(jwtOf(built('coinbase', operation, KEYS.coinbase.ecdsa, params)).claims.uri);
    }
    expect([...uris].sort()).toEqual([
      'GET api.coinbase.com/api/v3/brokerage/accounts',
      'GET api.coinbase.com/api/v3/brokerage/key_permissions',
      'GET api.coinbase.com/api/v3/brokerage/orders/historical/fills',
      `GET api.coinbase.com/v2/accounts/${ACCOUNT_ID}/transactions`,
    ]);
  });

  test('without a caller nonce the JWT nonce is 16 random bytes in hex, fresh per request', () => {
    for (const keyType of KEY_TYPES.coinbase) {
      const req = () => jwtOf(built('coinbase', 'balances', KEYS.coinbase[keyType], {}, { nonce: undefined }));
      const a = req(), b = req();
      expect(a.header.nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(b.header.nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(a.header.nonce).not.toBe(b.header.nonce);
      expect(verifyJwt(keyType, KEYS.coinbase[keyType], a.signingInput, a.signature)).toBe(true);
    }
  });

  test('with a caller nonce the token is reproducible (Ed25519; ES256 with RFC 6979 nonces)', () => {
    for (const keyType of KEY_TYPES.coinbase) {
      const cred = KEYS.coinbase[keyType];
      expect(jwtOf(built('coinbase', 'balances', cred)).token).toBe(jwtOf(built('coinbase', 'balances', cred)).token);
    }
  });

  test('an ECDSA P-256 key in PKCS#8 form signs too, and verifies with its public key', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const cred = { apiKey: 'organizations/o/apiKeys/k', secret: privateKey.export({ type: 'pkcs8', format: 'pem' }) };
    const jwt = jwtOf(built('coinbase', 'balances', cred));
    expect(jwt.header.alg).toBe('ES256');
    expect(verifyJwt('ecdsa', cred, jwt.signingInput, jwt.signature)).toBe(true);
  });
});

// ---------------------------------------------------------------- all exchanges

describe('the operation tables above cover what the core offers', () => {
  test('exchanges() lists exactly the private and public operations tested here', () => {
    const list = call(core, 'exchanges');
    expect(list.ok).toBe(true);
    for (const ex of list.exchanges) {
      const tested = [...Object.keys(PRIVATE[ex.id]), ...Object.keys(PUBLIC[ex.id])].sort();
      expect([...ex.operations].sort()).toEqual(tested);
      const expectedTypes = ex.id === 'kraken' ? ['hmac'] : KEY_TYPES[ex.id];
      expect([...ex.keyTypes].sort()).toEqual([...expectedTypes].sort());
    }
    expect(list.exchanges.map((e) => e.id).sort()).toEqual(Object.keys(PRIVATE).sort());
  });
});

describe('public operations need no credentials', () => {
  for (const [exchange, ops] of Object.entries(PUBLIC)) {
    for (const [operation, params] of Object.entries(ops)) {
      test(`${exchange} ${operation}`, () => {
        const req = call(core, 'buildRequest', { exchange, operation, params, nowMs: NOW });
        expect(req.ok).toBe(true);
        expect(req.method).toBe('GET');
        expect(req.body).toBe('');
        expect(req.headers).toEqual({});
        const url = new URL(req.url);
        for (const secretish of ['signature', 'timestamp', 'nonce']) expect(url.searchParams.has(secretish)).toBe(false);
        // Credentials, if present anyway, are not sent on a public call.
        const anyway = call(core, 'buildRequest', {
          exchange, operation, params, nowMs: NOW, credentials: KEYS[exchange][KEY_TYPES[exchange][0]],
        });
        expect(anyway).toEqual(req);
      });
    }
  }
});

describe('private operations without credentials are refused, naming the field', () => {
  for (const [exchange, ops] of Object.entries(PRIVATE)) {
    for (const [operation, [params]] of Object.entries(ops)) {
      test(`${exchange} ${operation}`, () => {
        const cred = KEYS[exchange][KEY_TYPES[exchange][0]];
        expect(build(exchange, operation, undefined, params)).toEqual({
          ok: false, error: { kind: 'bad_credentials', message: expect.stringMatching(/^apiKey\b/) },
        });
        expect(build(exchange, operation, { ...cred, secret: '' }, params)).toEqual({
          ok: false, error: { kind: 'bad_credentials', message: expect.stringMatching(/^secret\b/) },
        });
      });
    }
  }
});

describe('bad credentials give bad_credentials naming the field', () => {
  const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
  const rsa2048 = KEYS.binance.rsa.secret;
  const ec = KEYS.coinbase.ecdsa.secret;
  const secp256k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ type: 'sec1', format: 'pem' });
  const garbagePem = (label) => `-----BEGIN ${label}-----\nZ2FyYmFnZSBnYXJiYWdlIGdhcmJhZ2U=\n-----END ${label}-----\n`;
  const cases = [
    ['kraken', 'non-base64 secret', { apiKey: 'k', secret: 'not base64!!' }, 'secret'],
    ['kraken', 'base64 without padding', { apiKey: 'k', secret: 'abc' }, 'secret'],
    ['kraken', 'a non-HMAC key type', { apiKey: 'k', secret: 'YWJj', keyType: 'rsa' }, 'keyType'],
    ['binance', 'garbage PKCS#8 PEM', { apiKey: 'k', secret: garbagePem('PRIVATE KEY') }, 'secret'],
    ['binance', 'garbage PEM declared Ed25519', { apiKey: 'k', secret: garbagePem('PRIVATE KEY'), keyType: 'ed25519' }, 'secret'],
    ['binance', 'garbage PEM declared RSA', { apiKey: 'k', secret: garbagePem('PRIVATE KEY'), keyType: 'rsa' }, 'secret'],
    ['binance', 'a 1024-bit RSA key', { apiKey: 'k', secret: rsa1024 }, 'secret', /1024/],
    ['binance', 'an ECDSA key', { apiKey: 'k', secret: ec }, 'secret'],
    ['coinbase', 'garbage EC PEM', { apiKey: 'k', secret: garbagePem('EC PRIVATE KEY') }, 'secret'],
    ['coinbase', 'an RSA key', { apiKey: 'k', secret: rsa2048 }, 'secret'],
    ['coinbase', 'an EC key on another curve', { apiKey: 'k', secret: secp256k1 }, 'secret', /P-256/],
    ['coinbase', 'an Ed25519 secret of the wrong length', { apiKey: 'k', secret: 'bm90IGEga2V5' }, 'secret'],
    ['coinbase', 'a non-base64 Ed25519 secret', { apiKey: 'k', secret: '%%%' }, 'secret'],
    ['coinbase', 'a legacy HMAC key', { apiKey: 'k', secret: 'abc', keyType: 'hmac' }, 'keyType'],
  ];
  // Every row has five entries: a shorter row would hand Jest's `done` in as `detail`.
  test.each(cases.map((c) => (c.length === 5 ? c : [...c, null])))('%s: %s', (exchange, _, credentials, field, detail) => {
    const r = build(exchange, 'balances', credentials);
    expect(r).toEqual({ ok: false, error: { kind: 'bad_credentials', message: expect.stringMatching(new RegExp(`^${field}\\b`)) } });
    if (detail) expect(r.error.message).toMatch(detail);
    // No key material is echoed back in the message.
    if (credentials.secret.length > 60) expect(r.error.message).not.toContain(credentials.secret.slice(30, 60));
  });
});
