// Senders that live inside the browser but are not Keyfolio's own pages: a
// content script running in a web page (Keyfolio ships none, so a test build
// adds one, which is the closest a page-side script can get: same extension
// id, but a tab and a web URL), and another installed extension. Both must be
// refused by the service worker without any handler running.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extensionDir, launchExtension } from './harness.mjs';

const ATTACKER = 'https://attacker.example/';
// Every message type the content script tries: harmless and sensitive ones.
const PROBES = ['status', 'listKeys', 'exportVault', 'deleteAllKeys', 'deleteKey', 'exportReport'];

let tmp;
let ext;

function buildVariantWithContentScript(dir) {
  cpSync(extensionDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.content_scripts = [{ matches: [`${ATTACKER}*`], js: ['probe.js'], run_at: 'document_idle' }];
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  // Writes each answer into the page's DOM, which the test (playing the page) reads.
  writeFileSync(path.join(dir, 'probe.js'), `
    (async () => {
      const out = {};
      for (const type of ${JSON.stringify(PROBES)}) {
        try { out[type] = await chrome.runtime.sendMessage({ type }); }
        catch (e) { out[type] = { thrown: e.message }; }
      }
      document.documentElement.dataset.probe = JSON.stringify(out);
    })();
  `);
}

function buildNeighbourExtension(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'Neighbour', version: '1.0',
    background: { service_worker: 'neighbour.js' },
  }));
  writeFileSync(path.join(dir, 'neighbour.js'), '// a stranger to Keyfolio\n');
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'keyfolio-hostile-'));
  const variant = path.join(tmp, 'keyfolio-with-content-script');
  const neighbour = path.join(tmp, 'neighbour');
  buildVariantWithContentScript(variant);
  buildNeighbourExtension(neighbour);
  ext = await launchExtension({ extensionPath: variant, otherExtensions: [neighbour] });
  await ext.context.route(`${ATTACKER}**`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>attacker</title><p>hi</p>' }));
});
afterAll(async () => {
  await ext?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('a content script in a web page is refused for every message type', async () => {
  const page = await ext.context.newPage();
  await page.goto(ATTACKER);
  await page.waitForFunction(() => document.documentElement.dataset.probe, null, { timeout: 20000 });
  const answers = JSON.parse(await page.evaluate(() => document.documentElement.dataset.probe));
  for (const type of PROBES) {
    expect([type, answers[type]]).toEqual([type, { ok: false, error: { kind: 'forbidden', message: 'not allowed' } }]);
  }
  await page.close();
});

test('the same build answers its own pages (positive control)', async () => {
  const page = await ext.open('options/options.html');
  const own = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'status' }));
  expect(own.ok).toBe(true);
  await page.close();
});

test('another extension can neither message nor connect to Keyfolio', async () => {
  const neighbour = ext.context.serviceWorkers().find((w) => w.url().endsWith('/neighbour.js'))
    ?? await ext.context.waitForEvent('serviceworker', { predicate: (w) => w.url().endsWith('/neighbour.js') });
  const outcome = await neighbour.evaluate(async (id) => {
    const result = {};
    try { result.message = `answered: ${JSON.stringify(await chrome.runtime.sendMessage(id, { type: 'listKeys' }))}`; }
    catch (e) { result.message = `refused: ${e.message}`; }
    result.port = await new Promise((resolve) => {
      const port = chrome.runtime.connect(id);
      port.onMessage.addListener((m) => resolve(`answered: ${JSON.stringify(m)}`));
      port.onDisconnect.addListener(() => resolve(`disconnected: ${chrome.runtime.lastError?.message ?? ''}`));
      port.postMessage({ type: 'listKeys' });
    });
    return result;
  }, ext.extensionId);
  expect(outcome.message).toMatch(/^refused/);
  expect(outcome.port).toMatch(/^disconnected/);
});
