// Sites list (GET /api/v1/sites): every resettlement site with its mode, size class and
// figures, each linking to its site page.

import { h, replace } from '../../dom.js';
import { fmtNumber, fmtPercent, t, tEnum } from '../../i18n.js';
import { sites as loadSites } from '../../lookups.js';
import { rateValue, siteCount } from '../../report.js';
import { href } from '../../router.js';

/** Renders the sites table. */
export async function render(view) {
  const list = await loadSites();
  const cols = ['site.name', 'site.township', 'site.mode', 'site.size_class', 'site.households',
    'site.persons', 'site.employment_rate'];
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('site_list.title') })),
    h('div', { class: 'table-wrap panel' }, h('table', { class: 'data responsive', id: 'sites-list' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, list.map((s) => {
        const size = s.size_class;
        return h('tr', {},
          h('td', { dataset: { label: t('site.name') } }, h('a', { href: href('site', { id: s.id }), text: s.name })),
          h('td', { dataset: { label: t('site.township') }, text: s.township_name || s.township || '—' }),
          h('td', { dataset: { label: t('site.mode') }, text: tEnum('site_mode', s.mode) }),
          h('td', { dataset: { label: t('site.size_class') } },
            size ? h('span', { class: `badge size-${size}`, text: tEnum('size_class', size) }) : '—'),
          h('td', { class: 'num', dataset: { label: t('site.households') }, text: fmtNumber(siteCount(s, 'total', 'households')) }),
          h('td', { class: 'num', dataset: { label: t('site.persons') }, text: fmtNumber(siteCount(s, 'total', 'persons')) }),
          h('td', { class: 'num', dataset: { label: t('site.employment_rate') }, text: fmtPercent(rateValue(s.employment_rate), 1) }));
      })))));
  view.dataset.ready = 'sites';
}
