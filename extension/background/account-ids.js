// The account ids an exchange ever listed for a key (Coinbase: every account, empty
// ones too), kept in `accounts.<keyId>`. Coinbase lists deposits and withdrawals per
// account, and an account emptied since still holds its history, so ids are only
// ever added; deleting the key removes the entry (key-deletion.js, keys.js perKeyEntries).
import { getLocal, updateLocal } from './storage.js';

// Profiles synced before this entry existed kept the ids with the holdings (the
// `accounts` list, or before it each balance's accountId).
async function idsInHoldings(keyId) {
  const holdings = await getLocal(`holdings.${keyId}`, null);
  return [...new Set([...(holdings?.accounts ?? []), ...(holdings?.balances ?? []).map((b) => b.accountId)].filter(Boolean))];
}

// Merges the ids of a balances answer into what is known, writing only when one is
// new. Called before the new holdings are written, so an old profile's ids in its
// holdings are carried over (read only while it has no entry of its own).
export async function rememberAccounts(keyId, ids) {
  const key = `accounts.${keyId}`;
  const missing = (await getLocal(key, null)) === null;
  const before = missing ? await idsInHoldings(keyId) : [];
  return updateLocal(key, before, (known) => {
    const merged = [...new Set([...known, ...ids])];
    return merged.length === known.length && !missing ? known : merged;
  });
}

export async function knownAccounts(keyId) {
  return (await getLocal(`accounts.${keyId}`, null)) ?? idsInHoldings(keyId);
}
