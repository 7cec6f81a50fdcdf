import { jest } from '@jest/globals';

globalThis.chrome = { runtime: { id: 'ourextensionid' } };
const { createRouter } = await import('../../extension/background/router.js');
const { isOwnExtensionPage } = await import('../../extension/background/sender.js');

const own = { id: 'ourextensionid', url: 'chrome-extension://ourextensionid/popup/popup.html', origin: 'chrome-extension://ourextensionid' };
const contentScript = { id: 'ourextensionid', url: 'https://evil.example/page', origin: 'https://evil.example', tab: { id: 4 } };
const otherExtension = { id: 'someoneelse', url: 'chrome-extension://someoneelse/bg.html', origin: 'chrome-extension://someoneelse' };
const webPage = { url: 'https://evil.example/', origin: 'https://evil.example', tab: { id: 5 } };

test('only the extension\'s own pages count as own senders', () => {
  expect(isOwnExtensionPage(own)).toBe(true);
  expect(isOwnExtensionPage({ ...own, tab: { id: 1 } })).toBe(true); // an extension page opened in a tab
  expect(isOwnExtensionPage(contentScript)).toBe(false);
  expect(isOwnExtensionPage(otherExtension)).toBe(false);
  expect(isOwnExtensionPage(webPage)).toBe(false);
  expect(isOwnExtensionPage(undefined)).toBe(false);
});

test('messages from a content-script-like context, a web page or another extension never reach a handler', () => {
  const handler = jest.fn(async () => 'secret balances');
  const route = createRouter({ status: handler }, { log: { warn() {} } });
  for (const sender of [contentScript, otherExtension, webPage]) {
    const reply = jest.fn();
    expect(route({ type: 'status' }, sender, reply)).toBe(false);
    expect(reply).toHaveBeenCalledWith({ ok: false, error: { kind: 'forbidden', message: 'not allowed' } });
  }
  expect(handler).not.toHaveBeenCalled();
});

test('own pages reach handlers; unknown and inherited names do not', async () => {
  const route = createRouter({ status: async () => 42 });
  const answer = await new Promise((resolve) => route({ type: 'status' }, own, resolve));
  expect(answer).toEqual({ ok: true, result: 42 });
  for (const type of ['toString', '__proto__', 'nope', undefined]) {
    const reply = jest.fn();
    route({ type }, own, reply);
    expect(reply.mock.calls[0][0].ok).toBe(false);
  }
});
