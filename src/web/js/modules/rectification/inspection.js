// One inspection (GET /api/v1/inspections/{id}): its findings with state and clock (orange near,
// red overdue), the ledger download (整改台账 xlsx), the list import and, for the county office,
// a form adding one finding (POST /api/v1/inspections/{id}/findings).

import { api, apiUrl, localMessage } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t, tEnum } from '../../i18n.js';
import { sites as loadSites, townships as loadTownships } from '../../lookups.js';
import { go, href } from '../../router.js';
import { clockBadges, isCountyWriter } from './common.js';

async function newFinding(id) {
  const sites = await loadSites();
  const townships = new Map();
  for (const x of await loadTownships()) townships.set(x.code, x.name);
  for (const s of sites) if (s.township_code) townships.set(s.township_code, s.township_name || s.township_code);
  const err = h('p', { class: 'form-error', role: 'alert' });
  const desc = h('textarea', { id: 'f-desc', name: 'description', required: true, rows: 3 });
  const township = h('select', { id: 'f-township', name: 'township_code' },
    h('option', { value: '', text: t('rect.county_wide') }),
    [...townships].map(([code, name]) => h('option', { value: code, text: name })));
  const site = h('select', { id: 'f-site', name: 'site_id' }, h('option', { value: '', text: '—' }),
    sites.map((s) => h('option', { value: s.id, text: s.name })));
  const unit = h('input', { id: 'f-unit', name: 'responsible_unit', required: true, maxlength: 100 });
  const measures = h('textarea', { id: 'f-measures', name: 'measures', rows: 2 });
  const deadline = h('input', { id: 'f-deadline', name: 'deadline', type: 'date' });
  const form = h('form', { class: 'panel form', id: 'finding-new' },
    h('h2', { text: t('rect.new_finding') }),
    h('label', { for: 'f-desc', text: t('rect.description') }), desc,
    h('label', { for: 'f-township', text: t('rect.township') }), township,
    h('label', { for: 'f-site', text: t('rect.site') }), site,
    h('label', { for: 'f-unit', text: t('rect.responsible_unit') }), unit,
    h('label', { for: 'f-measures', text: t('rect.measures') }), measures,
    h('label', { for: 'f-deadline', text: t('rect.deadline') }), deadline,
    err, h('button', { type: 'submit', text: t('rect.save') }));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const body = { description: desc.value, responsible_unit: unit.value, measures: measures.value };
    if (township.value) body.township_code = township.value;
    if (site.value) body.site_id = Number(site.value);
    if (deadline.value) body.deadline = deadline.value;
    try {
      const { data } = await api('POST', `inspections/${id}/findings`, { body });
      go('finding', { id: data.id });
    } catch (e) { err.textContent = localMessage(e); }
  });
  return form;
}

/** Renders one inspection and its findings. */
export async function render(view, route) {
  const id = encodeURIComponent(route.params.id);
  const { data } = await api('GET', `inspections/${id}`);
  const cols = ['rect.seq_no', 'rect.description', 'rect.township', 'rect.responsible_unit', 'rect.state'];
  const county = isCountyWriter();
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: data.name }),
      h('a', { class: 'button', href: apiUrl(`inspections/${id}/ledger.xlsx`), id: 'ledger-download', text: t('rect.ledger') }),
      county ? h('a', { class: 'button', href: href('findings-import', { id: data.id }), text: t('rect.import') }) : null),
    h('p', { class: 'muted', text: `${tEnum('inspection_kind', data.kind)} · ${data.held_on}${data.source ? ` · ${data.source}` : ''}` }),
    data.items.length ? h('div', { class: 'table-wrap panel' }, h('table', { class: 'data responsive', id: 'inspection-findings' },
      h('thead', {}, h('tr', {}, cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, data.items.map((f) => h('tr', { dataset: { state: f.state } },
        h('td', { dataset: { label: t('rect.seq_no') }, text: f.seq_no }),
        h('td', { dataset: { label: t('rect.description') } }, h('a', { href: href('finding', { id: f.id }), text: f.description })),
        h('td', { dataset: { label: t('rect.township') }, text: [f.township_name, f.site_name].filter(Boolean).join(' ') || t('rect.county_wide') }),
        h('td', { dataset: { label: t('rect.responsible_unit') }, text: f.responsible_unit }),
        h('td', { dataset: { label: t('rect.state') } }, clockBadges(f)))))))
      : h('p', { text: t('rect.no_findings') }),
    county ? await newFinding(id) : null);
  view.dataset.ready = 'inspection';
}
