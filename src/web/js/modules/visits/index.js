// Web module "visits" (走访纪实, docs/casework.md "visits"): the visit list (#/visits), a visit
// (#/visits/:id), recording a visit on a household (#/households/:id/visits/new, made for a
// phone), the statistics per site or cadre (#/visit-stats). The household page's and the
// household file's casework sections are household-sections.js (renderHouseholdSections).
// Its styles are visits.css, linked once when the module loads (no shared stylesheet edit).
// Entry format: see modules/index.js.
import * as listPage from './list.js';
import * as visitPage from './visit.js';
import * as recordPage from './record.js';
import * as statsPage from './stats.js';

if (typeof document !== 'undefined' && !document.getElementById('visits-css')) {
  const link = document.createElement('link');
  link.id = 'visits-css';
  link.rel = 'stylesheet';
  link.href = '/static/js/modules/visits/visits.css';
  document.head.append(link);
}

export default {
  name: 'visits',
  nav: [{ route: 'visits', label: 'nav.visits', hash: '#/visits', active: ['visits', 'visit', 'visit-new', 'visit-stats'] }],
  routes: [
    { name: 'visits', pattern: ['visits'], page: listPage },
    { name: 'visit', pattern: ['visits', ':id'], page: visitPage },
    { name: 'visit-new', pattern: ['households', ':id', 'visits', 'new'], page: recordPage },
    { name: 'visit-stats', pattern: ['visit-stats'], page: statsPage },
  ],
  enums: {
    server: [],
    // The purposes (visits/visits.h Purpose), labels enum.visit_purpose.<value>.
    local: { visit_purpose: ['routine', 'policy', 'employment', 'hardship', 'follow_up', 'other'] },
  },
};
