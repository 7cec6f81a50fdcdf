// Draws the portfolio; the popup and the side panel share it. Pure DOM, no
// framework; text is always set with textContent so exchange-supplied strings stay inert.
import { formatMoney, formatAmount, formatPercent, formatSignedMoney, formatAgo, countOf, HIDDEN } from './format.js';
import { exportAndDownload } from './downloads.js';
import { hiddenWhileLocked } from './locked-amounts.js';

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

// A small padlock drawn in SVG: emoji fonts are not on every system.
function lockIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'kf-icon');
  const body = document.createElementNS(ns, 'rect');
  Object.entries({ x: 3, y: 7, width: 10, height: 8, rx: 1.5, fill: 'currentColor' }).forEach(([k, v]) => body.setAttribute(k, v));
  const shackle = document.createElementNS(ns, 'path');
  Object.entries({ d: 'M5 7V5a3 3 0 0 1 6 0v2', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.6 }).forEach(([k, v]) => shackle.setAttribute(k, v));
  svg.append(body, shackle);
  return svg;
}

const STATUS_TEXT = { ok: 'Up to date', stale: 'Stale', error: 'Error' };

function header(state, actions) {
  const { status, snapshot } = state;
  const vault = status?.vault;
  const lockButton = vault?.exists && vault.unlocked
    ? el('button', { class: 'icon', 'data-testid': 'lock', title: 'Lock Keyfolio', 'aria-label': 'Lock Keyfolio', onclick: actions.lock }, lockIcon(), ' Lock')
    : null;
  return el('header', { class: 'kf-header' },
    el('img', { src: '../icons/icon-32.png', alt: '' }),
    el('h1', { text: 'Keyfolio' }),
    snapshot?.demo ? el('span', { class: 'badge warn', 'data-testid': 'demo-badge', text: 'Demo portfolio' }) : null,
    el('span', { class: 'spacer' }),
    lockButton);
}

function unlockForm(state, actions) {
  const vault = state.status?.vault;
  if (!vault?.exists || vault.unlocked) return null;
  const input = el('input', { type: 'password', id: 'unlock-pass', autocomplete: 'current-password', placeholder: 'Passphrase', 'aria-label': 'Passphrase', required: true });
  const msg = el('div', { class: 'kf-unlock-msg', role: 'alert', 'data-testid': 'unlock-error', text: state.unlockError ?? '' });
  return el('form', {
    class: 'kf-unlock card', 'data-testid': 'unlock-form',
    onsubmit: (e) => { e.preventDefault(); actions.unlock(input.value); },
  },
  el('div', { class: 'row' }, lockIcon(), el('strong', { text: 'Locked' }),
    el('span', { class: 'muted', text: amountsHidden(state) ? 'Unlock to see your amounts.' : 'Amounts below are from the last refresh.' })),
  el('div', { class: 'row' }, input, el('button', { class: 'primary', type: 'submit', text: 'Unlock' })),
  msg);
}

// Privacy mode, or locked with "show the last totals while locked" off: every
// amount (total, assets, exchanges) is hidden, not only the total.
function amountsHidden(state) {
  return !!(state.settings?.privacy || hiddenWhileLocked(state.status?.vault, state.settings));
}

function totalSection(state) {
  const p = state.snapshot?.portfolio;
  const hidden = amountsHidden(state);
  const change = p?.change24h;
  // Hidden amounts get no colour either: red or green would tell which way they moved.
  const cls = hidden || change === null || change === undefined ? 'muted' : String(change).startsWith('-') ? 'down' : 'up';
  return el('section', { class: 'kf-total-section', 'aria-label': 'Net worth' },
    el('h3', { text: 'Net worth' }),
    el('div', { class: 'kf-total num', 'data-testid': 'total', 'data-value': hidden ? '' : (p?.total ?? '') },
      p ? formatMoney(p.total, p.currency, { privacy: hidden }) : '—'),
    p ? el('div', { class: `kf-change num ${cls}`, 'data-testid': 'change' },
      change === null || change === undefined ? 'No 24 h change data'
        : `${formatSignedMoney(change, p.currency, { privacy: hidden })} (${hidden ? HIDDEN : formatPercent(p.change24hPct, { signed: true })}) 24 h`) : null);
}

