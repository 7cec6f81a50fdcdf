/** @jest-environment jsdom */
import { renderPortfolio } from '../../extension/shared/portfolio-view.js';

const snapshot = {
  computedMs: Date.now() - 120_000,
  demo: false,
  portfolio: {
    currency: 'USD', total: '12345.67', change24h: '-120.50', change24hPct: '-0.97',
    assets: [
      { asset: 'BTC', amount: '0.25', price: '40000', value: '10000.00', share: '81.00', split: [{ exchange: 'binance', account: 'spot', amount: '0.25', value: '10000.00' }] },
      { asset: '<img src=x onerror=alert(1)>', amount: '1', price: '2345.67', value: '2345.67', share: '19.00', split: [] },
    ],
    exchanges: [{ exchange: 'binance', value: '12345.67', share: '100.00' }],
    unpriced: [{ asset: 'NOPE', amount: '5', exchanges: ['kraken'] }],
  },
  exchanges: { kraken: { state: 'error', name: 'Kraken', error: { kind: 'auth', message: 'Kraken rejected the key' } } },
};
const status = { version: '0.1.0', cryptopp: '8.7.0', vault: { exists: true, unlocked: false }, rotationDue: [] };

function render(state, actions = {}) {
  const root = document.createElement('div');
  renderPortfolio(root, { surface: 'popup', ...state }, actions);
  return root;
}

test('shows the total, the day change and the assets with their split', () => {
  const root = render({ snapshot, status, settings: {} });
  expect(root.querySelector('[data-testid=total]').textContent).toBe('$12,345.67');
  expect(root.querySelector('[data-testid=change]').textContent).toBe('−$120.50 (-0.97%) 24 h');
  expect(root.querySelector('[data-asset=BTC] summary').textContent).toContain('$10,000.00');
  expect(root.querySelector('[data-testid=unpriced]').textContent).toContain('NOPE');
});

test('exchange-supplied strings stay text', () => {
  const root = render({ snapshot, status, settings: {} });
  expect(root.querySelector('img[src=x]')).toBeNull();
  expect(root.textContent).toContain('<img src=x onerror=alert(1)>');
});

test('privacy mode hides every amount', () => {
  const root = render({ snapshot, status, settings: { privacy: true } });
  expect(root.querySelector('[data-testid=total]').textContent).toBe('•••••');
  expect(root.textContent).not.toMatch(/\$\d/);
});

test('locked: an unlock form submits the passphrase; totals hidden if the person asked', () => {
  let got;
  const root = render({ snapshot, status, settings: {} }, { unlock: (p) => { got = p; } });
  root.querySelector('#unlock-pass').value = 'correct horse battery';
  root.querySelector('[data-testid=unlock-form]').dispatchEvent(new Event('submit', { cancelable: true }));
  expect(got).toBe('correct horse battery');
  const hidden = render({ snapshot, status, settings: { showWhenLocked: false } });
  expect(hidden.querySelector('[data-testid=total]').textContent).toBe('•••••');
});

test('exchanges view shows each status with a message a person understands', () => {
  const root = render({ snapshot, status, settings: {}, tab: 'exchanges' });
  expect(root.querySelector('[data-testid=status-kraken]').textContent).toBe('Kraken rejected the key');
  expect(root.querySelector('[data-exchange=kraken] .badge').textContent).toBe('Error');
});

test('tabs are keyboard reachable', () => {
  let tab;
  const root = render({ snapshot, status, settings: {} }, { setTab: (t) => { tab = t; } });
  const current = root.querySelector('[role=tab][aria-selected=true]');
  expect(current.getAttribute('tabindex')).toBe('0');
  current.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
  expect(tab).toBe('exchanges');
});

test('no snapshot yet: a clear invitation, no fake numbers', () => {
  const root = render({ snapshot: null, status: { ...status, vault: { exists: false } }, settings: {} });
  expect(root.querySelector('[data-testid=total]').textContent).toBe('—');
  expect(root.textContent).toContain('Connect a read-only exchange key');
});
