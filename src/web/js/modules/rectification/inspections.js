// Inspections (GET /api/v1/inspections): each with its finding counts; the county office
// records a new one (POST /api/v1/inspections).

import { api, localMessage } from '../../api.js';
import { h, replace } from '../../dom.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { go, href } from '../../router.js';
import { isCountyWriter } from './common.js';

function newForm() {
  const err = h('p', { class: 'form-error', role: 'alert' });
  const name = h('input', { id: 'insp-name', name: 'name', required: true, maxlength: 200 });
  const kind = h('select', { id: 'insp-kind', name: 'kind' },
    ['county_check', 'city', 'province', 'national_assessment', 'audit', 'other']
      .map((k) => h('option', { value: k, text: tEnum('inspection_kind', k) })));
  const held = h('input', { id: 'insp-held', name: 'held_on', type: 'date', required: true });
  const source = h('input', { id: 'insp-source', name: 'source', maxlength: 200 });
  const form = h('form', { class: 'panel form', id: 'inspection-new' },
    h('h2', { text: t('rect.new_inspection') }),
    h('label', { for: 'insp-name', text: t('rect.name') }), name,
    h('label', { for: 'insp-kind', text: t('rect.kind') }), kind,
    h('label', { for: 'insp-held', text: t('rect.held_on') }), held,
    h('label', { for: 'insp-source', text: t('rect.source') }), source,
    err, h('button', { type: 'submit', text: t('rect.save') }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    try {
      const { data } = await api('POST', 'inspections', {
        body: { name: name.value, kind: kind.value, held_on: held.value, source: source.value },
      });
      go('inspection', { id: data.id });
    } catch (e) { err.textContent = localMessage(e); }
  });
  return form;
}

/** Renders the inspection list. */
export async function render(view) {
  const { data } = await api('GET', 'inspections');
  const cols = ['rect.name', 'rect.kind', 'rect.held_on', 'rect.total', 'rect.open', 'rect.overdue_count', 'rect.signed_off'];
  const num = (k, v) => h('td', { class: 'num', dataset: { label: t(k) }, text: fmtNumber(v) });
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: t('rect.inspections') }),
      h('a', { class: 'button', href: href('rectification'), text: t('rect.summary_title') })),
    data.items.length ? h('div', { class: 'table-wrap panel' }, h('table', { class: 'data responsive', id: 'inspections-list' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, data.items.map((i) => h('tr', {},
        h('td', { dataset: { label: t('rect.name') } }, h('a', { href: href('inspection', { id: i.id }), text: i.name })),
        h('td', { dataset: { label: t('rect.kind') }, text: tEnum('inspection_kind', i.kind) }),
        h('td', { dataset: { label: t('rect.held_on') }, text: i.held_on }),
        num('rect.total', i.findings.total), num('rect.open', i.findings.open),
        num('rect.overdue_count', i.findings.overdue), num('rect.signed_off', i.findings.signed_off))))))
      : h('p', { text: t('rect.no_inspections') }),
    isCountyWriter() ? newForm() : null);
  view.dataset.ready = 'inspections';
}
