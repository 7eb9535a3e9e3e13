// Shared parts of the places pages: who may write, the field lists of the forms, a create form
// (POST, each fault next to its field), the jobs table of a park or workshop.
import { api, localMessage, session } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { control, readValue } from '../../forms.js';
import { t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { sites } from '../../lookups.js';

/** Workshops: industry.manage. Parks: also not a site manager (county roles, township staff). */
export const canWorkshops = () => can('industry.manage');
export const canParks = () => {
  const level = session()?.scope?.level;
  return can('industry.manage') && (level === 'county' || level === 'township');
};

export const PARK_FIELDS = [
  { name: 'name', label: 'places.name', required: true },
  { name: 'site_id', label: 'places.site', type: 'site', required: true },
  { name: 'kind', label: 'places.kind', type: 'enum', kind: 'place_park_kind', required: true },
  { name: 'area_mu', label: 'places.area_mu', attrs: { inputmode: 'decimal' } },
  { name: 'head_count', label: 'places.head_count', type: 'number', attrs: { min: '0' } },
  { name: 'operator', label: 'places.operator' },
  { name: 'operator_kind', label: 'places.operator_kind', type: 'enum', kind: 'operator_kind' },
  { name: 'status', label: 'places.status', type: 'enum', kind: 'place_park_status', required: true },
  { name: 'built_on', label: 'places.built_on', type: 'date' },
  { name: 'planned_on', label: 'places.planned_on', type: 'date' },
  { name: 'note', label: 'places.note' },
];

export const WORKSHOP_FIELDS = [
  { name: 'name', label: 'places.name', required: true },
  { name: 'site_id', label: 'places.site', type: 'site', required: true },
  { name: 'enterprise', label: 'places.enterprise' },
  { name: 'products', label: 'places.products' },
  { name: 'type', label: 'places.type', type: 'enum', kind: 'workshop_type' },
  { name: 'opened_on', label: 'places.opened_on', type: 'date' },
  { name: 'rent_free_years', label: 'places.rent_free_years', type: 'number', attrs: { min: '0', max: '20' } },
  { name: 'subsidy_fen', label: 'places.subsidy_fen', type: 'number', attrs: { min: '0' } },
  { name: 'incentive_note', label: 'places.incentive_note' },
  { name: 'recognised_on', label: 'places.recognised_on', type: 'date' },
  { name: 'level', label: 'places.level', type: 'enum', kind: 'workshop_level' },
];

/** A site select (the sites the session sees). */
export async function siteSelect(id, value) {
  const list = await sites();
  return h('select', { id, name: 'site_id', 'aria-describedby': `${id}-error` },
    h('option', { value: '', text: '—' }),
    list.map((s) => h('option', { value: String(s.id), text: s.name, selected: s.id === value })));
}

/** A create form posting to `path`; `after(record)` on success. */
export async function createForm(prefix, title, fields, path, after) {
  const inputs = {};
  const errors = {};
  const rows = [];
  for (const f of fields) {
    const el = f.type === 'site' ? await siteSelect(`${prefix}-${f.name}`) : control(prefix, f, null);
    inputs[f.name] = el;
    errors[f.name] = h('p', { class: 'field-error', id: `${prefix}-${f.name}-error`, hidden: true });
    rows.push(h('div', { class: 'field' }, h('label', { for: el.id, text: t(f.label) }), el, errors[f.name]));
  }
  const formError = h('p', { class: 'form-error', id: `${prefix}-error`, role: 'alert', hidden: true });
  const form = h('form', { class: 'panel', id: prefix, novalidate: true },
    h('h2', { text: t(title) }), h('div', { class: 'form-grid' }, rows), formError,
    h('button', { type: 'submit', class: 'primary', id: `${prefix}-submit`, text: t('places.add_submit') }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const p of Object.values(errors)) p.hidden = true;
    formError.hidden = true;
    const body = {};
    for (const f of fields) {
      const v = f.type === 'site' ? (inputs[f.name].value ? Number(inputs[f.name].value) : null) : readValue(f, inputs[f.name]);
      if (v !== null) body[f.name] = v;
    }
    try {
      const { data } = await api('POST', path, { body });
      after(data);
    } catch (e) {
      let placed = false;
      for (const d of (e.details && e.details.length ? e.details : [e])) {
        if (errors[d.field]) { errors[d.field].textContent = localMessage(d); errors[d.field].hidden = false; placed = true; }
      }
      if (!placed) { formError.textContent = localMessage(e); formError.hidden = false; }
    }
  });
  return form;
}

/** Jobs (or workers) current on the day: person, household, channel, since. */
export function jobsTable(id, rows) {
  if (!rows.length) return h('p', { class: 'muted', id, text: t('places.no_jobs') });
  const cols = ['places.person', 'places.household_no', 'places.household_site', 'places.channel', 'places.since'];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id },
    h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, rows.map((j) => h('tr', {},
      h('td', { dataset: { label: t('places.person') }, text: j.person_name }),
      h('td', { dataset: { label: t('places.household_no') } },
        h('a', { href: href('household', { id: j.household_id }), text: j.household_no })),
      h('td', { dataset: { label: t('places.household_site') }, text: j.site_name || '—' }),
      h('td', { dataset: { label: t('places.channel') }, text: tEnum('place_channel', j.channel) }),
      h('td', { dataset: { label: t('places.since') }, text: j.started_on }))))));
}

/** A definition list of label/value pairs. */
export function facts(id, pairs) {
  return h('dl', { class: 'facts', id }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .flatMap(([k, v]) => [h('dt', { text: t(k) }), h('dd', { text: String(v) })]));
}

/** Yuan text of fen (two decimals). */
export const yuan = (fen) => (fen === null || fen === undefined ? '' : (fen / 100).toFixed(2));

export { replace };

/** "已认定（2020-10-15）", "低于认定人数 4/5", "未认定". */
export function recognitionText(w) {
  const r = w.recognition;
  if (r.below_minimum) return t('places.below_minimum', { n: r.workers, min: r.min_workers });
  if (r.recognised) return t('places.recognised', { level: tEnum('workshop_level', w.level), date: w.recognised_on });
  return t(r.meets_minimum ? 'places.not_recognised_meets' : 'places.not_recognised');
}
