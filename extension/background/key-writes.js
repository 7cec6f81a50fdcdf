// What a sync writes for a key (holdings, account ids, history pages and
// cursors, a status naming it) is written only while that key is listed, in the
// queue of the stored `keys` object that deleteKey (key-deletion.js) removes it through:
// a write that got in first is removed by deleteKey after it, a later one sees
// the key gone and writes nothing. A sync that was waiting on the exchange when
// the key was deleted therefore leaves no trace of it.
import { withLocal } from './storage.js';
import { listKeys } from './keys.js';
import { writeForKey } from './key-requests.js';

// Runs `step` with the listed keys, nothing changing them meanwhile. `step`
// must not change the listing itself (updateKey): it would wait for its own turn.
export function withKeys(step) {
  return withLocal('keys', {}, async () => step(await listKeys()));
}

// Runs `write` only if key `id` is still listed, else throws keyGone.
export function whileListed(id, write) {
  return writeForKey(id, write);
}

// Whether to go on asking the exchange for a key (not atomic: writes use whileListed).
export async function isListed(id) {
  return (await listKeys()).some((k) => k.id === id);
}

// Thrown to stop a sync's requests for a key deleted meanwhile.
export { keyGone } from './key-requests.js';
