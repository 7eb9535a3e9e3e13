// Browser steps of the rectification ledgers (issue #15 item 6), run by ui_test.mjs (ctest
// web.browser) at phone width (375 px) as demo_admin: findings made through the API (one
// overdue by its deadline, one due soon), the per-township summary, the inspection page with
// its clock badges (red overdue, orange near), the finding page with its transition buttons;
// each page without horizontal scrolling, no console error.
import { join } from 'node:path';

/** Runs the steps. `ctx`: as registerSteps (ui_test.mjs). */
export async function rectificationSteps(ctx) {
  const { newPage, uiLogin, noProblems, expectEqual, admin, base, OUT } = ctx;
  const paths = (await admin.ok('GET', 'openapi.json')).data.paths || {};
  if (!paths['/api/v1/inspections']) { console.log('skip rectification: no /api/v1/inspections yet'); return; }
  const day = (offset) => new Date(Date.now() + 8 * 3600 * 1000 + offset * 86400 * 1000).toISOString().slice(0, 10);
  const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  await ctx.step('rectification: summary, inspection with clock badges and a finding at 375 px', async () => {
    const insp = (await admin.ok('POST', 'inspections',
      { name: `浏览器测试督查 ${Date.now() % 100000}`, kind: 'city', held_on: day(-10), source: '测试〔2025〕1号' })).data;
    const towns = (await admin.ok('GET', 'findings/summary')).data;  // may be empty before
    const late = (await admin.ok('POST', `inspections/${insp.id}/findings`,
      { description: '后续扶持台账不完整', responsible_unit: '县乡村振兴局', deadline: day(-3) })).data;
    await admin.ok('POST', `inspections/${insp.id}/findings`,
      { description: '就业帮扶车间用工登记缺失', responsible_unit: '县人社局', deadline: day(1) });
    expectEqual('the late finding is overdue', late.overdue, true);
    const page = await newPage({ width: 375, height: 740 });
    await uiLogin(page, base, 'demo_admin');
    await page.goto(`${base}/#/rectification`);
    await page.waitForSelector('main[data-ready="rectification"] #findings-summary');
    const total = (await admin.ok('GET', 'findings/summary')).data.total;
    expectEqual('summary overdue grew by one', total.overdue, ((towns.total && towns.total.overdue) || 0) + 1);
    let o = await overflow(page);
    if (o > 1) throw new Error(`the summary is ${o}px wider than the screen`);
    await page.screenshot({ path: join(OUT, 'rectification-summary-zh-375.png'), fullPage: true });
    await page.goto(`${base}/#/inspections/${insp.id}`);
    await page.waitForSelector('main[data-ready="inspection"] #inspection-findings');
    expectEqual('red overdue badges', await page.locator('#inspection-findings .badge.due-overdue').count(), 1);
    expectEqual('orange near badges', await page.locator('#inspection-findings .badge.due-near').count(), 1);
    o = await overflow(page);
    if (o > 1) throw new Error(`the inspection page is ${o}px wider than the screen`);
    await page.screenshot({ path: join(OUT, 'rectification-inspection-zh-375.png'), fullPage: true });
    await page.goto(`${base}/#/findings/${late.id}`);
    await page.waitForSelector('main[data-ready="finding"] #finding-clock .due-overdue');
    expectEqual('the county holds a county-wide finding: start', await page.locator('#finding-actions button[data-transition="start"]').count(), 1);
    o = await overflow(page);
    if (o > 1) throw new Error(`the finding page is ${o}px wider than the screen`);
    await page.screenshot({ path: join(OUT, 'rectification-finding-zh-375.png'), fullPage: true });
    noProblems(page, 'rectification pages');
    await page.context().close();
    ctx.restore();
  });
}
