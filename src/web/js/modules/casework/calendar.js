// The working-day calendar (#/calendar, docs/casework.md Calendar): one year's public holidays
// (休) and adjusted working days (调休上班) with their names and sources (GET
// /api/v1/calendar/{year}); the county administrator adds or changes a day (PUT
// /api/v1/calendar/{year} with the year's days). Year in the hash (?year=2026).

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { currentLocale, fmtNumber, t } from '../../i18n.js';
import { go } from '../../router.js';
import { showToast } from '../../toast.js';
import { todayChina } from './common.js';
import { canEditSettings } from './settings.js';

const KIND_KEYS = { holiday: 'casework.day_holiday', workday: 'casework.day_workday' };

const weekday = (iso) => new Intl.DateTimeFormat(currentLocale(), { weekday: 'short', timeZone: 'UTC' })
  .format(new Date(`${iso}T00:00:00Z`));

function dayForm(year, days, day, { done, cancel }) {
  const f = (name, attrs, value) => h('input', { id: `cal-${name}`, name, value: value ?? '', ...attrs });
  const date = f('day', { type: 'date', min: `${year}-01-01`, max: `${year}-12-31`, required: true }, day && day.day);
  const kind = h('select', { id: 'cal-kind', name: 'kind' }, ['holiday', 'workday'].map((k) =>
    h('option', { value: k, text: t(KIND_KEYS[k]), selected: day ? day.kind === k : k === 'holiday' })));
  const name = f('name', {}, day && day.name);
  const source = f('source', {}, day ? day.source : '');
  const err = h('p', { class: 'form-error', id: 'cal-error', role: 'alert', hidden: true });
  const row = (id, key, el) => h('div', { class: 'field' }, h('label', { for: id, text: t(key) }), el);
  const form = h('form', { class: 'edit-form panel', id: 'cal-form', novalidate: true },
    h('h2', { text: t(day ? 'casework.calendar_edit_day' : 'casework.calendar_add_day') }),
    h('div', { class: 'form-grid' }, row('cal-day', 'casework.date', date), row('cal-kind', 'casework.day_kind', kind),
      row('cal-name', 'casework.day_name', name), row('cal-source', 'casework.setting_source', source)),
    err,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', id: 'cal-save', text: t('form.save') }),
      h('button', { type: 'button', text: t('form.cancel'), on: { click: cancel } })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.hidden = true;
    if (!date.value) { err.textContent = `${t('casework.date')}: ${t('form.required')}`; err.hidden = false; return; }
    const entry = { day: date.value, kind: kind.value, name: name.value.trim(), source: source.value.trim() };
    const others = days.filter((d) => d.day !== entry.day && (!day || d.day !== day.day));
    try {
      await api('PUT', `calendar/${year}`, { body: { days: [...others, entry].sort((a, b) => a.day.localeCompare(b.day)) } });
      done();
    } catch (e) {
      err.textContent = e.localMessage ? e.localMessage() : String(e);
      err.hidden = false;
    }
  });
  return form;
}

/** Renders the calendar page. */
export async function render(view, route, ctx) {
  const year = /^\d{4}$/.test(route.query.year || '') ? Number(route.query.year) : Number(todayChina().slice(0, 4));
  const { data } = await api('GET', `calendar/${year}`);
  if (!ctx.current()) return;
  const days = (data.items || []).map((d) => ({ day: d.day, kind: d.kind, name: d.name || '', source: d.source || '' }));
  const editable = canEditSettings();
  const editor = h('div', { class: 'editor', id: 'cal-editor' });
  const reload = () => render(view, route, ctx);
  const open = (day) => {
    replace(editor, dayForm(year, days, day, { done: () => { showToast('casework.calendar_saved'); reload(); }, cancel: () => editor.replaceChildren() }));
    editor.querySelector('input').focus();
  };
  const rows = days.map((d) => h('tr', { dataset: { day: d.day, kind: d.kind } },
    h('td', { class: 'mono', dataset: { label: t('casework.date') }, text: d.day }),
    h('td', { dataset: { label: t('casework.weekday') }, text: weekday(d.day) }),
    h('td', { dataset: { label: t('casework.day_kind') } }, h('span', { class: `badge day-${d.kind}`, text: KIND_KEYS[d.kind] ? t(KIND_KEYS[d.kind]) : d.kind })),
    h('td', { dataset: { label: t('casework.day_name') }, text: d.name || '—' }),
    h('td', { dataset: { label: t('casework.setting_source') }, text: d.source || '—' }),
    editable ? h('td', { class: 'row-actions' }, h('button', { type: 'button', class: 'small', text: t('casework.edit'), on: { click: () => open(d) } })) : null));
  const nav = h('div', { class: 'row-actions year-nav' },
    h('button', { type: 'button', id: 'cal-prev', text: t('casework.year_prev'), on: { click: () => go('calendar', {}, { year: year - 1 }) } }),
    h('strong', { id: 'cal-year', text: String(year) }),
    h('button', { type: 'button', id: 'cal-next', text: t('casework.year_next'), on: { click: () => go('calendar', {}, { year: year + 1 }) } }));
  const holidays = days.filter((d) => d.kind === 'holiday').length;
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('casework.calendar_title') }), nav),
    h('p', { class: 'muted', id: 'cal-summary', text: t('casework.calendar_summary', { holidays: fmtNumber(holidays), workdays: fmtNumber(days.length - holidays) }) }),
    editable ? h('div', { class: 'row-actions' }, h('button', { type: 'button', id: 'cal-add', class: 'primary', text: t('casework.calendar_add_day'), on: { click: () => open(null) } })) : null,
    editor,
    days.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'calendar-table' },
      h('thead', {}, h('tr', {}, ['casework.date', 'casework.weekday', 'casework.day_kind', 'casework.day_name', 'casework.setting_source']
        .map((k) => h('th', { scope: 'col', text: t(k) })), editable ? h('th', { scope: 'col', text: t('casework.actions') }) : null)),
      h('tbody', {}, rows))) : h('p', { class: 'muted', id: 'cal-empty', text: t('casework.calendar_empty') }));
  view.dataset.ready = 'calendar';
}
