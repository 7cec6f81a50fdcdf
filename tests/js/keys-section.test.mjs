/** @jest-environment jsdom */
// The options page deletes a key and, if the person ticked the box, its history
// in one message: the worker unlists the key first, so a history page fetched
// with it cannot be stored between a history removal and the key's deletion.
import { jest } from '@jest/globals';

let answer = null;
jest.unstable_mockModule('../../extension/options/delete-key-dialog.js', () => ({ confirmDeleteKey: async () => answer }));
const { keysSection } = await import('../../extension/options/keys-section.js');

const key = { id: 'k1', exchange: 'kraken', label: 'My Kraken', apiKeyHint: 'abcd…wxyz', importedMs: Date.now(), permissions: { verified: false } };
const HISTORY = { exchange: 'kraken', records: 12, shared: 0, untagged: 0, untaggedRemoved: false };

function page() {
  const replies = { keyHistory: HISTORY, deleteKey: { history: answer?.deleteHistory ? HISTORY : null } };
  const ctx = {
    keys: [key], exchanges: [{ id: 'kraken', name: 'Kraken' }], status: { settings: { rotationDays: 180 } },
    send: jest.fn(async (type) => replies[type]), notify: jest.fn(), reload: jest.fn(async () => {}),
  };
  document.body.replaceChildren(keysSection(ctx));
  return ctx;
}

async function clickDelete() {
  document.querySelector('button[aria-label="Delete My Kraken"]').click();
  await new Promise((r) => setTimeout(r, 0));
}

test('ticked: one deleteKey message that asks for the history too', async () => {
  answer = { deleteHistory: true };
  const ctx = page();
  await clickDelete();
  expect(ctx.send.mock.calls).toEqual([['keyHistory', { id: 'k1' }], ['deleteKey', { id: 'k1', deleteHistory: true }]]);
  expect(ctx.notify).toHaveBeenCalledWith('ok', 'Deleted My Kraken and 12 history records. Remember to delete it on the exchange too.');
});

test('unticked: deleteKey keeps the history', async () => {
  answer = { deleteHistory: false };
  const ctx = page();
  await clickDelete();
  expect(ctx.send.mock.calls).toEqual([['keyHistory', { id: 'k1' }], ['deleteKey', { id: 'k1', deleteHistory: false }]]);
  expect(ctx.notify).toHaveBeenCalledWith('ok', 'Deleted My Kraken. Remember to delete it on the exchange too.');
});

test('cancelled: nothing is deleted', async () => {
  answer = null;
  const ctx = page();
  await clickDelete();
  expect(ctx.send.mock.calls).toEqual([['keyHistory', { id: 'k1' }]]);
  expect(ctx.notify).not.toHaveBeenCalled();
});
