// The evidence section of a finding (整改佐证): files attached with owner kind `finding`
// (attachments module). Whether it has any comes with the finding (has_evidence); sign-off
// needs one.

import { h } from '../../dom.js';
import { t } from '../../i18n.js';

/** The evidence section of finding `f`; `writable`: may upload. */
export async function evidencePanel(f) {
  return h('section', { class: 'panel', id: 'finding-evidence' }, h('h2', { text: t('rect.evidence') }),
    h('p', { text: f.has_evidence ? t('rect.has_evidence') : t('rect.no_evidence') }));
}
