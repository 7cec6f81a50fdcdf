// Popup first paint from the cached snapshot: launches the built extension (dist/chrome)
// in headless Chromium, has the service worker store the demo portfolio as `snapshot`
// (what a fresh install shows), then opens popup/popup.html `opens` times and reads the
// mark portfolio-app.js sets right after the first render, and first-contentful-paint.
import { launchExtension } from '../e2e/harness.mjs';

async function message(page, type, payload = {}) {
  const answer = await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload]);
  if (!answer?.ok) throw new Error(`${type}: ${answer?.error?.message ?? 'no answer'}`);
  return answer.result;
}

export async function popupFirstPaint({ opens = 15 } = {}) {
  const ext = await launchExtension();
  try {
    const setup = await ext.open('options/options.html');
    await message(setup, 'status');
    await message(setup, 'syncNow');  // no keys, no demoDismissed: the core's demo portfolio
    const stored = await setup.evaluate(() => chrome.storage.local.get('snapshot'));
    const holdings = stored.snapshot?.portfolio?.holdings?.length ?? stored.snapshot?.portfolio?.assets?.length;
    if (!stored.snapshot) throw new Error('syncNow stored no snapshot');
    await setup.close();

    const samples = [];
    for (let i = 0; i < opens; i++) {
      const page = await ext.open('popup/popup.html', { width: 380, height: 600 });
      await page.waitForFunction(() => performance.getEntriesByName('keyfolio-first-paint').length > 0,
        null, { timeout: 15000 });
      // FCP can land a frame after the mark; give it a moment, and record null if never.
      const fcp = await page.waitForFunction(
        () => performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime,
        null, { timeout: 5000 }).then((h) => h.jsonValue()).catch(() => null);
      const mark = await page.evaluate(() => performance.getEntriesByName('keyfolio-first-paint')[0].startTime);
      samples.push({ mark, fcp });
      await page.close();
    }
    return { samples, holdings: holdings ?? null, snapshotBytes: JSON.stringify(stored.snapshot).length };
  } finally {
    await ext.close();
  }
}
