// A person's jobs (#/persons/:id/jobs, docs/industry.md "Jobs"), made for a phone (375 px): every
// job, current first, then ended and voided ones; "record a job" (channel, employer, place, work
// county, start, monthly income in yuan — sent as fen —, months per year); per current job "end"
// (day + reason) and per job "void" (reason). The server's field refusals (422, every fault at
// once) are shown beside their inputs; nothing is stored on a refused write.

import { api, localMessage } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { currentLang, fmtNumber, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { showToast } from '../../toast.js';
import { JOB_CHANNELS, JOB_PLACES } from './jobs.js';

/** Today in China (UTC+8), YYYY-MM-DD: the latest start day a job may have. */
const todayChina = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** "12,345.67" from fen (an integer), or "—". */
export function yuan(fen) {
  if (fen === null || fen === undefined) return '—';
  return fmtNumber(fen / 100, fen % 100 ? 2 : 0);
}

/** Fen (integer) from a yuan text ("3500", "3500.5"); null when empty; NaN when not a sum. */
export function fenOf(text) {
  const s = String(text).trim();
  if (!s) return null;
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return NaN;
  return Math.round(Number(s) * 100);
}

const label = (j, what) => (currentLang() === 'zh' ? j[`${what}_zh`] : j[`${what}_en`]) || tEnum(`job_${what}`, j[what]);

function field(id, key, input, hint) {
  return h('div', { class: 'field' }, h('label', { for: id, text: t(key) }), input,
    hint ? h('p', { class: 'hint muted', text: t(hint) }) : null,
    h('p', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true }));
}

/** Shows the server's faults beside the inputs of `form` (ids prefix-<field>); the rest in `err`. */
function showFaults(form, prefix, e, err, map = {}) {
  const list = e.details && e.details.length ? e.details : [e];
  const rest = list.filter((d) => {
    const el = d.field ? form.querySelector(`#${prefix}-${map[d.field] || d.field}-error`) : null;
    if (!el) return true;
    el.textContent = localMessage(d); el.hidden = false;
    return false;
  });
  if (rest.length) { err.textContent = rest.map(localMessage).join(' · '); err.hidden = false; }
}

function clearFaults(form, err) {
  for (const e of form.querySelectorAll('.field-error')) e.hidden = true;
  err.hidden = true;
}

function recordForm(person, done) {
  const today = todayChina();
  const channel = h('select', { id: 'job-channel', name: 'channel', required: true },
    JOB_CHANNELS.map((c) => h('option', { value: c, text: tEnum('job_channel', c) })));
  const employer = h('input', { id: 'job-employer', name: 'employer', autocomplete: 'organization' });
  const place = h('select', { id: 'job-place', name: 'place' },
    h('option', { value: '', text: t('jobs.place_unknown') }),
    JOB_PLACES.map((p) => h('option', { value: p, text: tEnum('job_place', p) })));
  const county = h('input', { id: 'job-work_county', name: 'work_county' });
  const start = h('input', { type: 'date', id: 'job-started_on', name: 'started_on', required: true, value: today, max: today });
  const income = h('input', { id: 'job-monthly_income', name: 'monthly_income', inputmode: 'decimal', autocomplete: 'off' });
  const months = h('input', { type: 'number', id: 'job-months_per_year', name: 'months_per_year', min: 0, max: 12, step: 1, inputmode: 'numeric' });
  const err = h('p', { class: 'form-error', id: 'job-error', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', class: 'primary', id: 'job-save', text: t('jobs.save') });
  const form = h('form', { class: 'edit-form job-form', id: 'job-form', novalidate: true },
    field('job-channel', 'jobs.channel', channel),
    field('job-employer', 'jobs.employer', employer),
    field('job-place', 'jobs.place', place),
    field('job-work_county', 'jobs.work_county', county, 'jobs.work_county_hint'),
    field('job-started_on', 'jobs.started_on', start),
    field('job-monthly_income', 'jobs.monthly_income', income, 'jobs.monthly_income_hint'),
    field('job-months_per_year', 'jobs.months_per_year', months),
    err,
    h('div', { class: 'form-actions' }, save));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearFaults(form, err);
    const fen = fenOf(income.value);
    const local = (id, key) => { const el = form.querySelector(`#${id}-error`); el.textContent = t(key); el.hidden = false; };
    if (!start.value) { local('job-started_on', 'form.required'); start.focus(); return; }
    if (Number.isNaN(fen)) { local('job-monthly_income', 'jobs.income_invalid'); income.focus(); return; }
    const body = { channel: channel.value, employer: employer.value.trim(), started_on: start.value,
      place: place.value || null, work_county: county.value.trim() };
    if (fen !== null) body.monthly_income_fen = fen;
    if (months.value !== '') body.months_per_year = Number(months.value);
    save.disabled = true;
    try {
      await api('POST', `persons/${encodeURIComponent(person.id)}/jobs`, { body });
      showToast('jobs.saved');
      await done();
    } catch (e) {
      save.disabled = false;
      showFaults(form, 'job', e, err, { monthly_income_fen: 'monthly_income' });
    }
  });
  return form;
}

