// A training class (GET /api/v1/training-classes/{id}): its facts, the enrolments with
// attendance, completion and drop (PATCH /api/v1/training-enrolments/{id}, If-Match), enrolling
// a person found by name or 身份证号, the certificates with the certificate form (POST /api/v1/certificates; the
// one-subsidy refusal is shown as the server words it), and the follow-up table
// (GET …/follow-up: employed N months after the class's last day, per person and the rate).

import { api, localMessage } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { showFaults } from './training-list.js';

const yuan = (fen) => (fen / 100).toFixed(2);

/** Renders the class page. */
export async function render(view, route) {
  const id = route.params.id;
  const manage = can('industry.manage');
  const draw = async () => {
    const [cls, fu] = await Promise.all([
      api('GET', `training-classes/${id}`).then((r) => r.data),
      api('GET', `training-classes/${id}/follow-up`).then((r) => r.data),
    ]);
    replace(view,
      h('div', { class: 'page-head' },
        h('h1', { text: `${cls.course_name} ${cls.name}` }),
        h('a', { href: href('training'), text: t('training.back') })),
      h('dl', { class: 'panel facts', id: 'training-facts' },
        h('dt', { text: t('training.site') }), h('dd', { text: cls.site_name }),
        h('dt', { text: t('training.provider') }), h('dd', { text: cls.provider }),
        h('dt', { text: t('training.dates') }), h('dd', { text: `${cls.from} – ${cls.until}` }),
        h('dt', { text: t('training.hours') }), h('dd', { text: fmtNumber(cls.hours) }),
        h('dt', { text: t('training.capacity') }), h('dd', { text: cls.capacity == null ? '—' : fmtNumber(cls.capacity) }),
        h('dt', { text: t('training.enrolled') }),
        h('dd', { text: t('training.counts', { enrolled: cls.enrolled, completed: cls.completed, dropped: cls.dropped }) })),
      enrolments(cls, manage, draw),
      certificates(cls, manage, draw),
      followUp(fu));
    view.dataset.ready = 'training-class';
  };
  await draw();
}

function enrolments(cls, manage, redraw) {
  const cols = ['training.person', 'training.attended_days', 'training.attended_hours', 'training.status'];
  if (manage) cols.push('training.record');
  const rows = cls.enrolments.map((e) => {
    const status = e.completed ? t('training.completed_on', { date: e.completed_on })
      : e.dropped_on ? t('training.dropped_on', { date: e.dropped_on, reason: e.drop_reason }) : t('training.in_class');
    const cells = [
      h('td', { dataset: { label: t('training.person') } }, h('span', { text: e.person_name }),
        h('span', { class: 'muted', text: ` ${e.household_no}` })),
      h('td', { class: 'num', dataset: { label: t('training.attended_days') }, text: fmtNumber(e.attended_days) }),
      h('td', { class: 'num', dataset: { label: t('training.attended_hours') }, text: fmtNumber(e.attended_hours) }),
      h('td', { dataset: { label: t('training.status') }, text: status }),
    ];
    if (manage) cells.push(h('td', { dataset: { label: t('training.record') } }, recordForm(e, cls, redraw)));
    return h('tr', {}, cells);
  });
  const enrol = manage ? enrolForm(cls, redraw) : null;
  return h('section', { class: 'panel', id: 'training-enrolments' },
    h('h2', { text: t('training.enrolments') }), enrol,
    h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: String(cols.length), class: 'muted', text: t('training.no_enrolments') }))))));
}

