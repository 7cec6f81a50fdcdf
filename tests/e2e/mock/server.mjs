// One HTTPS server on 127.0.0.1 playing api.binance.com, api.kraken.com and
// api.coinbase.com (dispatch on the Host header), with fault injection, a
// request log and a control API (Host mock.keyfolio.test or path /__mock/...).
import { createServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultState, keysFor, setBalance, addTrades, revokeKey } from './state.mjs';
import { FaultTable, htmlPage, truncate, wrongShape, hugeNumbers } from './faults.mjs';
import { json, reply } from './http.mjs';
import * as binance from './binance.mjs';
import * as kraken from './kraken.mjs';
import * as coinbase from './coinbase.mjs';

const HOSTS = { 'api.binance.com': 'binance', 'api.kraken.com': 'kraken', 'api.coinbase.com': 'coinbase' };
const EXCHANGES = { binance, kraken, coinbase };
const HANDLERS = { binance: binance.handleBinance, kraken: kraken.handleKraken, coinbase: coinbase.handleCoinbase };
const CONTROL_HOST = 'mock.keyfolio.test';
const MAX_BODY = 10 * 1024 * 1024;

let tls;

// A self-signed P-256 certificate, made once per process with the openssl CLI.
export function certificate() {
  if (tls) return tls;
  const dir = mkdtempSync(join(tmpdir(), 'keyfolio-mock-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-days', '2', '-subj', '/CN=keyfolio-mock',
    '-addext', `subjectAltName=${[...Object.keys(HOSTS), CONTROL_HOST].map((h) => `DNS:${h}`).join(',')},IP:127.0.0.1`,
    '-keyout', keyPath, '-out', certPath], { stdio: 'ignore' });
  tls = { key: readFileSync(keyPath), cert: readFileSync(certPath), dir };
  return tls;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, r) {
  const body = Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body ?? '');
  res.writeHead(r.status, { ...r.headers, 'content-length': body.length });
  res.end(body);
}

function hugeBody(res, size) {
  // Valid JSON of exactly `size` bytes, written in chunks.
  const head = '{"pad":"';
  const tail = '"}';
  let left = Math.max(size - head.length - tail.length, 0);
  res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-length': head.length + left + tail.length });
  res.write(head);
  const chunk = 'x'.repeat(1 << 20);
  const pump = () => {
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!res.write(chunk.slice(0, n))) return res.once('drain', pump);
    }
    res.end(tail);
    return undefined;
  };
  pump();
}

// Answers that replace the exchange's own before it runs; null to go on.
function preFault(fault, exchange, ctx) {
  if (fault.html) return htmlPage(fault.status ?? 502);
  if (fault.status === 429 || fault.status === 418) {
    return EXCHANGES[exchange].rateLimitBody(fault.status, fault.retryAfter, ctx.now, ctx.path);
  }
  if (fault.status === 502) return htmlPage(502);
  if (fault.status >= 500) return EXCHANGES[exchange].serverErrorBody(fault.status);
  if (fault.status) return reply(fault.status, fault.body ?? '', { 'content-type': 'text/plain' }, `fault ${fault.status}`);
  if (fault.krakenError && exchange === 'kraken') return kraken.krakenError(fault.krakenError);
  return null;
}

