// THE web module list (docs/modules.md, list 3): one import line and one array entry per
// module; the navigation (app.js), the routes (router.js), the catalogues (i18n.js) and the
// UI-only enum kinds come from it, so adding a module edits nothing else shared.
//
// A module entry (modules/<m>/index.js, default export):
//   name    the module's folder name; its catalogues are modules/<name>/i18n/zh.json, en.json
//   nav     [{route: the route it opens, label: catalogue key, hash: '#/…', active: [route
//             names that mark it current], action?: capability the session must list to show
//             it, when?: () => boolean, shown only while it holds (e.g. by scope level)}],
//             in menu order
//   routes  [{name, pattern: ['households', ':id'], page: module exporting
//             render(view, route, ctx), action?: capability needed (else a "no permission"
//             page), public?: true when it needs no session}]
//   enums   {server: [kinds whose values come from the session's capabilities.enums and whose
//             labels enum.<kind>.<value> this module's catalogue holds],
//            local: {kind: [values]} for kinds that exist only in the UI}
//   header  optional {mount(toolsElement): draws a header widget once, update(): redraws it on
//             every page} (casework's inbox bell)
import reports from './reports/index.js';
import registry from './registry/index.js';
import sites from './sites/index.js';
import importer from './importer/index.js';
import auth from './auth/index.js';
import visits from './visits/index.js';
import casework from './casework/index.js';
import attachments from './attachments/index.js';
import rectification from './rectification/index.js';
import cadres from './cadres/index.js';
import datacalls from './datacalls/index.js';
import industry from './industry/index.js';

export const MODULES = [reports, registry, sites, importer, auth, casework, cadres, visits, attachments, rectification, datacalls, industry];
