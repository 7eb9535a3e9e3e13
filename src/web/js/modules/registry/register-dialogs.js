// The household page's register actions (docs/living-register.md, HTTP): each returns a panel
// (role=dialog) that the page shows in its editor area; `done(result)` is called after the
// server accepted the request, `cancel()` when the user gives up. Nothing is sent until the
// user saves; a refused request leaves the panel open with the server's errors beside the fields.
//   memberPanel     POST /households/{id}/members      (birth … member_added; a newborn's id may be pending)
//   eventPanel      POST /persons/{id}/events          (death, moved_away, married_out; when the head leaves
//                   others: POST /households/{id}/head first, then the event)
//   headPanel       POST /households/{id}/head         (new head, everyone's relationship to them)
//   splitPanel      POST /households/{id}/split        (members, their head, housing decision)
//   completeIdPanel PUT  /persons/{id}/resident-id     (a pending id filled in)
//   mergePanel      POST /households/{id}/merge        (the kept household found by its number,
//                   each member's relationship to its head, housing released or kept)
//   placementPanel  POST /households/{id}/placement    (site, a vacant unit and grid of it, origin village)
//   voidPanel       POST /register-events/{id}/void    (an event entered in error; the server allows
//                   only a person's latest event and its refusal is shown)

import { api } from '../../api.js';
import { ENUMS } from '../../enums.js';
import { h } from '../../dom.js';
import { t, tEnum } from '../../i18n.js';
import { listAll, sites } from '../../lookups.js';
import { ActionForm, DATE_RANGE, NEW_PERSON_FIELDS, TODAY_CHINA, fmtDate, selectOf, valuesOf } from './register.js';

const dateField = { name: 'date', label: 'register.date', type: 'date', required: true, attrs: DATE_RANGE };
const reasonField = { name: 'reason', label: 'register.reason', required: true };
const placeField = { name: 'place', label: 'register.place' };

