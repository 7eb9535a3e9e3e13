// "Who must act now" (#/queue, docs/casework.md Queue): the open cases the user holds or
// supervises after escalation (GET /api/v1/cases/queue), grouped by kind; each with its title
// (link to the case page), household number (link to the household page), state, due date and
// clock badge. Filter by kind (?kind=, in the hash so it can be bookmarked).

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';
import { go, href } from '../../router.js';
import { clockBadge, kindLabel, levelLabel, stateLabel } from './common.js';

/** One queue entry as a card (fits a 375 px phone; no table). */
export function caseCard(c) {
  return h('li', { class: 'case-card', dataset: { id: c.id, kind: c.kind, state: c.state } },
    h('div', { class: 'case-card-head' },
      h('a', { class: 'case-title', href: href('case', { id: c.id }), text: c.title || `#${c.id}` }),
      clockBadge(c)),
    h('div', { class: 'case-card-meta muted' },
      h('span', { class: 'badge case-state', text: stateLabel(c.kind, c.state, c) }),
      // In this queue as escalation's supervisor, not its holder (who keeps it).
      c.supervised ? h('span', { class: 'badge case-supervised', text: t('casework.supervised', { holder: levelLabel(c.holder_level) }) }) : null,
      c.household_id ? h('a', { class: 'case-household', href: href('household', { id: c.household_id }),
                                text: c.household_no || t('casework.household_ref', { id: c.household_id }) }) : null));
}

/** Renders the queue page. */
export async function render(view, route, ctx) {
  const kind = route.query.kind || '';
  const { data } = await api('GET', 'cases/queue');
  if (!ctx.current()) return;
  const all = data.items || [];
  const kinds = [...new Set(all.map((c) => c.kind))];
  const items = kind ? all.filter((c) => c.kind === kind) : all;
  const sel = h('select', { id: 'queue-kind', name: 'kind' },
    h('option', { value: '', text: t('casework.all_kinds') }),
    [...new Set([...kinds, ...(kind ? [kind] : [])])].map((k) => h('option', {
      value: k, selected: k === kind, text: kindLabel(k, all.find((c) => c.kind === k)) })));
  sel.addEventListener('change', () => go('queue', {}, { kind: sel.value }));
  const groups = kinds.filter((k) => !kind || k === kind).map((k) => {
    const list = items.filter((c) => c.kind === k);
    return h('section', { class: 'panel queue-group', dataset: { kind: k } },
      h('h2', {}, kindLabel(k, list[0]), ' ', h('span', { class: 'badge', text: fmtNumber(list.length) })),
      h('ul', { class: 'case-cards' }, list.map((c) => caseCard(c))));
  });
  const overdue = items.filter((c) => c.overdue).length;
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('casework.queue_title') })),
    h('p', { class: 'muted', id: 'queue-summary',
             text: t('casework.queue_summary', { n: fmtNumber(items.length), overdue: fmtNumber(overdue) }) }),
    h('div', { class: 'field queue-filter' }, h('label', { for: 'queue-kind', text: t('casework.kind') }), sel),
    items.length ? groups : h('p', { class: 'muted', id: 'queue-empty', text: t('casework.queue_empty') }));
  view.dataset.ready = 'queue';
}
