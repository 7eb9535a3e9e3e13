// Static checks of the web UI (src/web), run by ctest as web.i18n (no browser needed):
//  1. every catalogue (the shared i18n/<lang>.json and each web module's
//     js/modules/<m>/i18n/<lang>.json): zh and en have the same keys, no empty message, the
//     same {placeholders}; no key is in two catalogues (i18n.js merges them);
//  2. every catalogue key the code uses exists: string literals "<namespace>.<name>" in the JS
//     (namespaces = the catalogues' first key segments) and data-i18n* attributes in the HTML;
//     every label "enum.<kind>.<value>" of a module's UI-only enum (index.js enums.local)
//     exists; an enum key's kind is declared by a module (enums.server or enums.local). The
//     values of server kinds come with the session: auth_capabilities_test checks their labels
//     both ways (every value sent has one, every label is a value sent);
//  3. no catalogue key is unused (a stale key is a sign of a typo somewhere);
//  4. no UI text in code: no CJK character in JS outside comments (js/enums.js holds data
//     values, not UI text, and is exempt), no text in index.html outside <noscript>;
//  5. CSP hygiene: no inline <script>/<style>, no on*= handlers or style= attributes in HTML,
//     no innerHTML/outerHTML/insertAdjacentHTML/document.write or setAttribute('style') in JS,
//     and t() is never called with a template literal (keys must be greppable).
// Usage: node check_i18n.mjs <src/web dir>. Prints each problem as "file:line: message" and
// exits 1 when there is any; prints "N passed, 0 failed" otherwise.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const webDir = process.argv[2];
if (!webDir) {
  console.error('usage: node check_i18n.mjs <src/web>');
  process.exit(2);
}
const problems = [];
let checks = 0;
const fail = (where, msg) => problems.push(`${where}: ${msg}`);

function walk(dir, ext) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, ext));
    else if (p.endsWith(ext)) out.push(p);
  }
  return out.sort();
}
const rel = (p) => relative(webDir, p);
const lineOf = (text, index) => text.slice(0, index).split('\n').length;

// 1. catalogues
const catalogueDirs = [join(webDir, 'i18n')];
const modulesDir = join(webDir, 'js', 'modules');
for (const name of readdirSync(modulesDir).sort()) {
  if (statSync(join(modulesDir, name)).isDirectory()) catalogueDirs.push(join(modulesDir, name, 'i18n'));
}
const cats = { zh: {}, en: {} };
const ownerOf = {};
const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
for (const dir of catalogueDirs) {
  const cat = {};
  for (const lang of ['zh', 'en']) {
    const file = join(dir, `${lang}.json`);
    try {
      cat[lang] = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      fail(rel(file), `missing or not valid JSON: ${e.message}`);
      cat[lang] = {};
    }
  }
  const where = rel(dir);
  for (const [a, b] of [['zh', 'en'], ['en', 'zh']]) {
    for (const k of Object.keys(cat[a])) {
      checks++;
      if (!(k in cat[b])) fail(`${where}/${b}.json`, `missing key "${k}" (present in ${a}.json); add its ${b} text`);
    }
  }
  for (const [lang, c] of Object.entries(cat)) {
    for (const [k, v] of Object.entries(c)) {
      checks++;
      if (typeof v !== 'string' || v.trim() === '') fail(`${where}/${lang}.json`, `key "${k}" has an empty or non-string message`);
      if (lang === 'zh') {
        if (k in ownerOf) fail(`${where}/zh.json`, `key "${k}" is also in ${ownerOf[k]}; keep it in one catalogue`);
        else ownerOf[k] = where;
      }
      cats[lang][k] = v;
    }
  }
  for (const k of Object.keys(cat.zh)) {
    if (k in cat.en && placeholders(cat.zh[k]) !== placeholders(cat.en[k])) {
      fail(where, `key "${k}": placeholders differ: zh {${placeholders(cat.zh[k])}} vs en {${placeholders(cat.en[k])}}`);
    }
  }
}
const allKeys = new Set([...Object.keys(cats.zh), ...Object.keys(cats.en)]);
const namespaces = new Set([...allKeys].map((k) => k.split('.')[0]));
const used = new Set();

