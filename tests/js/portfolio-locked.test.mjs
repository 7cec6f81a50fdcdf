/** @jest-environment jsdom */
// Locked with "show the last totals while locked" off: no amount anywhere in the
// popup or side panel, not only the total (the asset and exchange rows showed theirs).
import { renderPortfolio } from '../../extension/shared/portfolio-view.js';

const snapshot = {
  computedMs: Date.now() - 60_000,
  demo: false,
  portfolio: {
    currency: 'USD', total: '12345.67', change24h: '120.50', change24hPct: '0.97',
    assets: [{ asset: 'BTC', amount: '0.25', price: '40000', value: '10000.00', share: '81.00', split: [{ exchange: 'binance', account: 'spot', amount: '0.25', value: '10000.00' }] }],
    exchanges: [{ exchange: 'binance', value: '12345.67', share: '100.00' }],
    unpriced: [],
  },
  exchanges: { binance: { state: 'ok', name: 'Binance', lastOkMs: Date.now() } },
};
const locked = { version: '0.1.0', cryptopp: '8.7.0', vault: { exists: true, unlocked: false }, rotationDue: [] };

function render(state) {
  const root = document.createElement('div');
  renderPortfolio(root, { surface: 'popup', snapshot, ...state });
  return root;
}

test.each(['assets', 'exchanges'])('locked and the setting off: no amount in the %s view', (tab) => {
  const root = render({ status: locked, settings: { showWhenLocked: false }, tab });
  expect(root.querySelector('[data-testid=total]').dataset.value).toBe('');
  expect(root.textContent).not.toMatch(/\$\d|0\.25|10,000|12,345/);
  expect(root.querySelector('[data-testid=unlock-form]').textContent).toContain('Unlock to see your amounts.');
});

test.each(['assets', 'exchanges'])('locked with the default setting, and unlocked: amounts shown in the %s view', (tab) => {
  for (const status of [locked, { ...locked, vault: { exists: true, unlocked: true } }]) {
    const root = render({ status, settings: {}, tab });
    expect(root.textContent).toMatch(tab === 'assets' ? /\$10,000\.00/ : /\$12,345\.67/);
  }
  const unlockedOff = render({ status: { ...locked, vault: { exists: true, unlocked: true } }, settings: { showWhenLocked: false }, tab });
  expect(unlockedOff.textContent).toMatch(/\$12,345\.67/);
});

test('the quick balances export is offered unless the amounts are hidden by the lock', () => {
  const button = (state) => render(state).querySelector('[data-testid=export-balances]');
  expect(button({ status: locked, settings: { showWhenLocked: false } })).toBeNull();
  expect(button({ status: locked, settings: {} })).not.toBeNull();
  expect(button({ status: { ...locked, vault: { exists: true, unlocked: true } }, settings: { showWhenLocked: false } })).not.toBeNull();
  // Privacy mode keeps amounts off the screen; a file the person asks for is still theirs.
  expect(button({ status: locked, settings: { privacy: true } })).not.toBeNull();
});
