// storage.js updateLocal: updates of one stored object run in turn (none is lost),
// and an update that returns what it was given writes nothing.
import { fakeChrome } from './helpers/fake-storage.mjs';

const chrome = fakeChrome();
globalThis.chrome = chrome;
const { updateLocal, getLocal } = await import('../../extension/background/storage.js');

test('concurrent updates of one object all land', async () => {
  await Promise.all([1, 2, 3, 4].map((n) => updateLocal('counts', {}, (c) => ({ ...c, [n]: true }))));
  expect(await getLocal('counts', {})).toEqual({ 1: true, 2: true, 3: true, 4: true });
});

test('an update that changes nothing writes nothing', async () => {
  const writes = [];
  chrome.storage.onChanged.addListener((changes) => writes.push(...Object.keys(changes)));
  await updateLocal('counts', {}, (c) => c);
  await updateLocal('absent', {}, (c) => c); // the fallback back: still nothing stored
  expect(writes).toEqual([]);
  expect(chrome.storage.local.dump()).not.toHaveProperty('absent');
  await updateLocal('counts', {}, (c) => ({ ...c, 5: true }));
  expect(writes).toEqual(['counts']);
});
