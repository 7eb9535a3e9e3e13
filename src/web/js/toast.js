// The status toast (#toast in index.html): a short message that fades after a few seconds.
// It keeps its catalogue key, so switching the language while it shows re-translates it.

import { onLangChange, t } from './i18n.js';

let shown = null;  // {key, params} while the toast shows
let timer = null;

/** Shows t(key, params) in the toast for `ms` milliseconds (a later toast replaces it). */
export function showToast(key, params, ms = 2500) {
  const el = document.getElementById('toast');
  if (!el) return;
  shown = { key, params };
  el.textContent = t(key, params);
  el.classList.add('show');
  clearTimeout(timer);
  timer = setTimeout(() => { el.classList.remove('show'); shown = null; }, ms);
}

onLangChange(() => {
  const el = document.getElementById('toast');
  if (shown && el) el.textContent = t(shown.key, shown.params);
});
