// A household's cases (#/households/:id/cases): the household's open cases with their clocks
// and the "new service request" form (household-section.js, the same section the household
// page shows), reachable without the household page, e.g. from a link in a message.

import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { href } from '../../router.js';
import { renderCaseSection } from './household-section.js';

/** Renders the page. */
export async function render(view, route, ctx) {
  const id = route.params.id;
  const { data: hh } = await api('GET', `households/${encodeURIComponent(id)}`);
  if (!ctx.current()) return;
  const slot = h('div', { id: 'household-cases-slot' });
  replace(view,
    h('div', { class: 'page-head' },
      h('h1', { text: t('casework.household_cases_title', { no: hh.household_no || id }) }),
      h('a', { class: 'button', href: href('household', { id }), text: t('casework.to_household') })),
    slot);
  await renderCaseSection(slot, id, ctx);
  view.dataset.ready = 'household-cases';
}
