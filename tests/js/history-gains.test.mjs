/** @jest-environment jsdom */
import { gainsSummary, gainsByAsset, gainsProblems, yearsOf } from '../../extension/history/history-gains.js';

const zero = { proceeds: '0', costBasis: '0', gain: '0', shortTermGain: '0', longTermGain: '0' };
const report = {
  currency: 'USD', method: 'fifo', taxYear: 2025,
  summary: {
    totals: { proceeds: '1500.5', costBasis: '1000', gain: '500.5', shortTermGain: '500.5', longTermGain: '0', records: 1, incompleteRecords: 2 },
    byAsset: [
      { asset: 'BNB', ...zero, records: 0, incompleteRecords: 2 },
      { asset: 'BTC', proceeds: '1500.5', costBasis: '1000', gain: '500.5', shortTermGain: '500.5', longTermGain: '0', records: 1, incompleteRecords: 0 },
    ],
  },
  disposals: [
    { asset: 'BNB', amount: '0.1', acquiredMs: null, lots: 0, disposedMs: Date.UTC(2025, 1, 1), proceeds: '60', costBasis: null, gain: null, term: null, missingAcquisition: true, kind: 'fee', exchange: 'binance', tradeId: '<b>7</b>' },
  ],
  unpricedEvents: [{ exchange: 'binance', id: '9', time: Date.UTC(2025, 2, 1), asset: 'ARDR', reason: 'trade_value' }],
  priceMissing: [{ asset: 'NOPRICE', reason: 'no market on your exchanges links NOPRICE to USD' }],
  withdrawals: [], remainingLots: [],
};

test('an asset whose every disposal is incomplete shows unknown sums, never $0.00', () => {
  const rows = [...gainsByAsset(report).querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));
  expect(rows[0]).toEqual(['BNB', '—', '—', '—', '—', '—', '0 (+2 incomplete)']);
  expect(rows[1]).toEqual(['BTC', '$1,500.50', '$1,000.00', '+$500.50', '+$500.50', '+$0.00', '1']);
  const none = { ...report, summary: { ...report.summary, totals: { ...zero, records: 0, incompleteRecords: 3 } } };
  expect(gainsSummary(none).textContent).not.toContain('$0.00');
  expect(gainsSummary(report, { privacy: true }).textContent).not.toContain('1,500');
});

test('missing acquisitions, unpriced events and assets without prices are all listed', () => {
  const root = document.createElement('div');
  root.append(...gainsProblems(report));
  expect(root.querySelector('[data-testid=missing-acquisitions] summary').textContent).toMatch(/^1 disposal without a known acquisition/);
  expect(root.querySelector('[data-testid=missing-acquisitions] td.mono').textContent).toBe('<b>7</b>');
  expect(root.querySelector('b')).toBeNull();
  expect(root.querySelector('[data-testid=unpriced-events]').textContent).toContain('ARDR');
  expect(root.querySelector('[data-testid=price-missing]').textContent).toContain('NOPRICE');
});

test('tax years run from the first event to this year, newest first', () => {
  expect(yearsOf(Date.UTC(2022, 5), Date.UTC(2024, 1), Date.UTC(2025, 3))).toEqual([2025, 2024, 2023, 2022]);
  expect(yearsOf(null, null, Date.UTC(2025, 3))).toEqual([2025]);
});
