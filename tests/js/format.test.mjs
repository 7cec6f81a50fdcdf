import { countOf, formatAmount, formatMoney, HIDDEN } from '../../extension/shared/format.js';

test('countOf agrees with its count', () => {
  expect(countOf(1, 'key')).toBe('1 key');
  expect(countOf(2, 'key')).toBe('2 keys');
  expect(countOf(0, 'disposal')).toBe('0 disposals');
  expect(countOf(2504, 'disposal')).toBe('2,504 disposals');
  expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
  expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
});

test('amounts and money are shown from their exact text, and hidden in privacy mode', () => {
  expect(formatAmount('0.92234567')).toBe('0.92234567');
  expect(formatMoney('103931.6', 'USD')).toBe('$103,931.60');
  expect(formatMoney('103931.6', 'USD', { privacy: true })).toContain(HIDDEN);
});
