// Household and person lists with filters and search (GET /api/v1/households, /persons).
// The filter state lives in the hash (#/households?view=persons&q=zhm&site_id=3) so a list can
// be bookmarked, shared and exported: the export link asks the API for the same list as xlsx
// (/api/v1/households.xlsx or /persons.xlsx with the same filters). Paging: "load more" with
// the opaque next_cursor.

import { api, apiUrl } from '../../api.js';
import { h, replace } from '../../dom.js';
import { can } from '../../capabilities.js';
import { ENUMS } from '../../enums.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { go, href } from '../../router.js';
import { sites as loadSites, townships as loadTownships } from '../../lookups.js';

/** The filter fields the form offers (query parameter names of docs/api.md). */
export const FILTERS = ['q', 'site_id', 'grid_id', 'township', 'category', 'relocation_type', 'sex',
  'employment', 'age_min', 'age_max', 'as_of', 'able_to_work', 'wants_work'];
/**
 * The filters each list answers (src/http/query.cc): households by relocation type, persons by
 * grid, sex, employment, age and ability/will to work. A filter the list does not answer is not offered
 * (the households list says where to find the person filters) and not sent.
 */
const APPLIES = {
  households: new Set(['q', 'site_id', 'township', 'category', 'relocation_type']),
  persons: new Set(['q', 'site_id', 'grid_id', 'township', 'category', 'sex', 'employment', 'age_min',
    'age_max', 'as_of', 'able_to_work', 'wants_work']),
};
const PAGE = 50;

function select(name, labelKey, options, value) {
  const sel = h('select', { id: `f-${name}`, name },
    h('option', { value: '', text: t('filter.any') }),
    options.map(([v, text]) => h('option', { value: v, text, selected: String(v) === String(value) })));
  return h('div', { class: 'field' }, h('label', { for: `f-${name}`, text: t(labelKey) }), sel);
}

function input(name, labelKey, attrs, value, hintKey) {
  return h('div', { class: 'field' }, h('label', { for: `f-${name}`, text: t(labelKey) }),
    h('input', { id: `f-${name}`, name, value: value || '', ...attrs }),
    hintKey ? h('p', { class: 'hint muted', id: `f-${name}-hint`, text: t(hintKey) }) : null);
}

function enumOptions(kind) { return ENUMS[kind].map((v) => [v, tEnum(kind, v)]); }
const yesNo = () => [['true', tEnum('yes_no', 'yes')], ['false', tEnum('yes_no', 'no')]];

/**
 * The grids the grid filter offers: those of the chosen site (GET /api/v1/sites/{id} answers
 * its grids), or of the user's only site; [] when no one site is chosen.
 */
async function gridsFor(query, siteList) {
  const siteId = query.site_id || (siteList.length === 1 ? siteList[0].id : '');
  if (!siteId) return [];
  const { data } = await api('GET', `sites/${siteId}`);
  return data.grids || [];
}

