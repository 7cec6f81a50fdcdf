// The popup and side panel controller: paints the cached snapshot at once,
// then asks the service worker for the lock state, and repaints whenever the
// snapshot or settings change in storage.
import { send } from './messaging.js';
import { renderPortfolio } from './portfolio-view.js';

export async function mountPortfolio(root, surface) {
  const state = { surface, tab: 'assets' };
  const windowId = (await chrome.windows.getCurrent()).id;
  const stored = await chrome.storage.local.get(['snapshot', 'settings']);
  state.snapshot = stored.snapshot ?? null;
  state.settings = stored.settings ?? {};
  let focusTab = false;

  const render = () => {
    renderPortfolio(root, state, actions);
    if (focusTab) { root.querySelector('[role=tab][aria-selected=true]')?.focus(); focusTab = false; }
  };
  const refreshStatus = async () => {
    try {
      state.status = await send('status');
      state.settings = state.status.settings;
      state.error = null;
    } catch (err) {
      state.error = err.message;
    }
    render();
  };
  const actions = {
    setTab(tab, focus = false) { state.tab = tab; focusTab = focus; render(); },
    async unlock(passphrase) {
      try {
        await send('unlock', { passphrase });
        state.unlockError = null;
      } catch (err) {
        state.unlockError = err.message;
      }
      await refreshStatus();
    },
    async lock() { await send('lock'); await refreshStatus(); },
    async refresh() {
      state.refreshing = true; render();
      try { await send('syncNow'); state.error = null; } catch (err) { state.error = err.message; }
      state.refreshing = false;
      await refreshStatus();
    },
    async openSidePanel() {
      // Called straight from the click so the user gesture still counts.
      await chrome.sidePanel.open({ windowId });
      if (surface === 'popup') window.close();
    },
    openOptions() { chrome.runtime.openOptionsPage(); },
  };

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (changes.snapshot) state.snapshot = changes.snapshot.newValue ?? null;
    if (changes.settings) state.settings = changes.settings.newValue ?? {};
    if (changes.snapshot || changes.settings) render();
  });

  render(); // first paint: cached snapshot only
  performance.mark('keyfolio-first-paint');
  await refreshStatus();
  return state;
}
