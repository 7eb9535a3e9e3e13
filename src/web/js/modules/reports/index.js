// Web module "reports": the dashboard (#/dashboard, also the empty hash).
// Entry format: see modules/index.js.
// The dashboard page still lives in js/pages/dashboard.js (being rewritten from the server's
// figure list); it moves here as modules/reports/dashboard.js.
import * as dashboardPage from '../../pages/dashboard.js';

export default {
  name: 'reports',
  nav: [{ route: 'dashboard', label: 'nav.dashboard', hash: '#/dashboard', active: ['dashboard'] }],
  routes: [{ name: 'dashboard', pattern: ['dashboard'], page: dashboardPage }],
  enums: { server: [], local: {} },
};
