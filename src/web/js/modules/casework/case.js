// A case (#/cases/:id, GET /api/v1/cases/{id}): title, subject (the household page), state,
// due date with its clock, escalation level, holder, the transitions so far (who, when, note)
// and one button per action the server lists for this user now. A button opens the transition
// dialog (note field, required when the transition says so); it sends POST
// /api/v1/cases/{id}/transitions {transition, note} with If-Match (the case's version); a 409
// says someone changed the case and offers to reload; a 422 shows the server's message beside
// the note.

import { api, localMessage } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { href } from '../../router.js';
import { showToast } from '../../toast.js';
import { clockBadge, fmtAt, fmtDay, kindLabel, label, levelLabel, stateLabel, transitionLabel } from './common.js';

const dl = (pairs) => h('dl', { class: 'facts' }, pairs.map(([k, v, id]) => [h('dt', { text: t(k) }), h('dd', { id }, v ?? '—')]));

/** The If-Match value of a case: the ETag the server sent, else its version quoted. */
const tagOf = (c, etag) => etag || (c.version !== undefined ? `"${c.version}"` : undefined);

/** The subject of a case as a link: the household page, or the subject as named. */
export function subjectLink(c) {
  if (c.household_id) {
    return h('a', { href: href('household', { id: c.household_id }), id: 'case-subject',
                    text: c.household_no || t('casework.household_ref', { id: c.household_id }) });
  }
  return c.subject_entity ? `${c.subject_label || c.subject_entity} ${c.subject_id ?? ''}`.trim() : '—';
}

function historyList(c) {
  const rows = c.transitions || [];
  if (!rows.length) return h('p', { class: 'muted', text: t('casework.history_empty') });
  return h('ol', { class: 'case-history', id: 'case-history' }, rows.map((x) => h('li', {
    class: 'case-step', dataset: { transition: x.transition, to: x.to_state || '' } },
  h('div', { class: 'case-step-head' },
    h('strong', { text: x.transition_label_zh || x.transition_label ? label(x, 'transition_', x.transition)
      : transitionLabel(x.transition) }), ' ',
    x.to_state ? h('span', { class: 'badge', text: stateLabel(c.kind, x.to_state, c) }) : null),
  h('div', { class: 'muted case-step-meta', text: t('casework.step_meta', {
    user: x.username || '—', at: fmtAt(x.at), date: fmtDay(x.on_date) }) }),
  x.due_on ? h('div', { class: 'muted', text: t('casework.due_on', { date: x.due_on }) }) : null,
  x.note ? h('p', { class: 'case-note', text: x.note }) : null)));
}

/**
 * The transition dialog for action `a` ({transition|name, label…, note_required}) of case `c`.
 * `done()` after the server accepted it; `reload()` after a 409 the user asked to reload.
 */
