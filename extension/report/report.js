// A printable report: balances, allocation, value over the last year and the realized
// gains of the chosen tax year. Print CSS (report.css) makes "Save as PDF" clean.
import { send } from '../shared/messaging.js';
import { el } from '../shared/portfolio-view.js';
import { formatMoney, formatAmount, formatPercent, formatDate, countOf, HIDDEN } from '../shared/format.js';
import { lineChart, donutChart, seriesInRange } from '../shared/charts.js';
import { METHOD_NAMES, gainsSummary, gainsByAsset } from '../history/history-gains.js';

const app = document.getElementById('app');
const year = Number(new URLSearchParams(location.search).get('year')) || new Date().getUTCFullYear() - 1;

function balances(p, privacy) {
  return el('table', { class: 'kf-table', 'data-testid': 'report-balances' },
    el('thead', {}, el('tr', {}, ['Asset', 'Amount', 'Price', 'Value', 'Share'].map((h) => el('th', { text: h })))),
    el('tbody', {}, p.assets.map((a) => el('tr', {},
      el('td', { text: a.asset }),
      el('td', { class: 'num', text: formatAmount(a.amount, { privacy }) }),
      el('td', { class: 'num', text: a.price === null || a.price === undefined ? '—' : formatMoney(a.price, p.currency) }),
      el('td', { class: 'num', text: formatMoney(a.value, p.currency, { privacy }) }),
      el('td', { class: 'num', text: formatPercent(a.share) })))),
    el('tfoot', {}, el('tr', {}, el('td', { text: 'Total' }), el('td'), el('td'),
      el('td', { class: 'num', text: formatMoney(p.total, p.currency, { privacy }) }), el('td'))));
}

function gainsPart(g, privacy) {
  if (!g) return el('p', { class: 'muted', text: 'Computing realized gains…' });
  if (g.error) return el('p', { class: 'banner err', text: g.error });
  const missing = g.disposals.filter((d) => d.missingAcquisition).length;
  const notes = [
    missing ? `${countOf(missing, 'disposal')} ${missing === 1 ? 'has' : 'have'} no known acquisition: their cost basis is unknown and they are left out of the totals.` : null,
    g.unpricedEvents.length ? `${g.unpricedEvents.length} event(s) had no price in ${g.currency}: their values are unknown.` : null,
    g.priceMissing?.length ? `No complete price history for ${g.priceMissing.map((m) => m.asset).join(', ')}.` : null,
  ].filter(Boolean);
  return [
    el('p', { class: 'muted small', text: `${METHOD_NAMES[g.method] ?? g.method} · long term after ${g.holdingPeriodDays} days · ${g.currency} · dates in UTC · ${countOf(g.summary.totals.records, 'disposal')}` }),
    gainsSummary(g, { privacy }),
    g.summary.byAsset.length ? gainsByAsset(g, { privacy }) : el('p', { class: 'muted', text: 'No disposals in this year.' }),
    notes.length ? el('ul', { class: 'report-notes', 'data-testid': 'report-notes' }, notes.map((n) => el('li', { text: n }))) : null,
  ];
}

function render(state) {
  const { snapshot, settings, valueHistory, gains } = state;
  const privacy = settings.privacy;
  const p = snapshot?.portfolio;
  const { currency, points } = seriesInRange(valueHistory, '1y');
  app.replaceChildren(
    el('header', { class: 'report-head' },
      el('img', { src: '../icons/icon-48.png', alt: '' }),
      el('div', {}, el('h1', { text: `Keyfolio portfolio report ${year}` }),
        el('p', { class: 'muted small', text: `Generated ${new Date().toLocaleString()}${snapshot ? ` · balances as of ${new Date(snapshot.computedMs).toLocaleString()}` : ''}${snapshot?.demo ? ' · DEMO DATA' : ''}` })),
      el('span', { class: 'spacer' }),
      el('button', { class: 'primary no-print', 'data-testid': 'print', onclick: () => window.print(), text: 'Print / Save as PDF' })),
    el('section', { class: 'report-section' }, el('h2', { text: 'Balances' }),
      p ? [el('p', { class: 'report-total num', text: formatMoney(p.total, p.currency, { privacy }) }), balances(p, privacy),
        p.unpriced?.length ? el('p', { class: 'muted small', text: `Not valued (no price): ${p.unpriced.map((u) => u.asset).join(', ')}` }) : null]
        : el('p', { class: 'muted', text: 'No balances yet.' })),
    p ? el('section', { class: 'report-section report-alloc' }, el('h2', { text: 'Allocation' }),
      el('div', { class: 'kf-donuts' },
        donutChart(p.assets.map((a) => ({ label: a.asset, value: a.value })), { title: 'By asset' }),
        donutChart(p.exchanges.map((x) => ({ label: x.exchange, value: x.value })), { title: 'By exchange' }))) : null,
    el('section', { class: 'report-section' }, el('h2', { text: 'Value over the last year' }),
      lineChart(points, { format: (v) => (privacy ? HIDDEN : formatMoney(v, currency, { compact: true })), formatDate, title: 'Portfolio value over the last year' })),
    el('section', { class: 'report-section', 'data-testid': 'report-gains' }, el('h2', { text: `Realized gains ${year}` }), gainsPart(gains, privacy)),
    el('footer', { class: 'muted small' }, 'Computed on this computer by Keyfolio from your exchanges\' read-only data. Check the figures before filing; this is not tax advice.'));
}

async function main() {
  const stored = await chrome.storage.local.get(['snapshot', 'settings', 'valueHistory']);
  const state = { snapshot: stored.snapshot ?? null, settings: stored.settings ?? {}, valueHistory: stored.valueHistory ?? [], gains: null };
  document.title = `Keyfolio report ${year}`;
  render(state);
  try {
    state.gains = await send('costBasis', { taxYear: year });
  } catch (err) {
    state.gains = { error: err.message };
  }
  render(state);
  document.body.dataset.ready = 'true';
}

main();
