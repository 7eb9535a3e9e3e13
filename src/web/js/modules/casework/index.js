// Web module "casework" (docs/casework.md): the "who must act now" queue (#/queue), the case
// list (#/cases), a case's page (#/cases/:id), the inbox (#/inbox, reached by the header bell
// with the unread count), the settings of local policy (#/settings) and the working-day
// calendar (#/calendar). The household page's 待办事项 section is household-section.js
// (renderCaseSection). Its styles are casework.css, linked once when the module loads (no
// shared stylesheet edit). Entry format: see modules/index.js.
import * as queuePage from './queue.js';
import * as casesPage from './cases.js';
import * as casePage from './case.js';
import * as inboxPage from './inbox.js';
import * as settingsPage from './settings.js';
import * as calendarPage from './calendar.js';
import * as householdCasesPage from './household-cases.js';
import { mountBell, updateBell } from './common.js';

if (typeof document !== 'undefined' && !document.getElementById('casework-css')) {
  const link = document.createElement('link');
  link.id = 'casework-css';
  link.rel = 'stylesheet';
  link.href = '/static/js/modules/casework/casework.css';
  document.head.append(link);
}

export default {
  name: 'casework',
  nav: [
    { route: 'queue', label: 'nav.queue', hash: '#/queue', active: ['queue', 'case'], action: 'cases.read' },
    { route: 'cases', label: 'nav.cases', hash: '#/cases', active: ['cases'], action: 'cases.list' },
    { route: 'settings', label: 'nav.settings', hash: '#/settings', active: ['settings', 'calendar'], action: 'settings.read' },
  ],
  routes: [
    { name: 'queue', pattern: ['queue'], page: queuePage, action: 'cases.read' },
    { name: 'cases', pattern: ['cases'], page: casesPage, action: 'cases.list' },
    { name: 'case', pattern: ['cases', ':id'], page: casePage, action: 'cases.read' },
    { name: 'household-cases', pattern: ['households', ':id', 'cases'], page: householdCasesPage, action: 'cases.read' },
    { name: 'inbox', pattern: ['inbox'], page: inboxPage },
    { name: 'settings', pattern: ['settings'], page: settingsPage, action: 'settings.read' },
    { name: 'calendar', pattern: ['calendar'], page: calendarPage, action: 'settings.read' },
  ],
  // The header bell (app.js calls mount once with the header's tools, update on every page).
  header: { mount: mountBell, update: updateBell },
  enums: { server: [], local: {} },
};
