// Visit statistics (#/visit-stats?by=site|cadre&from=&to=): per site or per cadre, the visits,
// households visited, households in scope and those not visited in the period (a table; the
// totals row last). GET /api/v1/visits/stats computes them in the user's scope.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';
import { go, href } from '../../router.js';

export async function render(view, route) {
  delete view.dataset.ready;
  const q = route.query;
  const by = q.by === 'cadre' ? 'cadre' : 'site';
  const { data } = await api('GET', 'visits/stats', { query: { by, from: q.from, to: q.to } });
  const from = h('input', { type: 'date', id: 'stats-from', name: 'from', value: data.from });
  const to = h('input', { type: 'date', id: 'stats-to', name: 'to', value: data.to });
  const bySel = h('select', { id: 'stats-by', name: 'by' },
    [['site', t('visits.by_site')], ['cadre', t('visits.by_cadre')]].map(([b, label]) => h('option', { value: b, text: label, selected: b === by })));
  const form = h('form', { class: 'filters', id: 'stats-filters' },
    h('label', { for: 'stats-by', text: t('visits.by') }), bySel,
    h('label', { for: 'stats-from', text: t('visits.from') }), from,
    h('label', { for: 'stats-to', text: t('visits.to') }), to,
    h('button', { type: 'submit', text: t('visits.filter') }));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); go('visit-stats', {}, { by: bySel.value, from: from.value, to: to.value }); });
  const name = (r) => (by === 'cadre' ? (r.name || (r.id ? `#${r.id}` : t('visits.no_cadre'))) : r.name);
  const STATS = [['visits', t('visits.stat_visits')], ['households_visited', t('visits.stat_households_visited')],
    ['households_in_scope', t('visits.stat_households_in_scope')], ['households_not_visited', t('visits.stat_households_not_visited')]];
  const nums = (r) => STATS.map(([k, label]) => h('td', { class: 'num', dataset: { label, key: k }, text: fmtNumber(r[k]) }));
  const cols = [by === 'cadre' ? 'visits.cadre' : 'visits.site', 'visits.stat_visits', 'visits.stat_households_visited',
    'visits.stat_households_in_scope', 'visits.stat_households_not_visited'];
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('visits.stats_title') }),
      h('a', { class: 'button', href: href('visits'), text: t('visits.list_title') })),
    form,
    h('p', { class: 'muted', text: t('visits.stats_period', { from: data.from, to: data.to }) }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'visit-stats-table' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, data.items.map((r) => h('tr', { dataset: { id: r.id } }, h('td', { dataset: { label: t(cols[0]) }, text: name(r) }), nums(r))),
        h('tr', { class: 'total', id: 'visit-stats-total' }, h('th', { scope: 'row', text: t('visits.total_row') }), nums(data.total))))),
    by === 'cadre' ? h('p', { class: 'hint muted', text: t('visits.cadre_hint') }) : null);
  view.dataset.ready = 'visit-stats';
}
