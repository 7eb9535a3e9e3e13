// The printable household file (一户一档, #/household-file?id=…, issue #14): laid out for A4
// (app.css @media print: no navigation, one section per page after the first) with a print
// button. Sections: the household's particulars, its members (ids masked unless the session
// may see whole ids — capability ids.view_whole, then GET …?full=true, audited as view_full),
// its housing, the events timeline and former members, and the follow-up support recorded
// today (each member's employment kind and employer; the site's community and parks), and the
// office's casework (issue #15 item 8: cadre, every visit with its photos, open cases, benefits,
// attachments — visits/household-sections.js in print form).

import { api } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { renderHouseholdSections } from '../visits/household-sections.js';
import { TODAY_CHINA, fmtDate, formerMembers, formerTable, loadTimeline, residentIdText, timelineList } from './register.js';

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', { text: t(k) }), h('dd', {}, v ?? '—')]));
}

function table(id, cols, rows) {
  return h('table', { class: 'data file-table', id },
    h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, rows));
}

/** Renders the household file of route.query.id. */
export async function render(view, route) {
  delete view.dataset.ready;
  const id = route.query.id;
  if (!id) {
    replace(view, h('p', { class: 'form-error', text: t('register.file_no_id') }));
    view.dataset.ready = 'household-file';
    return;
  }
  const full = can('ids.view_whole');
  const [{ data: hh }, tl] = await Promise.all([
    api('GET', `households/${encodeURIComponent(id)}`, { query: { full: full ? 'true' : '' } }),
    loadTimeline('households', id)]);
  const site = hh.site && hh.site.id
    ? await api('GET', `sites/${hh.site.id}`).then(({ data }) => data).catch(() => null) : null;
  const members = hh.members || [];
  const ov = hh.origin_village || {};
  const unit = hh.housing_unit;
  const area = unit && typeof unit.floor_area_m2 === 'number' ? unit.floor_area_m2 : null;
  const casework = h('div', { class: 'file-section casework-sections', id: 'file-casework' });
  const grid = site && hh.grid_id ? (site.grids || []).find((g) => g.id === hh.grid_id) : null;

  replace(view,
    h('div', { class: 'file-toolbar no-print' },
      h('a', { class: 'button', href: href('household', { id: hh.id }), text: t('register.file_back') }),
      h('button', { type: 'button', class: 'primary', id: 'print-file', text: t('register.print'), on: { click: () => window.print() } })),
    h('article', { class: 'household-file', id: 'household-file', dataset: { householdNo: hh.household_no } },
      h('header', { class: 'file-head' },
        h('h1', { text: t('register.file_title') }),
        h('p', { class: 'file-sub' }, t('register.file_household_no', { no: hh.household_no }), ' · ',
          t('register.file_printed_on', { date: fmtDate(TODAY_CHINA) }))),
      h('section', { class: 'file-section', id: 'file-household' },
        h('h2', { text: t('register.file_section_household') }),
        facts([
          ['household.no', hh.household_no],
          ['household.category', tEnum('category', hh.category)],
          ['household.head', (members.find((p) => p.relationship === 'head') || {}).name],
          ['household.members', fmtNumber(members.length)],
          ['household.origin', [ov.township_name, ov.name].filter(Boolean).join(' ')],
          ['household.relocation_type', tEnum('relocation_type', hh.relocation_type || ov.relocation_type)],
          ['household.site', hh.site ? hh.site.name : null],
          ['register.grid', grid ? grid.name : null],
          ['household.move_in_date', fmtDate(hh.move_in_date)],
          ['household.convention_signed', tEnum('yes_no', hh.convention_signed ? 'yes' : 'no')],
        ])),
      h('section', { class: 'file-section', id: 'file-members' },
        h('h2', { text: t('register.file_section_members') }),
        table('file-members-table', ['person.name', 'person.relationship', 'person.sex', 'person.birth_date',
          'person.resident_id', 'person.ethnicity', 'person.education', 'person.health', 'person.phone'],
        members.map((p) => h('tr', { dataset: { id: p.id } },
          h('td', { text: p.name }), h('td', { text: tEnum('relationship', p.relationship) }),
          h('td', { text: tEnum('sex', p.sex) }), h('td', { text: fmtDate(p.birth_date) }),
          h('td', { class: p.resident_id ? 'mono' : 'id-pending', text: residentIdText(p.resident_id) }),
          h('td', { text: p.ethnicity || '—' }), h('td', { text: p.education || '—' }),
          h('td', { text: tEnum('health', p.health) }), h('td', { class: 'mono', text: p.phone || '—' })))),
        full ? null : h('p', { class: 'hint muted', text: t('register.file_ids_masked') })),
      h('section', { class: 'file-section', id: 'file-housing' },
        h('h2', { text: t('register.file_section_housing') }),
        unit ? facts([
          ['household.site', hh.site ? hh.site.name : null],
          ['housing.address', t('housing.address_value', { building: unit.building, entrance: unit.entrance, room: unit.room })],
          ['housing.floor_area', area === null ? null : `${fmtNumber(area, 2)} ${t('unit.m2')}`],
          ['housing.area_per_person', area === null || !members.length ? null : `${fmtNumber(area / members.length, 2)} ${t('unit.m2')}`],
        ]) : h('p', { class: 'muted', text: t('housing.none') })),
      h('section', { class: 'file-section', id: 'file-events' },
        h('h2', { text: t('register.file_section_events') }),
        tl ? timelineList(tl.events, { id: 'file-timeline' }) : h('p', { class: 'muted', text: t('register.timeline_unavailable') }),
        tl ? [h('h3', { text: t('register.former_members') }),
          formerTable(formerMembers(tl, members.map((p) => p.id), hh.former_members), 'file-former-table')] : null),
      h('section', { class: 'file-section', id: 'file-support' },
        h('h2', { text: t('register.file_section_support') }),
        table('file-support-table', ['person.name', 'person.able_wants', 'person.employment_kind', 'person.employer'],
          members.map((p) => h('tr', {},
            h('td', { text: p.name }),
            h('td', { text: `${tEnum('yes_no', p.able_to_work ? 'yes' : 'no')} / ${tEnum('yes_no', p.wants_work ? 'yes' : 'no')}` }),
            h('td', { text: tEnum('employment_kind', p.employment_kind) }), h('td', { text: p.employer || '—' })))),
        site ? facts([
          ['register.file_community', site.community_code || null],
          ['register.file_parks', (site.parks || []).map((k) => k.name).join(' / ') || null],
        ]) : null),
      casework));
  await renderHouseholdSections(casework, hh, { current: () => view.contains(casework) }, { print: true })
    .catch((e) => console.error(e));
  view.dataset.ready = 'household-file';
}
