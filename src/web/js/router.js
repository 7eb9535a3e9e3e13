// Hash routing: "#/households?site_id=3&q=zhm" -> {name: "households", params: {}, query: {...}}.
// Routes are matched in order; ":id" segments become params.

const ROUTES = [
  { name: 'login', pattern: ['login'] },
  { name: 'dashboard', pattern: ['dashboard'] },
  { name: 'figure', pattern: ['figure'] },
  { name: 'households', pattern: ['households'] },
  { name: 'household', pattern: ['households', ':id'] },
  { name: 'sites', pattern: ['sites'] },
  { name: 'site', pattern: ['sites', ':id'] },
  { name: 'import', pattern: ['import'] },
  { name: 'password', pattern: ['password'] },
  { name: 'users', pattern: ['users'] },
];

/** Parses a location hash; unknown paths give {name: "notfound"}, an empty one the dashboard. */
export function parseHash(hash) {
  const raw = (hash || '').replace(/^#\/?/, '');
  const [path, qs = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = Object.fromEntries(new URLSearchParams(qs));
  if (parts.length === 0) return { name: 'dashboard', params: {}, query };
  for (const r of ROUTES) {
    if (r.pattern.length !== parts.length) continue;
    const params = {};
    let ok = true;
    r.pattern.forEach((seg, i) => {
      if (seg.startsWith(':')) params[seg.slice(1)] = parts[i];
      else if (seg !== parts[i]) ok = false;
    });
    if (ok) return { name: r.name, params, query };
  }
  return { name: 'notfound', params: {}, query };
}

/** The hash for a route: href('households', {}, {q: 'zhm'}) -> "#/households?q=zhm". */
export function href(name, params = {}, query = {}) {
  const r = ROUTES.find((x) => x.name === name);
  const path = r.pattern.map((seg) => (seg.startsWith(':')
    ? encodeURIComponent(params[seg.slice(1)]) : seg)).join('/');
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '' && v != null));
  const qs = q.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

/** Navigates (adds a history entry; the hashchange listener renders). */
export function go(name, params, query) { location.hash = href(name, params, query); }
