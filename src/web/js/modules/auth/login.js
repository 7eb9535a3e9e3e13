// Login page: POST /api/v1/session with {username, password}; on success goes to the page in
// ?next= (else the dashboard), or first to the change-password page when the account has a
// one-time password (must_change_password). Wrong credentials (401) and throttling (429) are shown inline.

import { login } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { go } from '../../router.js';

/** Renders the login form into `view`. */
export function render(view, route, ctx) {
  const error = h('p', { class: 'form-error', id: 'login-error', role: 'alert', hidden: true });
  const user = h('input', { id: 'login-username', name: 'username', autocomplete: 'username',
                            required: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password',
                            autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'login-submit',
                               text: t('login.submit') });
  const form = h('form', { class: 'login-form panel', id: 'login-form', novalidate: true },
    h('h1', { text: t('login.title') }),
    h('p', { class: 'muted', text: t('login.intro') }),
    h('label', { for: 'login-username', text: t('login.username') }), user,
    h('label', { for: 'login-password', text: t('login.password') }), pass,
    error, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    if (!user.value.trim() || !pass.value) {
      error.textContent = t('login.missing');
      error.hidden = false;
      return;
    }
    submit.disabled = true;
    try {
      const s = await login(user.value.trim(), pass.value);
      if (s.database) ctx.noteDatabase(s.database);
      const next = route.query.next && route.query.next !== '/login' ? route.query.next : '/dashboard';
      if (s.must_change_password) {
        go('password', {}, { next });  // a one-time password: change it first
        return;
      }
      location.hash = `#${next.startsWith('/') ? next : `/${next}`}`;
    } catch (err) {
      error.textContent = err.status === 401 ? t('login.wrong')
        : err.status === 429 ? t('login.throttled')
          : `${t('error.load_failed')}: ${err.localMessage ? err.localMessage() : err}`;
      error.hidden = false;
      pass.select();
    } finally {
      submit.disabled = false;
    }
  });
  replace(view, h('div', { class: 'login-wrap' }, form));
  user.focus();
}
