// Drill-down of one report figure (#/figure?key=labor.employed&as_of=2022-09-30): the records
// the figure counts, as of the same day, with their total (= the figure; for a mu figure the
// sum of the areas, for a rate its numerator). Households and persons come from their lists
// with ?figure=<key> (scope and masking of those lists apply), other records from
// GET /api/v1/figures/{key}/records. The figure declarations come from GET /api/v1/figures.
// (webmods: move to modules/reports/ with the dashboard.)

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { ENUMS } from '../../enums.js';
import { currentLang, fmtNumber, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';

function label(x) { return currentLang() === 'zh' ? x.label_zh : x.label_en; }

// The note of a small list's record starts with codes (storage ListFigureRecords: a site's
// mode; a village's relocation type; a park's status and kind; a land contract's kind and
// dates): each known code is shown by its label, other words as they are.
const NOTE_KINDS = ['site_mode', 'relocation_type', 'park_status', 'park_kind', 'land_contract_kind'];
function noteText(note) {
  if (!note) return '';
  return note.split(' ').map((w) => {
    const kind = NOTE_KINDS.find((k) => ENUMS[k] && ENUMS[k].includes(w));
    return kind ? tEnum(kind, w) : w;
  }).join(' ');
}

/** Columns and cells per list: [header key, cell(row)]. */
const COLUMNS = {
  households: [
    ['figure.col_household', (r) => h('a', { href: href('household', { id: r.id }), text: r.household_no })],
    ['figure.col_head', (r) => r.head_name || '—'],
    ['figure.col_place', (r) => r.site_name || ''],
    ['figure.col_members', (r) => fmtNumber(r.members_count)],
  ],
  persons: [
    ['figure.col_name', (r) => h('a', { href: href('household', { id: r.household_id }), text: r.name })],
    ['figure.col_resident_id', (r) => r.resident_id || ''],
    ['figure.col_sex', (r) => tEnum('sex', r.sex)],
    ['figure.col_birth_date', (r) => r.birth_date || ''],
  ],
  other: [
    ['figure.col_name', (r) => r.name],
    ['figure.col_place', (r) => r.place || ''],
    ['figure.col_note', (r) => noteText(r.note)],
    ['figure.col_value', (r) => (typeof r.mu === 'number' ? `${fmtNumber(r.mu, 2)} ${t('unit.mu')}`
      : typeof r.persons === 'number' ? `${fmtNumber(r.persons)} ${t('unit.persons')}` : '')],
  ],
};

/** Renders the page. */
export async function render(view, route, ctx) {
  const key = route.query.key || '';
  const asOf = route.query.as_of || '';
  const { data: meta } = await api('GET', 'figures');
  const f = meta.figures.find((x) => x.key === key);
  if (!f) {
    replace(view, h('p', { class: 'form-error', role: 'alert', text: t('figure.unknown', { key }) }));
    view.dataset.ready = 'figure';
    return null;
  }
  const list = f.records.list;
  const registryList = list === 'households' || list === 'persons';
  const path = registryList ? list : `figures/${encodeURIComponent(key)}/records`;
  const baseQuery = registryList ? { figure: key, as_of: asOf, limit: 100 } : { as_of: asOf, limit: 100 };
  const cols = COLUMNS[registryList ? list : 'other'];
  const body = h('tbody', {});
  const totalLine = h('p', { class: 'figure-total', id: 'figure-total' });
  const more = h('button', { type: 'button', class: 'secondary', text: t('figure.more'), hidden: true });
  let cursor = '';
  const current = ctx.current || (() => true);
  async function load() {
    const { data } = await api('GET', path, { query: { ...baseQuery, cursor } });
    if (!current()) return;
    for (const r of data.items) {
      body.append(h('tr', {}, cols.map(([k, cell]) => h('td', { dataset: { label: t(k) } }, cell(r)))));
    }
    const total = f.unit === 'mu' && typeof data.sum_mu === 'number'
      ? `${fmtNumber(data.sum_mu, 2)} ${t('unit.mu')}` : fmtNumber(data.total ?? 0);
    totalLine.dataset.total = String(f.unit === 'mu' ? (data.sum_mu ?? 0) : (data.total ?? 0));
    totalLine.textContent = t('figure.total', { n: total, records: fmtNumber(data.total ?? 0) });
    cursor = data.next_cursor || '';
    more.hidden = !cursor;
  }
  more.addEventListener('click', () => { load().catch((e) => console.error(e)); });
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: label(f) })),
    h('p', { class: 'muted', text: t('figure.as_of', { date: asOf || '—' }) }),
    h('p', { class: 'muted', text: `${t('figure.how')}: ${currentLang() === 'zh' && f.how_zh ? f.how_zh : f.how}` }),
    totalLine,
    h('div', { class: 'table-wrap panel' },
      h('table', { class: 'data responsive', id: 'figure-records' },
        h('thead', {}, h('tr', {}, cols.map(([k]) => h('th', { scope: 'col', text: t(k) })))),
        body)),
    more,
    h('p', {}, h('a', { href: href('dashboard', {}, { as_of: asOf }), text: t('figure.back') })));
  await load();
  view.dataset.ready = 'figure';
  return null;
}
