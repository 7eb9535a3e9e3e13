// The files panel (issue #15 item 3): the attachments of one record — images as thumbnails of
// their content URL (lazy-loaded; the browser scales them), a PDF icon for PDFs, caption,
// uploader, date; an upload button that opens the phone's camera or file picker, with progress
// and the server's error shown; withdraw (撤回) with a reason. Used by other modules' pages:
//   renderAttachments(container, {owner: 'household', ownerId: 12}, ctx)
// and, for the household file, listHouseholdAttachments(householdId) (the household's and its
// members' files). Every text goes through textContent; no inline styles (strict CSP).

import { ApiError, api, apiUrl, localMessage, session } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { currentLang, fmtNumber, t } from '../../i18n.js';
import { fmtAt } from '../../time.js';

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

/** The files of one record: [{id, owner, owner_id, mime, filename, caption, uploaded_by,
 *  uploaded_at, withdrawn, withdrawn_reason, content_url, …}], newest first. */
export async function listAttachments(owner, ownerId) {
  const { data } = await api('GET', 'attachments', { query: { owner, owner_id: ownerId } });
  return data.items || [];
}

/** The household's files and its members' files (the household file), newest first. */
export async function listHouseholdAttachments(householdId) {
  const { data } = await api('GET', 'attachments', { query: { household_id: householdId } });
  return data.items || [];
}

/**
 * Uploads `file` to the record; `onProgress(fraction)` while sending. Resolves with the new
 * attachment; rejects with an ApiError carrying the server's message (413/415/400 name the file).
 */
export function uploadAttachment(owner, ownerId, file, caption, onProgress) {
  return new Promise((resolve, reject) => {
    const url = apiUrl('attachments', { owner, owner_id: ownerId, caption });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLang());
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name || 'photo.jpg'));
    const s = session();
    if (s && s.csrf_token) xhr.setRequestHeader('X-CSRF-Token', s.csrf_token);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(xhr.status, data, url));
    };
    xhr.onerror = () => reject(new ApiError(0, { error: { code: 'unavailable', message: 'network error' } }, url));
    xhr.send(file);
  });
}

/** Withdraws (撤回) attachment `id` with `reason`. */
export async function withdrawAttachment(id, reason) {
  const { data } = await api('POST', `attachments/${id}/withdraw`, { body: { reason } });
  return data;
}

/** The China-time day of an upload (time.js): an upload after 16:00 UTC is the next day in China. */
function dateOf(iso) { return iso ? fmtAt(iso).slice(0, 10) : ''; }

function item(a, canWrite, refresh) {
  const isImage = a.mime.startsWith('image/');
  const thumb = isImage
    ? h('img', { class: 'attachment-thumb', src: a.content_url, alt: a.caption || a.filename, loading: 'lazy' })
    : h('span', { class: 'attachment-pdf', text: 'PDF' });
  const link = h('a', { href: a.content_url, target: '_blank', rel: 'noopener', class: 'attachment-link' }, thumb);
  const meta = h('div', { class: 'attachment-meta' },
    h('div', { class: 'attachment-caption', text: a.caption || a.filename }),
    h('div', { class: 'muted', text: t('attachments.by', { user: a.uploaded_by, date: dateOf(a.uploaded_at) }) }),
    a.withdrawn
      ? h('div', { class: 'warn', text: t('attachments.withdrawn', { date: a.withdrawn_on || '', reason: a.withdrawn_reason || '' }) })
      : null);
  const li = h('li', { class: a.withdrawn ? 'attachment withdrawn' : 'attachment', dataset: { id: String(a.id) } }, link, meta);
  if (canWrite && !a.withdrawn) {
    const reason = h('input', { type: 'text', class: 'attachment-reason', placeholder: t('attachments.reason'), 'aria-label': t('attachments.reason') });
    const err = h('div', { class: 'form-error', hidden: true });
    const form = h('form', { class: 'attachment-withdraw', hidden: true, on: { submit: async (e) => {
      e.preventDefault();
      try {
        await withdrawAttachment(a.id, reason.value);
        await refresh();
      } catch (ex) {
        err.hidden = false;
        err.textContent = ex instanceof ApiError ? ex.localMessage() : String(ex);
      }
    } } }, reason, h('button', { type: 'submit', text: t('attachments.withdraw_confirm') }), err);
    meta.append(h('button', { type: 'button', class: 'link attachment-withdraw-open', text: t('attachments.withdraw'),
      on: { click: () => { form.hidden = !form.hidden; if (!form.hidden) reason.focus(); } } }), form);
  }
  return li;
}

/**
 * Renders the files panel of record {owner, ownerId} into `container` (replacing its content).
 * `ctx` is the page context (unused today; kept for the page contract). Returns a function
 * that reloads the list.
 */
export function renderAttachments(container, { owner, ownerId }, ctx) { // eslint-disable-line no-unused-vars
  // Uploading and withdrawing need the same right as changing the register (CanWrite: every
  // role but the auditor); the server checks it again.
  const canWrite = can('register.change');
  const list = h('ul', { class: 'attachments' });
  const status = h('div', { class: 'attachments-status', 'aria-live': 'polite' });
  const progress = h('progress', { class: 'attachments-progress', max: '100', value: '0', hidden: true });
  const caption = h('input', { type: 'text', class: 'attachments-caption', placeholder: t('attachments.caption'), 'aria-label': t('attachments.caption') });
  const input = h('input', { type: 'file', accept: ACCEPT, capture: 'environment', class: 'attachments-file', 'aria-label': t('attachments.choose') });

  async function refresh() {
    try {
      const items = await listAttachments(owner, ownerId);
      replace(list, ...(items.length ? items.map((a) => item(a, canWrite, refresh))
        : [h('li', { class: 'muted', text: t('attachments.none') })]));
    } catch (ex) {
      replace(list, h('li', { class: 'form-error', text: ex instanceof ApiError ? ex.localMessage() : String(ex) }));
    }
  }

  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    status.className = 'attachments-status';
    status.textContent = t('attachments.uploading', { name: file.name, size: fmtNumber(Math.ceil(file.size / 1024)) });
    progress.hidden = false;
    progress.value = 0;
    try {
      await uploadAttachment(owner, ownerId, file, caption.value, (f) => { progress.value = Math.round(f * 100); });
      status.textContent = t('attachments.uploaded', { name: file.name });
      caption.value = '';
      await refresh();
    } catch (ex) {
      status.className = 'attachments-status error';
      status.textContent = ex instanceof ApiError ? ex.localMessage() : localMessage({ message: String(ex) });
    } finally {
      progress.hidden = true;
      input.value = '';
    }
  });

  const upload = canWrite
    ? h('div', { class: 'attachments-upload' },
      caption,
      h('label', { class: 'button attachments-choose' }, t('attachments.upload'), input),
      progress, status)
    : null;
  replace(container, h('section', { class: 'panel attachments-panel' },
    h('h2', { text: t('attachments.title') }), upload, list));
  refresh();
  return refresh;
}
