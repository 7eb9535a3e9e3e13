// Household detail: the household (category, site, origin village, move-in date, convention),
// its housing unit, its members with their employment, edit forms for the household and each
// member (PATCH with If-Match, field errors shown beside the input), and, for roles that may
// read the audit trail (auditor, county_admin), the change history of the household and its
// members (GET /api/v1/audit?entity=…&entity_id=…), records named by household number and
// fields by their catalogue labels. Roles listing ids.view_whole (county roles) get "show whole
// id" buttons (GET …?full=true, each use audited as view_full); others see ids masked.
// The living register (issue #14): actions for users who may change the register (new member,
// a member's event, fill in a pending id, change of head, split, merge, placement change, void
// of an event entered in error from the timeline; register-dialogs.js), the
// household's timeline and its former members (GET …/timeline), each member's own timeline,
// and a link to the printable household file (#/household-file?id=…).
// The office's casework (issue #15 item 8): the sections 帮扶责任人, 走访记录 (latest visits with
// photos, "record a visit"), 待办事项, 享受政策 and 附件 (visits/household-sections.js; the page
// sets data-sections="ready" when they are drawn).

import { api } from '../../api.js';
import { can, workingAge } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { auditRecordLabel, fieldLabel, fieldValue } from '../../fields.js';
import { editForm } from '../../forms.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { go, href } from '../../router.js';
import { fmtAt } from '../../time.js';
import { showToast } from '../../toast.js';
import { completeIdPanel, eventPanel, headPanel, memberPanel, mergePanel, placementPanel, splitPanel, voidPanel } from './register-dialogs.js';
import { renderHouseholdSections } from '../visits/household-sections.js';
import { canChange, fmtDate, formerMembers, formerTable, loadTimeline, residentIdText, serves, timelineList } from './register.js';

// Dates from 1900-01-01 to today (China time), as the server enforces (core/plausible.h); the
// date inputs say so before a round trip. Text lengths (names up to 50 characters, one-line
// texts up to 100) have no maxlength: it would cut a pasted value silently, while the server's
// error names the field beside the input and stores nothing.
const TODAY_CHINA = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const DATE_RANGE = { min: '1900-01-01', max: TODAY_CHINA };

const PERSON_FIELDS = [
  { name: 'name', label: 'person.name', required: true, },
  { name: 'resident_id', label: 'person.resident_id', required: true, attrs: { autocomplete: 'off', spellcheck: 'false' } },
  { name: 'phone', label: 'person.phone', type: 'tel', attrs: { autocomplete: 'off', inputmode: 'tel' } },
  { name: 'relationship', label: 'person.relationship', type: 'enum', kind: 'relationship', required: true },
  { name: 'ethnicity', label: 'person.ethnicity', type: 'enum', kind: 'ethnicity' },
  { name: 'education', label: 'person.education', type: 'enum', kind: 'education' },
  { name: 'health', label: 'person.health', type: 'enum', kind: 'health' },
  { name: 'disability_grade', label: 'person.disability_grade', type: 'number', attrs: { min: 1, max: 4 } },
  { name: 'able_to_work', label: 'person.able_to_work', type: 'bool' },
  { name: 'wants_work', label: 'person.wants_work', type: 'bool' },
  { name: 'employment_kind', label: 'person.employment_kind', type: 'enum', kind: 'employment_kind', required: true },
  { name: 'employer', label: 'person.employer' },
];

const HOUSEHOLD_FIELDS = [
  { name: 'category', label: 'household.category', type: 'enum', kind: 'category', required: true },
  { name: 'move_in_date', label: 'household.move_in_date', type: 'date', required: true, attrs: DATE_RANGE },
  { name: 'convention_signed', label: 'household.convention_signed', type: 'bool' },
];

/** Working age (劳动年龄) 18–60 inclusive, as the report counts it. */
// Working age (劳动年龄) bounds from the session's policy (registry/registry.h, 18..60 周岁).
const isWorkingAge = (p) => {
  const w = workingAge();
  return Boolean(w) && typeof p.age === 'number' && p.age >= w.min_years && p.age <= w.max_years;
};
const yn = (b) => tEnum('yes_no', b ? 'yes' : 'no');

function dl(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', { text: t(k) }), h('dd', {}, v ?? '—')]));
}

// What the session may do (capabilities from the server, auth/capabilities.h).
const canReadAudit = () => can('audit.read');

