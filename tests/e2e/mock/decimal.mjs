// Exact decimal strings for the mock's derived numbers (24h change, candles, costs).
// BigInt with a scale; never a float, so what the mock serves is what the state holds.

const DEC_RE = /^(-?)(\d+)(?:\.(\d+))?$/;

export function parse(text) {
  const m = DEC_RE.exec(String(text));
  if (!m) throw new Error(`not a decimal: ${text}`);
  const frac = m[3] ?? '';
  const int = BigInt(m[2] + frac) * (m[1] ? -1n : 1n);
  return { int, scale: frac.length };
}

function align(a, b) {
  const scale = Math.max(a.scale, b.scale);
  return [a.int * 10n ** BigInt(scale - a.scale), b.int * 10n ** BigInt(scale - b.scale), scale];
}

export function add(x, y) {
  const [a, b, scale] = align(parse(x), parse(y));
  return format({ int: a + b, scale });
}

export function sub(x, y) {
  const [a, b, scale] = align(parse(x), parse(y));
  return format({ int: a - b, scale });
}

export function mul(x, y) {
  const a = parse(x);
  const b = parse(y);
  return format({ int: a.int * b.int, scale: a.scale + b.scale });
}

// x / y truncated toward zero to `places` decimals.
export function div(x, y, places) {
  const [a, b] = align(parse(x), parse(y));
  if (b === 0n) throw new Error('division by zero');
  return format({ int: (a * 10n ** BigInt(places)) / b, scale: places });
}

export function cmp(x, y) {
  const [a, b] = align(parse(x), parse(y));
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isZero(x) {
  return parse(x).int === 0n;
}

// Rounds (truncates) or pads to exactly `places` decimals: fixed('1.5', 8) === '1.50000000'.
export function fixed(x, places) {
  const d = typeof x === 'string' ? parse(x) : x;
  let int = d.int;
  if (d.scale > places) int /= 10n ** BigInt(d.scale - places);
  else int *= 10n ** BigInt(places - d.scale);
  return format({ int, scale: places });
}

export function format({ int, scale }) {
  const neg = int < 0n;
  let digits = (neg ? -int : int).toString().padStart(scale + 1, '0');
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return (neg && /[1-9]/.test(digits) ? '-' : '') + digits;
}

// Drops trailing fractional zeros: '1.2300' -> '1.23', '5.000' -> '5'.
export function trim(x) {
  const s = typeof x === 'string' ? x : format(x);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
