// Browser steps of the visits module (issue #15 item 2 and "done when"), run by ui_test.mjs
// (ctest web.browser) against the real stack: a grid worker at phone width (375 px) records a
// visit with a photo taken "with the camera" (a small fictitious JPEG drawn in the page's canvas)
// on a household of its grid, then sees the visit with its thumbnail on the household page; a
// second visit with "record my location" ticked stores the (fake) position, one without stores
// none. Each step checks the server's state through the API, independently of the page, and
// that no console error or refused request happened.
import { join } from 'node:path';

/** Runs the steps; `ctx` as registerSteps' (register_steps.mjs). */
export async function visitSteps(ctx) {
  const { newPage, uiLogin, noProblems, expectEqual, admin, base, OUT } = ctx;
  const paths = (await admin.ok('GET', 'openapi.json')).data.paths || {};
  const step = async (name, needs, fn) => {
    const missing = needs.filter((p) => !paths[p]);
    if (missing.length) { console.log(`skip ${name}: the server has no ${missing.join(', ')} yet`); return; }
    await ctx.step(name, fn);
  };
  const VISITS = '/api/v1/households/{id}/visits';
  const ATTACH = '/api/v1/attachments';
  const stamp = `UI-${Date.now() % 100000}`;
  const grid = new admin.constructor(base);
  const session = await grid.login('demo_grid');
  const gridId = session.scope.grid_id;
  const hh = (await grid.ok('GET', `households?grid_id=${gridId}&limit=1`)).data.items[0];
  let page = null;
  let visitId = 0;
  const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const openHousehold = async (p) => {
    await p.goto(`${base}/#/households/${hh.id}`);
    await p.waitForSelector('main[data-ready="household"][data-sections="ready"]')
      .catch(async (e) => { throw new Error(`${e.message}; url ${p.url()} main ${JSON.stringify(await p.evaluate(() => ({ ...document.querySelector('main').dataset })))}; page problems: ${(p.problems || []).join(' | ')}`); });
  };
  const withPhoto = Boolean(paths[ATTACH]);

  await step(`visits: a grid worker records a visit${withPhoto ? ' with a photo' : ''} at 375 px`, [VISITS], async () => {
    page = await newPage({ width: 375, height: 740 });
    await uiLogin(page, base, 'demo_grid');
    await openHousehold(page);
    await page.click('#record-visit');
    await page.waitForSelector('main[data-ready="visit-new"]');
    expectEqual('overflow of the visit form at 375 px', await overflow(page), 0);
    await page.selectOption('#visit-purpose', 'hardship');
    await page.fill('#visit-findings', `${stamp} 冬季取暖正常，老人身体尚可`);
    await page.fill('#visit-follow_ups', '下周回访');
    const firstMember = await page.$('#visit-people input[type="checkbox"]');
    if (firstMember) await firstMember.check();
    if (withPhoto) {
      // A fictitious photo: a 64×48 JPEG drawn in the page (no real person in it).
      const b64 = await page.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = 64; c.height = 48;
        const g = c.getContext('2d');
        g.fillStyle = '#4a7'; g.fillRect(0, 0, 64, 48);
        g.fillStyle = '#fff'; g.fillRect(8, 8, 20, 30);
        return c.toDataURL('image/jpeg', 0.8).split(',')[1];
      });
      await page.setInputFiles('#visit-photos', { name: 'visit-photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') });
    }
    await page.screenshot({ path: join(OUT, 'visit-form-375.png'), fullPage: true });
    await page.click('#visit-save');
    await page.waitForSelector('main[data-ready="visit"]');
    const list = (await admin.ok('GET', `visits?household_id=${hh.id}&limit=50`)).data.items;
    const v = list.find((x) => x.findings.startsWith(stamp));
    if (!v) throw new Error(`no visit with findings ${stamp} on household ${hh.id}: ${JSON.stringify(list).slice(0, 300)}`);
    visitId = v.id;
    expectEqual('purpose', v.purpose, 'hardship');
    expectEqual('visitor', v.visitor, 'demo_grid');
    expectEqual('latitude without consent', v.latitude, null);
    // 录入时间 in China time "YYYY-MM-DD HH:MM" (tester: the raw UTC ISO text), counted here.
    const china = new Date(new Date(v.recorded_at).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
    const shownAt = await page.$$eval('dl.facts dd', (dds) => dds.map((d) => d.textContent));
    if (!shownAt.includes(china)) throw new Error(`录入时间 ${china} (China time of ${v.recorded_at}) not shown: ${shownAt.join(' | ')}`);
    if (withPhoto) {
      const photos = (await admin.ok('GET', `attachments?owner=visit&owner_id=${v.id}`)).data.items;
      expectEqual('photos of the visit', photos.length, 1);
      await page.waitForFunction(() => { const i = document.querySelector('#visit-photos img.visit-thumb'); return i && i.complete && i.naturalWidth > 0; });
    }
    expectEqual('overflow of the visit page at 375 px', await overflow(page), 0);
    await page.screenshot({ path: join(OUT, 'visit-detail-375.png'), fullPage: true });
    noProblems(page, 'record a visit');
  });

  await step('visits: the household page lists the visit with its thumbnail', [VISITS], async () => {
    if (!visitId) throw new Error('no visit from the previous step');
    await openHousehold(page);
    await page.waitForSelector(`#household-visit-${visitId}`);
    const text = await page.textContent(`#household-visit-${visitId}`);
    if (!text.includes(stamp)) throw new Error(`the household page's visit says ${JSON.stringify(text)}`);
    if (withPhoto) {
      await page.waitForFunction((id) => {
        const i = document.querySelector(`#household-visit-${id} img.visit-thumb`);
        return i && i.complete && i.naturalWidth > 0;
      }, visitId);
    }
    await page.locator('#household-visits').scrollIntoViewIfNeeded();
    expectEqual('overflow of the household page at 375 px', await overflow(page), 0);
    await page.screenshot({ path: join(OUT, 'household-visits-375.png'), fullPage: true });
    const benefits = (await admin.ok('GET', `households/${hh.id}/benefits`)).data.items;
    expectEqual('benefit lines shown', await page.locator('#household-benefit-list li').count(), benefits.length);
    noProblems(page, 'household page with visits');
  });

  await step('visits: "record my location" ticked stores the position; the statistics count the visits', [VISITS], async () => {
    await page.context().grantPermissions(['geolocation'], { origin: base });
    await page.context().setGeolocation({ latitude: 37.95123, longitude: 110.99456 });
    await page.goto(`${base}/#/households/${hh.id}/visits/new`);
    await page.waitForSelector('main[data-ready="visit-new"]');
    await page.fill('#visit-findings', `${stamp} located`);
    await page.check('#visit-location');
    await page.waitForFunction(() => document.querySelector('#visit-location-status').textContent.includes('37.95123'));
    await page.click('#visit-save');
    await page.waitForSelector('main[data-ready="visit"]');
    const v = (await admin.ok('GET', `visits?household_id=${hh.id}&limit=50`)).data.items.find((x) => x.findings === `${stamp} located`);
    if (!v) throw new Error('the located visit is not stored');
    expectEqual('consent', v.location_consent, true);
    expectEqual('latitude', Math.round(v.latitude * 1e5), 3795123);
    await page.goto(`${base}/#/visit-stats?by=site`);
    await page.waitForSelector('main[data-ready="visit-stats"]');
    const stats = (await grid.ok('GET', 'visits/stats?by=site')).data;
    expectEqual('total visits shown', (await page.textContent('#visit-stats-total td[data-key="visits"]')).trim(), String(stats.total.visits));
    await page.screenshot({ path: join(OUT, 'visit-stats-375.png'), fullPage: true });
    noProblems(page, 'located visit and statistics');
    await page.context().close();
    ctx.restore();
  });
}