function filterForm(query, siteList, townshipList, gridList) {
  const view = query.view === 'persons' ? 'persons' : 'households';
  const form = h('form', { class: 'filters panel', id: 'filter-form', role: 'search' },
    h('div', { class: 'search-row' },
      h('label', { class: 'visually-hidden', for: 'f-q', text: t('list.search') }),
      h('input', { id: 'f-q', name: 'q', type: 'search', value: query.q || '', 'aria-describedby': 'f-q-hint',
                   placeholder: t(view === 'persons' ? 'list.search_persons_placeholder' : 'list.search_households_placeholder') }),
      h('button', { type: 'submit', class: 'primary', id: 'f-submit', text: t('list.search') })),
    // The placeholder is short (it must fit a 375 px phone); the whole hint is shown below.
    h('p', { class: 'muted hint search-hint', id: 'f-q-hint',
             text: t(view === 'persons' ? 'list.search_persons_hint' : 'list.search_households_hint') }),
    h('details', { class: 'more-filters', open: FILTERS.slice(1).some((f) => APPLIES[view].has(f) && query[f]) },
      h('summary', { text: t('list.filters') }),
      h('div', { class: 'filter-grid' }, [
        select('site_id', 'filter.site', siteList.map((s) => [s.id, s.name]), query.site_id),
        select('township', 'filter.township', townshipList.map((d) => [d.code, d.name]), query.township),
        select('category', 'filter.category', enumOptions('category'), query.category),
        view === 'households' ? select('relocation_type', 'filter.relocation_type', enumOptions('relocation_type'), query.relocation_type) : null,
        ...(view === 'persons' ? [
          gridSelect(gridList, query.grid_id),
          select('sex', 'filter.sex', enumOptions('sex'), query.sex),
          select('employment', 'filter.employment', [...enumOptions('employment_status'),
            ...ENUMS.employment_kind.filter((k) => k !== 'none').map((k) => [k, tEnum('employment_kind', k)])], query.employment),
          input('age_min', 'filter.age_min', { type: 'number', min: 0, max: 130, inputmode: 'numeric' }, query.age_min),
          input('age_max', 'filter.age_max', { type: 'number', min: 0, max: 130, inputmode: 'numeric' }, query.age_max),
          input('as_of', 'filter.as_of', { type: 'date', 'aria-describedby': 'f-as_of-hint' }, query.as_of, 'filter.as_of_hint'),
          select('able_to_work', 'filter.able_to_work', yesNo(), query.able_to_work),
          select('wants_work', 'filter.wants_work', yesNo(), query.wants_work)] : []),
      ]),
      view === 'households' ? h('p', { class: 'muted' }, t('filter.person_filters_hint'), ' ',
        h('a', { href: href('households', {}, { ...pickApplicable(query, 'persons'), view: 'persons' }), text: t('list.tab_persons') })) : null,
      h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'primary', text: t('list.apply') }),
        h('a', { class: 'button', href: href('households', {}, { view }), text: t('list.clear') }))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = { view: view === 'persons' ? 'persons' : '' };
    for (const f of APPLIES[view]) {
      const el = form.elements.namedItem(f);
      if (el && el.value !== '') q[f] = el.value.trim();
    }
    go('households', {}, q);
  });
  return form;
}

// The grid filter; disabled (with a hint) until one site is chosen.
function gridSelect(gridList, value) {
  const field = select('grid_id', 'filter.grid', gridList.map((g) => [g.id, g.name]), value);
  if (gridList.length === 0 && !value) {
    const sel = field.querySelector('select');
    sel.disabled = true;
    sel.title = t('filter.grid_pick_site');
    sel.options[0].textContent = t('filter.grid_pick_site');
  }
  return field;
}

// List items: docs/api.md and src/http/dto.cc (HouseholdSummaryJson, PersonJson); ids and
// phones come masked.
/** The parameters of `query` that list `kind` answers. */
function pickApplicable(query, kind) {
  return Object.fromEntries(Object.entries(query).filter(([k, v]) => APPLIES[kind].has(k) && v !== ''));
}

function householdRow(hh) {
  const siteId = hh.site_id ?? (hh.site && hh.site.id);
  const siteName = hh.site_name ?? (hh.site && hh.site.name);
  return h('tr', { dataset: { id: hh.id } },
    h('td', { dataset: { label: t('household.no') } }, h('a', { href: href('household', { id: hh.id }), text: hh.household_no })),
    h('td', { dataset: { label: t('household.head') }, text: hh.head_name || '—' }),
    h('td', { dataset: { label: t('household.category') } },
      h('span', { class: `badge cat-${hh.category}`, text: tEnum('category', hh.category) })),
    h('td', { dataset: { label: t('household.site') } },
      siteId ? h('a', { href: href('site', { id: siteId }), text: siteName || `#${siteId}` }) : '—'),
    h('td', { dataset: { label: t('household.origin') }, text: hh.origin_village_name || '—' }),
    h('td', { dataset: { label: t('household.relocation_type') }, text: tEnum('relocation_type', hh.relocation_type) }),
    h('td', { class: 'num', dataset: { label: t('household.members') }, text: fmtNumber(hh.members_count) }),
    h('td', { dataset: { label: t('household.move_in_date') }, text: hh.move_in_date || '—' }));
}

function personRow(p) {
  return h('tr', { dataset: { id: p.id } },
    h('td', { dataset: { label: t('person.name') } },
      h('a', { href: href('household', { id: p.household_id }, { person: p.id }), text: p.name })),
    h('td', { class: 'mono', dataset: { label: t('person.resident_id') }, text: p.resident_id || '—' }),
    h('td', { dataset: { label: t('person.sex') }, text: tEnum('sex', p.sex) }),
    h('td', { class: 'num', dataset: { label: t('person.age') }, text: p.age ?? '—' }),
    h('td', { dataset: { label: t('person.relationship') }, text: tEnum('relationship', p.relationship) }),
    h('td', { dataset: { label: t('person.household') } },
      h('a', { href: href('household', { id: p.household_id }), text: p.household_no || t('entity.household_ref', { id: p.household_id }) })),
    h('td', { dataset: { label: t('person.able_wants') }, text: `${tEnum('yes_no', p.able_to_work ? 'yes' : 'no')} / ${tEnum('yes_no', p.wants_work ? 'yes' : 'no')}` }),
    h('td', { dataset: { label: t('person.employment_kind') }, text: tEnum('employment_kind', p.employment_kind) }),
    h('td', { class: 'mono', dataset: { label: t('person.phone') }, text: p.phone || '—' }));
}

