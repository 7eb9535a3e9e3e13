// Shared by the welfare-post pages: yuan from fen, an error shown next to its field, a labelled field.
import { localMessage } from '../../api.js';
import { h } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';

/** "500.00" from 50000 fen. */
export const yuan = (fen) => (fen == null ? '—' : fmtNumber(fen / 100, 2));

/** A labelled field: {el, field}; its error box is `${id}-error`. */
export function field(id, label, el) {
  el.id = id;
  return { el, field: h('div', { class: 'field' }, h('label', { for: id, text: t(label) }), el,
    h('p', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true })) };
}

/** Shows an API error's details next to their fields (`prefix-field-error`), the rest in `box`. */
export function showError(form, prefix, e, box) {
  for (const p of form.querySelectorAll('.field-error')) p.hidden = true;
  box.hidden = true;
  const rest = [];
  for (const d of (e.details && e.details.length ? e.details : [e])) {
    const el = d.field && form.querySelector(`#${prefix}-${d.field.replace(/[^a-z_]/g, '')}-error`);
    if (el) { el.textContent = (el.hidden ? '' : `${el.textContent} `) + localMessage(d); el.hidden = false; } else rest.push(localMessage(d));
  }
  if (rest.length) { box.textContent = rest.join(' '); box.hidden = false; }
}

/** Clears the error boxes of `form`. */
export function clearErrors(form, box) {
  for (const p of form.querySelectorAll('.field-error')) p.hidden = true;
  if (box) box.hidden = true;
}
