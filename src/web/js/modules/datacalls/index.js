// Web module "datacalls" (数据调度, docs/casework.md): the calls list (#/data-calls), a new call
// (#/data-calls/new, county clerks), a call's page with completion and each recipient's status
// and clock (#/data-calls/:id), and one recipient's answer — filled in the browser or uploaded
// (#/data-calls/:id/replies/:rid). Entry format: see modules/index.js.
import * as callsPage from './calls.js';
import * as newCallPage from './new_call.js';
import * as callPage from './call.js';
import * as replyPage from './reply.js';

export default {
  name: 'datacalls',
  nav: [{ route: 'data-calls', label: 'nav.datacalls', hash: '#/data-calls',
          active: ['data-calls', 'data-call-new', 'data-call', 'data-call-reply'] }],
  routes: [
    { name: 'data-calls', pattern: ['data-calls'], page: callsPage },
    { name: 'data-call-new', pattern: ['data-calls', 'new'], page: newCallPage, action: 'datacalls.manage' },
    { name: 'data-call', pattern: ['data-calls', ':id'], page: callPage },
    { name: 'data-call-reply', pattern: ['data-calls', ':id', 'replies', ':rid'], page: replyPage },
  ],
  enums: { server: [], local: { dc_status: ['pending', 'submitted', 'returned', 'accepted'],
                                dc_type: ['text', 'integer', 'decimal', 'date', 'enum'] } },
};