export async function startMockExchanges({ port = 0, clock = () => Date.now(), state: initial } = {}) {
  const state = initial ?? defaultState({ nowMs: clock() });
  const faults = new FaultTable();
  const requests = [];
  const runtime = { binance: {}, kraken: {}, coinbase: {} };
  let offsetMs = 0;
  const now = () => clock() + offsetMs;

  const api = {
    state,
    requests,
    faults,
    setFault: (exchange, endpointPath, fault) => faults.add(exchange, endpointPath, fault),
    clearFaults: (exchange, endpointPath) => faults.clear(exchange, endpointPath),
    setClockOffsetMs: (ms) => { offsetMs = Number(ms); },
    now,
    keys: () => keysFor(state),
    setBalance: (exchange, asset, free, locked) => setBalance(state, exchange, asset, free, locked),
    addTrades: (exchange, n, opts = {}) => addTrades(state, exchange, n, { nowMs: now(), ...opts }),
    revokeKey: (exchange, apiKey) => revokeKey(state, exchange, apiKey),
    // Back to the default world (same keys), no faults, empty log, no clock offset.
    reset() {
      offsetMs = 0;
      Object.assign(state, defaultState({ nowMs: clock() }));
      faults.clear();
      requests.length = 0;
      for (const k of Object.keys(runtime)) runtime[k] = {};
    },
  };

  async function control(req, res, path) {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
    };
    if (req.method === 'OPTIONS') return send(res, reply(204, '', cors));
    let input = {};
    try {
      const raw = await readBody(req);
      input = raw ? JSON.parse(raw) : {};
      const route = `${req.method} ${path.replace(/^\/__mock/, '')}`;
      const out = {
        'GET /state': () => state,
        'GET /keys': () => api.keys(),
        'GET /requests': () => requests,
        'GET /faults': () => faults,
        'POST /fault': () => ({ id: api.setFault(input.exchange, input.path, input.fault) }),
        'POST /faults/clear': () => api.clearFaults(input.exchange, input.path),
        'POST /reset': () => api.reset(),
        'POST /clock': () => api.setClockOffsetMs(input.offsetMs ?? 0),
        'POST /balance': () => api.setBalance(input.exchange, input.asset, input.free, input.locked),
        'POST /trades': () => api.addTrades(input.exchange, input.n, input.symbol ? { symbol: input.symbol } : {}),
        'POST /revoke': () => api.revokeKey(input.exchange, input.apiKey),
      }[route];
      if (!out) return send(res, json(404, { ok: false, error: `no control route ${route}` }, cors));
      const result = out();
      return send(res, json(200, result === undefined ? { ok: true } : result, cors));
    } catch (e) {
      return send(res, json(400, { ok: false, error: String(e.message ?? e) }, cors));
    }
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'https://mock');
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (host === CONTROL_HOST || url.pathname.startsWith('/__mock/')) return control(req, res, url.pathname);
    const exchange = HOSTS[host];
    if (!exchange) return send(res, reply(421, `unknown host ${host}\n`, { 'content-type': 'text/plain' }));
    let body;
    try {
      body = await readBody(req);
    } catch {
      return send(res, reply(413, '', {}));
    }
    const rawQuery = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    const entry = {
      exchange, method: req.method, path: url.pathname, query: rawQuery, headers: { ...req.headers }, body,
      time: now(), status: 0, verdict: '',
    };
    requests.push(entry);
    const fault = faults.take(exchange, url.pathname);
    const ctx = {
      exchange, method: req.method, path: url.pathname, rawQuery, body, headers: req.headers, state,
      runtime: runtime[exchange], fault, now: now() + (fault?.clockSkewMs ?? 0),
    };
    if (fault?.revokeKey) revokeKey(state, exchange, fault.revokeKey);
    if (fault?.hang) {
      entry.verdict = 'fault hang';
      if (fault.hang === 'body') {
        res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
        res.write('{"');
      }
      return undefined; // never ends; close() destroys the socket
    }
    if (fault?.hugeBody) {
      entry.status = 200;
      entry.verdict = `fault hugeBody ${fault.hugeBody}`;
      return hugeBody(res, fault.hugeBody);
    }
    let r = (fault && preFault(fault, exchange, ctx)) ?? HANDLERS[exchange](ctx);
    if (fault?.wrongShape) r = wrongShape(r, exchange);
    if (fault?.hugeNumbers) r = hugeNumbers(r, typeof fault.hugeNumbers === 'string' ? fault.hugeNumbers : undefined);
    if (fault?.truncate) r = truncate(r);
    entry.status = r.status;
    entry.verdict = r.verdict;
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    return send(res, r);
  }

  const { key, cert } = certificate();
  const server = createServer({ key, cert }, (req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) send(res, reply(500, `mock error: ${e.stack ?? e}\n`, { 'content-type': 'text/plain' }, 'mock error'));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  return {
    ...api,
    port: actualPort,
    url: `https://127.0.0.1:${actualPort}`,
    // Chromium flag mapping the three hosts (and the control host) here.
    hostResolverRules: [...Object.keys(HOSTS), CONTROL_HOST].map((h) => `MAP ${h} 127.0.0.1:${actualPort}`).join(', '),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
