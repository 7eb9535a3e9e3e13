// The session's capabilities (GET/POST /api/v1/session "capabilities", auth/capabilities.h):
// what the signed-in user may do and the server's own lists, so the UI copies no server
// knowledge. Shape: {role, scope: {level, township_code?, site_id?, grid_id?, label},
// actions: ["households.create", …], enums: {kind: [value, …]},
// policy: {working_age: {min_years, max_years, source}}}. Null before login.

import { session } from './api.js';

/** The capabilities of the stored session, or null. */
export function capabilities() {
  const s = session();
  return (s && s.capabilities) || null;
}

/** Whether the session lists `action` (e.g. "import.run"); false without a session. */
export function can(action) {
  const c = capabilities();
  return Boolean(c && Array.isArray(c.actions) && c.actions.includes(action));
}

/** The server's values of an enumerated kind ("sex"), or undefined when it sends none. */
export function serverEnum(kind) {
  const c = capabilities();
  return c && c.enums ? c.enums[kind] : undefined;
}

/** Working-age bounds {min_years, max_years, source} (completed years, inclusive), or null. */
export function workingAge() {
  const c = capabilities();
  return (c && c.policy && c.policy.working_age) || null;
}
