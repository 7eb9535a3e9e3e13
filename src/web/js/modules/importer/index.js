// Web module "importer": the roster import (#/import). Only roles that may import
// (capability import.run) see it.
// Entry format: see modules/index.js.
import * as importPage from './import.js';

export default {
  name: 'importer',
  nav: [{ route: 'import', label: 'nav.import', hash: '#/import', active: ['import'], action: 'import.run' }],
  routes: [{ name: 'import', pattern: ['import'], page: importPage, action: 'import.run' }],
  enums: { server: ['import_field'], local: {} },
};
