// Dashboard: the county report (GET /api/v1/report[?as_of=DATE]) as figure cards — drawn from
// the figures the modules declare (GET /api/v1/figures: sections, keys, units, labels), each
// linking to the records it counts (#/figure?key=…&as_of=…) — and charts:
// persons per site by size class, registered-poor vs co-relocated per site, employment rate per
// site, the age pyramid, and persons by origin township; a table of the sites below.
// Each card carries data-key (the report key) and data-value (the raw number) so the browser
// test can compare it with the report JSON.

import { api } from '../../api.js';
import { capabilities } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { CATEGORY_COLORS, SIZE_CLASS_COLORS, ENUMS } from '../../enums.js';
import { currentLang, fmtNumber, fmtPercent, t, tEnum } from '../../i18n.js';
import { href, go } from '../../router.js';
import { pick, rateValue, siteCount } from '../../report.js';
import { horizontalBase, loadEcharts, makeChart, valueAxis } from '../../charts.js';
import { sites as loadSites } from '../../lookups.js';

/**
 * One figure card. `value` is the raw number (data-value, read by the browser test), `text`
 * the formatted figure and `unit` its unit, shown smaller.
 */
function card(key, label, value, text, sub, unit) {
  return h('div', { class: 'card', dataset: { key, value: value === null || value === undefined ? '' : String(value) } },
    h('div', { class: 'card-label', text: label }),
    h('div', { class: 'card-value' }, text, unit && text !== '—' ? h('span', { class: 'card-unit', text: unit }) : null),
    sub ? h('div', { class: 'card-sub', text: sub }) : null);
}

/**
 * A figure's value in the report JSON: the flat key ("households.total"), or a member of a
 * flat object ("sites.by_size_class" → "3000_plus").
 */
function figureValue(report, key) {
  if (Object.prototype.hasOwnProperty.call(report, key)) return report[key];
  const i = key.lastIndexOf('.');
  const parent = report[key.slice(0, i)];
  if (parent && typeof parent === 'object' && !Array.isArray(parent)) return parent[key.slice(i + 1)];
  return pick(report, key);
}

/** The unit shown after a count, by the figure's declared unit. */
const UNIT_KEYS = {
  households: 'unit.households', persons: 'unit.persons', sites: 'unit.sites', villages: 'unit.villages',
  parks: 'unit.parks', organisations: 'unit.organisations', mu: 'unit.mu',
  certificates: 'unit.certificates', workshops: 'unit.workshops',
};

/** The label of a figure or section in the current language (declared by the server). */
function label(x) { return currentLang() === 'zh' ? x.label_zh : x.label_en; }

/** The drill-down page of a figure, as of the report's day. */
function drillHref(f, report) { return href('figure', {}, { key: f.key, as_of: report.as_of || '' }); }

/** One card from a figure declaration (GET /api/v1/figures), with its drill-down link. */
function figureCard(report, f) {
  const raw = figureValue(report, f.key);
  let value;
  let text;
  let unit = null;
  if (f.unit === 'rate') {
    value = rateValue(raw);
    text = fmtPercent(value, 1);
  } else {
    value = typeof raw === 'number' ? raw : null;
    text = value === null ? '—' : fmtNumber(value);
    unit = UNIT_KEYS[f.unit] ? t(UNIT_KEYS[f.unit]) : null;
  }
  const c = card(f.key, label(f), value, text, null, unit);
  c.append(h('a', { class: 'card-drill', href: drillHref(f, report), text: t('dashboard.drill') }));
  return c;
}

/**
 * The cards, one heading per section, in the order the server declares. A figure nested under
 * object of the report ("sites.by_size_class.3000_plus", read from "sites.by_size_class") is a
 * link line below its section's cards, linking to its records.
 */
function cards(report, meta) {
  const out = h('div', { id: 'figure-cards' });
  for (const s of meta.sections) {
    const figs = meta.figures.filter((f) => f.section === s.id);
    if (!figs.length) continue;
    const nested = (f) => !Object.prototype.hasOwnProperty.call(report, f.key) && f.key.split('.').length > 2;
    const main = figs.filter((f) => !nested(f));
    const subs = figs.filter(nested);
    const row = h('div', { class: 'cards' });
    main.forEach((f) => row.append(figureCard(report, f)));
    if (subs.length) {
      row.append(h('div', { class: 'figure-links' },
        subs.map((f) => h('a', { href: drillHref(f, report), dataset: { figure: f.key },
          text: `${label(f)} ${fmtNumber(figureValue(report, f.key) ?? 0)}` }))));
    }
    out.append(h('section', { class: 'figure-section', dataset: { section: s.id } },
      h('h2', { text: label(s) }), row));
  }
  return out;
}

function chartBox(id, titleKey, noteKey) {
  return h('figure', { class: 'chart-box panel' },
    h('figcaption', { text: t(titleKey) }),
    h('div', { class: 'chart', id }),
    noteKey ? h('p', { class: 'muted chart-note', text: t(noteKey) }) : null);
}

