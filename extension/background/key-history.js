// Which stored history records belong to one key. Records are keyed by exchange
// and id (history-db.js eventUid), not by key: two keys of one exchange account
// fetch the same trades and store them once. So each record lists the keys that
// fetched it (`keyIds`), and deleting one key's history removes only the records
// no other key fetched. Pure functions: history-db.js applies them in a transaction.

// The record to store when `keyId` fetched `record` and `stored` is what was there.
export function tagRecord(record, stored, keyId) {
  const keyIds = [...new Set([...(stored?.keyIds ?? []), keyId])];
  return { ...record, keyIds };
}

// Splits the records of the key's exchange into what deleting its history does:
//   remove:     fetched only with this key, go;
//   untag:      also fetched with another key, stay without this key in keyIds;
//   untagged:   stored before records named their keys (no keyIds). They go when
//               no other key of the exchange is connected (then none but this key,
//               or one deleted earlier, fetched them), else they stay: unattributable.
// `untaggedRemoved` says which of the two happened, for the dialog to say so.
export function planKeyHistoryRemoval(records, keyId, { otherKeysOnExchange }) {
  const remove = [];
  const untag = [];
  let untagged = 0;
  for (const r of records) {
    const keyIds = r.keyIds ?? [];
    if (!keyIds.length) {
      untagged += 1;
      if (!otherKeysOnExchange) remove.push(r.uid);
    } else if (keyIds.includes(keyId)) {
      if (keyIds.length === 1) remove.push(r.uid);
      else untag.push({ ...r, keyIds: keyIds.filter((id) => id !== keyId) });
    }
  }
  return { remove, untag, untagged, untaggedRemoved: untagged > 0 && !otherKeysOnExchange };
}

// What the delete dialog tells the person, in numbers.
export function keyHistorySummary(plan) {
  return {
    records: plan.remove.length, // deleted when the box is ticked
    shared: plan.untag.length, // stay: another key fetched them too
    untagged: plan.untagged, // of unknown key: part of `records` or kept, as untaggedRemoved says
    untaggedRemoved: plan.untaggedRemoved,
  };
}
