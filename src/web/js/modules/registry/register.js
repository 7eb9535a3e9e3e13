// The living register in the web UI (issue #14, docs/living-register.md): shared pieces of the
// household page, the new-household page and the printable household file — dates in the
// reader's language, the vertical timeline of register events, the former members, and the
// action forms (new member, a member's event, change of head, split, resident-id completion)
// with the server's per-field errors placed beside their inputs.

import { api, localMessage } from '../../api.js';
import { can } from '../../capabilities.js';
import { h } from '../../dom.js';
import { control, readValue } from '../../forms.js';
import { currentLocale, t, tEnum } from '../../i18n.js';

// Dates from 1900-01-01 to today (China time), as the server enforces (core/plausible.h).
export const TODAY_CHINA = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
export const DATE_RANGE = { min: '1900-01-01', max: TODAY_CHINA };

/**
 * Whether the session may change the register (events, members, head, split). The server's
 * capability is `register.change`; sessions from before it existed fall back to
 * `households.update` (the server refuses what the role may not do anyway).
 */
export const canChange = () => can('register.change') || can('households.update');

/** "2021-05-03" as the reader's long date ("2021年5月3日" / "May 3, 2021"); "—" for none. */
export function fmtDate(iso) {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  if (!m) return String(iso);
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'long', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** The kinds that end a membership (register_event.h EndsMembership, plus the household moves). */
const ENDING = ['death', 'moved_away', 'married_out', 'entered_in_error', 'moved_between', 'split', 'merged'];

const eventDate = (e) => e.event_date || e.date || '';

/** A person's resident id as listed: the pending id of a newborn reads "id to be filled". */
export function residentIdText(id) {
  return id ? id : t('register.id_pending');
}

/**
 * The events of a timeline answer as a vertical list, oldest first. Each item: the date, the
 * kind (enum register_event), the person, the household number(s), place and reason; a voided
 * event is struck through with its mark. `opts.person` leaves out the person's name (a
 * person's own timeline); `opts.action(e)`, when given, returns a node (e.g. a button) for
 * each event not voided, or null.
 */
export function timelineList(events, opts = {}) {
  const sorted = [...(events || [])].sort((a, b) => eventDate(a).localeCompare(eventDate(b)) || (a.id ?? 0) - (b.id ?? 0));
  if (!sorted.length) return h('p', { class: 'muted', text: t('register.timeline_empty') });
  return h('ol', { class: 'timeline', id: opts.id || null }, sorted.map((e) => {
    const voided = Boolean(e.voided_on);
    const nos = [e.household_no, e.other_household_no].filter(Boolean).join(' → ');
    return h('li', { class: `tl-item${voided ? ' voided' : ''}`, dataset: { kind: e.kind, id: e.id ?? '' } },
      h('time', { class: 'tl-date', datetime: eventDate(e), text: fmtDate(eventDate(e)) }),
      h('div', { class: 'tl-body' },
        h('strong', { class: 'tl-kind', text: tEnum('register_event', e.kind) }),
        !opts.person && e.person_name ? h('span', { class: 'tl-person', text: e.person_name }) : null,
        nos ? h('span', { class: 'tl-household', text: t('register.household_no_value', { no: nos }) }) : null,
        voided ? h('span', { class: 'badge state-disabled', text: t('register.voided') }) : null,
        e.place ? h('div', { class: 'tl-place', text: t('register.place_value', { place: e.place }) }) : null,
        e.reason ? h('div', { class: 'tl-reason muted', text: t('register.reason_value', { reason: e.reason }) }) : null,
        opts.action && !voided ? opts.action(e) : null));
  }));
}

/**
 * The former members of a household, each with the event that ended the membership: the
 * household detail's `former_members` ([{person_id, name, relationship, until, kind, place}])
 * when the server sends it, else the timeline's ended memberships ({memberships: [{person_id,
 * name, relationship, from, until, current, end_kind}], events}) of persons not current here.
 * Rows: {person_id, name, relationship, from, until, ended: {kind, place} | null}.
 */
export function formerMembers(tl, currentIds, detailFormer) {
  const current = new Set((currentIds || []).map(String));
  const events = (tl && tl.events) || [];
  const memberships = (tl && tl.memberships) || [];
  const endOf = (personId, until) => {
    const mine = events.filter((e) => String(e.person_id) === String(personId) && !e.voided_on);
    return mine.filter((e) => eventDate(e) === until && ENDING.includes(e.kind)).pop()
      || mine.filter((e) => ENDING.includes(e.kind)).pop() || null;
  };
  if (Array.isArray(detailFormer)) {
    return detailFormer.map((f) => {
      const m = memberships.find((x) => String(x.person_id) === String(f.person_id) && x.until === f.until) || {};
      return { person_id: f.person_id, name: f.name, relationship: f.relationship, from: m.from || null, until: f.until,
               ended: f.kind ? { kind: f.kind, place: f.place } : endOf(f.person_id, f.until) };
    });
  }
  return memberships.filter((m) => m.until && !current.has(String(m.person_id)))
    .map((m) => ({ ...m, ended: m.end_kind ? { kind: m.end_kind, place: (endOf(m.person_id, m.until) || {}).place }
      : endOf(m.person_id, m.until) }));
}

/** The former members as a table: name, relationship, member from/until, the ending event. */
export function formerTable(rows, id) {
  if (!rows.length) return h('p', { class: 'muted', text: t('register.former_none') });
  const cols = ['person.name', 'person.relationship', 'register.member_from', 'register.member_until', 'register.ended_by'];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id },
    h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, rows.map((m) => h('tr', { dataset: { person: m.person_id } },
      h('td', { dataset: { label: t('person.name') }, text: m.name }),
      h('td', { dataset: { label: t('person.relationship') }, text: tEnum('relationship', m.relationship) }),
      h('td', { dataset: { label: t('register.member_from') }, text: m.from ? fmtDate(m.from) : t('register.since_start') }),
      h('td', { dataset: { label: t('register.member_until') }, text: fmtDate(m.until) }),
      h('td', { class: 'former-event', dataset: { label: t('register.ended_by') } },
        m.ended ? [tEnum('register_event', m.ended.kind), m.ended.place ? ` (${m.ended.place})` : ''] : '—'))))));
}

