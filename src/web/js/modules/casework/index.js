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
import { mountBell, scopeLevel, updateBell } from './common.js';

const countyLevel = () => scopeLevel() === 'county';
const listsCases = () => ['county', 'township', 'site'].includes(scopeLevel());

if (typeof document !== 'undefined' && !document.getElementById('casework-css')) {
  const link = document.createElement('link');
  link.id = 'casework-css';
  link.rel = 'stylesheet';
  link.href = '/static/js/modules/casework/casework.css';
  document.head.append(link);
}

export default {
  name: 'casework',
  // when(caps): shown only when it holds (app.js). The case list: county, township and site
  // users; settings: county roles (the server answers every session; these pages are theirs).
  nav: [
    { route: 'queue', label: 'nav.queue', hash: '#/queue', active: ['queue', 'case', 'household-cases'] },
    { route: 'cases', label: 'nav.cases', hash: '#/cases', active: ['cases'], when: listsCases },
    { route: 'settings', label: 'nav.settings', hash: '#/settings', active: ['settings', 'calendar'], when: countyLevel },
  ],
  routes: [
    { name: 'queue', pattern: ['queue'], page: queuePage },
    { name: 'cases', pattern: ['cases'], page: casesPage },
    { name: 'case', pattern: ['cases', ':id'], page: casePage },
    { name: 'household-cases', pattern: ['households', ':id', 'cases'], page: householdCasesPage },
    { name: 'inbox', pattern: ['inbox'], page: inboxPage },
    { name: 'settings', pattern: ['settings'], page: settingsPage },
    { name: 'calendar', pattern: ['calendar'], page: calendarPage },
  ],
  // The header bell (app.js calls mount once with the header's tools, update on every page).
  header: { mount: mountBell, update: updateBell },
  enums: {
    server: [],
    // Known case kinds, their states and the transitions' names (labels where the server
    // sends none; common.js). Types: casework service_request, rectification finding,
    // datacalls data_call_reply (docs/casework.md).
    local: {
      case_kind: ['service_request', 'finding', 'data_call_reply'],
      case_state_service_request: ['open', 'accepted', 'resolved', 'closed'],
      case_state_finding: ['open', 'rectifying', 'submitted', 'signed_off'],
      case_state_data_call_reply: ['pending', 'submitted', 'returned', 'accepted'],
      case_transition: ['open', 'escalate', 'accept', 'withdraw', 'resolve', 'close', 'return', 'start',
                        'submit', 'sign_off'],
    },
  },
};
