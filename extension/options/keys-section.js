// The keys audit: every connected key with its permission status, IP
// restriction, age, last use and last error; rotation reminders; deletion.
import { el } from '../shared/portfolio-view.js';
import { formatAgo, formatDate, countOf } from '../shared/format.js';
import { confirmDeleteKey } from './delete-key-dialog.js';

const DAY = 86_400_000;

// After a delete, the reminder to revoke the key on the exchange stays next to
// the Keys list (the page notice is at the top, often scrolled out of view).
let revokeNote = null;

function exchangeNames(ctx, keys) {
  const names = [...new Set(keys.map((k) => ctx.exchanges?.find((x) => x.id === k.exchange)?.name ?? k.exchange))];
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
}

function permissionBadge(k) {
  if (k.disabled) return el('span', { class: 'badge err', text: `Disabled: ${k.disabledReason ?? 'unsafe'}` });
  if (!k.permissions?.verified) return el('span', { class: 'badge warn', text: 'Permissions unverified' });
  return el('span', { class: 'badge ok', text: 'Read-only (verified)' });
}

function ipText(k) {
  const ip = k.permissions?.ipRestricted;
  if (ip === true) return 'Restricted';
  if (ip === false) return 'Not restricted';
  return 'Unknown';
}

export function keysSection(ctx) {
  const keys = ctx.keys ?? [];
  const due = new Set(ctx.status?.rotationDue ?? []);
  const rotationDays = ctx.status?.settings?.rotationDays ?? 180;
  const del = (k) => async () => {
    // How much history the key fetched, for the dialog; unknown if the worker cannot tell.
    const history = await ctx.send('keyHistory', { id: k.id }).catch(() => null);
    const answer = await confirmDeleteKey({ label: k.label, exchangeName: exchangeNames(ctx, [k]), history });
    if (!answer) return;
    try {
      // One message: the worker unlists the key before removing its history, so no
      // page a running sync fetched with it can be stored after the removal.
      const { history: removed } = await ctx.send('deleteKey', { id: k.id, deleteHistory: answer.deleteHistory });
      revokeNote = `${k.label} is deleted from Keyfolio. Now delete it on ${exchangeNames(ctx, [k])} too (API management), so it cannot be used anywhere.`;
      const also = removed ? ` and ${countOf(removed.records, 'history record')}` : '';
      ctx.notify('ok', `Deleted ${k.label}${also}. Remember to delete it on the exchange too.`);
    } catch (err) {
      ctx.notify('err', err.message);
    }
    await ctx.reload();
  };
  const rows = keys.map((k) => el('tr', { 'data-key': k.id, class: due.has(k.id) ? 'due' : '' },
    el('td', {}, el('strong', { text: k.label }), el('div', { class: 'muted small', text: `${k.exchange} · ${k.apiKeyHint}` })),
    el('td', {}, permissionBadge(k), el('div', { class: 'muted small', text: k.permissionsCheckedMs ? `checked ${formatAgo(k.permissionsCheckedMs)}` : 'never checked by the exchange' })),
    el('td', { text: ipText(k) }),
    el('td', {}, el('span', { text: `${Math.floor((Date.now() - (k.createdMs ?? k.importedMs)) / DAY)} days` }),
      el('div', { class: 'muted small', text: `${k.createdMs ? 'created' : 'imported'} ${formatDate(k.createdMs ?? k.importedMs)}` }),
      due.has(k.id) ? el('div', { class: 'badge warn', 'data-testid': 'rotate-badge', text: `Rotate: older than ${rotationDays} days` }) : null),
    el('td', { text: k.lastUsedMs ? formatAgo(k.lastUsedMs) : 'never' }),
    el('td', { class: 'small', text: k.lastError ? `${k.lastError.message}` : '—' }),
    el('td', {}, el('button', { class: 'danger', onclick: del(k), 'aria-label': `Delete ${k.label}`, text: 'Delete' }))));
  const body = keys.length
    ? [el('table', { class: 'keys', 'data-testid': 'keys-table' },
      el('thead', {}, el('tr', {}, ['Key', 'Permissions', 'IP restriction', 'Age', 'Last used', 'Last error', ''].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows))]
    : [el('p', { class: 'muted', text: 'No keys connected yet.' })];
  if (revokeNote) {
    body.unshift(el('div', { class: 'banner warn row', 'data-testid': 'revoke-reminder' },
      el('span', { text: revokeNote }), el('span', { class: 'spacer' }),
      el('button', { onclick: () => { revokeNote = null; ctx.notify(null); }, text: 'Done' })));
  }
  if (due.size) {
    body.unshift(el('p', { class: 'banner warn', 'data-testid': 'rotation-help', text: `Some keys are older than ${rotationDays} days. To rotate: create a new read-only key on the exchange, import it here, then delete the old key here and on the exchange.` }));
  }
  body.push(el('div', { class: 'row' },
    el('button', { onclick: async () => {
      try {
        const r = await ctx.send('recheckPermissions');
        ctx.notify(r.locked ? 'warn' : 'ok', r.locked ? 'Unlock to re-check permissions.' : 'Permissions re-checked.');
      } catch (err) { ctx.notify('err', err.message); }
      await ctx.reload();
    }, disabled: !keys.length, text: 'Re-check permissions now' }),
    el('span', { class: 'spacer' }),
    el('button', { class: 'danger', 'data-testid': 'delete-all', disabled: !keys.length, onclick: async () => {
      if (!confirm('Delete ALL keys from Keyfolio now? Then revoke them on each exchange as well, especially if you received a suspicious email.')) return;
      await ctx.send('deleteAllKeys');
      revokeNote = `All keys are deleted from Keyfolio. Now revoke them on ${exchangeNames(ctx, keys)} too (API management), especially after a suspicious email: a copied key works until the exchange revokes it.`;
      ctx.notify('warn', 'All keys deleted from Keyfolio. Now revoke them on each exchange too.');
      await ctx.reload();
    }, text: 'Delete all keys' })));
  return el('section', { class: 'card', id: 'keys', 'aria-labelledby': 'keys-h' }, el('h2', { id: 'keys-h', text: 'Keys' }), body);
}