// Attendance + complete / drop for one enrolment (If-Match: its version).
function recordForm(e, cls, redraw) {
  const days = h('input', { type: 'number', min: '0', step: '1', value: String(e.attended_days), 'aria-label': t('training.attended_days'), class: 'narrow' });
  const hours = h('input', { type: 'number', min: '0', step: '1', value: String(e.attended_hours), 'aria-label': t('training.attended_hours'), class: 'narrow' });
  const action = h('select', { 'aria-label': t('training.status') },
    h('option', { value: '', text: t('training.keep_status') }),
    h('option', { value: 'complete', text: t('training.mark_completed') }),
    h('option', { value: 'drop', text: t('training.mark_dropped') }));
  const reason = h('input', { type: 'text', placeholder: t('training.drop_reason'), 'aria-label': t('training.drop_reason') });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'inline-form', dataset: { enrolment: String(e.id) } }, days, hours, action, reason,
    h('button', { type: 'submit', text: t('training.save') }), error);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    const body = { attended_days: Number(days.value), attended_hours: Number(hours.value) };
    const today = new Date().toISOString().slice(0, 10);
    const day = cls.until < today ? cls.until : today;
    if (action.value === 'complete') body.completed_on = day;
    if (action.value === 'drop') { body.dropped_on = day; body.drop_reason = reason.value; }
    try {
      await api('PATCH', `training-enrolments/${e.id}`, { body, ifMatch: `"${e.version}"` });
      await redraw();
    } catch (err) {
      error.textContent = localMessage(err);
      error.hidden = false;
    }
  });
  return form;
}

// Enrolment of a person found by name, pinyin initials or 身份证号 (GET /api/v1/persons?q=, the
// ids masked in the list): the clerk picks a match, the form sends its person id.
function enrolForm(cls, redraw) {
  const query = h('input', { id: 'training-enrol-query', type: 'search', autocomplete: 'off',
    placeholder: t('training.enrol_search_placeholder') });
  const find = h('button', { type: 'button', id: 'training-enrol-find', text: t('training.enrol_find') });
  const person = h('select', { id: 'training-enrol-person', name: 'person_id', 'aria-label': t('training.enrol_match'), disabled: true },
    h('option', { value: '', text: t('training.enrol_find_first') }));
  const error = h('p', { class: 'form-error', id: 'training-enrol-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'inline-form', id: 'training-enrol' },
    h('label', { for: query.id, text: t('training.enrol_person') }), query, find, person,
    h('button', { type: 'submit', class: 'primary', text: t('training.enrol') }), error);
  const fail = (err) => { error.textContent = typeof err === 'string' ? err : localMessage(err); error.hidden = false; };
  async function search() {
    error.hidden = true;
    const q = query.value.trim();
    if (!q) { fail(t('training.enrol_type_query')); return; }
    try {
      const { data } = await api('GET', 'persons', { query: { q, limit: 20 } });
      const items = data.items || [];
      replace(person, items.length
        ? items.map((p) => h('option', { value: String(p.id),
          text: [p.name, p.resident_id || '—', p.household_no].filter(Boolean).join(' · ') }))
        : h('option', { value: '', text: t('training.enrol_no_match') }));
      person.disabled = !items.length;
    } catch (err) {
      fail(err);
    }
  }
  find.addEventListener('click', () => { search(); });
  query.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { ev.preventDefault(); search(); }
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    if (!person.value) { fail(t('training.enrol_pick')); return; }
    try {
      await api('POST', `training-classes/${cls.id}/enrolments`, { body: { person_id: Number(person.value) } });
      await redraw();
    } catch (err) {
      fail(err);
    }
  });
  return form;
}

function certificates(cls, manage, redraw) {
  const cols = ['training.person', 'training.kind', 'training.level', 'training.occupation', 'training.number',
    'training.issuer', 'training.issued_on', 'training.subsidy'];
  const rows = cls.certificate_list.map((c) => h('tr', {},
    h('td', { dataset: { label: t('training.person') }, text: c.person_name }),
    h('td', { dataset: { label: t('training.kind') }, text: tEnum('training_certificate_kind', c.kind) }),
    h('td', { dataset: { label: t('training.level') }, text: c.level ? tEnum('training_certificate_level', c.level) : '—' }),
    h('td', { dataset: { label: t('training.occupation') }, text: c.occupation }),
    h('td', { dataset: { label: t('training.number') }, text: c.number || '—' }),
    h('td', { dataset: { label: t('training.issuer') }, text: c.issuer || '—' }),
    h('td', { dataset: { label: t('training.issued_on') }, text: c.issued_on }),
    h('td', { class: 'num', dataset: { label: t('training.subsidy') }, text: yuan(c.subsidy_fen) })));
  return h('section', { class: 'panel', id: 'training-certificates' },
    h('h2', { text: t('training.certificates') }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: String(cols.length), class: 'muted', text: t('training.no_certificates') }))))),
    manage ? certificateForm(cls, redraw) : null);
}

