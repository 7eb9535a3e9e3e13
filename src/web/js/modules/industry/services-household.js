// #/zero-employment/:id: one household's follow-up — the rule on the day, its case, every member
// with what was offered to them ("1 introduction, 3 job offers, 1 training offer"), a form to
// record an offer or a contact, and a form to clear with a documented reason. A refused write (422)
// shows each fault's message beside its field (posts_util.js showError), the others above the button.
import { api } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { href } from '../../router.js';
import { showError } from './posts_util.js';
import { TODAY_CHINA, enumLabel, tally } from './services-common.js';

/** The box of the faults of body field `field` (showError puts them there): `${prefix}-${field}-error`. */
const fieldError = (prefix, field) => h('p', { class: 'field-error', id: `${prefix}-${field}-error`, role: 'alert', hidden: true });

function select(id, kind, values) {
  return h('select', { id, name: id }, values.map((v) => h('option', { value: v, text: enumLabel(kind, v) })));
}

export async function render(view, route, ctx) {
  delete view.dataset.ready;
  const id = route.params.id;
  const { data: a } = await api('GET', `zero-employment/${id}`);
  const members = a.members || [];
  const rows = members.map((m) => h('tr', { dataset: { id: m.person_id } },
    h('td', { dataset: { label: t('zero.member') }, text: m.name }),
    h('td', { dataset: { label: t('zero.age') }, text: String(m.age) }),
    h('td', { dataset: { label: t('zero.able_willing') },
      text: m.able_to_work && m.wants_work ? t('zero.yes') : t('zero.no') }),
    h('td', { dataset: { label: t('zero.offered') }, class: 'zero-offered', text: tally(m.services) })));
  const parts = [
    h('div', { class: 'page-head' }, h('h1', { text: t('zero.household_title', { no: a.household_no }) }),
      h('a', { class: 'button', href: href('household', { id: a.household_id }), text: t('zero.household_page') })),
    h('p', { id: 'zero-status', text: a.in_rule
      ? (a.open ? t('zero.in_rule_open') : t('zero.cleared_for', { reason: enumLabel('zero_clear_reason', a.clear_reason) }))
      : t('zero.not_in_rule') }),
    a.case_id ? h('p', { id: 'zero-case' },
      h('a', { href: href('case', { id: a.case_id }), text: `${t('zero.state')}: ${enumLabel('zero_case_state', a.case_state)}` }),
      a.due_on ? ` · ${t('zero.due_on')} ${a.due_on}` : '') : h('p', { class: 'muted', text: t('zero.no_case') }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'zero-members' },
      h('thead', {}, h('tr', {}, ['zero.member', 'zero.age', 'zero.able_willing', 'zero.offered']
        .map((k) => h('th', { scope: 'col', text: t(k) })))), h('tbody', {}, rows))),
  ];
  if (can('jobs.record') && members.length) {
    const person = h('select', { id: 'zero-service-person', name: 'person_id' },
      members.map((m) => h('option', { value: m.person_id, text: m.name })));
    const kind = select('zero-service-kind', 'service_kind', ['job_offer', 'introduction', 'training_offer', 'follow_up', 'return_home_follow_up']);
    const outcome = select('zero-service-outcome', 'service_outcome', ['pending', 'accepted', 'refused', 'no_answer']);
    const on = h('input', { type: 'date', id: 'zero-service-date', value: TODAY_CHINA, max: TODAY_CHINA });
    const note = h('input', { type: 'text', id: 'zero-service-note' });
    const error = h('p', { class: 'error', id: 'zero-service-error', hidden: true });
    const form = h('form', { class: 'stack', id: 'zero-service-form' }, h('h2', { text: t('zero.record_service') }),
      h('label', { for: 'zero-service-person', text: t('zero.member') }), person, fieldError('zero-service', 'person_id'),
      h('label', { for: 'zero-service-kind', text: t('services.kind') }), kind, fieldError('zero-service', 'kind'),
      h('label', { for: 'zero-service-outcome', text: t('services.outcome') }), outcome, fieldError('zero-service', 'outcome'),
      h('label', { for: 'zero-service-date', text: t('services.given_on') }), on, fieldError('zero-service', 'given_on'),
      h('label', { for: 'zero-service-note', text: t('services.note') }), note, fieldError('zero-service', 'note'),
      error, h('button', { type: 'submit', text: t('zero.save_service') }));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await api('POST', `zero-employment/${id}/services`, { body: {
          person_id: Number(person.value), kind: kind.value, outcome: outcome.value, given_on: on.value, note: note.value } });
        await render(view, route, ctx);
      } catch (err) { showError(form, 'zero-service', err, error); }
    });
    parts.push(form);
  }
  if (can('jobs.record') && a.case_id && a.case_state !== 'cleared') {
    const reason = select('zero-clear-reason', 'zero_clear_reason', ['refused_offers', 'lost_contact', 'no_longer_able', 'employed']);
    const on = h('input', { type: 'date', id: 'zero-clear-date', value: TODAY_CHINA, max: TODAY_CHINA });
    const note = h('textarea', { id: 'zero-clear-note', rows: 2 });
    const error = h('p', { class: 'error', id: 'zero-clear-error', hidden: true });
    const form = h('form', { class: 'stack', id: 'zero-clear-form' }, h('h2', { text: t('zero.clear') }),
      h('p', { class: 'muted', text: t('zero.clear_help') }),
      h('label', { for: 'zero-clear-reason', text: t('zero.reason') }), reason, fieldError('zero-clear', 'reason'),
      h('label', { for: 'zero-clear-date', text: t('zero.clear_date') }), on, fieldError('zero-clear', 'date'),
      h('label', { for: 'zero-clear-note', text: t('services.note') }), note, fieldError('zero-clear', 'note'),
      error, h('button', { type: 'submit', id: 'zero-clear-submit', text: t('zero.clear') }));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await api('POST', `zero-employment/cases/${a.case_id}/clear`, {
          body: { reason: reason.value, date: on.value, note: note.value }, ifMatch: `"${a.case_version}"` });
        await render(view, route, ctx);
      } catch (err) { showError(form, 'zero-clear', err, error); }
    });
    parts.push(form);
  }
  replace(view, ...parts);
  view.dataset.ready = 'zero-employment-household';
}
