// Small SVG charts drawn locally (no library, no remote code): the portfolio value
// over time as a line, and allocation as a donut with a legend. Values arrive as
// exact decimal strings; Number() is used only to place pixels, never to compute
// an amount that is shown (labels come from the strings through `format`).
const SVG = 'http://www.w3.org/2000/svg';
const DAY_MS = 86_400_000;
export const RANGES = { '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '1y': 365 * DAY_MS, all: Infinity };
export const PALETTE = ['#4c6ef5', '#12b886', '#f59f00', '#e64980', '#7950f2', '#15aabf', '#fa5252', '#82c91e', '#868e96'];

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  for (const c of children.flat()) if (c) node.append(c);
  return node;
}

function round(n) {
  return Math.round(n * 100) / 100;
}

// valueHistory rows [ms, currency, total] within `range` of `nowMs`, in the currency
// of the latest row only (a change of currency starts a new series).
export function seriesInRange(history, range, nowMs = Date.now()) {
  const rows = (history ?? []).filter((r) => Array.isArray(r) && Number.isFinite(r[0]) && r[2] !== null && r[2] !== undefined && Number.isFinite(Number(r[2])));
  if (!rows.length) return { currency: null, points: [] };
  const currency = rows[rows.length - 1][1];
  const span = RANGES[range] ?? Infinity;
  const points = rows.filter((r) => r[1] === currency && nowMs - r[0] <= span).map((r) => [r[0], r[2]]);
  return { currency, points };
}

// The path of a line chart: x from time, y from value, inside `pad` of the box.
// A flat series sits in the middle; one point draws a short level line.
export function linePath(points, { width = 600, height = 200, pad = 8 } = {}) {
  if (!points.length) return { d: '', area: '', min: null, max: null };
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => Number(p[1]));
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const min = Math.min(...ys);
  const max = Math.max(...ys);
  const w = width - 2 * pad;
  const h = height - 2 * pad;
  const x = (t) => (x1 === x0 ? pad + w / 2 : pad + ((t - x0) / (x1 - x0)) * w);
  const y = (v) => (max === min ? pad + h / 2 : pad + (1 - (v - min) / (max - min)) * h);
  const coords = points.length === 1
    ? [[pad, y(ys[0])], [width - pad, y(ys[0])]]
    : points.map((p, i) => [x(p[0]), y(ys[i])]);
  const d = coords.map(([cx, cy], i) => `${i ? 'L' : 'M'}${round(cx)},${round(cy)}`).join(' ');
  const bottom = round(height - pad);
  const area = `${d} L${round(coords[coords.length - 1][0])},${bottom} L${round(coords[0][0])},${bottom} Z`;
  const lo = points[ys.indexOf(min)][1];
  const hi = points[ys.indexOf(max)][1];
  return { d, area, min: lo, max: hi, first: points[0], last: points[points.length - 1] };
}

// The line in an SVG stretched to its box (the stroke keeps its width), and the
// labels in HTML around it so text never stretches with the box.
export function lineChart(points, { width = 640, height = 180, format = String, formatDate = (ms) => new Date(ms).toLocaleDateString(), title = 'Portfolio value' } = {}) {
  const { d, area, min, max, first, last } = linePath(points, { width, height, pad: 4 });
  const wrap = document.createElement('div');
  wrap.className = 'kf-linechart';
  wrap.setAttribute('role', 'img');
  wrap.setAttribute('aria-label', title);
  if (!d) {
    const empty = document.createElement('p');
    empty.className = 'kf-chart-empty';
    empty.textContent = 'No values recorded in this range yet';
    wrap.append(empty);
    return wrap;
  }
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'kf-chart kf-line', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    svg('path', { d: area, class: 'kf-chart-area' }),
    svg('path', { d, class: 'kf-chart-line', fill: 'none', 'vector-effect': 'non-scaling-stroke' }));
  const label = (cls, text) => {
    const span = document.createElement('span');
    span.className = `kf-chart-label ${cls}`;
    span.textContent = text;
    return span;
  };
  wrap.append(label('hi', `High ${format(max)}`), root, label('lo', `Low ${format(min)}`),
    label('from', formatDate(first[0])), label('to', formatDate(last[0])));
  return wrap;
}

