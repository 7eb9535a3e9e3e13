// One recipient's answer (GET/PUT /api/v1/data-calls/{id}/replies/{rid}): an editable table of
// the call's columns (add and remove rows; every cell fault from the server marked on its cell
// and listed), or a spreadsheet upload (download the blank template first), then submit.
// Read-only for everyone but the recipient's own users while it is pending or returned.
import { ApiError, api, apiUrl, localMessage, session } from '../../api.js';
import { h, replace } from '../../dom.js';
import { currentLang, t } from '../../i18n.js';
import { href } from '../../router.js';
import { showToast } from '../../toast.js';
import { clockBadge, errorList, statusBadge } from './common.js';

function cellInput(col, value) {
  const v = value === undefined || value === null ? '' : String(value);
  if (col.type === 'enum') {
    return h('select', { class: 'dc-cell', dataset: { key: col.key } },
      h('option', { value: '', text: '' }),
      (col.values || []).map((x) => h('option', { value: x, selected: x === v, text: x })));
  }
  return h('input', { class: 'dc-cell', dataset: { key: col.key }, value: v,
                      type: col.type === 'date' ? 'date' : 'text',
                      inputmode: col.type === 'integer' || col.type === 'decimal' ? 'decimal' : null });
}

function label(col) { return currentLang() === 'en' && col.label_en ? col.label_en : col.label_zh; }

async function upload(path, file) {
  const s = session();
  const headers = { Accept: 'application/json', 'Accept-Language': currentLang(),
                    'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) };
  if (s && s.csrf_token) headers['X-CSRF-Token'] = s.csrf_token;
  const url = apiUrl(path);
  const res = await fetch(url, { method: 'POST', headers, credentials: 'same-origin', body: file });
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (!res.ok) throw new ApiError(res.status, data, url);
  return data;
}

/** Renders the answer. */
export async function render(view, route) {
  const { id, rid } = route.params;
  const path = `data-calls/${encodeURIComponent(id)}/replies/${encodeURIComponent(rid)}`;
  const { data } = await api('GET', path);
  const cols = data.columns;
  const r = data.recipient;
  const editable = data.may_edit;
  const errors = h('div', { id: 'dc-errors' });
  const tbody = h('tbody', {});
  const addRow = (row) => {
    const tr = h('tr', { class: 'dc-row' },
      cols.map((c) => h('td', { 'data-label': label(c) }, editable ? cellInput(c, row[c.key]) : String(row[c.key] ?? ''))),
      editable ? h('td', {}, h('button', { type: 'button', class: 'button dc-remove-row', text: t('dc.remove'),
                                           on: { click: () => tr.remove() } })) : null);
    tbody.append(tr);
  };
  for (const row of data.rows) addRow(row);
  if (editable && data.rows.length === 0) addRow({});
  const readRows = () => [...tbody.querySelectorAll('tr.dc-row')].map((tr) => {
    const o = {};
    for (const el of tr.querySelectorAll('.dc-cell')) if (el.value.trim() !== '') o[el.dataset.key] = el.value.trim();
    return o;
  });
  // Marks the cells a 422 names (field "rows[i].key") and lists every fault.
  const showErrors = (err) => {
    for (const el of tbody.querySelectorAll('[aria-invalid]')) { el.removeAttribute('aria-invalid'); el.title = ''; }
    const trs = [...tbody.querySelectorAll('tr.dc-row')];
    for (const d of err.details || []) {
      const m = /^rows\[(\d+)\]\.(\w+)$/.exec(d.field || '');
      if (!m || !trs[Number(m[1])]) continue;
      const el = trs[Number(m[1])].querySelector(`.dc-cell[data-key="${m[2]}"]`);
      if (el) { el.setAttribute('aria-invalid', 'true'); el.title = localMessage(d); }
    }
    replace(errors, errorList(err));
  };
  const save = async () => {
    try {
      await api('PUT', path, { body: { rows: readRows() } });
      replace(errors);
      showToast('dc.saved');
      return true;
    } catch (err) {
      showErrors(err);
      return false;
    }
  };
  const fileInput = h('input', { type: 'file', id: 'dc-file', accept: '.xlsx,.xls,.csv,.txt,.htm,.html' });
  const tools = editable ? [
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'button', id: 'dc-add-row', text: t('dc.add_row'), on: { click: () => addRow({}) } }),
      h('button', { type: 'button', class: 'button', id: 'dc-save', text: t('dc.save'), on: { click: save } }),
      h('button', { type: 'button', class: 'button primary', id: 'dc-submit', text: t('dc.submit'), on: { click: async () => {
        if (!(await save())) return;
        try {
          await api('POST', `${path}/submit`, { body: {} });
          showToast('dc.submitted');
          await render(view, route);
        } catch (err) { showErrors(err); }
      } } })),
    h('section', { class: 'panel', id: 'dc-upload' },
      h('h2', { text: t('dc.upload') }),
      h('p', { class: 'muted', text: t('dc.upload_hint') }),
      h('a', { class: 'button', id: 'dc-template', href: apiUrl(`${path}/template.xlsx`), download: '', text: t('dc.template') }),
      fileInput,
      h('button', { type: 'button', class: 'button', id: 'dc-upload-go', text: t('dc.upload_go'), on: { click: async () => {
        const f = fileInput.files && fileInput.files[0];
        if (!f) return;
        try {
          await upload(`${path}/upload`, f);
          showToast('dc.saved');
          await render(view, route);
        } catch (err) { replace(errors, errorList(err)); }
      } } }))] : [];
  replace(view,
    h('div', { class: 'page-head' },
      h('h1', {}, r.name, ' ', statusBadge(r.status), ' ', clockBadge(r)),
      h('a', { class: 'button', href: href('data-call', { id }), text: t('dc.back_call') })),
    r.status === 'returned' && r.return_note ? h('p', { class: 'form-error', id: 'dc-return-note', text: t('dc.returned_because', { note: r.return_note }) }) : null,
    errors,
    h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'dc-rows' },
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { text: `${label(c)}${c.required ? ' *' : ''}` })), editable ? h('th', {}) : null)),
      tbody)),
    tools);
}
