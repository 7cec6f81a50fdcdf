// The side panel shows the same portfolio view as the popup, kept open while browsing.
import { send } from '../shared/messaging.js';
import { renderPortfolio } from '../shared/portfolio-view.js';

const app = document.getElementById('app');
const { snapshot } = await chrome.storage.local.get('snapshot');
renderPortfolio(app, { snapshot, surface: 'sidepanel' });
try {
  renderPortfolio(app, { snapshot, status: await send('status'), surface: 'sidepanel' });
} catch (err) {
  renderPortfolio(app, { snapshot, error: err.message, surface: 'sidepanel' });
}
