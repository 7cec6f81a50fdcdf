// Only the extension's own pages may talk to the service worker: no web page,
// no content script, no other extension.
export function isOwnExtensionPage(sender, runtimeId = chrome.runtime.id) {
  if (!sender || sender.id !== runtimeId) return false;
  if (sender.tab && !String(sender.url ?? '').startsWith(`chrome-extension://${runtimeId}/`)) return false;
  const origin = sender.origin ?? (sender.url ? new URL(sender.url).origin : '');
  return origin === `chrome-extension://${runtimeId}`;
}
