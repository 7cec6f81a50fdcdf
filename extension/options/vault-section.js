// Passphrase: set it the first time, unlock, lock, change it; encrypted backup export and import.
import { el } from '../shared/portfolio-view.js';
import { countOf } from '../shared/format.js';

const MIN_LENGTH = 10;

function field(id, label, attrs = {}) {
  return el('label', { class: 'field', for: id }, el('span', { text: label }), el('input', { id, name: id, ...attrs }));
}

function download(text, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = el('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function vaultSection(ctx) {
  const vault = ctx.status?.vault;
  const body = [];
  const act = (fn) => async (e) => {
    e.preventDefault();
    const form = e.target.closest('form');
    try {
      const msg = await fn(new FormData(form));
      form.reset();
      ctx.notify('ok', msg);
      await ctx.reload();
    } catch (err) {
      ctx.notify('err', err.message);
    }
  };
  if (!vault) {
    body.push(el('p', { class: 'muted', text: 'Loading…' }));
  } else if (!vault.exists) {
    body.push(
      el('p', { text: `Choose a passphrase (at least ${MIN_LENGTH} characters). It encrypts your API secrets on this computer; Keyfolio cannot recover it, so keep it somewhere safe.` }),
      el('form', { class: 'stack', 'data-testid': 'create-vault', onsubmit: act(async (f) => {
        if (f.get('new-pass') !== f.get('new-pass2')) throw new Error('The two passphrases differ.');
        await ctx.send('createVault', { passphrase: f.get('new-pass') });
        return 'Passphrase set. Keyfolio is unlocked.';
      }) },
      field('new-pass', 'Passphrase', { type: 'password', autocomplete: 'new-password', required: true, minlength: MIN_LENGTH }),
      field('new-pass2', 'Repeat passphrase', { type: 'password', autocomplete: 'new-password', required: true }),
      el('button', { class: 'primary', type: 'submit', text: 'Set passphrase' })));
  } else if (!vault.unlocked) {
    body.push(el('form', { class: 'row', 'data-testid': 'unlock-vault', onsubmit: act(async (f) => {
      await ctx.send('unlock', { passphrase: f.get('unlock-pass') });
      return 'Unlocked.';
    }) },
    field('unlock-pass', 'Passphrase', { type: 'password', autocomplete: 'current-password', required: true }),
    el('button', { class: 'primary', type: 'submit', text: 'Unlock' })));
  } else {
    body.push(
      el('div', { class: 'row' }, el('span', { class: 'badge ok', text: 'Unlocked' }),
        el('span', { class: 'muted', text: `${countOf(vault.records, 'sealed secret')}. Locks itself after ${ctx.status.settings.autoLockMinutes} minutes idle and when the browser closes.` }),
        el('span', { class: 'spacer' }),
        el('button', { 'data-testid': 'lock', onclick: async () => { await ctx.send('lock'); await ctx.reload(); }, text: 'Lock now' })),
      el('details', {}, el('summary', { text: 'Change passphrase' }),
        el('form', { class: 'stack', 'data-testid': 'change-pass', onsubmit: act(async (f) => {
          if (f.get('chg-new') !== f.get('chg-new2')) throw new Error('The two new passphrases differ.');
          await ctx.send('changePassphrase', { oldPassphrase: f.get('chg-old'), newPassphrase: f.get('chg-new') });
          return 'Passphrase changed: every secret was re-sealed.';
        }) },
        field('chg-old', 'Current passphrase', { type: 'password', autocomplete: 'current-password', required: true }),
        field('chg-new', 'New passphrase', { type: 'password', autocomplete: 'new-password', required: true, minlength: MIN_LENGTH }),
        field('chg-new2', 'Repeat new passphrase', { type: 'password', autocomplete: 'new-password', required: true }),
        el('button', { type: 'submit', text: 'Change passphrase' }))),
      el('div', { class: 'row' },
        el('button', { 'data-testid': 'export-vault', onclick: async () => {
          try {
            const file = await ctx.send('exportVault');
            download(file, `keyfolio-vault-${new Date().toISOString().slice(0, 10)}.json`);
            ctx.notify('ok', 'Encrypted backup saved. It opens only with your passphrase.');
          } catch (err) { ctx.notify('err', err.message); }
        }, text: 'Export encrypted backup' })));
  }
  if (vault && (!vault.exists || !vault.unlocked)) {
    body.push(el('details', {}, el('summary', { text: 'Restore from an encrypted backup' }),
      el('form', { class: 'stack', 'data-testid': 'import-vault', onsubmit: act(async (f) => {
        const file = f.get('backup-file');
        if (!file || !file.size) throw new Error('Choose a backup file.');
        const { imported } = await ctx.send('importVault', { file: await file.text(), passphrase: f.get('backup-pass') });
        return `Restored ${countOf(imported.length, 'sealed secret')}. Reconnect the keys' labels in the Keys section if needed.`;
      }) },
      field('backup-file', 'Backup file', { type: 'file', accept: '.json,application/json', required: true }),
      field('backup-pass', 'Passphrase of the backup', { type: 'password', autocomplete: 'off', required: true }),
      el('button', { type: 'submit', text: 'Restore' }))));
  }
  return el('section', { class: 'card', id: 'vault', 'aria-labelledby': 'vault-h' }, el('h2', { id: 'vault-h', text: 'Passphrase & backup' }), body);
}
