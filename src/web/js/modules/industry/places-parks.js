// Park list (GET /api/v1/parks): name, site, kind, area (mu), operator, built/planned, jobs today;
// the add form for county roles and township staff.
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { go, href } from '../../router.js';
import { PARK_FIELDS, canParks, createForm } from './places-common.js';

/** Renders #/parks. */
export async function render(view) {
  const list = (await api('GET', 'parks')).data.items;
  const cols = ['places.name', 'places.site', 'places.kind', 'places.area_mu', 'places.operator', 'places.status', 'places.jobs'];
  const table = h('div', { class: 'table-wrap panel' }, h('table', { class: 'data responsive', id: 'parks-list' },
    h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, list.length ? list.map((p) => h('tr', {},
      h('td', { dataset: { label: t('places.name') } }, h('a', { href: href('park', { id: p.id }), text: p.name })),
      h('td', { dataset: { label: t('places.site') }, text: p.site_name }),
      h('td', { dataset: { label: t('places.kind') }, text: tEnum('place_park_kind', p.kind) }),
      h('td', { class: 'num', dataset: { label: t('places.area_mu') }, text: p.area_mu === null ? (p.head_count ? t('places.head', { n: fmtNumber(p.head_count) }) : '—') : fmtNumber(p.area_mu, 2) }),
      h('td', { dataset: { label: t('places.operator') }, text: p.operator || (p.operator_kind ? tEnum('operator_kind', p.operator_kind) : '—') }),
      h('td', { dataset: { label: t('places.status') }, text: p.status === 'planned' ? t('places.planned_for', { date: p.planned_on || '—' }) : t('places.built_in', { date: p.built_on || '—' }) }),
      h('td', { class: 'num', dataset: { label: t('places.jobs') }, text: fmtNumber(p.jobs) })))
      : [h('tr', {}, h('td', { colspan: String(cols.length), class: 'muted', text: t('places.no_parks') }))])));
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('places.parks_title') }),
      h('p', { class: 'muted' }, h('a', { href: href('workshops'), text: t('places.workshops_title') }))),
    table,
    canParks() ? await createForm('park-new', 'places.add_park', PARK_FIELDS, 'parks', (p) => go('park', { id: p.id })) : null);
  view.dataset.ready = 'parks';
}
