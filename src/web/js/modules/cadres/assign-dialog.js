// The assign / reassign dialog (POST /api/v1/households/{id}/cadre {cadre_id, from, reason}):
// a cadre picked from GET /api/v1/cadres, the start date (today by default) and a reason.
// Faults are shown beside their field (en/zh message of the server).

import { api, localMessage } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Renders the dialog into `container` for household `householdId`; `done()` after a success,
 * `cancel()` when closed.
 */
export async function openAssignDialog(container, householdId, { done, cancel }) {
  const cadres = (await api('GET', 'cadres')).data.items;
  const id = `cadre-assign-${householdId}`;
  const select = h('select', { id: `${id}-cadre`, name: 'cadre_id', required: true },
    h('option', { value: '', text: t('cadres.choose') }),
    cadres.map((c) => h('option', { value: String(c.id), text: c.unit ? t('cadres.name_unit', { name: c.name, unit: c.unit }) : c.name })));
  const from = h('input', { id: `${id}-from`, name: 'from', type: 'date', value: today(), max: today(), required: true });
  const reason = h('input', { id: `${id}-reason`, name: 'reason', autocomplete: 'off' });
  const error = h('p', { class: 'form-error', id: `${id}-error`, role: 'alert', hidden: true });
  const field = (el, label) => h('div', { class: 'field' }, h('label', { for: el.id, text: label }), el,
    h('p', { class: 'field-error', id: `${el.id}-error`, hidden: true }));
  const form = h('form', { class: 'panel', id, role: 'dialog', 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title`, text: t('cadres.assign_title') }),
    field(select, t('cadres.cadre')), field(from, t('cadres.from')), field(reason, t('cadres.reason')),
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: `${id}-submit`, text: t('cadres.assign_submit') }),
      h('button', { type: 'button', id: `${id}-cancel`, text: t('form.cancel'), on: { click: () => cancel() } })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const p of form.querySelectorAll('.field-error')) p.hidden = true;
    error.hidden = true;
    try {
      await api('POST', `households/${householdId}/cadre`,
        { body: { cadre_id: Number(select.value), from: from.value, reason: reason.value } });
      done();
    } catch (e) {
      const faults = e.details && e.details.length ? e.details : [e];
      let placed = false;
      for (const f of faults) {
        const el = { cadre_id: select, from, reason }[f.field];
        const box = el && document.getElementById(`${el.id}-error`);
        if (box) { box.textContent = localMessage(f); box.hidden = false; placed = true; }
      }
      if (!placed) { error.textContent = localMessage(e); error.hidden = false; }
    }
  });
  replace(container, form);
  select.focus();
}
