// Deleting a key and everything kept for it (per-key entries, resume cursors,
// reminders, sync counts and progress), its history records only when asked.
// The listing itself changes only in keys.js (unlistKey): its queue is what keeps
// a sync's writes for a deleted key out (key-writes.js).
import { updateLocal } from './storage.js';
import { removeSecret } from './vault-session.js';
import { removeKeyCursors, removeKeyHistory } from './history-db.js';
import { planKeyHistoryRemoval, keyHistorySummary } from './key-history.js';
import { getKey, listKeys, unlistKey, perKeyEntries } from './keys.js';
import { withoutKey } from '../shared/history-progress.js';

// Gone at once: the sealed secret, the listing, its holdings and every entry
// kept for it, its history resume cursors and sync progress; an exchange left
// without keys loses its sync status and history sync progress too. Its history
// records only with `deleteHistory` (key-history.js), in this same operation and
// after the listing: from then on no page of the key can be stored
// (key-writes.js), so none escapes the removal.
// Returns what was removed of the history (keyHistorySummary), else null.
export async function deleteKey(id, { deleteHistory = false } = {}) {
  const exchange = (await getKey(id))?.exchange;
  await removeSecret(id);
  const remaining = await unlistKey(id);
  const history = deleteHistory && exchange ? await removeHistoryOf(id, exchange, Object.values(remaining)) : null;
  await chrome.storage.local.remove(perKeyEntries(id, exchange));
  await removeKeyCursors(id);
  await updateLocal('rotationReminded', {}, (r) => without(r, id));
  // The last history sync's counts per key name it too (its records are another matter: key-history.js).
  await updateLocal('historySync', null, (s) => (s?.results && Object.hasOwn(s.results, id) ? { ...s, results: without(s.results, id) } : s));
  await chrome.notifications?.clear(`rotate-${id}`);
  const inUse = new Set(Object.values(remaining).map((k) => k.exchange));
  const keepInUse = (all) => Object.fromEntries(Object.entries(all).filter(([ex]) => inUse.has(ex)));
  await updateLocal('exchangeStatus', {}, keepInUse);
  // Its history sync progress too (the history page lists every entry).
  await updateLocal('historyProgress', {}, (all) => withoutKey(all, id, inUse));
  return history;
}

// `obj` without property `name`, or `obj` itself when it has none (updateLocal then writes nothing).
function without(obj, name) {
  if (!Object.hasOwn(obj ?? {}, name)) return obj;
  const next = { ...obj };
  delete next[name];
  return next;
}

// The records only this key fetched go, shared ones lose its tag; records of
// unknown key go only if no other key of the exchange is left.
async function removeHistoryOf(id, exchange, remaining) {
  const otherKeysOnExchange = remaining.some((k) => k.exchange === exchange);
  const plan = (records) => planKeyHistoryRemoval(records, id, { otherKeysOnExchange });
  return keyHistorySummary(await removeKeyHistory(exchange, id, plan));
}

export async function deleteAllKeys() {
  for (const k of await listKeys()) await deleteKey(k.id);
}
