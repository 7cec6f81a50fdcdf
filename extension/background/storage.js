// Thin helpers over chrome.storage so every module reads and writes state the
// same way. Anything that must survive the service worker being stopped lives here.
import { writeQueue } from './write-queue.js';

export async function getLocal(key, fallback) {
  const got = await chrome.storage.local.get(key);
  return got[key] ?? fallback;
}

// Several keys in one storage round trip: { key: value } for those that exist.
export async function getLocalMany(keys) {
  return keys.length ? chrome.storage.local.get(keys) : {};
}

export async function setLocal(values) {
  await chrome.storage.local.set(values);
}

// Read-modify-write of one stored object. Updates of the same key run one after
// another (a queue per key, in memory: the service worker is a single instance),
// so two writers can never both read the old object and the later drop the
// earlier one's change. `update` must not mutate what it is given: returning it
// unchanged means nothing to write, and nothing is written.
const queues = new Map();
function queueOf(key) {
  const tail = queues.get(key) ?? writeQueue();
  queues.set(key, tail);
  return tail;
}

export function updateLocal(key, fallback, update) {
  return queueOf(key)(async () => {
    const current = await getLocal(key, fallback);
    const next = update(current);
    if (next !== current) await chrome.storage.local.set({ [key]: next });
    return next;
  });
}

// Runs `step` with the stored object, in that object's queue, writing nothing
// to it: what `step` writes elsewhere depends on the object and no update of it
// can come in between (a sync's writes for a key while deleteKey removes it).
// `step` must not update `key` itself: it would wait for its own turn.
export function withLocal(key, fallback, step) {
  return queueOf(key)(async () => step(await getLocal(key, fallback)));
}

export async function getSession(key, fallback) {
  const got = await chrome.storage.session.get(key);
  return got[key] ?? fallback;
}

export async function setSession(values) {
  await chrome.storage.session.set(values);
}

export async function removeSession(keys) {
  await chrome.storage.session.remove(keys);
}
