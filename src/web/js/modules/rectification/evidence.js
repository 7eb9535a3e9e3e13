// The evidence section of a finding (整改佐证): files attached with owner kind `finding`
// through the attachments panel (modules/attachments/panel.js). Sign-off needs at least one.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';
import { renderAttachments } from '../attachments/panel.js';

/** The evidence section of finding `f` (uploads only while it is not signed off). */
export async function evidencePanel(f, writable) {
  const box = h('div', { id: 'finding-evidence-files' });
  const section = h('section', { class: 'panel', id: 'finding-evidence' }, h('h2', { text: t('rect.evidence') }),
    h('p', { class: 'muted', text: f.has_evidence ? t('rect.has_evidence') : t('rect.no_evidence') }), box);
  if (writable || f.has_evidence) renderAttachments(box, { owner: 'finding', ownerId: f.id });
  return section;
}
