// The vault in the extension: the sealed header and records live in
// chrome.storage.local; the unlocked key only in chrome.storage.session (memory,
// gone when the browser closes). All cryptography is the core's.
import { callCore } from './core.js';
import { getLocal, setLocal, getSession, setSession, removeSession } from './storage.js';
import { getSettings } from './settings.js';
import { writeQueue } from './write-queue.js';

// Every change to the stored vault (seal, remove, rekey, import, create) runs
// through one queue, so a key deleted while another is imported, or a record
// sealed during a passphrase change, is never lost or left under the old key.
const vaultWrite = writeQueue();

const EMPTY_VAULT = null;

function fail(kind, message) {
  return Object.assign(new Error(message), { kind });
}

export async function getVault() {
  return getLocal('vault', EMPTY_VAULT);
}

export async function vaultState() {
  const vault = await getVault();
  const key = await getSession('vaultKey', null);
  return { exists: !!vault, unlocked: !!(vault && key), records: vault ? Object.keys(vault.records).length : 0 };
}

export async function touch() {
  await setSession({ lastActivityMs: Date.now() });
}

export function createVault(passphrase, kdf) {
  return vaultWrite(async () => {
    if (await getVault()) throw fail('invalid_input', 'A vault already exists. Unlock it, or delete all keys to start over.');
    const { header, key } = await callCore('vaultCreate', { passphrase, ...(kdf ? { kdf } : {}) });
    await setLocal({ vault: { header, records: {} } });
    await setSession({ vaultKey: key, lastActivityMs: Date.now() });
  });
}

export async function unlock(passphrase) {
  const vault = await getVault();
  if (!vault) throw fail('invalid_input', 'No vault yet: set a passphrase first.');
  const { key } = await callCore('vaultUnlock', { header: vault.header, passphrase });
  await setSession({ vaultKey: key, lastActivityMs: Date.now() });
}

export async function lock() {
  await removeSession(['vaultKey', 'lastActivityMs']);
}

async function sessionKey() {
  const key = await getSession('vaultKey', null);
  if (!key) throw fail('locked', 'Keyfolio is locked. Unlock it with your passphrase.');
  return key;
}

export function sealSecret(id, exchange, credentials) {
  return vaultWrite(async () => {
    const key = await sessionKey();
    const { record } = await callCore('vaultSeal', { key, id, exchange, plaintext: JSON.stringify(credentials) });
    const vault = await getVault();
    if (!vault) throw fail('invalid_input', 'No vault yet: set a passphrase first.');
    vault.records[id] = record;
    await setLocal({ vault });
  });
}

export async function openSecret(id) {
  const key = await sessionKey();
  const vault = await getVault();
  const record = vault?.records?.[id];
  if (!record) throw fail('invalid_input', `no stored secret for key ${id}`);
  const { plaintext } = await callCore('vaultOpen', { key, record });
  return JSON.parse(plaintext);
}

export function removeSecret(id) {
  return vaultWrite(async () => {
    const vault = await getVault();
    if (!vault?.records?.[id]) return;
    delete vault.records[id];
    await setLocal({ vault });
  });
}

// Re-seals every record under a new passphrase and writes the new vault in one
// storage write: interrupted before it, the old passphrase still opens everything.
export function changePassphrase(oldPassphrase, newPassphrase) {
  return vaultWrite(async () => {
    const vault = await getVault();
    if (!vault) throw fail('invalid_input', 'No vault yet.');
    const records = Object.values(vault.records);
    const out = await callCore('vaultRekey', { header: vault.header, records, oldPassphrase, newPassphrase });
    const next = { header: out.header, records: Object.fromEntries(out.records.map((r) => [r.id, r])) };
    await setLocal({ vault: next });
    await setSession({ vaultKey: out.key, lastActivityMs: Date.now() });
  });
}

export async function exportBackup() {
  const vault = await getVault();
  if (!vault) throw fail('invalid_input', 'No vault to export.');
  const { file } = await callCore('vaultExport', { header: vault.header, records: Object.values(vault.records) });
  return file;
}

// Imports a backup file: the passphrase must open every record before anything is written.
export function importBackup(file, passphrase) {
  return vaultWrite(async () => {
    const out = await callCore('vaultImport', { file, passphrase });
    await setLocal({ vault: { header: out.header, records: Object.fromEntries(out.records.map((r) => [r.id, r])) } });
    await setSession({ vaultKey: out.key, lastActivityMs: Date.now() });
    return out.records.map((r) => ({ id: r.id, exchange: r.exchange }));
  });
}

// Locks after the configured idle time; called from a chrome.alarms tick.
export async function autoLockIfIdle(now = Date.now()) {
  const { autoLockMinutes } = await getSettings();
  const last = await getSession('lastActivityMs', 0);
  if (last && now - last >= autoLockMinutes * 60_000) {
    await lock();
    return true;
  }
  return false;
}
