import { jest } from '@jest/globals';

globalThis.chrome = { storage: { local: { get: jest.fn(async () => ({})), set: jest.fn() } }, action: {} };
const { compactNumber, badgeFor } = await import('../../extension/background/badge.js');

test('compact totals fit the badge', () => {
  expect(compactNumber('12345.67')).toBe('12k');
  expect(compactNumber('1234.5')).toBe('1.2k');
  expect(compactNumber('999')).toBe('999');
  expect(compactNumber('2500000')).toBe('2.5M');
  expect(compactNumber('0.25')).toBe('0.3');
  expect(compactNumber('nonsense')).toBe('');
});

test('privacy and off show nothing; change shows a signed percentage', () => {
  const snapshot = { portfolio: { total: '12345.6', change24hPct: '-3.21' } };
  expect(badgeFor(snapshot, { badge: 'total', privacy: false }).text).toBe('12k');
  expect(badgeFor(snapshot, { badge: 'total', privacy: true }).text).toBe('');
  expect(badgeFor(snapshot, { badge: 'off' }).text).toBe('');
  expect(badgeFor(snapshot, { badge: 'change' })).toEqual({ text: '-3.2%', color: '#cf222e' });
  expect(badgeFor({ portfolio: { change24hPct: null } }, { badge: 'change' }).text).toBe('');
});
