// #/zero-employment: households with members of labour age able and willing to work and nobody
// employed on the day (GET /api/v1/zero-employment), per site and grid, with the follow-up's state.
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';
import { go, href } from '../../router.js';
import { TODAY_CHINA, enumLabel } from './services-common.js';

function row(a) {
  const state = a.clear_reason ? t('zero.cleared_for', { reason: enumLabel('zero_clear_reason', a.clear_reason) })
    : enumLabel('zero_case_state', a.case_state);
  return h('tr', { dataset: { id: a.household_id }, class: a.open ? 'zero-open' : '' },
    h('td', { dataset: { label: t('zero.household') } },
      h('a', { href: href('zero-employment-household', { id: a.household_id }), text: a.household_no })),
    h('td', { dataset: { label: t('zero.head') }, text: a.head_name || '—' }),
    h('td', { dataset: { label: t('zero.site') }, text: `${a.site_name}${a.grid_name ? ' · ' + a.grid_name : ''}` }),
    h('td', { dataset: { label: t('zero.candidates') }, text: fmtNumber(a.candidates) }),
    h('td', { dataset: { label: t('zero.state') }, text: a.case_id || a.clear_reason ? state : t('zero.no_case') }),
    h('td', { dataset: { label: t('zero.due_on') }, text: a.due_on || '—' }));
}

// Every page of the alerts (limit/cursor); total and open are the whole list's, from the first.
async function allAlerts(query) {
  const { data } = await api('GET', 'zero-employment', { query: { ...query, limit: 500 } });
  let cursor = data.next_cursor;
  while (cursor) {
    const { data: more } = await api('GET', 'zero-employment', { query: { ...query, limit: 500, cursor } });
    data.items.push(...more.items);
    cursor = more.next_cursor;
  }
  return data;
}

export async function render(view, route) {
  delete view.dataset.ready;
  const q = route.query;
  const asOf = q.as_of || TODAY_CHINA;
  const [data, sites] = await Promise.all([
    allAlerts({ as_of: asOf, site_id: q.site_id }),
    api('GET', 'sites', { query: { limit: 500 } }).then(({ data: s }) => s.items || []).catch(() => [])]);
  const date = h('input', { type: 'date', id: 'zero-as-of', name: 'as_of', value: asOf });
  const site = h('select', { id: 'zero-site', name: 'site_id' }, h('option', { value: '', text: t('zero.all_sites') }),
    sites.map((s) => h('option', { value: s.id, text: s.name, selected: String(s.id) === q.site_id })));
  const filters = h('form', { class: 'filters', id: 'zero-filters' },
    h('label', { for: 'zero-as-of', text: t('zero.as_of') }), date,
    h('label', { for: 'zero-site', text: t('zero.site') }), site,
    h('button', { type: 'submit', text: t('zero.filter') }));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go('zero-employment', {}, { as_of: date.value, site_id: site.value });
  });
  const cols = ['zero.household', 'zero.head', 'zero.site', 'zero.candidates', 'zero.state', 'zero.due_on'];
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('zero.title') }),
      h('a', { class: 'button', id: 'zero-vacancies-link', href: href('vacancies'), text: t('services.vacancies') }),
      h('a', { class: 'button', id: 'zero-seekers-link', href: href('job-seekers'), text: t('services.seekers') })),
    h('p', { class: 'muted', text: t('zero.rule') }),
    filters,
    h('p', { id: 'zero-total', text: t('zero.total', { n: fmtNumber(data.total), open: fmtNumber(data.open) }) }),
    data.items.length === 0 ? h('p', { id: 'zero-empty', text: t('zero.empty') })
      : h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'zero-table' },
        h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
        h('tbody', {}, data.items.map(row)))));
  view.dataset.ready = 'zero-employment';
}
