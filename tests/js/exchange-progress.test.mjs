// How the history page reads the stored progress (shared/history-progress.js):
// one bar per exchange, its keys combined; older per-exchange progress still reads.
import { exchangeProgress, keyEntries, withoutKey, anyFailed } from '../../extension/shared/history-progress.js';

const key = (label, p) => ({ label, updatedMs: 1, ...p });

test('two keys of one exchange: their queries summed, running while either runs', () => {
  const entry = { keys: {
    a: key('Main', { state: 'ok', done: 5, total: 5, lastOkMs: 2000 }),
    b: key('Savings', { state: 'running', done: 1, total: 4, error: null }),
  } };
  expect(exchangeProgress(entry)).toEqual({
    state: 'running', done: 6, total: 9, messages: [], keyCount: 2, labels: ['Main', 'Savings'], lastOkMs: null,
  });
  // The worker stopped meanwhile: the running key was interrupted, and is named.
  expect(exchangeProgress(entry, { stopped: true })).toMatchObject({ state: 'interrupted', messages: ['Savings: sync interrupted'] });
});

test('a failed key makes the exchange failed, named in the message; all complete: complete since the older', () => {
  const failed = { keys: {
    a: key('Main', { state: 'error', done: 2, total: 5, error: { kind: 'auth', message: 'Invalid API key' } }),
    b: key('Savings', { state: 'ok', done: 4, total: 4, lastOkMs: 3000 }),
  } };
  expect(exchangeProgress(failed)).toMatchObject({ state: 'error', done: 6, total: 9, messages: ['Main: Invalid API key'] });
  expect(anyFailed({ binance: failed })).toBe(true);
  const ok = { keys: { a: key('Main', { state: 'ok', done: 5, total: 5, lastOkMs: 2000 }), b: failed.keys.b } };
  expect(exchangeProgress(ok)).toMatchObject({ state: 'ok', messages: [], lastOkMs: 2000 });
  expect(anyFailed({ binance: ok })).toBe(false);
});

test('one key: no name in the message, as before', () => {
  const entry = { keys: { a: key('Main', { state: 'error', done: 0, total: 3, error: { message: 'down' } }) } };
  expect(exchangeProgress(entry)).toMatchObject({ state: 'error', messages: ['down'], keyCount: 1 });
});

test('progress stored per exchange (no per-key entries) reads as one key', () => {
  const old = { state: 'error', done: 2, total: 7, error: { kind: 'network', message: 'timed out' }, lastOkMs: 1000, updatedMs: 5 };
  expect(keyEntries(old)).toEqual([old]);
  expect(exchangeProgress(old)).toEqual({ state: 'error', done: 2, total: 7, messages: ['timed out'], keyCount: 1, labels: [], lastOkMs: 1000 });
  expect(exchangeProgress({ state: 'running', done: 1, total: 2 }, { stopped: true }).state).toBe('interrupted');
  expect(anyFailed({ kraken: old })).toBe(true);
  expect(exchangeProgress(undefined)).toMatchObject({ state: null, done: 0, total: 0, messages: [] });
});

test('withoutKey drops the key\'s entry and exchanges not in use, and returns the same object when nothing goes', () => {
  const all = { kraken: { keys: { a: key('A', {}), b: key('B', {}) } }, coinbase: { state: 'ok' } };
  expect(withoutKey(all, 'a', new Set(['kraken']))).toEqual({ kraken: { keys: { b: key('B', {}) } } });
  expect(withoutKey(all, 'zzz', new Set(['kraken', 'coinbase']))).toBe(all);
  // The exchange still has a key that never synced history: no empty bar is left.
  expect(withoutKey({ kraken: { keys: { a: key('A', {}) } } }, 'a', new Set(['kraken']))).toEqual({});
});
