// Helpers shared by the experience and fault-injection e2e tests: a connected
// portfolio set up through the service worker's own messages, storage reads,
// waiting for a snapshot, and the markdown table of fault outcomes.
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { artifactsDir, root } from './harness.mjs';

export const PASSPHRASE = 'correct horse battery staple';
export const EXCHANGES = ['binance', 'kraken', 'coinbase'];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Sends one message to the service worker from an extension page, as the UI does.
export async function send(page, type, payload = {}) {
  const answer = await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload]);
  if (!answer?.ok) throw Object.assign(new Error(`${type}: ${answer?.error?.message ?? 'no answer'}`), { kind: answer?.error?.kind });
  return answer.result;
}

// Like send, but never throws: {ok, result | error}.
export async function trySend(page, type, payload = {}, timeoutMs = 60000) {
  return Promise.race([
    page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }).catch((e) => ({ ok: false, error: { kind: 'no_answer', message: String(e.message ?? e) } })), [type, payload]),
    sleep(timeoutMs).then(() => ({ ok: false, error: { kind: 'timeout', message: `no answer to ${type} within ${timeoutMs} ms` } })),
  ]);
}

// Evaluates in the service worker; after the worker was stopped, in its next instance.
async function inWorker(ext, fn, arg) {
  for (let attempt = 1; ; attempt++) {
    const w = ext.serviceWorker() ?? await ext.context.waitForEvent('serviceworker', { timeout: 15000 });
    try {
      return await w.evaluate(fn, arg);
    } catch (e) {
      if (attempt >= 5 || !/closed|destroyed|detached|Target/i.test(e.message)) throw e;
      await sleep(300);
    }
  }
}

export async function storage(ext, area, key) {
  return inWorker(ext, async ([a, k]) => (await chrome.storage[a].get(k))[k], [area, key]);
}

export async function badgeText(ext) {
  return inWorker(ext, () => chrome.action.getBadgeText({}));
}

// The uid of every event history sync stored in IndexedDB, sorted (empty when there is none).
export async function storedEvents(ext) {
  return (await storedEventRecords(ext)).map((e) => e.uid).sort();
}

// Every event history sync stored in IndexedDB, whole.
export async function storedEventRecords(ext) {
  return inWorker(ext, async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('keyfolio')) return [];
    const db = await new Promise((res, rej) => { const r = indexedDB.open('keyfolio'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    try {
      if (!db.objectStoreNames.contains('events')) return [];
      return await new Promise((res, rej) => {
        const q = db.transaction('events').objectStore('events').getAll();
        q.onsuccess = () => res(q.result);
        q.onerror = () => rej(q.error);
      });
    } finally {
      db.close();
    }
  });
}

export async function waitFor(fn, { timeoutMs = 60000, what = 'condition', intervalMs = 200 } = {}) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export async function waitForSnapshot(ext, predicate, { timeoutMs = 60000, what = 'snapshot' } = {}) {
  let snap;
  try {
    return await waitFor(async () => {
      snap = await storage(ext, 'local', 'snapshot');
      return snap && predicate(snap) ? snap : null;
    }, { timeoutMs, what });
  } catch (e) {
    throw new Error(`${e.message}: total ${snap?.portfolio?.total}, statuses ${JSON.stringify(snap?.exchanges)}`);
  }
}

export const allOk = (s) => !s.demo && EXCHANGES.every((e) => s.exchanges?.[e]?.state === 'ok');

// A vault and one key on each exchange, set up through the messages the options
// page sends; resolves when the three-exchange snapshot is in storage. With
// `history`, the Kraken and Coinbase trade history is synced into IndexedDB
// before the Binance key is added (Binance's history spans years of 89-day
// windows under a tight rate limit: minutes, not seconds).
export async function connectAll(ext, mock, { history = false } = {}) {
  const keys = mock.keys();
  const page = await ext.open('options/options.html');
  await send(page, 'createVault', { passphrase: PASSPHRASE });
  const add = (exchange, label, credentials) => send(page, 'addKey', { exchange, label, credentials, confirmedReadOnly: true });
  await add('kraken', 'Kraken', keys.kraken.main);
  await add('coinbase', 'Coinbase', keys.coinbase.ecdsa);
  if (history) {
    await waitFor(async () => (await send(page, 'syncHistory')).started, { timeoutMs: 30000, what: 'history sync start' });
    await waitFor(async () => !(await send(page, 'historySyncState')).running, { timeoutMs: 60000, what: 'history sync' });
  }
  await add('binance', 'Binance main', keys.binance.hmac);
  const snapshot = await waitForSnapshot(ext, (s) => allOk(s) && s.portfolio.exchanges.length === 3, { timeoutMs: 90000, what: 'first synced snapshot' });
  return { page, snapshot, keys };
}

// Syncs now and waits for the answer (a sync still running from before is waited out).
export async function syncAndWait(ext, page, { timeoutMs = 90000 } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const answer = await trySend(page, 'syncNow', {}, Math.max(1000, end - Date.now()));
    if (!answer.ok) return answer;
    if (answer.result.started) return answer;
    if (Date.now() > end) return { ok: false, error: { kind: 'timeout', message: `sync never started: ${answer.result.reason}` } };
    await sleep(300);
  }
}

function cell(v) {
  return String(v ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(columns, rows) {
  const head = `| ${columns.map((c) => c.title).join(' | ')} |`;
  const rule = `|${columns.map(() => '---').join('|')}|`;
  return [head, rule, ...rows.map((r) => `| ${columns.map((c) => cell(r[c.key])).join(' | ')} |`)].join('\n');
}

export function writeArtifact(name, text) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, name);
  writeFileSync(file, text);
  return file;
}

// Puts `body` under `## <title>` in BENCHMARKS.md, replacing only that section.
export function replaceBenchmarkSection(title, body) {
  const file = path.join(root, 'BENCHMARKS.md');
  const section = `## ${title}\n\n${body.trim()}\n`;
  if (!existsSync(file)) {
    writeFileSync(file, `${section}`);
    return file;
  }
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (start < 0) {
    writeFileSync(file, `${text.replace(/\n*$/, '\n\n')}${section}`);
    return file;
  }
  let end = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
  if (end < 0) end = lines.length;
  const before = lines.slice(0, start).join('\n');
  const after = lines.slice(end).join('\n');
  writeFileSync(file, `${before ? `${before}\n` : ''}${section}${after ? `\n${after}` : ''}`.replace(/\n*$/, '\n'));
  return file;
}
