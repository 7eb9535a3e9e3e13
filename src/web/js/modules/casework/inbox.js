// The inbox (#/inbox, docs/casework.md Inbox): the user's notifications (GET /api/v1/inbox),
// unread first then newest first; each links to its record (a case, a household, …) and can be
// marked read (POST /api/v1/inbox/{id}/read; following the link marks it read too), and all at
// once (POST /api/v1/inbox/read-all). The header bell's count follows.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';
import { href, routes } from '../../router.js';
import { fmtAt, setUnread } from './common.js';

const KIND_KEYS = {
  case_assigned: 'casework.inbox_kind_case_assigned',
  case_resolved: 'casework.inbox_kind_case_resolved',
  deadline_near: 'casework.inbox_kind_deadline_near',
  overdue_escalated: 'casework.inbox_kind_overdue_escalated',
  returned: 'casework.inbox_kind_returned',
  data_call_received: 'casework.inbox_kind_data_call_received',
};

/**
 * The page of the record a notification is about: a case, a household, or the route named
 * after the entity when a module has one (e.g. "data-call" with :id); null when none.
 */
export function recordHref(entity, id) {
  if (!entity || id === null || id === undefined) return null;
  if (entity === 'case') return href('case', { id });
  if (entity === 'household') return href('household', { id });
  const r = routes().find((x) => (x.name === entity || x.name === entity.replace(/_/g, '-'))
    && x.pattern.length === 2 && x.pattern[1] === ':id');
  return r ? href(r.name, { id }) : null;
}

const LIMIT = 200;

/** Renders the inbox page. */
export async function render(view, route, ctx) {
  const { data } = await api('GET', 'inbox', { query: { limit: LIMIT } });
  if (!ctx.current()) return;
  const items = [...(data.items || [])].sort((a, b) => (Boolean(a.read_at) - Boolean(b.read_at))
    || String(b.created_at || '').localeCompare(String(a.created_at || '')) || (b.id - a.id));
  const unread = items.filter((n) => !n.read_at).length;
  if (typeof data.unread === 'number') setUnread(data.unread);
  const reload = () => render(view, route, ctx);
  const markRead = async (n) => { const { data: r } = await api('POST', `inbox/${n.id}/read`); setUnread(r && r.unread); };
  const list = h('ul', { class: 'inbox-list', id: 'inbox-list' }, items.map((n) => {
    const link = recordHref(n.entity, n.entity_id);
    const title = link
      ? h('a', { class: 'inbox-title', href: link, text: n.title || '—',
                 on: { click: () => { if (!n.read_at) markRead(n).catch((e) => console.error(e)); } } })
      : h('span', { class: 'inbox-title', text: n.title || '—' });
    return h('li', { class: `inbox-item${n.read_at ? '' : ' unread'}`, dataset: { id: n.id, kind: n.kind || '', read: n.read_at ? 'true' : 'false' } },
      h('div', { class: 'inbox-head' },
        n.read_at ? null : h('span', { class: 'badge unread-dot', text: t('casework.unread') }),
        KIND_KEYS[n.kind] ? h('span', { class: 'badge', text: t(KIND_KEYS[n.kind]) }) : null,
        title),
      n.body ? h('p', { class: 'inbox-body', text: n.body }) : null,
      h('div', { class: 'inbox-foot muted' },
        h('span', { text: fmtAt(n.created_at) }),
        n.read_at ? null : h('button', { type: 'button', class: 'small mark-read', text: t('casework.mark_read'),
                                         on: { click: async () => { await markRead(n); await reload(); } } })));
  }));
  const readAll = h('button', { type: 'button', id: 'inbox-read-all', disabled: unread === 0, text: t('casework.mark_all_read'),
                                on: { click: async () => { const { data: r } = await api('POST', 'inbox/read-all'); setUnread(r ? r.unread : 0); await reload(); } } });
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('casework.inbox_title') }), readAll),
    h('p', { class: 'muted', id: 'inbox-summary', dataset: { unread },
             text: t('casework.inbox_summary', { n: fmtNumber(items.length), unread: fmtNumber(unread) }) }),
    items.length ? h('section', { class: 'panel' }, list) : h('p', { class: 'muted', id: 'inbox-empty', text: t('casework.inbox_empty') }));
  view.dataset.ready = 'inbox';
}
