// The events table: filtering and text search over every stored event, and a
// virtualized list that keeps only the visible rows in the DOM, so 50,000 events
// scroll as smoothly as fifty. Cells are set with textContent only.
const searchCache = new WeakMap();
const SEARCH_FIELDS = ['id', 'refid', 'exchange', 'kind', 'symbol', 'base', 'quote', 'asset', 'feeAsset', 'side', 'type', 'subtype', 'status', 'network', 'address', 'txid', 'account'];

export function searchText(e) {
  let text = searchCache.get(e);
  if (text === undefined) {
    const fields = SEARCH_FIELDS.map((f) => e[f]);
    if (e.base && e.quote) fields.push(`${e.base}/${e.quote}`, `${e.base}${e.quote}`);
    text = fields.filter((v) => v !== undefined && v !== null && v !== '').join(' ').toLowerCase();
    searchCache.set(e, text);
  }
  return text;
}

export function assetsOf(e) {
  return [e.asset, e.base, e.quote].filter(Boolean);
}

// filter: {kind, exchange, asset, fromMs, toMs (exclusive), text}; empty values match all.
// Text: every whitespace-separated word must appear somewhere in the event.
export function filterEvents(events, filter = {}) {
  const kind = filter.kind || null;
  const exchange = filter.exchange || null;
  const asset = filter.asset ? String(filter.asset).trim().toUpperCase() : null;
  const from = Number.isFinite(filter.fromMs) ? filter.fromMs : -Infinity;
  const to = Number.isFinite(filter.toMs) ? filter.toMs : Infinity;
  const words = String(filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return events.filter((e) => {
    if (kind && e.kind !== kind) return false;
    if (exchange && e.exchange !== exchange) return false;
    if (asset && !assetsOf(e).some((a) => a.toUpperCase() === asset)) return false;
    if (!(e.time >= from && e.time < to)) return false;
    if (words.length) {
      const text = searchText(e);
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

// Counts per kind and the first and last event times.
export function summarize(events) {
  const counts = { trade: 0, deposit: 0, withdrawal: 0, ledger: 0 };
  const byExchange = {};
  let first = null;
  let last = null;
  for (const e of events) {
    counts[e.kind] = (counts[e.kind] ?? 0) + 1;
    byExchange[e.exchange] = (byExchange[e.exchange] ?? 0) + 1;
    if (first === null || e.time < first) first = e.time;
    if (last === null || e.time > last) last = e.time;
  }
  return { total: events.length, counts, byExchange, firstMs: first, lastMs: last };
}

// Local-date inputs ("2025-03-01") to a [fromMs, toMs) window; the "to" day is included.
export function dateRange(from, to) {
  const parse = (s) => (s ? new Date(`${s}T00:00:00`).getTime() : NaN);
  const f = parse(from);
  const t = parse(to);
  return { fromMs: Number.isFinite(f) ? f : undefined, toMs: Number.isFinite(t) ? t + 86_400_000 : undefined };
}

// Rows [start, end) to draw for a scroll position, with `overscan` rows either side.
export function visibleRange(scrollTop, viewportHeight, rowHeight, total, overscan = 8) {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(viewportHeight / rowHeight) + 1;
  return { start: Math.max(0, first - overscan), end: Math.min(total, first + count + overscan) };
}

// columns: [{label, width (CSS grid track), cell(event) -> text, className?}]
export function createVirtualTable({ columns, rowHeight = 32, height = 480, empty = 'No events' }) {
  const tracks = columns.map((c) => c.width ?? '1fr').join(' ');
  const root = document.createElement('div');
  root.className = 'vt';
  root.setAttribute('role', 'table');
  root.style.setProperty('--vt-cols', tracks);
  root.style.setProperty('--vt-row', `${rowHeight}px`);
  const head = document.createElement('div');
  head.className = 'vt-row vt-head';
  head.setAttribute('role', 'row');
  for (const c of columns) {
    const h = document.createElement('div');
    h.setAttribute('role', 'columnheader');
    h.className = (c.className ?? '').includes('right') ? 'right' : '';
    h.textContent = c.label;
    head.append(h);
  }
  const scroller = document.createElement('div');
  scroller.className = 'vt-scroll';
  scroller.style.height = `${height}px`;
  scroller.tabIndex = 0;
  const spacer = document.createElement('div');
  spacer.className = 'vt-spacer';
  scroller.append(spacer);
  const emptyNote = document.createElement('div');
  emptyNote.className = 'vt-empty muted';
  emptyNote.textContent = empty;
  root.append(head, scroller, emptyNote);

  let rows = [];
  let drawn = { start: -1, end: -1 };
  const draw = (force = false) => {
    const range = visibleRange(scroller.scrollTop, scroller.clientHeight || Math.min(height, rows.length * rowHeight), rowHeight, rows.length);
    if (!force && range.start === drawn.start && range.end === drawn.end) return;
    drawn = range;
    const nodes = [];
    for (let i = range.start; i < range.end; i++) {
      const e = rows[i];
      const row = document.createElement('div');
      row.className = 'vt-row';
      row.setAttribute('role', 'row');
      row.setAttribute('aria-rowindex', String(i + 2));
      row.style.transform = `translateY(${i * rowHeight}px)`;
      for (const c of columns) {
        const cell = document.createElement('div');
        cell.setAttribute('role', 'cell');
        cell.className = c.className ?? '';
        const text = c.cell(e);
        cell.textContent = text ?? '';
        if (text) cell.title = text;
        row.append(cell);
      }
      nodes.push(row);
    }
    spacer.replaceChildren(...nodes);
  };
  scroller.addEventListener('scroll', () => draw());
  return {
    element: root,
    setRows(next) {
      rows = next;
      root.setAttribute('aria-rowcount', String(rows.length + 1));
      spacer.style.height = `${rows.length * rowHeight}px`;
      scroller.style.height = `${Math.min(height, rows.length * rowHeight)}px`;
      emptyNote.hidden = rows.length > 0;
      if (scroller.scrollTop > rows.length * rowHeight) scroller.scrollTop = 0;
      draw(true);
    },
    redraw: () => draw(true),
    get rowCount() { return rows.length; },
  };
}
