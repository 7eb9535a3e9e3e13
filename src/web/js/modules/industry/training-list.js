// Training classes (GET /api/v1/training-classes): course, site, dates, provider, enrolled /
// completed / certificates; filters by site and course; a form to add a class for sessions
// with industry.manage.

import { api, localMessage } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t } from '../../i18n.js';
import { listAll } from '../../lookups.js';
import { go, href } from '../../router.js';

const opt = (value, text, selected) => h('option', { value: String(value), text, selected: selected || undefined });

/** Renders the class list. */
export async function render(view, route) {
  const query = route.query || {};
  const [courses, sites] = await Promise.all([
    api('GET', 'courses').then((r) => r.data.items),
    api('GET', 'sites').then((r) => r.data.items || r.data).catch(() => []),
  ]);
  const siteSel = h('select', { id: 'training-site', name: 'site_id' }, opt('', t('training.all_sites')),
    sites.map((s) => opt(s.id, s.name, String(s.id) === String(query.site_id))));
  const courseSel = h('select', { id: 'training-course', name: 'course_id' }, opt('', t('training.all_courses')),
    courses.map((c) => opt(c.id, c.name, String(c.id) === String(query.course_id))));
  const cols = ['training.course', 'training.class_name', 'training.site', 'training.dates', 'training.provider',
    'training.enrolled', 'training.completed', 'training.certificates'];
  const body = h('tbody', {});
  const load = async () => {
    const list = await listAll('training-classes', { site_id: siteSel.value, course_id: courseSel.value });
    replace(body, list.length ? list.map((c) => h('tr', {},
      h('td', { dataset: { label: t('training.course') } }, h('a', { href: href('training-class', { id: c.id }), text: c.course_name })),
      h('td', { dataset: { label: t('training.class_name') }, text: c.name || '—' }),
      h('td', { dataset: { label: t('training.site') }, text: c.site_name }),
      h('td', { dataset: { label: t('training.dates') }, text: `${c.from} – ${c.until}` }),
      h('td', { dataset: { label: t('training.provider') }, text: c.provider }),
      h('td', { class: 'num', dataset: { label: t('training.enrolled') }, text: fmtNumber(c.enrolled) }),
      h('td', { class: 'num', dataset: { label: t('training.completed') }, text: fmtNumber(c.completed) }),
      h('td', { class: 'num', dataset: { label: t('training.certificates') }, text: fmtNumber(c.certificates) })))
      : [h('tr', {}, h('td', { colspan: String(cols.length), class: 'muted', text: t('training.empty') }))]);
  };
  const filters = h('form', { class: 'filters', id: 'training-filters', role: 'search' },
    h('label', { for: siteSel.id, text: t('training.site') }), siteSel,
    h('label', { for: courseSel.id, text: t('training.course') }), courseSel,
    h('button', { type: 'submit', text: t('training.filter') }));
  filters.addEventListener('submit', (ev) => { ev.preventDefault(); load().catch(console.error); });
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('training.title') })),
    filters,
    can('industry.manage') ? addForm(courses, sites) : null,
    h('div', { class: 'table-wrap panel' }, h('table', { class: 'data responsive', id: 'training-list' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))), body)));
  await load();
  view.dataset.ready = 'training';
}

// POST /api/v1/training-classes; opens the new class.
function addForm(courses, sites) {
  const field = (name, label, el) => {
    el.id = `training-new-${name}`;
    el.name = name;
    return h('div', { class: 'field' }, h('label', { for: el.id, text: t(label) }), el,
      h('p', { class: 'field-error', id: `${el.id}-error`, hidden: true }));
  };
  const els = {
    course_id: h('select', {}, courses.map((c) => opt(c.id, c.name))),
    name: h('input', { type: 'text', placeholder: t('training.class_name_hint') }),
    provider: h('input', { type: 'text' }),
    site_id: h('select', {}, sites.map((s) => opt(s.id, s.name))),
    from: h('input', { type: 'date' }),
    until: h('input', { type: 'date' }),
    hours: h('input', { type: 'number', min: '1', step: '1' }),
    capacity: h('input', { type: 'number', min: '1', step: '1' }),
  };
  const labels = { course_id: 'training.course', name: 'training.class_name', provider: 'training.provider',
    site_id: 'training.site', from: 'training.from', until: 'training.until', hours: 'training.hours',
    capacity: 'training.capacity' };
  const error = h('p', { class: 'form-error', id: 'training-new-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'panel', id: 'training-new' },
    h('h2', { text: t('training.add_class') }),
    Object.entries(els).map(([k, el]) => field(k, labels[k], el)), error,
    h('button', { type: 'submit', class: 'primary', id: 'training-new-submit', text: t('training.save') }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const p of form.querySelectorAll('.field-error')) p.hidden = true;
    error.hidden = true;
    const body = {
      course_id: Number(els.course_id.value), name: els.name.value, provider: els.provider.value,
      site_id: Number(els.site_id.value), from: els.from.value, until: els.until.value,
      hours: Number(els.hours.value), capacity: els.capacity.value ? Number(els.capacity.value) : null,
    };
    try {
      const made = (await api('POST', 'training-classes', { body })).data;
      go('training-class', { id: made.id });
    } catch (e) {
      showFaults(e, error, 'training-new');
    }
  });
  return form;
}

/** Puts each fault of `e` under its field (`${prefix}-${field}-error`), the rest in `box`. */
export function showFaults(e, box, prefix) {
  let placed = false;
  for (const d of (e.details && e.details.length ? e.details : [e])) {
    const el = d.field && document.getElementById(`${prefix}-${d.field}-error`);
    if (el) { el.textContent = localMessage(d); el.hidden = false; placed = true; }
  }
  if (!placed) { box.textContent = localMessage(e); box.hidden = false; }
}
