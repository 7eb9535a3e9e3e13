// One visit (#/visits/:id): day, household, purpose, visitor, who was met, findings,
// follow-ups, the location when it was recorded with consent, its photos (thumbnails through
// the API), and — for users who may record visits — void with a reason (the visit stays,
// marked voided).

import { api, localMessage } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { href } from '../../router.js';
import { showToast } from '../../toast.js';
import { fmtAt } from '../../time.js';
import { canRecord, listPhotos, purposeLabel, thumb } from './common.js';

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', { text: t(k) }), h('dd', {}, v ?? '—')]));
}

export async function render(view, route) {
  delete view.dataset.ready;
  const id = route.params.id;
  const { data: v } = await api('GET', `visits/${encodeURIComponent(id)}`);
  const photos = await listPhotos(v.id);
  const reload = () => render(view, route);
  const editor = h('div', { class: 'editor', id: 'visit-editor' });

  function openVoid() {
    const reason = h('input', { id: 'visit-void-reason', name: 'reason', required: true });
    const err = h('p', { class: 'form-error', id: 'visit-void-error', role: 'alert', hidden: true });
    const form = h('form', { class: 'edit-form', id: 'visit-void-form', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'visit-void-reason', text: t('visits.void_reason') }), reason), err,
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit', class: 'primary', id: 'visit-void-save', text: t('visits.void') }),
        h('button', { type: 'button', text: t('form.cancel'), on: { click: () => editor.replaceChildren() } })));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!reason.value.trim()) { err.textContent = t('form.required'); err.hidden = false; return; }
      try {
        await api('POST', `visits/${v.id}/void`, { body: { reason: reason.value.trim() } });
        showToast('visits.voided_toast');
        await reload();
      } catch (e) { err.textContent = localMessage(e); err.hidden = false; }
    });
    replace(editor, h('section', { class: 'panel' }, form));
    reason.focus();
  }

  replace(view,
    h('div', { class: 'page-head' },
      h('h1', {}, t('visits.visit_title', { date: v.visited_on, no: v.household_no }),
        v.voided_on ? [' ', h('span', { class: 'badge state-disabled', id: 'visit-voided', text: t('visits.voided_badge', { date: v.voided_on }) })] : null),
      h('a', { class: 'button', href: href('household', { id: v.household_id }), text: t('visits.to_household') })),
    h('section', { class: 'panel', id: 'visit-facts' },
      facts([
        ['visits.visited_on', v.visited_on],
        ['visits.household', h('a', { href: href('household', { id: v.household_id }), text: v.household_no })],
        ['visits.site', v.site_name],
        ['visits.purpose', purposeLabel(v)],
        ['visits.visitor', v.visitor],
        ['visits.people', v.people.length ? v.people.map((p) => p.name).join(t('visits.name_separator')) : null],
        ['visits.findings', v.findings || null],
        ['visits.follow_ups', v.follow_ups || null],
        ['visits.location', v.latitude !== null && v.longitude !== null
          ? `${Number(v.latitude).toFixed(5)}, ${Number(v.longitude).toFixed(5)}` : t('visits.location_not_recorded')],
        ['visits.recorded_at', fmtAt(v.recorded_at)],
        v.voided_on ? ['visits.void_reason', t('visits.void_reason_by', { reason: v.void_reason || '', user: v.voided_by || '' })] : null,
      ].filter(Boolean)),
      canRecord() && !v.voided_on ? h('button', { type: 'button', id: 'visit-void', text: t('visits.void'), on: { click: openVoid } }) : null),
    editor,
    h('section', { class: 'panel', id: 'visit-photos' },
      h('h2', { text: t('visits.photos') }),
      photos.length ? h('div', { class: 'visit-photos' }, photos.map((a) => thumb(a, t('visits.photo_alt', { date: v.visited_on }))))
        : h('p', { class: 'muted', id: 'visit-no-photos', text: t('visits.no_photos') })));
  view.dataset.ready = 'visit';
}
