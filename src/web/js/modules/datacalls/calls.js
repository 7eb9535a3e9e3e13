// The data calls the user sees (GET /api/v1/data-calls): county users all calls with completion
// (x of n) and overdue recipients; a township or site its own calls.
import { api } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { href } from '../../router.js';

/** Renders the list. */
export async function render(view) {
  const { data } = await api('GET', 'data-calls');
  const manage = can('datacalls.manage');
  const items = data.items || [];
  replace(view,
    h('div', { class: 'page-head' },
      h('h1', { text: t('dc.title') }),
      manage ? h('a', { class: 'button primary', id: 'dc-new', href: href('data-call-new'), text: t('dc.new') }) : null),
    items.length === 0 ? h('p', { class: 'muted', text: t('dc.none') }) :
      h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'dc-list' },
        h('thead', {}, h('tr', {}, ['dc.col_title', 'dc.col_due', 'dc.col_completion', 'dc.col_overdue', 'dc.col_state']
          .map((k) => h('th', { text: t(k) })))),
        h('tbody', {}, items.map((c) => h('tr', {},
          h('td', { 'data-label': t('dc.col_title') }, h('a', { href: href('data-call', { id: c.id }), text: c.title })),
          h('td', { 'data-label': t('dc.col_due'), text: c.due_on }),
          h('td', { 'data-label': t('dc.col_completion'), class: 'num', text: t('dc.x_of_n', { x: c.submitted, n: c.recipients }) }),
          h('td', { 'data-label': t('dc.col_overdue'), class: 'num' },
            c.overdue > 0 ? h('span', { class: 'badge dc-clock dc-overdue', text: String(c.overdue) }) : '0'),
          h('td', { 'data-label': t('dc.col_state'), text: c.closed_on ? t('dc.closed') : t('dc.open') })))))));
}
