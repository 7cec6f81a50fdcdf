// The options page: vault, connecting exchanges, the keys audit, settings, about.
import { send } from '../shared/messaging.js';
import { el } from '../shared/portfolio-view.js';
import { vaultSection } from './vault-section.js';
import { connectSection } from './connect-section.js';
import { keysSection } from './keys-section.js';
import { settingsSection } from './settings-section.js';
import { exportsSection } from './exports-section.js';

const app = document.getElementById('app');
const page = { status: null, exchanges: [], keys: [], notice: null };

const NAV = [['vault', 'Passphrase & backup'], ['connect', 'Connect an exchange'], ['keys', 'Keys'], ['settings', 'Settings'], ['exports', 'Exports'], ['about', 'About'], ['../history/history.html', 'History & reports']];

async function reload() {
  try {
    const [status, exchanges, keys] = await Promise.all([send('status'), send('exchanges'), send('listKeys')]);
    Object.assign(page, { status, exchanges, keys });
  } catch (err) {
    page.notice = { kind: 'err', text: err.message };
  }
  render();
}

function notify(kind, text) {
  page.notice = text ? { kind, text } : null;
  render();
}

function about() {
  const s = page.status;
  return el('section', { class: 'card', id: 'about', 'aria-labelledby': 'about-h' },
    el('h2', { id: 'about-h', text: 'About Keyfolio' }),
    el('p', { text: 'Keyfolio signs requests to your exchanges inside your browser with read-only keys it keeps encrypted behind your passphrase. Requests go from your own connection straight to each exchange; no Keyfolio server exists, so none ever sees a key or a balance.' }),
    el('p', { class: 'muted', 'data-testid': 'core-status', text: s ? `Version ${s.version} · core with Crypto++ ${s.cryptopp}` : 'Starting…' }));
}

function render() {
  const ctx = { ...page, reload, notify, send };
  const focused = document.activeElement?.id;
  // replaceChildren turns null into the text "null": leave absent parts out.
  const parts = [
    el('header', { class: 'opt-header' },
      el('img', { src: '../icons/icon-48.png', alt: '' }),
      el('h1', { text: 'Keyfolio settings' }),
      el('nav', { 'aria-label': 'Sections' }, NAV.map(([id, label]) => el('a', { href: id.includes('/') ? id : `#${id}`, text: label })))),
    page.notice ? el('p', { class: `banner ${page.notice.kind}`, role: 'alert', 'data-testid': 'notice', text: page.notice.text }) : null,
    vaultSection(ctx), connectSection(ctx), keysSection(ctx), settingsSection(ctx), exportsSection(ctx), about()];
  app.replaceChildren(...parts.filter(Boolean));
  if (focused) document.getElementById(focused)?.focus();
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.keys || changes.vault)) reload();
});

render();
reload();
