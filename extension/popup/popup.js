// The toolbar popup. First paint comes from the cached snapshot in storage,
// never from the network or the vault; the service worker is asked afterwards.
import { send } from '../shared/messaging.js';
import { renderPortfolio } from '../shared/portfolio-view.js';

const app = document.getElementById('app');

async function main() {
  const { snapshot } = await chrome.storage.local.get('snapshot');
  renderPortfolio(app, { snapshot, surface: "popup" });
  try {
    const status = await send('status');
    renderPortfolio(app, { snapshot, status, surface: 'popup' });
  } catch (err) {
    renderPortfolio(app, { snapshot, error: err.message, surface: 'popup' });
  }
}

main();