/**
 * A form of the register's actions. Rows are built with row() (a field description as in
 * forms.js, or a custom control), errors are shown beside the row the server's detail `field`
 * names (see place()), the rest above the buttons. Submit calls `onSubmit(form)`; it returns
 * the request's promise; a thrown ApiError is shown, anything else goes to the console.
 */
export class ActionForm {
  /** @param {string} id  prefix of every control id, e.g. "member-new" */
  constructor(id) {
    this.id = id;
    this.inputs = {};
    this.errors = {};
    this.fields = {};
    this.formError = h('p', { class: 'form-error', id: `${id}-form-error`, role: 'alert', hidden: true });
  }

  /** A labelled row for field `f` ({name, label, type, kind, required, attrs}) with `value`. */
  row(f, value, labelText) {
    const el = f.control || control(this.id, f, value ?? null);
    if (f.control) el.id = `${this.id}-${f.name}`;
    this.inputs[f.name] = el;
    this.fields[f.name] = f;
    this.errors[f.name] = h('p', { class: 'field-error', id: `${this.id}-${f.name}-error`, hidden: true });
    el.setAttribute('aria-describedby', `${this.id}-${f.name}-error`);
    return h('div', { class: 'field', dataset: { field: f.name } },
      h('label', { for: el.id, text: labelText ?? t(f.label) }), el, this.errors[f.name]);
  }

  /** The value of a row (null when empty). */
  value(name) { return readValue(this.fields[name], this.inputs[name]); }

  clear() {
    this.formError.hidden = true;
    this.formError.replaceChildren();
    for (const [name, el] of Object.entries(this.errors)) {
      el.hidden = true; el.textContent = '';
      this.inputs[name].removeAttribute('aria-invalid');
    }
  }

  /** Shows `message` beside row `name`; false when there is no such row. */
  fieldError(name, message) {
    if (!this.errors[name]) return false;
    this.errors[name].textContent = message;
    this.errors[name].hidden = false;
    this.inputs[name].setAttribute('aria-invalid', 'true');
    return true;
  }

