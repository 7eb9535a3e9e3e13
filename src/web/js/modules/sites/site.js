// Site page (GET /api/v1/sites/{id}): the site's figures, its buildings (housing units grouped
// by building, occupied or vacant), parks and workshops, and the list of its households.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, fmtPercent, t, tEnum } from '../../i18n.js';
import { listAll } from '../../lookups.js';
import { rateValue, siteCount } from '../../report.js';
import { pagedList } from '../registry/households.js';
import { apiUrl } from '../../api.js';
import { href } from '../../router.js';

/**
 * Buildings of the site: [{building, units, occupied, floor_area_m2}] from site.buildings, or
 * else by grouping GET /api/v1/housing-units?site_id=… (a unit is occupied when it has a
 * household_id).
 */
async function buildings(site) {
  if (Array.isArray(site.buildings)) return site.buildings;
  const units = await listAll('housing-units', { site_id: site.id });
  const by = new Map();
  for (const u of units) {
    const b = by.get(u.building) || { building: u.building, units: 0, occupied: 0, floor_area_m2: 0 };
    b.units += 1;
    if (u.household_id || u.occupied) b.occupied += 1;
    b.floor_area_m2 += typeof u.floor_area_m2 === 'number' ? u.floor_area_m2 : 0;
    by.set(u.building, b);
  }
  return [...by.values()].sort((a, b) => String(a.building).localeCompare(String(b.building), undefined, { numeric: true }));
}

function figure(labelKey, text) {
  return h('div', { class: 'card' }, h('div', { class: 'card-label', text: t(labelKey) }),
    h('div', { class: 'card-value', text }));
}

/** Renders one site. */
export async function render(view, route) {
  const { data: site } = await api('GET', `sites/${encodeURIComponent(route.params.id)}`);
  const size = site.size_class;
  const list = pagedList('households', { site_id: site.id });
  const bList = await buildings(site).catch(() => null);
  const parks = site.parks || [];
  const workshops = site.workshops || [];
  replace(view,
    h('div', { class: 'page-head' },
      h('h1', {}, site.name, ' ', size ? h('span', { class: `badge size-${size}`, text: tEnum('size_class', size) }) : null),
      h('a', { class: 'button', href: href('sites'), text: t('site.back') })),
    h('p', { class: 'muted', text: [site.township_name, tEnum('site_mode', site.mode),
      site.planned_capacity ? t('site.capacity', { n: fmtNumber(site.planned_capacity) }) : null].filter(Boolean).join(' · ') }),
    h('div', { class: 'cards', id: 'site-figures' },
      figure('site.households', fmtNumber(siteCount(site, 'total', 'households'))),
      figure('site.persons', fmtNumber(siteCount(site, 'total', 'persons'))),
      figure('site.registered_poor_persons', fmtNumber(siteCount(site, 'registered_poor', 'persons'))),
      figure('site.co_relocated_persons', fmtNumber(siteCount(site, 'co_relocated', 'persons'))),
      figure('site.working_age', fmtNumber(site.working_age)),
      figure('site.employed', fmtNumber(site.employed)),
      figure('site.employment_rate', fmtPercent(rateValue(site.employment_rate), 1))),
    h('div', { class: 'detail-grid' },
      h('section', { class: 'panel', id: 'site-buildings' },
        h('h2', { text: t('site.buildings') }),
        bList && bList.length ? [
          h('p', { class: 'muted', text: t('site.buildings_summary', {
            buildings: fmtNumber(bList.length),
            units: fmtNumber(bList.reduce((n, b) => n + b.units, 0)),
            occupied: fmtNumber(bList.reduce((n, b) => n + b.occupied, 0)) }) }),
          h('ul', { class: 'building-list' }, bList.map((b) => h('li', {
            class: b.occupied < b.units ? 'has-vacant' : null,
            title: t('site.building_title', { n: b.building, units: fmtNumber(b.units), occupied: fmtNumber(b.occupied) }) },
            h('strong', { text: t('site.building_no', { n: b.building }) }), ' ',
            h('span', { class: 'muted', text: `${fmtNumber(b.occupied)}/${fmtNumber(b.units)}` }))))]
          : h('p', { class: 'muted', text: t('site.no_buildings') })),
      h('section', { class: 'panel', id: 'site-industry' },
        h('h2', { text: t('site.industry') }),
        h('h3', { text: t('site.parks') }),
        parks.length ? h('ul', {}, parks.map((p) => h('li', { text: [p.name,
          typeof p.area_mu === 'number' ? `${fmtNumber(p.area_mu)} ${t('unit.mu')}` : null,
          p.status === 'planned' ? t('site.planned') : null].filter(Boolean).join(' · ') })))
          : h('p', { class: 'muted', text: t('site.none') }),
        // Shown only when the API sends the site's workshops (an absent list is not "none").
        Array.isArray(site.workshops) ? [h('h3', { text: t('site.workshops') }),
          workshops.length ? h('ul', {}, workshops.map((w) => h('li', { text: w.name })))
            : h('p', { class: 'muted', text: t('site.none') })] : null)),
    h('section', { class: 'panel' },
      h('div', { class: 'page-head' }, h('h2', { text: t('site.households_title') }),
        h('a', { class: 'button', href: apiUrl('households.xlsx', { site_id: site.id }), download: '', text: t('list.export') })),
      list));
  await list.load();
  view.dataset.ready = 'site';
}