function assetRows(state) {
  const p = state.snapshot.portfolio;
  const privacy = amountsHidden(state);
  const rows = p.assets.map((a) => el('details', { class: 'kf-asset', 'data-asset': a.asset },
    el('summary', {},
      el('span', { class: 'kf-asset-name', text: a.asset }),
      el('span', { class: 'kf-asset-amount num muted', text: formatAmount(a.amount, { privacy }) }),
      el('span', { class: 'spacer' }),
      el('span', { class: 'kf-asset-value num', text: formatMoney(a.value, p.currency, { privacy }) }),
      el('span', { class: 'kf-share num muted', text: formatPercent(a.share) }),
      // In the summary: the rest of a closed <details> is not drawn.
      el('div', { class: 'kf-bar', style: `--w:${Math.min(100, Number(a.share) || 0)}%`, 'aria-hidden': 'true' })),
    el('ul', { class: 'kf-split' }, a.split.map((s) => el('li', {},
      el('span', { text: `${titleCase(s.exchange)} · ${s.account}` }),
      el('span', { class: 'spacer' }),
      el('span', { class: 'num muted', text: formatAmount(s.amount, { privacy }) }),
      el('span', { class: 'num', text: formatMoney(s.value, p.currency, { privacy }) }))))));
  const unpriced = p.unpriced?.length
    ? el('p', { class: 'banner warn', 'data-testid': 'unpriced' },
      `No price found for ${p.unpriced.map((u) => u.asset).join(', ')}: not counted in the total.`)
    : null;
  return [el('div', { class: 'kf-list', 'data-testid': 'assets' }, rows), unpriced];
}

function titleCase(id) {
  return id ? id[0].toUpperCase() + id.slice(1) : '';
}

function exchangeRows(state) {
  const p = state.snapshot.portfolio;
  const privacy = amountsHidden(state);
  const statuses = state.snapshot.exchanges ?? {};
  const ids = new Set([...p.exchanges.map((e) => e.exchange), ...Object.keys(statuses)]);
  return el('div', { class: 'kf-list', 'data-testid': 'exchanges' }, [...ids].map((id) => {
    const e = p.exchanges.find((x) => x.exchange === id);
    const st = statuses[id];
    // Balances fresh but prices not: say so rather than "Up to date".
    const pricesStale = st?.state === 'ok' && st.pricesError;
    const badge = st?.state ? el('span', {
      class: `badge ${st.state === 'ok' && !pricesStale ? 'ok' : st.state === 'error' ? 'err' : 'warn'}`,
      text: pricesStale ? 'Prices stale' : STATUS_TEXT[st.state] ?? st.state,
    }) : null;
    return el('div', { class: 'kf-exchange', 'data-exchange': id },
      el('div', { class: 'row' },
        el('strong', { text: st?.name ?? titleCase(id) }), badge, el('span', { class: 'spacer' }),
        el('span', { class: 'num', text: e ? formatMoney(e.value, p.currency, { privacy }) : '—' }),
        e ? el('span', { class: 'kf-share num muted', text: formatPercent(e.share) }) : null),
      st?.error ? el('div', { class: 'kf-exchange-error', 'data-testid': `status-${id}`, text: st.error.message }) : null,
      st?.pricesError && st.pricesError.message !== st.error?.message ? el('div', { class: 'kf-exchange-error', 'data-testid': `prices-${id}`, text: `Prices not refreshed: ${st.pricesError.message}` }) : null,
      st?.state === 'stale' && st.lastOkMs ? el('div', { class: 'muted small', text: `Showing data from ${formatAgo(st.lastOkMs)}` }) : null);
  }));
}

