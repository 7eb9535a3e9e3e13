// Message catalogues and locale-aware formatting. Every string the UI shows comes from the
// shared catalogue /static/i18n/<lang>.json or a web module's own
// /static/js/modules/<m>/i18n/<lang>.json (flat objects: "dotted.key" -> text with {name}
// placeholders), merged; none is written in code. tests/browser/check_i18n.mjs checks each
// catalogue's zh and en have the same keys and that every t('…') / data-i18n key used exists.
//
// Chinese (zh) is the default; the choice is kept in localStorage ("anju.lang").

import { ENUMS } from './enums.js';

/** The languages offered, default first. */
export const LANGS = ['zh', 'en'];
const LOCALE = { zh: 'zh-CN', en: 'en-US' };

let lang = 'zh';
let messages = {};
let moduleNames = [];

/** The web modules whose catalogues are merged into the shared one (app.js, from the list). */
export function setCatalogues(names) { moduleNames = [...names]; }

async function fetchCatalogue(url) {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}
const listeners = new Set();

/** The current language code, "zh" or "en". */
export function currentLang() { return lang; }

/** The BCP 47 locale of the current language, e.g. "zh-CN". */
export function currentLocale() { return LOCALE[lang]; }

/** The stored choice, else "zh". */
export function preferredLang() {
  const saved = localStorage.getItem('anju.lang');
  return LANGS.includes(saved) ? saved : LANGS[0];
}

/**
 * Loads the shared and the modules' catalogues of a language, merged, and makes them current;
 * sets <html lang>, stores the choice and tells the listeners (the app re-renders the view).
 * Throws Error if a catalogue cannot be fetched.
 */
export async function setLang(code) {
  if (!LANGS.includes(code)) code = LANGS[0];
  const parts = await Promise.all([`/static/i18n/${code}.json`,
    ...moduleNames.map((m) => `/static/js/modules/${m}/i18n/${code}.json`)].map(fetchCatalogue));
  messages = Object.assign({}, ...parts);
  lang = code;
  localStorage.setItem('anju.lang', code);
  document.documentElement.lang = LOCALE[code];
  applyStatic(document);
  for (const fn of listeners) fn(code);
}

/** Calls `fn(lang)` after every language change. */
export function onLangChange(fn) { listeners.add(fn); }

/**
 * The message for `key` with {name} placeholders filled from `params`. A missing key shows
 * the key itself (and a console warning) so it is visible rather than blank.
 */
export function t(key, params) {
  let m = messages[key];
  if (m === undefined) {
    console.warn(`i18n: missing key "${key}" in ${lang}.json`);
    return key;
  }
  if (params) m = m.replace(/\{(\w+)\}/g, (_, k) => (params[k] ?? '').toString());
  return m;
}

/**
 * The label of an enumerated value (category, relocation_type, employment_kind, …): key
 * "enum.<kind>.<value>". The values are the session's (enums.js); an unknown value (e.g. free
 * text) is shown as given.
 */
export function tEnum(kind, value) {
  if (value === null || value === undefined || value === '') return '—';
  const v = String(value);
  if (!ENUMS[kind] || !ENUMS[kind].includes(v)) return v;
  return t(`enum.${kind}.${v}`);
}

/** Fills elements marked data-i18n (text), data-i18n-placeholder, -title, -aria-label. */
export function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const [attr, prop] of [['placeholder', 'i18nPlaceholder'], ['title', 'i18nTitle'],
                              ['aria-label', 'i18nAriaLabel']]) {
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.dataset[prop]));
    }
  }
}

/** A count or amount with grouping for the current locale ("13,337"); "—" for null. */
export function fmtNumber(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  return new Intl.NumberFormat(currentLocale(), {
    minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(Number(n));
}

/** A share given as a fraction (0.82) shown as a percentage ("82%", or "82.0%" with digits=1). */
export function fmtPercent(fraction, digits = 0) {
  if (fraction === null || fraction === undefined || Number.isNaN(Number(fraction))) return '—';
  return new Intl.NumberFormat(currentLocale(), {
    style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(Number(fraction));
}
