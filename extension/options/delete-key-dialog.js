// The confirmation before one key is deleted: what goes at once (its secret), what
// the person still has to do (delete it on the exchange), and what stays unless
// they say otherwise: the history fetched with the key, which lives on in
// IndexedDB. A modal <dialog> on the page body, so a re-render of the page while
// it is open cannot remove it.
import { el } from '../shared/portfolio-view.js';
import { countOf } from '../shared/format.js';

const records = (n) => countOf(n, 'record');

// `history` is the worker's keyHistory answer (key-history.js keyHistorySummary),
// or null when it could not tell.
function historyPart(history, exchangeName) {
  if (!history) return [el('p', { text: 'Any history fetched with this key stays in Keyfolio.' })];
  const { records: own, shared, untagged, untaggedRemoved } = history;
  const notes = [];
  if (own && untagged && untaggedRemoved) {
    notes.push(`This includes ${records(untagged)} stored before Keyfolio noted which key fetched each record; no other ${exchangeName} key is connected, so they count as this key's.`);
  }
  if (shared) notes.push(`${records(shared)} also fetched with another key stay either way.`);
  if (untagged && !untaggedRemoved) {
    notes.push(`${records(untagged)} of ${exchangeName} stay either way: they were stored before Keyfolio noted which key fetched each record, and another ${exchangeName} key is connected.`);
  }
  const small = notes.map((text) => el('p', { class: 'muted small', text }));
  if (!own) {
    return [el('p', { 'data-testid': 'delete-key-history-text', text: shared || untagged ? 'No history was fetched with this key alone.' : 'No history was fetched with this key.' }), ...small];
  }
  return [
    el('p', { 'data-testid': 'delete-key-history-text', text: `The trade history fetched with this key (${records(own)}: trades, transfers, ledger entries) stays in Keyfolio after the key is deleted, for your reports and exports.` }),
    el('label', { class: 'toggle' },
      el('input', { type: 'checkbox', id: 'delete-key-history', 'data-testid': 'delete-key-history' }),
      el('span', { text: `Also delete the history fetched with this key (${records(own)})` })),
    ...small,
  ];
}

// Resolves to null when cancelled, else { deleteHistory }.
export function confirmDeleteKey({ label, exchangeName, history }) {
  return new Promise((resolve) => {
    let answer = null;
    const dialog = el('dialog', {
      class: 'kf-dialog', 'data-testid': 'delete-key-dialog', 'aria-labelledby': 'delete-key-h',
      onclose: () => { dialog.remove(); resolve(answer); },
    },
    el('h2', { id: 'delete-key-h', text: `Delete ${label}?` }),
    el('p', { text: `Its secret is erased from this browser now. Also delete the key on ${exchangeName}, so it cannot be used anywhere.` }),
    historyPart(history, exchangeName),
    el('div', { class: 'row actions' },
      // Cancel has the focus: Enter on an opened dialog must not delete anything.
      el('button', { type: 'button', autofocus: true, 'data-testid': 'delete-key-cancel', onclick: () => dialog.close(), text: 'Cancel' }),
      el('button', {
        type: 'button', class: 'danger', 'data-testid': 'delete-key-confirm',
        onclick: () => {
          answer = { deleteHistory: Boolean(dialog.querySelector('#delete-key-history')?.checked) };
          dialog.close();
        },
        text: 'Delete key',
      })));
    document.body.append(dialog);
    dialog.showModal();
  });
}
