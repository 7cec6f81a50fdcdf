// Exact decimal arithmetic for chaining candle closes (BTC/USDT x USDT/EUR):
// decimal strings in, decimal strings out, BigInt in between, never a double.
// Products and quotients round half-even to 18 decimals, as the core's price graph does.
export const PLACES = 18;
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function parse(text) {
  const m = DECIMAL.exec(String(text).trim());
  if (!m) throw Object.assign(new Error(`not a decimal number: ${String(text).slice(0, 40)}`), { kind: 'malformed' });
  const frac = m[3] ?? '';
  const n = BigInt(m[2] + frac);
  return { n: m[1] ? -n : n, scale: frac.length };
}

function pow10(k) {
  return 10n ** BigInt(k);
}

// n / d rounded half-even to an integer (d > 0).
function divRound(n, d) {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const r2 = (a % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

function format(n, scale) {
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString().padStart(scale + 1, '0');
  let out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  if (scale) out = out.replace(/0+$/, '').replace(/\.$/, '');
  digits = out;
  return neg && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

export function mul(a, b, places = PLACES) {
  const x = parse(a);
  const y = parse(b);
  const scale = x.scale + y.scale;
  const n = x.n * y.n;
  return scale <= places ? format(n, scale) : format(divRound(n, pow10(scale - places)), places);
}

export function div(a, b, places = PLACES) {
  const x = parse(a);
  const y = parse(b);
  if (y.n === 0n) throw Object.assign(new Error('division by zero'), { kind: 'invalid_input' });
  // a/b = (x.n / 10^xs) / (y.n / 10^ys); scaled by 10^places.
  let num = x.n * pow10(places + y.scale);
  let den = y.n * pow10(x.scale);
  if (den < 0n) { num = -num; den = -den; }
  return format(divRound(num, den), places);
}

export function isPositive(text) {
  try {
    return parse(text).n > 0n;
  } catch {
    return false;
  }
}
