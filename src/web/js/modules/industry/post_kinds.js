// Post kinds and quotas (GET /api/v1/post-kinds, /api/v1/post-quotas): the catalogue (level,
// funding, monthly subsidy) and each site's quota with its use today; forms to add a kind
// (county) and a quota (those who keep posts, within their scope).
import { api, session } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { clearErrors, field, showError, yuan } from './posts_util.js';

function addForm(id, title, fields, body, reload) {
  const error = h('p', { class: 'form-error', id: `${id}-error`, role: 'alert', hidden: true });
  const el = h('form', { class: 'panel', id }, h('h2', { text: t(title) }), fields.map((x) => x.field), error,
    h('button', { type: 'submit', class: 'primary', id: `${id}-submit`, text: t('posts.add') }));
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(el, error);
    try { await api('POST', id === 'post-kind-new' ? 'post-kinds' : 'post-quotas', { body: body() }); await reload(); } catch (e) { showError(el, id, e, error); }
  });
  return el;
}

/** Renders #/post-kinds. */
export async function render(view, route) {
  const reload = () => render(view, route);
  const [kinds, quotas] = await Promise.all([api('GET', 'post-kinds'), api('GET', 'post-quotas')]);
  const th = (keys) => h('thead', {}, h('tr', {}, keys.map((k) => h('th', { scope: 'col', text: t(k) }))));
  const kindTable = h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'post-kinds' },
    th(['posts.kind', 'posts.level', 'posts.funding', 'posts.subsidy']),
    h('tbody', {}, kinds.data.items.map((k) => h('tr', {},
      h('td', { dataset: { label: t('posts.kind') }, text: k.name }),
      h('td', { dataset: { label: t('posts.level') }, text: tEnum('post_level', k.level) }),
      h('td', { dataset: { label: t('posts.funding') }, text: k.funding || '—' }),
      h('td', { class: 'num', dataset: { label: t('posts.subsidy') }, text: yuan(k.monthly_subsidy_fen) }))))));
  const quotaTable = h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'post-quotas' },
    th(['posts.site', 'posts.kind', 'posts.quota_use', 'posts.valid']),
    h('tbody', {}, quotas.data.items.map((q) => h('tr', {},
      h('td', { dataset: { label: t('posts.site') }, text: q.site_name }),
      h('td', { dataset: { label: t('posts.kind') }, text: q.kind_name }),
      h('td', { class: 'num', dataset: { label: t('posts.quota_use') }, text: t('posts.used_of', { used: fmtNumber(q.used), quota: fmtNumber(q.quota) }) }),
      h('td', { dataset: { label: t('posts.valid') }, text: `${q.valid_from} – ${q.valid_until || ''}` }))))));
  const forms = [];
  const s = session();
  if (can('industry.manage') && s && s.scope && s.scope.level === 'county') {
    const f = {
      name: field('post-kind-new-name', 'posts.kind', h('input', { type: 'text', name: 'name', autocomplete: 'off' })),
      level: field('post-kind-new-level', 'posts.level', h('select', { name: 'level' },
        ['village', 'township', 'department'].map((l) => h('option', { value: l, text: tEnum('post_level', l) })))),
      funding: field('post-kind-new-funding', 'posts.funding', h('input', { type: 'text', name: 'funding' })),
      monthly_subsidy_fen: field('post-kind-new-monthly_subsidy_fen', 'posts.subsidy', h('input', { type: 'number', name: 'subsidy', min: '0', step: '0.01' })),
    };
    forms.push(addForm('post-kind-new', 'posts.add_kind', Object.values(f), () => ({ name: f.name.el.value, level: f.level.el.value,
      funding: f.funding.el.value, monthly_subsidy_fen: Math.round(Number(f.monthly_subsidy_fen.el.value) * 100) }), reload));
  }
  if (can('industry.manage')) {
    const sites = new Map(quotas.data.items.map((x) => [x.site_id, x.site_name]));
    const f = {
      site_id: field('post-quota-new-site_id', 'posts.site', h('select', { name: 'site_id' }, [...sites].map(([id, n]) => h('option', { value: String(id), text: n })))),
      kind_id: field('post-quota-new-kind_id', 'posts.kind', h('select', { name: 'kind_id' }, kinds.data.items.map((k) => h('option', { value: String(k.id), text: k.name })))),
      quota: field('post-quota-new-quota', 'posts.quota', h('input', { type: 'number', name: 'quota', min: '0' })),
      valid_from: field('post-quota-new-valid_from', 'posts.valid_from', h('input', { type: 'date', name: 'valid_from' })),
      valid_until: field('post-quota-new-valid_until', 'posts.valid_until', h('input', { type: 'date', name: 'valid_until' })),
    };
    forms.push(addForm('post-quota-new', 'posts.add_quota', Object.values(f), () => {
      const b = { site_id: Number(f.site_id.el.value), kind_id: Number(f.kind_id.el.value), quota: Number(f.quota.el.value), valid_from: f.valid_from.el.value };
      if (f.valid_until.el.value) b.valid_until = f.valid_until.el.value;
      return b;
    }, reload));
  }
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('posts.kinds_title') }), h('p', {}, h('a', { href: href('posts'), text: t('posts.back') }))),
    h('section', { class: 'panel' }, h('h2', { text: t('posts.kinds') }), kindTable),
    h('section', { class: 'panel' }, h('h2', { text: t('posts.quotas') }), quotaTable),
    forms);
  view.dataset.ready = 'post-kinds';
}
