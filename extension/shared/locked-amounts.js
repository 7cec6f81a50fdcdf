// Locked with "Show the last totals while locked" off: no amount leaves, neither
// on a screen (portfolio-view.js) nor as a file (the worker's balances export).
// One rule for both, so the screen and the export cannot disagree. No DOM here:
// the service worker imports it too.
export function hiddenWhileLocked(vault, settings) {
  return !!(vault?.exists && !vault.unlocked && settings?.showWhenLocked === false);
}
