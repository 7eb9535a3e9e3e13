// Web module "rectification" (整改台账, issue #15 item 6): inspections (#/inspections), one
// inspection with its findings (#/inspections/:id), the finding list import
// (#/inspections/:id/import), a finding (#/findings/:id) and the per-township summary
// (#/rectification). Entry format: see modules/index.js.
import * as inspectionsPage from './inspections.js';
import * as inspectionPage from './inspection.js';
import * as importPage from './import.js';
import * as findingPage from './finding.js';
import * as summaryPage from './summary.js';

export default {
  name: 'rectification',
  nav: [{ route: 'rectification', label: 'nav.rectification', hash: '#/rectification',
    active: ['rectification', 'inspections', 'inspection', 'finding', 'findings-import'] }],
  routes: [
    { name: 'rectification', pattern: ['rectification'], page: summaryPage },
    { name: 'inspections', pattern: ['inspections'], page: inspectionsPage },
    { name: 'inspection', pattern: ['inspections', ':id'], page: inspectionPage },
    { name: 'findings-import', pattern: ['inspections', ':id', 'import'], page: importPage },
    { name: 'finding', pattern: ['findings', ':id'], page: findingPage },
  ],
  enums: {
    server: [],
    local: {
      inspection_kind: ['county_check', 'city', 'province', 'national_assessment', 'audit', 'other'],
      finding_state: ['open', 'rectifying', 'submitted', 'signed_off'],
    },
  },
};
