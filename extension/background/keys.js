// Connected keys: what is stored about each key besides its sealed secret, the
// read-only check before a key is stored and periodic re-checks. Deletion and its
// cleanup are in key-deletion.js.
import { callCore } from './core.js';
import { run, exchangesInfo } from './exchange-client.js';
import { getLocal, setLocal, updateLocal } from './storage.js';
import { sealSecret, openSecret, vaultState } from './vault-session.js';
import { whileConnecting } from './key-requests.js';

// Every change to the stored `keys` object is one updateLocal: they run in turn.
function updateKeys(update) {
  return updateLocal('keys', {}, update);
}

function fail(kind, message, extra = {}) {
  return Object.assign(new Error(message), { kind, ...extra });
}

export async function listKeys() {
  return Object.values(await getLocal('keys', {})).sort((a, b) => a.importedMs - b.importedMs);
}

export async function getKey(id) {
  return (await getLocal('keys', {}))[id] ?? null;
}

async function saveKey(meta) {
  await updateKeys((keys) => ({ ...keys, [meta.id]: meta }));
}

export async function updateKey(id, changes) {
  await updateKeys((keys) => (keys[id] ? { ...keys, [id]: { ...keys[id], ...changes } } : keys));
}

// Takes key `id` off the listing (key-deletion.js); returns the keys left, by id.
export function unlistKey(id) {
  return updateKeys((keys) => { const k = { ...keys }; delete k[id]; return k; });
}

// Names the rights that make a key unsafe, for the refusal message.
export function forbiddenRights(p) {
  const rights = [];
  if (p.canTrade) rights.push('trading');
  if (p.canWithdraw) rights.push('withdrawals');
  if (p.canTransfer) rights.push('transfers');
  return rights;
}

function refusal(info, rights) {
  return fail('permission',
    `${info.name} says this key allows ${rights.join(' and ')}. Keyfolio only stores read-only keys: ` +
    `create a new key on ${info.name} with only reading/viewing enabled, and delete this one there.`,
    { rights });
}

// Asks the exchange what the key may do. Returns the permissions, or null when
// the exchange cannot tell (the person must then confirm what they ticked).
export async function checkPermissions(exchange, credentials, keyId) {
  const info = (await exchangesInfo())[exchange];
  if (!info.reportsPermissions) return null;
  const { data } = await run(exchange, 'permissions', { credentials, keyId });
  return data.permissions;
}

function maskKey(apiKey) {
  const s = String(apiKey ?? '');
  return s.length <= 8 ? '••••' : `${s.slice(0, 4)}…${s.slice(-4)}`;
}

// Connects a key: the secret must parse, the exchange must confirm the key is
// read-only (or, where it cannot tell, the person confirms it), and a balance
// call must succeed. Only then is the secret sealed and stored.
export async function addKey({ exchange, label, credentials, confirmedReadOnly = false }) {
  const info = (await exchangesInfo())[exchange];
  if (!info) throw fail('invalid_input', `unknown exchange ${exchange}`);
  for (const field of info.credentialFields) {
    if (field.name !== 'passphrase' && !String(credentials?.[field.name] ?? '').trim()) {
      throw fail('invalid_input', `${field.label} is required`);
    }
  }
  const clean = {
    apiKey: String(credentials.apiKey ?? '').trim(),
    secret: String(credentials.secret ?? '').trim(),
    passphrase: String(credentials.passphrase ?? ''),
    keyType: credentials.keyType ?? '',
  };
  // Locked: refused before the secret goes anywhere (it could not be sealed anyway).
  if (!(await vaultState()).unlocked) throw fail('locked', 'Keyfolio is locked. Unlock it with your passphrase.');
  // The core parses the secret while building a request: a bad key fails here.
  await callCore('buildRequest', { exchange, operation: 'balances', credentials: clean, params: {}, nowMs: Date.now(), nonce: '1' });

  const id = crypto.randomUUID();
  try {
    // Not listed yet, but its requests keep a nonce and rate budget (key-requests.js).
    return await whileConnecting(id, () => checkAndStore({ id, exchange, info, label, clean, confirmedReadOnly }));
  } catch (err) {
    // A refused key leaves nothing behind (its requests may have stored a nonce).
    await chrome.storage.local.remove(perKeyEntries(id, exchange));
    throw err;
  }
}

