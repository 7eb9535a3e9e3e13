// Assign a welfare post (POST /api/v1/posts): site, kind, a candidate of the site (GET
// /api/v1/posts/candidates, formerly poor households first), contract and 公示 dates. The rules'
// refusals (posts.h) appear next to the field they name; a candidate above posts.age_max shows
// the age warning before the post is given.
import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { href } from '../../router.js';
import { clearErrors, field, showError, yuan } from './posts_util.js';

const P = 'post-new';

/** Renders #/posts/new. */
export async function render(view) {
  const [kinds, quotas] = await Promise.all([api('GET', 'post-kinds'), api('GET', 'post-quotas')]);
  const sites = new Map(quotas.data.items.map((x) => [x.site_id, x.site_name]));
  const f = {
    site_id: field(`${P}-site_id`, 'posts.site', h('select', { name: 'site_id' },
      h('option', { value: '', text: t('posts.choose') }), [...sites].map(([id, name]) => h('option', { value: String(id), text: name })))),
    kind_id: field(`${P}-kind_id`, 'posts.kind', h('select', { name: 'kind_id' },
      h('option', { value: '', text: t('posts.choose') }),
      kinds.data.items.map((k) => h('option', { value: String(k.id), text: `${k.name} · ${yuan(k.monthly_subsidy_fen)}` })))),
    person_id: field(`${P}-person_id`, 'posts.candidate', h('select', { name: 'person_id', disabled: true },
      h('option', { value: '', text: t('posts.choose_site_first') }))),
    contract_from: field(`${P}-contract_from`, 'posts.contract_from', h('input', { type: 'date', name: 'contract_from' })),
    contract_until: field(`${P}-contract_until`, 'posts.contract_until', h('input', { type: 'date', name: 'contract_until' })),
    publicity_from: field(`${P}-publicity_from`, 'posts.publicity_from', h('input', { type: 'date', name: 'publicity_from' })),
    publicity_until: field(`${P}-publicity_until`, 'posts.publicity_until', h('input', { type: 'date', name: 'publicity_until' })),
    note: field(`${P}-note`, 'posts.note', h('input', { type: 'text', name: 'note', autocomplete: 'off' })),
  };
  const warn = h('p', { class: 'warning', id: `${P}-age-warning`, role: 'status', hidden: true });
  let candidates = [];
  const person = f.person_id.el;
  const showWarning = () => {
    const c = candidates.find((x) => String(x.person_id) === person.value);
    warn.hidden = !(c && c.age_warning);
    if (c && c.age_warning) warn.textContent = t('posts.age_warning', { age: c.age });
  };
  f.site_id.el.addEventListener('change', async () => {
    const site = f.site_id.el.value;
    candidates = site ? (await api('GET', 'posts/candidates', { query: { site_id: site } })).data.items : [];
    replace(person, h('option', { value: '', text: candidates.length ? t('posts.choose') : t('posts.no_candidates') }),
      candidates.map((c) => h('option', { value: String(c.person_id),
        text: `${c.name} · ${c.household_no} · ${t('posts.age_n', { age: c.age })}${c.category === 'registered_poor' ? ` · ${t('posts.formerly_poor')}` : ''}${c.age_warning ? ' ⚠' : ''}` })));
    person.disabled = !candidates.length;
    showWarning();
  });
  person.addEventListener('change', showWarning);
  const error = h('p', { class: 'form-error', id: `${P}-error`, role: 'alert', hidden: true });
  const form = h('form', { class: 'panel', id: P },
    Object.values(f).map((x) => x.field), warn, error,
    h('p', { class: 'muted', text: t('posts.rules_hint') }),
    h('button', { type: 'submit', class: 'primary', id: `${P}-submit`, text: t('posts.assign_submit') }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form, error);
    const v = Object.fromEntries(Object.entries(f).map(([k, x]) => [k, x.el.value]));
    const body = { person_id: Number(v.person_id) || 0, kind_id: Number(v.kind_id) || 0, site_id: Number(v.site_id) || undefined,
      contract_from: v.contract_from, contract_until: v.contract_until, publicity_from: v.publicity_from,
      publicity_until: v.publicity_until, note: v.note };
    try {
      const made = (await api('POST', 'posts', { body })).data;
      location.hash = href('post', { id: made.id });
    } catch (e) {
      showError(form, P, e, error);
    }
  });
  replace(view, h('div', { class: 'page-head' }, h('h1', { text: t('posts.assign') }),
    h('p', {}, h('a', { href: href('posts'), text: t('posts.back') }))), form);
  view.dataset.ready = 'post-new';
}
