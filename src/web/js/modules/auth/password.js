// Change-password page (#/password): POST /api/v1/session/password with the current and the
// new password. Reached from the user menu, and forced after a login with a one-time password
// (the server refuses every other call until then). The server rotates the session; the new
// session replaces the stored one. Rules as the server's (auth/password.h): at least 10
// characters, not the username, not a common password, not the current one; the server's
// answer names the field when a rule is broken.

import { changePassword, localMessage, session } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { showToast } from '../../toast.js';

const MIN_CHARS = 10;  // auth/password.h kMinPasswordChars

/** Renders the form into `view`. */
export function render(view, route) {
  const s = session() || {};
  const forced = Boolean(s.must_change_password);
  const fields = {};
  const errors = {};
  const input = (name, autocomplete) => {
    fields[name] = h('input', { id: `pw-${name}`, name, type: 'password', autocomplete, required: true });
    errors[name] = h('p', { class: 'field-error', id: `pw-${name}-error`, role: 'alert', hidden: true });
    fields[name].setAttribute('aria-describedby', `pw-${name}-error`);
    return [fields[name], errors[name]];
  };
  const general = h('p', { class: 'form-error', id: 'pw-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'pw-submit', text: t('password.submit') });
  const form = h('form', { class: 'login-form panel', id: 'password-form', novalidate: true },
    h('h1', { text: t(forced ? 'password.title_forced' : 'password.title') }),
    h('p', { class: forced ? 'notice' : 'muted', id: 'pw-intro',
             text: forced ? t('password.intro_forced') : t('password.intro', { min: MIN_CHARS }) }),
    forced ? h('p', { class: 'muted', text: t('password.intro', { min: MIN_CHARS }) }) : null,
    h('label', { for: 'pw-current', text: t('password.current') }), input('current', 'current-password'),
    h('label', { for: 'pw-new', text: t('password.new') }), input('new', 'new-password'),
    h('label', { for: 'pw-repeat', text: t('password.repeat') }), input('repeat', 'new-password'),
    general, submit);

  const show = (name, text) => {
    const target = errors[name] || general;
    target.textContent = text;
    target.hidden = false;
    if (fields[name]) fields[name].setAttribute('aria-invalid', 'true');
  };
  const clear = () => {
    general.hidden = true;
    for (const k of Object.keys(fields)) {
      errors[k].hidden = true;
      fields[k].removeAttribute('aria-invalid');
    }
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear();
    const cur = fields.current.value;
    const next = fields.new.value;
    let ok = true;
    if (!cur) { show('current', t('password.required')); ok = false; }
    if ([...next].length < MIN_CHARS) { show('new', t('password.too_short', { min: MIN_CHARS })); ok = false; }
    else if (next === cur) { show('new', t('password.same_as_current')); ok = false; }
    if (fields.repeat.value !== next) { show('repeat', t('password.mismatch')); ok = false; }
    if (!ok) return;
    submit.disabled = true;
    try {
      await changePassword(cur, next);
      showToast('password.changed', undefined, 3000);
      const dest = route.query.next && !['/login', '/password'].includes(route.query.next)
        ? route.query.next : '/dashboard';
      location.hash = `#${dest.startsWith('/') ? dest : `/${dest}`}`;
    } catch (err) {
      if (err.status === 429) show('', t('login.throttled'));
      else if (err.field === 'current_password') show('current', t('password.wrong_current'));
      else if (err.field === 'new_password') show('new', localMessage(err));
      else if (err.status !== 401) show('', `${t('error.load_failed')}: ${localMessage(err)}`);
    } finally {
      submit.disabled = false;
    }
  });
  replace(view, h('div', { class: 'login-wrap' }, form));
  view.dataset.ready = 'password';
  fields.current.focus();
}
