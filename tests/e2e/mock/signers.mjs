// Client-side request signing with node:crypto, for tests that talk to the mock
// directly (the extension itself signs with the Crypto++ core).
import { createHash, createHmac, createPrivateKey, randomBytes, sign } from 'node:crypto';

// Binance: payload = query string; HMAC hex, or Ed25519 / RSA-SHA256 base64 percent-encoded.
export function binanceSign(cred, payload) {
  if (cred.keyType === 'hmac') return createHmac('sha256', cred.secret).update(payload).digest('hex');
  const key = createPrivateKey(cred.secret);
  const sig = cred.keyType === 'ed25519' ? sign(null, Buffer.from(payload), key) : sign('sha256', Buffer.from(payload), key);
  return encodeURIComponent(sig.toString('base64'));
}

export function binanceQuery(cred, params, nowMs = Date.now()) {
  const q = new URLSearchParams({ ...params, timestamp: `${nowMs}` }).toString();
  return `${q}&signature=${binanceSign(cred, q)}`;
}

export function krakenSign(cred, path, nonce, postData) {
  const inner = createHash('sha256').update(`${nonce}${postData}`).digest();
  return createHmac('sha512', Buffer.from(cred.secret, 'base64')).update(path).update(inner).digest('base64');
}

// Coinbase CDP JWT. `overrides` patch claims/header for negative tests.
export function coinbaseJwt(cred, method, path, { nowMs = Date.now(), claims = {}, header = {} } = {}) {
  const now = Math.floor(nowMs / 1000);
  const ed = cred.keyType === 'ed25519';
  const h = { alg: ed ? 'EdDSA' : 'ES256', kid: cred.apiKey, nonce: randomBytes(16).toString('hex'), typ: 'JWT', ...header };
  const c = { sub: cred.apiKey, iss: 'cdp', nbf: now, exp: now + 120, uri: `${method} api.coinbase.com${path}`, ...claims };
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = Buffer.from(`${enc(h)}.${enc(c)}`);
  let sig;
  if (ed) {
    const seed = Buffer.from(cred.secret, 'base64').subarray(0, 32);
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    sig = sign(null, data, createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
  } else {
    sig = sign('sha256', data, { key: createPrivateKey(cred.secret), dsaEncoding: 'ieee-p1363' });
  }
  return `${data}.${sig.toString('base64url')}`;
}
