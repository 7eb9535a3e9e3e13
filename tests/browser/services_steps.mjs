// Browser steps of the industry services area (issue #16 items 4 and 8, docs/industry.md
// "Services"), run by ui_test.mjs: clearing a zero-employment alert on a phone. The demo has no
// open zero-employment household on the statistics day, so the step first makes one when today
// has none: it ends the only current job of a household's only employed member through the jobs
// API (POST /api/v1/jobs/{id}/end). Then, at 375 px as demo_admin: the alert list shows the
// household; on its page a contact is recorded (which opens the follow-up when the daily sweep
// has not), a refused clearing shows each fault of the 422 beside its field (a too-long note and too
// few refusals), and the follow-up is cleared for "no longer able" with a note. The server's state is
// checked through the API.
export async function servicesSteps(ctx) {
  const { newPage, uiLogin, noProblems, expectEqual, admin, base } = ctx;
  const paths = (await admin.ok('GET', 'openapi.json')).data.paths || {};
  const needs = ['/api/v1/zero-employment', '/api/v1/zero-employment/{id}/services', '/api/v1/zero-employment/cases/{id}/clear'];
  if (needs.some((p) => !paths[p])) { console.log('skip zero-employment step: the server has no services routes yet'); return; }
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const openOnes = async () => (await admin.ok('GET', `zero-employment?as_of=${today}`)).data.items
    .filter((a) => a.open && (!a.case_id || a.case_state !== 'cleared'));
  await ctx.step('industry: clear a zero-employment alert on a phone (record a contact, clear with a reason)', async () => {
    let alerts = await openOnes();
    if (alerts.length === 0) {
      if (!paths['/api/v1/jobs/{id}/end'] || !paths['/api/v1/households/{id}/jobs']) throw new Error('no open alert and no jobs API to make one');
      // A household whose one employed member's job is ended today (able and willing others remain).
      const hhs = (await admin.ok('GET', 'households?limit=200&able_to_work=true&wants_work=true')).data.items;
      for (const hh of hhs) {
        const jobs = ((await admin.ok('GET', `households/${hh.id}/jobs?as_of=${today}`)).data.items || [])
          .filter((j) => !j.ended_on && !j.voided_at);
        if (jobs.length !== 1) continue;
        await admin.ok('POST', `jobs/${jobs[0].id}/end`, { ended_on: today, reason: '浏览器测试：合同到期' });
        alerts = (await openOnes()).filter((a) => a.household_id === hh.id);
        if (alerts.length) break;
      }
      if (alerts.length === 0) throw new Error('could not make a zero-employment household');
    }
    const hid = alerts[0].household_id;
    const page = await newPage({ width: 375, height: 740 });
    await uiLogin(page, base, 'demo_admin');
    await page.goto(`${base}/#/zero-employment`);
    await page.waitForSelector('main[data-ready="zero-employment"]');
    await page.waitForSelector(`#zero-table tr[data-id="${hid}"]`);
    await page.click(`#zero-table tr[data-id="${hid}"] a`);
    await page.waitForSelector('main[data-ready="zero-employment-household"]');
    await page.selectOption('#zero-service-kind', 'follow_up');
    await page.selectOption('#zero-service-outcome', 'accepted');
    await page.fill('#zero-service-note', '入户走访，本人因病无法务工');
    // The page renders anew after the contact is saved: mark the clear form of this render and wait
    // for the new one (the old one answered waitForSelector at once, and the clearing below was then
    // typed into a form about to be replaced — sent with the default reason and no note).
    await page.evaluate(() => { const f = document.getElementById('zero-clear-form'); if (f) f.dataset.stale = '1'; });
    await page.click('#zero-service-form button[type="submit"]');
    await page.waitForSelector('#zero-clear-form:not([data-stale])');
    const withCase = (await admin.ok('GET', `zero-employment/${hid}`)).data;
    if (!withCase.case_id) throw new Error('recording a contact opened no follow-up');
    if (withCase.case_state === 'cleared') throw new Error('the follow-up is cleared before the clearing');
    // Refused offers without 3 recorded refusals and a note of 600 characters: both faults of the
    // 422, each message beside its field (not "2 个字段有误"), nothing cleared.
    await page.selectOption('#zero-clear-reason', 'refused_offers');
    await page.fill('#zero-clear-note', '拒'.repeat(600));
    await page.click('#zero-clear-submit');
    await page.locator('#zero-clear-note-error').waitFor({ state: 'visible' });
    await page.locator('#zero-clear-reason-error').waitFor({ state: 'visible' });
    const noteFault = await page.textContent('#zero-clear-note-error');
    if (!noteFault.includes('600') || !noteFault.includes('500')) throw new Error(`note fault: ${noteFault}`);
    const reasonFault = await page.textContent('#zero-clear-reason-error');
    if (!reasonFault.includes('zero_employment.refusals')) throw new Error(`reason fault: ${reasonFault}`);
    if (/个字段有误|fields? (are|is) invalid/.test(await page.textContent('#zero-clear-form')))
      throw new Error('the clear form shows only the count of faults');
    // The reason alone: its message beside the reason.
    await page.fill('#zero-clear-note', '拒绝');
    await page.click('#zero-clear-submit');
    await page.waitForFunction(() => document.getElementById('zero-clear-note-error').hidden);
    await page.locator('#zero-clear-reason-error').waitFor({ state: 'visible' });
    page.problems = page.problems.filter((x) => !/ 422 POST .*\/clear$/.test(x));
    await page.selectOption('#zero-clear-reason', 'no_longer_able');
    await page.fill('#zero-clear-note', '经鉴定已丧失劳动能力，已签字确认');
    await page.click('#zero-clear-submit');
    await page.waitForFunction(() => !document.getElementById('zero-clear-form'));
    const after = (await admin.ok('GET', `zero-employment/${hid}`)).data;
    expectEqual('follow-up state', after.case_state, 'cleared');
    expectEqual('clearing reason', after.clear_reason, 'no_longer_able');
    expectEqual('open after clearing', after.open, false);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (wide > 1) throw new Error(`the follow-up page is ${wide}px wider than the 375px screen`);
    noProblems(page, 'clear a zero-employment alert');
    await page.context().close();
    ctx.restore();
  });
}
