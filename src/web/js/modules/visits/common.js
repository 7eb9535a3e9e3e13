// Shared pieces of the visits pages (docs/casework.md "visits"): who may record, the purposes,
// and the photos of a visit — attachments of owner kind "visit" through the attachments
// module's routes (POST /api/v1/attachments?owner=visit&owner_id=…, body = the file;
// GET …/attachments?owner=&owner_id=; GET /api/v1/attachments/{id}/content). Photos are never
// read from a static path: each <img> asks the API, which checks the visit's scope.

import { api, apiUrl, session, ApiError } from '../../api.js';
import { can } from '../../capabilities.js';
import { h } from '../../dom.js';
import { currentLang } from '../../i18n.js';
import { serves } from '../registry/register.js';

export const PURPOSES = ['routine', 'policy', 'employment', 'hardship', 'follow_up', 'other'];

// Who may record a visit: the `visits.record` action (the writing roles and the cadre role).
export const canRecord = () => can('visits.record');

/** Today in China (UTC+8), YYYY-MM-DD: the latest day a visit may carry. */
export const TODAY_CHINA = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** The purpose's label in the current language, from the visit's own labels. */
export const purposeLabel = (v) => (currentLang() === 'zh' ? v.purpose_zh : v.purpose_en) || v.purpose;

/** Whether the server has the attachments routes (the attachments module). */
export const hasAttachments = () => serves('/api/v1/attachments');

/** The photos (attachments) of visit `id`, not withdrawn; [] when the server has no attachments. */
export async function listPhotos(id) {
  if (!(await hasAttachments())) return [];
  const { data } = await api('GET', 'attachments', { query: { owner: 'visit', owner_id: id } });
  return ((data && data.items) || []).filter((a) => !a.withdrawn_on);
}

/** Uploads `file` as a photo of visit `id`; resolves to {id, sha256, size, mime}. */
export async function uploadPhoto(id, file) {
  const s = session();
  const res = await fetch(apiUrl('attachments', { owner: 'visit', owner_id: id }), {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-Filename': encodeURIComponent(file.name || 'photo.jpg'),
      'X-CSRF-Token': s ? s.csrf_token : '', Accept: 'application/json', 'Accept-Language': currentLang() },
    body: file,
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) throw new ApiError(res.status, data, 'attachments');
  return data;
}

/** A thumbnail linking to the full photo (both read through the API, in scope). */
export function thumb(a, alt) {
  const src = apiUrl(`attachments/${a.id}/content`);
  return h('a', { class: 'visit-photo', href: src, target: '_blank', rel: 'noopener', dataset: { attachmentId: a.id } },
    h('img', { src, alt, loading: 'lazy', class: 'visit-thumb' }));
}
