// Web module "registry": the household list (#/households) and a household's page
// (#/households/:id), a new household (#/households/new) and the printable household file
// (#/household-file?id=…). Entry format: see modules/index.js.
import * as householdsPage from './households.js';
import * as householdPage from './household.js';
import * as householdNewPage from './household-new.js';
import * as householdFilePage from './household-file.js';

export default {
  name: 'registry',
  nav: [{ route: 'households', label: 'nav.households', hash: '#/households', active: ['households', 'household', 'household-new', 'household-file'] }],
  routes: [
    { name: 'households', pattern: ['households'], page: householdsPage },
    // Before households/:id (routes match in list order).
    { name: 'household-new', pattern: ['households', 'new'], page: householdNewPage, action: 'households.create' },
    { name: 'household', pattern: ['households', ':id'], page: householdPage },
    { name: 'household-file', pattern: ['household-file'], page: householdFilePage },
  ],
  enums: {
    server: ['category', 'relocation_type', 'sex', 'relationship', 'health', 'employment_kind',
             'education', 'ethnicity'],
    local: {
      // List filter on employment: employed (any kind but none) or not.
      employment_status: ['employed', 'unemployed'],
      yes_no: ['yes', 'no'],
      // The audit actions the household history shows (core/audit.h AuditEntry::action).
      // Register events (registry/register_event.h RegisterEventKindName), labels zh/en.
      register_event: ['birth', 'death', 'moved_away', 'married_out', 'married_in', 'moved_in', 'returned',
                       'moved_between', 'id_completed', 'head_changed', 'split', 'merged', 'placement_changed',
                       'entered_in_error', 'household_added', 'member_added'],
      // The kinds offered by the household page's panels (register-dialogs.js).
      member_event: ['birth', 'married_in', 'moved_in', 'returned', 'member_added'],
      leave_event: ['death', 'moved_away', 'married_out'],
      // Split: what happens to the housing unit (docs/living-register.md, split).
      split_housing: ['stays', 'moves', 'new_unit', 'none'],
      // Merge: the merged household's unit released or given to the kept one.
      merge_housing: ['released', 'kept'],
      audit_action: ['create', 'update', 'delete', 'view_full', 'login', 'login_failed', 'logout',
                     'import', 'export', 'user_admin', 'demo'],
    },
  },
};
