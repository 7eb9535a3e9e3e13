// Web module "cadres" (帮扶责任人, issue #15): the cadre list (#/cadres) and a cadre's page
// (#/cadres/:id). household-section.js exports the household page's section.
// Entry format: see modules/index.js.
import * as cadresPage from './cadres.js';
import * as cadrePage from './cadre.js';

export default {
  name: 'cadres',
  nav: [{ route: 'cadres', label: 'nav.cadres', hash: '#/cadres', active: ['cadres', 'cadre'] }],
  routes: [
    { name: 'cadres', pattern: ['cadres'], page: cadresPage },
    { name: 'cadre', pattern: ['cadres', ':id'], page: cadrePage },
  ],
  enums: { server: [], local: {} },
};
