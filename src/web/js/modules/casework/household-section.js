// The household page's section 待办事项 (docs/casework.md, visits: "open cases with their
// clocks"): the household's open cases (GET /api/v1/cases?household_id=…&open=true) with state,
// due date and clock badge, each linking to its case page, and — when the session may open
// cases by hand (CanWrite) — a "new service request" (群众诉求) form: POST /api/v1/cases
// {kind: "service_request", household_id, title, details: {description}}. Called by the household page (visits module
// owns that seam): renderCaseSection(container, householdId, ctx).

import { api, localMessage } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { showToast } from '../../toast.js';
import { caseCard } from './queue.js';
import { mayWrite } from './common.js';

/** Whether the session may open a case by hand (a service request): CanWrite. */
export const canOpenCases = mayWrite;

function newRequestForm(householdId, { done, cancel }) {
  const title = h('input', { id: 'sr-title', name: 'title', required: true, 'aria-describedby': 'sr-title-error' });
  const titleErr = h('p', { class: 'field-error', id: 'sr-title-error', hidden: true });
  const desc = h('textarea', { id: 'sr-description', name: 'description', rows: 3 });
  const err = h('p', { class: 'form-error', id: 'sr-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'edit-form', id: 'sr-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'sr-title', text: t('casework.sr_title') }), title, titleErr),
    h('div', { class: 'field' }, h('label', { for: 'sr-description', text: t('casework.sr_description') }), desc),
    err,
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', id: 'sr-save', text: t('casework.sr_submit') }),
      h('button', { type: 'button', id: 'sr-cancel', text: t('form.cancel'), on: { click: cancel } })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    titleErr.hidden = true; err.hidden = true; title.removeAttribute('aria-invalid');
    if (!title.value.trim()) {
      titleErr.textContent = t('form.required'); titleErr.hidden = false;
      title.setAttribute('aria-invalid', 'true'); title.focus();
      return;
    }
    const id = Number(householdId);
    try {
      const { data } = await api('POST', 'cases', { body: {
        kind: 'service_request', household_id: id,
        title: title.value.trim(), details: { description: desc.value.trim() } } });
      done(data);
    } catch (e) {
      if (e.field === 'title') {
        titleErr.textContent = e.localMessage(); titleErr.hidden = false; title.setAttribute('aria-invalid', 'true');
      } else {
        err.textContent = e.details && e.details.length > 1 ? e.details.map(localMessage).join(' · ') : (e.localMessage ? e.localMessage() : String(e));
        err.hidden = false;
      }
    }
  });
  return form;
}

/**
 * Draws the section into `container` (replacing its content) and loads the cases. `ctx` is the
 * page's ({current()}): nothing is drawn once the user has left the page. Resolves when drawn;
 * sets container.dataset.ready = "cases".
 */
export async function renderCaseSection(container, householdId, ctx = {}) {
  const current = ctx.current || (() => true);
  const { data } = await api('GET', 'cases', { query: { household_id: householdId, open: 'true', limit: 100 } });
  if (!current()) return;
  const items = (data.items || []).filter((c) => !c.closed_on);
  const editor = h('div', { class: 'editor', id: 'sr-editor' });
  const redraw = () => renderCaseSection(container, householdId, ctx);
  const add = canOpenCases() ? h('button', { type: 'button', id: 'new-service-request', text: t('casework.sr_new'),
    on: { click: () => {
      replace(editor, newRequestForm(householdId, {
        done: async () => { showToast('casework.sr_opened'); await redraw(); },
        cancel: () => editor.replaceChildren() }));
      editor.querySelector('input').focus();
    } } }) : null;
  delete container.dataset.ready;
  replace(container, h('section', { class: 'panel case-section', id: 'household-cases' },
    h('div', { class: 'page-head' }, h('h2', { text: t('casework.household_section') }), add),
    editor,
    items.length ? h('ul', { class: 'case-cards' }, items.map((c) => caseCard(c)))
      : h('p', { class: 'muted', id: 'household-cases-empty', text: t('casework.household_no_cases') })));
  container.dataset.ready = 'cases';
}
