// Spends each exchange's documented request budget before the exchange has to
// say no. Binance's weight per minute, Kraken's decaying call counter and
// Coinbase's requests per second are all token buckets; their sizes and each
// request's cost come from the core (exchanges().rateLimit and publicRateLimit,
// buildRequest().cost).
// Bucket levels live in storage so a restarted service worker does not overspend.
import { getLocal, setLocal } from './storage.js';

const DEFAULT_POLICY = { capacity: 10, refillPerSecond: 1 };

// Which bucket a request spends, from the core's description of the exchange: public
// calls have their own where the exchange counts them apart (Kraken, Coinbase: per IP),
// and a per-key private budget (Kraken) is kept per key, so two keys do not slow each other.
export function bucketFor(exchange, operation, info, keyId) {
  const isPublic = info.publicOperations?.includes(operation) ?? false;
  if (isPublic && info.publicRateLimit) return { name: `${exchange}.public`, policy: info.publicRateLimit };
  if (!isPublic && info.rateLimitPerKey && keyId) return { name: `${exchange}.key.${keyId}`, policy: info.rateLimit };
  return { name: exchange, policy: info.rateLimit };
}

export function refill(bucket, policy, nowMs) {
  const elapsed = Math.max(0, nowMs - bucket.updatedMs) / 1000;
  return { tokens: Math.min(policy.capacity, bucket.tokens + elapsed * policy.refillPerSecond), updatedMs: nowMs };
}

// How long to wait before `cost` tokens are available (0 when they are).
export function waitTimeMs(bucket, policy, cost) {
  const need = Math.min(cost, policy.capacity) - bucket.tokens;
  return need <= 0 ? 0 : Math.ceil((need / policy.refillPerSecond) * 1000);
}

// `guard` wraps the write of the bucket (a key's request: only while the key is in use, key-requests.js).
export async function acquire(exchange, cost = 1, { policy = DEFAULT_POLICY, now = Date.now, sleep = defaultSleep, guard = (write) => write() } = {}) {
  const key = `rate.${exchange}`;
  for (;;) {
    let bucket = refill(await getLocal(key, { tokens: policy.capacity, updatedMs: now() }), policy, now());
    const wait = waitTimeMs(bucket, policy, cost);
    if (wait === 0) {
      bucket = { ...bucket, tokens: bucket.tokens - Math.min(cost, policy.capacity) };
      await guard(() => setLocal({ [key]: bucket }));
      return;
    }
    await sleep(Math.min(wait, 5000));
  }
}

// The exchange said "slow down" (429/418): empty the bucket and hold it until `untilMs`.
export async function penalize(exchange, untilMs) {
  await setLocal({ [`rate.${exchange}.blockedUntil`]: untilMs, [`rate.${exchange}`]: { tokens: 0, updatedMs: Date.now() } });
}

export async function blockedUntil(exchange) {
  return getLocal(`rate.${exchange}.blockedUntil`, 0);
}

function defaultSleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
