// Browser steps of the industry module's jobs area (issue #16, docs/industry.md "Jobs"), run by
// ui_test.mjs (ctest web.browser) against the real stack: a township clerk at phone width (375 px)
// opens a person's jobs from the household page, records a 县外 job as a 公益性岗位 (refused: the
// fault is shown beside 务工地点 and nothing is stored), then records it inside the township with
// an income in yuan and sees it in the list; the API has the job with the income in fen and the
// person's employment_kind cache. The zh page is kept as a screenshot (jobs-person-375.png).
import { join } from 'node:path';

/** Runs the steps; `ctx` as registerSteps' (register_steps.mjs). */
export async function jobsSteps(ctx) {
  const { newPage, uiLogin, noProblems, expectEqual, admin, base, OUT } = ctx;
  const paths = (await admin.ok('GET', 'openapi.json')).data.paths || {};
  if (!paths['/api/v1/persons/{id}/jobs']) { console.log('skip jobs: the server has no /api/v1/persons/{id}/jobs'); return; }
  const clerk = new admin.constructor(base);
  await clerk.login('demo_township');
  // A working-age member of a household in the clerk's township, without a current welfare post.
  const people = (await clerk.ok('GET', 'persons?age_min=25&age_max=45&limit=50')).data.items;
  let person = null;
  for (const p of people) {
    const jobs = (await clerk.ok('GET', `persons/${p.id}/jobs`)).data.items;
    if (!jobs.some((j) => j.current && j.channel === 'welfare_post')) { person = p; break; }
  }
  if (!person) throw new Error(`no working-age person in demo_township's scope: ${JSON.stringify(people).slice(0, 200)}`);
  const employer = `UI公益岗-${Date.now() % 100000}`;
  const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  await ctx.step('jobs: a township clerk records a job at 375 px; a refused place is shown beside its field first', async () => {
    const page = await newPage({ width: 375, height: 740 });
    await uiLogin(page, base, 'demo_township');
    await page.goto(`${base}/#/households/${person.household_id}`);
    await page.waitForSelector('main[data-ready="household"][data-sections="ready"]');
    await page.waitForSelector(`#household-jobs-${person.id} a`);
    await page.click(`#household-jobs-${person.id} a`);
    await page.waitForSelector('main[data-ready="person-jobs"]');
    const before = (await admin.ok('GET', `persons/${person.id}/jobs`)).data.items.length;
    await page.selectOption('#job-channel', 'welfare_post');
    await page.fill('#job-employer', employer);
    await page.selectOption('#job-place', 'outside');
    await page.fill('#job-work_county', '广东省东莞市');
    await page.fill('#job-monthly_income', '1800.50');
    await page.fill('#job-months_per_year', '12');
    await page.click('#job-save');
    await page.waitForSelector('#job-place-error:not([hidden])');
    const fault = await page.textContent('#job-place-error');
    if (!/公益|县外|省外/.test(fault)) throw new Error(`the fault beside 务工地点 says ${JSON.stringify(fault)}`);
    expectEqual('jobs stored after the refusal', (await admin.ok('GET', `persons/${person.id}/jobs`)).data.items.length, before);
    page.problems = page.problems.filter((x) => !/ 422 POST .*\/persons\/\d+\/jobs$/.test(x));  // the refused record above
    await page.screenshot({ path: join(OUT, 'jobs-refused-375.png'), fullPage: true });

    await page.selectOption('#job-place', 'township');
    await page.fill('#job-work_county', '');
    await page.click('#job-save');
    await page.waitForSelector('#job-list .job-current');
    const jobs = (await admin.ok('GET', `persons/${person.id}/jobs`)).data.items;
    const j = jobs.find((x) => x.employer === employer);
    if (!j) throw new Error(`no job of ${employer}: ${JSON.stringify(jobs).slice(0, 300)}`);
    expectEqual('channel', j.channel, 'welfare_post');
    expectEqual('place', j.place, 'township');
    expectEqual('income in fen', j.monthly_income_fen, 180050);
    expectEqual('months per year', j.months_per_year, 12);
    expectEqual('jobs stored', jobs.length, before + 1);
    const item = await page.textContent(`#job-${j.id}`);
    if (!item.includes(employer) || !item.includes('1,800.5')) throw new Error(`the list item says ${JSON.stringify(item)}`);
    const cached = (await admin.ok('GET', `persons/${person.id}`)).data.employment_kind;
    if (cached === 'none') throw new Error('employment_kind still none after a current job');
    expectEqual('overflow of the jobs page at 375 px', await overflow(page), 0);
    await page.screenshot({ path: join(OUT, 'jobs-person-375.png'), fullPage: true });
    noProblems(page, 'record a job');
    await page.context().close();
    ctx.restore();
  });
}
