// Industry pages: jobs (docs/industry.md "Jobs", "Pages"): a person's jobs, current and ended, with
// recording, ending and voiding a job (#/persons/:id/jobs, made for a phone: jobs-person.js), and
// the household page's section of the members' current jobs (jobs-household-section.js, drawn by
// visits/household-sections.js). No nav entry: the pages are reached from a person or household.
import * as personJobsPage from './jobs-person.js';

/** 就业渠道 and 务工地点 wire names (industry/jobs.h Channel, WorkPlace); labels enum.job_channel.*, enum.job_place.*. */
export const JOB_CHANNELS = ['workshop', 'park', 'welfare_post', 'enterprise', 'migrant_work', 'self_employed', 'flexible', 'other'];
export const JOB_PLACES = ['township', 'county', 'province', 'outside'];

export default {
  nav: [],
  routes: [
    { name: 'person-jobs', pattern: ['persons', ':id', 'jobs'], page: personJobsPage },
  ],
  enums: { server: [], local: { job_channel: JOB_CHANNELS, job_place: JOB_PLACES } },
};
