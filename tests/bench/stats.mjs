// Small statistics for noisy timings: medians and quantiles, never means (one descheduled
// sample on a shared machine would drag a mean anywhere).

export function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

export const median = (values) => quantile(values, 0.5);

export function summary(values) {
  return { n: values.length, median: median(values), p10: quantile(values, 0.1), p90: quantile(values, 0.9),
    min: Math.min(...values), max: Math.max(...values) };
}

// Milliseconds per call of fn, over a batch of `calls` back-to-back calls.
export function timeBatch(fn, calls) {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return (performance.now() - t0) / calls;
}

// Runs the contenders in alternating order, round after round, so drift in machine load
// hits them alike; `ratio` is the median over rounds of (base / contender) measured in the
// same round, which cancels slow phases better than a ratio of overall medians. The first
// `warmup` rounds (JIT tier-up, wasm tier-up, heap growth) are run but not recorded.
export function interleave({ rounds, calls, contenders, base, warmup }) {
  const names = Object.keys(contenders);
  for (let r = 0; r < (warmup ?? 3); r++) for (const n of names) timeBatch(contenders[n], calls[n] ?? calls);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const n of order) samples[n].push(timeBatch(contenders[n], calls[n] ?? calls));
  }
  const out = Object.fromEntries(names.map((n) => [n, summary(samples[n])]));
  for (const n of names) {
    if (n === base) continue;
    const ratios = samples[base].map((b, i) => b / samples[n][i]);
    out[n].ratio = summary(ratios);
  }
  return out;
}

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.1 ? 1 : 0)} µs`;
  if (ms < 100) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${ms.toFixed(0)} ms`;
}

export const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)}x` : 'n/a');
