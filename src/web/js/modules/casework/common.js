// Shared pieces of the casework pages (docs/casework.md, casework): the server's labels of case
// types, states and transitions (each comes with label_zh / label_en, casework/case_type.h),
// the clock badge of a case (green, orange when the server says near, red when overdue,
// "已督办" when escalated), dates, and the inbox bell in the header (the unread count of the
// session, GET /api/v1/session `inbox_unread`).

import { api, saveSession, session } from '../../api.js';
import { h } from '../../dom.js';
import { currentLang, currentLocale, t } from '../../i18n.js';

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

let typesPromise = null;
/**
 * The case types the server runs ([{kind, label_zh, label_en, manual_open, states: [{name,
 * label_zh, label_en, terminal}], transitions: [...]}]), fetched once per page load.
 */
export function caseTypes() {
  if (!typesPromise) {
    typesPromise = api('GET', 'case-types').then(({ data }) => (Array.isArray(data) ? data : data.items || []))
      .catch((e) => { typesPromise = null; throw e; });
  }
  return typesPromise;
}

/** The label of case kind `kind` from the types list. */
export function kindLabel(types, kind, c) {
  if (c && (c.kind_label_zh || c.kind_label)) return label(c, 'kind_', kind);
  const ty = (types || []).find((x) => x.kind === kind);
  return ty ? label(ty, '', kind) : kind;
}

/** The label of state `state` of kind `kind`. */
export function stateLabel(types, kind, state, c) {
  if (c && (c.state_label_zh || c.state_label)) return label(c, 'state_', state);
  const ty = (types || []).find((x) => x.kind === kind);
  const st = ty && (ty.states || []).find((s) => s.name === state);
  return st ? label(st, '', state) : state;
}

/** The label of a transition name of kind `kind` (the first transition of that name). */
export function transitionLabel(types, kind, name) {
  if (name === 'escalate') return t('casework.transition_escalate');
  if (name === 'open') return t('casework.transition_open');
  const ty = (types || []).find((x) => x.kind === kind);
  const tr = ty && (ty.transitions || []).find((x) => x.name === name);
  return tr ? label(tr, '', name) : name;
}

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

/** An ISO timestamp as local "YYYY-MM-DD HH:MM" in China time. */
export function fmtAt(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

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

/** The header update (app.js calls it on every page): redraws; re-asks once a minute. */
export function updateBell() {
  drawBell();
  if (session() && Date.now() - lastFetch > REFRESH_MS && lastFetch !== 0) refreshBell();
  if (lastFetch === 0) lastFetch = Date.now();  // app.js fetched the session at start
}
