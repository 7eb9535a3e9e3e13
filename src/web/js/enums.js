// The enumerated values the UI labels and offers. Each value's label is the catalogue key
// "enum.<kind>.<value>" (in the owning module's catalogue).
//
// The values come from the server with the session (capabilities.enums: roles, sexes,
// relationships, employment kinds, education and ethnicity lists, …; auth/capabilities.h),
// so nothing here copies a server list. A few kinds exist only in the UI (a filter's
// employed/unemployed, yes/no, the audit actions shown); their values are declared by the
// module that owns them (modules/<m>/index.js `enums.local`) and registered by app.js.
// ENUMS reads both live: ENUMS.sex is the server's list of the current session.

import { serverEnum } from './capabilities.js';

const local = {};

/** Registers UI-only kinds ({kind: [value, …]}) declared by a module. */
export function registerLocalEnums(kinds) { Object.assign(local, kinds || {}); }

/** ENUMS[kind]: the values of a kind (server's first, then UI-only), or undefined. */
export const ENUMS = new Proxy({}, {
  get: (_, kind) => (typeof kind === 'string' ? serverEnum(kind) || local[kind] : undefined),
  has: (_, kind) => Boolean(serverEnum(kind) || local[kind]),
});

/** Colour of each size class in charts and badges (also in app.css as .size-*). */
export const SIZE_CLASS_COLORS = { '3000_plus': '#b2382f', '800_2999': '#d98c1f', under_800: '#3a7ca5' };

/** Colours of the two household categories. */
export const CATEGORY_COLORS = { registered_poor: '#c0392b', co_relocated: '#2f6f9f' };
