// Number and time formatting for the person's locale. Amounts arrive as exact
// decimal strings; Intl.NumberFormat formats strings without going through a
// double (Chrome 106+), so what is shown is what the core computed.
const UNIT_SYMBOLS = { BTC: '₿', ETH: 'Ξ' };
export const HIDDEN = '•••••';

export function formatMoney(value, currency, { locale, privacy = false, compact = false } = {}) {
  if (privacy) return HIDDEN;
  if (value === null || value === undefined || value === '') return '—';
  if (UNIT_SYMBOLS[currency]) {
    const n = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(value);
    return `${UNIT_SYMBOLS[currency]} ${n}`;
  }
  return new Intl.NumberFormat(locale, {
    style: 'currency', currency,
    ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
  }).format(value);
}

export function formatAmount(value, { locale, privacy = false } = {}) {
  if (privacy) return HIDDEN;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 8 }).format(value);
}

export function formatPercent(value, { locale, signed = false } = {}) {
  if (value === null || value === undefined) return '—';
  const text = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 2, maximumFractionDigits: 2, ...(signed ? { signDisplay: 'exceptZero' } : {}),
  }).format(value);
  return `${text}%`;
}

export function formatSignedMoney(value, currency, opts = {}) {
  if (opts.privacy) return HIDDEN;
  if (value === null || value === undefined) return '—';
  const s = formatMoney(String(value).replace(/^-/, ''), currency, opts);
  return String(value).startsWith('-') ? `−${s}` : `+${s}`;
}

export function formatAgo(ms, now = Date.now()) {
  if (!ms) return 'never';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  if (s < 60) return rtf.format(-s, 'second');
  if (s < 3600) return rtf.format(-Math.round(s / 60), 'minute');
  if (s < 86400) return rtf.format(-Math.round(s / 3600), 'hour');
  return rtf.format(-Math.round(s / 86400), 'day');
}

export function formatDate(ms) {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(ms);
}

// "1 key", "2 keys", "1,250 disposals": a count with its noun.
export function countOf(n, one, many = `${one}s`) {
  return `${formatAmount(n)} ${Number(n) === 1 ? one : many}`;
}
