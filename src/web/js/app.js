// The application shell: loads the language, checks the session, renders the page of the
// current hash into <main id="view"> and keeps the header (navigation, language toggle, user,
// demo banner) up to date. A session whose one-time password must be changed sees only the
// change-password page. Pages are modules under pages/ exporting
// render(view, route, ctx) -> optional cleanup function; ctx.current() is false once the user
// has gone to another page (a page that awaits must not draw over the next one).

import { api, logout, onMustChangePassword, onUnauthenticated, session } from './api.js';
import { $, h, replace } from './dom.js';
import { applyStatic, currentLang, onLangChange, preferredLang, setLang, t, tEnum } from './i18n.js';
import { go, parseHash } from './router.js';
import * as loginPage from './pages/login.js';
import * as dashboardPage from './pages/dashboard.js';
import * as figurePage from './pages/figure.js';
import * as householdsPage from './pages/households.js';
import * as householdPage from './pages/household.js';
import * as sitesPage from './pages/sites.js';
import * as sitePage from './pages/site.js';
import * as importPage from './pages/import.js';
import * as passwordPage from './pages/password.js';
import * as usersPage from './pages/users.js';

const PAGES = {
  login: loginPage, dashboard: dashboardPage, figure: figurePage, households: householdsPage,
  household: householdPage, sites: sitesPage, site: sitePage, import: importPage,
  password: passwordPage, users: usersPage,
};

let cleanup = null;
let renderSeq = 0;
/** Database facts for the banner and title ({is_demo, county_name, …}) when known. */
let database = null;

/** Remembers database facts (from the session answer or the report) and updates the banner. */
export function noteDatabase(db) {
  if (!db) return;
  database = { ...(database || {}), ...db };
  updateChrome();
}

function updateChrome() {
  const s = session();
  const loggedIn = Boolean(s);
  // Until a one-time password is changed there is nowhere else to go.
  $('#nav').hidden = !loggedIn || Boolean(s.must_change_password);
  for (const a of document.querySelectorAll('#nav a[data-role]')) {
    a.hidden = !loggedIn || s.role !== a.dataset.role;
  }
  $('#user-menu').hidden = !loggedIn;
  if (!loggedIn) $('#user-menu').open = false;
  const user = $('#user-label');
  user.textContent = loggedIn ? `${s.username} · ${tEnum('role', s.role)}` : '';
  $('#demo-banner').hidden = !(loggedIn && database && database.is_demo);
  $('#lang-toggle').textContent = t(currentLang() === 'zh' ? 'lang.switch_to_en' : 'lang.switch_to_zh');
  const route = parseHash(location.hash);
  for (const a of document.querySelectorAll('#nav a')) {
    const active = a.dataset.route === route.name || `${a.dataset.route.replace(/s$/, '')}` === route.name;
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const county = database && database.county_name;
  document.title = county ? `${t('app.title')} · ${county}` : t('app.title');
}

async function render() {
  const seq = ++renderSeq;
  if (cleanup) { try { cleanup(); } catch (e) { console.error(e); } cleanup = null; }
  const route = parseHash(location.hash);
  if (route.name !== 'login' && !session()) {
    go('login', {}, { next: location.hash.replace(/^#/, '') || '/dashboard' });
    return;
  }
  const s = session();
  if (s && s.must_change_password && route.name !== 'password' && route.name !== 'login') {
    go('password', {}, { next: location.hash.replace(/^#/, '') || '/dashboard' });
    return;
  }
  updateChrome();
  const view = $('#view');
  delete view.dataset.ready;  // pages set it when drawn (the browser test waits for it)
  view.dataset.hash = location.hash;
  const page = PAGES[route.name];
  if (!page) {
    replace(view, h('section', { class: 'panel' }, h('h1', { text: t('error.page_not_found') })));
    return;
  }
  replace(view, h('p', { class: 'loading', text: t('common.loading') }));
  try {
    const c = await page.render(view, route, { noteDatabase, current: () => seq === renderSeq });
    if (seq !== renderSeq) { if (typeof c === 'function') c(); return; }
    cleanup = typeof c === 'function' ? c : null;
  } catch (err) {
    if (seq !== renderSeq) return;
    console.error(err);
    if (err && err.status === 401) return;  // the handler already went to the login page
    replace(view, h('section', { class: 'panel error-panel', role: 'alert' },
      h('h1', { text: t('error.load_failed') }),
      h('p', { text: err && err.localMessage ? err.localMessage() : String(err) })));
  }
  view.focus({ preventScroll: true });
}

async function start() {
  try {
    await setLang(preferredLang());
  } catch (err) {
    console.error(err);
  }
  $('#lang-toggle').addEventListener('click', async () => {
    await setLang(currentLang() === 'zh' ? 'en' : 'zh');
  });
  $('#logout').addEventListener('click', async () => {
    $('#user-menu').open = false;
    try { await logout(); } catch (err) { console.error(err); }
    database = null;
    go('login');
  });
  onLangChange(() => { applyStatic(document); render(); });
  $('#menu-password').addEventListener('click', () => { $('#user-menu').open = false; });
  // The menu closes when a click lands elsewhere.
  document.addEventListener('click', (ev) => {
    const menu = $('#user-menu');
    if (menu.open && !menu.contains(ev.target)) menu.open = false;
  });
  onMustChangePassword(() => {
    if (parseHash(location.hash).name !== 'password') {
      go('password', {}, { next: location.hash.replace(/^#/, '') });
    }
  });
  onUnauthenticated(() => {
    if (parseHash(location.hash).name !== 'login') {
      go('login', {}, { next: location.hash.replace(/^#/, '') });
    }
  });
  window.addEventListener('hashchange', render);
  // Refresh the session (and the database facts) when a tab comes back with a stored session.
  if (session()) {
    try {
      const { data } = await api('GET', 'session');
      if (data && data.database) noteDatabase(data.database);
    } catch (err) {
      if (err.status !== 401) console.error(err);
    }
  }
  await render();
}

start();