function sitesTable(report) {
  const rows = (report.sites || []).map((s) => {
    const size = s.size_class;
    const cell = (key, text) => h('td', { class: 'num', dataset: { label: t(key) }, text });
    return h('tr', {},
      h('td', { dataset: { label: t('site.name') } }, s.id ? h('a', { href: href('site', { id: s.id }), text: s.name }) : s.name),
      h('td', { dataset: { label: t('site.mode') }, text: tEnum('site_mode', s.mode) }),
      h('td', { dataset: { label: t('site.size_class') } }, h('span', { class: `badge size-${size}`, text: tEnum('size_class', size) })),
      cell('site.households', fmtNumber(siteCount(s, 'total', 'households'))),
      cell('site.persons', fmtNumber(siteCount(s, 'total', 'persons'))),
      cell('site.registered_poor_persons', fmtNumber(siteCount(s, 'registered_poor', 'persons'))),
      cell('site.co_relocated_persons', fmtNumber(siteCount(s, 'co_relocated', 'persons'))),
      cell('site.working_age', fmtNumber(s.working_age)),
      cell('site.employed', fmtNumber(s.employed)),
      cell('site.employment_rate', fmtPercent(rateValue(s.employment_rate), 1)));
  });
  const head = ['site.name', 'site.mode', 'site.size_class', 'site.households', 'site.persons',
    'site.registered_poor_persons', 'site.co_relocated_persons', 'site.working_age',
    'site.employed', 'site.employment_rate'];
  return h('div', { class: 'table-wrap panel' },
    h('table', { class: 'data responsive', id: 'sites-table' },
      h('caption', { text: t('dashboard.sites_table') }),
      h('thead', {}, h('tr', {}, head.map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, rows)));
}

// Below the county the report counts only the user's scope (GET /api/v1/report "scope"): its
// name from the session, "" for the county.
function scopeLabelOf(report) {
  if (!report.scope || report.scope === 'county') return '';
  const caps = capabilities();
  return (caps && caps.scope && caps.scope.label) || report.scope;
}

function siteCharts(echarts, report, charts) {
  const scopedLabel = scopeLabelOf(report);
  const sites = report.sites || [];
  const names = sites.map((s) => s.name);
  const onClick = (p) => { const s = sites[p.dataIndex]; if (s && s.id) go('site', { id: s.id }); };

  // Persons per site, one series per size class so the legend explains the colours.
  const bySize = ENUMS.size_class.map((k) => ({
    name: tEnum('size_class', k), type: 'bar', stack: 'p', barMaxWidth: 18,
    itemStyle: { color: SIZE_CLASS_COLORS[k] },
    data: sites.map((s) => (s.size_class === k ? siteCount(s, 'total', 'persons') : '-')),
  }));
  const c1 = makeChart(echarts, document.getElementById('chart-site-persons'), {
    ...horizontalBase(names), xAxis: valueAxis(), series: bySize,
  });
  c1.on('click', onClick);

  const c2 = makeChart(echarts, document.getElementById('chart-site-category'), {
    ...horizontalBase(names), xAxis: valueAxis(),
    series: ['registered_poor', 'co_relocated'].map((c) => ({
      name: c === 'registered_poor' ? t('report.persons_registered_poor') : t('report.persons_co_relocated'),
      type: 'bar', stack: 'c', barMaxWidth: 18,
      itemStyle: { color: CATEGORY_COLORS[c] },
      data: sites.map((s) => siteCount(s, c, 'persons')),
    })),
  });
  c2.on('click', onClick);

  const county = rateValue(pick(report, 'labor.employment_rate'));
  const c3 = makeChart(echarts, document.getElementById('chart-site-employment'), {
    ...horizontalBase(names),
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => fmtPercent(v / 100, 1) },
    xAxis: valueAxis({ min: 0, max: 100, axisLabel: { formatter: '{value}%' } }),
    series: [{
      name: t('report.employment_rate'), type: 'bar', barMaxWidth: 18, itemStyle: { color: '#3d8b5a' },
      data: sites.map((s) => { const v = rateValue(s.employment_rate); return v === null ? '-' : +(v * 100).toFixed(1); }),
      markLine: county === null ? undefined : {
        symbol: 'none', label: { position: 'start', formatter: scopedLabel
          ? t('dashboard.scope_rate', { scope: scopedLabel, p: fmtPercent(county, 1) })
          : t('dashboard.county_rate', { p: fmtPercent(county, 1) }) },
        data: [{ xAxis: +(county * 100).toFixed(1) }],
      },
    }],
  });
  c3.on('click', onClick);
  charts.push(c1, c2, c3);
}

function townshipChart(echarts, report, charts) {
  const rows = [...(report.origin_townships || [])]
    .sort((a, b) => siteCount(b, 'total', 'persons') - siteCount(a, 'total', 'persons'));
  charts.push(makeChart(echarts, document.getElementById('chart-townships'), {
    ...horizontalBase(rows.map((r) => r.name)), xAxis: valueAxis(),
    series: ['registered_poor', 'co_relocated'].map((c) => ({
      name: c === 'registered_poor' ? t('report.persons_registered_poor') : t('report.persons_co_relocated'),
      type: 'bar', stack: 't', barMaxWidth: 16,
      itemStyle: { color: CATEGORY_COLORS[c] },
      data: rows.map((r) => siteCount(r, c, 'persons')),
    })),
  }));
}

