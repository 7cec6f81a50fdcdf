// No web page can talk to Keyfolio's background or read its data: there is no
// externally_connectable, no content script and no web-accessible resource, and
// the router refuses any sender that is not one of the extension's own pages.
import { launchExtension } from './harness.mjs';

let ext;
beforeAll(async () => { ext = await launchExtension(); });
afterAll(async () => { await ext?.close(); });

test('a web page cannot send messages to the extension', async () => {
  await ext.context.route('https://attacker.example/**', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>attacker</title><p>hi</p>' }));
  const page = await ext.context.newPage();
  await page.goto('https://attacker.example/');
  const outcome = await page.evaluate(async (id) => {
    try {
      if (!globalThis.chrome?.runtime?.sendMessage) return 'no chrome.runtime messaging in a web page';
      const answer = await chrome.runtime.sendMessage(id, { type: 'status' });
      return `answered: ${JSON.stringify(answer)}`;
    } catch (e) {
      return `refused: ${e.message}`;
    }
  }, ext.extensionId);
  expect(outcome).not.toMatch(/^answered/);
  // Nor can it load the extension's pages or data.
  const fetched = await page.evaluate(async (id) => {
    try { await fetch(`chrome-extension://${id}/manifest.json`); return 'fetched'; } catch (e) { return 'blocked'; }
  }, ext.extensionId);
  expect(fetched).toBe('blocked');
  await page.close();
});

// Positive control for the test above. Content scripts and other extensions are
// refused end to end in hostile-contexts.e2e.test.mjs (and unit-tested in
// tests/js/router.test.mjs).
test("the extension's own pages do get answers", async () => {
  const page = await ext.open('options/options.html');
  const own = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'status' }));
  expect(own.ok).toBe(true);
  await page.close();
});