/** One audit entry as a list item: time, user, action, and the changed fields. */
function auditItem(e) {
  const changes = typeof e.changes === 'string' ? safeJson(e.changes) : e.changes;
  const parts = [];
  if (changes && typeof changes === 'object') {
    for (const [field, c] of Object.entries(changes)) {
      if (c && typeof c === 'object' && ('from' in c || 'to' in c)) {
        parts.push(t('audit.change', { field: fieldLabel(field), from: fieldValue(field, c.from), to: fieldValue(field, c.to) }));
      } else {
        parts.push(`${fieldLabel(field)}: ${typeof c === 'object' ? JSON.stringify(c) : c}`);
      }
    }
  }
  return h('li', { class: 'audit-entry', dataset: { seq: e.seq, entity: e.entity, entityId: e.entity_id,
                                                    action: e.action, fields: Object.keys(changes || {}).join(' ') } },
    h('span', { class: 'audit-at mono', title: e.at || '', text: fmtAt(e.at) }), ' ',
    h('strong', { text: e.username }), ' ',
    h('span', { class: 'badge', text: tEnum('audit_action', e.action) }), ' ',
    h('span', { class: 'audit-record', text: auditRecordLabel(e) }), ' ',
    h('span', { class: 'audit-changes', text: parts.join('; ') }));
}

function safeJson(s) { try { return JSON.parse(s); } catch { return null; } }

async function loadAudit(hh) {
  const targets = [['household', hh.id], ...(hh.members || []).map((p) => ['person', p.id])];
  const lists = await Promise.all(targets.map(([entity, id]) =>
    api('GET', 'audit', { query: { entity, entity_id: id, limit: 50 } })
      .then(({ data }) => data.items || []).catch(() => [])));
  return lists.flat().filter((e) => e.action !== 'view_full')
    .sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
}

/** Register event kinds that change households (lr-changes), not voided from the timeline. */
const HOUSEHOLD_CHANGES = ['head_changed', 'split', 'merged', 'placement_changed', 'moved_between', 'household_added'];

