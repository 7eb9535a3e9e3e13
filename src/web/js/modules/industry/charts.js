// Industry overview (#/industry, docs/industry.md "Pages"): the module's one nav entry 产业就业,
// with links to every area page and three charts — jobs by channel per site
// (GET /api/v1/industry/charts/jobs-by-channel), the employment rate per site over the last
// twelve month ends (…/employment-rate, the line of the whole scope named by it) and certificates by kind (…/certificates-by-kind, a note
// while the training area has no table). Each chart box carries data-total so the browser test
// can compare it with the API.
import { api } from '../../api.js';
import { capabilities } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, fmtPercent, t } from '../../i18n.js';
import { horizontalBase, loadEcharts, makeChart, valueAxis } from '../../charts.js';
import jobs from './jobs.js';
import places from './places.js';
import posts from './posts.js';
import training from './training.js';
import services from './services.js';

const CHANNELS = ['workshop', 'park', 'welfare_post', 'enterprise', 'migrant_work', 'self_employed', 'flexible', 'other'];
// The area pages the overview links to (hash, catalogue key).
const LINKS = [
  ['#/parks', 'charts.link_parks'], ['#/workshops', 'charts.link_workshops'], ['#/posts', 'charts.link_posts'],
  ['#/training', 'charts.link_training'], ['#/vacancies', 'charts.link_vacancies'],
  ['#/zero-employment', 'charts.link_zero_employment'],
];

function box(id, title, extra) {
  return h('figure', { class: 'chart-box panel' },
    h('figcaption', { text: t(title) }), extra || null, h('div', { class: 'chart', id }));
}

// Catalogue keys by value (literal keys: web.i18n checks every key is used).
const CHANNEL_KEYS = {
  workshop: 'charts.channel.workshop',
  park: 'charts.channel.park',
  welfare_post: 'charts.channel.welfare_post',
  enterprise: 'charts.channel.enterprise',
  migrant_work: 'charts.channel.migrant_work',
  self_employed: 'charts.channel.self_employed',
  flexible: 'charts.channel.flexible',
  other: 'charts.channel.other',
};
const CERTIFICATE_KEYS = {
  training: 'charts.certificate.training',
  skill_level: 'charts.certificate.skill_level',
  qualification: 'charts.certificate.qualification',
  special: 'charts.certificate.special',
};

// The employment-rate line is the report of the reader's scope (GET …/employment-rate "county"):
// 全县 for county roles, else named by the scope ("临泉镇合计").
function scopeLineName() {
  const scope = capabilities()?.scope;
  if (!scope || scope.level === 'county') return t('charts.county');
  return t('charts.scope_total', { scope: scope.label || '' });
}

/** Renders the overview: links first (usable without ECharts), then the charts. */
export async function render(view) {
  const [byChannel, rate, certs] = await Promise.all([
    api('GET', 'industry/charts/jobs-by-channel'), api('GET', 'industry/charts/employment-rate'),
    api('GET', 'industry/charts/certificates-by-kind')]);
  const jc = byChannel.data;
  const total = Object.values(jc.totals).reduce((a, b) => a + b, 0);
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('charts.title') })),
    h('nav', { class: 'link-row', id: 'industry-links' },
      LINKS.map(([hash, key]) => h('a', { class: 'button', href: hash, text: t(key) }))),
    h('p', { class: 'muted', text: t('charts.as_of', { date: jc.as_of, jobs: fmtNumber(total) }) }),
    h('div', { class: 'chart-grid' },
      box('chart-jobs-channel', 'charts.jobs_by_channel'),
      box('chart-employment-rate', 'charts.employment_rate'),
      certs.data.kinds === null
        ? h('figure', { class: 'chart-box panel' }, h('figcaption', { text: t('charts.certificates_by_kind') }),
          h('p', { class: 'muted', id: 'certificates-none', text: t('charts.no_training') }))
        : box('chart-certificates', 'charts.certificates_by_kind')));
  view.querySelector('#chart-jobs-channel').dataset.total = String(total);
  view.dataset.ready = 'industry';
  let echarts;
  try { echarts = await loadEcharts(); } catch { return; }
  if (!view.isConnected) return;
  const names = jc.sites.map((s) => s.site_name);
  const used = CHANNELS.filter((c) => jc.totals[c]);
  makeChart(echarts, document.getElementById('chart-jobs-channel'), {
    ...horizontalBase(names), xAxis: valueAxis(),
    series: used.map((c) => ({ type: 'bar', stack: 'jobs', name: CHANNEL_KEYS[c] ? t(CHANNEL_KEYS[c]) : c,
      data: jc.sites.map((s) => s.channels[c] || 0) })),
  });
  const r = rate.data;
  makeChart(echarts, document.getElementById('chart-employment-rate'), {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => (v === null ? '—' : fmtPercent(v / 100, 1)) },
    xAxis: { type: 'category', data: r.county.map((p) => p.month) },
    yAxis: valueAxis({ max: 100, axisLabel: { formatter: '{value}%' } }),
    series: [{ name: scopeLineName(), type: 'line', data: r.county.map((p) => (p.rate === null ? null : p.rate * 100)) },
      ...r.sites.map((s) => ({ name: s.site_name, type: 'line', symbol: 'none', lineStyle: { width: 1 },
        data: s.rates.map((v) => (v === null ? null : v * 100)) }))],
  });
  if (certs.data.kinds) {
    const kinds = Object.keys(certs.data.kinds);
    makeChart(echarts, document.getElementById('chart-certificates'), {
      ...horizontalBase(kinds.map((k) => (CERTIFICATE_KEYS[k] ? t(CERTIFICATE_KEYS[k]) : k))), xAxis: valueAxis(),
      series: [{ type: 'bar', name: t('charts.certificates'), data: kinds.map((k) => certs.data.kinds[k]) }],
    });
  }
}

// Every industry page except those with a nav entry of their own (the alert list) marks 产业就业.
const OTHERS = [jobs, places, posts, training, services];
const OWN_NAV = new Set(OTHERS.flatMap((a) => a.nav.flatMap((n) => n.active || [n.route])));
const ACTIVE = ['industry', ...OTHERS.flatMap((a) => a.routes.map((x) => x.name)).filter((n) => !OWN_NAV.has(n))];

export default {
  nav: [{ route: 'industry', label: 'nav.industry', hash: '#/industry', active: ACTIVE }],
  routes: [{ name: 'industry', pattern: ['industry'], page: { render } }],
  enums: { server: [], local: {} },
};
