// Web module "registry": the household list (#/households) and a household's page
// (#/households/:id). Entry format: see modules/index.js.
import * as householdsPage from './households.js';
import * as householdPage from './household.js';

export default {
  name: 'registry',
  nav: [{ route: 'households', label: 'nav.households', hash: '#/households', active: ['households', 'household'] }],
  routes: [
    { name: 'households', pattern: ['households'], page: householdsPage },
    { name: 'household', pattern: ['households', ':id'], page: householdPage },
  ],
  enums: {
    server: ['category', 'relocation_type', 'sex', 'relationship', 'health', 'employment_kind',
             'education', 'ethnicity'],
    local: {
      // List filter on employment: employed (any kind but none) or not.
      employment_status: ['employed', 'unemployed'],
      yes_no: ['yes', 'no'],
      // The audit actions the household history shows (core/audit.h AuditEntry::action).
      audit_action: ['create', 'update', 'delete', 'view_full', 'login', 'login_failed', 'logout',
                     'import', 'export', 'user_admin', 'demo'],
    },
  },
};
