// Launches Debian's Chromium with the built extension (dist/chrome) loaded and
// the exchange API hostnames mapped to the mock exchanges on 127.0.0.1, so the
// extension's production URLs and host permissions are used unchanged.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const extensionDir = path.join(root, 'dist', 'chrome');
export const artifactsDir = path.join(root, 'tests', 'e2e', 'artifacts');
export const EXCHANGE_HOSTS = ['api.binance.com', 'api.kraken.com', 'api.coinbase.com'];

// extensionPath: another build of the extension (a test-only variant); otherExtensions:
// further unpacked extensions loaded beside it (a hostile neighbour, for the security tests).
export async function launchExtension({ mockPort, colorScheme = 'light', userDataDir, extensionPath = extensionDir, otherExtensions = [] } = {}) {
  const ownDir = !userDataDir;
  userDataDir ??= mkdtempSync(path.join(os.tmpdir(), 'keyfolio-e2e-'));
  const rules = mockPort ? EXCHANGE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${mockPort}`).join(', ') : null;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    colorScheme,
    viewport: { width: 1100, height: 800 },
    args: [
      `--disable-extensions-except=${[extensionPath, ...otherExtensions].join(',')}`,
      `--load-extension=${[extensionPath, ...otherExtensions].join(',')}`,
      ...(rules ? [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'] : []),
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-gpu', '--disable-quic',
    ],
  });
  const isOurs = (w) => w.url().endsWith('/background/service-worker.js');
  const worker = context.serviceWorkers().find(isOurs)
    ?? await context.waitForEvent('serviceworker', { predicate: isOurs });
  const extensionId = new URL(worker.url()).host;
  // Every console message of every extension context, for the secret-leak scan.
  const consoleMessages = [];
  const record = (where) => (m) => consoleMessages.push({ where, text: m.text() });
  context.on('console', (m) => consoleMessages.push({ where: 'page', text: m.text() }));
  const watchWorker = (w) => w.on('console', record('service-worker'));
  watchWorker(worker);
  context.on('serviceworker', watchWorker);
  return {
    context,
    extensionId,
    consoleMessages,
    serviceWorker: () => context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)),
    async open(pagePath, { width = 1100, height = 800 } = {}) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`chrome-extension://${extensionId}/${pagePath}`);
      return page;
    },
    async close() {
      await context.close();
      if (ownDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
