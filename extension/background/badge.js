// The toolbar badge: a compact total, the day's change, or nothing; always
// nothing in privacy mode, and nothing while locked when the popup shows no
// amount either (the shared rule, shared/locked-amounts.js).
import { getLocal } from './storage.js';
import { getSettings } from './settings.js';
import { vaultState } from './vault-session.js';
import { writeQueue } from './write-queue.js';
import { hiddenWhileLocked } from '../shared/locked-amounts.js';

export function compactNumber(text) {
  const n = Number(text); // display only: the exact value stays a decimal string
  if (!Number.isFinite(n)) return '';
  const abs = Math.abs(n);
  const units = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, suffix] of units) {
    if (abs >= size) {
      const v = n / size;
      return `${Math.abs(v) < 10 ? v.toFixed(1) : Math.round(v)}${suffix}`.replace('.0', '');
    }
  }
  return abs < 10 && abs !== Math.trunc(abs) ? n.toFixed(1) : String(Math.round(n));
}

export function badgeFor(snapshot, settings, vault) {
  if (!snapshot?.portfolio || settings.privacy || settings.badge === 'off' || hiddenWhileLocked(vault, settings)) {
    return { text: '', color: '#3b5bdb' };
  }
  if (settings.badge === 'change') {
    const pct = snapshot.portfolio.change24hPct;
    if (pct === null || pct === undefined) return { text: '', color: '#3b5bdb' };
    const n = Number(pct);
    return { text: `${n >= 0 ? '+' : ''}${Math.abs(n) < 10 ? n.toFixed(1) : Math.round(n)}%`, color: n >= 0 ? '#1a7f37' : '#cf222e' };
  }
  return { text: compactNumber(snapshot.portfolio.total), color: snapshot.demo ? '#6e7781' : '#3b5bdb' };
}

// One redraw at a time, each reading the state afresh: a redraw that read
// "unlocked" cannot set its amount after the lock's redraw cleared it.
const redraw = writeQueue();
export function updateBadge() {
  return redraw(async () => {
    const [snapshot, settings, vault] = [await getLocal('snapshot', null), await getSettings(), await vaultState()];
    const { text, color } = badgeFor(snapshot, settings, vault);
    await chrome.action.setBadgeText({ text });
    await chrome.action.setBadgeBackgroundColor({ color });
  });
}

// Besides the snapshot (whose writers redraw themselves), the badge depends on
// the session key and the settings. Watching the stored values catches every way
// they change (Lock button, auto-lock, unlock, backup import, a setting saved)
// without each of those having to remember the badge.
function badgeInputChanged(changes, area) {
  return (area === 'session' && 'vaultKey' in changes) || (area === 'local' && 'settings' in changes);
}

export function watchBadgeInputs() {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (badgeInputChanged(changes, area)) updateBadge().catch((e) => console.warn('keyfolio badge', e.message));
  });
}
