// The visit list (#/visits): visits in the user's scope, newest day first, with filters (from,
// to, site, household number via household_id from the household page's link), 50 a page
// ("more" follows next_cursor), and links to each visit and household.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';
import { go, href } from '../../router.js';
import { purposeLabel } from './common.js';

function row(v) {
  return h('tr', { dataset: { id: v.id } },
    h('td', { dataset: { label: t('visits.visited_on') } }, h('a', { href: href('visit', { id: v.id }), text: v.visited_on })),
    h('td', { dataset: { label: t('visits.household') } }, h('a', { href: href('household', { id: v.household_id }), text: v.household_no })),
    h('td', { dataset: { label: t('visits.site') }, text: v.site_name }),
    h('td', { dataset: { label: t('visits.purpose') }, text: purposeLabel(v) }),
    h('td', { dataset: { label: t('visits.visitor') }, text: v.visitor }),
    h('td', { dataset: { label: t('visits.findings') }, text: v.findings || '—' }));
}

export async function render(view, route) {
  delete view.dataset.ready;
  const q = route.query;
  const query = { from: q.from, to: q.to, site_id: q.site_id, household_id: q.household_id, limit: 50 };
  const [{ data }, sites] = await Promise.all([
    api('GET', 'visits', { query }),
    api('GET', 'sites', { query: { limit: 500 } }).then(({ data: s }) => s.items || []).catch(() => [])]);
  const tbody = h('tbody', {}, data.items.map(row));
  let cursor = data.next_cursor;
  const more = h('button', { type: 'button', id: 'visits-more', text: t('visits.more'), hidden: !cursor });
  more.addEventListener('click', async () => {
    const { data: next } = await api('GET', 'visits', { query: { ...query, cursor } });
    for (const v of next.items) tbody.append(row(v));
    cursor = next.next_cursor;
    more.hidden = !cursor;
  });
  const from = h('input', { type: 'date', id: 'visits-from', name: 'from', value: q.from || '' });
  const to = h('input', { type: 'date', id: 'visits-to', name: 'to', value: q.to || '' });
  const site = h('select', { id: 'visits-site', name: 'site_id' }, h('option', { value: '', text: t('visits.all_sites') }),
    sites.map((s) => h('option', { value: s.id, text: s.name, selected: String(s.id) === q.site_id })));
  const filters = h('form', { class: 'filters', id: 'visits-filters' },
    h('label', { for: 'visits-from', text: t('visits.from') }), from,
    h('label', { for: 'visits-to', text: t('visits.to') }), to,
    h('label', { for: 'visits-site', text: t('visits.site') }), site,
    h('button', { type: 'submit', text: t('visits.filter') }));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go('visits', {}, { from: from.value, to: to.value, site_id: site.value, household_id: q.household_id || '' });
  });
  const cols = ['visits.visited_on', 'visits.household', 'visits.site', 'visits.purpose', 'visits.visitor', 'visits.findings'];
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('visits.list_title') }),
      h('a', { class: 'button', id: 'visit-stats-link', href: href('visit-stats'), text: t('visits.stats_title') })),
    filters,
    h('p', { class: 'muted', id: 'visits-total', text: t('visits.total', { n: fmtNumber(data.total ?? data.items.length) }) }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'visits-table' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))), tbody)),
    more);
  view.dataset.ready = 'visits';
}
