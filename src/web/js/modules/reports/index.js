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
  enums: {
    server: [],
    local: {
      // Codes in the note of a drill-down record (figure.js): parks.status (industry migration
      // CHECK), the park kinds of data/parks.csv (free text: others are shown as they are),
      // land_contracts.kind (land migration CHECK).
      park_status: ['built', 'planned'],
      park_kind: ['shiitake', 'vegetable_greenhouse', 'e_commerce', 'edible_fungus_greenhouse',
                  'leisure_agriculture', 'fruit_vegetable_greenhouse', 'solar_greenhouse_vegetable',
                  'donkey_breeding', 'red_date_processing', 'red_date_walnut_processing'],
      land_contract_kind: ['custody', 'land_transfer'],
    },
  },
};
