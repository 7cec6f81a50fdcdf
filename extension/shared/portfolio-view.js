// Draws the portfolio (popup and side panel share it). Pure DOM, no framework;
// text is always set with textContent so exchange-supplied strings stay inert.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export function renderPortfolio(root, { snapshot, status, error } = {}) {
  const header = el('header', { class: 'kf-header' },
    el('img', { src: '../icons/icon-32.png', alt: '' }),
    el('h1', { text: 'Keyfolio' }),
    el('span', { class: 'spacer' }));
  const total = el('section', { 'aria-label': 'Net worth' },
    el('h3', { text: 'Net worth' }),
    el('div', { class: 'kf-total num', 'data-testid': 'total', text: snapshot?.portfolio?.total ?? '—' }));
  const footer = el('footer', { class: 'kf-footer' },
    el('span', { 'data-testid': 'core-status', text: status ? `Core ${status.version} · Crypto++ ${status.cryptopp}` : (error ?? 'Starting…') }));
  root.replaceChildren(el('div', { class: 'kf' }, header, total, footer));
}
