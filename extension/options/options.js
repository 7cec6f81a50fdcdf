// The options page: exchanges and keys, settings, about.
import { send } from '../shared/messaging.js';
import { el } from '../shared/portfolio-view.js';

const app = document.getElementById('app');
const about = el('section', { class: 'card', 'aria-labelledby': 'about-h' },
  el('h2', { id: 'about-h', text: 'About Keyfolio' }),
  el('p', { text: 'Keyfolio signs requests to your exchanges inside your browser with read-only keys it keeps encrypted. No Keyfolio server ever sees a key or a balance.' }),
  el('p', { class: 'muted', 'data-testid': 'core-status', text: 'Starting…' }));
app.replaceChildren(el('h1', { text: 'Keyfolio settings' }), about);
try {
  const s = await send('status');
  about.querySelector('[data-testid=core-status]').textContent = `Core ${s.version} · Crypto++ ${s.cryptopp}`;
} catch (err) {
  about.querySelector('[data-testid=core-status]').textContent = err.message;
}
