// A new data call (POST /api/v1/data-calls), county clerks: title, instructions, due date, the
// column editor (key, Chinese and English label, type, required, choices of an enum column) and
// the recipients (every township, or chosen townships and sites). Every fault the server finds
// is listed at once.
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t, tEnum } from '../../i18n.js';
import { sites, townships } from '../../lookups.js';
import { go, href } from '../../router.js';
import { errorList } from './common.js';

const TYPES = ['text', 'integer', 'decimal', 'date', 'enum'];

function columnRow(col, onRemove) {
  const values = h('input', { type: 'text', class: 'dc-col-values', value: (col.values || []).join(t('dc.list_sep')),
                              placeholder: t('dc.values_hint'), hidden: col.type !== 'enum' });
  const type = h('select', { class: 'dc-col-type', on: { change: () => { values.hidden = type.value !== 'enum'; } } },
    TYPES.map((x) => h('option', { value: x, selected: x === col.type, text: tEnum('dc_type', x) })));
  return h('tr', { class: 'dc-col' },
    h('td', { 'data-label': t('dc.col_key') }, h('input', { type: 'text', class: 'dc-col-key', value: col.key || '', placeholder: 'households' })),
    h('td', { 'data-label': t('dc.col_label_zh') }, h('input', { type: 'text', class: 'dc-col-zh', value: col.label_zh || '' })),
    h('td', { 'data-label': t('dc.col_label_en') }, h('input', { type: 'text', class: 'dc-col-en', value: col.label_en || '' })),
    h('td', { 'data-label': t('dc.col_type') }, type, values),
    h('td', { 'data-label': t('dc.col_required') }, h('input', { type: 'checkbox', class: 'dc-col-req', checked: Boolean(col.required) })),
    h('td', {}, h('button', { type: 'button', class: 'button', text: t('dc.remove'), on: { click: onRemove } })));
}

function readColumns(tbody) {
  return [...tbody.querySelectorAll('tr.dc-col')].map((tr) => {
    const type = tr.querySelector('.dc-col-type').value;
    const col = {
      key: tr.querySelector('.dc-col-key').value.trim(),
      label_zh: tr.querySelector('.dc-col-zh').value.trim(),
      label_en: tr.querySelector('.dc-col-en').value.trim(),
      type,
      required: tr.querySelector('.dc-col-req').checked,
    };
    if (type === 'enum') col.values = tr.querySelector('.dc-col-values').value.split(/[\u3001,\uff0c;\uff1b\n]/).map((v) => v.trim()).filter(Boolean);
    return col;
  });
}

/** Renders the form. */
export async function render(view) {
  const [towns, siteList] = await Promise.all([townships().catch(() => []), sites().catch(() => [])]);
  const tbody = h('tbody', {});
  const addColumn = (col) => { const tr = columnRow(col, () => tr.remove()); tbody.append(tr); };
  addColumn({ type: 'text', required: true });
  const mode = h('select', { id: 'dc-recipients', on: { change: () => { chosen.hidden = mode.value !== 'chosen'; } } },
    h('option', { value: 'townships', text: t('dc.all_townships') }),
    h('option', { value: 'chosen', text: t('dc.chosen') }));
  const chosen = h('div', { class: 'dc-chosen', hidden: true },
    h('fieldset', {}, h('legend', { text: t('dc.townships') }),
      towns.map((x) => h('label', { class: 'dc-pick' }, h('input', { type: 'checkbox', class: 'dc-town', value: x.code }), ' ', x.name))),
    h('fieldset', {}, h('legend', { text: t('dc.sites') }),
      siteList.map((x) => h('label', { class: 'dc-pick' }, h('input', { type: 'checkbox', class: 'dc-site', value: String(x.id) }), ' ', x.name))));
  const errors = h('div', { id: 'dc-errors' });
  const title = h('input', { type: 'text', id: 'dc-title', required: true });
  const due = h('input', { type: 'date', id: 'dc-due', required: true });
  const instructions = h('textarea', { id: 'dc-instructions', rows: 3 });
  const form = h('form', { class: 'panel', id: 'dc-new-form', on: { submit: async (ev) => {
    ev.preventDefault();
    const body = {
      title: title.value, instructions: instructions.value, due_on: due.value,
      columns: readColumns(tbody), recipients: mode.value,
      township_codes: [...chosen.querySelectorAll('.dc-town:checked')].map((x) => x.value),
      site_ids: [...chosen.querySelectorAll('.dc-site:checked')].map((x) => Number(x.value)),
    };
    try {
      const { data } = await api('POST', 'data-calls', { body });
      go('data-call', { id: data.id });
    } catch (err) {
      replace(errors, errorList(err));
    }
  } } },
    h('label', { for: 'dc-title', text: t('dc.field_title') }), title,
    h('label', { for: 'dc-instructions', text: t('dc.field_instructions') }), instructions,
    h('label', { for: 'dc-due', text: t('dc.field_due') }), due,
    h('h2', { text: t('dc.columns') }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'dc-columns' },
      h('thead', {}, h('tr', {}, ['dc.col_key', 'dc.col_label_zh', 'dc.col_label_en', 'dc.col_type', 'dc.col_required', '']
        .map((k) => h('th', { text: k ? t(k) : '' })))), tbody)),
    h('button', { type: 'button', class: 'button', id: 'dc-add-column', text: t('dc.add_column'),
                  on: { click: () => addColumn({ type: 'text' }) } }),
    h('h2', { text: t('dc.recipients') }), mode, chosen,
    errors,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button primary', id: 'dc-send', text: t('dc.send') }),
      h('a', { class: 'button', href: href('data-calls'), text: t('dc.cancel') })));
  replace(view, h('div', { class: 'page-head' }, h('h1', { text: t('dc.new') })), form);
}
