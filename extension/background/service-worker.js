// Keyfolio's service worker: owns the wasm core, the vault session and sync.
// Chrome may stop it after 30 s idle, so listeners are registered at top level
// and state that must survive lives in chrome.storage.
import { callCore } from './core.js';
import { createRouter } from './router.js';
import { syncClock } from './exchange-client.js';
import * as vault from './vault-session.js';
import * as keys from './keys.js';
import { deleteKey, deleteAllKeys } from './key-deletion.js';
import { syncNow, revalue, showDemo } from './sync.js';
import { getSettings, updateSettings } from './settings.js';
import { updateBadge, watchBadgeInputs } from './badge.js';
import { getLocal } from './storage.js';
import { checkRotation, scheduleAlarms, onAlarm } from './schedule.js';
import { historyHandlers } from './history-handlers.js';
import { keyHistoryHandlers } from './key-history-handlers.js';

async function status() {
  const v = await callCore('version');
  const keyList = await keys.listKeys();
  const settings = await getSettings();
  return {
    version: v.version, cryptopp: v.cryptopp,
    vault: await vault.vaultState(),
    keys: keyList.length,
    rotationDue: keys.keysDueForRotation(keyList, settings.rotationDays).map((k) => k.id),
    settings,
  };
}

// Every handler that changes or reveals something counts as activity for auto-lock.
function active(fn) {
  return async (payload, sender) => {
    await vault.touch();
    return fn(payload, sender);
  };
}

const handlers = {
  status,
  serverTime: async ({ exchange }) => ({ offsetMs: await syncClock(exchange) }),
  createVault: active(async ({ passphrase }) => { await vault.createVault(passphrase); return status(); }),
  unlock: async ({ passphrase }) => {
    await vault.unlock(passphrase);
    syncNow('unlock').catch(() => {});
    return status();
  },
  lock: async () => { await vault.lock(); return status(); },
  changePassphrase: active(({ oldPassphrase, newPassphrase }) => vault.changePassphrase(oldPassphrase, newPassphrase)),
  exportVault: active(() => vault.exportBackup()),
  importVault: active(async ({ file, passphrase }) => {
    const imported = await vault.importBackup(file, passphrase);
    await keys.restoreListings(imported);
    keys.recheckAllPermissions().then(() => syncNow('restore')).catch(() => {});
    return { imported };
  }),
  exchanges: async () => (await callCore('exchanges')).exchanges,
  listKeys: () => keys.listKeys(),
  addKey: active(async (payload) => {
    const meta = await keys.addKey(payload);
    syncNow('key added').catch(() => {});
    return meta;
  }),
  // With deleteHistory, the key's history goes in the same operation (key-deletion.js).
  deleteKey: active(async ({ id, deleteHistory = false }) => {
    const history = await deleteKey(id, { deleteHistory: deleteHistory === true });
    await revalue();
    return { history };
  }),
  deleteAllKeys: active(async () => { await deleteAllKeys(); await revalue(); return []; }),
  recheckPermissions: active(() => keys.recheckAllPermissions()),
  syncNow: active(() => syncNow('manual')),
  getSettings,
  updateSettings: active(async (changes) => {
    const next = await updateSettings(changes);
    await scheduleAlarms();
    const snapshot = await getLocal('snapshot', null);
    if (snapshot?.demo) await showDemo(); else if (snapshot) await revalue();
    await updateBadge();
    return next;
  }),
  ...historyHandlers,
  ...keyHistoryHandlers,
};

chrome.runtime.onMessage.addListener(createRouter(handlers));
watchBadgeInputs();
chrome.alarms.onAlarm.addListener((alarm) => { onAlarm(alarm).catch((e) => console.warn('keyfolio alarm', alarm.name, e.message)); });

chrome.runtime.onInstalled.addListener(() => {
  (async () => {
    await scheduleAlarms();
    if (!(await getLocal('snapshot', null))) await syncNow('install');
  })().catch((e) => console.warn('keyfolio install', e.message));
});

chrome.runtime.onStartup.addListener(() => {
  // chrome.storage.session is empty after a browser restart: the vault starts locked.
  (async () => {
    await vault.lock();
    await scheduleAlarms();
    await checkRotation();
    await updateBadge();
  })().catch((e) => console.warn('keyfolio startup', e.message));
});

