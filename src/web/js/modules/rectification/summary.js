// The county's 整改台账 view (GET /api/v1/findings/summary): per township its findings —
// open, overdue, signed off — with links to the lists; a township sees its own row.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';
import { href } from '../../router.js';

/** Renders the summary table. */
export async function render(view) {
  const { data } = await api('GET', 'findings/summary');
  const cols = ['rect.township', 'rect.total', 'rect.open', 'rect.overdue_count', 'rect.signed_off'];
  const num = (k, v) => h('td', { class: 'num', dataset: { label: t(k) }, text: fmtNumber(v) });
  const row = (r, label) => h('tr', {},
    h('td', { dataset: { label: t('rect.township') }, text: label }),
    num('rect.total', r.total), num('rect.open', r.open),
    h('td', { class: `num${r.overdue ? ' overdue-count' : ''}`, dataset: { label: t('rect.overdue_count') }, text: fmtNumber(r.overdue) }),
    num('rect.signed_off', r.signed_off));
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('rect.summary_title') }),
      h('a', { class: 'button', href: href('inspections'), text: t('rect.inspections') })),
    h('p', { class: 'muted', text: t('rect.summary_note') }),
    data.items.length
      ? h('div', { class: 'table-wrap panel' }, h('table', { class: 'data responsive', id: 'findings-summary' },
        h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
        h('tbody', {}, data.items.map((r) => row(r, r.township_code ? r.township_name : t('rect.county_wide')))),
        h('tfoot', {}, row(data.total, t('rect.all')))))
      : h('p', { text: t('rect.no_findings') }));
  view.dataset.ready = 'rectification';
}
