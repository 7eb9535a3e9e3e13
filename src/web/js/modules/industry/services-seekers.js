// #/job-seekers: persons registered as seeking work today in scope, with the services given to
// each ("1 introduction, 3 job offers, 1 training offer").
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { listAll } from '../../lookups.js';
import { href } from '../../router.js';
import { tally } from './services-common.js';

export async function render(view) {
  delete view.dataset.ready;
  const data = { items: await listAll('job-seekers') };  // every page (limit/cursor)
  const cols = ['zero.member', 'zero.household', 'zero.site', 'zero.age', 'services.registered_on', 'services.given'];
  replace(view, h('div', { class: 'page-head' }, h('h1', { text: t('services.seekers') })),
    data.items.length === 0 ? h('p', { text: t('services.no_seekers') })
      : h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'seekers-table' },
        h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
        h('tbody', {}, data.items.map((s) => h('tr', { dataset: { id: s.id } },
          h('td', { dataset: { label: t('zero.member') }, text: s.name }),
          h('td', { dataset: { label: t('zero.household') } },
            h('a', { href: href('zero-employment-household', { id: s.household_id }), text: s.household_no })),
          h('td', { dataset: { label: t('zero.site') }, text: s.site_name }),
          h('td', { dataset: { label: t('zero.age') }, text: String(s.age) }),
          h('td', { dataset: { label: t('services.registered_on') }, text: s.registered_on }),
          h('td', { dataset: { label: t('services.given') }, text: tally(s.services) })))))));
  view.dataset.ready = 'job-seekers';
}
