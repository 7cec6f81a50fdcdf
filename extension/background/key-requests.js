// A request's own bookkeeping for a key, its nonce (nonce.js) and its rate
// budget (exchange-client.js), is written only while the key is listed or
// being connected, in the queue of the stored `keys` object that deleteKey
// (key-deletion.js) unlists it through, as key-writes.js does for a sync's writes: a
// retry (nonce error, rate limit, outage) of a request in flight when the key
// was deleted writes nothing that names it and stops. Reads the stored object
// itself: keys.js imports the exchange client, which uses this.
import { withLocal } from './storage.js';

// Keys being connected (keys.js addKey): listed only once the exchange has
// confirmed them, but their requests already spend a nonce and rate budget.
const connecting = new Set();

export async function whileConnecting(id, work) {
  connecting.add(id);
  try {
    return await work();
  } finally {
    connecting.delete(id);
  }
}

// Runs `write` in the queue of the stored keys object if key `id` is listed (or,
// with `orConnecting`, being connected), else throws keyGone. The one guard for
// every write naming a key: a sync's (key-writes.js whileListed) and a request's.
// The id is compared, never used as a property name.
export async function writeForKey(id, write, { orConnecting = false } = {}) {
  const written = await withLocal('keys', {}, async (keys) => {
    const inUse = Object.values(keys).some((k) => k.id === id) || (orConnecting && connecting.has(id));
    if (!inUse) return false;
    await write();
    return true;
  });
  if (!written) throw keyGone(id);
}

// A request's nonce and rate budget: also for a key being connected.
export function forKeyInUse(id, write) {
  return writeForKey(id, write, { orConnecting: true });
}

// Thrown to stop requests for a key deleted meanwhile.
export function keyGone(id) {
  return Object.assign(new Error(`key ${id} was deleted`), { kind: 'key_deleted' });
}