// Allocation slices from [{label, value (decimal string)}]: the largest `max - 1`
// items, then "Other" for the rest; shares in percent of the positive total.
export function allocationSlices(items, max = PALETTE.length) {
  const rows = (items ?? []).map((i) => ({ label: i.label, value: Number(i.value) })).filter((i) => Number.isFinite(i.value) && i.value > 0)
    .sort((a, b) => b.value - a.value);
  const total = rows.reduce((s, r) => s + r.value, 0);
  if (!total) return [];
  const head = rows.length > max ? rows.slice(0, max - 1) : rows;
  const rest = rows.length > max ? rows.slice(max - 1) : [];
  const slices = head.map((r, i) => ({ label: r.label, share: (r.value / total) * 100, color: PALETTE[i] }));
  if (rest.length) slices.push({ label: `Other (${rest.length})`, share: (rest.reduce((s, r) => s + r.value, 0) / total) * 100, color: PALETTE[PALETTE.length - 1] });
  return slices;
}

// One donut segment between two fractions of the circle (0..1), as an SVG path.
export function arcPath(cx, cy, r, inner, from, to) {
  // A whole ring is two halves: one arc from a point back to itself draws nothing.
  if (to - from > 0.5) return `${arcPath(cx, cy, r, inner, from, from + 0.5)} ${arcPath(cx, cy, r, inner, from + 0.5, to)}`;
  const sweep = to - from;
  const a0 = 2 * Math.PI * from - Math.PI / 2;
  const a1 = 2 * Math.PI * (from + sweep) - Math.PI / 2;
  const large = sweep > 0.5 ? 1 : 0;
  const p = (radius, a) => `${round(cx + radius * Math.cos(a))},${round(cy + radius * Math.sin(a))}`;
  return `M${p(r, a0)} A${r},${r} 0 ${large} 1 ${p(r, a1)} L${p(inner, a1)} A${inner},${inner} 0 ${large} 0 ${p(inner, a0)} Z`;
}

export function donutChart(items, { title = 'Allocation', size = 160, formatShare = (s) => `${s.toFixed(1)}%` } = {}) {
  const slices = allocationSlices(items);
  const wrap = document.createElement('figure');
  wrap.className = 'kf-donut';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  const c = size / 2;
  const root = svg('svg', { viewBox: `0 0 ${size} ${size}`, width: size, height: size, class: 'kf-chart', role: 'img', 'aria-label': title });
  root.append(svg('title', {}, document.createTextNode(title)));
  let at = 0;
  for (const s of slices) {
    const seg = svg('path', { d: arcPath(c, c, c - 2, c * 0.58, at, at + s.share / 100), fill: s.color });
    seg.append(svg('title', {}, document.createTextNode(`${s.label}: ${formatShare(s.share)}`)));
    root.append(seg);
    at += s.share / 100;
  }
  if (!slices.length) root.append(svg('circle', { cx: c, cy: c, r: c - 2, class: 'kf-chart-empty-ring', fill: 'none' }));
  const legend = document.createElement('ul');
  legend.className = 'kf-legend';
  for (const s of slices) {
    const li = document.createElement('li');
    const dot = document.createElement('span');
    dot.className = 'kf-dot';
    dot.style.background = s.color;
    const name = document.createElement('span');
    name.textContent = s.label;
    const share = document.createElement('span');
    share.className = 'num muted';
    share.textContent = formatShare(s.share);
    li.append(dot, name, share);
    legend.append(li);
  }
  wrap.append(caption, root, legend);
  return wrap;
}
