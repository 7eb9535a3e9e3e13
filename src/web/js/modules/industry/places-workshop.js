// A workshop (GET /api/v1/workshops/{id}, …/workers): its details and incentive terms, its
// recognition today, its workers today and on the first day of each of the last 12 months; the
// edit and close forms for industry.manage.
import { api, localMessage } from '../../api.js';
import { h, replace } from '../../dom.js';
import { editForm } from '../../forms.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { WORKSHOP_FIELDS, canWorkshops, facts, jobsTable, recognitionText, yuan } from './places-common.js';

function closeForm(w, etag, done) {
  const on = h('input', { id: 'workshop-close-on', name: 'closed_on', type: 'date' });
  const reason = h('input', { id: 'workshop-close-reason', name: 'reason' });
  const error = h('p', { class: 'form-error', id: 'workshop-close-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'panel', id: 'workshop-close' }, h('h2', { text: t('places.close_title') }),
    h('div', { class: 'field' }, h('label', { for: on.id, text: t('places.closed_on') }), on),
    h('p', { class: 'muted', text: t('places.closed_on_hint') }),
    h('div', { class: 'field' }, h('label', { for: reason.id, text: t('places.close_reason') }), reason), error,
    h('button', { type: 'submit', id: 'workshop-close-submit', text: t('places.close_submit') }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    try {
      await api('POST', `workshops/${w.id}/close`, { body: { closed_on: on.value, reason: reason.value.trim() }, ifMatch: etag });
      done();
    } catch (e) {
      const d = e.details && e.details.length ? e.details : [e];
      error.replaceChildren(...d.map((x) => h('span', { class: 'fault', text: localMessage(x) })));
      error.hidden = false;
    }
  });
  return form;
}

/** Renders #/workshops/:id. */
export async function render(view, route) {
  const { data: w, etag } = await api('GET', `workshops/${route.params.id}`);
  const workers = (await api('GET', `workshops/${w.id}/workers`)).data;
  const rerender = () => render(view, route);
  const edit = h('div', { id: 'workshop-edit' });
  const writable = canWorkshops();
  const editButton = writable ? h('button', { type: 'button', id: 'workshop-edit-open', text: t('places.edit') }) : null;
  if (editButton) {
    editButton.addEventListener('click', () => replace(edit, editForm({ id: `workshop-${w.id}`,
      fields: WORKSHOP_FIELDS.filter((f) => f.type !== 'site'), record: w, path: `workshops/${w.id}`, etag,
      onSaved: rerender, onCancel: () => replace(edit), onReload: rerender })));
  }
  const r = w.recognition;
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: w.name }),
      h('p', { class: 'muted' }, h('a', { href: href('workshops'), text: t('places.workshops_title') }), ' · ', w.site_name)),
    h('p', { class: r.below_minimum ? 'form-error' : 'muted', id: 'workshop-recognition', text: recognitionText(w) }),
    h('section', { class: 'panel' },
      facts('workshop-facts', [
        ['places.enterprise', w.enterprise],
        ['places.products', w.products],
        ['places.type', w.type ? tEnum('workshop_type', w.type) : ''],
        ['places.opened_on', w.opened_on],
        ['places.closed_on', w.closed_on ? `${w.closed_on} ${w.close_reason}` : ''],
        ['places.rent_free_years', w.rent_free_years],
        ['places.subsidy_yuan', yuan(w.subsidy_fen)],
        ['places.incentive_note', w.incentive_note],
        ['places.recognised_on', w.recognised_on],
        ['places.level', w.level ? tEnum('workshop_level', w.level) : ''],
      ]), editButton, edit),
    h('section', { class: 'panel' },
      h('h2', { text: t('places.workers_on', { n: fmtNumber(workers.workers), date: workers.as_of }) }),
      h('p', { class: 'muted', text: t('places.workers_rule', { min: r.min_workers }) }),
      jobsTable('workshop-workers', workers.items),
      h('h3', { text: t('places.workers_months') }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'workshop-months' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('places.month_first') }), h('th', { scope: 'col', text: t('places.workers') }))),
        h('tbody', {}, workers.months.map((m) => h('tr', {}, h('td', { text: m.on }), h('td', { class: 'num', text: fmtNumber(m.workers) }))))))),
    writable && !w.closed_on ? closeForm(w, etag, rerender) : null);
  view.dataset.ready = 'workshop';
}
