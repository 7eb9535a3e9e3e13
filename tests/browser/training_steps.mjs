// Browser steps of the training area (issue #16 item 5, docs/industry.md "Training"), run by
// ui_test.mjs (ctest web.browser): a site manager at phone width (375 px) opens #/training (its
// site's classes), opens a class, records a trainee's completion, records a certificate, and
// sees the follow-up table; each change is checked through the API, independently of the page.
import { join } from 'node:path';

/** Runs the steps; `ctx` as registerSteps' (register_steps.mjs). */
export async function trainingSteps(ctx) {
  const { newPage, uiLogin, noProblems, expectEqual, admin, base, OUT } = ctx;
  const paths = (await admin.ok('GET', 'openapi.json')).data.paths || {};
  if (!paths['/api/v1/training-classes']) { console.log('skip training: no /api/v1/training-classes yet'); return; }
  const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  await ctx.step('training: a site manager records a completion and a certificate at 375 px', async () => {
    const site = new admin.constructor(base);
    const session = await site.login('demo_site');
    const siteId = session.scope.site_id;
    // A fresh class at the site with one enrolled person (made through the API).
    const person = (await site.ok('GET', `persons?site_id=${siteId}&limit=20`).catch(() => null));
    const personId = person && person.data.items && person.data.items.length
      ? person.data.items[person.data.items.length - 1].id : null;
    const cls = (await site.ok('POST', 'training-classes', { course_id: 11, name: 'UI 测试班', provider: '测试培训学校',
      site_id: siteId, from: '2025-01-06', until: '2025-01-10', hours: 40 })).data;
    let enrolmentPerson = personId;
    if (!enrolmentPerson) {
      const hh = (await site.ok('GET', `households?site_id=${siteId}&limit=1`)).data.items[0];
      enrolmentPerson = (await site.ok('GET', `households/${hh.id}`)).data.members[0].id;
    }
    await site.ok('POST', `training-classes/${cls.id}/enrolments`, { person_id: enrolmentPerson });

    const page = await newPage({ width: 375, height: 740 });
    await uiLogin(page, base, 'demo_site');
    await page.goto(`${base}/#/training`);
    await page.waitForSelector('main[data-ready="training"]');
    expectEqual('overflow of the class list at 375 px', await overflow(page), 0);
    await page.screenshot({ path: join(OUT, 'training-list-375.png'), fullPage: true });
    await page.goto(`${base}/#/training/${cls.id}`);
    await page.waitForSelector('main[data-ready="training-class"]');
    const form = `#training-enrolments form[data-enrolment]`;
    await page.fill(`${form} input[type="number"] >> nth=0`, '5');
    await page.fill(`${form} input[type="number"] >> nth=1`, '40');
    await page.selectOption(`${form} select`, 'complete');
    await page.click(`${form} button[type="submit"]`);
    await page.waitForFunction(() => document.querySelector('#training-cert-person_id option'));
    const enrolments = (await admin.ok('GET', `training-classes/${cls.id}/enrolments`)).data.items;
    expectEqual('completed', enrolments[0].completed, true);
    expectEqual('attended hours', enrolments[0].attended_hours, 40);
    await page.selectOption('#training-cert-kind', 'special');
    await page.fill('#training-cert-occupation', '茶叶加工工');
    await page.fill('#training-cert-number', `UI-${Date.now() % 100000}`);
    await page.fill('#training-cert-issued_on', '2025-02-01');
    await page.fill('#training-cert-subsidy_fen', '1000');
    await page.click('#training-cert-submit');
    await page.waitForFunction(() => !document.querySelector('#training-certificates .muted'));
    const certs = (await admin.ok('GET', `certificates?class_id=${cls.id}`)).data.items;
    expectEqual('certificates of the class', certs.length, 1);
    expectEqual('subsidy in fen', certs[0].subsidy_fen, 100000);
    await page.waitForSelector('#training-follow-up table');
    expectEqual('overflow of the class page at 375 px', await overflow(page), 0);
    await page.screenshot({ path: join(OUT, 'training-class-375.png'), fullPage: true });
    noProblems(page, 'training class');
  });

  // Session 10 tester: enrolling asked for a typed 人员编号, which a clerk does not know. The form
  // finds the person by name (suggestions with the 身份证号 masked) and sends the id itself.
  await ctx.step('training: a site manager enrols a person found by name, the id masked in the suggestions', async () => {
    const site = new admin.constructor(base);
    const session = await site.login('demo_site');
    const siteId = session.scope.site_id;
    const cls = (await site.ok('POST', 'training-classes', { course_id: 11, name: 'UI 报名测试班', provider: '测试培训学校',
      site_id: siteId, from: '2025-03-03', until: '2025-03-07', hours: 40 })).data;
    const who = (await site.ok('GET', `persons?site_id=${siteId}&limit=1`)).data.items[0];
    const page = await newPage({ width: 375, height: 740 });
    await uiLogin(page, base, 'demo_site');
    await page.goto(`${base}/#/training/${cls.id}`);
    await page.waitForSelector('main[data-ready="training-class"]');
    await page.fill('#training-enrol-query', who.name);
    await page.click('#training-enrol-find');
    await page.waitForSelector(`#training-enrol-person option[value="${who.id}"]`, { state: 'attached' });
    const shown = await page.$eval(`#training-enrol-person option[value="${who.id}"]`, (o) => o.textContent);
    if (!shown.includes(who.name) || !shown.includes('*')) throw new Error(`the suggestion shows "${shown}": want the name and a masked id`);
    if (/\d{17}[\dX]/.test(shown)) throw new Error(`the suggestion shows a whole resident id: "${shown}"`);
    await page.selectOption('#training-enrol-person', String(who.id));
    await page.click('#training-enrol button[type="submit"]');
    await page.waitForSelector('#training-enrolments form[data-enrolment]');
    const enrolled = (await admin.ok('GET', `training-classes/${cls.id}/enrolments`)).data.items;
    expectEqual('enrolled person', enrolled.map((e) => e.person_id).join(','), String(who.id));
    expectEqual('overflow of the class page at 375 px', await overflow(page), 0);
    noProblems(page, 'training enrolment');
    await page.context().close();
  });
}
