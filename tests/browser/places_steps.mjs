// Browser steps of the places pages (issue #16 items 1-2, docs/industry.md "Pages"), run by
// ui_test.mjs: township staff at 375 px opens the parks and a park, adds a workshop (a refused
// rent-free term first, shown beside its field), then closes it; the server's state is checked
// through the API, and no page scrolls sideways.
import { join } from 'node:path';

export async function placesSteps(ctx) {
  const { newPage, uiLogin, noProblems, expectEqual, admin, base, OUT } = ctx;
  const paths = (await admin.ok('GET', 'openapi.json')).data.paths || {};
  const step = async (name, needs, fn) => {
    const missing = needs.filter((p) => !paths[p]);
    if (missing.length) { console.log(`skip ${name}: the server has no ${missing.join(', ')} yet`); return; }
    await ctx.step(name, fn);
  };
  const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const name = `界面测试车间${Date.now() % 100000}`;

  await step('places: township staff adds a workshop and closes it at 375 px; parks list and detail fit', ['/api/v1/workshops/{id}/close'], async () => {
    const page = await newPage({ width: 375, height: 740 });
    await uiLogin(page, base, 'demo_township');
    await page.goto(`${base}/#/parks`);
    await page.waitForSelector('main[data-ready="parks"]');
    expectEqual('overflow of #/parks at 375 px', await overflow(page), 0);
    await page.click('#parks-list a');
    await page.waitForSelector('main[data-ready="park"]');
    expectEqual('overflow of a park at 375 px', await overflow(page), 0);
    await page.goto(`${base}/#/workshops`);
    await page.waitForSelector('main[data-ready="workshops"]');
    await page.fill('#workshop-new-name', name);
    await page.selectOption('#workshop-new-site_id', { index: 1 });
    await page.fill('#workshop-new-opened_on', '2021-03-01');
    await page.fill('#workshop-new-rent_free_years', '30');
    await page.click('#workshop-new-submit');
    await page.waitForSelector('#workshop-new-rent_free_years-error:not([hidden])');
    page.problems = page.problems.filter((x) => !/HTTP 422 POST \S+\/api\/v1\/workshops$/.test(x));  // the refusal asked for
    await page.fill('#workshop-new-rent_free_years', '4');
    await page.click('#workshop-new-submit');
    await page.waitForSelector('main[data-ready="workshop"]');
    const id = Number(page.url().split('/').pop());
    const made = (await admin.ok('GET', `workshops/${id}`)).data;
    expectEqual('the new workshop name', made.name, name);
    expectEqual('the new workshop rent-free years', made.rent_free_years, 4);
    expectEqual('overflow of a workshop at 375 px', await overflow(page), 0);
    await page.screenshot({ path: join(OUT, 'workshop-375.png'), fullPage: true });
    await page.fill('#workshop-close-on', today);
    await page.fill('#workshop-close-reason', '界面测试：企业迁出');
    await page.click('#workshop-close-submit');
    await page.waitForFunction(() => !document.querySelector('#workshop-close'));
    const closed = (await admin.ok('GET', `workshops/${id}`)).data;
    expectEqual('closed_on', closed.closed_on, today);
    expectEqual('close_reason', closed.close_reason, '界面测试：企业迁出');
    noProblems(page, 'places pages');
    await page.context().close();
  });

  // Session 10 tester: the demo's busiest park listed its 528 workers in one table.
  await step('places: a park with many jobs shows 50 a page with next and previous', ['/api/v1/parks/{id}/jobs'], async () => {
    const parks = (await admin.ok('GET', 'parks')).data.items;
    const busiest = parks.reduce((a, b) => (b.jobs > a.jobs ? b : a));
    const all = (await admin.ok('GET', `parks/${busiest.id}/jobs?limit=500`)).data;
    if (all.total <= 50) throw new Error(`the busiest demo park has ${all.total} jobs, want more than 50`);
    const page = await newPage({ width: 1366, height: 768 });
    await uiLogin(page, base, 'demo_admin');
    await page.goto(`${base}/#/parks/${busiest.id}`);
    await page.waitForSelector('main[data-ready="park"]');
    const rows = () => page.$$eval('#park-jobs tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
    const first = await rows();
    expectEqual('rows on the first page', first.length, 50);
    expectEqual('first page persons', JSON.stringify(first), JSON.stringify(all.items.slice(0, 50).map((j) => j.person_name)));
    expectEqual('previous on the first page', await page.$eval('#park-jobs-prev', (b) => b.disabled), true);
    await page.click('#park-jobs-next');
    await page.waitForFunction(() => !document.querySelector('#park-jobs-prev').disabled);
    expectEqual('second page persons', JSON.stringify(await rows()), JSON.stringify(all.items.slice(50, 100).map((j) => j.person_name)));
    await page.click('#park-jobs-prev');
    await page.waitForFunction(() => document.querySelector('#park-jobs-prev').disabled);
    expectEqual('back on the first page', JSON.stringify(await rows()), JSON.stringify(first));
    noProblems(page, 'park jobs pages');
    await page.context().close();
  });
}
