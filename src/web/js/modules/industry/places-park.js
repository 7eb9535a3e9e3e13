// A park (GET /api/v1/parks/{id}): its details, the sites it serves, the jobs it gives today
// (persons in the session's scope, GET …/jobs a page of 50 at a time with previous/next); the
// edit form for county roles and township staff.
import { api, localMessage } from '../../api.js';
import { h, replace } from '../../dom.js';
import { editForm } from '../../forms.js';
import { fmtNumber, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { PARK_FIELDS, canParks, facts, jobsTable } from './places-common.js';

const PAGE = 50;

/** The park's jobs on its as_of, PAGE rows a page with previous/next; `.load()` shows the first. */
function jobsPager(park) {
  const table = h('div', { id: 'park-jobs-page' });
  const status = h('p', { class: 'muted', id: 'park-jobs-status', role: 'status' });
  const prev = h('button', { type: 'button', id: 'park-jobs-prev', text: t('places.jobs_prev') });
  const next = h('button', { type: 'button', id: 'park-jobs-next', text: t('places.jobs_next') });
  const cursors = [''];  // the cursor of each page up to the one shown (the first page has none)
  let nextCursor = '';
  async function show() {
    prev.disabled = true;
    next.disabled = true;
    try {
      const { data } = await api('GET', `parks/${park.id}/jobs`,
        { query: { as_of: park.as_of, limit: PAGE, cursor: cursors[cursors.length - 1] } });
      const from = (cursors.length - 1) * PAGE;
      nextCursor = data.next_cursor || '';
      replace(table, jobsTable('park-jobs', data.items));
      status.textContent = data.total > PAGE ? t('places.jobs_page',
        { from: fmtNumber(from + 1), to: fmtNumber(from + data.items.length), n: fmtNumber(data.total) }) : '';
      prev.hidden = next.hidden = data.total <= PAGE;
      prev.disabled = cursors.length === 1;
      next.disabled = !nextCursor;
    } catch (err) {
      status.textContent = localMessage(err);
      prev.disabled = cursors.length === 1;
      next.disabled = !nextCursor;
      throw err;
    }
  }
  const turn = (forward) => {
    if (forward) cursors.push(nextCursor); else cursors.pop();
    show().catch((e) => console.error(e));
  };
  prev.addEventListener('click', () => turn(false));
  next.addEventListener('click', () => turn(true));
  const wrap = h('div', { class: 'list-block' }, table, h('div', { class: 'row-actions' }, prev, next), status);
  wrap.load = show;
  return wrap;
}

/** Renders #/parks/:id. */
export async function render(view, route) {
  const { data: p, etag } = await api('GET', `parks/${route.params.id}`);
  const rerender = () => render(view, route);
  const edit = h('div', { id: 'park-edit' });
  const editButton = canParks() ? h('button', { type: 'button', id: 'park-edit-open', text: t('places.edit') }) : null;
  if (editButton) {
    editButton.addEventListener('click', () => {
      const fields = PARK_FIELDS.filter((f) => f.type !== 'site');
      const record = { ...p, area_mu: p.area_mu === null ? null : String(p.area_mu) };
      replace(edit, editForm({ id: `park-${p.id}`, fields, record, path: `parks/${p.id}`, etag,
        onSaved: rerender, onCancel: () => replace(edit), onReload: rerender }));
    });
  }
  const jobs = jobsPager(p);
  replace(view,
    h('div', { class: 'page-head' }, h('h1', { text: p.name }),
      h('p', { class: 'muted' }, h('a', { href: href('parks'), text: t('places.parks_title') }))),
    h('section', { class: 'panel' },
      facts('park-facts', [
        ['places.site', p.site_name],
        ['places.kind', tEnum('place_park_kind', p.kind)],
        ['places.area_mu', p.area_mu === null ? '' : `${fmtNumber(p.area_mu, 2)} ${t('places.mu')}`],
        ['places.head_count', p.head_count === null ? '' : fmtNumber(p.head_count)],
        ['places.operator', p.operator],
        ['places.operator_kind', p.operator_kind ? tEnum('operator_kind', p.operator_kind) : ''],
        ['places.status', tEnum('place_park_status', p.status)],
        ['places.built_on', p.built_on],
        ['places.planned_on', p.planned_on],
        ['places.note', p.note],
      ]), editButton, edit),
    h('section', { class: 'panel' }, h('h2', { text: t('places.served_sites') }),
      p.served_sites.length ? h('ul', { id: 'park-served' }, p.served_sites.map((s) => h('li', { text: s.name })))
        : h('p', { class: 'muted', id: 'park-served', text: t('places.served_none') })),
    h('section', { class: 'panel' }, h('h2', { text: t('places.jobs_on', { n: fmtNumber(p.jobs), date: p.as_of }) }),
      jobs));
  await jobs.load();
  view.dataset.ready = 'park';
}
