// "Locked and the totals setting off hides the amounts" is one rule, in
// shared/locked-amounts.js: the popup and side panel (portfolio-view.js) and the
// worker's balances export (history-handlers.js) both ask it, so they cannot drift.
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';
import { hiddenWhileLocked } from '../../extension/shared/locked-amounts.js';

globalThis.chrome = fakeChrome();

let vault = { exists: true, unlocked: false };
let settings = { showWhenLocked: false };
jest.unstable_mockModule('../../extension/background/vault-session.js', () => ({
  touch: async () => {},
  vaultState: async () => vault,
}));
jest.unstable_mockModule('../../extension/background/settings.js', () => ({ getSettings: async () => settings }));
jest.unstable_mockModule('../../extension/background/core.js', () => ({
  callCore: async (fn, input) => ({ ok: true, filename: 'balances.csv', mimeType: 'text/csv', content: input.snapshot.total }),
}));
jest.unstable_mockModule('../../extension/background/keys.js', () => ({ listKeys: async () => [] }));
jest.unstable_mockModule('../../extension/background/history-db.js', () => ({ allEvents: async () => [], getPrice: async () => null, putPrices: async () => {} }));
jest.unstable_mockModule('../../extension/background/history-sync.js', () => ({ syncHistory: async () => ({}) }));
jest.unstable_mockModule('../../extension/background/exchange-client.js', () => ({ run: async () => ({}) }));
const { historyHandlers } = await import('../../extension/background/history-handlers.js');

const CASES = [
  // vault, settings, hidden
  [{ exists: true, unlocked: false }, { showWhenLocked: false }, true],
  [{ exists: true, unlocked: false }, { showWhenLocked: true }, false],
  [{ exists: true, unlocked: false }, {}, false], // the default shows the last totals
  [{ exists: true, unlocked: true }, { showWhenLocked: false }, false],
  [{ exists: false, unlocked: false }, { showWhenLocked: false }, false], // no vault yet: nothing to unlock
  [undefined, { showWhenLocked: false }, false], // status not loaded yet
  [{ exists: true, unlocked: false }, undefined, false],
];

test.each(CASES)('vault %j, settings %j: hidden %s', (v, s, hidden) => {
  expect(hiddenWhileLocked(v, s)).toBe(hidden);
});

test('the worker refuses a balances export exactly when the rule hides the amounts', async () => {
  await chrome.storage.local.set({ snapshot: { demo: true, portfolio: { currency: 'USD', total: '42.00' } } });
  for (const [v, s, hidden] of CASES.filter(([v]) => v)) {
    vault = v;
    settings = s ?? {};
    const result = historyHandlers.exportReport({ kind: 'balances_csv' });
    if (hidden) await expect(result).rejects.toMatchObject({ kind: 'locked' });
    else expect((await result).content).toBe('42.00');
  }
});
