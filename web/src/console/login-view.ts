// The login form. Wrong password and throttling get their own plain sentences.

import { login } from '../api/console';
import { ApiError } from '../api/problem';
import type { User } from '../api/types';
import { fill } from '../i18n';
import { t } from '../i18n/console';
import { el, replace } from './dom';
import { textField } from './fields';

/** Minutes to tell the user, from Retry-After seconds (at least 1). */
export const retryMinutes = (seconds: number | null) => Math.max(1, Math.ceil((seconds ?? 60) / 60));

export function loginView(main: HTMLElement, onLogin: (user: User) => void, notice?: string): void {
  const username = textField('username', t().username, '', { required: true, autocomplete: 'username' });
  const password = textField('password', t().password, '', {
    type: 'password',
    required: true,
    autocomplete: 'current-password',
  });
  const message = el('p', { class: 'form-message', role: 'alert' }, notice ?? '');
  const submit = el('button', { type: 'submit', class: 'primary' }, t().log_in);
  const form = el('form', { class: 'login card', novalidate: true }, username.field, password.field, submit, message);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!username.control.value.trim() || !password.control.value) {
      message.textContent = `${t().username} / ${t().password}: ${t().required}`;
      return;
    }
    submit.disabled = true;
    submit.textContent = t().logging_in;
    message.textContent = '';
    try {
      const { user } = await login(username.control.value.trim(), password.control.value);
      onLogin(user);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) message.textContent = t().wrong_password;
      else if (error instanceof ApiError && error.status === 429)
        message.textContent = fill(t().throttled, { n: retryMinutes(error.retryAfter) });
      else if (error instanceof ApiError && error.status === 0) message.textContent = t().network_error;
      else message.textContent = fill(t().error, { detail: error instanceof Error ? error.message : String(error) });
      password.control.value = '';
      password.control.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t().log_in;
    }
  });

  replace(main, el('h2', {}, t().login_title), form);
  username.control.focus();
}
