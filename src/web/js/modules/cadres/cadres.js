// Cadre list (GET /api/v1/cadres): name, unit, title, phone (masked unless the session may see
// whole ids), current households in scope; a search box (name, unit or phone) and a unit filter;
// a form to add a cadre when the session may manage cadres.

import { api, localMessage } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';
import { href } from '../../router.js';

/** Renders the list page. */
export async function render(view, route) {
  const q = (route.query && route.query.q) || '';
  const search = h('input', { id: 'cadres-q', name: 'q', type: 'search', value: q, placeholder: t('cadres.search') });
  const unit = h('input', { id: 'cadres-unit', name: 'unit', type: 'search', placeholder: t('cadres.unit') });
  const body = h('tbody', {});
  const cols = ['cadres.name', 'cadres.unit', 'cadres.title', 'cadres.phone', 'cadres.households_now'];
  const load = async () => {
    const list = (await api('GET', 'cadres', { query: { q: search.value, unit: unit.value } })).data.items;
    replace(body, list.length ? list.map((c) => h('tr', {},
      h('td', { dataset: { label: t('cadres.name') } }, h('a', { href: href('cadre', { id: c.id }), text: c.name })),
      h('td', { dataset: { label: t('cadres.unit') }, text: c.unit || '—' }),
      h('td', { dataset: { label: t('cadres.title') }, text: c.title || '—' }),
      h('td', { dataset: { label: t('cadres.phone') }, text: c.phone || '—' }),
      h('td', { class: 'num', dataset: { label: t('cadres.households_now') }, text: fmtNumber(c.households_now) })))
      : [h('tr', {}, h('td', { colspan: String(cols.length), class: 'muted', text: t('cadres.empty') }))]);
  };
  const filters = h('form', { class: 'filters', id: 'cadres-filters', role: 'search' },
    h('label', { for: search.id, text: t('cadres.search') }), search,
    h('label', { for: unit.id, text: t('cadres.unit') }), unit,
    h('button', { type: 'submit', text: t('cadres.search_submit') }));
  filters.addEventListener('submit', (ev) => { ev.preventDefault(); load().catch(console.error); });
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('cadres.title_list') })),
    filters,
    can('cadres.manage') ? addForm(load) : null,
    h('div', { class: 'table-wrap panel' }, h('table', { class: 'data responsive', id: 'cadres-list' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))), body)));
  await load();
  view.dataset.ready = 'cadres';
}

// The add form (POST /api/v1/cadres).
function addForm(reload) {
  const input = (name, label, type = 'text') => {
    const el = h('input', { id: `cadre-new-${name}`, name, type, autocomplete: 'off' });
    return { el, field: h('div', { class: 'field' }, h('label', { for: el.id, text: t(label) }), el,
      h('p', { class: 'field-error', id: `${el.id}-error`, hidden: true })) };
  };
  const f = { name: input('name', 'cadres.name'), unit: input('unit', 'cadres.unit'),
    title: input('title', 'cadres.title'), phone: input('phone', 'cadres.phone', 'tel') };
  const error = h('p', { class: 'form-error', id: 'cadre-new-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'panel', id: 'cadre-new' },
    h('h2', { text: t('cadres.add_title') }), Object.values(f).map((x) => x.field), error,
    h('button', { type: 'submit', class: 'primary', id: 'cadre-new-submit', text: t('cadres.add_submit') }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const p of form.querySelectorAll('.field-error')) p.hidden = true;
    error.hidden = true;
    try {
      await api('POST', 'cadres', { body: Object.fromEntries(Object.entries(f).map(([k, x]) => [k, x.el.value])) });
      form.reset();
      await reload();
    } catch (e) {
      let placed = false;
      for (const d of (e.details && e.details.length ? e.details : [e])) {
        const box = f[d.field] && document.getElementById(`cadre-new-${d.field}-error`);
        if (box) { box.textContent = localMessage(d); box.hidden = false; placed = true; }
      }
      if (!placed) { error.textContent = localMessage(e); error.hidden = false; }
    }
  });
  return form;
}
