/** @jest-environment jsdom */
import { linePath, seriesInRange, allocationSlices, arcPath, lineChart, donutChart, PALETTE } from '../../extension/shared/charts.js';

const DAY = 86_400_000;

test('linePath maps time to x and value to y inside the padding, highest value on top', () => {
  const pts = [[0, '100'], [DAY, '300'], [2 * DAY, '200']];
  const { d, area, min, max } = linePath(pts, { width: 108, height: 58, pad: 4 });
  expect(d).toBe('M4,54 L54,4 L104,29');
  expect(area).toBe('M4,54 L54,4 L104,29 L104,54 L4,54 Z');
  expect(min).toBe('100');
  expect(max).toBe('300');
});

test('linePath keeps a flat series in the middle and draws one point as a level line', () => {
  expect(linePath([[0, '5'], [DAY, '5']], { width: 100, height: 50, pad: 0 }).d).toBe('M0,25 L100,25');
  expect(linePath([[7, '5']], { width: 100, height: 50, pad: 10 }).d).toBe('M10,25 L90,25');
  expect(linePath([], {}).d).toBe('');
});

test('seriesInRange keeps the latest currency and the chosen range', () => {
  const now = 100 * DAY;
  const history = [[now - 400 * DAY, 'USD', '1'], [now - 40 * DAY, 'EUR', '2'], [now - 20 * DAY, 'EUR', '3'], [now - 3 * DAY, 'EUR', '4'], [now - DAY, 'EUR', null]];
  expect(seriesInRange(history, '7d', now)).toEqual({ currency: 'EUR', points: [[now - 3 * DAY, '4']] });
  expect(seriesInRange(history, '30d', now).points).toHaveLength(2);
  expect(seriesInRange(history, 'all', now).points.map((p) => p[1])).toEqual(['2', '3', '4']);
  expect(seriesInRange([], '7d', now)).toEqual({ currency: null, points: [] });
});

test('allocationSlices sorts, drops non-positive values and groups the tail as Other', () => {
  const items = Array.from({ length: 12 }, (_, i) => ({ label: `A${i}`, value: String(i) }));
  const slices = allocationSlices(items);
  expect(slices).toHaveLength(PALETTE.length);
  expect(slices[0].label).toBe('A11');
  expect(slices.at(-1).label).toBe('Other (3)'); // A2, A1 and A0 is dropped (zero)
  expect(slices.reduce((s, x) => s + x.share, 0)).toBeCloseTo(100, 9);
  expect(allocationSlices([{ label: 'X', value: '0' }])).toEqual([]);
});

test('arcPath draws a quarter ring from 12 o\'clock clockwise, and a whole ring as two halves', () => {
  expect(arcPath(50, 50, 40, 20, 0, 0.25)).toBe('M50,10 A40,40 0 0 1 90,50 L70,50 A20,20 0 0 0 50,30 Z');
  const ring = arcPath(50, 50, 40, 20, 0, 1);
  expect(ring).toBe('M50,10 A40,40 0 0 1 50,90 L50,70 A20,20 0 0 0 50,30 Z M50,90 A40,40 0 0 1 50,10 L50,30 A20,20 0 0 0 50,70 Z');
});

test('lineChart draws the line in SVG and its labels as text outside it', () => {
  const chart = lineChart([[0, '1'], [DAY, '2']], { format: (v) => `$${v}`, formatDate: () => 'D' });
  expect(chart.getAttribute('role')).toBe('img');
  expect(chart.querySelector('svg').namespaceURI).toBe('http://www.w3.org/2000/svg');
  expect(chart.querySelectorAll('svg path')).toHaveLength(2);
  expect([...chart.querySelectorAll('.kf-chart-label')].map((t) => t.textContent)).toEqual(['High $2', 'Low $1', 'D', 'D']);
  expect(lineChart([], {}).textContent).toContain('No values');
});

test('donutChart: one path per slice, a legend set as text', () => {
  const donut = donutChart([{ label: '<b>x</b>', value: '3' }, { label: 'y', value: '1' }], { title: 'By asset' });
  expect(donut.querySelectorAll('path')).toHaveLength(2);
  expect(donut.querySelector('.kf-legend').textContent).toBe('<b>x</b>75.0%y25.0%');
  expect(donut.querySelector('b')).toBeNull();
  expect(donutChart([{ label: 'only', value: '5' }]).querySelector('path').getAttribute('d').split('M')).toHaveLength(3);
});
