// The ground floor: the wasm core loads in the service worker under the
// extension CSP, the popup shows a value the core computed there, and a
// service-worker fetch to a real exchange hostname reaches the mock.
import { startMockExchanges } from './mock/index.mjs';
import { launchExtension, screenshot } from './harness.mjs';

let mock;
let ext;
beforeAll(async () => {
  mock = await startMockExchanges();
  ext = await launchExtension({ mockPort: mock.port });
});
afterAll(async () => {
  await ext?.close();
  await mock?.close();
});

test('the popup shows the core version computed in the service worker', async () => {
  const popup = await ext.open('popup/popup.html', { width: 380, height: 600 });
  await expect(popup.locator('[data-testid=core-status]').textContent({ timeout: 15000 }))
    .resolves.toBeDefined();
  await popup.waitForFunction(() => document.querySelector('[data-testid=core-status]')?.textContent.startsWith('Core '));
  const text = await popup.locator('[data-testid=core-status]').textContent();
  expect(text).toMatch(/^Core 0\.1\.0 · Crypto\+\+ 8\.\d+\.\d+$/);
  await screenshot(popup, 'foundation-popup');
  await popup.close();
});

test('a service-worker fetch to api.binance.com reaches the mock, built and parsed by the core', async () => {
  const page = await ext.open('options/options.html');
  const answer = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'serverTime', payload: { exchange: 'binance' } }));
  expect(answer.ok).toBe(true);
  expect(Math.abs(answer.result.offsetMs)).toBeLessThan(5000);
  const seen = mock.requests.find((r) => r.exchange === 'binance' && r.path === '/api/v3/time');
  expect(seen).toBeDefined();
  expect(seen.headers.host).toBe('api.binance.com');
  await page.close();
});
