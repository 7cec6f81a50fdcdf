// Runs one operation against an exchange: the core builds and signs the
// request, this module spends the rate budget, fetches, and hands the answer
// back to the core to parse. It knows no endpoint and no signature scheme;
// retry rules follow the error kinds the core reports.
import { callCore, CoreError } from './core.js';
import { performRequest } from './transport.js';
import { acquire, bucketFor, penalize, blockedUntil } from './rate-limiter.js';
import { nextNonce } from './nonce.js';
import { forKeyInUse } from './key-requests.js';
import { getLocal, setLocal } from './storage.js';

const MAX_ATTEMPTS = 4;
const MAX_BACKOFF_MS = 20_000;

let exchangeInfo;
export async function exchangesInfo() {
  exchangeInfo ??= callCore('exchanges').then((r) => Object.fromEntries(r.exchanges.map((e) => [e.id, e])));
  return exchangeInfo;
}

export class ExchangeError extends Error {
  constructor(exchange, error) {
    super(error.message);
    this.exchange = exchange;
    this.kind = error.kind;
    if (error.retryAfterMs !== undefined) this.retryAfterMs = error.retryAfterMs;
    if (error.timedOut) this.timedOut = true;
  }
}

// Parse errors deep in a response ("decimal has more than 38 significant digits")
// do not say whose answer it was; the status shown to the person must.
function named(info, error) {
  if (String(error.message ?? '').includes(info.name)) return error;
  return { ...error, kind: error.kind, message: `${info.name} sent an answer Keyfolio cannot use: ${error.message}` };
}

async function clockOffset(exchange) {
  return getLocal(`clock.${exchange}`, 0);
}

// Measures the exchange clock against ours (Binance rejects requests whose
// timestamp is off by more than recvWindow).
export async function syncClock(exchange, deps = {}) {
  const before = Date.now();
  const { data } = await runOnce(exchange, 'serverTime', { params: {} }, deps);
  const offset = data.serverTimeMs - Math.round((before + Date.now()) / 2);
  await setLocal({ [`clock.${exchange}`]: offset });
  return offset;
}

// Throws rate_limit while the exchange's Retry-After or ban lasts.
async function notBlocked(exchange, info) {
  const until = await blockedUntil(exchange);
  if (until > Date.now()) {
    throw new ExchangeError(exchange, { kind: 'rate_limit', message: `${info.name} asked us to wait`, retryAfterMs: until - Date.now() });
  }
}

async function runOnce(exchange, operation, { credentials = {}, params = {}, keyId } = {}, deps = {}) {
  const info = (await exchangesInfo())[exchange];
  if (!info) throw new ExchangeError(exchange, { kind: 'unsupported', message: `unknown exchange ${exchange}` });
  await notBlocked(exchange, info);
  const build = async () => callCore('buildRequest', {
    exchange, operation, credentials, params, nowMs: Date.now() + (await clockOffset(exchange)),
    nonce: keyId ? await nextNonce(keyId) : String(Date.now() * 1000),
  });
  let request = await build();
  const queuedMs = Date.now();
  const bucket = bucketFor(exchange, operation, info, keyId);
  // A key's request spends budget only while the key is in use: a retry that
  // outlived a deleted key writes no rate.<exchange>.key.<id> back.
  const guard = keyId ? (write) => forKeyInUse(keyId, write) : undefined;
  await acquire(bucket.name, request.cost ?? 1, { policy: bucket.policy, guard });
  // A request that waited for rate budget is signed again: its timestamp would be
  // stale (Binance refuses one older than recvWindow, 5 s by default).
  if (Date.now() - queuedMs > 1000) request = await build();
  // Again: while it waited, a parallel request may have been told to back off.
  await notBlocked(exchange, info);
  const response = await (deps.performRequest ?? performRequest)(request);
  if (response.networkError) throw new ExchangeError(exchange, response.networkError);
  try {
    // The body goes as its own string: a large history is then neither escaped into JSON
    // here nor unescaped in the core.
    const { body, ...meta } = response;
    return typeof body === 'string'
      ? await callCore('parseResponseBody', { exchange, operation, params, ...meta }, body)
      : await callCore('parseResponse', { exchange, operation, params, ...response });
  } catch (err) {
    if (err instanceof CoreError) throw new ExchangeError(exchange, named(info, err));
    throw err;
  }
}

// One operation with the retries a careful client makes: resync the clock once
// on clock_skew, a fresh nonce once on nonce, and back off on rate limits and
// outages, honouring Retry-After. Auth, permission and bad-request errors are final.
export async function run(exchange, operation, opts = {}, deps = {}) {
  const sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  let clockResynced = false;
  let nonceRetried = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(exchange, operation, opts, deps);
    } catch (err) {
      if (!(err instanceof ExchangeError) || attempt >= MAX_ATTEMPTS) throw err;
      if (err.kind === 'clock_skew' && !clockResynced) {
        clockResynced = true;
        await syncClock(exchange, deps);
        continue;
      }
      if (err.kind === 'nonce' && !nonceRetried) { nonceRetried = true; continue; }
      if (err.kind === 'rate_limit') {
        const wait = err.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
        await penalize(exchange, Date.now() + wait);
        if (wait > MAX_BACKOFF_MS) throw err; // a long ban: report it, the next sync tries again
        await sleep(wait);
        continue;
      }
      // No answer within the transport's timeout: waiting that long again in the same
      // sync would hold everything up; the next sync tries again.
      if (err.timedOut) throw err;
      if (err.kind === 'unavailable') {
        await sleep(Math.min(MAX_BACKOFF_MS, err.retryAfterMs ?? 500 * 2 ** attempt));
        continue;
      }
      throw err;
    }
  }
}

// Follows `next` until the last page; `onPage` sees each page as it arrives
// (history sync stores pages as they come so a stop loses nothing).
export async function runAllPages(exchange, operation, opts = {}, { onPage, maxPages = 1000, ...deps } = {}) {
  let params = { ...(opts.params ?? {}) };
  const pages = [];
  for (let i = 0; i < maxPages; i++) {
    const page = await run(exchange, operation, { ...opts, params }, deps);
    pages.push(page.data);
    if (onPage) await onPage(page.data, params, page.next);
    if (!page.next) return pages;
    params = { ...params, ...page.next };
  }
  throw new ExchangeError(exchange, { kind: 'malformed', message: `more than ${maxPages} pages of ${operation}` });
}
