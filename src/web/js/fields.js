// Readable names of record fields and records in the audit trail (issue #14 item 6): entries
// name fields by their stored key ("employment_kind") and records by internal id; the pages
// show the catalogue label ("就业方式") and the household number the server joins in
// (GET /api/v1/audit items' household_no and person {name, resident_id}).

import { t, tEnum } from './i18n.js';

/** Catalogue keys of the fields an audit entry may name (registry ChangeSet keys). */
const FIELD_KEYS = {
  name: 'person.name',
  resident_id: 'person.resident_id',
  phone: 'person.phone',
  sex: 'person.sex',
  birth_date: 'person.birth_date',
  relationship: 'person.relationship',
  ethnicity: 'person.ethnicity',
  education: 'person.education',
  health: 'person.health',
  disability_grade: 'person.disability_grade',
  able_to_work: 'person.able_to_work',
  wants_work: 'person.wants_work',
  employment_kind: 'person.employment_kind',
  employer: 'person.employer',
  household_id: 'person.household',
  household_no: 'household.no',
  category: 'household.category',
  move_in_date: 'household.move_in_date',
  convention_signed: 'household.convention_signed',
  site_id: 'household.site',
  grid_id: 'household.grid',
  origin_village_id: 'household.origin',
  housing_unit_id: 'housing.unit',
  members: 'household.members',
};

/**
 * The enumerated kind (enums.js, the session's lists) of each audit field whose values are
 * stored as codes: their labels are shown ("其他 → 户主", not "other → head"). Booleans are
 * yes/no.
 */
const FIELD_ENUMS = {
  relationship: 'relationship', sex: 'sex', category: 'category', health: 'health',
  employment_kind: 'employment_kind', relocation_type: 'relocation_type',
  able_to_work: 'yes_no', wants_work: 'yes_no', convention_signed: 'yes_no',
};

/**
 * A value of field `name` in an audit entry as a reader reads it: the catalogue label of an
 * enumerated value (tEnum), yes/no for booleans; any other value, and a value the session's
 * lists do not know, as stored. null/undefined/'' → '—'.
 */
export function fieldValue(name, value) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  const kind = FIELD_ENUMS[name];
  if (kind === 'yes_no') {
    if (value === true || value === 'true' || value === 1 || value === '1') return tEnum('yes_no', 'yes');
    if (value === false || value === 'false' || value === 0 || value === '0') return tEnum('yes_no', 'no');
    return String(value);
  }
  return kind ? tEnum(kind, value) : String(value);
}

/** The label of field `name` in the UI language; an unknown field is shown as named. */
export function fieldLabel(name) {
  return FIELD_KEYS[name] ? t(FIELD_KEYS[name]) : name;
}

/**
 * The record an audit entry is about, as a reader names it: "户 LX-0000017", "张三
 * 141124********015X（户 LX-0000017）"; the internal id only when the record is gone.
 */
export function auditRecordLabel(e) {
  if (e.entity === 'household') {
    return e.household_no ? t('entity.household_no_ref', { no: e.household_no })
      : t('entity.household_ref', { id: e.entity_id });
  }
  if (e.entity === 'person') {
    if (e.person && e.household_no) {
      return t('entity.person_named_ref', { name: e.person.name, rid: e.person.resident_id, no: e.household_no });
    }
    return t('entity.person_ref', { id: e.entity_id });
  }
  return e.entity ? `${e.entity} ${e.entity_id || ''}`.trim() : '—';
}

/** The fields named by a view_full entry's "shown" ("resident_id phone"), as labels. */
export function shownLabels(shown) {
  return String(shown || '').split(/\s+/).filter(Boolean).map(fieldLabel).join(t('common.list_sep'));
}
