// Exports on the options page: the same files as the history page, made by the core.
import { el } from '../shared/portfolio-view.js';
import { EXPORTS, exportAndDownload } from '../shared/downloads.js';

export function exportsSection(ctx) {
  const lastYear = new Date().getUTCFullYear() - 1;
  const year = el('input', { id: 'export-year', type: 'number', min: 2009, max: 9999, step: 1, value: lastYear, 'aria-label': 'Tax year for Form 8949' });
  return el('section', { class: 'card', id: 'exports', 'aria-labelledby': 'exports-h' },
    el('h2', { id: 'exports-h', text: 'Exports' }),
    el('p', { class: 'muted small' }, 'Files are written on this computer from your stored balances and history. Sync the full history on the ',
      el('a', { href: '../history/history.html', text: 'History & reports' }), ' page first.'),
    el('div', { class: 'row', style: 'flex-wrap: wrap' },
      EXPORTS.map((x) => el('button', {
        'data-testid': `export-${x.kind}`,
        onclick: async () => {
          try {
            const { filename } = await exportAndDownload(x.kind, x.needsYear ? { taxYear: Number(year.value) } : {});
            ctx.notify('ok', `Saved ${filename} to your downloads.`);
          } catch (err) { ctx.notify('err', err.message); }
        },
        text: x.label,
      })),
      el('label', { class: 'row small', for: 'export-year' }, el('span', { class: 'muted', text: 'Form 8949 year' }), year)));
}
