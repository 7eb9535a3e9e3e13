// Audit trail page (#/audit), for sessions listing audit.read (auditor, county_admin): every
// audit entry newest first — time (local), user, action, the record (household number, a
// person's name, masked id and household number), and the changes (masked by the server) as
// "field label: from → to". Filters entity, username, action (known actions, enum
// audit_action), local dates from/to, a household number or the tail of a resident id, kept in
// the URL (a bookmark keeps them); "more" loads the next page (opaque cursor).
//
// API: GET /api/v1/audit?entity=&username=&action=&from=&to=&household_no=&resident_id_tail=
//      &limit=&cursor= → {items, next_cursor}.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { ENUMS } from '../../enums.js';
import { auditRecordLabel, fieldLabel, fieldValue, shownLabels } from '../../fields.js';
import { currentLocale, fmtNumber, t, tEnum } from '../../i18n.js';
import { go } from '../../router.js';

/** Entries per page. */
const PAGE = 50;
/** The filters this page passes to the API (and keeps in the URL). */
const FILTERS = ['entity', 'username', 'action', 'from', 'to', 'household_no', 'resident_id_tail'];

/** The entry's time (ISO text from the server) in the browser's local time and language. */
function fmtAt(at) {
  const d = new Date(at);
  if (!at || Number.isNaN(d.getTime())) return at || '—';
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'short', timeStyle: 'medium' }).format(d);
}

/** The changes of an entry, one line per field: "field: from → to" (others "field: value"). */
function changeLines(changes) {
  if (!changes || typeof changes !== 'object') return [];
  return Object.entries(changes).map(([field, c]) => {
    if (field === 'shown') return t('auditlog.shown', { fields: shownLabels(c) });
    return c && typeof c === 'object' && !Array.isArray(c) && ('from' in c || 'to' in c)
      ? t('auditlog.change', { field: fieldLabel(field), from: fieldValue(field, c.from), to: fieldValue(field, c.to) })
      : t('auditlog.value', { field: fieldLabel(field), value: fieldValue(field, c) });
  });
}

function row(e) {
  const label = (k) => ({ dataset: { label: t(k) } });
  return h('tr', { class: 'audit-row', dataset: { seq: e.seq, action: e.action, entity: e.entity || '',
                                                 entityId: e.entity_id || '' } },
    h('td', { ...label('auditlog.at'), class: 'mono', title: e.at || '', text: fmtAt(e.at) }),
    h('td', { ...label('auditlog.user'), text: e.username || '—' }),
    h('td', label('auditlog.action'), h('span', { class: 'badge', text: tEnum('audit_action', e.action) })),
    h('td', { ...label('auditlog.entity'), class: 'audit-record', text: auditRecordLabel(e) }),
    h('td', { ...label('auditlog.changes'), class: 'audit-changes' },
      h('ul', {}, changeLines(e.changes).map((x) => h('li', { text: x })))));
}

function filterForm(query) {
  const field = (name, key, el) => h('div', { class: 'field' }, h('label', { for: `a-${name}`, text: t(key) }), el);
  const input = (name, type = 'text') => h('input', { id: `a-${name}`, name, type, value: query[name] || '',
                                                    autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none' });
  const action = h('select', { id: 'a-action', name: 'action' },
    h('option', { value: '', text: t('auditlog.any_action') }),
    (ENUMS.audit_action || []).map((a) => {
      const o = h('option', { value: a, text: tEnum('audit_action', a) });
      if (query.action === a) o.selected = true;
      return o;
    }));
  const form = h('form', { class: 'filters panel', id: 'audit-filter', role: 'search' },
    h('div', { class: 'filter-grid' },
      field('entity', 'auditlog.entity_type', input('entity')),
      field('username', 'auditlog.username', input('username')),
      field('action', 'auditlog.action', action),
      field('from', 'auditlog.from', input('from', 'date')),
      field('to', 'auditlog.to', input('to', 'date')),
      field('household_no', 'auditlog.household_no', input('household_no')),
      field('resident_id_tail', 'auditlog.resident_id_tail', input('resident_id_tail'))),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'primary', id: 'audit-apply', text: t('auditlog.apply') }),
      h('button', { type: 'button', id: 'audit-clear', text: t('auditlog.clear'),
                    on: { click: () => go('audit', {}, {}) } })));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = {};
    for (const f of FILTERS) {
      const v = form.elements.namedItem(f).value.trim();
      if (v) q[f] = v;
    }
    go('audit', {}, q);
  });
  return form;
}

/** Renders the page; route.query holds the filters. */
export async function render(view, route) {
  const query = route.query || {};
  const filters = Object.fromEntries(FILTERS.filter((f) => query[f]).map((f) => [f, query[f]]));
  const tbody = h('tbody');
  const cols = ['auditlog.at', 'auditlog.user', 'auditlog.action', 'auditlog.entity', 'auditlog.changes'];
  const table = h('table', { class: 'data responsive', id: 'audit-table' },
    h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))), tbody);
  const status = h('p', { class: 'muted list-status', id: 'audit-status', role: 'status' });
  const more = h('button', { type: 'button', id: 'audit-more', hidden: true, text: t('auditlog.more') });
  let cursor = '';
  let shown = 0;
  const loadPage = async () => {
    more.disabled = true;
    try {
      const { data } = await api('GET', 'audit', { query: { ...filters, limit: PAGE, cursor } });
      const items = data.items || [];
      tbody.append(...items.map(row));
      shown += items.length;
      cursor = data.next_cursor || '';
      more.hidden = !cursor;
      status.textContent = shown === 0 ? t('auditlog.empty')
        : t(cursor ? 'auditlog.shown_more' : 'auditlog.shown_all', { n: fmtNumber(shown) });
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => {
    loadPage().catch((err) => {
      if (err.status === 401) return;
      status.textContent = `${t('error.load_failed')}: ${err.localMessage ? err.localMessage() : err}`;
    });
  });
  await loadPage();
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('auditlog.title') })),
    h('p', { class: 'muted', text: t('auditlog.intro') }),
    filterForm(query),
    h('section', { class: 'panel' }, h('div', { class: 'table-wrap' }, table), status, more));
  view.dataset.ready = 'audit';
}
