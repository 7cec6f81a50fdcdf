// The shape of the stored history sync progress, read by the service worker and
// the history page: historyProgress[exchange].keys[keyId] = { label, state, done,
// total, error, lastOkMs, updatedMs }. Kept per key because history sync runs per
// key: two keys of one exchange (two Binance accounts) would otherwise overwrite
// each other's counts and state. Progress stored before this (one entry per
// exchange, no `keys`) reads as one key without a name.

// The progress entries of one exchange, one per key.
export function keyEntries(entry) {
  if (!entry || typeof entry !== 'object') return [];
  return entry.keys ? Object.values(entry.keys) : [entry];
}

// All progress with key `id` of `exchange` changed; an older per-exchange entry
// is replaced (it cannot say which key it was).
export function withKeyProgress(all, exchange, id, changes) {
  const keys = all[exchange]?.keys ?? {};
  return { ...all, [exchange]: { keys: { ...keys, [id]: { ...keys[id], ...changes } } } };
}

// All progress without key `id`'s entry nor the exchanges not in `inUse` (a Set)
// or left with no key's entry: deleteKey's cleanup. Returns `all` itself when nothing goes, so the caller can
// skip the write.
export function withoutKey(all, id, inUse) {
  let changed = false;
  const next = {};
  for (const [exchange, entry] of Object.entries(all)) {
    if (!inUse.has(exchange)) { changed = true; continue; }
    if (entry?.keys && Object.hasOwn(entry.keys, id)) {
      const keys = { ...entry.keys };
      delete keys[id];
      if (Object.keys(keys).length) next[exchange] = { ...entry, keys }; // else no bar of nothing
      changed = true;
    } else {
      next[exchange] = entry;
    }
  }
  return changed ? next : all;
}

export function anyFailed(all) {
  return Object.values(all).some((entry) => keyEntries(entry).some((p) => p.state === 'error'));
}

// One exchange's progress as the history page shows it: the queries of all its
// keys summed, running while any key runs (a key left running by a stopped
// worker counts as interrupted), else failed or interrupted if any key was,
// each such key named by its label when the exchange has more than one.
export function exchangeProgress(entry, { stopped = false } = {}) {
  const keys = keyEntries(entry).map((p) => (p.state === 'running' && stopped ? { ...p, state: 'interrupted' } : p));
  const named = keys.length > 1;
  const has = (state) => keys.some((p) => p.state === state);
  const state = ['running', 'error', 'interrupted'].find(has)
    ?? (keys.length && keys.every((p) => p.state === 'ok') ? 'ok' : keys.find((p) => p.state)?.state ?? null);
  const who = (p) => (named ? `${p.label || 'A key'}: ` : '');
  const messages = keys.flatMap((p) => {
    if (p.error) return [`${who(p)}${p.error.message}`];
    if (p.state === 'interrupted' && named) return [`${who(p)}sync interrupted`];
    return [];
  });
  const sum = (field) => keys.reduce((n, p) => n + (Number(p[field]) || 0), 0);
  const lastOk = keys.map((p) => p.lastOkMs);
  return {
    state, done: sum('done'), total: sum('total'), messages,
    keyCount: keys.length, labels: keys.map((p) => p.label).filter(Boolean),
    // The last time every key had completed: the oldest of their last complete syncs.
    lastOkMs: lastOk.length && lastOk.every(Boolean) ? Math.min(...lastOk) : null,
  };
}
