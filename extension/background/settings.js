// Settings with their defaults; stored under `settings` in chrome.storage.local.
import { getLocal, setLocal } from './storage.js';

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'BTC', 'ETH'];

export const DEFAULT_SETTINGS = Object.freeze({
  currency: 'USD',
  refreshMinutes: 5,
  badge: 'total',          // 'total' | 'change' | 'off'
  autoLockMinutes: 15,
  rotationDays: 180,
  permissionCheckHours: 24,
  privacy: false,          // hides every amount everywhere
  showWhenLocked: true,    // last snapshot's totals while locked
  costBasisMethod: 'fifo', // 'fifo' | 'lifo' | 'hifo' | 'average'
  holdingPeriodDays: 365,
});

const RULES = {
  currency: (v) => CURRENCIES.includes(v),
  refreshMinutes: (v) => Number.isInteger(v) && v >= 1 && v <= 1440,
  badge: (v) => ['total', 'change', 'off'].includes(v),
  autoLockMinutes: (v) => Number.isInteger(v) && v >= 1 && v <= 1440,
  rotationDays: (v) => Number.isInteger(v) && v >= 90 && v <= 365,
  permissionCheckHours: (v) => Number.isInteger(v) && v >= 1 && v <= 168,
  privacy: (v) => typeof v === 'boolean',
  showWhenLocked: (v) => typeof v === 'boolean',
  costBasisMethod: (v) => ['fifo', 'lifo', 'hifo', 'average'].includes(v),
  holdingPeriodDays: (v) => Number.isInteger(v) && v >= 1 && v <= 3650,
};

export async function getSettings() {
  return { ...DEFAULT_SETTINGS, ...(await getLocal('settings', {})) };
}

// Validates every changed field; an invalid value is refused with its name.
export async function updateSettings(changes) {
  const current = await getSettings();
  for (const [name, value] of Object.entries(changes ?? {})) {
    if (!Object.hasOwn(RULES, name)) throw Object.assign(new Error(`unknown setting ${name}`), { kind: 'invalid_input' });
    if (!RULES[name](value)) throw Object.assign(new Error(`invalid value for ${name}`), { kind: 'invalid_input' });
  }
  const next = { ...current, ...changes };
  await setLocal({ settings: next });
  return next;
}
