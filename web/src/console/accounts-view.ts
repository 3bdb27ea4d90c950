// Administrators' page: who may edit which streets, and creating accounts.

import { createAccount, listAccounts } from '../api/console';
import { ApiError } from '../api/problem';
import type { Account, NewAccount, Street } from '../api/types';
import { fill } from '../i18n';
import { t } from '../i18n/console';
import { errorText, type ViewContext } from './context';
import { el, replace, uid } from './dom';
import { clearFieldErrors, selectField, showFieldErrors, textField } from './fields';

function accountsTable(accounts: Account[], streets: Map<string, string>): HTMLElement {
  return el(
    'table',
    {},
    el('caption', { class: 'visually-hidden' }, t().accounts_title),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...(['col_username', 'col_display_name', 'col_role', 'col_streets'] as const).map((k) =>
          el('th', { scope: 'col' }, t()[k]),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...accounts.map((a) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', 'data-label': t().col_username }, a.username),
          el('td', { 'data-label': t().col_display_name }, a.display_name),
          el('td', { 'data-label': t().col_role }, t()[a.role === 'admin' ? 'role_admin' : 'role_editor']),
          el('td', { 'data-label': t().col_streets }, a.street_codes.map((c) => streets.get(c) ?? c).join('、')),
        ),
      ),
    ),
  );
}

/** Street checkboxes grouped by district, narrowed by a filter box (343 streets is a long list). */
function streetPicker(streets: Street[]) {
  const filterId = uid('street-filter');
  const filter = el('input', { id: filterId, type: 'search' });
  const boxes: { box: HTMLInputElement; node: HTMLElement; text: string }[] = [];
  const districts = new Map<string, Street[]>();
  for (const s of streets) districts.set(s.district_name, [...(districts.get(s.district_name) ?? []), s]);
  const groups = [...districts].map(([district, list]) => {
    const items = list.map((s) => {
      const id = uid('street');
      const box = el('input', { id, type: 'checkbox', name: 'street_codes', value: s.code });
      const node = el('div', { class: 'check' }, box, el('label', { for: id }, `${s.name}（${s.code}）`));
      boxes.push({ box, node, text: `${district}${s.name}${s.code}` });
      return node;
    });
    return el('fieldset', { class: 'checks district' }, el('legend', {}, district), ...items);
  });
  filter.addEventListener('input', () => {
    const q = filter.value.trim();
    for (const b of boxes) b.node.hidden = q !== '' && !b.text.includes(q) && !b.box.checked;
    for (const g of groups) g.hidden = [...g.querySelectorAll<HTMLElement>('.check')].every((n) => n.hidden);
  });
  const field = el(
    'div',
    { class: 'field', 'data-field': 'street_codes' },
    el(
      'fieldset',
      { class: 'street-picker' },
      el('legend', {}, t().f_streets),
      el('label', { for: filterId }, t().f_streets_filter),
      filter,
      el('div', { class: 'street-list' }, ...groups),
    ),
    el('p', { class: 'field-error', id: uid('err-street_codes'), hidden: true }),
  );
  return { field, values: () => boxes.filter((b) => b.box.checked).map((b) => b.box.value) };
}

export async function accountsView(ctx: ViewContext): Promise<void> {
  if (ctx.user.role !== 'admin') {
    replace(ctx.main, el('h2', {}, t().accounts_title), el('p', { role: 'alert' }, t().admin_only));
    return;
  }
  replace(ctx.main, el('h2', {}, t().accounts_title), el('p', {}, t().loading));
  let accounts: Account[];
  let streets: Street[];
  try {
    [accounts, streets] = await Promise.all([listAccounts().then((r) => r.data), ctx.streets()]);
  } catch (error) {
    replace(ctx.main, el('h2', {}, t().accounts_title), el('p', { role: 'alert' }, errorText(error)));
    ctx.fail(error);
    return;
  }
  const names = new Map(streets.map((s) => [s.code, s.name]));
  const tableSlot = el('div', { class: 'table-wrap' }, accountsTable(accounts, names));

  const username = textField('username', t().username, '', { required: true, autocomplete: 'off' });
  const displayName = textField('display_name', t().f_display_name, '', { required: true });
  const password = textField('password', t().password, '', {
    type: 'password',
    required: true,
    autocomplete: 'new-password',
  });
  const role = selectField(
    'role',
    t().f_role,
    [
      { value: 'editor', text: t().role_editor },
      { value: 'admin', text: t().role_admin },
    ],
    'editor',
  );
  const picker = streetPicker(streets);
  const message = el('div', { class: 'form-message', role: 'alert' });
  const titleId = uid('new-account');
  const form = el(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': titleId },
    el('h3', { id: titleId }, t().new_account),
    username.field,
    displayName.field,
    password.field,
    role.field,
    picker.field,
    message,
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'primary' }, t().create_account)),
  );
  const toggleStreets = () => {
    picker.field.hidden = role.control.value === 'admin';
  };
  role.control.addEventListener('change', toggleStreets);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    message.textContent = '';
    const body: NewAccount = {
      username: username.control.value.trim(),
      display_name: displayName.control.value.trim(),
      password: password.control.value,
      role: role.control.value === 'admin' ? 'admin' : 'editor',
      street_codes: role.control.value === 'admin' ? [] : picker.values(),
    };
    const missing: { name: string; reason: string }[] = (['username', 'display_name', 'password'] as const)
      .filter((k) => body[k] === '')
      .map((name) => ({ name, reason: t().required }));
    if (body.role === 'editor' && body.street_codes.length === 0)
      missing.push({ name: 'street_codes', reason: t().required });
    if (missing.length) {
      showFieldErrors(form, missing);
      message.textContent = t().fix_fields;
      return;
    }
    try {
      const created = await createAccount(body);
      ctx.announce(fill(t().account_created, { name: created.username ?? body.username }));
      accounts = [...accounts, { ...body, ...created }];
      replace(tableSlot, accountsTable(accounts, names));
      form.reset();
      toggleStreets();
    } catch (error) {
      if (error instanceof ApiError && error.invalidParams.length) {
        const unplaced = showFieldErrors(form, error.invalidParams);
        replace(message, ...[t().fix_fields, ...unplaced].map((line) => el('p', {}, line)));
      } else {
        message.textContent = errorText(error);
        ctx.fail(error);
      }
    }
  });

  replace(ctx.main, el('h2', {}, t().accounts_title), tableSlot, form);
}
