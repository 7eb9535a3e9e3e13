// #/vacancies: vacancies open today (every role reads them), a form to add one (industry.manage)
// and, per vacancy, the registered job seekers that fit (GET /api/v1/vacancies/{id}/matches).
import { api } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { listAll } from '../../lookups.js';
import { TODAY_CHINA, tally, yuan } from './services-common.js';

const errText = (err) => (err.localMessage ? err.localMessage() : String(err));

async function showMatches(box, id) {
  const { data } = await api('GET', `vacancies/${id}/matches`);
  replace(box, data.items.length === 0 ? h('p', { class: 'muted', text: t('services.no_matches') })
    : h('ul', { class: 'vacancy-matches' }, data.items.map((s) =>
      h('li', { text: t('services.match_line', { name: s.name, no: s.household_no, age: s.age, site: s.site_name, given: tally(s.services) }) }))));
}

function card(v) {
  const box = h('div', { class: 'matches', id: `vacancy-matches-${v.id}` });
  const btn = h('button', { type: 'button', class: 'vacancy-match-button', text: t('services.matches') });
  btn.addEventListener('click', () => showMatches(box, v.id));
  return h('li', { class: 'card vacancy', dataset: { id: v.id } },
    h('strong', { text: `${v.employer} · ${v.post}` }),
    h('p', { text: t('services.vacancy_line', { pay: yuan(v.monthly_pay_fen), n: v.openings, site: v.site_name || t('services.county_wide'), from: v.open_from }) }),
    btn, box);
}

export async function render(view, route, ctx) {
  delete view.dataset.ready;
  const [items, sites] = await Promise.all([
    listAll('vacancies'),  // every page (limit/cursor)
    api('GET', 'sites', { query: { limit: 500 } }).then(({ data: s }) => s.items || []).catch(() => [])]);
  const parts = [h('div', { class: 'page-head' }, h('h1', { text: t('services.vacancies') })),
    items.length === 0 ? h('p', { id: 'vacancies-empty', text: t('services.no_vacancies') })
      : h('ul', { class: 'cards', id: 'vacancies-list' }, items.map(card))];
  if (can('industry.manage')) {
    const f = (id, type = 'text', extra = {}) => h('input', { id, name: id, type, ...extra });
    const employer = f('vacancy-employer');
    const post = f('vacancy-post');
    const pay = f('vacancy-pay', 'number', { min: 0, step: 1 });
    const openings = f('vacancy-openings', 'number', { min: 1, value: 1 });
    const from = f('vacancy-from', 'date', { value: TODAY_CHINA });
    const site = h('select', { id: 'vacancy-site' }, h('option', { value: '', text: t('services.county_wide') }),
      sites.map((s) => h('option', { value: s.id, text: s.name })));
    const error = h('p', { class: 'error', id: 'vacancy-error', hidden: true });
    const form = h('form', { class: 'stack', id: 'vacancy-form' }, h('h2', { text: t('services.new_vacancy') }),
      h('label', { for: 'vacancy-employer', text: t('services.employer') }), employer,
      h('label', { for: 'vacancy-post', text: t('services.post') }), post,
      h('label', { for: 'vacancy-pay', text: t('services.pay_yuan') }), pay,
      h('label', { for: 'vacancy-openings', text: t('services.openings') }), openings,
      h('label', { for: 'vacancy-from', text: t('services.open_from') }), from,
      h('label', { for: 'vacancy-site', text: t('zero.site') }), site,
      error, h('button', { type: 'submit', text: t('services.save') }));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await api('POST', 'vacancies', { body: {
          employer: employer.value, post: post.value, openings: Number(openings.value), open_from: from.value,
          monthly_pay_fen: pay.value === '' ? null : Math.round(Number(pay.value) * 100),
          site_id: site.value === '' ? null : Number(site.value) } });
        await render(view, route, ctx);
      } catch (err) { error.textContent = errText(err); error.hidden = false; }
    });
    parts.push(form);
  }
  replace(view, ...parts);
  view.dataset.ready = 'vacancies';
}
