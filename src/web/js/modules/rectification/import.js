// The finding list import (POST /api/v1/inspections/{id}/findings/import): choose the
// inspection's 问题清单 spreadsheet -> check it (dry run: what would be recorded, every fault
// with file/sheet/row/column/value and its fix) -> import (all or nothing).

import { ApiError, apiUrl, localMessage, session } from '../../api.js';
import { h, replace } from '../../dom.js';
import { currentLang, fmtNumber, t } from '../../i18n.js';
import { href } from '../../router.js';

async function send(id, file, dryRun) {
  const s = session();
  const headers = {
    Accept: 'application/json', 'Accept-Language': currentLang(),
    'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name),
  };
  if (s && s.csrf_token) headers['X-CSRF-Token'] = s.csrf_token;
  const url = apiUrl(`inspections/${id}/findings/import`, { dry_run: dryRun ? 'true' : '' });
  let res;
  try {
    res = await fetch(url, { method: 'POST', headers, credentials: 'same-origin', body: file });
  } catch (err) {
    throw new ApiError(0, { error: { code: 'unavailable', message: String(err) } }, url);
  }
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (!res.ok) throw new ApiError(res.status, data, url);
  return data;
}

const zh = () => currentLang() === 'zh';
const reasonOf = (f) => ((zh() && f.reason_zh) ? f.reason_zh : f.reason);

function result(r) {
  const faults = r.faults || [];
  return h('div', { id: 'findings-import-result' },
    h('p', { class: r.committed ? 'ok' : '', id: 'findings-import-outcome',
      text: r.committed ? t('rect.import_done', { n: fmtNumber(r.created), u: fmtNumber(r.updated) })
        : faults.some((f) => f.error) ? t('rect.import_refused', { n: fmtNumber(faults.filter((f) => f.error).length) })
          : t('rect.import_checked', { n: fmtNumber(r.created), u: fmtNumber(r.updated), k: fmtNumber(r.unchanged) }) }),
    faults.length ? h('div', { class: 'table-wrap panel' }, h('table', { class: 'data responsive', id: 'findings-import-faults' },
      h('thead', {}, h('tr', {}, ['rect.where', 'rect.value', 'rect.problem'].map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, faults.map((f) => h('tr', { class: f.error ? 'error' : '' },
        h('td', { dataset: { label: t('rect.where') }, text: `${f.sheet || ''} ${f.row ? t('rect.row', { n: f.row }) : ''} ${f.column || ''} ${f.header || ''}` }),
        h('td', { dataset: { label: t('rect.value') }, text: f.value ?? f.raw ?? '' }),
        h('td', { dataset: { label: t('rect.problem') }, text: f.fix ? `${reasonOf(f)} → ${f.fix}` : reasonOf(f) })))))) : null);
}

/** Renders the import page. */
export async function render(view, route) {
  const id = encodeURIComponent(route.params.id);
  const file = h('input', { type: 'file', id: 'findings-file', accept: '.xlsx,.xls,.csv' });
  const out = h('div', { id: 'findings-import-out' });
  const err = h('p', { class: 'form-error', role: 'alert' });
  const run = async (dry) => {
    err.textContent = '';
    if (!file.files.length) { err.textContent = t('rect.choose_file'); return; }
    try {
      replace(out, result(await send(id, file.files[0], dry)));
    } catch (e) {
      err.textContent = localMessage(e);
    }
  };
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('rect.import_title') }),
      h('a', { class: 'button', href: href('inspection', { id: route.params.id }), text: t('rect.back') })),
    h('section', { class: 'panel form' },
      h('p', { class: 'muted', text: t('rect.import_columns') }),
      h('label', { for: 'findings-file', text: t('rect.file') }), file,
      h('div', { class: 'button-row' },
        h('button', { type: 'button', id: 'findings-check', class: 'secondary', text: t('rect.check'), on: { click: () => run(true) } }),
        h('button', { type: 'button', id: 'findings-import', text: t('rect.import'), on: { click: () => run(false) } })),
      err),
    out);
  view.dataset.ready = 'findings-import';
}
