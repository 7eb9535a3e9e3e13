// Small DOM helpers. Every text goes through textContent (never innerHTML), so data from the
// API cannot inject markup; no inline styles or handlers are created (the page runs under a
// strict Content-Security-Policy: script-src 'self', style-src 'self').

/**
 * Creates an element.
 * @param {string} tag  e.g. "div", "button"
 * @param {object} [attrs]  attributes; `class` a string, `dataset` an object, `on` an object of
 *   event listeners, `text` the textContent, `hidden`/`disabled`/`checked`/`value` as properties.
 * @param {...(Node|string|null|undefined|Array)} children  nodes or plain strings (as text)
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'hidden' || k === 'disabled' || k === 'checked' || k === 'value' ||
             k === 'selected') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Appends nodes, strings (as text) and nested arrays; skips null/undefined/false. */
export function append(parent, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

/** Removes every child of `el` and appends `children`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** The first element matching `sel` under `root` (document by default). */
export const $ = (sel, root = document) => root.querySelector(sel);
