// Web module "attachments": no page of its own; panel.js is the reusable files panel other
// modules' pages put on a record (household page, visit form, household file).
// Entry format: see modules/index.js.
export default {
  name: 'attachments',
  nav: [],
  routes: [],
  enums: { server: [], local: {} },
};
