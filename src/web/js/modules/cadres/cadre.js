// A cadre's page (GET /api/v1/cadres/{id}): name, unit, title, phone (masked unless the session
// may see whole ids), its households now and before (in the session's scope), each linking to
// the household page.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { href } from '../../router.js';

function householdTable(id, rows, former) {
  const cols = ['cadres.household_no', 'cadres.head', 'cadres.site', 'cadres.from'];
  if (former) cols.push('cadres.until', 'cadres.ended_reason');
  if (!rows.length) return h('p', { class: 'muted', id, text: t('cadres.no_households') });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id },
    h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, rows.map((a) => h('tr', {},
      h('td', { dataset: { label: t('cadres.household_no') } },
        h('a', { href: href('household', { id: a.household_id }), text: a.household_no })),
      h('td', { dataset: { label: t('cadres.head') }, text: a.head_name || '—' }),
      h('td', { dataset: { label: t('cadres.site') }, text: a.site_name || '—' }),
      h('td', { dataset: { label: t('cadres.from') }, text: a.from }),
      former ? h('td', { dataset: { label: t('cadres.until') }, text: a.until }) : null,
      former ? h('td', { dataset: { label: t('cadres.ended_reason') }, text: a.ended_reason || '—' }) : null)))));
}

/** Renders the cadre page. */
export async function render(view, route) {
  const c = (await api('GET', `cadres/${route.params.id}`)).data;
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: c.name }),
      h('p', { class: 'muted', text: [c.unit, c.title, c.phone].filter(Boolean).join(' · ') })),
    c.ended_on ? h('p', { class: 'muted', text: t('cadres.ended', { date: c.ended_on, reason: c.end_reason }) }) : null,
    h('section', { class: 'panel' }, h('h2', { text: t('cadres.households_now_title', { n: c.households_now.length }) }),
      householdTable('cadre-households-now', c.households_now, false)),
    h('section', { class: 'panel' }, h('h2', { text: t('cadres.households_before_title', { n: c.households_before.length }) }),
      householdTable('cadre-households-before', c.households_before, true)));
  view.dataset.ready = 'cadre';
}
