// A park (GET /api/v1/parks/{id}): its details, the sites it serves, the jobs it gives today
// (persons in the session's scope); the edit form for county roles and township staff.
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { editForm } from '../../forms.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { PARK_FIELDS, canParks, facts, jobsTable } from './places-common.js';

/** Renders #/parks/:id. */
export async function render(view, route) {
  const { data: p, etag } = await api('GET', `parks/${route.params.id}`);
  const rerender = () => render(view, route);
  const edit = h('div', { id: 'park-edit' });
  const editButton = canParks() ? h('button', { type: 'button', id: 'park-edit-open', text: t('places.edit') }) : null;
  if (editButton) {
    editButton.addEventListener('click', () => {
      const fields = PARK_FIELDS.filter((f) => f.type !== 'site');
      const record = { ...p, area_mu: p.area_mu === null ? null : String(p.area_mu) };
      replace(edit, editForm({ id: `park-${p.id}`, fields, record, path: `parks/${p.id}`, etag,
        onSaved: rerender, onCancel: () => replace(edit), onReload: rerender }));
    });
  }
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: p.name }),
      h('p', { class: 'muted' }, h('a', { href: href('parks'), text: t('places.parks_title') }))),
    h('section', { class: 'panel' },
      facts('park-facts', [
        ['places.site', p.site_name],
        ['places.kind', tEnum('place_park_kind', p.kind)],
        ['places.area_mu', p.area_mu === null ? '' : `${fmtNumber(p.area_mu, 2)} ${t('places.mu')}`],
        ['places.head_count', p.head_count === null ? '' : fmtNumber(p.head_count)],
        ['places.operator', p.operator],
        ['places.operator_kind', p.operator_kind ? tEnum('operator_kind', p.operator_kind) : ''],
        ['places.status', tEnum('place_park_status', p.status)],
        ['places.built_on', p.built_on],
        ['places.planned_on', p.planned_on],
        ['places.note', p.note],
      ]), editButton, edit),
    h('section', { class: 'panel' }, h('h2', { text: t('places.served_sites') }),
      p.served_sites.length ? h('ul', { id: 'park-served' }, p.served_sites.map((s) => h('li', { text: s.name })))
        : h('p', { class: 'muted', id: 'park-served', text: t('places.served_none') })),
    h('section', { class: 'panel' }, h('h2', { text: t('places.jobs_on', { n: fmtNumber(p.jobs), date: p.as_of }) }),
      jobsTable('park-jobs', p.job_list)));
  view.dataset.ready = 'park';
}
