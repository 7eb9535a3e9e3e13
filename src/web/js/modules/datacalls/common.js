// Shared bits of the data-call pages: the status badge and the clock badge of a recipient
// (overdue red, due within three days orange), and error lists from the API's details.
import { h } from '../../dom.js';
import { localMessage } from '../../api.js';
import { t, tEnum } from '../../i18n.js';

/** Days from today (local) to an ISO date; negative when past. */
export function daysUntil(iso) {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  const due = Date.UTC(y, m - 1, d);
  const now = new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((due - today) / 86400000);
}

/** A recipient's status badge. */
export function statusBadge(status) {
  return h('span', { class: `badge dc-status dc-${status}`, text: tEnum('dc_status', status) });
}

/** The clock badge of a recipient ({due_on, overdue, status, escalation_level}). */
export function clockBadge(r) {
  if (!r.due_on || r.status === 'accepted' || r.status === 'submitted') return null;
  const days = daysUntil(r.due_on);
  const cls = r.overdue ? 'dc-overdue' : (days !== null && days <= 3 ? 'dc-near' : 'dc-ok');
  const text = r.overdue ? t('dc.overdue', { date: r.due_on }) : t('dc.due', { date: r.due_on });
  return h('span', { class: `badge dc-clock ${cls}`, text: r.escalation_level > 0
    ? `${text} · ${t('dc.escalated', { n: r.escalation_level })}` : text });
}

/** A list of an ApiError's details (every fault), or its message. */
export function errorList(err) {
  const details = err.details && err.details.length ? err.details : [{ message: err.messageEn, message_zh: err.messageZh }];
  return h('ul', { class: 'form-error dc-errors' }, details.map((d) => h('li', { text: localMessage(d) })));
}
