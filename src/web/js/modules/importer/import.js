// Import page (issue #7): upload a township spreadsheet -> preview (detected format, encoding,
// header row and column mapping, the first cleaned rows) -> the fault list with the error
// report to download -> confirm (POST /api/v1/imports, one transaction) -> what was imported.
// The file's bytes are sent as the request body (format found from the content by the server);
// the same File is sent again on confirm, so nothing is kept on the server between the steps.

import { ApiError, apiUrl, localMessage, session } from '../../api.js';
import { h, replace } from '../../dom.js';
import { currentLang, fmtNumber, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';

// POSTs the file to /api/v1/<path> with the options; returns the parsed ImportResult.
async function send(path, file, opts) {
  const s = session();
  const headers = {
    Accept: 'application/json', 'Accept-Language': currentLang(),
    'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name),
  };
  if (s && s.csrf_token) headers['X-CSRF-Token'] = s.csrf_token;
  const url = apiUrl(path, { mode: opts.mode, all_or_nothing: opts.allOrNothing ? 'true' : '' });
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

// A fault's reason and fix, and a skipped sheet's reason, in the UI's language (the server sends
// both; the English one stands in only where it has no Chinese).
const zh = () => currentLang() === 'zh';
const reasonOf = (f) => ((zh() && f.reason_zh) ? f.reason_zh : f.reason);
const fixOf = (f) => ((zh() && f.fix_zh) ? f.fix_zh : f.fix);
const skippedOf = (s) => ((zh() && s.skipped_reason_zh) ? s.skipped_reason_zh : s.skipped_reason);
const problemText = (f) => (fixOf(f) ? `${reasonOf(f)} → ${fixOf(f)}` : reasonOf(f));

function summary(r) {
  const c = r.counts || {};
  return h('dl', { class: 'facts', id: 'import-summary' },
    h('dt', { text: t('import.format') }), h('dd', { text: r.format || '—' }),
    h('dt', { text: t('import.encoding') }), h('dd', { text: r.encoding || '—' }),
    h('dt', { text: t('import.rows_read') }), h('dd', { text: fmtNumber(c.rows_read || 0) }),
    h('dt', { text: t('import.rows_valid') }), h('dd', { id: 'import-valid', text: fmtNumber(c.rows_valid || 0) }),
    h('dt', { text: t('import.rows_rejected') }), h('dd', { text: fmtNumber(c.rows_rejected || 0) }),
    h('dt', { text: t('import.households_created') }), h('dd', { text: fmtNumber(c.households_created || 0) }),
    h('dt', { text: t('import.persons_created') }), h('dd', { text: fmtNumber(c.persons_created || 0) }));
}

function sheetsBlock(r) {
  return (r.sheets || []).map((s) => h('section', { class: 'panel import-sheet' },
    h('h2', { text: t('import.sheet', { name: s.name }) }),
    s.imported
      ? h('p', { text: t('import.header_rows', { first: s.header_first_row, last: s.header_last_row, rows: s.data_rows }) })
      : h('p', { class: 'warn', text: t('import.sheet_skipped', { reason: skippedOf(s) || '—' }) }),
    s.columns && s.columns.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'import-mapping' },
      h('caption', { text: t('import.mapping') }),
      h('thead', {}, h('tr', {}, ['import.column', 'import.header', 'import.field'].map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, s.columns.map((c) => h('tr', {},
        h('td', { text: c.column }), h('td', { text: c.header }),
        h('td', { text: c.field ? tEnum('import_field', c.field) : t('import.not_imported') })))))) : null));
}

// The preview's columns: the row as the spreadsheet numbers it, the cleaned values (enumerated
// ones, sent as identifiers, shown through the catalogue) and the row's problems from the fault
// list in the UI's language.
const PREVIEW_COLS = ['household_no', 'name', 'resident_id', 'relationship', 'sex', 'category',
  'origin_village', 'site'];
const PREVIEW_ENUMS = { relationship: 'relationship', sex: 'sex', category: 'category' };

