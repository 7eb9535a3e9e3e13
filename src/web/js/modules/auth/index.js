// Web module "auth": login (#/login, the only page without a session), the own password
// (#/password) and the user accounts (#/users, capability users.manage).
// Entry format: see modules/index.js.
import * as loginPage from './login.js';
import * as passwordPage from './password.js';
import * as usersPage from './users.js';

export default {
  name: 'auth',
  nav: [{ route: 'users', label: 'nav.users', hash: '#/users', active: ['users'], action: 'users.manage' }],
  routes: [
    { name: 'login', pattern: ['login'], page: loginPage, public: true },
    { name: 'password', pattern: ['password'], page: passwordPage },
    { name: 'users', pattern: ['users'], page: usersPage, action: 'users.manage' },
  ],
  // user_role: the roles an account may be given (labels enum.role.*).
  enums: { server: ['role', 'user_role'], local: {} },
};
