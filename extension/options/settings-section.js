// Settings: currency, refresh interval, badge, auto-lock, rotation period, privacy, cost basis.
import { el } from '../shared/portfolio-view.js';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'BTC', 'ETH'];

function select(id, label, value, options, onChange) {
  return el('label', { class: 'field', for: id }, el('span', { text: label }),
    el('select', { id, onchange: (e) => onChange(e.target.value) },
      options.map(([v, text]) => el('option', { value: v, text, selected: String(v) === String(value) }))));
}

function number(id, label, value, min, max, onChange) {
  return el('label', { class: 'field', for: id }, el('span', { text: label }),
    el('input', { id, type: 'number', min, max, step: 1, value, onchange: (e) => onChange(Number(e.target.value)) }));
}

function toggle(id, label, checked, onChange) {
  return el('label', { class: 'toggle', for: id },
    el('input', { id, type: 'checkbox', checked, onchange: (e) => onChange(e.target.checked) }), el('span', { text: label }));
}

export function settingsSection(ctx) {
  const s = ctx.status?.settings;
  if (!s) return el('section', { class: 'card', id: 'settings' }, el('h2', { text: 'Settings' }));
  const save = (name) => async (value) => {
    try {
      await ctx.send('updateSettings', { [name]: value });
      ctx.notify('ok', 'Saved.');
    } catch (err) {
      ctx.notify('err', err.message);
    }
    await ctx.reload();
  };
  return el('section', { class: 'card', id: 'settings', 'aria-labelledby': 'settings-h' },
    el('h2', { id: 'settings-h', text: 'Settings' }),
    el('div', { class: 'settings-grid' },
      select('set-currency', 'Currency', s.currency, CURRENCIES.map((c) => [c, c]), save('currency')),
      number('set-refresh', 'Refresh every (minutes)', s.refreshMinutes, 1, 1440, save('refreshMinutes')),
      select('set-badge', 'Toolbar badge', s.badge, [['total', 'Total'], ['change', '24 h change'], ['off', 'Off']], save('badge')),
      number('set-autolock', 'Lock after idle (minutes)', s.autoLockMinutes, 1, 1440, save('autoLockMinutes')),
      number('set-rotation', 'Remind to rotate keys after (days)', s.rotationDays, 90, 365, save('rotationDays')),
      select('set-method', 'Cost basis method', s.costBasisMethod, [['fifo', 'FIFO'], ['lifo', 'LIFO'], ['hifo', 'HIFO'], ['average', 'Average cost']], save('costBasisMethod')),
      number('set-holding', 'Long-term after (days)', s.holdingPeriodDays, 1, 3650, save('holdingPeriodDays'))),
    el('div', { class: 'stack' },
      toggle('set-privacy', 'Privacy mode: hide all amounts everywhere (popup, side panel, badge)', s.privacy, save('privacy')),
      toggle('set-locked', 'Show the last totals while locked', s.showWhenLocked, save('showWhenLocked'))));
}
