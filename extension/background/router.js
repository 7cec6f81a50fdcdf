// Routes runtime messages to handlers. Every message is checked to come from
// the extension itself; anything else is refused without running a handler.
import { isOwnExtensionPage } from './sender.js';

export function createRouter(handlers, { log = console } = {}) {
  return (message, sender, sendResponse) => {
    if (!isOwnExtensionPage(sender)) {
      log.warn?.('keyfolio: refused a message from outside the extension');
      sendResponse({ ok: false, error: { kind: 'forbidden', message: 'not allowed' } });
      return false;
    }
    const handler = typeof message?.type === 'string' && Object.hasOwn(handlers, message.type)
      ? handlers[message.type] : null;
    if (!handler) {
      sendResponse({ ok: false, error: { kind: 'invalid_input', message: `unknown message ${String(message?.type)}` } });
      return false;
    }
    Promise.resolve()
      .then(() => handler(message.payload ?? {}, sender))
      .then((result) => sendResponse({ ok: true, result }))
      .catch((err) => sendResponse({ ok: false, error: { kind: err?.kind ?? 'internal', message: err?.message ?? String(err) } }));
    return true; // answer asynchronously
  };
}
