/** @jest-environment jsdom */
// The options page renders its sections with no stray text: a missing notice
// used to reach replaceChildren as null and show up as the word "null".
import { jest } from '@jest/globals';

const status = {
  version: '0.1.0', cryptopp: '8.7.0', vault: { exists: true, unlocked: false, records: 1 }, keys: 1, rotationDue: [],
  settings: { currency: 'USD', refreshMinutes: 5, badge: 'total', autoLockMinutes: 15, rotationDays: 180, privacy: false, showWhenLocked: true, costBasisMethod: 'fifo', holdingPeriodDays: 365 },
};
const answers = { status, exchanges: [], listKeys: [] };
globalThis.chrome = {
  runtime: { sendMessage: jest.fn(async ({ type }) => ({ ok: true, result: answers[type] })) },
  storage: { onChanged: { addListener: jest.fn() } },
};
document.body.innerHTML = '<main id="app"></main>';
await import('../../extension/options/options.js');
const app = document.getElementById('app');

function strayText(root) {
  return [...root.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent);
}

test('no stray text nodes at the top of the page, before and after loading', async () => {
  expect(strayText(app)).toEqual([]);
  await new Promise((r) => setTimeout(r, 0));
  expect(app.querySelector('#about [data-testid=core-status]').textContent).toContain('Crypto++ 8.7.0');
  expect(strayText(app)).toEqual([]);
  expect(app.textContent).not.toMatch(/\bnull\b|\bundefined\b/);
});

test('an error becomes a notice, still without stray text', async () => {
  answers.status = null;
  chrome.runtime.sendMessage.mockImplementationOnce(async () => ({ ok: false, error: { kind: 'internal', message: 'background asleep' } }));
  // The storage listener reloads; an error becomes the notice.
  const [listener] = chrome.storage.onChanged.addListener.mock.calls[0];
  answers.status = status;
  listener({ keys: {} }, 'local');
  await new Promise((r) => setTimeout(r, 0));
  expect(app.querySelector('[data-testid=notice]').textContent).toBe('background asleep');
  expect(strayText(app)).toEqual([]);
});
