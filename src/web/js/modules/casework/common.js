// Shared pieces of the casework pages (docs/casework.md, casework): the server's labels of case
// types, states and transitions (each comes with label_zh / label_en, casework/case_type.h),
// the clock badge of a case (green, orange when the server says near, red when overdue,
// "已督办" when escalated), dates, and the inbox bell in the header (the unread count of the
// session, GET /api/v1/session `inbox_unread`).

import { api, saveSession, session } from '../../api.js';
import { h } from '../../dom.js';
import { can, capabilities } from '../../capabilities.js';
import { ENUMS } from '../../enums.js';
import { currentLang, currentLocale, t, tEnum } from '../../i18n.js';
import { fmtAt } from '../../time.js';

/**
 * The label of `obj` in the UI language: obj.<prefix>label_zh / _en, or obj.<prefix>label
 * given as a string or {zh, en}; else `fallback` (the wire name).
 */
export function label(obj, prefix = '', fallback = '') {
  if (!obj) return fallback || '—';
  const zh = obj[`${prefix}label_zh`];
  const en = obj[`${prefix}label_en`];
  const one = obj[`${prefix}label`];
  if (one && typeof one === 'object') return (currentLang() === 'zh' ? one.zh : one.en) || one.zh || one.en || fallback;
  if (currentLang() === 'zh' && zh) return zh;
  if (currentLang() === 'en' && en) return en;
  return one || zh || en || fallback || '—';
}

// The case kinds, states and transitions the UI knows by name (docs/casework.md; the types
// are declared by modules in casework/case_type.h). The server's own labels win: a case comes
// with kind_label_zh/_en and state_label_zh/_en, an action with label_zh/_en. These local
// labels serve where the server sends none (the history's transitions, the list's filters).
/** States of each known kind, in workflow order (the case list's state filter). */
export const KIND_STATES = {
  service_request: 'case_state_service_request',
  finding: 'case_state_finding',
  data_call_reply: 'case_state_data_call_reply',
};

/** Known kinds (values of the local enum case_kind). */
export const knownKinds = () => ENUMS.case_kind || [];

/** The label of a case's kind: the server's, else the catalogue's, else the wire name. */
export function kindLabel(kind, c) {
  if (c && (c.kind_label_zh || c.kind_label)) return label(c, 'kind_', kind);
  return tEnum('case_kind', kind);
}

/** The label of state `state` of `kind`: the case's own label when it is in that state. */
export function stateLabel(kind, state, c) {
  if (c && c.state === state && (c.state_label_zh || c.state_label)) return label(c, 'state_', state);
  return KIND_STATES[kind] ? tEnum(KIND_STATES[kind], state) : state;
}

/** The label of a transition (history rows and actions without a server label). */
export function transitionLabel(name, x) {
  if (x && (x.label_zh || x.label)) return label(x, '', name);
  return tEnum('case_transition', name);
}

/**
 * Whether the session may write (open a case by hand, take a holder's step): CanWrite, the
 * rule POST /api/v1/cases checks (casework/case_service.h Open), sent as households.update.
 */
export const mayWrite = () => can('households.update');

/** The session's scope level ("county", "township", "site", "grid", …) and role. */
export const scopeLevel = () => ((capabilities() || {}).scope || {}).level || '';
export const role = () => (capabilities() || {}).role || '';

/** Today in China (UTC+8) as YYYY-MM-DD. */
export const todayChina = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** "2026-12-03" as the reader's short date; "—" for none. */
export function fmtDay(iso) {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  if (!m) return String(iso);
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** An ISO timestamp as China time "YYYY-MM-DD HH:MM" (the shared formatter, time.js). */
export { fmtAt };

/** The clock state of a case: 'closed', 'none' (no clock), 'overdue', 'near' or 'ok'. */
export function clockOf(c) {
  if (c.closed_on) return 'closed';
  if (!c.due_on) return 'none';
  if (c.overdue) return 'overdue';
  if (c.near) return 'near';
  return 'ok';
}

/**
 * The clock badge: due date coloured by the server's overdue/near (green, orange, red), and a
 * second badge "已督办 N" when the case was escalated.
 */
export function clockBadge(c) {
  const clock = clockOf(c);
  const text = clock === 'closed' ? t('casework.clock_closed')
    : clock === 'none' ? t('casework.clock_none')
      : t(clock === 'overdue' ? 'casework.clock_overdue' : clock === 'near' ? 'casework.clock_near' : 'casework.clock_ok',
        { date: fmtDay(c.due_on) });
  return h('span', { class: 'clock-badges' },
    h('span', { class: `badge clock clock-${clock}`, dataset: { clock, due: c.due_on || '' }, text }),
    c.escalation_level > 0 && !c.closed_on
      ? h('span', { class: 'badge clock-escalated', dataset: { level: c.escalation_level },
                    text: t('casework.escalated', { n: c.escalation_level }) }) : null);
}

/** The holder level's label (grid, site, township, county). */
const LEVEL_KEYS = { grid: 'casework.level_grid', site: 'casework.level_site',
  township: 'casework.level_township', county: 'casework.level_county' };
export const levelLabel = (level) => (LEVEL_KEYS[level] ? t(LEVEL_KEYS[level]) : level || '—');

// --- the inbox bell in the header -------------------------------------------------------

let bell = null;
let lastFetch = 0;
const REFRESH_MS = 60000;

function drawBell() {
  if (!bell) return;
  const s = session();
  const n = s && typeof s.inbox_unread === 'number' ? s.inbox_unread : 0;
  bell.hidden = !s || s.must_change_password || typeof s.inbox_unread !== 'number';
  bell.count.textContent = n > 99 ? '99+' : String(n);
  bell.count.hidden = n === 0;
  bell.dataset.unread = String(n);
  const title = t('casework.bell_title', { n });
  bell.title = title;
  bell.setAttribute('aria-label', title);
}

/** Mounts the bell (a link to #/inbox with the unread count) into the header's tools. */
export function mountBell(tools) {
  const count = h('span', { class: 'bell-count', id: 'inbox-count' });
  bell = h('a', { class: 'inbox-bell', id: 'inbox-bell', href: '#/inbox', hidden: true },
    h('span', { class: 'bell-icon', 'aria-hidden': 'true' }), count);
  bell.count = count;
  tools.prepend(bell);
}

/**
 * Asks the server for the session again (GET /api/v1/session) and redraws the bell with its
 * inbox_unread. Called after the inbox or a case changed, and at most once a minute on
 * navigation.
 */
export async function refreshBell() {
  lastFetch = Date.now();
  try {
    const { data } = await api('GET', 'session');
    const s = session();
    if (s) saveSession({ ...s, ...data });
  } catch (err) {
    if (err.status !== 401) console.error(err);
  }
  drawBell();
}

/** Sets the unread count an answer gave (inbox routes answer `unread`) and redraws. */
export function setUnread(n) {
  const s = session();
  if (s && typeof n === 'number') saveSession({ ...s, inbox_unread: n });
  drawBell();
}

/** The header update (app.js calls it on every page): redraws; re-asks once a minute. */
export function updateBell() {
  drawBell();
  if (session() && Date.now() - lastFetch > REFRESH_MS && lastFetch !== 0) refreshBell();
  if (lastFetch === 0) lastFetch = Date.now();  // app.js fetched the session at start
}
