// Industry pages: training (docs/industry.md "Training" and "Pages"): the class list
// (#/training, training-list.js) and a class's page (#/training/:id, training-class.js) with its
// enrolments, attendance/completion, certificates (form) and follow-up. No nav entry of its own:
// the industry overview (#/industry, charts area) links here.
import * as listPage from './training-list.js';
import * as classPage from './training-class.js';

export default {
  nav: [],
  routes: [
    { name: 'training', pattern: ['training'], page: listPage },
    { name: 'training-class', pattern: ['training', ':id'], page: classPage },
  ],
  enums: {
    server: [],
    local: {
      training_certificate_kind: ['training', 'skill_level', 'qualification', 'special'],
      training_certificate_level: ['junior', 'intermediate', 'senior', 'technician', 'senior_technician'],
    },
  },
};
