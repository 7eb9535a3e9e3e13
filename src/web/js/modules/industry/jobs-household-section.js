// The household page's section 就业情况 (docs/industry.md "Jobs"; drawn by
// visits/household-sections.js when the build has the industry module): each current member with
// the jobs current today (GET /api/v1/households/{id}/jobs) and a link to the person's jobs
// (#/persons/:id/jobs), where jobs are recorded, ended and voided.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { currentLang, t, tEnum } from '../../i18n.js';
import { href } from '../../router.js';
import { yuan } from './jobs-person.js';

const channelLabel = (j) => (currentLang() === 'zh' ? j.channel_zh : j.channel_en) || tEnum('job_channel', j.channel);

/** Draws the section for household `hh` (GET /api/v1/households/{id}) into `box`; ctx.print: no links. */
export async function renderJobsSection(box, hh, ctx = {}) {
  const { data } = await api('GET', `households/${encodeURIComponent(hh.id)}/jobs`);
  if (ctx.current && !ctx.current()) return;
  const byPerson = new Map();
  for (const j of data.items || []) {
    if (!byPerson.has(j.person_id)) byPerson.set(j.person_id, []);
    byPerson.get(j.person_id).push(j);
  }
  const members = (hh.members || []).filter((p) => !p.left_on && !p.ended_on);
  const people = members.length ? members.map((p) => ({ id: p.id, name: p.name }))
    : [...byPerson.entries()].map(([id, js]) => ({ id, name: js[0].person_name }));
  const row = (p) => {
    const jobs = byPerson.get(p.id) || [];
    return h('li', { class: 'household-job', id: `household-jobs-${p.id}`, dataset: { person: p.id } },
      ctx.print ? h('strong', { text: p.name }) : h('a', { href: href('person-jobs', { id: p.id }), text: p.name }),
      jobs.length ? h('ul', { class: 'job-mini' }, jobs.map((j) => h('li', { dataset: { job: j.id } },
        [channelLabel(j), j.employer, j.monthly_income_fen != null ? t('jobs.per_month', { yuan: yuan(j.monthly_income_fen) }) : null].filter(Boolean).join(' · '))))
        : h('span', { class: 'muted', text: ` ${t('jobs.no_current')}` }));
  };
  replace(box, h('section', { class: 'panel casework-section', id: 'household-jobs' },
    h('h2', { text: t('jobs.household_section') }),
    people.length ? h('ul', { class: 'household-job-list', id: 'household-job-list' }, people.map(row))
      : h('p', { class: 'muted', text: t('jobs.none') })));
}
