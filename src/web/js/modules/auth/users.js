// Users page (#/users), county_admin only (the API answers 403 to others): every account with
// role, scope, state and throttling lock; a form to add an account with a role and the scope
// its role needs (township / site / grid, picked from the API's own lists); per account:
// change role and display name, disable/enable, reset the password, unlock. A one-time
// password (new account or reset) is shown once, in a box above the list.
//
// API: GET/POST /api/v1/users, PATCH /api/v1/users/{username},
// POST /api/v1/users/{username}/reset-password, POST /api/v1/users/{username}/unlock.

import { api, localMessage, session } from '../../api.js';
import { h, replace } from '../../dom.js';
import { currentLocale, t, tEnum } from '../../i18n.js';
import { ENUMS } from '../../enums.js';
import { showToast } from '../../toast.js';
import { listAll, sites as loadSites } from '../../lookups.js';

/** Roles an administrator can grant: the session's user_role list (all but system). */
const roles = () => ENUMS.user_role || [];
/** The scope field each role needs (auth_service.h Grant). */
const SCOPE_OF = { township_staff: 'township', site_manager: 'site', grid_worker: 'grid' };

let townshipsPromise = null;
function townships() {
  if (!townshipsPromise) {
    townshipsPromise = listAll('divisions', { level: 'township' })
      .catch((e) => { townshipsPromise = null; throw e; });
  }
  return townshipsPromise;
}
const gridsOf = async (siteId) => ((await api('GET', `sites/${siteId}`)).data.grids || []);

function option(value, text, selected) {
  const o = h('option', { value: String(value), text });
  if (selected) { o.defaultSelected = true; o.selected = true; }  // form.reset() comes back here
  return o;
}

/**
 * Role select plus the scope picker the role needs. `prefix` makes element ids unique;
 * `initial` = {role, scope} of an existing account. Returns {el, body(), focusError(field)}.
 */