function panel(id, title, ...children) {
  return h('section', { class: 'panel register-panel', id, role: 'dialog', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title`, text: title }), children);
}

/** A relationship select starting empty ("—"): a relationship to a new head is stated anew. */
function relSelect() {
  return selectOf((ENUMS.relationship || []).map((v) => [v, tEnum('relationship', v)]), '—');
}

/** Relationship selects (rel-<id>) for `people`, each to be chosen (required). */
function relationshipRows(form, people, headName) {
  return people.map((p) => form.row({ name: `rel-${p.id}`, required: true, control: relSelect() }, null,
    t('register.relationship_of', { name: p.name, head: headName || '…' })));
}

/** The relationships object {"<person_id>": relationship} of the rel-<id> rows of `people`. */
function relationshipsOf(form, people) {
  return Object.fromEntries(people.map((p) => [String(p.id), form.value(`rel-${p.id}`)]));
}

/** New member by an event: kind, date, place, reason and the person's particulars. */
export function memberPanel(hh, { done, cancel }) {
  const form = new ActionForm('member-new');
  const kind = form.row({ name: 'kind', label: 'register.member_kind', type: 'enum', kind: 'member_event', required: true }, 'birth');
  const idHint = h('p', { class: 'hint muted', id: 'member-new-id-hint', text: t('register.id_pending_hint') });
  const rows = NEW_PERSON_FIELDS.map((f) => form.row(f, f.name === 'relationship' ? 'child' : null));
  const kindSel = form.inputs.kind;
  const syncHint = () => { idHint.hidden = kindSel.value !== 'birth'; };
  kindSel.addEventListener('change', syncHint);
  syncHint();
  return panel('member-panel', t('register.add_member_title', { no: hh.household_no }),
    form.form([h('div', { class: 'form-grid' }, kind, form.row(dateField, TODAY_CHINA), form.row(placeField), form.row(reasonField)),
      h('h3', { text: t('register.person_particulars') }), idHint, h('div', { class: 'form-grid' }, rows)], {
      submitLabel: 'register.save_member',
      onCancel: cancel,
      onSubmit: async () => {
        const person = valuesOf(form, NEW_PERSON_FIELDS);
        const body = { kind: form.value('kind'), date: form.value('date'), reason: form.value('reason') || '',
                       place: form.value('place') || '', person };
        if (!person.resident_id) person.resident_id = '';
        const { data } = await api('POST', `households/${hh.id}/members`, { body });
        done(data);
      },
    }));
}

/**
 * A member's event (death, moved away, married out). When the member is the head and others
 * remain, the panel asks first for the new head and everyone's relationship to them (the
 * leaving head included, as the head route wants every other member), changes the head
 * (POST /households/{id}/head, same date and reason), then records the event. Two requests:
 * the event service takes no new head (lr-events); if the event is then refused, the panel
 * stays open with the error, says the head is already changed, and a retry sends the event only.
 */
export function eventPanel(hh, person, { done, cancel }) {
  const form = new ActionForm('event');
  const others = (hh.members || []).filter((p) => p.id !== person.id);
  const needsHead = person.relationship === 'head' && others.length > 0;
  const kind = form.row({ name: 'kind', label: 'register.event_kind', type: 'enum', kind: 'leave_event', required: true }, 'death');
  const parts = [h('div', { class: 'form-grid' }, kind, form.row(dateField, TODAY_CHINA), form.row(placeField), form.row(reasonField))];
  const placeLabel = form.inputs.place.closest('.field').querySelector('label');
  const syncPlace = () => { placeLabel.textContent = t(form.inputs.kind.value === 'death' ? 'register.place' : 'register.place_to'); };
  form.inputs.kind.addEventListener('change', syncPlace);
  syncPlace();
  if (needsHead) {
    const headSel = selectOf(others.map((p) => [p.id, p.name]), '—');
    const relBox = h('div', { class: 'form-grid', id: 'event-relationships' });
    const drawRels = () => {
      const head = others.find((p) => String(p.id) === headSel.value);
      for (const p of [person, ...others]) { delete form.inputs[`rel-${p.id}`]; delete form.errors[`rel-${p.id}`]; delete form.fields[`rel-${p.id}`]; }
      relBox.replaceChildren(...(head ? relationshipRows(form, [person, ...others.filter((p) => p.id !== head.id)], head.name) : []));
    };
    headSel.addEventListener('change', drawRels);
    parts.push(h('h3', { text: t('register.new_head_first') }),
      h('p', { class: 'hint muted', text: t('register.new_head_hint', { name: person.name }) }),
      h('div', { class: 'form-grid' }, form.row({ name: 'new_head', label: 'register.new_head', required: true, control: headSel })),
      relBox);
  }
  let headChanged = false;
  const headNote = h('p', { class: 'notice', id: 'event-head-done', hidden: true });
  return panel('event-panel', t('register.event_title', { name: person.name }), headNote,
    form.form(parts, {
      submitLabel: 'register.save_event',
      onCancel: cancel,
      onSubmit: async () => {
        const body = { kind: form.value('kind'), date: form.value('date'), reason: form.value('reason') || '',
                       place: form.value('place') || '' };
        if (needsHead && !headChanged) {
          const headId = Number(form.inputs.new_head.value);
          const newHead = others.find((p) => p.id === headId);
          await api('POST', `households/${hh.id}/head`, { ifMatch: `"${hh.version}"`, body: { new_head_id: headId,
            relationships: relationshipsOf(form, [person, ...others.filter((p) => p.id !== headId)]),
            date: body.date, reason: body.reason } });
          headChanged = true;
          headNote.textContent = t('register.head_changed_first', { name: newHead ? newHead.name : '' });
          headNote.hidden = false;
          for (const el of form.inputs.new_head.closest('form').querySelectorAll('#event-relationships select')) el.disabled = true;
          form.inputs.new_head.disabled = true;
        }
        const { data } = await api('POST', `persons/${person.id}/events`, { body });
        done(data);
      },
    }));
}

/** Change of head: the new head, each other member's relationship to them, date and reason. */
export function headPanel(hh, { done, cancel }) {
  const form = new ActionForm('head');
  const members = hh.members || [];
  const oldHead = members.find((p) => p.relationship === 'head');
  const candidates = members.filter((p) => p.relationship !== 'head');
  const headSel = selectOf(candidates.map((p) => [p.id, p.name]), '—');
  const relBox = h('div', { class: 'form-grid', id: 'head-relationships' });
  const drawRels = () => {
    const head = members.find((p) => String(p.id) === headSel.value);
    for (const p of members) { delete form.inputs[`rel-${p.id}`]; delete form.errors[`rel-${p.id}`]; delete form.fields[`rel-${p.id}`]; }
    relBox.replaceChildren(...(head ? relationshipRows(form, members.filter((p) => p.id !== head.id), head.name) : []));
  };
  headSel.addEventListener('change', drawRels);
  return panel('head-panel', t('register.head_title', { no: hh.household_no }),
    oldHead ? h('p', { class: 'muted', text: t('register.head_now', { name: oldHead.name }) }) : null,
    form.form([h('div', { class: 'form-grid' },
      form.row({ name: 'new_head', label: 'register.new_head', required: true, control: headSel }),
      form.row(dateField, TODAY_CHINA), form.row(reasonField)), relBox], {
      submitLabel: 'register.save_head',
      onCancel: cancel,
      onSubmit: async () => {
        const id = Number(headSel.value);
        const body = { new_head_id: id, relationships: relationshipsOf(form, members.filter((p) => p.id !== id)),
                       date: form.value('date'), reason: form.value('reason') || '' };
        const { data } = await api('POST', `households/${hh.id}/head`, { body, ifMatch: `"${hh.version}"` });
        done(data);
      },
    }));
}

/**
 * Split (分户): which members leave, their relationships in the new household (one head), its
 * number (optional: the next free one), the housing decision, date and reason.
 */
export function splitPanel(hh, { done, cancel }) {
  const form = new ActionForm('split');
  const members = hh.members || [];
  const rows = members.map((p) => {
    const box = h('input', { type: 'checkbox', id: `split-pick-${p.id}`, value: String(p.id) });
    const rel = form.row({ name: `rel-${p.id}`, required: true, control: relSelect() }, null,
      t('register.split_relationship', { name: p.name }));
    rel.hidden = true;
    box.addEventListener('change', () => { rel.hidden = !box.checked; });
    return { p, box, rel };
  });
  const unitSel = selectOf([], '—');
  const unitRow = form.row({ name: 'housing_unit_id', label: 'register.split_unit', required: true, control: unitSel });
  unitRow.hidden = true;
  const decision = form.row({ name: 'decision', label: 'register.split_housing', type: 'enum', kind: 'split_housing', required: true }, 'stays');
  form.inputs.decision.addEventListener('change', async () => {
    unitRow.hidden = form.inputs.decision.value !== 'new_unit';
    if (!unitRow.hidden && unitSel.options.length <= 1) {
      const { data } = await api('GET', 'housing-units', { query: { site_id: hh.site_id ?? (hh.site && hh.site.id), vacant: 'true', limit: 500 } });
      unitSel.append(...(data.items || []).map((u) => h('option', { value: String(u.id),
        text: t('housing.address_value', { building: u.building, entrance: u.entrance, room: u.room }) })));
      if (!(data.items || []).length) form.fieldError('housing_unit_id', t('register.split_no_free_unit'));
    }
  });
  return panel('split-panel', t('register.split_title', { no: hh.household_no }),
    form.form([
      h('fieldset', { class: 'split-members', id: 'split-members' }, h('legend', { text: t('register.split_members') }),
        rows.map(({ p, box, rel }) => h('div', { class: 'split-member' },
          h('label', { class: 'check', for: box.id }, box, `${p.name} (${tEnum('relationship', p.relationship)})`), rel))),
      h('div', { class: 'form-grid' },
        form.row({ name: 'household_no', label: 'register.split_no' }),
        decision, unitRow, form.row(dateField, TODAY_CHINA), form.row(reasonField))], {
      submitLabel: 'register.save_split',
      onCancel: cancel,
      onSubmit: async () => {
        const chosen = rows.filter((r) => r.box.checked);
        if (!chosen.length) { form.formError.textContent = t('register.split_choose'); form.formError.hidden = false; return; }
        const housing = { decision: form.value('decision') };
        if (housing.decision === 'new_unit') housing.housing_unit_id = Number(unitSel.value);
        const body = { members: chosen.map(({ p }) => ({ person_id: p.id, relationship: form.value(`rel-${p.id}`) })),
                       housing, date: form.value('date'), reason: form.value('reason') || '' };
        if (form.value('household_no')) body.household_no = form.value('household_no');
        const { data } = await api('POST', `households/${hh.id}/split`, { body, ifMatch: `"${hh.version}"` });
        done(data);
      },
    }));
}

/** Completes a pending resident id (待补录) with the full id and the reason (e.g. 户口簿). */
export function completeIdPanel(person, { done, cancel }) {
  const form = new ActionForm('complete-id');
  return panel('complete-id-panel', t('register.complete_id_title', { name: person.name }),
    form.form([h('div', { class: 'form-grid' },
      form.row({ name: 'resident_id', label: 'person.resident_id', required: true, attrs: { autocomplete: 'off', spellcheck: 'false' } }),
      form.row(reasonField))], {
      submitLabel: 'register.save_id',
      onCancel: cancel,
      onSubmit: async () => {
        const { data } = await api('PUT', `persons/${person.id}/resident-id`,
          { body: { resident_id: form.value('resident_id'), reason: form.value('reason') || '' } });
        done(data);
      },
    }));
}

/**
 * Merge (合户): this household's current members move into the household found by its number
 * (GET /households?q=, the user's scope; ended ones and this one left out), each with a
 * relationship to that household's head; the housing unit is released or kept (given to the
 * kept household); this household ends. `done` gets {household_id, household_no} of the kept one.
 */
export function mergePanel(hh, { done, cancel }) {
  const form = new ActionForm('merge');
  const members = hh.members || [];
  const q = h('input', { type: 'search', id: 'merge-q', autocomplete: 'off', 'aria-label': t('register.merge_find_label') });
  const intoSel = selectOf([], '—');
  const relBox = h('div', { class: 'form-grid', id: 'merge-relationships' });
  const findNote = h('p', { class: 'hint muted', id: 'merge-find-note', hidden: true });
  let into = null;   // the chosen household's detail
  const drawRels = async () => {
    for (const p of members) { delete form.inputs[`rel-${p.id}`]; delete form.errors[`rel-${p.id}`]; delete form.fields[`rel-${p.id}`]; }
    into = null;
    relBox.replaceChildren();
    if (!intoSel.value) return;
    const { data } = await api('GET', `households/${encodeURIComponent(intoSel.value)}`);
    if (String(data.id) !== intoSel.value) return;   // changed meanwhile
    into = data;
    const head = (data.members || []).find((p) => p.relationship === 'head');
    relBox.replaceChildren(...relationshipRows(form, members, head ? head.name : data.household_no));
    relBox.dataset.loaded = String(data.id);
  };
  intoSel.addEventListener('change', () => { drawRels().catch((e) => console.error(e)); });
  const find = async () => {
    const no = q.value.trim();
    intoSel.replaceChildren(h('option', { value: '', text: '—' }));
    await drawRels();
    if (!no) return;
    const { data } = await api('GET', 'households', { query: { q: no, limit: 20 } });
    const found = (data.items || []).filter((x) => String(x.id) !== String(hh.id) && !x.ended_on);
    intoSel.append(...found.map((x) => h('option', { value: String(x.id), text: x.household_no })));
    findNote.textContent = found.length ? t('register.merge_found', { n: found.length }) : t('register.merge_none_found', { no });
    findNote.hidden = false;
    const exact = found.find((x) => x.household_no === no);
    if (exact || found.length === 1) { intoSel.value = String((exact || found[0]).id); await drawRels(); }
  };
  q.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); find().catch((e) => console.error(e)); } });
  const findBtn = h('button', { type: 'button', id: 'merge-find', text: t('register.merge_find'),
    on: { click: () => find().catch((e) => console.error(e)) } });
  return panel('merge-panel', t('register.merge_title', { no: hh.household_no }),
    h('p', { class: 'hint muted', text: t('register.merge_hint') }),
    form.form([
      h('div', { class: 'field merge-find' }, h('label', { for: q.id, text: t('register.merge_find_label') }),
        h('div', { class: 'inline-search' }, q, findBtn), findNote),
      h('div', { class: 'form-grid' },
        form.row({ name: 'into_household_id', label: 'register.merge_into', required: true, control: intoSel }),
        form.row({ name: 'decision', label: 'register.merge_housing', type: 'enum', kind: 'merge_housing', required: true }, 'released'),
        form.row(dateField, TODAY_CHINA), form.row(reasonField)),
      relBox], {
      submitLabel: 'register.save_merge',
      onCancel: cancel,
      onSubmit: async () => {
        if (!into) { form.fieldError('into_household_id', t('register.merge_choose')); return; }
        const body = { into_household_id: into.id, relationships: relationshipsOf(form, members),
                       housing: { decision: form.value('decision') }, date: form.value('date'), reason: form.value('reason') || '' };
        await api('POST', `households/${hh.id}/merge`, { body, ifMatch: `"${hh.version}"` });
        done({ household_id: into.id, household_no: into.household_no });
      },
    }));
}

/**
 * Placement change (变更安置): site, a vacant unit of it (or none), a grid of it (or none), the
 * origin village, date and reason. Only what differs from the household's placement is sent
 * (a kept unit is not re-checked as vacant); a unit or grid set to none is sent as null.
 */
export function placementPanel(hh, { done, cancel }) {
  const form = new ActionForm('placement');
  const cur = { site_id: hh.site_id ?? (hh.site && hh.site.id), housing_unit_id: hh.housing_unit_id ?? null,
                grid_id: hh.grid_id ?? null, origin_village_id: hh.origin_village_id ?? (hh.origin_village && hh.origin_village.id) };
  const siteSel = selectOf([], '—');
  const unitSel = selectOf([], t('register.no_unit_yet'));
  const gridSel = selectOf([], '—');
  const villageSel = selectOf([], '—');
  const box = h('div', { class: 'form-grid', id: 'placement-fields' },
    form.row({ name: 'site_id', label: 'household.site', required: true, control: siteSel }),
    form.row({ name: 'housing_unit_id', label: 'housing.address', control: unitSel }),
    form.row({ name: 'grid_id', label: 'register.grid', control: gridSel }),
    form.row({ name: 'origin_village_id', label: 'household.origin', required: true, control: villageSel }),
    form.row(dateField, TODAY_CHINA), form.row(reasonField));
  const unitText = (u) => t('housing.address_value', { building: u.building, entrance: u.entrance, room: u.room });
  // The site's vacant units (and the household's own unit when it is this site's) and grids.
  const loadSite = async () => {
    unitSel.replaceChildren(h('option', { value: '', text: t('register.no_unit_yet') }));
    gridSel.replaceChildren(h('option', { value: '', text: '—' }));
    if (!siteSel.value) return;
    const siteId = siteSel.value;
    const [units, site] = await Promise.all([
      listAll('housing-units', { site_id: siteId, vacant: 'true' }),
      api('GET', `sites/${encodeURIComponent(siteId)}`).then(({ data }) => data)]);
    if (siteSel.value !== siteId) return;
    const own = String(siteId) === String(cur.site_id) && hh.housing_unit ? [{ id: cur.housing_unit_id, ...hh.housing_unit }] : [];
    unitSel.append(...[...own, ...units.filter((u) => u.id !== cur.housing_unit_id)].map((u) =>
      h('option', { value: String(u.id), text: unitText(u) })));
    gridSel.append(...(site.grids || []).map((g) => h('option', { value: String(g.id), text: g.name })));
    if (String(siteId) === String(cur.site_id)) {
      unitSel.value = cur.housing_unit_id ? String(cur.housing_unit_id) : '';
      gridSel.value = cur.grid_id ? String(cur.grid_id) : '';
    }
    box.dataset.siteLoaded = siteId;
  };
  siteSel.addEventListener('change', () => { loadSite().catch((e) => console.error(e)); });
  (async () => {
    const [siteList, villages] = await Promise.all([sites(), listAll('origin-villages')]);
    siteSel.append(...siteList.map((s) => h('option', { value: String(s.id), text: s.name })));
    const byTownship = new Map();
    for (const v of villages) {
      if (!byTownship.has(v.township_name)) byTownship.set(v.township_name, []);
      byTownship.get(v.township_name).push(v);
    }
    villageSel.append(...[...byTownship].map(([township, list]) => h('optgroup', { label: township || '—' },
      list.map((v) => h('option', { value: String(v.id), text: v.name })))));
    siteSel.value = cur.site_id ? String(cur.site_id) : '';
    villageSel.value = cur.origin_village_id ? String(cur.origin_village_id) : '';
    await loadSite();
  })().catch((e) => console.error(e));
  const num = (el) => (el.value === '' ? null : Number(el.value));
  return panel('placement-panel', t('register.placement_title', { no: hh.household_no }),
    h('p', { class: 'hint muted', text: t('register.placement_hint') }),
    form.form([box], {
      submitLabel: 'register.save_placement',
      onCancel: cancel,
      onSubmit: async () => {
        const body = { date: form.value('date'), reason: form.value('reason') || '' };
        const now = { site_id: num(siteSel), housing_unit_id: num(unitSel), grid_id: num(gridSel), origin_village_id: num(villageSel) };
        for (const [k, v] of Object.entries(now)) if (v !== (cur[k] ?? null)) body[k] = v;
        if (Object.keys(body).length === 2) { form.formError.textContent = t('register.placement_unchanged'); form.formError.hidden = false; return; }
        const { data } = await api('POST', `households/${hh.id}/placement`, { body, ifMatch: `"${hh.version}"` });
        done(data);
      },
    }));
}

/**
 * Voids an event entered in error (the event stays, marked 已撤销, and what it did is undone).
 * The server allows only the person's latest event (a household's latest for household
 * events); its refusal is shown in the panel.
 */
export function voidPanel(event, { done, cancel }) {
  const form = new ActionForm('void');
  const what = [tEnum('register_event', event.kind), event.person_name, fmtDate(event.event_date || event.date)].filter(Boolean).join(' · ');
  return panel('void-panel', t('register.void_title'),
    h('p', { id: 'void-event', text: what }),
    h('p', { class: 'hint muted', text: t('register.void_hint') }),
    form.form([h('div', { class: 'form-grid' }, form.row(reasonField))], {
      submitLabel: 'register.save_void',
      onCancel: cancel,
      onSubmit: async () => {
        const { data } = await api('POST', `register-events/${event.id}/void`, { body: { reason: form.value('reason') || '' } });
        done(data);
      },
    }));
}
