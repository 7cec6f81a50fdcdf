// Headless run of the built extension: saves screenshots of the popup, side
// panel and options page, light and dark, under dist/screenshots/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchExtension, root } from '../tests/e2e/harness.mjs';

const outDir = path.join(root, 'dist', 'screenshots');
mkdirSync(outDir, { recursive: true });
const saved = [];
for (const scheme of ['light', 'dark']) {
  const ext = await launchExtension({ colorScheme: scheme });
  try {
    for (const [name, page, size] of [
      ['popup', 'popup/popup.html', { width: 380, height: 600 }],
      ['sidepanel', 'sidepanel/sidepanel.html', { width: 420, height: 800 }],
      ['options', 'options/options.html', { width: 1100, height: 900 }],
    ]) {
      const p = await ext.open(page, size);
      await p.waitForFunction(() => !document.body.innerText.includes('Starting…'), null, { timeout: 15000 }).catch(() => {});
      await p.waitForTimeout(300);
      const file = path.join(outDir, `${name}-${scheme}.png`);
      await p.screenshot({ path: file, fullPage: true });
      saved.push(path.relative(root, file));
      await p.close();
    }
  } finally {
    await ext.close();
  }
}
console.log(`Screenshots saved:\n  ${saved.join('\n  ')}`);
console.log('Load dist/chrome in Chrome: chrome://extensions → Developer mode → Load unpacked.');