function tabs(state, actions) {
  const current = state.tab ?? 'assets';
  const tab = (id, label) => el('button', {
    role: 'tab', id: `tab-${id}`, 'aria-selected': String(current === id), 'aria-controls': 'tabpanel', tabindex: current === id ? '0' : '-1',
    class: current === id ? 'active' : '', onclick: () => actions.setTab(id),
    onkeydown: (e) => { if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') actions.setTab(current === 'assets' ? 'exchanges' : 'assets', true); },
    text: label,
  });
  return el('div', { class: 'kf-tabs', role: 'tablist', 'aria-label': 'Views' }, tab('assets', 'Assets'), tab('exchanges', 'Exchanges'));
}

// The quick export: the button itself reports success or the reason it failed.
function exportBalances(e) {
  const button = e.currentTarget;
  exportAndDownload('balances_csv').then(
    () => { button.textContent = '✓ Saved'; button.title = 'Balances CSV saved to your downloads'; },
    (err) => { button.textContent = 'Export failed'; button.title = err.message; });
}

function footer(state, actions) {
  const snap = state.snapshot;
  return el('footer', { class: 'kf-footer' },
    el('span', { 'data-testid': 'updated', text: snap ? `Updated ${formatAgo(snap.computedMs)}` : 'Not synced yet' }),
    el('span', { class: 'spacer' }),
    el('button', { class: 'icon', 'data-testid': 'refresh', onclick: actions.refresh, disabled: state.refreshing, 'aria-label': 'Refresh now', text: state.refreshing ? 'Refreshing…' : '↻ Refresh' }),
    state.surface === 'popup' ? el('button', { class: 'icon', 'data-testid': 'open-sidepanel', onclick: actions.openSidePanel, text: 'Side panel' }) : null,
    el('button', { class: 'icon', 'data-testid': 'open-history', onclick: () => chrome.tabs.create({ url: chrome.runtime.getURL('history/history.html') }), text: 'History' }),
    // Privacy mode only keeps amounts off the screen, so its export stays.
    snap && !hiddenWhileLocked(state.status?.vault, state.settings) ? el('button', { class: 'icon', 'data-testid': 'export-balances', title: 'Export balances as CSV', onclick: exportBalances, text: '⤓ CSV' }) : null,
    el('button', { class: 'icon', 'data-testid': 'open-options', onclick: actions.openOptions, text: 'Settings' }));
}

function notices(state) {
  const out = [];
  if (state.error) out.push(el('p', { class: 'banner err', role: 'alert', text: state.error }));
  if (state.status?.rotationDue?.length) {
    out.push(el('p', { class: 'banner warn', 'data-testid': 'rotation-due', text: `${countOf(state.status.rotationDue.length, 'key')} due for rotation: see Settings → Keys.` }));
  }
  if (state.snapshot?.demo) {
    out.push(el('p', { class: 'banner warn', text: 'This is a demo portfolio. Connect a read-only key in Settings to see yours.' }));
  }
  if (!state.snapshot) out.push(el('p', { class: 'muted', text: 'Connect a read-only exchange key in Settings to see your portfolio.' }));
  return out;
}

export function renderPortfolio(root, state, actions = {}) {
  const body = [header(state, actions), unlockForm(state, actions), ...notices(state), totalSection(state)];
  if (state.snapshot?.portfolio) {
    body.push(tabs(state, actions), el('div', { id: 'tabpanel', role: 'tabpanel', 'aria-labelledby': `tab-${state.tab ?? 'assets'}` },
      (state.tab ?? 'assets') === 'assets' ? assetRows(state) : exchangeRows(state)));
  }
  body.push(footer(state, actions));
  body.push(el('div', { class: 'kf-core muted', 'data-testid': 'core-status', text: state.status ? `Core ${state.status.version} · Crypto++ ${state.status.cryptopp}` : 'Starting…' }));
  root.replaceChildren(el('div', { class: `kf kf-${state.surface ?? 'popup'}` }, body));
}
