// Connecting an exchange: a form with exactly the fields that exchange needs,
// import from a file, and the exchange's own steps for making a read-only key.
import { el } from '../shared/portfolio-view.js';
import { parseKeyFile, KeyFileError } from './key-file.js';

let selected = null;
let pendingConfirmation = null; // a key the exchange cannot vouch for, waiting for the person's word

function guide(info) {
  const steps = info.keyGuide ?? [];
  return el('aside', { class: 'guide', 'aria-label': `Making a read-only ${info.name} key` },
    el('h3', { text: `Make a read-only ${info.name} key` }),
    steps.length ? el('ol', {}, steps.map((s) => el('li', { text: s }))) : el('p', { class: 'muted', text: 'Create an API key with view/read permissions only.' }),
    el('p', { class: 'small', text: 'Restrict the key to your IP address if you have a fixed one: Keyfolio has no servers, every request comes from your own connection. If your home IP changes, a restricted key stops working until you update the allowed IP on the exchange.' }));
}

export function connectSection(ctx) {
  const exchanges = ctx.exchanges ?? [];
  const unlocked = ctx.status?.vault?.unlocked;
  selected = exchanges.find((e) => e.id === selected?.id) ?? exchanges[0] ?? null;
  const body = [];
  if (!unlocked) {
    body.push(el('p', { class: 'muted', text: ctx.status?.vault?.exists ? 'Unlock Keyfolio to connect an exchange.' : 'Set a passphrase first: keys are stored only encrypted.' }));
  }
  if (selected && unlocked) {
    const submit = async (entries, confirmedReadOnly = false) => {
      const done = [];
      for (const entry of entries) {
        try {
          const meta = await ctx.send('addKey', { ...entry, confirmedReadOnly });
          done.push(meta.label);
        } catch (err) {
          if (err.kind === 'needs_confirmation') {
            pendingConfirmation = entry;
            ctx.notify('warn', err.message);
          } else {
            ctx.notify('err', `${entry.label || entry.exchange}: ${err.message}`);
          }
          return false;
        }
      }
      pendingConfirmation = null;
      ctx.notify('ok', `Connected ${done.join(', ')}. Refreshing your portfolio…`);
      await ctx.reload();
      return true;
    };
    const fields = selected.credentialFields.map((f) => el('label', { class: 'field', for: `cred-${f.name}` },
      el('span', { text: f.label }),
      f.multiline
        ? el('textarea', { id: `cred-${f.name}`, name: f.name, rows: 5, spellcheck: 'false', autocomplete: 'off', required: f.name !== 'passphrase' })
        : el('input', { id: `cred-${f.name}`, name: f.name, type: f.name === 'apiKey' ? 'text' : 'password', spellcheck: 'false', autocomplete: 'off', required: f.name !== 'passphrase' })));
    const keyTypes = selected.keyTypes.length > 1
      ? el('label', { class: 'field', for: 'cred-keyType' }, el('span', { text: 'Key type' }),
        el('select', { id: 'cred-keyType', name: 'keyType' }, el('option', { value: '', text: 'Detect from the secret' }),
          selected.keyTypes.map((t) => el('option', { value: t, text: t.toUpperCase() }))))
      : null;
    const form = el('form', { class: 'stack', 'data-testid': 'connect-form', onsubmit: async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      const entry = {
        exchange: selected.id, label: f.get('label'),
        credentials: { apiKey: f.get('apiKey') ?? '', secret: f.get('secret') ?? '', passphrase: f.get('passphrase') ?? '', keyType: f.get('keyType') ?? '' },
      };
      form.querySelector('button[type=submit]').disabled = true;
      if (await submit([entry])) form.reset();
      else form.querySelector('button[type=submit]').disabled = false;
    } },
    el('label', { class: 'field', for: 'cred-label' }, el('span', { text: 'Label' }), el('input', { id: 'cred-label', name: 'label', placeholder: `My ${selected.name} account` })),
    fields, keyTypes,
    el('div', { class: 'row' }, el('button', { class: 'primary', type: 'submit', text: 'Check and connect' }),
      el('span', { class: 'muted small', text: 'Keyfolio asks the exchange what the key may do before storing it.' })));
    const fileInput = el('input', { type: 'file', id: 'key-file', accept: '.json,.csv,application/json,text/csv', 'aria-label': 'Import keys from a file', onchange: async (e) => {
      const file = e.target.files[0];
      if (!file) return;
      try {
        await submit(parseKeyFile(await file.text(), { defaultExchange: selected.id, fileName: file.name }));
      } catch (err) {
        ctx.notify('err', err instanceof KeyFileError ? `Key file: ${err.message}` : err.message);
      }
      e.target.value = '';
    } });
    const confirm = pendingConfirmation && pendingConfirmation.exchange === selected.id
      ? el('div', { class: 'banner warn stack', 'data-testid': 'confirm-readonly' },
        el('span', { text: `${selected.name} cannot tell Keyfolio what this key may do. Store it only if you ticked query/view permissions and nothing that trades, withdraws or transfers. It will be listed as "permissions unverified".` }),
        el('div', { class: 'row' },
          el('button', { class: 'primary', 'data-testid': 'confirm-readonly-yes', onclick: () => submit([pendingConfirmation], true), text: 'I ticked only query permissions: store it' }),
          el('button', { onclick: () => { pendingConfirmation = null; ctx.notify(null); }, text: 'Cancel' })))
      : null;
    body.push(
      el('div', { class: 'kf-tabs', role: 'tablist', 'aria-label': 'Exchange' }, exchanges.map((x) => el('button', {
        role: 'tab', 'aria-selected': String(x.id === selected.id), class: x.id === selected.id ? 'active' : '', 'data-exchange': x.id,
        onclick: () => { selected = x; pendingConfirmation = null; ctx.notify(null); }, text: x.name,
      }))),
      el('div', { class: 'connect-grid' },
        el('div', { class: 'stack' }, confirm, form,
          el('div', { class: 'row small' }, el('span', { class: 'muted', text: 'Or import from a file (JSON, or CSV with columns exchange,label,apiKey,secret):' }), fileInput)),
        guide(selected)));
  }
  return el('section', { class: 'card', id: 'connect', 'aria-labelledby': 'connect-h' }, el('h2', { id: 'connect-h', text: 'Connect an exchange' }), body);
}
