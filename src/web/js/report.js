// Reading the county report JSON (GET /api/v1/report, reports/county_report.h). Keys follow
// ../shared/reference/linxian-figures.md ("households.total", "labor.employment_rate", …);
// these helpers accept either nested objects or flat dotted keys, and rates given either as a
// number in [0,1] or as {numerator, denominator, value}.

/** The value at dotted `path` ("households.total"), or undefined. */
export function pick(obj, path) {
  if (!obj) return undefined;
  if (Object.prototype.hasOwnProperty.call(obj, path)) return obj[path];
  let cur = obj;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return cur;
}

/** A rate as a fraction in [0,1], or null when absent or undefined (denominator 0). */
export function rateValue(r) {
  if (r === null || r === undefined) return null;
  if (typeof r === 'number') return r;
  if (typeof r === 'object') {
    if (typeof r.value === 'number') return r.value;
    if (r.denominator) return r.numerator / r.denominator;
  }
  return null;
}

/**
 * A land area in mu from the report: "<key>_mu" (mu) or "<key>_centimu" (0.01 mu).
 * @param {object} report  the report JSON
 * @param {string} base    e.g. "industry.custody"
 * @returns {number|null}
 */
export function areaMu(report, base) {
  const mu = pick(report, `${base}_mu`);
  if (typeof mu === 'number') return mu;
  const c = pick(report, `${base}_centimu`);
  return typeof c === 'number' ? c / 100 : null;
}

/** A site row's count: nested {total: {persons}} or flat "persons". */
export function siteCount(site, category, what) {
  const nested = site[category];
  if (nested && typeof nested === 'object' && typeof nested[what] === 'number') return nested[what];
  const flat = category === 'total' ? site[what] : site[`${category}_${what}`];
  return typeof flat === 'number' ? flat : 0;
}