// The certificate form: a completer of the class, kind, level (for skill_level/qualification),
// occupation, number, issuer, date, subsidy in yuan (sent in fen).
function certificateForm(cls, redraw) {
  const completers = cls.enrolments.filter((e) => e.completed);
  const els = {
    person_id: h('select', {}, completers.map((e) => h('option', { value: String(e.person_id), text: e.person_name }))),
    kind: h('select', {}, ['training', 'skill_level', 'qualification', 'special']
      .map((k) => h('option', { value: k, text: tEnum('training_certificate_kind', k) }))),
    level: h('select', {}, h('option', { value: '', text: t('training.no_level') }),
      ['junior', 'intermediate', 'senior', 'technician', 'senior_technician']
        .map((k) => h('option', { value: k, text: tEnum('training_certificate_level', k) }))),
    occupation: h('input', { type: 'text' }),
    number: h('input', { type: 'text' }),
    issuer: h('input', { type: 'text' }),
    issued_on: h('input', { type: 'date' }),
    subsidy_fen: h('input', { type: 'number', min: '0', step: '0.01', placeholder: t('training.subsidy_yuan') }),
  };
  const labels = { person_id: 'training.person', kind: 'training.kind', level: 'training.level',
    occupation: 'training.occupation', number: 'training.number', issuer: 'training.issuer',
    issued_on: 'training.issued_on', subsidy_fen: 'training.subsidy_yuan' };
  const error = h('p', { class: 'form-error', id: 'training-cert-error', role: 'alert', hidden: true });
  const fields = Object.entries(els).map(([k, el]) => {
    el.id = `training-cert-${k}`;
    return h('div', { class: 'field' }, h('label', { for: el.id, text: t(labels[k]) }), el,
      h('p', { class: 'field-error', id: `${el.id}-error`, hidden: true }));
  });
  const form = h('form', { class: 'panel', id: 'training-cert' }, h('h3', { text: t('training.add_certificate') }),
    fields, error, h('button', { type: 'submit', class: 'primary', id: 'training-cert-submit', text: t('training.save') }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const p of form.querySelectorAll('.field-error')) p.hidden = true;
    error.hidden = true;
    const body = {
      person_id: Number(els.person_id.value), kind: els.kind.value, level: els.level.value,
      occupation: els.occupation.value, number: els.number.value, issuer: els.issuer.value,
      issued_on: els.issued_on.value, class_id: cls.id,
      subsidy_fen: Math.round(Number(els.subsidy_fen.value || 0) * 100),
    };
    try {
      await api('POST', 'certificates', { body });
      await redraw();
    } catch (e) {
      showFaults(e, error, 'training-cert');
    }
  });
  return form;
}

function followUp(fu) {
  const head = [t('training.person'), ...fu.points.map((p) => t('training.after_months', { n: p.months, date: p.due_on }))];
  const mark = (v) => (v === null ? '…' : v ? t('training.employed_yes') : t('training.employed_no'));
  const rows = fu.rows.map((r) => h('tr', { class: r.dropped ? 'muted' : undefined },
    h('td', { dataset: { label: head[0] }, text: r.dropped ? `${r.person_name} (${t('training.dropped')})` : r.person_name }),
    r.employed.map((v, i) => h('td', { dataset: { label: head[i + 1] }, text: mark(v) }))));
  const rate = h('tr', { class: 'total' }, h('th', { scope: 'row', text: t('training.rate') }),
    fu.points.map((p, i) => h('td', { dataset: { label: head[i + 1] },
      text: p.due ? (p.rate_percent === null ? '—' : `${p.rate_percent}% (${p.employed}/${p.completers})`) : t('training.not_due') })));
  return h('section', { class: 'panel', id: 'training-follow-up' },
    h('h2', { text: t('training.follow_up') }),
    h('p', { class: 'muted', text: t('training.follow_up_hint') }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive' },
      h('thead', {}, h('tr', {}, head.map((k) => h('th', { scope: 'col', text: k })))),
      h('tbody', {}, rows, rate))));
}
