// The casework sections of the household page and the household file (issue #15 item 8,
// docs/casework.md "visits"; the visits module owns this seam):
//   帮扶责任人  renderCadreSection(container, householdId, ctx)  — modules/cadres/household-section.js
//   走访记录    the latest visits with photo thumbnails and "record a visit" (this module)
//   待办事项    renderCaseSection(container, householdId, ctx)   — modules/casework/household-section.js
//   就业情况    renderJobsSection(container, hh, ctx)          — modules/industry/jobs-household-section.js
//   享受政策    GET /api/v1/households/{id}/benefits (every module's Module::benefits)
//   附件        renderAttachments(container, {owner, ownerId, ctx}) — modules/attachments/panel.js
// A section whose module is not in the web module list (modules/index.js) is left out, so the
// page works whichever modules a build has; a section that fails to load says so in itself and
// never breaks the page.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { currentLang, fmtNumber, t } from '../../i18n.js';
import { href } from '../../router.js';
import { MODULES } from '../index.js';
import { canRecord, listPhotos, purposeLabel, thumb } from './common.js';

const LATEST = 5;  // visits shown on the household page (the list has them all)

const hasModule = (name) => MODULES.some((m) => m.name === name);

/** Imports `file` of web module `module` when the build has it, giving export `name` or null. */
async function optional(module, file, name) {
  if (!hasModule(module)) return null;
  try {
    const m = await import(`../${module}/${file}`);
    return typeof m[name] === 'function' ? m[name] : null;
  } catch (e) {
    console.error(e);
    return null;
  }
}

function panel(id, titleKey, ...children) {
  return h('section', { class: 'panel casework-section', id }, h('h2', { text: t(titleKey) }), ...children);
}

function failed(box, id, titleKey) {
  replace(box, panel(id, titleKey, h('p', { class: 'muted', text: t('visits.section_unavailable') })));
}

/** The visits of household `hh` (latest first) with their photos. */
async function loadVisits(householdId, limit) {
  const { data } = await api('GET', 'visits', { query: { household_id: householdId, limit } });
  const items = data.items || [];
  const photos = await Promise.all(items.map((v) => listPhotos(v.id).catch(() => [])));
  return { items, photos, total: data.total ?? items.length };
}

function visitItem(v, photos) {
  return h('li', { class: 'visit-item', id: `household-visit-${v.id}`, dataset: { id: v.id } },
    h('div', { class: 'visit-head' },
      h('a', { href: href('visit', { id: v.id }), text: `${v.visited_on} · ${purposeLabel(v)}` }),
      h('span', { class: 'muted', text: ` ${v.visitor}` })),
    v.findings ? h('p', { class: 'visit-findings', text: v.findings }) : null,
    photos.length ? h('div', { class: 'visit-photos' }, photos.map((a) => thumb(a, t('visits.photo_alt', { date: v.visited_on })))) : null);
}

async function visitsSection(box, hh, ctx, print) {
  const { items, photos, total } = await loadVisits(hh.id, print ? 100 : LATEST);
  if (!ctx.current()) return;
  const record = !print && canRecord() && !hh.ended_on ? h('a', { class: 'button primary', id: 'record-visit',
    href: href('visit-new', { id: hh.id }), text: t('visits.record') }) : null;
  replace(box, panel('household-visits', 'visits.household_section',
    record,
    items.length ? h('ul', { class: 'visit-list', id: 'household-visit-list' }, items.map((v, i) => visitItem(v, photos[i])))
      : h('p', { class: 'muted', id: 'household-visits-empty', text: t('visits.none') }),
    !print && total > items.length ? h('a', { href: href('visits', {}, { household_id: hh.id }), id: 'household-visits-all',
      text: t('visits.all', { n: fmtNumber(total) }) }) : null));
}

async function benefitsSection(box, hh, ctx) {
  const { data } = await api('GET', `households/${encodeURIComponent(hh.id)}/benefits`);
  if (!ctx.current()) return;
  const label = (b) => (currentLang() === 'zh' ? b.label_zh : b.label_en) || b.label_zh;
  replace(box, panel('household-benefits', 'visits.benefits_section',
    data.items.length ? h('ul', { class: 'benefit-list', id: 'household-benefit-list' }, data.items.map((b) => h('li', { dataset: { module: b.module, kind: b.kind } },
      label(b), b.from ? h('span', { class: 'muted', text: ` ${t('visits.since', { date: b.from })}${b.until ? ` – ${b.until}` : ''}` }) : null)))
      : h('p', { class: 'muted', text: t('visits.no_benefits') })));
}

/**
 * Draws the sections for household `hh` (its detail from GET /api/v1/households/{id}) into
 * `container`, each in its own box as it loads. `ctx.current()` says whether the page is still
 * shown. `print`: the household file (every visit, no buttons). Sets container.dataset.ready =
 * "sections" when every section has been drawn (or given up).
 */
export async function renderHouseholdSections(container, hh, ctx = {}, { print = false } = {}) {
  const c = { current: ctx.current || (() => true) };
  delete container.dataset.ready;
  const boxes = { cadre: h('div'), visits: h('div'), cases: h('div'), jobs: h('div'), benefits: h('div'), attachments: h('div') };
  replace(container, Object.values(boxes));
  const jobs = [
    (async () => {
      const f = await optional('cadres', 'household-section.js', 'renderCadreSection');
      if (f) await f(boxes.cadre, hh.id, { ...c, print });
    })().catch((e) => { console.error(e); failed(boxes.cadre, 'household-cadre', 'visits.cadre_section'); }),
    visitsSection(boxes.visits, hh, c, print).catch((e) => { console.error(e); failed(boxes.visits, 'household-visits', 'visits.household_section'); }),
    (async () => {
      const f = await optional('casework', 'household-section.js', 'renderCaseSection');
      if (f) await f(boxes.cases, hh.id, { ...c, print });
    })().catch((e) => { console.error(e); failed(boxes.cases, 'household-cases', 'visits.cases_section'); }),
    (async () => {
      const f = await optional('industry', 'jobs-household-section.js', 'renderJobsSection');
      if (f) await f(boxes.jobs, hh, { ...c, print });
    })().catch((e) => { console.error(e); failed(boxes.jobs, 'household-jobs', 'jobs.household_section'); }),
    benefitsSection(boxes.benefits, hh, c).catch((e) => { console.error(e); failed(boxes.benefits, 'household-benefits', 'visits.benefits_section'); }),
    (async () => {
      const f = await optional('attachments', 'panel.js', 'renderAttachments');
      if (f) await f(boxes.attachments, { owner: 'household', ownerId: hh.id, ...c, print });
    })().catch((e) => { console.error(e); failed(boxes.attachments, 'household-attachments', 'visits.attachments_section'); }),
  ];
  await Promise.all(jobs);
  if (c.current()) container.dataset.ready = 'sections';
}