  /**
   * The row a server field names: itself, without a "person." / "new_head." / "members[i]."
   * prefix, a relationship of person N ("relationships.N", "new_head.relationships.N",
   * "members[i].relationship" of person N) as "rel-N", "new_head_id" / "new_head.person_id" as
   * "new_head", or its last segment.
   */
  place(field) {
    const f = String(field || '');
    const rel = /relationships?[.[]"?(\d+)/.exec(f);
    const cands = [f, rel ? `rel-${rel[1]}` : null,
      /^new_head(_id|\.person_id)?$/.test(f) ? 'new_head' : null,
      f.replace(/^(person|new_head|housing)\./, ''), f.replace(/^members\[\d+\]\./, ''), f.split('.').pop()];
    return cands.find((c) => c && this.errors[c]) || null;
  }

  /** Shows an error answer: each detail beside its row, the others (and the message) on top. */
  showError(err) {
    if (!err || err.status === undefined) { console.error(err); return; }
    const unplaced = [];
    for (const d of err.details || []) {
      const name = this.place(d.field);
      if (!(name && this.fieldError(name, localMessage(d)))) unplaced.push(`${d.field ? `${d.field}: ` : ''}${localMessage(d)}`);
    }
    if (unplaced.length || !(err.details || []).length) {
      this.formError.textContent = [err.localMessage(), ...unplaced].filter(Boolean).join(' · ');
      this.formError.hidden = false;
    }
    const first = Object.values(this.inputs).find((el) => el.getAttribute('aria-invalid'));
    if (first) first.focus();
  }

  /** Whether every required row has a value (marks those that have none). */
  checkRequired() {
    let ok = true;
    for (const [name, f] of Object.entries(this.fields)) {
      if (!f.required) continue;
      const el = this.inputs[name];
      if (el.closest('[hidden]')) continue;
      const v = this.value(name);
      if (v === null || v === '') { this.fieldError(name, t('form.required')); ok = false; }
    }
    return ok;
  }

  /** The form element: `parts` (rows and other nodes), then the error and the buttons. */
  form(parts, { submitLabel, onSubmit, onCancel }) {
    const save = h('button', { type: 'submit', class: 'primary', id: `${this.id}-save`, text: t(submitLabel || 'form.save') });
    const cancel = h('button', { type: 'button', id: `${this.id}-cancel`, text: t('form.cancel'), on: { click: () => onCancel && onCancel() } });
    const form = h('form', { class: 'edit-form register-form', id: `${this.id}-form`, novalidate: true },
      parts, this.formError, h('div', { class: 'form-actions' }, save, onCancel ? cancel : null));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      this.clear();
      if (!this.checkRequired()) return;
      save.disabled = true;
      try {
        await onSubmit(this);
      } catch (err) {
        this.showError(err);
      } finally {
        save.disabled = false;
      }
    });
    return form;
  }
}

/** A select of the given [value, label] pairs (first option `emptyLabel` when given). */
export function selectOf(pairs, emptyLabel) {
  return h('select', {},
    emptyLabel !== undefined ? h('option', { value: '', text: emptyLabel }) : null,
    pairs.map(([v, label]) => h('option', { value: String(v), text: label })));
}

/** The fields of a person entered with an event (the new member's or the head's particulars). */
export const NEW_PERSON_FIELDS = [
  { name: 'name', label: 'person.name', required: true },
  { name: 'resident_id', label: 'person.resident_id', attrs: { autocomplete: 'off', spellcheck: 'false' } },
  { name: 'sex', label: 'person.sex', type: 'enum', kind: 'sex' },
  { name: 'birth_date', label: 'person.birth_date', type: 'date', attrs: DATE_RANGE },
  { name: 'relationship', label: 'person.relationship', type: 'enum', kind: 'relationship', required: true },
  { name: 'ethnicity', label: 'person.ethnicity', type: 'enum', kind: 'ethnicity' },
  { name: 'education', label: 'person.education', type: 'enum', kind: 'education' },
  { name: 'phone', label: 'person.phone', type: 'tel', attrs: { autocomplete: 'off', inputmode: 'tel' } },
  { name: 'health', label: 'person.health', type: 'enum', kind: 'health' },
  { name: 'disability_grade', label: 'person.disability_grade', type: 'number', attrs: { min: 1, max: 4 } },
  { name: 'able_to_work', label: 'person.able_to_work', type: 'bool' },
  { name: 'wants_work', label: 'person.wants_work', type: 'bool' },
];

/** The values of `fields` in `form` as an object, leaving out the empty ones. */
export function valuesOf(form, fields) {
  const out = {};
  for (const f of fields) {
    const v = form.value(f.name);
    if (v !== null && v !== '') out[f.name] = v;
  }
  return out;
}

let pathsPromise = null;
/**
 * Whether the server serves a route, named as in its openapi.json ("/api/v1/households/{id}/
 * timeline"; the api test keeps that document equal to the route table). The living register's
 * routes came in parts: a page offers only what the server has, and asks for nothing else.
 */
export async function serves(path) {
  if (!pathsPromise) {
    pathsPromise = fetch('/api/v1/openapi.json', { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : {})).then((d) => d.paths || {})
      .catch(() => { pathsPromise = null; return {}; });
  }
  return Boolean((await pathsPromise)[path]);
}

/** Loads the timeline of households/ID or persons/ID; null when the server has no such route. */
export async function loadTimeline(kind, id) {
  if (!(await serves(`/api/v1/${kind}/{id}/timeline`))) return null;
  return (await api('GET', `${kind}/${encodeURIComponent(id)}/timeline`)).data;
}
