// Service-worker handler behind the key delete dialog (options page): how much
// history was fetched with a key, asked before the key is deleted (its listing
// says which exchange's records to look at). Deleting that history is part of
// deleteKey itself (key-deletion.js), so no page can be stored between the two.
import { listKeys } from './keys.js';
import { planForExchange } from './history-db.js';
import { planKeyHistoryRemoval, keyHistorySummary } from './key-history.js';

// The key and a plan bound to it. The id is compared, never used as a property
// name, so "__proto__" and the like find nothing.
async function keyAndPlan(id) {
  const keys = await listKeys();
  const key = keys.find((k) => k.id === id);
  if (!key) throw Object.assign(new Error('No such key.'), { kind: 'invalid_input' });
  const otherKeysOnExchange = keys.some((k) => k.id !== id && k.exchange === key.exchange);
  return { key, plan: (records) => planKeyHistoryRemoval(records, id, { otherKeysOnExchange }) };
}

export const keyHistoryHandlers = {
  keyHistory: async ({ id }) => {
    const { key, plan } = await keyAndPlan(id);
    return { exchange: key.exchange, ...keyHistorySummary(await planForExchange(key.exchange, plan)) };
  },
};
