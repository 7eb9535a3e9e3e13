// The JSON API client (docs/api.md, /api/v1/openapi.json). Same-origin fetch with the session
// cookie (HttpOnly, SameSite=Strict: shared by the browser's tabs); the CSRF token from
// POST/GET /api/v1/session is kept in sessionStorage (per tab; a new tab gets it from GET
// /api/v1/session, app.js) and sent as X-CSRF-Token on every request that changes something.
//
// Errors: every non-2xx answer becomes an ApiError carrying the one error envelope
// {"error": {"code", "message", "message_zh", "field", "value", "details": [...]}}.
// A 401 also calls the handler set with onUnauthenticated (the app shows the login page); a
// 403 naming must_change_password calls the one set with onMustChangePassword (the app shows
// the change-password page).

import { currentLang } from './i18n.js';

const SESSION_KEY = 'anju.session';

/** An error answer of the API. `status` is the HTTP status, `code` the envelope's code. */
export class ApiError extends Error {
  constructor(status, envelope, path) {
    const e = (envelope && envelope.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.path = path;
    this.code = e.code || 'internal';
    this.messageEn = e.message || '';
    this.messageZh = e.message_zh || '';
    this.field = e.field || '';
    this.value = e.value || '';
    /** Per-field errors of a 422: [{field, message, message_zh, value}]. */
    this.details = Array.isArray(e.details) ? e.details : [];
    if (this.field && this.details.length === 0) {
      this.details = [{ field: this.field, message: this.messageEn, message_zh: this.messageZh,
                        value: this.value }];
    }
  }

  /** The message in the UI language (Chinese falls back to English when the server has none). */
  localMessage() { return localMessage(this); }
}

/** The message of an error or detail object in the current language. */
export function localMessage(e) {
  const zh = e.message_zh ?? e.messageZh;
  const en = e.message ?? e.messageEn;
  return (currentLang() === 'zh' && zh) ? zh : (en || zh || '');
}

let unauthenticatedHandler = () => {};
/** Sets what happens on a 401 (the app navigates to the login page). */
export function onUnauthenticated(fn) { unauthenticatedHandler = fn; }

let mustChangeHandler = () => {};
/** Sets what happens when the server says a one-time password must be changed first. */
export function onMustChangePassword(fn) { mustChangeHandler = fn; }

/** The current session as returned by POST /api/v1/session ({username, role, scope, csrf_token}), or null. */
export function session() {
  try { return JSON.parse(sessionStorage.getItem(SESSION_KEY)); } catch { return null; }
}

/** Stores (or with null forgets) the session, e.g. a refreshed GET /api/v1/session answer. */
export function saveSession(s) {
  if (s) sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else sessionStorage.removeItem(SESSION_KEY);
}

/** Builds "/api/v1/<path>?a=1&b=2", leaving out empty values. */
export function apiUrl(path, query) {
  const url = new URL(`/api/v1/${path.replace(/^\//, '')}`, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  return url.pathname + url.search;
}

/**
 * Calls the API. Returns {data, etag, status}. Throws ApiError on an error answer, or
 * ApiError with status 0 and code "unavailable" when the server cannot be reached.
 * @param {string} method  GET, POST, PATCH, PUT, DELETE
 * @param {string} path    below /api/v1, e.g. "households/12"
 * @param {{query?: object, body?: any, ifMatch?: string}} [opts]
 */
export async function api(method, path, opts = {}) {
  const url = apiUrl(path, opts.query);
  const headers = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const s = session();
  if (method !== 'GET' && s && s.csrf_token) headers['X-CSRF-Token'] = s.csrf_token;
  if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
  let res;
  try {
    res = await fetch(url, {
      method, headers, credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (err) {
    throw new ApiError(0, { error: { code: 'unavailable', message: String(err) } }, url);
  }
  let data = null;
  const text = res.status === 204 ? '' : await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data, url);
    if (res.status === 401 && path !== 'session') {
      saveSession(null);
      unauthenticatedHandler(err);
    } else if (res.status === 403 && err.field === 'must_change_password') {
      const s = session();
      if (s) saveSession({ ...s, must_change_password: true });
      mustChangeHandler(err);
    }
    throw err;
  }
  return { data, etag: res.headers.get('ETag'), status: res.status };
}

/** Logs in; stores and returns the session ({csrf_token, role, scope, username}). */
export async function login(username, password) {
  const { data } = await api('POST', 'session', { body: { username, password } });
  const s = { ...data, username: data.username || username };
  saveSession(s);
  return s;
}

/** Logs out (the server ends the session); forgets the local session even if that fails. */
export async function logout() {
  try { await api('DELETE', 'session'); } finally { saveSession(null); }
}

/**
 * Changes the user's own password (POST /api/v1/session/password). The server rotates the
 * session (new cookie and CSRF token): the answer replaces the stored session. Returns it.
 */
export async function changePassword(currentPassword, newPassword) {
  const { data } = await api('POST', 'session/password', {
    body: { current_password: currentPassword, new_password: newPassword },
  });
  const s = { ...data, username: data.username || (session() || {}).username };
  saveSession(s);
  return s;
}