/** The "end" and "void" forms of job `j`, each shown by its button. */
function jobActions(j, done) {
  const box = h('div', { class: 'job-actions' });
  const mk = (kind) => {
    const p = `job-${j.id}-${kind}`;
    const err = h('p', { class: 'form-error', id: `${p}-error`, role: 'alert', hidden: true });
    const inputs = kind === 'end'
      ? [field(`${p}-ended_on`, 'jobs.ended_on', h('input', { type: 'date', id: `${p}-ended_on`, name: 'ended_on', value: todayChina(), min: j.started_on })),
        field(`${p}-reason`, 'jobs.end_reason', h('input', { id: `${p}-reason`, name: 'reason' }))]
      : [field(`${p}-reason`, 'jobs.void_reason', h('input', { id: `${p}-reason`, name: 'reason' }))];
    const form = h('form', { class: 'edit-form job-subform', id: p, novalidate: true, hidden: true }, inputs, err,
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary', id: `${p}-save`, text: t(kind === 'end' ? 'jobs.end_save' : 'jobs.void_save') })));
    const open = h('button', { type: 'button', class: 'button', id: `${p}-open`, text: t(kind === 'end' ? 'jobs.end' : 'jobs.void') });
    open.addEventListener('click', () => { form.hidden = !form.hidden; });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      clearFaults(form, err);
      const body = { reason: form.elements.reason.value.trim() };
      if (kind === 'end') body.ended_on = form.elements.ended_on.value;
      try {
        // The version shown: a change made meanwhile (another user ended it) is refused (409).
        await api('POST', `jobs/${encodeURIComponent(j.id)}/${kind}`, { body, ifMatch: j.version ? `"${j.version}"` : undefined });
        showToast(kind === 'end' ? 'jobs.ended_saved' : 'jobs.voided_saved');
        await done();
      } catch (e) { showFaults(form, p, e, err); }
    });
    return [open, form];
  };
  if (j.current) box.append(...mk('end'));
  box.append(...mk('void'));
  return box;
}

const STATE_KEYS = { current: 'jobs.state_current', ended: 'jobs.state_ended', voided: 'jobs.state_voided' };

function jobItem(j, write, done) {
  const state = j.voided_at ? 'voided' : j.current ? 'current' : 'ended';
  const period = `${j.started_on} – ${j.ended_on || t('jobs.now')}`;
  return h('li', { class: `job-item job-${state}`, id: `job-${j.id}`, dataset: { id: j.id, state } },
    h('div', { class: 'job-head' },
      h('strong', { text: label(j, 'channel') }),
      j.employer ? h('span', { text: ` · ${j.employer}` }) : null,
      h('span', { class: 'badge', text: ` ${t(STATE_KEYS[state])}` })),
    h('p', { class: 'muted', text: period }),
    h('p', { text: [j.place ? label(j, 'place') : t('jobs.place_unknown'), j.work_county].filter(Boolean).join(' · ') }),
    h('p', { text: t('jobs.income_line', { yuan: yuan(j.monthly_income_fen), months: j.months_per_year ?? '—' }) }),
    j.end_reason ? h('p', { class: 'muted', text: t('jobs.end_reason_line', { reason: j.end_reason }) }) : null,
    j.void_reason ? h('p', { class: 'muted', text: t('jobs.void_reason_line', { reason: j.void_reason }) }) : null,
    write && !j.voided_at ? jobActions(j, done) : null);
}

export async function render(view, route) {
  delete view.dataset.ready;
  const id = route.params.id;
  const [{ data: person }, { data: list }] = await Promise.all([
    api('GET', `persons/${encodeURIComponent(id)}`),
    api('GET', `persons/${encodeURIComponent(id)}/jobs`),
  ]);
  const write = can('jobs.record');
  const rank = (j) => (j.voided_at ? 2 : j.current ? 0 : 1);
  const items = [...(list.items || [])].sort((a, b) => rank(a) - rank(b) || String(b.started_on).localeCompare(String(a.started_on)));
  const again = () => render(view, route);
  replace(view,
    h('div', { class: 'page-head' },
      h('h1', { text: t('jobs.person_title', { name: person.name }) }),
      person.household_id ? h('a', { href: href('household', { id: person.household_id }), id: 'jobs-household', text: t('jobs.back_household', { no: person.household_no || person.household_id }) }) : null),
    h('section', { class: 'panel' }, h('h2', { text: t('jobs.list_title') }),
      items.length ? h('ul', { class: 'job-list', id: 'job-list' }, items.map((j) => jobItem(j, write, again)))
        : h('p', { class: 'muted', id: 'jobs-empty', text: t('jobs.none') })),
    write ? h('section', { class: 'panel' }, h('h2', { text: t('jobs.record') }), recordForm(person, again)) : null);
  view.dataset.ready = 'person-jobs';
}