function rolePicker(prefix, initial, lists) {
  const role = h('select', { id: `${prefix}-role`, name: 'role' },
    roles().map((r) => option(r, tEnum('role', r), initial && initial.role === r)));
  const township = h('select', { id: `${prefix}-township`, name: 'township_code' },
    option('', t('users.choose')),
    lists.townships.map((x) => option(x.code, x.name, initial && initial.scope.township_code === x.code)));
  const site = h('select', { id: `${prefix}-site`, name: 'site_id' },
    option('', t('users.choose')),
    lists.sites.map((x) => option(x.id, x.name, initial && initial.scope.site_id === x.id)));
  const gridSite = h('select', { id: `${prefix}-grid-site`, name: 'grid_site' },
    option('', t('users.choose')), lists.sites.map((x) => option(x.id, x.name)));
  const grid = h('select', { id: `${prefix}-grid`, name: 'grid_id' }, option('', t('users.choose_site_first')));
  // The cadre record (帮扶责任人) the account acts for: required for role cadre, optional for
  // the others (they then also see the cadre's assigned households).
  const cadre = h('select', { id: `${prefix}-cadre`, name: 'cadre_id' },
    option('', t('users.no_cadre')),
    (lists.cadres || []).map((x) => option(x.id, x.unit ? t('users.cadre_name_unit', { name: x.name, unit: x.unit }) : x.name,
      initial && initial.cadre_id === x.id)));
  const field = (id, label, el, key) => h('div', { class: 'field', dataset: { scope: key } },
    h('label', { for: id, text: label }), el,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
  const fields = {
    role: field(`${prefix}-role`, t('users.role'), role, 'role'),
    township: field(`${prefix}-township`, t('users.township'), township, 'township'),
    site: field(`${prefix}-site`, t('users.site'), site, 'site'),
    grid_site: field(`${prefix}-grid-site`, t('users.grid_site'), gridSite, 'grid'),
    grid: field(`${prefix}-grid`, t('users.grid'), grid, 'grid'),
    cadre: field(`${prefix}-cadre`, t('users.cadre'), cadre, 'cadre'),
  };
  const loadGrids = async (selectedGrid) => {
    grid.replaceChildren(option('', t(gridSite.value ? 'common.loading' : 'users.choose_site_first')));
    if (!gridSite.value) return;
    const list = await gridsOf(gridSite.value);
    grid.replaceChildren(option('', list.length ? t('users.choose') : t('users.no_grids')),
      ...list.map((g) => option(g.id, g.name, g.id === selectedGrid)));
  };
  const sync = () => {
    const need = SCOPE_OF[role.value] || '';
    fields.township.hidden = need !== 'township';
    fields.site.hidden = need !== 'site';
    fields.grid_site.hidden = need !== 'grid';
    fields.grid.hidden = need !== 'grid';
  };
  role.addEventListener('change', sync);
  gridSite.addEventListener('change', () => { loadGrids().catch(console.error); });
  sync();
  return {
    els: [fields.role, fields.township, fields.site, fields.grid_site, fields.grid, fields.cadre],
    ready: (async () => {
      // An existing grid worker: find the site of the grid (site pages list their grids).
      if (initial && initial.scope.grid_id) {
        for (const s of lists.sites) {
          const gs = await gridsOf(s.id);
          if (gs.some((g) => g.id === initial.scope.grid_id)) {
            gridSite.value = String(s.id);
            await loadGrids(initial.scope.grid_id);
            break;
          }
        }
      }
    })(),
    /** The role and its scope field for a request body. */
    body() {
      const b = { role: role.value };
      const need = SCOPE_OF[role.value];
      if (need === 'township' && township.value) b.township_code = township.value;
      if (need === 'site' && site.value) b.site_id = Number(site.value);
      if (need === 'grid' && grid.value) b.grid_id = Number(grid.value);
      b.cadre_id = cadre.value ? Number(cadre.value) : null;
      return b;
    },
  };
}

/**
 * Shows each error of an API answer beside its field (by name) or in `general`; with `err`
 * null only clears them.
 */
function showErrors(form, general, err) {
  for (const el of form.querySelectorAll('.field-error')) el.hidden = true;
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  general.hidden = true;
  if (!err) return;
  let placed = false;
  for (const d of (err.details && err.details.length ? err.details : [err])) {
    const input = d.field ? form.querySelector(`[name="${CSS.escape(d.field)}"]`) : null;
    const box = input ? form.querySelector(`#${CSS.escape(input.id)}-error`) : null;
    if (input && box) {
      input.setAttribute('aria-invalid', 'true');
      box.textContent = localMessage(d);
      box.hidden = false;
      placed = true;
    } else {
      general.textContent = localMessage(d);
      general.hidden = false;
      placed = true;
    }
  }
  if (!placed) { general.textContent = localMessage(err); general.hidden = false; }
}

function fmtTime(unix) {
  return new Intl.DateTimeFormat(currentLocale(), { hour: '2-digit', minute: '2-digit' })
    .format(new Date(unix * 1000));
}

function stateOf(u) {
  if (u.disabled) return { key: 'users.state_disabled', cls: 'state-disabled' };
  if (u.must_change_password) return { key: 'users.state_must_change', cls: 'state-pending' };
  return { key: 'users.state_active', cls: 'state-active' };
}

/** Renders the page. */
export async function render(view) {
  const me = session() || {};
  const [list, townshipList, siteList, cadreList] = await Promise.all([
    api('GET', 'users').then((r) => r.data.items), townships(), loadSites(),
    api('GET', 'cadres').then((r) => r.data.items).catch(() => [])]);
  const lists = { townships: townshipList, sites: siteList, cadres: cadreList };

  const otpBox = h('section', { class: 'panel otp-box', id: 'users-otp', role: 'status', hidden: true });
  const showOtp = (username, password) => {
    replace(otpBox,
      h('h2', { text: t('users.otp_title', { username }) }),
      h('p', { class: 'otp' }, h('code', { id: 'users-otp-value', text: password })),
      h('p', { class: 'muted', text: t('users.otp_note') }),
      h('button', { type: 'button', class: 'small', id: 'users-otp-close', text: t('users.otp_done'),
                    on: { click: () => { otpBox.hidden = true; replace(otpBox); } } }));
    otpBox.hidden = false;
    otpBox.scrollIntoView({ block: 'nearest' });
  };

  // ---- add form
  const username = h('input', { id: 'user-new-username', name: 'username', autocomplete: 'off',
                                required: true, spellcheck: 'false', autocapitalize: 'none' });
  const display = h('input', { id: 'user-new-display', name: 'display_name', autocomplete: 'off' });
  const picker = rolePicker('user-new', { role: 'county_staff', scope: {} }, lists);
  const addError = h('p', { class: 'form-error', id: 'user-new-error', role: 'alert', hidden: true });
  const addSubmit = h('button', { type: 'submit', class: 'primary', id: 'user-new-submit', text: t('users.add_submit') });
  const textField = (el, label, hint) => h('div', { class: 'field' },
    h('label', { for: el.id, text: label }), el,
    hint ? h('p', { class: 'muted hint', text: hint }) : null,
    h('p', { class: 'field-error', id: `${el.id}-error`, hidden: true }));
  const addForm = h('form', { class: 'panel', id: 'user-new-form', novalidate: true },
    h('h2', { text: t('users.add_title') }),
    h('div', { class: 'form-grid' },
      textField(username, t('users.username'), t('users.username_hint')),
      textField(display, t('users.display_name')),
      picker.els),
    addError,
    h('div', { class: 'form-actions' }, addSubmit));
  addForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { username: username.value.trim(), ...picker.body() };
    if (display.value.trim()) body.display_name = display.value.trim();
    addSubmit.disabled = true;
    try {
      const { data } = await api('POST', 'users', { body });
      showErrors(addForm, addError, null);
      addForm.reset();
      picker.els[0].querySelector('select').dispatchEvent(new Event('change'));
      await reload();
      showOtp(data.user.username, data.one_time_password);
    } catch (err) {
      if (err.status === 401) return;
      showErrors(addForm, addError, err);
    } finally {
      addSubmit.disabled = false;
    }
  });

  // ---- edit panel (role, scope, display name)
  const editPanel = h('section', { class: 'panel', id: 'user-edit', hidden: true });
  const openEditor = (u) => {
    const name = h('input', { id: 'user-edit-display', name: 'display_name', value: u.display_name || '' });
    const p = rolePicker('user-edit', u, lists);
    const error = h('p', { class: 'form-error', id: 'user-edit-error', role: 'alert', hidden: true });
    const save = h('button', { type: 'submit', class: 'primary', id: 'user-edit-save', text: t('users.save') });
    const form = h('form', { id: 'user-edit-form', novalidate: true },
      h('h2', { text: t('users.edit_title', { username: u.username }) }),
      h('p', { class: 'muted', text: t('users.edit_note') }),
      h('div', { class: 'form-grid' }, textField(name, t('users.display_name')), p.els),
      error,
      h('div', { class: 'form-actions' }, save,
        h('button', { type: 'button', text: t('users.cancel'),
                      on: { click: () => { editPanel.hidden = true; replace(editPanel); } } })));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const body = { display_name: name.value.trim(), ...p.body() };
      save.disabled = true;
      try {
        await api('PATCH', `users/${encodeURIComponent(u.username)}`, { body });
        editPanel.hidden = true;
        replace(editPanel);
        await reload();
        showToast('users.saved', { username: u.username });
      } catch (err) {
        if (err.status === 401) return;
        showErrors(form, error, err);
      } finally {
        save.disabled = false;
      }
    });
    replace(editPanel, form);
    editPanel.hidden = false;
    p.ready.catch(console.error);
    editPanel.scrollIntoView({ block: 'nearest' });
    name.focus();
  };

  // ---- list
  const status = h('p', { class: 'form-error', id: 'users-error', role: 'alert', hidden: true });
  const tbody = h('tbody');
  const cols = ['users.username', 'users.role', 'users.scope', 'users.state', 'users.locked', 'users.actions'];
  const table = h('table', { class: 'data responsive', id: 'users-table' },
    h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))), tbody);

  const act = async (fn) => {
    status.hidden = true;
    try {
      await fn();
    } catch (err) {
      if (err.status === 401) return;
      status.textContent = localMessage(err);
      status.hidden = false;
    }
  };
  const row = (u) => {
    const self = u.username === me.username;
    const st = stateOf(u);
    const locked = u.locked_until ? t('users.locked_until', { time: fmtTime(u.locked_until) })
      : (u.failed_logins ? t('users.failed_logins', { count: u.failed_logins }) : '—');
    const buttons = [
      h('button', { type: 'button', class: 'small', dataset: { action: 'edit' }, text: t('users.change_role'),
                    on: { click: () => openEditor(u) } }),
      self ? null : h('button', { type: 'button', class: 'small', dataset: { action: u.disabled ? 'enable' : 'disable' },
        text: t(u.disabled ? 'users.enable' : 'users.disable'),
        on: { click: () => act(async () => {
          if (!u.disabled && !window.confirm(t('users.confirm_disable', { username: u.username }))) return;
          await api('PATCH', `users/${encodeURIComponent(u.username)}`, { body: { disabled: !u.disabled } });
          await reload();
        }) } }),
      self ? null : h('button', { type: 'button', class: 'small', dataset: { action: 'reset' }, text: t('users.reset_password'),
        on: { click: () => act(async () => {
          if (!window.confirm(t('users.confirm_reset', { username: u.username }))) return;
          const { data } = await api('POST', `users/${encodeURIComponent(u.username)}/reset-password`);
          await reload();
          showOtp(u.username, data.one_time_password);
        }) } }),
      (u.locked_until || u.failed_logins) ? h('button', { type: 'button', class: 'small', dataset: { action: 'unlock' },
        text: t('users.unlock'),
        on: { click: () => act(async () => {
          await api('POST', `users/${encodeURIComponent(u.username)}/unlock`);
          await reload();
          showToast('users.unlocked', { username: u.username });
        }) } }) : null,
    ];
    return h('tr', { dataset: { username: u.username } },
      h('td', { dataset: { label: t('users.username') } },
        h('span', { class: 'mono', text: u.username }),
        u.display_name ? h('span', { class: 'muted', text: ` ${u.display_name}` }) : null,
        self ? h('span', { class: 'badge', text: t('users.you') }) : null),
      h('td', { dataset: { label: t('users.role') }, text: tEnum('role', u.role) }),
      h('td', { dataset: { label: t('users.scope') }, text: u.scope.level === 'county' ? t('users.scope_county') : (u.scope_label || '—') }),
      h('td', { dataset: { label: t('users.state') } }, h('span', { class: `badge ${st.cls}`, text: t(st.key) })),
      h('td', { dataset: { label: t('users.locked') }, class: u.locked_until ? 'locked' : '', text: locked }),
      h('td', { dataset: { label: t('users.actions') } }, h('div', { class: 'row-actions' }, buttons)));
  };
  const draw = (items) => { replace(tbody, items.map(row)); };
  const reload = async () => { draw((await api('GET', 'users')).data.items); };
  draw(list);

  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('users.title') })),
    otpBox, editPanel, addForm,
    h('section', { class: 'panel' }, h('h2', { text: t('users.list_title') }), status,
      h('div', { class: 'table-wrap' }, table)));
  view.dataset.ready = 'users';
}
