// Web module "industry" (产业就业, docs/industry.md "Pages"): one file of routes per area, each
// built apart — jobs.js (a person's and a household's jobs, recording a job), places.js (parks,
// workshops), posts.js (welfare posts and holders), training.js (courses, classes, enrolments,
// certificates), services.js (zero-employment alerts and follow-up, vacancies, seekers),
// charts.js (the industry overview's charts). Each exports { nav, routes, enums }.
// Entry format: see modules/index.js.
import jobs from './jobs.js';
import places from './places.js';
import posts from './posts.js';
import training from './training.js';
import services from './services.js';
import charts from './charts.js';

const AREAS = [charts, services, jobs, places, posts, training];

export default {
  name: 'industry',
  nav: AREAS.flatMap((a) => a.nav),
  routes: AREAS.flatMap((a) => a.routes),
  enums: {
    server: AREAS.flatMap((a) => a.enums.server),
    local: Object.assign({}, ...AREAS.map((a) => a.enums.local)),
  },
};
