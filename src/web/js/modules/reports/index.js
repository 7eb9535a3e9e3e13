// Web module "reports": the dashboard (#/dashboard, also the empty hash), drawn from the
// server's figure list (GET /api/v1/figures), and a figure's records (#/figure?key=…&as_of=…,
// the drill-down of figures not counted on the household or person list).
// Entry format: see modules/index.js.
import * as dashboardPage from './dashboard.js';
import * as figurePage from './figure.js';

export default {
  name: 'reports',
  nav: [{ route: 'dashboard', label: 'nav.dashboard', hash: '#/dashboard', active: ['dashboard', 'figure'] }],
  routes: [
    { name: 'dashboard', pattern: ['dashboard'], page: dashboardPage },
    { name: 'figure', pattern: ['figure'], page: figurePage },
  ],
  enums: { server: [], local: {} },
};