// 2. keys used by the JS and HTML
const stripComments = (src) => src
  .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
  .replace(/(^|[^:'"`\\])\/\/.*$/gm, (m, pre) => pre + ' '.repeat(m.length - pre.length));
for (const file of walk(join(webDir, 'js'), '.js')) {
  const raw = readFileSync(file, 'utf8');
  const code = stripComments(raw);
  for (const m of code.matchAll(/(['"])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\1/g)) {
    const key = m[2];
    if (!namespaces.has(key.split('.')[0]) || key.startsWith('enum.')) continue;
    // Capability names ("import.run") given to can(…) or as a nav/route `action:` are not keys.
    if (/(?:\bcan\(\s*|\baction:\s*)$/.test(code.slice(Math.max(0, m.index - 16), m.index))) continue;
    checks++;
    used.add(key);
    if (!allKeys.has(key)) fail(`${rel(file)}:${lineOf(code, m.index)}`, `catalogue key "${key}" is not in zh.json/en.json`);
  }
  for (const m of (file.endsWith('i18n.js') ? [] : code.matchAll(/\bt\(\s*`/g))) {
    fail(`${rel(file)}:${lineOf(code, m.index)}`, 't() called with a template literal; use a literal key (or tEnum for enum values)');
  }
  for (const m of code.matchAll(/\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write\(|setAttribute\(\s*['"]style['"]/g)) {
    fail(`${rel(file)}:${lineOf(code, m.index)}`, `"${m[0]}" is not allowed (XSS/CSP): build nodes with dom.js h()`);
  }
  if (!file.endsWith(join('js', 'enums.js'))) {
    for (const m of code.matchAll(/[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+/g)) {
      fail(`${rel(file)}:${lineOf(code, m.index)}`, `UI text "${m[0]}" in code; move it to i18n/zh.json and en.json`);
    }
  }
  checks++;
}
for (const file of walk(webDir, '.html')) {
  const html = readFileSync(file, 'utf8');
  for (const m of html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) {
    checks++;
    used.add(m[1]);
    if (!allKeys.has(m[1])) fail(`${rel(file)}:${lineOf(html, m.index)}`, `data-i18n key "${m[1]}" is not in the catalogues`);
  }
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>|<style\b|\son[a-z]+\s*=|\sstyle\s*=/gi)) {
    fail(`${rel(file)}:${lineOf(html, m.index)}`, `"${m[0].trim()}": no inline scripts, styles or handlers (CSP)`);
  }
  const text = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<noscript>[\s\S]*?<\/noscript>/g, '')
    .replace(/<[^>]+>/g, '').trim();
  checks++;
  if (text) fail(rel(file), `text outside the catalogues: "${text.slice(0, 60)}"`);
}

// enum labels: kinds declared by the web modules (modules/index.js)
const { MODULES } = await import(pathToFileURL(join(webDir, 'js', 'modules', 'index.js')).href);
const serverKinds = new Set();
for (const m of MODULES) {
  for (const kind of (m.enums && m.enums.server) || []) serverKinds.add(kind);
  for (const [kind, values] of Object.entries((m.enums && m.enums.local) || {})) {
    for (const v of values) {
      const key = `enum.${kind}.${v}`;
      used.add(key);
      checks++;
      if (!allKeys.has(key)) fail(`js/modules/${m.name}/index.js`, `label "${key}" missing from the catalogues`);
    }
  }
}
for (const k of allKeys) {
  if (k.startsWith('enum.') && serverKinds.has(k.split('.')[1])) used.add(k);
}
// 3. unused keys
for (const k of allKeys) {
  checks++;
  if (!used.has(k)) {
    fail(ownerOf[k] || 'i18n', k.startsWith('enum.') ? `key "${k}": its kind is declared by no module (modules/<m>/index.js enums), or the value by none`
      : `key "${k}" is used nowhere in js/ or index.html; remove it or fix the caller's typo`);
  }
}

for (const p of problems) console.error(p);
const failed = problems.length;
console.log(`${checks - Math.min(failed, checks)} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
