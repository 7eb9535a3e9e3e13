// New household (#/households/new, issue #14): household number, category, origin village
// (grouped by township), site, housing unit (the site's vacant ones), grid (the site's),
// move-in date, the convention, and the head's particulars; POST /api/v1/households with the
// head as its one member. The server's per-field errors ("members[0].resident_id") are shown
// beside their inputs; on success the household's page opens.
// A county set up by `anju init` alone has no origin village: accounts that may add one
// (capability origin_villages.create) get an "add origin village" panel (POST
// /api/v1/origin-villages: a village of the division list by township, or a village merged
// away since the move by name), and an empty list shows a hint linking to the import page.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t, tEnum } from '../../i18n.js';
import { listAll, sites } from '../../lookups.js';
import { go, href } from '../../router.js';
import { showToast } from '../../toast.js';
import { can, capabilities } from '../../capabilities.js';
import { ENUMS } from '../../enums.js';
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
  const villageOption = (v) => h('option', { value: String(v.id), text: `${v.name} (${tEnum('relocation_type', v.relocation_type)})` });
  const villageSel = h('select', {}, h('option', { value: '', text: '—' }),
    [...byTownship].map(([township, list]) => h('optgroup', { label: township || '—' }, list.map(villageOption))));
  const emptyHint = h('p', { class: 'hint muted', id: 'household-new-no-villages', hidden: villages.length > 0 },
    t('register.no_origin_villages'), ' ',
    can('import.run') ? h('a', { href: href('import'), text: t('register.no_origin_villages_import') }) : null);
  let villagePanel = null;
  const addVillage = can('origin_villages.create') ? h('button', { type: 'button', id: 'add-origin-village',
    text: t('register.add_origin_village'), on: { click: () => {
      if (villagePanel) { villagePanel.hidden = false; return; }
      villagePanel = originVillagePanel(villages, {
        done: (v) => {
          villages.push(v);
          villageSel.append(villageOption(v));
          villageSel.value = String(v.id);
          emptyHint.hidden = true;
          villagePanel.remove();
          villagePanel = null;
          showToast('register.origin_village_saved', { name: v.name });
          villageSel.focus();
        },
        cancel: () => { villagePanel.remove(); villagePanel = null; addVillage.focus(); },
      });
      addVillage.closest('section').after(villagePanel);
      villagePanel.querySelector('select, input').focus();
    } } }) : null;
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
          h('div', { class: 'field' }, emptyHint, addVillage),
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

/**
 * The "add origin village" panel: township (the session's own for a township account), a
 * village of the division list in it that is not an origin village yet, or the name of a
 * village merged away since the move, and the relocation type. `done(village)` after the
 * server added it; `cancel()` when the user gives up.
 */
function originVillagePanel(villages, { done, cancel }) {
  const form = new ActionForm('origin-village-new');
  const scope = (capabilities() || {}).scope || {};
  const townshipSel = selectOf([], '—');
  const divisionSel = selectOf([], '—');
  const taken = new Set(villages.map((v) => v.division_code).filter(Boolean));
  listAll('divisions', { level: 'township' }).then((list) => {
    const own = scope.level === 'township' ? list.filter((d) => d.code === scope.township_code) : list;
    townshipSel.append(...own.map((d) => h('option', { value: d.code, text: d.name })));
    if (own.length === 1) { townshipSel.value = own[0].code; townshipSel.dispatchEvent(new Event('change')); }
  }).catch((err) => form.showError(err));
  townshipSel.addEventListener('change', async () => {
    divisionSel.replaceChildren(h('option', { value: '', text: '—' }));
    if (!townshipSel.value) return;
    try {
      const list = await listAll('divisions', { level: 'village', parent: townshipSel.value });
      divisionSel.append(...list.filter((d) => !taken.has(d.code)).map((d) => h('option', { value: d.code, text: d.name })));
    } catch (err) { form.showError(err); }
  });
  return h('section', { class: 'panel register-panel', id: 'origin-village-panel', role: 'dialog',
    'aria-labelledby': 'origin-village-panel-title' },
  h('h2', { id: 'origin-village-panel-title', text: t('register.add_origin_village') }),
  h('p', { class: 'hint muted', text: t('register.origin_village_hint') }),
  form.form([h('div', { class: 'form-grid' },
    form.row({ name: 'township_code', label: 'register.origin_township', required: true, control: townshipSel }),
    form.row({ name: 'division_code', label: 'register.division_village', control: divisionSel }),
    form.row({ name: 'name', label: 'register.legacy_village_name', attrs: { autocomplete: 'off' } }),
    // Starts empty: the relocation type counts in the report (origin_villages.whole_village), so
    // it is chosen, never a default.
    form.row({ name: 'relocation_type', label: 'household.relocation_type', required: true,
      control: selectOf((ENUMS.relocation_type || []).map((v) => [v, tEnum('relocation_type', v)]), '—') }))], {
    submitLabel: 'register.save_origin_village',
    onCancel: cancel,
    onSubmit: async () => {
      const code = form.value('division_code');
      const body = code ? { division_code: code, relocation_type: form.value('relocation_type') }
        : { name: form.value('name') || '', township_code: form.value('township_code'), relocation_type: form.value('relocation_type') };
      const { data } = await api('POST', 'origin-villages', { body });
      done(data);
    },
  }));
}
