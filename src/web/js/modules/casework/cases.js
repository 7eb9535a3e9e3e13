// The case list (#/cases, county/township/site roles): GET /api/v1/cases with the filters kind,
// state, overdue=true and township (in the hash, so a list can be bookmarked), page after
// page with "load more" and the opaque next_cursor, as the household list does. The kinds and
// their states offered are the known ones (common.js); rows show the server's labels.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';
import { go, href } from '../../router.js';
import { townships as loadTownships } from '../../lookups.js';
import { ENUMS } from '../../enums.js';
import { tEnum } from '../../i18n.js';
import { KIND_STATES, clockBadge, kindLabel, knownKinds, levelLabel, stateLabel } from './common.js';

const FILTERS = ['kind', 'state', 'overdue', 'township'];
const PAGE = 50;
const COLS = ['casework.title', 'casework.kind', 'casework.subject', 'casework.state', 'casework.due',
  'casework.holder', 'casework.opened_on'];

function select(name, labelKey, options, value) {
  return h('div', { class: 'field' }, h('label', { for: `cf-${name}`, text: t(labelKey) }),
    h('select', { id: `cf-${name}`, name },
      h('option', { value: '', text: t('filter.any') }),
      options.map(([v, text]) => h('option', { value: v, text, selected: String(v) === String(value) }))));
}

function row(c) {
  return h('tr', { dataset: { id: c.id, kind: c.kind, state: c.state } },
    h('td', { dataset: { label: t('casework.title') } }, h('a', { href: href('case', { id: c.id }), text: c.title || `#${c.id}` })),
    h('td', { dataset: { label: t('casework.kind') }, text: kindLabel(c.kind, c) }),
    h('td', { dataset: { label: t('casework.subject') } }, c.household_id
      ? h('a', { href: href('household', { id: c.household_id }), text: c.household_no || t('casework.household_ref', { id: c.household_id }) })
      : '—'),
    h('td', { dataset: { label: t('casework.state') }, text: stateLabel(c.kind, c.state, c) }),
    h('td', { dataset: { label: t('casework.due') } }, clockBadge(c)),
    h('td', { dataset: { label: t('casework.holder') }, text: levelLabel(c.holder_level) }),
    h('td', { dataset: { label: t('casework.opened_on') }, text: c.opened_on || '—' }));
}

/** Renders the list page. */
export async function render(view, route, ctx) {
  const query = route.query;
  const townshipList = await loadTownships().catch(() => []);
  if (!ctx.current()) return;
  const filters = Object.fromEntries(FILTERS.filter((f) => query[f]).map((f) => [f, query[f]]));
  // States are a kind's own (the same name may read differently per kind): chosen after the kind.
  const stateKind = KIND_STATES[query.kind];
  const states = stateKind ? (ENUMS[stateKind] || []).map((v) => [v, tEnum(stateKind, v)]) : [];
  const form = h('form', { class: 'filters panel', id: 'cases-filter', role: 'search' },
    h('div', { class: 'filter-grid' },
      select('kind', 'casework.kind', knownKinds().map((k) => [k, kindLabel(k)]), query.kind),
      select('state', 'casework.state', states, query.state),
      select('township', 'filter.township', townshipList.map((d) => [d.code, d.name]), query.township),
      h('div', { class: 'field' }, h('label', { class: 'check', for: 'cf-overdue' },
        h('input', { type: 'checkbox', id: 'cf-overdue', name: 'overdue', checked: query.overdue === 'true' }),
        ' ', t('casework.overdue_only')))),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'primary', id: 'cf-apply', text: t('list.apply') }),
      h('a', { class: 'button', href: href('cases'), text: t('list.clear') })));
  const stateSel = form.querySelector('#cf-state');
  if (!stateKind) { stateSel.disabled = true; stateSel.options[0].textContent = t('casework.state_pick_kind'); }
  // A new kind re-offers its states (the filter lives in the hash).
  form.querySelector('#cf-kind').addEventListener('change', (ev) => {
    const q = { ...filters, kind: ev.target.value };
    delete q.state;
    go('cases', {}, q);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = {};
    for (const f of ['kind', 'state', 'township']) if (form.elements.namedItem(f).value) q[f] = form.elements.namedItem(f).value;
    if (form.elements.namedItem('overdue').checked) q.overdue = 'true';
    go('cases', {}, q);
  });
  const tbody = h('tbody', {});
  const status = h('p', { class: 'muted list-status', id: 'cases-status', role: 'status' });
  const total = h('p', { class: 'list-total', id: 'cases-total' });
  const more = h('button', { type: 'button', id: 'cases-more', hidden: true, text: t('list.load_more') });
  let cursor = '';
  let shown = 0;
  async function loadPage() {
    more.disabled = true;
    try {
      const { data } = await api('GET', 'cases', { query: { ...filters, limit: PAGE, cursor } });
      const items = data.items || [];
      for (const c of items) tbody.append(row(c));
      shown += items.length;
      if (typeof data.total === 'number') total.textContent = t('casework.total', { n: fmtNumber(data.total) });
      cursor = data.next_cursor || '';
      more.hidden = !cursor;
      status.textContent = shown === 0 ? t('list.empty') : t(cursor ? 'list.shown_more' : 'list.shown_all', { n: fmtNumber(shown) });
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', () => { loadPage().catch((e) => { status.textContent = e.localMessage ? e.localMessage() : String(e); }); });
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('casework.cases_title') }),
      h('a', { class: 'button', href: href('queue'), text: t('nav.queue') })),
    form,
    h('div', { class: 'list-block' }, total,
      h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'cases-table' },
        h('thead', {}, h('tr', {}, COLS.map((k) => h('th', { scope: 'col', text: t(k) })))), tbody)),
      status, more));
  await loadPage();
  view.dataset.ready = 'cases';
}