/** Renders the household page; ?person=ID highlights that member. */
export async function render(view, route) {
  const id = route.params.id;
  delete view.dataset.ready;
  delete view.dataset.timeline;
  const { data: hh, etag } = await api('GET', `households/${encodeURIComponent(id)}`);
  // The register actions the session may take and the server serves (register.js serves()).
  const may = {};
  // An ended household (merged, emptied) takes no change; its events may still be voided.
  if (canChange()) {
    const routes = hh.ended_on ? { void: '/api/v1/register-events/{id}/void' } : { member: '/api/v1/households/{id}/members',
      event: '/api/v1/persons/{id}/events', completeId: '/api/v1/persons/{id}/resident-id', head: '/api/v1/households/{id}/head',
      split: '/api/v1/households/{id}/split', merge: '/api/v1/households/{id}/merge',
      placement: '/api/v1/households/{id}/placement', void: '/api/v1/register-events/{id}/void' };
    await Promise.all(Object.entries(routes).map(async ([k, path]) => { may[k] = await serves(path); }));
  }
  const members = hh.members || [];
  const unit = hh.housing_unit;
  const ov = hh.origin_village || {};
  const editor = h('div', { class: 'editor', id: 'editor' });

  const reload = () => render(view, route);
  function closeEditor() { editor.replaceChildren(); }

  // Whole ids (audited) replace the masked ones in a member's row.
  function showWhole(p) {
    const row = document.getElementById(`member-${p.id}`);
    if (!row) return;
    row.querySelector('.member-rid').textContent = p.resident_id;
    row.querySelector('.member-phone').textContent = p.phone || '—';
    const b = row.querySelector('.show-whole');
    if (b) b.remove();
  }

  async function showWholeIds() {
    const { data } = await api('GET', `households/${encodeURIComponent(id)}`, { query: { full: 'true' } });
    for (const p of data.members || []) showWhole(p);
    showToast('household.whole_ids_shown');
  }

  // County roles edit with whole values (audited, as before); others edit masked ids (only
  // changed fields are sent, so an untouched masked id is not written).

  /** Shows a register panel in the editor area; after the server accepted it, reloads. */
  function openPanel(make, toastKey) {
    const p = make({
      done: async (result) => {
        // A split or merge opens the new (kept) household.
        if (result && result.household_id && String(result.household_id) !== String(hh.id)
            && (toastKey === 'register.split_saved' || toastKey === 'register.merge_saved')) {
          showToast(toastKey, { no: result.household_no || '' });
          go('household', { id: result.household_id });
          return;
        }
        await reload();
        showToast(toastKey, { no: (result && result.household_no) || hh.household_no });
      },
      cancel: closeEditor,
    });
    replace(editor, p);
    editor.scrollIntoView({ block: 'nearest' });
    const first = p.querySelector('select, input');
    if (first) first.focus();
  }

  async function openPersonTimeline(p) {
    const tl = await loadTimeline('persons', p.id);
    const memberships = (tl && tl.memberships) || [];
    replace(editor, h('section', { class: 'panel', id: 'person-timeline', 'aria-labelledby': 'person-timeline-title' },
      h('h2', { id: 'person-timeline-title', text: t('register.person_timeline_title', { name: p.name }) }),
      tl ? [timelineList(tl.events, { person: true, id: 'person-timeline-list' }),
        memberships.length ? h('ul', { class: 'membership-list' }, memberships.map((m) => h('li', {
          text: t('register.membership_value', { no: m.household_no || '—', relationship: tEnum('relationship', m.relationship),
            from: m.from ? fmtDate(m.from) : t('register.since_start'), until: m.until ? fmtDate(m.until) : t('register.until_now') }) }))) : null]
        : h('p', { class: 'muted', text: t('register.timeline_unavailable') }),
      h('button', { type: 'button', id: 'person-timeline-close', text: t('register.close'), on: { click: closeEditor } })));
    editor.scrollIntoView({ block: 'nearest' });
  }

  async function openPersonEditor(p) {
    const { data: full, etag: ptag } = await api('GET', `persons/${p.id}`,
      { query: can('ids.view_whole') ? { full: 'true' } : {} });
    replace(editor, h('section', { class: 'panel', 'aria-labelledby': 'editor-title' },
      h('h2', { id: 'editor-title', text: t('person.edit_title', { name: full.name }) }),
      editForm({
        id: `person-${p.id}`, fields: PERSON_FIELDS, record: full, path: `persons/${p.id}`,
        etag: ptag || `"${full.version}"`,
        onSaved: async () => { await reload(); showToast('form.saved'); },
        onCancel: closeEditor, onReload: reload,
      })));
    editor.scrollIntoView({ block: 'nearest' });
    editor.querySelector('input, select').focus();
  }

  function openHouseholdEditor() {
    replace(editor, h('section', { class: 'panel' },
      h('h2', { text: t('household.edit_title', { no: hh.household_no }) }),
      editForm({
        id: `household-${hh.id}`, fields: HOUSEHOLD_FIELDS, record: hh, path: `households/${hh.id}`,
        etag: etag || `"${hh.version}"`,
        onSaved: async () => { await reload(); showToast('form.saved'); },
        onCancel: closeEditor, onReload: reload,
      })));
    editor.querySelector('select, input').focus();
  }

  const memberRows = members.map((p) => h('tr', {
    id: `member-${p.id}`, class: String(p.id) === route.query.person ? 'highlight' : null, dataset: { id: p.id } },
    h('td', { dataset: { label: t('person.name') }, class: 'member-name', text: p.name }),
    h('td', { dataset: { label: t('person.relationship') }, text: tEnum('relationship', p.relationship) }),
    h('td', { dataset: { label: t('person.sex') }, text: tEnum('sex', p.sex) }),
    // Ages are as of the statistics date: a member born after it has none yet.
    h('td', { class: 'num', dataset: { label: t('person.age') }, text: typeof p.age === 'number' && p.age >= 0 ? p.age : '—' }),
    h('td', { class: `${p.resident_id ? 'mono' : 'id-pending'} member-rid`, dataset: { label: t('person.resident_id') } },
      residentIdText(p.resident_id),
      can('ids.view_whole') && p.resident_id ? [' ', h('button', {
        type: 'button', class: 'small show-whole', id: `show-whole-${p.id}`, text: t('person.show_whole_id'),
        'aria-label': t('person.show_whole_id_for', { name: p.name }),
        on: { click: () => api('GET', `persons/${p.id}`, { query: { full: 'true' } })
          .then(({ data }) => showWhole(data)).catch((e) => console.error(e)) } })] : null),
    h('td', { class: 'mono member-phone', dataset: { label: t('person.phone') }, text: p.phone || '—' }),
    h('td', { dataset: { label: t('person.health') }, text: tEnum('health', p.health) }),
    h('td', { dataset: { label: t('person.able_wants') }, text: `${yn(p.able_to_work)} / ${yn(p.wants_work)}` }),
    h('td', { dataset: { label: t('person.employment_kind') }, text: tEnum('employment_kind', p.employment_kind) }),
    h('td', { dataset: { label: t('person.employer') }, text: p.employer || '—' }),
    h('td', { class: 'actions' }, h('div', { class: 'row-actions' }, can('persons.update') ? h('button', {
      type: 'button', class: 'small', id: `edit-person-${p.id}`, text: t('form.edit'),
      'aria-label': t('person.edit_title', { name: p.name }),
      on: { click: () => openPersonEditor(p).catch((e) => console.error(e)) } }) : null,
    may.event ? h('button', { type: 'button', class: 'small', id: `event-person-${p.id}`, text: t('register.record_event'),
      'aria-label': t('register.event_title', { name: p.name }),
      on: { click: () => openPanel((o) => eventPanel(hh, p, o), 'register.event_saved') } }) : null,
    may.completeId && !p.resident_id ? h('button', { type: 'button', class: 'small', id: `complete-id-${p.id}`, text: t('register.complete_id'),
      on: { click: () => openPanel((o) => completeIdPanel(p, o), 'register.id_saved') } }) : null,
    h('button', { type: 'button', class: 'small', id: `timeline-person-${p.id}`, text: t('register.timeline'),
      'aria-label': t('register.person_timeline_title', { name: p.name }),
      on: { click: () => openPersonTimeline(p).catch((e) => console.error(e)) } })))));

  const cols = ['person.name', 'person.relationship', 'person.sex', 'person.age', 'person.resident_id',
    'person.phone', 'person.health', 'person.able_wants', 'person.employment_kind', 'person.employer', 'form.actions'];
  const working = members.filter(isWorkingAge);
  const employed = working.filter((p) => p.employment_kind && p.employment_kind !== 'none');
  const area = unit && typeof unit.floor_area_m2 === 'number' ? unit.floor_area_m2 : null;

  const history = h('section', { class: 'panel', id: 'history', hidden: !canReadAudit() },
    h('h2', { text: t('audit.title') }), h('p', { class: 'muted', text: t('common.loading') }));

  const timelineBox = h('section', { class: 'panel', id: 'household-timeline' },
    h('h2', { text: t('register.household_timeline') }), h('p', { class: 'muted', text: t('common.loading') }));
  const formerBox = h('section', { class: 'panel', id: 'former-members' },
    h('h2', { text: t('register.former_members') }), h('p', { class: 'muted', text: t('common.loading') }));
  const sectionsBox = h('div', { class: 'casework-sections', id: 'household-sections' });
  const actions = h('div', { class: 'register-actions', id: 'register-actions' },
    [may.member ? h('button', { type: 'button', id: 'add-member', text: t('register.add_member'),
        on: { click: () => openPanel((o) => memberPanel(hh, o), 'register.member_saved') } }) : null,
      may.head && members.length > 1 ? h('button', { type: 'button', id: 'change-head', text: t('register.change_head'),
        on: { click: () => openPanel((o) => headPanel(hh, o), 'register.head_saved') } }) : null,
      may.split && members.length > 1 ? h('button', { type: 'button', id: 'split-household', text: t('register.split'),
        on: { click: () => openPanel((o) => splitPanel(hh, o), 'register.split_saved') } }) : null,
      may.merge && members.length ? h('button', { type: 'button', id: 'merge-household', text: t('register.merge'),
        on: { click: () => openPanel((o) => mergePanel(hh, o), 'register.merge_saved') } }) : null,
      may.placement ? h('button', { type: 'button', id: 'change-placement', text: t('register.placement'),
        on: { click: () => openPanel((o) => placementPanel(hh, o), 'register.placement_saved') } }) : null],
    h('a', { class: 'button', id: 'household-file-link', href: href('household-file', {}, { id: hh.id }), text: t('register.household_file') }));

  replace(view,
    h('div', { class: 'page-head' },
      h('h1', {}, t('household.title', { no: hh.household_no }), ' ',
        h('span', { class: `badge cat-${hh.category}`, text: tEnum('category', hh.category) }),
        hh.ended_on ? [' ', h('span', { class: 'badge state-disabled', id: 'household-ended', text: t('register.household_ended', { date: fmtDate(hh.ended_on) }) })] : null),
      h('a', { class: 'button', href: href('households'), text: t('household.back') })),
    actions,
    h('div', { class: 'detail-grid' },
      h('section', { class: 'panel', id: 'household-facts' },
        h('h2', { text: t('household.section_household') }),
        dl([
          ['household.no', hh.household_no],
          ['household.category', tEnum('category', hh.category)],
          ['household.site', hh.site ? h('a', { href: href('site', { id: hh.site.id }), text: hh.site.name }) : null],
          ['household.origin', [ov.township_name, ov.name].filter(Boolean).join(' ')],
          ['household.relocation_type', tEnum('relocation_type', hh.relocation_type || ov.relocation_type)],
          ['household.move_in_date', hh.move_in_date],
          ['household.convention_signed', yn(hh.convention_signed)],
        ]),
        can('households.update') ? h('button', { type: 'button', id: 'edit-household', text: t('form.edit'),
                                    on: { click: openHouseholdEditor } }) : null,
        can('ids.view_whole') ? h('button', { type: 'button', id: 'show-whole-ids', text: t('household.show_whole_ids'),
          on: { click: () => showWholeIds().catch((e) => console.error(e)) } }) : null),
      h('section', { class: 'panel', id: 'household-housing' },
        h('h2', { text: t('household.section_housing') }),
        unit ? dl([
          ['housing.address', t('housing.address_value', { building: unit.building, entrance: unit.entrance, room: unit.room })],
          ['housing.floor_area', area === null ? null : `${fmtNumber(area, 2)} ${t('unit.m2')}`],
          ['housing.area_per_person', area === null || !members.length ? null
            : `${fmtNumber(area / members.length, 2)} ${t('unit.m2')}`],
        ]) : h('p', { class: 'muted', text: t('housing.none') }),
        hh.area_exceeds_standard ? h('p', { class: 'form-error', text: t('housing.exceeds_standard') }) : null),
      h('section', { class: 'panel', id: 'household-employment' },
        h('h2', { text: t('household.section_employment') }),
        dl([
          ['household.members', fmtNumber(members.length)],
          ['employment.working_age', fmtNumber(working.length)],
          ['employment.employed', fmtNumber(employed.length)],
          ['employment.able_wanting_unemployed', fmtNumber(working.filter((p) => p.able_to_work && p.wants_work && p.employment_kind === 'none').length)],
        ]))),
    editor,
    h('section', { class: 'panel' },
      h('h2', { text: t('household.section_members') }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'members-table' },
        h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
        h('tbody', {}, memberRows)))),
    sectionsBox,
    formerBox,
    timelineBox,
    history);

  if (route.query.person) {
    const row = document.getElementById(`member-${route.query.person}`);
    if (row) row.scrollIntoView({ block: 'center' });
  }
  view.dataset.ready = 'household';
  delete view.dataset.sections;
  const sections = renderHouseholdSections(sectionsBox, hh, { current: () => view.contains(sectionsBox) })
    .then(() => { if (view.contains(sectionsBox)) view.dataset.sections = 'ready'; })
    .catch((e) => console.error(e));
  const tl = await loadTimeline('households', hh.id).catch((e) => { console.error(e); return null; });
  if (!view.contains(timelineBox)) return;
  if (tl) {
    // Void (撤销): offered on person events; household changes (head, split, merge, placement,
    // moves between households) are not voided (the server answers 409 for them).
    const voidable = (e) => may.void && e.id && !HOUSEHOLD_CHANGES.includes(e.kind) ? h('button', {
      type: 'button', class: 'small tl-void', id: `void-event-${e.id}`, text: t('register.void'),
      'aria-label': t('register.void_for', { what: tEnum('register_event', e.kind), name: e.person_name || '' }),
      on: { click: () => openPanel((o) => voidPanel(e, o), 'register.void_saved') } }) : null;
    replace(timelineBox, h('h2', { text: t('register.household_timeline') }), timelineList(tl.events, { id: 'household-timeline-list', action: voidable }));
    replace(formerBox, h('h2', { text: t('register.former_members') }), formerTable(formerMembers(tl, members.map((p) => p.id), hh.former_members), 'former-table'));
  } else {
    replace(timelineBox, h('h2', { text: t('register.household_timeline') }), h('p', { class: 'muted', text: t('register.timeline_unavailable') }));
    formerBox.hidden = true;
  }
  view.dataset.timeline = 'ready';
  await sections;
  if (canReadAudit()) {
    const entries = await loadAudit(hh);
    replace(history, h('h2', { text: t('audit.title') }),
      entries.length ? h('ol', { class: 'audit-list', id: 'audit-list' }, entries.map(auditItem))
        : h('p', { class: 'muted', text: t('audit.empty') }));
  }
}
