// Record a visit (#/households/:id/visits/new), made for a phone (375 px): day, purpose, who was
// met (the household's members), findings, follow-ups, an opt-in "record my location" box —
// navigator.geolocation is asked only when it is ticked, and the coordinates are sent only then
// (PIPL; the server refuses coordinates without consent) — and photos taken with the phone
// camera (<input capture>), uploaded as attachments of the new visit. Field errors of the
// server are shown beside their inputs; nothing is stored on a refused visit.

import { api, localMessage } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t, tEnum } from '../../i18n.js';
import { go, href } from '../../router.js';
import { showToast } from '../../toast.js';
import { PURPOSES, TODAY_CHINA, canRecord, hasAttachments, uploadPhoto } from './common.js';

function field(id, label, input, hint) {
  return h('div', { class: 'field' }, h('label', { for: id, text: t(label) }), input,
    hint ? h('p', { class: 'hint muted', text: t(hint) }) : null,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
}

/** The position from the phone, or null when refused/unavailable (10 s at most). */
function locate() {
  return new Promise((resolve) => {
    if (!navigator.geolocation) { resolve(null); return; }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(null), { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  });
}

export async function render(view, route) {
  delete view.dataset.ready;
  const id = route.params.id;
  const { data: hh } = await api('GET', `households/${encodeURIComponent(id)}`);
  if (!canRecord()) {
    replace(view, h('p', { class: 'form-error', text: t('visits.may_not_record') }));
    view.dataset.ready = 'visit-new';
    return;
  }
  const members = hh.members || [];
  const photosServed = await hasAttachments();
  const minDay = hh.move_in_date || '1900-01-01';
  const date = h('input', { type: 'date', id: 'visit-visited_on', name: 'visited_on', required: true, value: TODAY_CHINA, min: minDay, max: TODAY_CHINA });
  const purpose = h('select', { id: 'visit-purpose', name: 'purpose', required: true },
    PURPOSES.map((p) => h('option', { value: p, text: tEnum('visit_purpose', p) })));
  const people = h('fieldset', { class: 'checks', id: 'visit-people' },
    h('legend', { text: t('visits.people') }),
    members.length ? members.map((p) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'people', value: p.id, id: `visit-person-${p.id}` }), ` ${p.name}`))
      : h('p', { class: 'muted', text: t('visits.no_members') }),
    h('p', { class: 'field-error', id: 'visit-people-error', hidden: true }));
  const findings = h('textarea', { id: 'visit-findings', name: 'findings', rows: 4 });
  const followUps = h('textarea', { id: 'visit-follow_ups', name: 'follow_ups', rows: 3 });
  const consent = h('input', { type: 'checkbox', id: 'visit-location', name: 'location_consent' });
  const locStatus = h('p', { class: 'hint muted', id: 'visit-location-status', text: t('visits.location_off') });
  const photos = h('input', { type: 'file', id: 'visit-photos', name: 'photos', accept: 'image/jpeg,image/png,image/webp', capture: 'environment', multiple: true });
  const photoList = h('ul', { class: 'visit-photo-names', id: 'visit-photo-names' });
  const err = h('p', { class: 'form-error', id: 'visit-error', role: 'alert', hidden: true });
  const save = h('button', { type: 'submit', class: 'primary', id: 'visit-save', text: t('visits.save') });

  let position = null;
  consent.addEventListener('change', async () => {
    position = null;
    if (!consent.checked) { locStatus.textContent = t('visits.location_off'); return; }
    locStatus.textContent = t('visits.location_asking');
    position = await locate();
    if (!consent.checked) { position = null; return; }
    locStatus.textContent = position ? t('visits.location_got', { lat: position.latitude.toFixed(5), lon: position.longitude.toFixed(5) })
      : t('visits.location_unavailable');
  });
  photos.addEventListener('change', () => {
    replace(photoList, [...photos.files].map((f) => h('li', { text: f.name })));
  });

  const form = h('form', { class: 'edit-form visit-form', id: 'visit-form', novalidate: true },
    field('visit-visited_on', 'visits.visited_on', date),
    field('visit-purpose', 'visits.purpose', purpose),
    people,
    field('visit-findings', 'visits.findings', findings),
    field('visit-follow_ups', 'visits.follow_ups', followUps),
    h('div', { class: 'field' }, h('label', { class: 'check', for: 'visit-location' }, consent, ` ${t('visits.record_location')}`),
      h('p', { class: 'hint muted', text: t('visits.location_hint') }), locStatus,
      h('p', { class: 'field-error', id: 'visit-location-error', hidden: true })),
    photosServed ? [field('visit-photos', 'visits.photos', photos, 'visits.photos_hint'), photoList] : null,
    err,
    h('div', { class: 'form-actions' }, save,
      h('a', { class: 'button', id: 'visit-cancel', href: href('household', { id: hh.id }), text: t('form.cancel') })));

  const showField = (name, message) => {
    const map = { location_consent: 'visit-location', latitude: 'visit-location', longitude: 'visit-location' };
    const el = document.getElementById(`${map[name] || `visit-${name}`}-error`);
    if (!el) return false;
    el.textContent = message; el.hidden = false;
    return true;
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const e of form.querySelectorAll('.field-error')) e.hidden = true;
    err.hidden = true;
    if (!date.value) { showField('visited_on', t('form.required')); date.focus(); return; }
    const body = {
      visited_on: date.value, purpose: purpose.value,
      people: [...form.querySelectorAll('input[name="people"]:checked')].map((c) => Number(c.value)),
      findings: findings.value.trim(), follow_ups: followUps.value.trim(),
      location_consent: consent.checked,
    };
    if (consent.checked && position) { body.latitude = position.latitude; body.longitude = position.longitude; }
    save.disabled = true;
    try {
      const { data: visit } = await api('POST', `households/${encodeURIComponent(hh.id)}/visits`, { body });
      const files = [...photos.files];
      let failed = 0;
      for (const f of files) {
        try { await uploadPhoto(visit.id, f); } catch (e) { failed += 1; showToast('visits.photo_failed', { name: f.name, error: localMessage(e) }, 6000); }
      }
      showToast(failed ? 'visits.saved_some_photos' : 'visits.saved', { n: files.length - failed });
      go('visit', { id: visit.id });
    } catch (e) {
      save.disabled = false;
      const list = e.details && e.details.length ? e.details : [e];
      const rest = list.filter((d) => !showField(d.field, localMessage(d)));
      if (rest.length) { err.textContent = rest.map(localMessage).join(' · '); err.hidden = false; }
    }
  });

  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('visits.new_title', { no: hh.household_no }) })),
    h('section', { class: 'panel' }, form));
  view.dataset.ready = 'visit-new';
}
