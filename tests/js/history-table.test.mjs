/** @jest-environment jsdom */
import { filterEvents, summarize, visibleRange, createVirtualTable, dateRange, searchText } from '../../extension/history/history-table.js';

const events = [
  { kind: 'trade', exchange: 'binance', id: '11', time: 1000, symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', side: 'buy', amount: '1', price: '2' },
  { kind: 'trade', exchange: 'kraken', id: 'TX-AB', time: 2000, symbol: 'XETHZUSD', base: 'ETH', quote: 'USD', side: 'sell', amount: '3', price: '4' },
  { kind: 'deposit', exchange: 'binance', id: 'd1', time: 3000, asset: 'USDT', amount: '50', txid: '0xABCdef', address: 'TWallet', status: 'ok' },
  { kind: 'withdrawal', exchange: 'coinbase', id: 'w1', time: 4000, asset: 'BTC', amount: '0.1', status: 'pending', network: 'bitcoin' },
  { kind: 'ledger', exchange: 'kraken', id: 'L1', refid: 'R1', time: 5000, asset: 'DOT', type: 'staking', amount: '0.5' },
];
const ids = (list) => list.map((e) => e.id);

test('no filter keeps everything in order', () => {
  expect(ids(filterEvents(events))).toEqual(['11', 'TX-AB', 'd1', 'w1', 'L1']);
});

test('kind, exchange and asset filters; asset matches base, quote or asset, any case', () => {
  expect(ids(filterEvents(events, { kind: 'trade' }))).toEqual(['11', 'TX-AB']);
  expect(ids(filterEvents(events, { exchange: 'kraken' }))).toEqual(['TX-AB', 'L1']);
  expect(ids(filterEvents(events, { asset: 'usdt' }))).toEqual(['11', 'd1']);
  expect(ids(filterEvents(events, { asset: 'BTC', kind: 'withdrawal' }))).toEqual(['w1']);
  expect(ids(filterEvents(events, { asset: 'BT' }))).toEqual([]); // whole names only
});

test('date range is [from, to) and combines with the rest', () => {
  expect(ids(filterEvents(events, { fromMs: 2000, toMs: 4000 }))).toEqual(['TX-AB', 'd1']);
  expect(ids(filterEvents(events, { fromMs: 2001, exchange: 'binance' }))).toEqual(['d1']);
});

test('text search: every word somewhere in the event, case-insensitive', () => {
  expect(ids(filterEvents(events, { text: '0xabc' }))).toEqual(['d1']);
  expect(ids(filterEvents(events, { text: 'kraken staking' }))).toEqual(['L1']);
  expect(ids(filterEvents(events, { text: 'pending bitcoin' }))).toEqual(['w1']);
  expect(ids(filterEvents(events, { text: 'kraken bitcoin' }))).toEqual([]);
  expect(searchText(events[1])).toContain('tx-ab');
});

test('dateRange includes the whole "to" day', () => {
  const { fromMs, toMs } = dateRange('2025-03-01', '2025-03-01');
  expect(toMs - fromMs).toBe(86_400_000);
  expect(dateRange('', '')).toEqual({ fromMs: undefined, toMs: undefined });
});

test('summarize counts kinds and exchanges and finds the first and last dates', () => {
  expect(summarize(events)).toEqual({
    total: 5, counts: { trade: 2, deposit: 1, withdrawal: 1, ledger: 1 },
    byExchange: { binance: 2, kraken: 2, coinbase: 1 }, firstMs: 1000, lastMs: 5000,
  });
  expect(summarize([]).firstMs).toBeNull();
});

test('filtering 50,000 events stays fast', () => {
  const many = Array.from({ length: 50_000 }, (_, i) => ({ kind: i % 3 ? 'trade' : 'deposit', exchange: 'binance', id: String(i), time: i, base: 'BTC', quote: 'USDT', asset: i % 3 ? undefined : 'BTC', side: 'buy' }));
  const t0 = performance.now();
  const out = filterEvents(many, { text: '4999', asset: 'btc' });
  expect(performance.now() - t0).toBeLessThan(1000);
  expect(ids(out).every((id) => id.includes('4999'))).toBe(true);
  expect(out.length).toBe(15); // 4999, 14999 … 44999 and 49990..49999
});

test('visibleRange: the rows in view plus overscan, clamped', () => {
  expect(visibleRange(0, 320, 32, 1000, 5)).toEqual({ start: 0, end: 16 });
  expect(visibleRange(3200, 320, 32, 1000, 5)).toEqual({ start: 95, end: 116 });
  expect(visibleRange(31900, 320, 32, 1000, 5)).toEqual({ start: 991, end: 1000 });
  expect(visibleRange(0, 320, 32, 3, 5)).toEqual({ start: 0, end: 3 });
});

test('the virtual table keeps only the visible rows in the DOM and sets text only', () => {
  const table = createVirtualTable({ columns: [{ label: 'Id', cell: (e) => e.id }, { label: 'Note', cell: (e) => e.note }], rowHeight: 20, height: 200 });
  document.body.append(table.element);
  const rows = Array.from({ length: 50_000 }, (_, i) => ({ id: `r${i}`, note: i === 0 ? '<img src=x onerror=alert(1)>' : '' }));
  table.setRows(rows);
  const drawn = table.element.querySelectorAll('.vt-spacer > .vt-row');
  expect(drawn.length).toBeLessThan(40);
  expect(drawn[0].firstChild.textContent).toBe('r0');
  expect(table.element.querySelector('img')).toBeNull();
  expect(table.element.querySelector('.vt-spacer').style.height).toBe('1000000px');
  const scroller = table.element.querySelector('.vt-scroll');
  scroller.scrollTop = 20 * 30_000;
  scroller.dispatchEvent(new Event('scroll'));
  const texts = [...table.element.querySelectorAll('.vt-spacer > .vt-row')].map((r) => r.firstChild.textContent);
  expect(texts).toContain('r30000');
  expect(texts).not.toContain('r0');
  table.setRows([]);
  expect(table.element.querySelector('.vt-empty').hidden).toBe(false);
});
