// Industry pages: places (docs/industry.md "Pages", issue #16 items 1-2): parks (#/parks,
// #/parks/:id) and workshops (#/workshops, #/workshops/:id) with their create and edit forms.
// No nav entry of their own: the industry overview (#/industry) links to them.
import * as parksPage from './places-parks.js';
import * as parkPage from './places-park.js';
import * as workshopsPage from './places-workshops.js';
import * as workshopPage from './places-workshop.js';

export default {
  nav: [],
  routes: [
    { name: 'parks', pattern: ['parks'], page: parksPage },
    { name: 'park', pattern: ['parks', ':id'], page: parkPage },
    { name: 'workshops', pattern: ['workshops'], page: workshopsPage },
    { name: 'workshop', pattern: ['workshops', ':id'], page: workshopPage },
  ],
  enums: {
    server: [],
    local: {
      place_park_kind: ['shiitake', 'vegetable_greenhouse', 'e_commerce', 'edible_fungus_greenhouse', 'leisure_agriculture',
        'fruit_vegetable_greenhouse', 'solar_greenhouse_vegetable', 'donkey_breeding', 'red_date_processing',
        'red_date_walnut_processing', 'other'],
      place_park_status: ['built', 'planned'],
      operator_kind: ['cooperative', 'enterprise', 'village'],
      workshop_type: ['factory', 'home', 'farming', 'trade', 'tourism'],
      workshop_level: ['workshop', 'factory'],
      place_channel: ['workshop', 'park', 'welfare_post', 'enterprise', 'migrant_work', 'self_employed', 'flexible', 'other'],
    },
  },
};
