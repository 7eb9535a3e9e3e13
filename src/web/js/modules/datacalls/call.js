// A data call's page (GET /api/v1/data-calls/{id}): instructions, columns, completion (x of n,
// overdue), each recipient with its status and clock; county clerks accept or return a
// submitted answer (a note is required to return), close the call and download the merged
// table (xlsx, csv); a recipient opens its own answer.
import { api, apiUrl } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { showToast } from '../../toast.js';
import { clockBadge, errorList, statusBadge } from './common.js';

/** Renders one call. */
export async function render(view, route) {
  const id = route.params.id;
  const { data: call } = await api('GET', `data-calls/${encodeURIComponent(id)}`);
  const errors = h('div', { id: 'dc-errors' });
  const reload = () => render(view, route);
  const act = async (path, body) => {
    try {
      await api('POST', `data-calls/${encodeURIComponent(id)}/${path}`, { body: body || {} });
      showToast('dc.saved');
      await reload();
    } catch (err) {
      replace(errors, errorList(err));
    }
  };
  const manage = call.may_manage && !call.closed_on;
  const actions = (r) => {
    const out = [];
    if (r.answers || r.status === 'submitted' || r.status === 'accepted' || call.may_manage) {
      out.push(h('a', { class: 'button', href: href('data-call-reply', { id, rid: r.id }),
                        text: r.answers && !call.closed_on && (r.status === 'pending' || r.status === 'returned') ? t('dc.fill') : t('dc.view') }));
    }
    if (manage && r.status === 'submitted') {
      out.push(h('button', { type: 'button', class: 'button primary dc-accept', text: t('dc.accept'),
                             on: { click: () => act(`replies/${r.id}/accept`) } }));
      const note = h('input', { type: 'text', class: 'dc-note', placeholder: t('dc.return_note') });
      out.push(note, h('button', { type: 'button', class: 'button dc-return', text: t('dc.return'),
                                   on: { click: () => act(`replies/${r.id}/return`, { note: note.value }) } }));
    }
    return out;
  };
  replace(view,
    h('div', { class: 'page-head' },
      h('h1', {}, call.title, ' ', call.closed_on ? h('span', { class: 'badge', text: t('dc.closed') }) : null),
      h('a', { class: 'button', href: href('data-calls'), text: t('dc.back') })),
    h('p', { class: 'muted', text: t('dc.due_line', { date: call.due_on }) }),
    call.instructions ? h('p', { class: 'dc-instructions', text: call.instructions }) : null,
    h('div', { class: 'cards', id: 'dc-completion' },
      h('div', { class: 'card' }, h('div', { class: 'card-label', text: t('dc.col_completion') }),
        h('div', { class: 'card-value', text: t('dc.x_of_n', { x: call.completion.submitted, n: call.completion.of }) })),
      h('div', { class: 'card' }, h('div', { class: 'card-label', text: t('dc.col_overdue') }),
        h('div', { class: 'card-value', text: String(call.completion.overdue) }))),
    call.may_manage ? h('div', { class: 'form-actions' },
      h('a', { class: 'button', id: 'dc-merged-xlsx', href: apiUrl(`data-calls/${id}/merged.xlsx`), download: '', text: t('dc.merged_xlsx') }),
      h('a', { class: 'button', id: 'dc-merged-csv', href: apiUrl(`data-calls/${id}/merged.csv`), download: '', text: t('dc.merged_csv') }),
      manage ? h('button', { type: 'button', class: 'button', id: 'dc-close', text: t('dc.close'),
                             on: { click: () => { if (window.confirm(t('dc.close_confirm'))) act('close'); } } }) : null) : null,
    errors,
    h('h2', { text: t('dc.recipients') }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data responsive', id: 'dc-recipients-table' },
      h('thead', {}, h('tr', {}, ['dc.col_recipient', 'dc.col_status', 'dc.col_clock', 'dc.col_rows', ''].map((k) => h('th', { text: k ? t(k) : '' })))),
      h('tbody', {}, call.recipients.map((r) => h('tr', { dataset: { recipient: String(r.id) } },
        h('td', { 'data-label': t('dc.col_recipient'), text: r.name }),
        h('td', { 'data-label': t('dc.col_status') }, statusBadge(r.status),
          r.status === 'returned' && r.return_note ? h('div', { class: 'muted', text: r.return_note }) : null),
        h('td', { 'data-label': t('dc.col_clock') }, clockBadge({ ...r, status: call.closed_on ? 'accepted' : r.status })),
        h('td', { 'data-label': t('dc.col_rows'), class: 'num', text: String(r.rows) }),
        h('td', {}, actions(r))))))),
    h('h2', { text: t('dc.columns') }),
    h('ul', {}, call.columns.map((c) => h('li', { text: `${c.label_zh} (${c.label_en || c.key}) · ${tEnum('dc_type', c.type)}${c.required ? ` · ${t('dc.required')}` : ''}${c.values ? ` · ${c.values.join(t('dc.list_sep'))}` : ''}` }))));
}
