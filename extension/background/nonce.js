// Nonces strictly increasing per key, across service-worker restarts: the next
// nonce is written to storage before it is used, so a crash can skip numbers
// but never repeat one (Kraken refuses a repeated or smaller nonce). Not for a
// deleted key: a retry that outlived the key writes nothing and stops (key-requests.js).
import { getLocal, setLocal } from './storage.js';
import { forKeyInUse } from './key-requests.js';

let chain = Promise.resolve();

export function nextNonce(keyId, now = Date.now) {
  const run = chain.then(async () => {
    const key = `nonce.${keyId}`;
    const last = await getLocal(key, 0);
    const next = Math.max(now() * 1000, last + 1);
    await forKeyInUse(keyId, () => setLocal({ [key]: next }));
    return String(next);
  });
  chain = run.catch(() => {});
  return run;
}
