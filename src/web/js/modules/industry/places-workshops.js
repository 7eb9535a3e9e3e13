// Workshop list (GET /api/v1/workshops): site, name, enterprise, type, opened, workers today and
// recognition (flagged when recognised with fewer workers than the setting); closed ones on
// request; the add form for industry.manage.
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { go, href } from '../../router.js';
import { WORKSHOP_FIELDS, canWorkshops, createForm, recognitionText } from './places-common.js';

/** Renders #/workshops. */
export async function render(view, route) {
  const closed = route.query && route.query.include_closed === 'true';
  const page = (await api('GET', 'workshops', { query: closed ? { include_closed: 'true' } : {} })).data;
  const cols = ['places.site', 'places.name', 'places.enterprise', 'places.type', 'places.opened_on', 'places.workers', 'places.recognition'];
  const rows = page.items.map((w) => h('tr', { class: w.recognition.below_minimum ? 'flagged' : '' },
    h('td', { dataset: { label: t('places.site') }, text: w.site_name }),
    h('td', { dataset: { label: t('places.name') } }, h('a', { href: href('workshop', { id: w.id }), text: w.name })),
    h('td', { dataset: { label: t('places.enterprise') }, text: w.enterprise || '—' }),
    h('td', { dataset: { label: t('places.type') }, text: w.type ? tEnum('workshop_type', w.type) : '—' }),
    h('td', { dataset: { label: t('places.opened_on') }, text: w.opened_on || '—' }),
    h('td', { class: 'num', dataset: { label: t('places.workers') }, text: fmtNumber(w.recognition.workers) }),
    h('td', { dataset: { label: t('places.recognition') }, text: recognitionText(w) })));
  const toggle = h('a', { id: 'workshops-closed-toggle', href: closed ? href('workshops') : href('workshops', {}, { include_closed: 'true' }),
    text: t(closed ? 'places.hide_closed' : 'places.show_closed') });
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('places.workshops_title') }),
      h('p', { class: 'muted' }, t('places.min_workers', { n: page.min_workers }), ' · ', toggle, ' · ',
        h('a', { href: href('parks'), text: t('places.parks_title') }))),
    h('div', { class: 'table-wrap panel' }, h('table', { class: 'data responsive', id: 'workshops-list' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, rows.length ? rows : [h('tr', {}, h('td', { colspan: String(cols.length), class: 'muted', text: t('places.no_workshops') }))]))),
    canWorkshops() ? await createForm('workshop-new', 'places.add_workshop', WORKSHOP_FIELDS, 'workshops', (w) => go('workshop', { id: w.id })) : null);
  view.dataset.ready = 'workshops';
}
