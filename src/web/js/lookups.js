// Reference lists the filters need (sites, townships), fetched once per page load and cached.

import { api } from './api.js';

let sitesPromise = null;
let townshipsPromise = null;

/** Walks every page of a list endpoint; resolves to all items. */
export async function listAll(path, query = {}) {
  const items = [];
  let cursor = '';
  for (let i = 0; i < 100; i++) {
    const { data } = await api('GET', path, { query: { ...query, limit: 500, cursor } });
    items.push(...(data.items || []));
    if (!data.next_cursor) break;
    cursor = data.next_cursor;
  }
  return items;
}

/** All sites visible to the user ([{id, name, …}]), sorted by name as the API gives them. */
export function sites() {
  if (!sitesPromise) sitesPromise = listAll('sites').catch((e) => { sitesPromise = null; throw e; });
  return sitesPromise;
}

/**
 * The origin townships ([{code, name}]) that have relocated households: the report's
 * origin_townships (GET /api/v1/report), which lists exactly those, by code.
 */
export function townships() {
  if (!townshipsPromise) {
    townshipsPromise = api('GET', 'report')
      .then(({ data }) => (data.origin_townships || []).map((x) => ({ code: x.code, name: x.name })))
      .catch((e) => { townshipsPromise = null; throw e; });
  }
  return townshipsPromise;
}