// Everything stored under a key's id: its holdings, nonce, account ids and its
// own rate budget (rate-limiter.js bucketFor, for exchanges that count per key).
// Removed for a refused key here and for a deleted one (key-deletion.js).
export function perKeyEntries(id, exchange) {
  return [`holdings.${id}`, `nonce.${id}`, `accounts.${id}`, `rate.${exchange}.key.${id}`];
}

async function checkAndStore({ id, exchange, info, label, clean, confirmedReadOnly }) {
  const permissions = await checkPermissions(exchange, clean, id);
  if (permissions) {
    const rights = forbiddenRights(permissions);
    if (rights.length) throw refusal(info, rights);
    if (permissions.canRead === false) throw fail('permission', `${info.name} says this key cannot read account data.`);
  } else if (!confirmedReadOnly) {
    throw fail('needs_confirmation',
      `${info.name} does not report a key's permissions. Confirm that you ticked only query/view permissions ` +
      '(no trading, no withdrawals, no transfers) to store it marked "permissions unverified".');
  }
  // A real read proves the key works before it is kept.
  await run(exchange, 'balances', { credentials: clean, keyId: id });

  const now = Date.now();
  await sealSecret(id, exchange, clean);
  const meta = {
    id, exchange, label: String(label ?? '').trim() || `${info.name} key`, keyType: clean.keyType,
    apiKeyHint: maskKey(clean.apiKey), importedMs: now,
    createdMs: permissions?.createdMs ?? null,
    permissions: permissions ? { ...permissions, verified: true } : { verified: false },
    permissionsCheckedMs: permissions ? now : null,
    lastUsedMs: now, lastError: null, disabled: false,
  };
  await saveKey(meta);
  await setLocal({ demoDismissed: true });
  return meta;
}

// Re-asks each exchange that can tell; a key that gained trading, withdrawal
// or transfer rights since import is disabled at once and flagged.
export async function recheckAllPermissions() {
  const results = [];
  for (const meta of await listKeys()) {
    try {
      const credentials = await openSecret(meta.id);
      const p = await checkPermissions(meta.exchange, credentials, meta.id);
      if (!p) continue;
      const rights = forbiddenRights(p);
      await updateKey(meta.id, {
        permissions: { ...p, verified: true }, permissionsCheckedMs: Date.now(),
        ...(rights.length ? { disabled: true, disabledReason: `gained ${rights.join(' and ')} rights` } : {}),
      });
      results.push({ id: meta.id, rights });
    } catch (err) {
      if (err.kind === 'locked') return { locked: true, results };
      await updateKey(meta.id, { lastError: { kind: err.kind, message: err.message, atMs: Date.now() } });
    }
  }
  return { locked: false, results };
}

// Keys older than the rotation period (the exchange's creation time where it
// reports one, else the import date).
export function keysDueForRotation(keys, rotationDays, now = Date.now()) {
  return keys.filter((k) => now - (k.createdMs ?? k.importedMs) >= rotationDays * 86_400_000);
}

// After a backup is restored: records whose key is not listed get a listing,
// marked unverified until the next permission check asks the exchange.
export async function restoreListings(records) {
  const info = await exchangesInfo();
  const now = Date.now();
  await updateKeys((keys) => {
    const next = { ...keys };
    for (const r of records) {
      if (next[r.id]) continue;
      next[r.id] = {
        id: r.id, exchange: r.exchange, label: `${info[r.exchange]?.name ?? r.exchange} key (restored)`, keyType: '',
        apiKeyHint: '••••', importedMs: now, createdMs: null, permissions: { verified: false },
        permissionsCheckedMs: null, lastUsedMs: null, lastError: null, disabled: false,
      };
    }
    return next;
  });
}