/** Draws the age pyramid from report.age_pyramid ([{band, male, female}]); false if absent. */
function pyramidChart(echarts, report, charts) {
  const rows = pick(report, 'age_pyramid');
  if (!Array.isArray(rows) || rows.length === 0) return false;
  const bands = rows.map((r) => r.band);
  charts.push(makeChart(echarts, document.getElementById('chart-age'), {
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true,
               valueFormatter: (v) => fmtNumber(Math.abs(v)) },
    xAxis: valueAxis({ axisLabel: { formatter: (v) => fmtNumber(Math.abs(v)) } }),
    yAxis: { type: 'category', data: bands },
    series: [
      { name: tEnum('sex', 'male'), type: 'bar', stack: 'a', itemStyle: { color: '#3a7ca5' },
        data: rows.map((r) => -(r.male || 0)) },
      { name: tEnum('sex', 'female'), type: 'bar', stack: 'a', itemStyle: { color: '#c4577a' },
        data: rows.map((r) => r.female || 0) },
    ],
  }));
  return true;
}

/** Renders the dashboard; returns a cleanup that disposes the charts. */
export async function render(view, route, ctx) {
  const asOf = route.query.as_of || '';
  const echartsLoading = loadEcharts();  // in parallel with the report (1 MB on slow PCs)
  echartsLoading.catch(() => {});  // handled below
  const [{ data: report }, { data: meta }, siteList] = await Promise.all([
    api('GET', 'report', { query: { as_of: asOf } }), api('GET', 'figures'), loadSites().catch(() => [])]);
  const current = ctx.current || (() => true);
  if (!current()) return null;  // the user went elsewhere while the report loaded
  // The report's site rows carry names; the site pages are addressed by id (GET /sites).
  const idByName = new Map(siteList.map((x) => [x.name, x.id]));
  for (const s of report.sites || []) if (!s.id && idByName.has(s.name)) s.id = idByName.get(s.name);
  ctx.noteDatabase({ is_demo: Boolean(report.is_demo), county_name: report.county_name,
                     county_code: report.county_code });

  // The server refuses as_of before 1900-01-01 or after today (China time).
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const dateInput = h('input', { type: 'date', id: 'as-of', value: report.as_of || asOf, min: '1900-01-01', max: today });
  dateInput.addEventListener('change', () => go('dashboard', {}, { as_of: dateInput.value }));
  const noteList = [];
  for (const n of report.notes || []) {
    const text = typeof n === 'string' ? n : (currentLang() === 'zh' ? n.zh || n.en : n.en || n.zh);
    if (text) noteList.push(h('li', { text }));
  }

  // Below the county: say so in the title and above the cards, with the scope's name.
  const scopeLabel = scopeLabelOf(report);
  const scoped = scopeLabel !== '';
  const header = h('div', { class: 'page-head' },
    h('h1', { text: t('dashboard.title', { county: report.county_name || '' }) + (scoped ? ' · ' + scopeLabel : '') }),
    h('label', { class: 'inline', for: 'as-of' }, h('span', { text: t('dashboard.as_of') }), dateInput));
  const grid = h('div', { class: 'chart-grid' },
    chartBox('chart-site-persons', 'dashboard.chart_site_persons'),
    chartBox('chart-site-category', 'dashboard.chart_site_category'),
    chartBox('chart-site-employment', 'dashboard.chart_site_employment'),
    chartBox('chart-age', 'dashboard.chart_age'),
    chartBox('chart-townships', 'dashboard.chart_townships'));
  replace(view, header,
    h('p', { class: 'muted', text: t('dashboard.source') }),
    scoped ? h('p', { class: 'scope-note', text: t('dashboard.scope_note', { scope: scopeLabel }) }) : null,
    cards(report, meta), grid, sitesTable(report),
    noteList.length ? h('section', { class: 'panel notes' }, h('h2', { text: t('dashboard.notes') }), h('ul', {}, noteList)) : null);

  const charts = [];
  let onResize = null;
  try {
    const echarts = await echartsLoading;
    // Left while ECharts loaded: the chart boxes are gone and the next page owns the view.
    if (!current() || !grid.isConnected) return null;
    siteCharts(echarts, report, charts);
    townshipChart(echarts, report, charts);
    if (!pyramidChart(echarts, report, charts)) {
      const box = document.getElementById('chart-age');
      box.classList.add('chart-empty');
      box.append(h('p', { class: 'muted', text: t('dashboard.no_age_data') }));
    }
    onResize = () => charts.forEach((c) => c.resize());
    window.addEventListener('resize', onResize);
  } catch (err) {
    console.error(err);
    grid.prepend(h('p', { class: 'form-error', role: 'alert', text: t('dashboard.charts_failed') }));
  }
  view.dataset.ready = 'dashboard';
  return () => {
    if (onResize) window.removeEventListener('resize', onResize);
    charts.forEach((c) => c.dispose());
  };
}
