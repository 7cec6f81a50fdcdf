// Deterministic synthetic candles around a ticker's prices, in exact decimals.
// The same (market, openTime) always yields the same candle; the newest
// candle closes at the ticker's last price.
import { createHash } from 'node:crypto';
import * as dec from './decimal.mjs';

function wobble(seed, spreadBp) {
  const n = createHash('sha256').update(seed).digest().readUInt32BE(0);
  const bp = (n % (2 * spreadBp + 1)) - spreadBp; // basis points in [-spread, spread]
  return dec.div(`${10000 + bp}`, '10000', 6);
}

// `last` and `open24h` are decimal strings; `places` the exchange's precision.
export function candle(market, openTime, { last, open24h, places, closeIsLast = false }) {
  const mid = dec.div(dec.add(last, open24h), '2', places + 2);
  const o = dec.fixed(dec.mul(mid, wobble(`${market}:${openTime}:o`, 150)), places);
  const c = closeIsLast ? dec.fixed(last, places) : dec.fixed(dec.mul(mid, wobble(`${market}:${openTime}:c`, 150)), places);
  const top = dec.cmp(o, c) >= 0 ? o : c;
  const bottom = dec.cmp(o, c) >= 0 ? c : o;
  const h = dec.fixed(dec.mul(top, '1.002'), places);
  const l = dec.fixed(dec.mul(bottom, '0.998'), places);
  const v = dec.fixed(dec.div(`${createHash('sha256').update(`${market}:${openTime}:v`).digest().readUInt16BE(0)}`, '100', 8), 8);
  return { open: o, high: h, low: l, close: c, volume: v };
}

const DAY = 86_400_000;

// Bucket arithmetic for a fixed length in ms, or calendar months (len = 'month'),
// or weeks that start on Monday (len = 'week').
export function bucketStart(t, len) {
  if (len === 'month') {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  if (len === 'week') return t - ((((t - 4 * DAY) % (7 * DAY)) + 7 * DAY) % (7 * DAY));
  return t - (((t % len) + len) % len);
}

export function nextBucket(t, len) {
  if (len === 'month') {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return t + (len === 'week' ? 7 * DAY : len);
}

export function prevBucket(t, len) {
  if (len === 'month') {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  }
  return t - (len === 'week' ? 7 * DAY : len);
}

// Open times of the buckets overlapping [from, to], oldest first, at most `limit`
// (taking the oldest when `fromStart`, else the newest).
export function bucketTimes(from, to, len, limit, fromStart) {
  const out = [];
  if (fromStart) {
    for (let t = bucketStart(from, len); t <= to && out.length < limit; t = nextBucket(t, len)) out.push(t);
    return out;
  }
  for (let t = bucketStart(to, len); t >= bucketStart(from, len) && out.length < limit; t = prevBucket(t, len)) {
    out.push(t);
  }
  return out.reverse();
}
