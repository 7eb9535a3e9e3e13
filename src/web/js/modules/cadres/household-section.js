// The household page's section 帮扶责任人 (docs/casework.md "visits": the household page
// sections): the current cadre, the history, and an assign/reassign button when the session may
// manage cadres. Called by the household page (cw-visits):
//   renderCadreSection(container, householdId, ctx)

import { api } from '../../api.js';
import { can } from '../../capabilities.js';
import { h, replace } from '../../dom.js';
import { t } from '../../i18n.js';
import { href } from '../../router.js';
import { openAssignDialog } from './assign-dialog.js';

const period = (a) => `${a.from} – ${a.until || t('cadres.now')}`;

/**
 * Renders the section into `container` (replacing its content) for household `householdId`.
 * `ctx` is the page context (unused today; kept for the section signature of the household page).
 */
export async function renderCadreSection(container, householdId, ctx) {  // eslint-disable-line no-unused-vars
  const { current, history } = (await api('GET', `households/${householdId}/cadres`)).data;
  const editor = h('div', { class: 'cadre-editor' });
  const currentBox = current
    ? h('p', { class: 'cadre-current', id: 'cadre-current' },
      h('a', { href: href('cadre', { id: current.cadre_id }), text: current.cadre_name }),
      ` ${current.cadre_unit || ''} ${current.cadre_phone || ''} · ${t('cadres.since', { date: current.from })}`)
    : h('p', { class: 'muted', id: 'cadre-current', text: t('cadres.none') });
  const rows = history.map((a) => h('li', {},
    h('a', { href: href('cadre', { id: a.cadre_id }), text: a.cadre_name }),
    ` ${period(a)}${a.ended_reason ? ` · ${a.ended_reason}` : ''}`));
  const refresh = () => renderCadreSection(container, householdId, ctx);
  const button = can('cadres.manage')
    ? h('button', { type: 'button', class: 'small', id: 'cadre-assign',
                    text: t(current ? 'cadres.reassign' : 'cadres.assign'),
                    on: { click: () => openAssignDialog(editor, householdId, { done: refresh, cancel: () => replace(editor) }) } })
    : null;
  replace(container,
    h('section', { class: 'panel', id: 'household-cadre' },
      h('h2', { text: t('cadres.section_title') }),
      currentBox,
      history.length ? h('details', {}, h('summary', { text: t('cadres.history', { n: history.length }) }),
        h('ul', { class: 'cadre-history' }, rows)) : null,
      button, editor));
}
