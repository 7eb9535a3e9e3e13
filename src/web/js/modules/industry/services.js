// Industry pages: services (docs/industry.md "Pages"): the zero-employment alert list
// (#/zero-employment, the grid worker's list on a phone), one household's follow-up
// (#/zero-employment/:id: members and what was offered to them, record an offer or a contact,
// clear with a documented reason), vacancies with their matches (#/vacancies) and job seekers
// with the services given (#/job-seekers).
import * as zeroList from './services-zero.js';
import * as zeroHousehold from './services-household.js';
import * as vacancies from './services-vacancies.js';
import * as seekers from './services-seekers.js';

export default {
  nav: [{ route: 'zero-employment', label: 'zero.nav', hash: '#/zero-employment',
          active: ['zero-employment', 'zero-employment-household', 'vacancies', 'job-seekers'] }],
  routes: [
    { name: 'zero-employment', pattern: ['zero-employment'], page: zeroList },
    { name: 'zero-employment-household', pattern: ['zero-employment', ':id'], page: zeroHousehold },
    { name: 'vacancies', pattern: ['vacancies'], page: vacancies },
    { name: 'job-seekers', pattern: ['job-seekers'], page: seekers },
  ],
  enums: {
    server: [],
    local: {
      service_kind: ['introduction', 'job_offer', 'training_offer', 'follow_up', 'return_home_follow_up'],
      service_outcome: ['pending', 'accepted', 'refused', 'no_answer'],
      zero_clear_reason: ['refused_offers', 'lost_contact', 'no_longer_able', 'employed'],
      zero_case_state: ['open', 'following_up', 'cleared'],
    },
  },
};
