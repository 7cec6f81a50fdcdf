// Key material for the mock exchanges, generated once per process. Symmetric
// secrets are derived from fixed labels (stable across runs); asymmetric keys come
// from node:crypto generateKeyPairSync (RSA and ECDSA cannot be made deterministic
// there), so they are fresh per process but stable across resets.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function derivedBytes(label, n) {
  const out = [];
  for (let i = 0; out.length < n; i++) {
    out.push(...createHash('sha256').update(`keyfolio-mock:${label}:${i}`).digest());
  }
  return Buffer.from(out.slice(0, n));
}

// Binance API keys and HMAC secrets are 64 alphanumeric characters.
function alnum(label, n = 64) {
  return [...derivedBytes(label, n)].map((b) => ALNUM[b % ALNUM.length]).join('');
}

function uuid(label) {
  const h = derivedBytes(label, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// Ed25519 from a fixed seed: PKCS#8 DER is a constant prefix plus the seed.
function ed25519FromSeed(seed) {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function rawEd25519Public(publicKey) {
  return Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
}

let cached;

export function keyMaterial() {
  if (cached) return cached;
  const binanceEd = ed25519FromSeed(derivedBytes('binance-ed25519-seed', 32));
  const binanceRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const coinbaseEc = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const coinbaseEcTrade = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const cbSeed = derivedBytes('coinbase-ed25519-seed', 32);
  const coinbaseEd = ed25519FromSeed(cbSeed);
  const org = uuid('coinbase-org');
  const spki = (k) => k.export({ type: 'spki', format: 'pem' });
  const pkcs8 = (k) => k.export({ type: 'pkcs8', format: 'pem' });
  cached = {
    binance: {
      hmac: { apiKey: alnum('binance-hmac-key'), secret: alnum('binance-hmac-secret') },
      ed25519: {
        apiKey: alnum('binance-ed25519-key'),
        secret: pkcs8(binanceEd.privateKey),
        publicKeyPem: spki(binanceEd.publicKey),
      },
      rsa: {
        apiKey: alnum('binance-rsa-key'),
        secret: pkcs8(binanceRsa.privateKey),
        publicKeyPem: spki(binanceRsa.publicKey),
      },
      trading: { apiKey: alnum('binance-trading-key'), secret: alnum('binance-trading-secret') },
      withdrawals: { apiKey: alnum('binance-withdraw-key'), secret: alnum('binance-withdraw-secret') },
    },
    kraken: {
      main: {
        apiKey: derivedBytes('kraken-main-key', 42).toString('base64'),
        secret: derivedBytes('kraken-main-secret', 64).toString('base64'),
      },
      noLedger: {
        apiKey: derivedBytes('kraken-noledger-key', 42).toString('base64'),
        secret: derivedBytes('kraken-noledger-secret', 64).toString('base64'),
      },
    },
    coinbase: {
      ecdsa: {
        apiKey: `organizations/${org}/apiKeys/${uuid('coinbase-ecdsa-key')}`,
        // Coinbase hands out ECDSA keys as SEC1 PEM ("EC PRIVATE KEY").
        secret: coinbaseEc.privateKey.export({ type: 'sec1', format: 'pem' }),
        publicKeyPem: spki(coinbaseEc.publicKey),
      },
      ed25519: {
        apiKey: uuid('coinbase-ed25519-key'),
        // base64(seed || public key), as the CDP portal shows it.
        secret: Buffer.concat([cbSeed, rawEd25519Public(coinbaseEd.publicKey)]).toString('base64'),
        publicKeyPem: spki(coinbaseEd.publicKey),
      },
      trading: {
        apiKey: `organizations/${org}/apiKeys/${uuid('coinbase-trading-key')}`,
        secret: coinbaseEcTrade.privateKey.export({ type: 'sec1', format: 'pem' }),
        publicKeyPem: spki(coinbaseEcTrade.publicKey),
      },
      portfolioUuid: uuid('coinbase-portfolio'),
    },
  };
  return cached;
}

export { alnum, uuid, derivedBytes };
