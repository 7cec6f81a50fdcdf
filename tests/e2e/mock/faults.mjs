// Fault injection: which fault applies to a request, and the transformations
// that damage an otherwise correct answer.
import { reply } from './http.mjs';

// A fault matches an exchange ('*' = any) and a path: exact, '*' for all, or a
// prefix ending in '*'. Options on every fault: once (remove after first use),
// skip (let the first N matching requests through), times (apply N times).
export class FaultTable {
  constructor() {
    this.list = [];
    this.nextId = 1;
  }

  add(exchange, path, fault) {
    if (!fault || typeof fault !== 'object') throw new Error('fault must be an object');
    const entry = { id: this.nextId++, exchange, path, fault, seen: 0, applied: 0 };
    this.list.unshift(entry); // newest first
    return entry.id;
  }

  clear(exchange, path) {
    this.list = this.list.filter((e) => (exchange !== undefined && e.exchange !== exchange) || (path !== undefined && e.path !== path));
  }

  // The fault for this request, or null. Counts it as seen/applied.
  take(exchange, path) {
    for (const e of this.list) {
      if (e.exchange !== '*' && e.exchange !== exchange) continue;
      const match = e.path === '*' || e.path === path || (e.path.endsWith('*') && path.startsWith(e.path.slice(0, -1)));
      if (!match) continue;
      e.seen += 1;
      if (e.seen <= (e.fault.skip ?? 0)) continue;
      e.applied += 1;
      const limit = e.fault.once ? 1 : e.fault.times;
      if (limit !== undefined && e.applied >= limit) this.list = this.list.filter((x) => x !== e);
      return e.fault;
    }
    return null;
  }

  toJSON() {
    return this.list.map(({ id, exchange, path, fault, seen, applied }) => ({ id, exchange, path, fault, seen, applied }));
  }
}

export function htmlPage(status) {
  const title = status === 200 ? 'Maintenance' : `${status} ${status === 502 ? 'Bad Gateway' : 'Error'}`;
  const body = `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>cloudflare</center></body></html>\n`;
  return reply(status, body, { 'content-type': 'text/html; charset=utf-8' }, `fault html ${status}`);
}

export function truncate(res) {
  const buf = Buffer.from(res.body);
  return { ...res, body: buf.subarray(0, Math.floor(buf.length / 2)), verdict: `${res.verdict}; fault truncate` };
}

function flip(v) {
  return Array.isArray(v) ? { data: v } : [v];
}

// Valid JSON in the wrong structure: arrays become objects and objects arrays
// (inside Kraken's envelope, the result is flipped).
export function wrongShape(res, exchange) {
  let v;
  try {
    v = JSON.parse(res.body);
  } catch {
    return res;
  }
  if (exchange === 'kraken' && v && typeof v === 'object' && 'result' in v) v.result = flip(v.result);
  else v = flip(v);
  return { ...res, body: JSON.stringify(v), verdict: `${res.verdict}; fault wrongShape` };
}

const NOT_AMOUNTS = new Set(['id', 'orderId', 'orderListId', 'trade_id', 'tradeId', 'entry_id', 'order_id', 'uid', 'time',
  'insertTime', 'completeTime', 'applyTime', 'createTime', 'updateTime', 'start', 'epochSeconds', 'epochMillis',
  'unixtime', 'serverTime', 'sequence_timestamp', 'txId', 'txid', 'refid', 'uuid', 'firstId', 'lastId']);
const DECIMAL = /^-?\d+(\.\d+)?$/;

// Every decimal-string amount becomes an 80-digit number.
export function hugeNumbers(res, digits = '9'.repeat(80)) {
  let v;
  try {
    v = JSON.parse(res.body);
  } catch {
    return res;
  }
  const walk = (x) => {
    if (Array.isArray(x)) return x.map((e) => (typeof e === 'string' && DECIMAL.test(e) ? sign(e) + digits : walk(e)));
    if (x && typeof x === 'object') {
      return Object.fromEntries(Object.entries(x).map(([k, e]) => [k,
        typeof e === 'string' && DECIMAL.test(e) && !NOT_AMOUNTS.has(k) ? sign(e) + digits : walk(e)]));
    }
    return x;
  };
  const sign = (s) => (s.startsWith('-') ? '-' : '');
  return { ...res, body: JSON.stringify(walk(v)), verdict: `${res.verdict}; fault hugeNumbers` };
}
