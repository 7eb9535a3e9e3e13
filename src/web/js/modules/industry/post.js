// A welfare-post holding (GET /api/v1/posts/{id}): holder, kind, site, contract, 公示, monthly
// subsidy, its months (attendance and assessment; PUT …/months/{YYYY-MM}), extend (PATCH
// contract_until, If-Match) and end (POST …/end with date and reason, If-Match).
import { api } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { clearErrors, field, showError, yuan } from './posts_util.js';

function form(id, title, fields, submit, onSubmit) {
  const error = h('p', { class: 'form-error', id: `${id}-error`, role: 'alert', hidden: true });
  const el = h('form', { class: 'panel', id }, h('h2', { text: t(title) }), fields.map((x) => x.field), error,
    h('button', { type: 'submit', class: 'primary', id: `${id}-submit`, text: t(submit) }));
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(el, error);
    try { await onSubmit(); } catch (e) { showError(el, id, e, error); }
  });
  return el;
}

/** Renders #/posts/:id. */
export async function render(view, route) {
  const id = route.params.id;
  const got = await api('GET', `posts/${id}`);
  const x = got.data;
  const reload = () => render(view, route);
  const row = (label, value) => h('div', {}, h('dt', { text: t(label) }), h('dd', { text: value }));
  const months = x.months.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'post-months' },
    h('thead', {}, h('tr', {}, ['posts.month', 'posts.days_worked', 'posts.assessment', 'posts.paid'].map((k) => h('th', { scope: 'col', text: t(k) })))),
    h('tbody', {}, x.months.map((m) => h('tr', {},
      h('td', { dataset: { label: t('posts.month') }, text: m.month }),
      h('td', { class: 'num', dataset: { label: t('posts.days_worked') }, text: String(m.days_worked) }),
      h('td', { dataset: { label: t('posts.assessment') }, text: m.assessment ? tEnum('post_assessment', m.assessment) : '—' }),
      h('td', { class: 'num', dataset: { label: t('posts.paid') }, text: yuan(m.paid_fen) }))))))
    : h('p', { class: 'muted', id: 'post-months', text: t('posts.no_months') });
  const forms = [];
  if (can('industry.manage')) {
    const mf = {
      month: field('post-month-month', 'posts.month', h('input', { type: 'month', name: 'month', value: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7) })),
      days_worked: field('post-month-days_worked', 'posts.days_worked', h('input', { type: 'number', name: 'days_worked', min: '0', max: '31' })),
      assessment: field('post-month-assessment', 'posts.assessment', h('select', { name: 'assessment' }, h('option', { value: '', text: '—' }),
        ['excellent', 'pass', 'fail'].map((a) => h('option', { value: a, text: tEnum('post_assessment', a) })))),
      paid_fen: field('post-month-paid_fen', 'posts.paid_yuan', h('input', { type: 'number', name: 'paid', min: '0', step: '0.01' })),
    };
    forms.push(form('post-month', 'posts.record_month', Object.values(mf), 'posts.save', async () => {
      const body = { days_worked: Number(mf.days_worked.el.value) };
      if (mf.assessment.el.value) body.assessment = mf.assessment.el.value;
      if (mf.paid_fen.el.value !== '') body.paid_fen = Math.round(Number(mf.paid_fen.el.value) * 100);
      await api('PUT', `posts/${id}/months/${mf.month.el.value}`, { body });
      await reload();
    }));
    if (!x.ended_on) {
      const until = field('post-extend-contract_until', 'posts.contract_until', h('input', { type: 'date', name: 'contract_until', value: x.contract_until }));
      forms.push(form('post-extend', 'posts.extend', [until], 'posts.save', async () => {
        await api('PATCH', `posts/${id}`, { body: { contract_until: until.el.value }, ifMatch: got.etag });
        await reload();
      }));
      const on = field('post-end-ended_on', 'posts.ended_on_label', h('input', { type: 'date', name: 'ended_on' }));
      const reason = field('post-end-reason', 'posts.end_reason', h('input', { type: 'text', name: 'reason', autocomplete: 'off' }));
      forms.push(form('post-end', 'posts.end', [on, reason], 'posts.end_submit', async () => {
        await api('POST', `posts/${id}/end`, { body: { ended_on: on.el.value, reason: reason.el.value }, ifMatch: got.etag });
        await reload();
      }));
    }
  }
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: `${x.person_name} · ${x.kind_name}` }),
      h('p', {}, h('a', { href: href('posts'), text: t('posts.back') }), ' · ',
        h('a', { href: href('household', { id: x.household_id }), text: x.household_no }))),
    h('section', { class: 'panel' }, h('dl', { class: 'facts', id: 'post-facts' },
      row('posts.site', x.site_name), row('posts.kind', x.kind_name),
      row('posts.contract', `${x.contract_from} – ${x.contract_until}`),
      row('posts.publicity', `${x.publicity_from} – ${x.publicity_until}`),
      row('posts.subsidy', yuan(x.monthly_subsidy_fen)),
      row('posts.state', x.ended_on ? t('posts.ended_on', { date: x.ended_on }) + (x.end_reason ? ` · ${x.end_reason}` : '')
        : (x.current ? t('posts.state_current') : t('posts.state_not_current'))))),
    h('section', { class: 'panel' }, h('h2', { text: t('posts.months') }), months),
    forms);
  view.dataset.ready = 'post';
}
