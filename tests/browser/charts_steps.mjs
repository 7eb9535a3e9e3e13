// Browser steps of the industry overview #/industry (issue #16 figures area, docs/industry.md
// "Figures … charts"), run by ui_test.mjs: demo_admin in zh and en at 1366 px and zh at 375 px;
// the three charts draw a canvas, the jobs chart's data-total equals the API's totals, every
// area link is there, and nothing scrolls sideways at phone width.
import { join } from 'node:path';

export async function chartsSteps(ctx) {
  const { step, newPage, uiLogin, noProblems, expectEqual, admin, base, OUT } = ctx;
  const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const links = ['#/parks', '#/workshops', '#/posts', '#/training', '#/vacancies', '#/zero-employment'];

  await step('industry overview (demo_admin, zh and en, 375 px): three charts drawn, the area links, no sideways scroll', async () => {
    const jc = (await admin.ok('GET', 'industry/charts/jobs-by-channel')).data;
    const total = Object.values(jc.totals).reduce((a, b) => a + b, 0);
    const certs = (await admin.ok('GET', 'industry/charts/certificates-by-kind')).data;
    for (const [width, lang] of [[1366, 'zh'], [1366, 'en'], [375, 'zh']]) {
      const page = await newPage({ width, height: width === 375 ? 740 : 768 });
      await uiLogin(page, base, 'demo_admin');
      if (lang === 'en') {
        await page.click('#lang-toggle');
        await page.waitForFunction(() => document.documentElement.lang === 'en-US');
      }
      await page.goto(`${base}/#/industry`);
      await page.waitForSelector('main[data-ready="industry"]');
      const charts = certs.kinds ? ['chart-jobs-channel', 'chart-employment-rate', 'chart-certificates']
        : ['chart-jobs-channel', 'chart-employment-rate'];
      for (const id of charts) await page.waitForSelector(`#${id} canvas`);
      expectEqual(`#/industry jobs total (${lang} ${width})`,
        await page.getAttribute('#chart-jobs-channel', 'data-total'), String(total));
      const hrefs = await page.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')));
      for (const l of links) if (!hrefs.includes(l)) throw new Error(`#/industry has no link to ${l} (${lang} ${width}): ${hrefs.join(' ')}`);
      expectEqual(`overflow of #/industry (${lang} ${width})`, await overflow(page) > 1 ? await overflow(page) : 0, 0);
      await page.screenshot({ path: join(OUT, `industry-${lang}-${width}.png`), fullPage: true });
      noProblems(page, `#/industry ${lang} ${width}`);
      await page.context().close();
    }
  });

  // Session 10 tester: the employment-rate line is the reader's scope (the report of the scope),
  // so a township account's line is named by its township, not 全县; the county's stays 全县.
  await step('industry overview: the employment-rate line is named by the scope (全县 for the county, 临泉镇 for demo_township)', async () => {
    for (const [user, want] of [['demo_admin', '全县'], ['demo_township', '临泉镇合计']]) {
      const page = await newPage({ width: 1366, height: 768 });
      await uiLogin(page, base, user);
      await page.goto(`${base}/#/industry`);
      await page.waitForSelector('main[data-ready="industry"]');
      await page.waitForSelector('#chart-employment-rate canvas');
      const name = await page.evaluate(() => window.echarts.getInstanceByDom(
        document.getElementById('chart-employment-rate')).getOption().series[0].name);
      expectEqual(`the employment-rate line of ${user}`, name, want);
      noProblems(page, `#/industry ${user}`);
      await page.context().close();
    }
  });
}