function previewBlock(r) {
  const rows = r.preview || [];
  if (!rows.length) return null;
  const problems = (row) => (r.faults || []).filter((f) => String(f.row) === String(row.row))
    .map(problemText).join('; ');
  const cell = (row, k) => (PREVIEW_ENUMS[k] && row[k] ? tEnum(PREVIEW_ENUMS[k], row[k]) : row[k] ?? '');
  return h('div', { class: 'table-wrap panel' }, h('table', { class: 'data', id: 'import-preview-rows' },
    h('caption', { text: t('import.preview_rows') }),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', text: t('import.row') }),
      PREVIEW_COLS.map((k) => h('th', { scope: 'col', text: tEnum('import_field', k) })),
      h('th', { scope: 'col', text: t('import.problems') }))),
    h('tbody', {}, rows.map((row) => h('tr', {},
      h('td', { text: row.row ?? '' }),
      PREVIEW_COLS.map((k) => h('td', { text: cell(row, k) })),
      h('td', { text: problems(row) }))))));
}

function faultsBlock(r) {
  const faults = r.faults || [];
  if (!faults.length) return h('p', { id: 'import-no-faults', text: t('import.no_faults') });
  return h('div', { class: 'table-wrap panel' },
    h('table', { class: 'data', id: 'import-faults' },
      h('caption', { text: t('import.faults', { n: r.faults_total }) }),
      h('thead', {}, h('tr', {}, ['import.row', 'import.column', 'import.header', 'import.raw', 'import.reason', 'import.fix']
        .map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, faults.map((f) => h('tr', { class: f.error ? 'fault-error' : 'fault-warning' },
        h('td', { text: f.row || '' }), h('td', { text: f.column }), h('td', { text: f.header }),
        h('td', { text: f.raw }), h('td', { text: reasonOf(f) }), h('td', { text: fixOf(f) }))))),
    r.errors_report ? h('p', {}, h('a', { id: 'import-errors-report', href: r.errors_report, download: 'import-errors.xlsx',
      text: t('import.download_errors') })) : null);
}

/** Renders the import page. */
export async function render(view) {
  let file = null;
  const out = h('div', { id: 'import-out' });
  const fileInput = h('input', { type: 'file', id: 'import-file', accept: '.xlsx,.xls,.csv,.tsv,.txt,.htm,.html' });
  const mode = h('select', { id: 'import-mode' },
    h('option', { value: 'insert', text: t('import.mode_insert') }),
    h('option', { value: 'upsert', text: t('import.mode_upsert') }));
  const aon = h('input', { type: 'checkbox', id: 'import-all-or-nothing' });
  const opts = () => ({ mode: mode.value, allOrNothing: aon.checked });
  const showError = (e) => replace(out, h('p', { class: 'error', role: 'alert', id: 'import-error',
    text: e instanceof ApiError ? localMessage(e) : String(e) }));

  const confirm = async (btn) => {
    btn.disabled = true;
    try {
      const r = await send('imports', file, opts());
      replace(out,
        h('p', { class: r.committed ? 'ok' : 'error', role: 'status', id: 'import-result',
          text: r.committed
            ? t('import.done', { households: r.counts.households_created + r.counts.households_updated,
              persons: r.counts.persons_created + r.counts.persons_updated, rejected: r.counts.rows_rejected })
            : t('import.nothing_done') }),
        r.committed ? h('p', {}, h('a', { id: 'import-to-households', href: href('households'), text: t('import.to_households') })) : null,
        faultsBlock(r));
      view.dataset.ready = 'import-done';
    } catch (e) {
      showError(e);
      btn.disabled = false;
    }
  };

  const preview = async (ev) => {
    ev.preventDefault();
    file = fileInput.files && fileInput.files[0];
    if (!file) return;
    delete view.dataset.ready;
    replace(out, h('p', { text: t('common.loading') }));
    try {
      const r = await send('imports/preview', file, opts());
      const valid = (r.counts && r.counts.rows_valid) || 0;
      const btn = h('button', { type: 'button', id: 'import-confirm', disabled: valid === 0,
        text: t('import.confirm', { n: valid }) });
      btn.addEventListener('click', () => confirm(btn));
      replace(out, summary(r), sheetsBlock(r), previewBlock(r), faultsBlock(r), h('p', {}, btn));
      view.dataset.ready = 'import-preview';
    } catch (e) {
      showError(e);
      view.dataset.ready = 'import-preview';
    }
  };

  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('import.title') })),
    h('p', { text: t('import.intro') }),
    h('form', { class: 'panel import-form', id: 'import-form', on: { submit: preview } },
      h('label', { for: 'import-file', text: t('import.file') }), fileInput,
      h('label', { for: 'import-mode', text: t('import.mode') }), mode,
      h('label', { class: 'check' }, aon, t('import.all_or_nothing')),
      h('button', { type: 'submit', id: 'import-preview', text: t('import.preview') })),
    out);
  view.dataset.ready = 'import';
}
