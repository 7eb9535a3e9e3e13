// Settings of local policy (#/settings, docs/casework.md Settings): every declared setting
// (GET /api/v1/settings) with its label, default, current value, unit, source and the last
// override (who, when); the county administrator edits one (PUT /api/v1/settings/{key}
// {value, source}, audited): the server checks the value and its error is shown beside it.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { currentLang, t } from '../../i18n.js';
import { href } from '../../router.js';
import { showToast } from '../../toast.js';
import { fmtAt, label, role } from './common.js';

const UNIT_KEYS = { working_days: 'casework.unit_working_days', bytes: 'casework.unit_bytes', days: 'casework.unit_days' };

/**
 * Whether the session may change settings and the calendar: the county administrator, the
 * rule PUT /api/v1/settings/{key} checks (there is no capability for it yet).
 */
export const canEditSettings = () => role() === 'county_admin';

const defaultOf = (s) => s.default ?? '';
const overrideOf = (s) => s.override || null;
/** The declared source in the UI language: source_zh in Chinese, source (English) in English. */
const sourceOf = (s) => (currentLang() === 'zh' ? s.source_zh || s.source : s.source || s.source_zh) || '—';

function editRow(s, { done, cancel }) {
  const key = s.key;
  const id = `setting-${key.replace(/[^a-z0-9]+/gi, '-')}`;
  const value = h('input', { id: `${id}-value`, name: 'value', value: s.value ?? '', 'aria-describedby': `${id}-value-error`,
                             inputmode: s.type === 'integer' ? 'numeric' : null });
  const source = h('input', { id: `${id}-source`, name: 'source', value: (overrideOf(s) || {}).source || '' });
  const err = h('p', { class: 'field-error', id: `${id}-value-error`, hidden: true });
  const form = h('form', { class: 'edit-form setting-form', id: `${id}-form`, novalidate: true },
    h('div', { class: 'form-grid' },
      h('div', { class: 'field' }, h('label', { for: `${id}-value`, text: t('casework.setting_value') }), value, err),
      h('div', { class: 'field' }, h('label', { for: `${id}-source`, text: t('casework.setting_source_of_change') }), source)),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', id: `${id}-save`, text: t('form.save') }),
      h('button', { type: 'button', text: t('form.cancel'), on: { click: cancel } })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.hidden = true; value.removeAttribute('aria-invalid');
    try {
      await api('PUT', `settings/${encodeURIComponent(key)}`, { body: { value: value.value.trim(), source: source.value.trim() } });
      done();
    } catch (e) {
      err.textContent = e.localMessage ? e.localMessage() : String(e);
      err.hidden = false; value.setAttribute('aria-invalid', 'true'); value.focus();
    }
  });
  return form;
}

/** Renders the settings page. */
export async function render(view, route, ctx) {
  const { data } = await api('GET', 'settings');
  if (!ctx.current()) return;
  const items = Array.isArray(data) ? data : data.items || [];
  const editable = canEditSettings();
  const reload = () => render(view, route, ctx);
  const rows = items.map((s) => {
    const ov = overrideOf(s);
    const cell = h('td', { dataset: { label: t('casework.setting_value') }, class: 'setting-value' },
      h('strong', { text: s.value ?? '—' }),
      UNIT_KEYS[s.unit] ? ` ${t(UNIT_KEYS[s.unit])}` : '',
      ov ? h('span', { class: 'badge setting-changed', text: t('casework.setting_overridden') }) : null);
    const tr = h('tr', { dataset: { key: s.key } },
      // One block for the label and the key: at phone width the cell is a flex row and the
      // long key squeezed the label to one character per line.
      h('td', { dataset: { label: t('casework.setting') } }, h('div', { class: 'setting-name' },
        h('div', { text: label(s, '', s.key) }), h('div', { class: 'mono muted setting-key', text: s.key }))),
      cell,
      h('td', { dataset: { label: t('casework.setting_default') }, text: defaultOf(s) || '—' }),
      h('td', { dataset: { label: t('casework.setting_source') } },
        h('div', { class: 'setting-source', text: sourceOf(s) }),
        ov ? h('div', { class: 'muted', text: t('casework.setting_changed_by', { user: ov.set_by || '—', at: fmtAt(ov.set_at), source: ov.source || '—' }) }) : null),
      editable ? h('td', { class: 'row-actions' }, h('button', { type: 'button', class: 'small setting-edit', text: t('casework.edit'),
        on: { click: () => {
          const slot = h('td', { colspan: 5 });
          const formRow = h('tr', { class: 'setting-edit-row' }, slot);
          slot.append(editRow(s, { done: () => { showToast('casework.setting_saved'); reload(); }, cancel: () => formRow.remove() }));
          tr.after(formRow);
          slot.querySelector('input').focus();
        } } })) : null);
    return tr;
  });
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('casework.settings_title') }),
      h('a', { class: 'button', id: 'to-calendar', href: href('calendar'), text: t('casework.calendar_title') })),
    h('p', { class: 'muted', text: t('casework.settings_intro') }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'settings-table' },
      h('thead', {}, h('tr', {}, ['casework.setting', 'casework.setting_value', 'casework.setting_default', 'casework.setting_source']
        .map((k) => h('th', { scope: 'col', text: t(k) })), editable ? h('th', { scope: 'col', text: t('casework.actions') }) : null)),
      h('tbody', {}, rows))));
  view.dataset.ready = 'settings';
}
