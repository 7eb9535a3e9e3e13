// Welfare-post holdings (GET /api/v1/posts, /api/v1/post-quotas): filters by site, kind and
// current/all; per site and kind the quota's use today, then the holdings.
import { api } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';
import { listAll } from '../../lookups.js';
import { href } from '../../router.js';
import { yuan } from './posts_util.js';

/** Renders #/posts. */
export async function render(view, route) {
  const q = route.query || {};
  const [kinds, quotas] = await Promise.all([api('GET', 'post-kinds'), api('GET', 'post-quotas')]);
  const sites = new Map(quotas.data.items.map((x) => [x.site_id, x.site_name]));
  const opt = (v, label, sel) => h('option', { value: String(v), text: label, selected: String(sel) === String(v) });
  const site = h('select', { id: 'posts-site', name: 'site_id' }, opt('', t('posts.all_sites'), q.site_id || ''),
    [...sites].map(([id, name]) => opt(id, name, q.site_id)));
  const kind = h('select', { id: 'posts-kind', name: 'kind_id' }, opt('', t('posts.all_kinds'), q.kind_id || ''),
    kinds.data.items.map((k) => opt(k.id, k.name, q.kind_id)));
  const current = h('select', { id: 'posts-current', name: 'current' },
    opt('true', t('posts.current_only'), q.current ?? 'true'), opt('', t('posts.all_holdings'), q.current ?? 'true'));
  const use = h('tbody', {});
  const body = h('tbody', {});
  const load = async () => {
    const query = { site_id: site.value, kind_id: kind.value, current: current.value };
    const list = await listAll('posts', query);  // every page (limit/cursor)
    const qs = quotas.data.items.filter((x) => (!site.value || String(x.site_id) === site.value)
      && (!kind.value || String(x.kind_id) === kind.value) && (x.used > 0 || site.value));
    replace(use, qs.length ? qs.map((x) => h('tr', { class: x.used >= x.quota ? 'warn' : '' },
      h('td', { dataset: { label: t('posts.site') }, text: x.site_name }),
      h('td', { dataset: { label: t('posts.kind') }, text: x.kind_name }),
      h('td', { class: 'num', dataset: { label: t('posts.quota_use') }, text: t('posts.used_of', { used: fmtNumber(x.used), quota: fmtNumber(x.quota) }) })))
      : [h('tr', {}, h('td', { colspan: '3', class: 'muted', text: t('posts.no_quota_use') }))]);
    replace(body, list.length ? list.map((x) => h('tr', {},
      h('td', { dataset: { label: t('posts.person') } }, h('a', { href: href('post', { id: x.id }), text: x.person_name })),
      h('td', { dataset: { label: t('posts.household') }, text: x.household_no }),
      h('td', { dataset: { label: t('posts.site') }, text: x.site_name }),
      h('td', { dataset: { label: t('posts.kind') }, text: x.kind_name }),
      h('td', { dataset: { label: t('posts.contract') }, text: `${x.contract_from} – ${x.contract_until}` }),
      h('td', { class: 'num', dataset: { label: t('posts.subsidy') }, text: yuan(x.monthly_subsidy_fen) }),
      h('td', { dataset: { label: t('posts.state') }, text: x.ended_on ? t('posts.ended_on', { date: x.ended_on }) : (x.current ? t('posts.state_current') : t('posts.state_not_current')) })))
      : [h('tr', {}, h('td', { colspan: '7', class: 'muted', text: t('posts.empty') }))]);
  };
  const filters = h('form', { class: 'filters', id: 'posts-filters', role: 'search' },
    h('label', { for: site.id, text: t('posts.site') }), site, h('label', { for: kind.id, text: t('posts.kind') }), kind,
    h('label', { for: current.id, text: t('posts.state') }), current, h('button', { type: 'submit', text: t('posts.filter') }));
  filters.addEventListener('submit', (ev) => { ev.preventDefault(); load().catch(console.error); });
  const cols = ['posts.person', 'posts.household', 'posts.site', 'posts.kind', 'posts.contract', 'posts.subsidy', 'posts.state'];
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('posts.title') }),
      h('p', {}, can('industry.manage') ? h('a', { class: 'button primary', id: 'posts-new', href: href('post-new'), text: t('posts.assign') }) : null,
        ' ', h('a', { class: 'button', href: href('post-kinds'), text: t('posts.kinds_title') }))),
    filters,
    h('section', { class: 'panel' }, h('h2', { text: t('posts.quota_use') }), h('div', { class: 'table-wrap' },
      h('table', { class: 'data responsive', id: 'posts-quota-use' }, h('thead', {}, h('tr', {},
        ['posts.site', 'posts.kind', 'posts.quota_use'].map((k) => h('th', { scope: 'col', text: t(k) })))), use))),
    h('div', { class: 'table-wrap panel' }, h('table', { class: 'data responsive', id: 'posts-list' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))), body)));
  await load();
  view.dataset.ready = 'posts';
}
