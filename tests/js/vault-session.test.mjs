// vault-session.js against the real core: every write to the stored vault is
// serialized, so concurrent seals, removals and a passphrase change lose nothing.
import { jest } from '@jest/globals';
import { fakeChrome } from './helpers/fake-storage.mjs';
import { loadCore, call } from './helpers/core.mjs';

const core = await loadCore();
jest.unstable_mockModule('../../extension/background/core.js', () => ({
  callCore: async (name, input) => {
    const answer = call(core, name, input);
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), { kind: answer.error.kind });
    return answer;
  },
}));
globalThis.chrome = fakeChrome();
const vault = await import('../../extension/background/vault-session.js');

const FAST = { N: 1024 };
const PASS = 'correct horse battery staple';

beforeEach(async () => {
  globalThis.chrome = fakeChrome();
  await vault.createVault(PASS, FAST);
});

test('secrets sealed at the same time are all kept', async () => {
  await Promise.all(['a', 'b', 'c', 'd'].map((id) => vault.sealSecret(id, 'kraken', { apiKey: id, secret: `s-${id}` })));
  expect(Object.keys((await vault.getVault()).records).sort()).toEqual(['a', 'b', 'c', 'd']);
  for (const id of ['a', 'b', 'c', 'd']) expect(await vault.openSecret(id)).toEqual({ apiKey: id, secret: `s-${id}` });
});

test('a removal racing a seal removes only its own record', async () => {
  await vault.sealSecret('old', 'binance', { apiKey: 'o', secret: 'x' });
  await Promise.all([vault.removeSecret('old'), vault.sealSecret('new', 'binance', { apiKey: 'n', secret: 'y' })]);
  expect(Object.keys((await vault.getVault()).records)).toEqual(['new']);
  expect((await vault.openSecret('new')).secret).toBe('y');
});

test('a record sealed during a passphrase change opens under the new passphrase', async () => {
  await vault.sealSecret('a', 'kraken', { apiKey: 'a', secret: 'sa' });
  await Promise.all([
    vault.changePassphrase(PASS, 'a brand new passphrase'),
    vault.sealSecret('b', 'kraken', { apiKey: 'b', secret: 'sb' }),
  ]);
  await vault.lock();
  await expect(vault.unlock(PASS)).rejects.toMatchObject({ kind: 'wrong_passphrase' });
  await vault.unlock('a brand new passphrase');
  expect((await vault.openSecret('a')).secret).toBe('sa');
  expect((await vault.openSecret('b')).secret).toBe('sb');
});

test('locked: sealing and opening are refused as locked', async () => {
  await vault.lock();
  await expect(vault.sealSecret('a', 'kraken', {})).rejects.toMatchObject({ kind: 'locked' });
  await expect(vault.openSecret('a')).rejects.toMatchObject({ kind: 'locked' });
  expect(await vault.vaultState()).toEqual({ exists: true, unlocked: false, records: 0 });
});

test('auto-lock locks after the idle setting and not before', async () => {
  const last = (await chrome.storage.session.get('lastActivityMs')).lastActivityMs;
  expect(await vault.autoLockIfIdle(last + 14 * 60_000)).toBe(false);
  expect((await vault.vaultState()).unlocked).toBe(true);
  expect(await vault.autoLockIfIdle(last + 15 * 60_000)).toBe(true);
  expect((await vault.vaultState()).unlocked).toBe(false);
});