function transitionDialog(c, etag, a, { done, cancel, reload }) {
  const name = a.transition || a.name;
  const needsNote = Boolean(a.note_required);
  const note = h('textarea', { id: 'transition-note', name: 'note', rows: 3, required: needsNote,
                               'aria-describedby': 'transition-note-error' });
  const noteError = h('p', { class: 'field-error', id: 'transition-note-error', hidden: true });
  const formError = h('p', { class: 'form-error', id: 'transition-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'transition-submit', text: t('casework.confirm') });
  const form = h('form', { class: 'edit-form', id: 'transition-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'transition-note', text: t(needsNote ? 'casework.note_required' : 'casework.note_optional') }),
      note, noteError),
    formError,
    h('div', { class: 'form-actions' }, submit,
      h('button', { type: 'button', id: 'transition-cancel', text: t('form.cancel'), on: { click: cancel } })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    noteError.hidden = true; formError.hidden = true; formError.replaceChildren();
    note.removeAttribute('aria-invalid');
    const text = note.value.trim();
    if (needsNote && !text) {
      noteError.textContent = t('form.required'); noteError.hidden = false;
      note.setAttribute('aria-invalid', 'true'); note.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api('POST', `cases/${c.id}/transitions`, { body: { transition: name, note: text }, ifMatch: tagOf(c, etag) });
      done();
    } catch (err) {
      if (err.status === 409 || err.status === 412) {
        formError.append(t('casework.conflict'), ' ',
          h('button', { type: 'button', id: 'transition-reload', text: t('form.reload'), on: { click: reload } }));
      } else if (err.status === 422 && err.field === 'note') {
        noteError.textContent = err.localMessage(); noteError.hidden = false;
        note.setAttribute('aria-invalid', 'true');
      } else {
        formError.textContent = err.details.length > 1 ? err.details.map(localMessage).join(' · ')
          : `${t('form.save_failed')}: ${err.localMessage ? err.localMessage() : err}`;
      }
      formError.hidden = formError.childNodes.length === 0 && !formError.textContent;
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'panel register-panel', id: 'transition-panel', role: 'dialog',
                        'aria-labelledby': 'transition-title', dataset: { transition: name } },
  h('h2', { id: 'transition-title', text: t('casework.transition_title', { action: transitionLabel(name, a), title: c.title || '' }) }),
  form);
}

/** Who opened the case: the username of its "open" step (the case carries only a user id). */
const opener = (c) => ((c.transitions || []).find((x) => x.transition === 'open') || {}).username || '—';

/** Renders the case page. */
export async function render(view, route, ctx) {
  const id = route.params.id;
  const { data: c, etag } = await api('GET', `cases/${encodeURIComponent(id)}`);
  if (!ctx.current()) return;
  const editor = h('div', { class: 'editor', id: 'case-editor' });
  const reload = () => render(view, route, ctx);
  const actions = (c.actions || []).map((a) => {
    const name = a.transition || a.name;
    return h('button', { type: 'button', class: 'case-action', id: `action-${name}`, dataset: { transition: name },
                         text: transitionLabel(name, a),
                         on: { click: () => {
                           replace(editor, transitionDialog(c, etag, a, {
                             done: () => { showToast('casework.transition_done'); reload(); },
                             cancel: () => editor.replaceChildren(),
                             reload,
                           }));
                           const n = editor.querySelector('textarea'); if (n) n.focus();
                         } } });
  });
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { id: 'case-title', text: c.title || `#${c.id}` }),
      h('a', { class: 'button', href: href('queue'), text: t('casework.back_to_queue') })),
    h('section', { class: 'panel', id: 'case-facts', dataset: { state: c.state, version: c.version ?? '' } },
      dl([
        ['casework.kind', kindLabel(c.kind, c)],
        ['casework.subject', subjectLink(c)],
        ['casework.state', h('span', { class: 'badge case-state', text: stateLabel(c.kind, c.state, c) }), 'case-state'],
        ['casework.due', clockBadge(c), 'case-due'],
        ['casework.escalation_level', String(c.escalation_level ?? 0), 'case-escalation'],
        ['casework.holder', levelLabel(c.holder_level)],
        c.supervising_level ? ['casework.supervising', levelLabel(c.supervising_level), 'case-supervising'] : null,
        ['casework.opened', t('casework.opened_by', { date: fmtDay(c.opened_on), user: opener(c) })],
        c.closed_on ? ['casework.closed_on', fmtDay(c.closed_on)] : null,
      ].filter(Boolean)),
      c.details && c.details.description ? h('p', { class: 'case-description', text: c.details.description }) : null),
    h('section', { class: 'panel', id: 'case-actions' },
      h('h2', { text: t('casework.actions') }),
      actions.length ? h('div', { class: 'row-actions' }, actions)
        : h('p', { class: 'muted', id: 'case-no-actions', text: t('casework.no_actions') }),
      editor),
    h('section', { class: 'panel' }, h('h2', { text: t('casework.history') }), historyList(c)));
  view.dataset.ready = 'case';
}
