// The toolbar badge: a compact total, the day's change, or nothing; always
// nothing in privacy mode.
import { getLocal } from './storage.js';
import { getSettings } from './settings.js';

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

export function badgeFor(snapshot, settings) {
  if (!snapshot?.portfolio || settings.privacy || settings.badge === 'off') return { text: '', color: '#3b5bdb' };
  if (settings.badge === 'change') {
    const pct = snapshot.portfolio.change24hPct;
    if (pct === null || pct === undefined) return { text: '', color: '#3b5bdb' };
    const n = Number(pct);
    return { text: `${n >= 0 ? '+' : ''}${Math.abs(n) < 10 ? n.toFixed(1) : Math.round(n)}%`, color: n >= 0 ? '#1a7f37' : '#cf222e' };
  }
  return { text: compactNumber(snapshot.portfolio.total), color: snapshot.demo ? '#6e7781' : '#3b5bdb' };
}

export async function updateBadge() {
  const [snapshot, settings] = [await getLocal('snapshot', null), await getSettings()];
  const { text, color } = badgeFor(snapshot, settings);
  await chrome.action.setBadgeText({ text });
  await chrome.action.setBadgeBackgroundColor({ color });
}