const HOUSEHOLD_COLS = ['household.no', 'household.head', 'household.category', 'household.site',
  'household.origin', 'household.relocation_type', 'household.members', 'household.move_in_date'];
const PERSON_COLS = ['person.name', 'person.resident_id', 'person.sex', 'person.age',
  'person.relationship', 'person.household', 'person.able_wants', 'person.employment_kind', 'person.phone'];

/**
 * A list of households or persons that loads page after page (opaque cursors) into a table.
 * Used by this page and the site page. Returns the element.
 * @param {'households'|'persons'} kind
 * @param {object} filters  API query parameters
 */
export function pagedList(kind, filters) {
  const cols = kind === 'persons' ? PERSON_COLS : HOUSEHOLD_COLS;
  const tbody = h('tbody', {});
  const status = h('p', { class: 'muted list-status', id: 'list-status', role: 'status' });
  // The API's count of every matching record (all pages): "共 N 户" / "共 N 人".
  const total = h('p', { class: 'list-total', id: 'list-total' });
  const more = h('button', { type: 'button', id: 'load-more', hidden: true, text: t('list.load_more') });
  const table = h('table', { class: 'data responsive', id: `${kind}-table` },
    h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))), tbody);
  let cursor = '';
  let shown = 0;
  async function loadPage() {
    more.disabled = true;
    try {
      const { data } = await api('GET', kind, { query: { ...filters, limit: PAGE, cursor } });
      const items = data.items || [];
      for (const it of items) tbody.append(kind === 'persons' ? personRow(it) : householdRow(it));
      shown += items.length;
      if (typeof data.total === 'number') {
        total.textContent = t(kind === 'persons' ? 'list.total_persons' : 'list.total_households', { n: fmtNumber(data.total) });
        total.dataset.total = String(data.total);
      }
      cursor = data.next_cursor || '';
      more.hidden = !cursor;
      status.textContent = shown === 0 ? t('list.empty')
        : t(cursor ? 'list.shown_more' : 'list.shown_all', { n: fmtNumber(shown) });
      wrap.dataset.ready = 'true';
    } catch (err) {
      status.textContent = `${t('error.load_failed')}: ${err.localMessage ? err.localMessage() : err}`;
      status.classList.add('form-error');
      throw err;
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', () => { loadPage().catch((e) => console.error(e)); });
  const wrap = h('div', { class: 'list-block' }, total, h('div', { class: 'table-wrap' }, table), status, more);
  wrap.load = loadPage;
  return wrap;
}

/** Renders the list page. */
export async function render(view, route) {
  const query = route.query;
  const kind = query.view === 'persons' ? 'persons' : 'households';
  const [siteList, townshipList] = await Promise.all([
    loadSites().catch(() => []), loadTownships().catch(() => [])]);
  const gridList = kind === 'persons' ? await gridsFor(query, siteList).catch(() => []) : [];
  const filters = pickApplicable(query, kind);
  const list = pagedList(kind, filters);
  const exportLink = h('a', { class: 'button', id: 'export-xlsx', href: apiUrl(`${kind}.xlsx`, filters),
                              download: '', text: t('list.export') });
  const tabs = h('nav', { class: 'tabs', 'aria-label': t('list.view') },
    ['households', 'persons'].map((k) => h('a', {
      href: href('households', {}, { ...pickApplicable(query, k), view: k === 'persons' ? 'persons' : '' }),
      class: k === kind ? 'tab active' : 'tab', 'aria-current': k === kind ? 'page' : null,
      id: `tab-${k}`, text: k === 'persons' ? t('list.tab_persons') : t('list.tab_households') })));
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('list.title') }),
      h('div', { class: 'row-actions' }, can('households.create') && kind === 'households'
        ? h('a', { class: 'button', id: 'new-household', href: href('household-new'), text: t('register.new_household') }) : null, exportLink)),
    tabs, filterForm(query, siteList, townshipList, gridList), list);
  await list.load();
  view.dataset.ready = 'households';
}
