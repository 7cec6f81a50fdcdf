// Realized gains as the core's costBasis reports them: totals, per asset, and what
// could not be valued (missing acquisitions, unpriced events, assets without a
// price series), listed by name, never counted as zero.
import { el } from '../shared/portfolio-view.js';
import { formatMoney, formatAmount, formatDate, formatSignedMoney, countOf } from '../shared/format.js';

export const METHOD_NAMES = { fifo: 'FIFO', lifo: 'LIFO', hifo: 'HIFO', average: 'Average cost' };
const LIST_LIMIT = 200;

function money(v, currency, privacy) {
  return v === null || v === undefined ? '—' : formatMoney(v, currency, { privacy });
}

function signed(v, currency, privacy) {
  if (v === null || v === undefined) return '—';
  const cls = String(v).startsWith('-') ? 'down' : /[1-9]/.test(String(v)) ? 'up' : '';
  return el('span', { class: cls, text: formatSignedMoney(v, currency, { privacy }) });
}

function table(head, rows, attrs = {}) {
  return el('table', { class: 'kf-table', ...attrs },
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { text: h })))),
    el('tbody', {}, rows));
}

// Sums cover complete records only: with none, the sum is unknown, not zero.
function known(row) {
  if (row.records > 0) return row;
  return { ...row, proceeds: null, costBasis: null, gain: null, shortTermGain: null, longTermGain: null };
}

export function gainsSummary(report, { privacy = false } = {}) {
  const c = report.currency;
  const t = known(report.summary.totals);
  const cards = [
    ['Proceeds', money(t.proceeds, c, privacy)],
    ['Cost basis', money(t.costBasis, c, privacy)],
    ['Realized gain', signed(t.gain, c, privacy)],
    ['Short term', signed(t.shortTermGain, c, privacy)],
    ['Long term', signed(t.longTermGain, c, privacy)],
  ];
  return el('div', { class: 'kf-stats', 'data-testid': 'gains-totals' }, cards.map(([label, value]) =>
    el('div', { class: 'kf-stat' }, el('span', { class: 'muted', text: label }), el('strong', { class: 'num' }, value))));
}

export function gainsByAsset(report, { privacy = false } = {}) {
  const c = report.currency;
  const rows = report.summary.byAsset.map(known).map((a) => el('tr', {},
    el('td', { text: a.asset }),
    el('td', { class: 'num', text: money(a.proceeds, c, privacy) }),
    el('td', { class: 'num', text: money(a.costBasis, c, privacy) }),
    el('td', { class: 'num' }, signed(a.gain, c, privacy)),
    el('td', { class: 'num' }, signed(a.shortTermGain, c, privacy)),
    el('td', { class: 'num' }, signed(a.longTermGain, c, privacy)),
    el('td', { class: 'num', text: `${a.records}${a.incompleteRecords ? ` (+${a.incompleteRecords} incomplete)` : ''}` })));
  return table(['Asset', 'Proceeds', 'Cost basis', 'Gain', 'Short term', 'Long term', 'Disposals'], rows, { 'data-testid': 'gains-by-asset' });
}

function limited(list, render) {
  const shown = list.slice(0, LIST_LIMIT).map(render);
  return list.length > LIST_LIMIT ? [...shown, el('tr', {}, el('td', { colspan: 6, class: 'muted', text: `… and ${list.length - LIST_LIMIT} more (all of them are in the Form 8949 export)` }))] : shown;
}

