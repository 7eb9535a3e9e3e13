// Industry pages: welfare posts (公益性岗位, docs/industry.md "Posts"): #/posts (holdings by site
// and kind with the quota's use), #/posts/new (assign a post), #/posts/:id (a holding, its months,
// end, extend), #/post-kinds (kinds and quotas). No nav entry: the charts area's #/industry links here.
import * as listPage from './posts_list.js';
import * as newPage from './post_new.js';
import * as holdingPage from './post.js';
import * as kindsPage from './post_kinds.js';

export default {
  nav: [],
  routes: [
    { name: 'posts', pattern: ['posts'], page: listPage },
    { name: 'post-new', pattern: ['posts', 'new'], page: newPage, action: 'industry.manage' },
    { name: 'post', pattern: ['posts', ':id'], page: holdingPage },
    { name: 'post-kinds', pattern: ['post-kinds'], page: kindsPage },
  ],
  enums: { server: [], local: { post_level: ['department', 'township', 'village'], post_assessment: ['excellent', 'pass', 'fail'] } },
};
