// Edit forms bound to one record: only changed fields are sent (PATCH), with If-Match set to
// the record's ETag; a 422 puts each details[i].message next to the input named by its
// `field`; a 409 says someone else changed the record and offers to reload it.

import { api, localMessage } from './api.js';
import { h } from './dom.js';
import { ENUMS } from './enums.js';
import { t, tEnum } from './i18n.js';

/**
 * A field description: {name, label (catalogue key), type: 'text'|'tel'|'date'|'number'|'bool'|
 * 'enum', kind (ENUMS kind for 'enum'), required, attrs}.
 */
export function control(prefix, f, value) {
  const id = `${prefix}-${f.name}`;
  const common = { id, name: f.name, 'aria-describedby': `${id}-error` };
  if (f.type === 'bool') {
    return h('select', common,
      h('option', { value: 'true', text: tEnum('yes_no', 'yes'), selected: value === true }),
      h('option', { value: 'false', text: tEnum('yes_no', 'no'), selected: value !== true }));
  }
  if (f.type === 'enum') {
    // A stored value outside the list (older data, free text) is offered as it is, so that
    // saving another field never changes it.
    const known = ENUMS[f.kind];
    const extra = value !== null && value !== undefined && value !== '' && !known.includes(value) ? [value] : [];
    return h('select', common,
      f.required ? null : h('option', { value: '', text: '—' }),
      [...known, ...extra].map((v) => h('option', { value: v, text: tEnum(f.kind, v), selected: v === value })));
  }
  return h('input', { ...common, type: f.type || 'text', value: value ?? '', ...(f.attrs || {}) });
}

/** The stored value in the form's terms (booleans for 'bool', null for empty). */
function normalize(f, v) {
  if (f.type === 'bool') return v === true || v === 1 || v === '1' || v === 'true';
  if (v === undefined || v === '') return null;
  return v;
}

/** The value of a control built by control() in the field's terms (null when empty). */
export function readValue(f, el) {
  if (f.type === 'bool') return el.value === 'true';
  if (f.type === 'number') return el.value === '' ? null : Number(el.value);
  if (f.type === 'enum') return el.value === '' ? null : el.value;
  return el.value.trim() === '' ? null : el.value.trim();
}

/**
 * Builds an edit form.
 * @param {object} o
 * @param {string} o.id        form id prefix, e.g. "person-7"
 * @param {Array}  o.fields    field descriptions (see control())
 * @param {object} o.record    the current record (values)
 * @param {string} o.path      API path to PATCH, e.g. "persons/7"
 * @param {string} o.etag      the ETag from the GET of the record
 * @param {function} o.onSaved called with the saved record after a 2xx
 * @param {function} o.onCancel called when the user cancels
 * @param {function} o.onReload called when the user asks to reload after a 409
 * @returns {HTMLFormElement}
 */
export function editForm(o) {
  const inputs = {};
  const errors = {};
  const formError = h('p', { class: 'form-error', id: `${o.id}-form-error`, role: 'alert', hidden: true });
  const rows = o.fields.map((f) => {
    const el = control(o.id, f, normalize(f, o.record[f.name]));
    inputs[f.name] = el;
    errors[f.name] = h('p', { class: 'field-error', id: `${o.id}-${f.name}-error`, hidden: true });
    return h('div', { class: 'field' },
      h('label', { for: `${o.id}-${f.name}`, text: t(f.label) }), el, errors[f.name]);
  });
  const save = h('button', { type: 'submit', class: 'primary', id: `${o.id}-save`, text: t('form.save') });
  const cancel = h('button', { type: 'button', id: `${o.id}-cancel`, text: t('form.cancel') });
  const form = h('form', { class: 'edit-form', id: `${o.id}-form`, novalidate: true },
    h('div', { class: 'form-grid' }, rows), formError, h('div', { class: 'form-actions' }, save, cancel));
  let etag = o.etag;

  function clearErrors() {
    formError.hidden = true;
    formError.replaceChildren();
    for (const [name, el] of Object.entries(errors)) {
      el.hidden = true; el.textContent = '';
      inputs[name].removeAttribute('aria-invalid');
      inputs[name].closest('.field').classList.remove('invalid');
    }
  }

  function showFieldError(field, message) {
    if (errors[field]) {
      errors[field].textContent = message;
      errors[field].hidden = false;
      inputs[field].setAttribute('aria-invalid', 'true');
      inputs[field].closest('.field').classList.add('invalid');
      return true;
    }
    return false;
  }

  cancel.addEventListener('click', () => o.onCancel && o.onCancel());
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    const body = {};
    for (const f of o.fields) {
      const v = readValue(f, inputs[f.name]);
      const old = normalize(f, o.record[f.name]);
      if (v !== old) body[f.name] = v;
      if (f.required && (v === null || v === '')) showFieldError(f.name, t('form.required'));
    }
    if (form.querySelector('[aria-invalid]')) return;
    if (Object.keys(body).length === 0) {
      formError.textContent = t('form.no_changes');
      formError.hidden = false;
      return;
    }
    save.disabled = true;
    try {
      const { data, etag: newTag } = await api('PATCH', o.path, { body, ifMatch: etag });
      etag = newTag || etag;
      o.onSaved && o.onSaved(data, etag);
    } catch (err) {
      if (err.status === 422) {
        const unplaced = [];
        for (const d of err.details) {
          if (!showFieldError(d.field, localMessage(d))) unplaced.push(`${d.field ? `${d.field}: ` : ''}${localMessage(d)}`);
        }
        if (unplaced.length || err.details.length === 0) {
          formError.textContent = [err.localMessage(), ...unplaced].join(' · ');
          formError.hidden = false;
        }
        const first = form.querySelector('[aria-invalid]');
        if (first) first.focus();
      } else if (err.status === 409 || err.status === 412) {
        formError.append(t('form.conflict'), ' ',
          h('button', { type: 'button', id: `${o.id}-reload`, text: t('form.reload'),
                        on: { click: () => o.onReload && o.onReload() } }));
        formError.hidden = false;
      } else {
        formError.textContent = `${t('form.save_failed')}: ${err.localMessage ? err.localMessage() : err}`;
        formError.hidden = false;
      }
    } finally {
      save.disabled = false;
    }
  });
  return form;
}
