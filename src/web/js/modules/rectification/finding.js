// One finding (GET /api/v1/findings/{id}): what the inspection found, the clock, the measures
// and progress the township writes (PATCH with If-Match), the evidence (attachments on owner
// `finding`), the transitions the user may take now (POST /api/v1/findings/{id}/transitions;
// 退回 asks for a note) and the case's history.

import { api, localMessage } from '../../api.js';
import { h, replace } from '../../dom.js';
import { currentLang, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { showToast } from '../../toast.js';
import { canWrite, clockBadges } from './common.js';
import { evidencePanel } from './evidence.js';

function facts(f) {
  const row = (k, v) => [h('dt', { text: t(k) }), h('dd', { text: v || '—' })];
  return h('dl', { class: 'facts', id: 'finding-facts' },
    row('rect.inspection', f.inspection_name), row('rect.seq_no', String(f.seq_no)),
    row('rect.township', [f.township_name, f.site_name].filter(Boolean).join(' ') || t('rect.county_wide')),
    row('rect.responsible_unit', f.responsible_unit), row('rect.deadline', f.deadline),
    row('rect.rectified_on', f.rectified_on), row('rect.signed_off_on', f.signed_off_on));
}

function editForm(f, etag, rerender) {
  const err = h('p', { class: 'form-error', role: 'alert' });
  const measures = h('textarea', { id: 'f-measures', rows: 4, text: f.measures });
  const progress = h('textarea', { id: 'f-progress', rows: 3, text: f.progress });
  const rectified = h('input', { id: 'f-rectified', type: 'date', value: f.rectified_on || '' });
  const form = h('form', { class: 'panel form', id: 'finding-edit' },
    h('h2', { text: t('rect.measures_title') }),
    h('label', { for: 'f-measures', text: t('rect.measures') }), measures,
    h('label', { for: 'f-progress', text: t('rect.progress') }), progress,
    h('label', { for: 'f-rectified', text: t('rect.rectified_on') }), rectified,
    err, h('button', { type: 'submit', text: t('rect.save') }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const body = {};
    if (measures.value !== f.measures) body.measures = measures.value;
    if (progress.value !== f.progress) body.progress = progress.value;
    if ((rectified.value || null) !== (f.rectified_on || null)) body.rectified_on = rectified.value || null;
    if (!Object.keys(body).length) return;
    try {
      await api('PATCH', `findings/${f.id}`, { body, ifMatch: etag });
      showToast('rect.saved');
      rerender();
    } catch (e) { err.textContent = localMessage(e); }
  });
  return form;
}

function actionsPanel(f, actions, rerender) {
  if (!actions.length) return null;
  const err = h('p', { class: 'form-error', role: 'alert' });
  const note = h('textarea', { id: 'f-note', rows: 2, placeholder: t('rect.note_hint') });
  const label = (a) => (currentLang() === 'zh' ? a.label_zh : a.label_en);
  const buttons = actions.map((a) => h('button', {
    type: 'button', class: a.name === 'return' ? 'secondary' : '', dataset: { transition: a.name }, text: label(a),
    on: {
      click: async () => {
        err.textContent = '';
        try {
          await api('POST', `findings/${f.id}/transitions`,
            { body: { transition: a.name, note: note.value }, ifMatch: `"${f.case_version}"` });
          showToast('rect.saved');
          rerender();
        } catch (e) { err.textContent = localMessage(e); }
      },
    },
  }));
  return h('section', { class: 'panel', id: 'finding-actions' }, h('h2', { text: t('rect.actions') }),
    h('label', { for: 'f-note', text: t('rect.note') }), note, h('div', { class: 'button-row' }, buttons), err);
}

function history(transitions) {
  if (!transitions.length) return null;
  return h('section', { class: 'panel' }, h('h2', { text: t('rect.history') }),
    h('ol', { class: 'timeline', id: 'finding-history' }, transitions.map((x) => h('li', {},
      h('strong', { text: `${x.on_date} ${x.username}` }), ' ',
      h('span', { text: `${x.from_state ? tEnum('finding_state', x.from_state) : '—'} → ${tEnum('finding_state', x.to_state)}` }),
      x.note ? h('p', { text: x.note }) : null))));
}

/** Renders one finding. */
export async function render(view, route) {
  const rerender = () => render(view, route);
  const { data: f, etag } = await api('GET', `findings/${encodeURIComponent(route.params.id)}`);
  const writable = canWrite() && f.state !== 'signed_off';
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('rect.finding_title', { n: f.seq_no }) }),
      h('a', { class: 'button', href: href('inspection', { id: f.inspection_id }), text: t('rect.back') })),
    h('section', { class: 'panel' }, h('p', { id: 'finding-description', text: f.description }),
      h('p', { id: 'finding-clock' }, clockBadges(f)), facts(f)),
    writable ? editForm(f, etag, rerender) : h('section', { class: 'panel' },
      h('h2', { text: t('rect.measures_title') }), h('p', { text: f.measures || '—' }), h('p', { text: f.progress || '' })),
    await evidencePanel(f, writable),
    actionsPanel(f, f.actions || [], rerender),
    history(f.transitions || []));
  view.dataset.ready = 'finding';
}
