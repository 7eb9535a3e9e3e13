// The application shell: loads the language, checks the session, renders the page of the
// current hash into <main id="view"> and keeps the header (navigation, language toggle, user,
// demo banner) up to date. A session whose one-time password must be changed sees only the
// change-password page. The navigation and the pages come from the web module list
// (modules/index.js); an entry or a route that names a capability (`action`) is shown only
// when the session lists it (capabilities.js), else the route draws a "no permission" page.
// Pages export render(view, route, ctx) -> optional cleanup function; ctx.current() is false
// once the user has gone to another page (a page that awaits must not draw over the next one).

import { api, logout, onMustChangePassword, onUnauthenticated, saveSession, session } from './api.js';
import { can } from './capabilities.js';
import { $, h, replace } from './dom.js';
import { registerLocalEnums } from './enums.js';
import { applyStatic, currentLang, onLangChange, preferredLang, setCatalogues, setLang, t, tEnum } from './i18n.js';
import { MODULES } from './modules/index.js';
import { go, parseHash, routes } from './router.js';

for (const m of MODULES) registerLocalEnums(m.enums && m.enums.local);
setCatalogues(MODULES.map((m) => m.name));

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

/** Nav links whose entry has when(): shown only while it returns true (modules/index.js). */
const navWhen = new Map();

/** Draws the navigation links of every module entry once (labels filled by applyStatic). */
function buildNav() {
  const nav = $('#nav');
  replace(nav, ...MODULES.flatMap((m) => m.nav || []).map((n) => h('a', {
    href: n.hash,
    dataset: { route: n.route, i18n: n.label, active: (n.active || [n.route]).join(' '), action: n.action || '' },
  })));
  const entries = MODULES.flatMap((m) => m.nav || []);
  nav.querySelectorAll('a').forEach((a, i) => { if (entries[i].when) navWhen.set(a, entries[i].when); });
  // Header widgets of modules (e.g. casework's inbox bell), drawn into the tools.
  for (const m of MODULES) if (m.header) m.header.mount($('.tools'));
}

function updateChrome() {
  const s = session();
  const loggedIn = Boolean(s);
  // Until a one-time password is changed there is nowhere else to go.
  $('#nav').hidden = !loggedIn || Boolean(s.must_change_password);
  for (const a of document.querySelectorAll('#nav a')) {
    a.hidden = !loggedIn || (a.dataset.action !== '' && !can(a.dataset.action)) || (navWhen.has(a) && !navWhen.get(a)());
  }
  $('#user-menu').hidden = !loggedIn;
  if (!loggedIn) $('#user-menu').open = false;
  const user = $('#user-label');
  user.textContent = loggedIn ? `${s.username} · ${tEnum('role', s.role)}` : '';
  $('#demo-banner').hidden = !(loggedIn && database && database.is_demo);
  $('#lang-toggle').textContent = t(currentLang() === 'zh' ? 'lang.switch_to_en' : 'lang.switch_to_zh');
  const route = parseHash(location.hash);
  for (const a of document.querySelectorAll('#nav a')) {
    const active = a.dataset.active.split(' ').includes(route.name);
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  for (const m of MODULES) if (m.header) m.header.update();
  const county = database && database.county_name;
  document.title = county ? `${t('app.title')} · ${county}` : t('app.title');
}

async function render() {
  const seq = ++renderSeq;
  if (cleanup) { try { cleanup(); } catch (e) { console.error(e); } cleanup = null; }
  const route = parseHash(location.hash);
  const entry = routes().find((r) => r.name === route.name);
  if (!(entry && entry.public) && !session()) {
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
  const page = entry && entry.page;
  if (!page) {
    replace(view, h('section', { class: 'panel' }, h('h1', { text: t('error.page_not_found') })));
    return;
  }
  if (entry.action && !can(entry.action)) {
    replace(view, h('section', { class: 'panel error-panel', id: 'no-permission', role: 'alert' },
      h('h1', { text: t('error.no_permission') }),
      h('p', { text: t('error.no_permission_detail') })));
    view.dataset.ready = 'no-permission';
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
  buildNav();
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
  // Ask the server for the session on every start: a tab that comes back refreshes it (the
  // answer carries the current capabilities, e.g. after a role change or an upgrade), and a new
  // tab or a bookmark (#/household?id=…) adopts the session of the HttpOnly cookie the browser
  // sends (sessionStorage is per tab), so it opens logged in while the session is valid. After
  // a logout (in any tab) the server has ended the session: 401, and the login page.
  try {
    const { data } = await api('GET', 'session');
    saveSession({ ...(session() || {}), ...data });
    if (data && data.database) noteDatabase(data.database);
  } catch (err) {
    if (err.status === 401) saveSession(null);
    else console.error(err);
  }
  await render();
}

start();
