// Browser steps of the welfare-post pages (issue #16, docs/industry.md "Posts"), run by
// ui_test.mjs (ctest web.browser) against the real stack:
//   assigning a post: demo_site at 375 px opens #/posts/new, picks site 1, a kind and a
//   candidate of GET /api/v1/posts/candidates (a candidate above posts.age_max shows the age
//   warning), gives 5 days of 公示: the named refusal posts.publicity_days appears beside the
//   公示 field (zh, then en after the language toggle), nothing stored; with 7 days the post is
//   given and the holding page opens; the server's holding (person, site, kind, dates, its job)
//   is checked through the API, independently of the page; a month of attendance is recorded
//   and the post ended from the holding page (If-Match), each checked through the API.
import { join } from 'node:path';

/**
 * Runs the steps. `ctx`: {step, newPage, uiLogin, noProblems, expectEqual, admin (Api as
 * demo_admin), base, OUT, restore()}.
 */
export async function postsSteps(ctx) {
  const { newPage, uiLogin, noProblems, expectEqual, admin, base, OUT } = ctx;
  const paths = (await admin.ok('GET', 'openapi.json')).data.paths || {};
  const step = async (name, needs, fn) => {
    const missing = needs.filter((p) => !paths[p]);
    if (missing.length) { console.log(`skip ${name}: the server has no ${missing.join(', ')} yet`); return; }
    await ctx.step(name, fn);
  };
  const day = (offset) => new Date(Date.now() + 8 * 3600 * 1000 + offset * 86400 * 1000).toISOString().slice(0, 10);
  const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  await step('assigning a post: a refusal beside the 公示 field (zh, en), then the post is given', ['/api/v1/posts', '/api/v1/posts/candidates'], async () => {
    const p = await newPage({ width: 375, height: 740 });
    await uiLogin(p, base, 'demo_site');
    const before = (await admin.ok('GET', 'posts?site_id=1')).data.items.length;
    const candidates = (await admin.ok('GET', 'posts/candidates?site_id=1')).data.items;
    if (!candidates.length) throw new Error('site 1 of the demo has no candidate');
    const chosen = candidates.find((c) => !c.age_warning);
    const senior = candidates.find((c) => c.age_warning);
    const fill = async (publicityDays) => {
      await p.goto(`${base}/#/posts/new`);
      await p.waitForSelector('main[data-ready="post-new"]');
      await p.selectOption('#post-new-site_id', '1');
      await p.waitForSelector('#post-new-person_id:not([disabled])');
      await p.selectOption('#post-new-kind_id', '1');
      if (senior) {
        await p.selectOption('#post-new-person_id', String(senior.person_id));
        await p.waitForSelector('#post-new-age-warning:not([hidden])');
      }
      await p.selectOption('#post-new-person_id', String(chosen.person_id));
      if (!(await p.$eval('#post-new-age-warning', (e) => e.hidden))) throw new Error('the age warning shows for a person under 66');
      await p.fill('#post-new-contract_from', day(-20));
      await p.fill('#post-new-contract_until', day(345));
      await p.fill('#post-new-publicity_from', day(-30));
      await p.fill('#post-new-publicity_until', day(-30 + publicityDays));
    };
    await fill(5);
    await p.click('#post-new-submit');
    const box = '#post-new-publicity_until-error:not([hidden])';
    await p.waitForSelector(box);
    const zh = await p.$eval(box, (e) => e.textContent);
    if (!zh.includes('公示5天，至少须7天') || !zh.includes('posts.publicity_days')) throw new Error(`zh refusal: ${zh}`);
    const o = await overflow(p);
    if (o > 1) throw new Error(`the form is ${o}px wider than the 375px screen`);
    await p.screenshot({ path: join(OUT, 'posts-new-refused-zh-375.png'), fullPage: true });
    await p.click('#lang-toggle');
    await p.waitForFunction(() => document.documentElement.lang === 'en-US');
    await fill(5);
    await p.click('#post-new-submit');
    await p.waitForSelector(box);
    const en = await p.$eval(box, (e) => e.textContent);
    if (!en.includes('lasted 5 days, at least 7 are required')) throw new Error(`en refusal: ${en}`);
    await p.screenshot({ path: join(OUT, 'posts-new-refused-en-375.png'), fullPage: true });
    expectEqual('holdings after the refusals', (await admin.ok('GET', 'posts?site_id=1')).data.items.length, before);
    p.problems = p.problems.filter((x) => !/ 422 POST .*\/posts$/.test(x));
    await p.click('#lang-toggle');
    await p.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await fill(7);
    await p.click('#post-new-submit');
    await p.waitForSelector('main[data-ready="post"]');
    const id = Number(p.url().split('/').pop());
    const x = (await admin.ok('GET', `posts/${id}`)).data;
    expectEqual('holder', x.person_id, chosen.person_id);
    expectEqual('site', x.site_id, 1);
    expectEqual('kind', x.kind_id, 1);
    expectEqual('contract from', x.contract_from, day(-20));
    expectEqual('publicity until', x.publicity_until, day(-23));
    if (typeof x.job_id !== 'number') throw new Error(`no job for holding ${id}`);
    const job = (await admin.ok('GET', `posts?person_id=${chosen.person_id}`)).data.items.length;
    expectEqual('holdings of the person', job, 1);
    const facts = await p.$eval('#post-facts', (e) => e.textContent);
    if (!facts.includes(x.site_name) || !facts.includes('在岗')) throw new Error(`holding page: ${facts}`);
    // A month of attendance, then the end (If-Match from the page's ETag): both on the server.
    await p.fill('#post-month-month', day(-20).slice(0, 7));
    await p.fill('#post-month-days_worked', '20');
    await p.selectOption('#post-month-assessment', 'pass');
    await p.click('#post-month-submit');
    await p.waitForSelector('table#post-months');
    const m = (await admin.ok('GET', `posts/${id}`)).data.months;
    expectEqual('months', m.map((r) => `${r.month}:${r.days_worked}:${r.assessment}`).join(), `${day(-20).slice(0, 7)}:20:pass`);
    await p.fill('#post-end-ended_on', day(0));
    await p.fill('#post-end-reason', '本人辞职');
    await p.click('#post-end-submit');
    await p.waitForSelector('#post-end', { state: 'detached' });
    const ended = (await admin.ok('GET', `posts/${id}`)).data;
    expectEqual('ended on', ended.ended_on, day(0));
    expectEqual('end reason', ended.end_reason, '本人辞职');
    await p.screenshot({ path: join(OUT, 'posts-holding-zh-375.png'), fullPage: true });
    // The list (all holdings: the ended one listed) and the kinds page render at 375 px.
    await p.goto(`${base}/#/posts?current=`);
    await p.waitForSelector('main[data-ready="posts"]');
    await p.waitForSelector(`#posts-list a[href="#/posts/${id}"]`);
    await p.goto(`${base}/#/post-kinds`);
    await p.waitForSelector('main[data-ready="post-kinds"]');
    expectEqual('kinds listed', await p.$$eval('#post-kinds tbody tr', (r) => r.length),
      (await admin.ok('GET', 'post-kinds')).data.items.length);
    const wide = await overflow(p);
    if (wide > 1) throw new Error(`the kinds page is ${wide}px wider than the 375px screen`);
    noProblems(p, 'assigning a post');
    await p.close();
  });
}
