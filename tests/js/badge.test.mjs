// The toolbar badge: compact totals, and no amount where the popup shows none:
// privacy mode, and locked with "Show the last totals while locked" off (the
// shared rule, shared/locked-amounts.js). Locking, unlocking and changing that
// setting redraw it at once, not at the next sync.
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';

jest.unstable_mockModule('../../extension/background/core.js', () => ({
  callCore: async (name) => ({ ok: true, key: 'session-key', header: { v: 1 } }),
}));
const { compactNumber, badgeFor, updateBadge, watchBadgeInputs } = await import('../../extension/background/badge.js');
const vault = await import('../../extension/background/vault-session.js');
const { updateSettings } = await import('../../extension/background/settings.js');

const snapshot = { portfolio: { total: '12345.6', change24hPct: '-3.21' } };
let texts;

beforeEach(async () => {
  globalThis.chrome = fakeChrome();
  texts = [];
  chrome.action = {
    setBadgeText: jest.fn(async ({ text }) => { texts.push(text); }),
    setBadgeBackgroundColor: jest.fn(async () => {}),
  };
  await chrome.storage.local.set({ snapshot });
});

const badge = () => texts.at(-1);
// Redraws run on storage change events: wait for the one expected (or time out).
async function badgeBecomes(text) {
  for (let i = 0; i < 200 && badge() !== text; i++) await new Promise((r) => setTimeout(r, 2));
  return badge();
}

test('compact totals fit the badge', () => {
  expect(compactNumber('12345.67')).toBe('12k');
  expect(compactNumber('1234.5')).toBe('1.2k');
  expect(compactNumber('999')).toBe('999');
  expect(compactNumber('2500000')).toBe('2.5M');
  expect(compactNumber('0.25')).toBe('0.3');
  expect(compactNumber('nonsense')).toBe('');
});

test('privacy and off show nothing; change shows a signed percentage', () => {
  expect(badgeFor(snapshot, { badge: 'total', privacy: false }).text).toBe('12k');
  expect(badgeFor(snapshot, { badge: 'total', privacy: true }).text).toBe('');
  expect(badgeFor(snapshot, { badge: 'off' }).text).toBe('');
  expect(badgeFor(snapshot, { badge: 'change' })).toEqual({ text: '-3.2%', color: '#cf222e' });
  expect(badgeFor({ portfolio: { change24hPct: null } }, { badge: 'change' }).text).toBe('');
});

const LOCKED = { exists: true, unlocked: false };
const UNLOCKED = { exists: true, unlocked: true };
test.each([
  // vault, showWhenLocked, badge setting, text
  [LOCKED, false, 'total', ''],
  [LOCKED, false, 'change', ''],
  [LOCKED, true, 'total', '12k'],
  [LOCKED, undefined, 'total', '12k'], // the default shows the last totals
  [UNLOCKED, false, 'total', '12k'],
  [UNLOCKED, false, 'change', '-3.2%'],
  [{ exists: false, unlocked: false }, false, 'total', '12k'], // no vault: the demo, nothing to unlock
])('vault %j, showWhenLocked %s, badge %s: %j', (v, showWhenLocked, setting, text) => {
  expect(badgeFor(snapshot, { badge: setting, showWhenLocked }, v).text).toBe(text);
});

test('locking, unlocking and the setting redraw the badge at once', async () => {
  watchBadgeInputs();
  await vault.createVault('correct horse battery staple');
  expect(await badgeBecomes('12k')).toBe('12k');
  await updateSettings({ showWhenLocked: false });
  await vault.lock();
  expect(await badgeBecomes('')).toBe('');
  await vault.unlock('correct horse battery staple');
  expect(await badgeBecomes('12k')).toBe('12k');
  // Auto-lock (the housekeeping alarm) is a lock like the button's.
  expect(await vault.autoLockIfIdle(Date.now() + 86_400_000)).toBe(true);
  expect(await badgeBecomes('')).toBe('');
  await updateSettings({ showWhenLocked: true });
  expect(await badgeBecomes('12k')).toBe('12k');
  await updateSettings({ showWhenLocked: false });
  expect(await badgeBecomes('')).toBe('');
});

test('a redraw that read "unlocked" cannot land after the lock\'s redraw', async () => {
  watchBadgeInputs();
  await vault.createVault('correct horse battery staple');
  await updateSettings({ showWhenLocked: false });
  expect(await badgeBecomes('12k')).toBe('12k');
  // A sync's redraw reads the session key (unlocked) and is slow to go on...
  const realGet = chrome.storage.session.get;
  let release;
  const held = new Promise((r) => { release = r; });
  chrome.storage.session.get = async (keys) => {
    chrome.storage.session.get = realGet;
    const got = await realGet(keys);
    await held;
    return got;
  };
  const slow = updateBadge();
  await new Promise((r) => setTimeout(r, 5));
  // ...while the vault locks: the lock's redraw must be the last word.
  await vault.lock();
  await new Promise((r) => setTimeout(r, 5));
  release();
  await slow;
  expect(await badgeBecomes('')).toBe('');
  await new Promise((r) => setTimeout(r, 20));
  expect(badge()).toBe('');
});
