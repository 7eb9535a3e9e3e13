// Web module "auth": login (#/login, the only page without a session), the own password
// (#/password), the user accounts (#/users, capability users.manage) and the audit trail
// (#/audit, capability audit.read).
// Entry format: see modules/index.js.
import * as loginPage from './login.js';
import * as passwordPage from './password.js';
import * as usersPage from './users.js';
import * as auditPage from './audit.js';

export default {
  name: 'auth',
  nav: [
    { route: 'users', label: 'nav.users', hash: '#/users', active: ['users'], action: 'users.manage' },
    { route: 'audit', label: 'nav.audit', hash: '#/audit', active: ['audit'], action: 'audit.read' },
  ],
  routes: [
    { name: 'login', pattern: ['login'], page: loginPage, public: true },
    { name: 'password', pattern: ['password'], page: passwordPage },
    { name: 'users', pattern: ['users'], page: usersPage, action: 'users.manage' },
    { name: 'audit', pattern: ['audit'], page: auditPage, action: 'audit.read' },
  ],
  // user_role: the roles an account may be given (labels enum.role.*).
  enums: { server: ['role', 'user_role'], local: {} },
};