// The parts the person must look at: nothing here is ever valued at zero.
export function gainsProblems(report, { privacy = false } = {}) {
  const out = [];
  const missing = report.disposals.filter((d) => d.missingAcquisition);
  if (missing.length) {
    out.push(el('details', { class: 'kf-problem', 'data-testid': 'missing-acquisitions', open: missing.length <= 20 },
      el('summary', { text: `${countOf(missing.length, 'disposal')} without a known acquisition: their cost basis is unknown` }),
      el('p', { class: 'muted small', text: 'Usually coins that arrived by a deposit from a wallet or exchange Keyfolio does not see, or trades older than the history it could fetch. Their gains are left out of the totals above.' }),
      table(['Date', 'Exchange', 'Asset', 'Amount', 'Proceeds', 'Trade'], limited(missing, (d) => el('tr', {},
        el('td', { text: formatDate(d.disposedMs) }), el('td', { text: d.exchange }), el('td', { text: d.asset }),
        el('td', { class: 'num', text: formatAmount(d.amount, { privacy }) }), el('td', { class: 'num', text: money(d.proceeds, report.currency, privacy) }),
        el('td', { class: 'mono', text: d.tradeId }))))));
  }
  if (report.unpricedEvents.length) {
    out.push(el('details', { class: 'kf-problem', 'data-testid': 'unpriced-events', open: report.unpricedEvents.length <= 20 },
      el('summary', { text: `${report.unpricedEvents.length} event(s) without a price in ${report.currency}: their values are unknown` }),
      table(['Date', 'Exchange', 'Asset', 'Reason', 'Event'], limited(report.unpricedEvents, (u) => el('tr', {},
        el('td', { text: formatDate(u.time) }), el('td', { text: u.exchange }), el('td', { text: u.asset }),
        el('td', { text: u.reason }), el('td', { class: 'mono', text: u.id }))))));
  }
  if (report.priceMissing?.length) {
    out.push(el('details', { class: 'kf-problem', 'data-testid': 'price-missing', open: true },
      el('summary', { text: `${report.priceMissing.length} asset(s) with no complete price history` }),
      el('ul', {}, report.priceMissing.map((m) => el('li', {}, el('strong', { text: m.asset }), ` — ${m.reason}`)))));
  }
  return out;
}

export function priceSources(report) {
  if (!report.priceSources?.length) return null;
  return el('details', { class: 'small' }, el('summary', { text: `Historical prices: daily closes of ${report.priceSources.length} asset(s)` }),
    el('ul', {}, report.priceSources.map((s) => el('li', {},
      el('strong', { text: s.asset }), ` ${s.path} · ${s.points} days, ${formatDate(s.firstMs)} – ${formatDate(s.lastMs)}`))));
}

export function disposalsTable(report, { privacy = false } = {}) {
  const c = report.currency;
  const list = report.disposals;
  return el('details', { 'data-testid': 'disposals' }, el('summary', { text: `All ${countOf(list.length, 'disposal')}` }),
    table(['Disposed', 'Acquired', 'Asset', 'Amount', 'Proceeds', 'Cost basis', 'Gain', 'Term'], limited(list, (d) => el('tr', {},
      el('td', { text: formatDate(d.disposedMs) }),
      el('td', { text: d.missingAcquisition ? 'unknown' : d.acquiredMs === null ? 'various' : `${formatDate(d.acquiredMs)}${d.lots > 1 ? ` (+${d.lots - 1} lots)` : ''}` }),
      el('td', { text: d.kind === 'fee' ? `${d.asset} (fee)` : d.asset }),
      el('td', { class: 'num', text: formatAmount(d.amount, { privacy }) }),
      el('td', { class: 'num', text: money(d.proceeds, c, privacy) }),
      el('td', { class: 'num', text: money(d.costBasis, c, privacy) }),
      el('td', { class: 'num' }, signed(d.gain, c, privacy)),
      el('td', { text: d.term ?? 'unknown' })))));
}

export function yearsOf(firstMs, lastMs, now = Date.now()) {
  const end = new Date(now).getUTCFullYear();
  const start = firstMs ? new Date(firstMs).getUTCFullYear() : end;
  const years = [];
  for (let y = Math.max(end, lastMs ? new Date(lastMs).getUTCFullYear() : end); y >= start; y--) years.push(y);
  return years;
}
