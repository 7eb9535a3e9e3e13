// New household (#/households/new, issue #14): household number, category, origin village
// (grouped by township), site, housing unit (the site's vacant ones), grid (the site's),
// move-in date, the convention, and the head's particulars; POST /api/v1/households with the
// head as its one member. The server's per-field errors ("members[0].resident_id") are shown
// beside their inputs; on success the household's page opens.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t, tEnum } from '../../i18n.js';
import { listAll, sites } from '../../lookups.js';
import { go, href } from '../../router.js';
import { showToast } from '../../toast.js';
import { ActionForm, DATE_RANGE, NEW_PERSON_FIELDS, TODAY_CHINA, selectOf, valuesOf } from './register.js';

const HEAD_FIELDS = [
  ...NEW_PERSON_FIELDS.filter((f) => f.name !== 'relationship').map((f) => (f.name === 'resident_id' ? { ...f, required: true } : f)),
  { name: 'employment_kind', label: 'person.employment_kind', type: 'enum', kind: 'employment_kind' },
  { name: 'employer', label: 'person.employer' },
];

/** Renders the new-household form. */
export async function render(view) {
  delete view.dataset.ready;
  const [siteList, villages] = await Promise.all([sites(), listAll('origin-villages')]);
  const form = new ActionForm('household-new');
  // Origin villages grouped by township, in the server's order.
  const byTownship = new Map();
  for (const v of villages) {
    if (!byTownship.has(v.township_name)) byTownship.set(v.township_name, []);
    byTownship.get(v.township_name).push(v);
  }
  const villageSel = h('select', {}, h('option', { value: '', text: '—' }),
    [...byTownship].map(([township, list]) => h('optgroup', { label: township || '—' },
      list.map((v) => h('option', { value: String(v.id), text: `${v.name} (${tEnum('relocation_type', v.relocation_type)})` })))));
  const siteSel = selectOf(siteList.map((s) => [s.id, s.name]), '—');
  const unitSel = selectOf([], t('register.no_unit_yet'));
  const gridSel = selectOf([], '—');
  siteSel.addEventListener('change', async () => {
    unitSel.replaceChildren(h('option', { value: '', text: t('register.no_unit_yet') }));
    gridSel.replaceChildren(h('option', { value: '', text: '—' }));
    if (!siteSel.value) return;
    const [units, site] = await Promise.all([
      listAll('housing-units', { site_id: siteSel.value, vacant: 'true' }),
      api('GET', `sites/${encodeURIComponent(siteSel.value)}`).then(({ data }) => data)]);
    unitSel.append(...units.map((u) => h('option', { value: String(u.id),
      text: t('housing.address_value', { building: u.building, entrance: u.entrance, room: u.room }) })));
    gridSel.append(...(site.grids || []).map((g) => h('option', { value: String(g.id), text: g.name })));
    view.dataset.siteLoaded = siteSel.value;
  });
  const num = (name) => { const v = form.value(name); return v === null || v === '' ? null : Number(v); };

  replace(view,
    h('div', { class: 'page-head' },
      h('h1', { text: t('register.new_household_title') }),
      h('a', { class: 'button', href: href('households'), text: t('household.back') })),
    h('section', { class: 'panel' },
      form.form([
        h('h2', { text: t('household.section_household') }),
        h('div', { class: 'form-grid' },
          form.row({ name: 'household_no', label: 'household.no', required: true, attrs: { autocomplete: 'off' } }),
          form.row({ name: 'category', label: 'household.category', type: 'enum', kind: 'category', required: true }),
          form.row({ name: 'origin_village_id', label: 'household.origin', required: true, control: villageSel }),
          form.row({ name: 'site_id', label: 'household.site', required: true, control: siteSel }),
          form.row({ name: 'housing_unit_id', label: 'housing.address', control: unitSel }),
          form.row({ name: 'grid_id', label: 'register.grid', control: gridSel }),
          form.row({ name: 'move_in_date', label: 'household.move_in_date', type: 'date', required: true, attrs: DATE_RANGE }, TODAY_CHINA),
          form.row({ name: 'convention_signed', label: 'household.convention_signed', type: 'bool' }, false)),
        h('h2', { text: t('register.head_particulars') }),
        h('div', { class: 'form-grid' }, HEAD_FIELDS.map((f) => form.row(f, null))),
      ], {
        submitLabel: 'register.save_household',
        onCancel: () => go('households'),
        onSubmit: async () => {
          const head = { ...valuesOf(form, HEAD_FIELDS), relationship: 'head' };
          const body = {
            household_no: form.value('household_no'), category: form.value('category'),
            origin_village_id: num('origin_village_id'), site_id: num('site_id'),
            housing_unit_id: num('housing_unit_id'), grid_id: num('grid_id'),
            move_in_date: form.value('move_in_date'), convention_signed: form.value('convention_signed'),
            members: [head],
          };
          const { data } = await api('POST', 'households', { body });
          showToast('register.household_saved', { no: data.household_no });
          go('household', { id: data.id });
        },
      })));
  view.dataset.ready = 'household-new';
}
