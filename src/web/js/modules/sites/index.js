// Web module "sites": the site list (#/sites) and a site's page (#/sites/:id).
// Entry format: see modules/index.js.
import * as sitesPage from './sites.js';
import * as sitePage from './site.js';

export default {
  name: 'sites',
  nav: [{ route: 'sites', label: 'nav.sites', hash: '#/sites', active: ['sites', 'site'] }],
  routes: [
    { name: 'sites', pattern: ['sites'], page: sitesPage },
    { name: 'site', pattern: ['sites', ':id'], page: sitePage },
  ],
  enums: { server: ['site_mode', 'size_class'], local: {} },
};
