// Keyfolio's service worker: owns the wasm core, the vault session and sync.
// Chrome may stop it after 30 s idle, so listeners are registered at top level
// and state that must survive lives in chrome.storage.
import { callCore } from './core.js';
import { createRouter } from './router.js';
import { performRequest } from './transport.js';

async function coreStatus() {
  const v = await callCore('version');
  return { version: v.version, cryptopp: v.cryptopp };
}

// Asks an exchange for its clock through the core: proves the whole path
// core → signed request → fetch → core parse works from the service worker.
async function serverTime({ exchange }) {
  const request = await callCore('buildRequest', {
    exchange, operation: 'serverTime', credentials: {}, params: {}, nowMs: Date.now(), nonce: '',
  });
  const before = Date.now();
  const response = await performRequest(request);
  if (response.networkError) throw Object.assign(new Error(response.networkError.message), { kind: response.networkError.kind });
  const parsed = await callCore('parseResponse', { exchange, operation: 'serverTime', params: {}, ...response });
  return { serverTimeMs: parsed.data.serverTimeMs, offsetMs: parsed.data.serverTimeMs - Math.round((before + Date.now()) / 2) };
}

const handlers = {
  status: coreStatus,
  serverTime,
};

chrome.runtime.onMessage.addListener(createRouter(handlers));
