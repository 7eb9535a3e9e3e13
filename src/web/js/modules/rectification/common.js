// Shared pieces of the rectification pages: the clock badge of a finding (orange when its due
// day is near, red when overdue), who may record inspections (county scope, not read-only).

import { session } from '../../api.js';
import { h } from '../../dom.js';
import { t, tEnum } from '../../i18n.js';

/** The state and clock of a finding as badges: state, then due day (near: orange, overdue: red). */
export function clockBadges(f) {
  const state = h('span', { class: `badge finding-${f.state}`, text: tEnum('finding_state', f.state) });
  if (f.state === 'signed_off' || !f.due_on) return [state];
  let cls = 'badge due';
  let key = 'rect.due';
  if (f.overdue) { cls += ' due-overdue'; key = 'rect.overdue'; } else if (f.near) { cls += ' due-near'; key = 'rect.near'; }
  return [state, ' ', h('span', { class: cls, text: t(key, { date: f.due_on }) })];
}

/** Whether the signed-in user records inspections and findings (the county office). */
export function isCountyWriter() {
  const s = session();
  const scope = s && (s.scope || (s.capabilities && s.capabilities.scope));
  const role = s && (s.role || (s.capabilities && s.capabilities.role));
  return Boolean(scope && scope.level === 'county' && role !== 'auditor');
}

/** Whether the signed-in user may write at all (every role but the auditor). */
export function canWrite() {
  const s = session();
  const role = s && (s.role || (s.capabilities && s.capabilities.role));
  return Boolean(s && role !== 'auditor');
}
