// Browser steps of the casework UI (issue #15 items 4 and 5, docs/casework.md), run by
// ui_test.mjs (ctest web.browser) against the real stack:
//   demo_admin opens a service request (群众诉求) on a demo household of demo_grid's grid from the
//   household's cases page; demo_grid, at 375 px, sees the bell count rise by one, the case in
//   the "who must act now" queue with its due date (3 working days, computed here from the
//   calendar independently of the server) and a green clock; takes 受理 (accept) and 办结
//   (resolve, a note required: refused beside the field without one); demo_admin returns it
//   (退回) with a note; demo_grid's bell rises again, the inbox lists the 退回 message unread
//   first, and "mark all read" brings the count to 0. A stale version answers 409 and the
//   dialog says someone changed the case. The case list; demo_admin changes a setting (a bad
//   value refused beside the field) and adds a county day off to the calendar.
// Every step checks the server's state through the API, independently of the page.
import { join } from 'node:path';

/**
 * Runs the steps. `ctx`: {step, newPage, uiLogin, noProblems, expectEqual, admin (Api as
 * demo_admin), Api (the client class), base, OUT, restore()}.
 */
export async function caseworkSteps(ctx) {
  const { newPage, uiLogin, noProblems, expectEqual, admin, base, OUT } = ctx;
  const paths = (await admin.ok('GET', 'openapi.json')).data.paths || {};
  const step = async (name, needs, fn) => {
    const missing = needs.filter((p) => !paths[p]);
    if (missing.length) { console.log(`skip ${name}: the server has no ${missing.join(', ')} yet`); return; }
    await ctx.step(name, fn);
  };
  const CASES = '/api/v1/cases';
  const QUEUE = '/api/v1/cases/queue';
  const CASE = '/api/v1/cases/{id}';
  const TRANS = '/api/v1/cases/{id}/transitions';
  const INBOX = '/api/v1/inbox';
  const CAL = '/api/v1/calendar/{year}';
  const SETTINGS = '/api/v1/settings';
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const bellCount = (p) => p.$eval('#inbox-bell', (b) => Number(b.dataset.unread));

  // The n-th working day after `from` (docs/casework.md Calendar), from the listed days:
  // Mon–Fri and not a holiday, or an adjusted working day. Written here independently.
  const listed = {};
  const loadYear = async (y) => {
    if (listed[y]) return;
    const d = (await admin.ok('GET', `calendar/${y}`)).data;
    listed[y] = {};
    for (const x of (Array.isArray(d) ? d : d.days || d.items || [])) listed[y][x.day || x.date] = x.kind;
  };
  const addWorkingDays = async (from, n) => {
    const d = new Date(`${from}T00:00:00Z`);
    let left = n;
    while (left > 0) {
      d.setUTCDate(d.getUTCDate() + 1);
      const iso = d.toISOString().slice(0, 10);
      await loadYear(iso.slice(0, 4));
      const k = listed[iso.slice(0, 4)][iso];
      const wd = d.getUTCDay();
      if (k === 'workday' || (wd !== 0 && wd !== 6 && k !== 'holiday')) left--;
    }
    return d.toISOString().slice(0, 10);
  };

  const grid = new ctx.Api(base);
  let hhId = null;
  let caseId = null;
  let gridPage = null;
  const title = `楼道灯不亮（测试 ${String(Date.now() % 100000)}）`;
  const unread = async () => (await grid.ok('GET', 'session')).data.inbox_unread;

  await step('casework: demo_admin opens a service request from the household\'s cases page', [CASES, CASE, QUEUE, INBOX, CAL], async () => {
    await grid.login('demo_grid');
    const hh = (await grid.ok('GET', 'households?limit=1')).data.items[0];
    if (!hh) throw new Error('demo_grid sees no household');
    hhId = hh.id;
    const before = await unread();
    if (typeof before !== 'number') throw new Error(`GET /api/v1/session has no inbox_unread: ${before}`);
    const p = await newPage({ width: 1366, height: 768 });
    await uiLogin(p, base, 'demo_admin');
    await p.goto(`${base}/#/households/${hhId}/cases`);
    await p.waitForSelector('main[data-ready="household-cases"] #household-cases');
    await p.click('#new-service-request');
    await p.click('#sr-save');  // empty title: refused beside the field, nothing sent
    await p.locator('#sr-title-error').waitFor({ state: 'visible' });
    await p.fill('#sr-title', title);
    await p.fill('#sr-description', '3 号楼 2 单元楼道灯坏了一周，老人夜里上下楼不便。');
    await p.click('#sr-save');
    await p.waitForSelector(`#household-cases .case-card .case-title >> text=${title}`);
    const list = (await admin.ok('GET', `cases?household_id=${hhId}`)).data.items.filter((c) => c.title === title);
    expectEqual('cases with the new title', list.length, 1);
    caseId = list[0].id;
    expectEqual('new case kind', list[0].kind, 'service_request');
    expectEqual('new case state', list[0].state, 'open');
    expectEqual('new case due date (3 working days)', list[0].due_on, await addWorkingDays(today, 3));
    expectEqual('demo_grid unread after the open', await unread(), before + 1);
    await p.screenshot({ path: join(OUT, 'casework-household-cases-zh-1366.png'), fullPage: true });
    noProblems(p, 'open a service request');
    await p.context().close();
    ctx.restore();
  });

  await step('casework: demo_grid at 375 px sees the bell count and the case in the queue with its due date', [QUEUE], async () => {
    gridPage = await newPage({ width: 375, height: 740 });
    const p = gridPage;
    await uiLogin(p, base, 'demo_grid');
    const n = await unread();
    expectEqual('bell count', await bellCount(p), n);
    if (!(await p.isVisible('#inbox-count'))) throw new Error('the bell shows no count');
    await p.goto(`${base}/#/queue`);
    await p.waitForSelector('main[data-ready="queue"]');
    const card = p.locator(`.case-card[data-id="${caseId}"]`);
    await card.waitFor();
    const due = (await grid.ok('GET', `cases/${caseId}`)).data.due_on;
    expectEqual('due date on the card', await card.locator('.clock').getAttribute('data-due'), due);
    expectEqual('clock on the card', await card.locator('.clock').getAttribute('data-clock'), 'ok');
    const household = await card.locator('.case-household').getAttribute('href');
    expectEqual('household link', household, `#/households/${hhId}`);
    const o = await overflow(p);
    if (o > 1) throw new Error(`the queue is ${o}px wider than the 375px screen`);
    await p.screenshot({ path: join(OUT, 'casework-queue-zh-375.png'), fullPage: true });
    // English: the same card with the server's English labels.
    await p.click('#lang-toggle');
    await p.waitForFunction(() => document.documentElement.lang === 'en-US' && document.querySelector('main').dataset.ready === 'queue');
    await p.waitForSelector('.case-card .case-state >> text=Open');
    await p.screenshot({ path: join(OUT, 'casework-queue-en-375.png'), fullPage: true });
    await p.click('#lang-toggle');
    await p.waitForFunction(() => document.documentElement.lang === 'zh-CN' && document.querySelector('main').dataset.ready === 'queue');
    noProblems(p, 'queue');
  });

  await step('casework: demo_grid accepts, then resolves (the note is required)', [TRANS], async () => {
    const p = gridPage;
    await p.click(`.case-card[data-id="${caseId}"] .case-title`);
    await p.waitForSelector('main[data-ready="case"]');
    expectEqual('state shown', (await p.textContent('#case-state')).trim(), '待受理');
    await p.click('#action-accept');
    await p.waitForSelector('#transition-panel');
    await p.screenshot({ path: join(OUT, 'casework-case-accept-zh-375.png'), fullPage: true });
    await p.click('#transition-submit');
    await p.waitForSelector('main[data-ready="case"] #action-resolve');
    let c = (await grid.ok('GET', `cases/${caseId}`)).data;
    expectEqual('state after accept', c.state, 'accepted');
    expectEqual('due after accept (10 working days)', c.due_on, await addWorkingDays(today, 10));
    await p.click('#action-resolve');
    await p.click('#transition-submit');
    await p.locator('#transition-note-error').waitFor({ state: 'visible' });
    expectEqual('state after a resolve without note', (await grid.ok('GET', `cases/${caseId}`)).data.state, 'accepted');
    await p.fill('#transition-note', '已更换灯泡，楼道照明恢复。');
    await p.click('#transition-submit');
    await p.waitForSelector('main[data-ready="case"] #case-no-actions');
    c = (await grid.ok('GET', `cases/${caseId}`)).data;
    expectEqual('state after resolve', c.state, 'resolved');
    const steps = await p.$$eval('#case-history li', (els) => els.map((e) => e.dataset.transition));
    expectEqual('history shown', steps.join(','), (c.transitions || []).map((x) => x.transition).join(','));
    await p.screenshot({ path: join(OUT, 'casework-case-resolved-zh-375.png'), fullPage: true });
    noProblems(p, 'accept and resolve');
  });

  await step('casework: a stale version is refused with "someone changed this case"', [TRANS], async () => {
    const p = await newPage({ width: 1366, height: 768 });
    await uiLogin(p, base, 'demo_admin');
    await p.goto(`${base}/#/cases/${caseId}`);
    await p.waitForSelector('main[data-ready="case"] #action-return');
    await p.click('#action-return');
    await p.fill('#transition-note', '再核实一次');
    // Someone else moves the case meanwhile (return, then resolve again): the page is stale.
    const c = await admin.ok('GET', `cases/${caseId}`);
    const r = await admin.ok('POST', `cases/${caseId}/transitions`, { transition: 'return', note: '请附照片' }, { 'If-Match': c.etag || `"${c.data.version}"` });
    await grid.ok('POST', `cases/${caseId}/transitions`, { transition: 'resolve', note: '已补照片' }, { 'If-Match': r.etag || `"${r.data.version}"` });
    await p.click('#transition-submit');
    await p.locator('#transition-error').waitFor({ state: 'visible' });
    const msg = await p.textContent('#transition-error');
    if (!msg.includes('已被他人修改')) throw new Error(`the 409 message is ${JSON.stringify(msg)}`);
    p.problems = p.problems.filter((x) => !/ 409 POST .*\/transitions$/.test(x));
    // Reload, then return it for real.
    await p.click('#transition-reload');
    await p.waitForSelector('main[data-ready="case"] #action-return');
    await p.click('#action-return');
    await p.fill('#transition-note', '灯具型号不符，请按物业标准更换');
    await p.click('#transition-submit');
    await p.waitForSelector('main[data-ready="case"] #case-no-actions');
    expectEqual('state after return', (await admin.ok('GET', `cases/${caseId}`)).data.state, 'accepted');
    noProblems(p, 'stale version');
    await p.context().close();
    ctx.restore();
  });

  await step('casework: demo_grid\'s inbox: the returned case unread first, mark all read brings the bell to 0', [INBOX], async () => {
    const p = gridPage;
    const n = await unread();
    await p.goto(`${base}/#/inbox`);
    await p.waitForSelector('main[data-ready="inbox"]');
    expectEqual('bell count on the inbox page', await bellCount(p), n);
    const first = p.locator('#inbox-list li').first();
    expectEqual('first message unread', await first.getAttribute('data-read'), 'false');
    const kinds = await p.$$eval('#inbox-list li[data-read="false"]', (els) => els.map((e) => e.dataset.kind));
    if (!kinds.includes('returned')) throw new Error(`no unread "returned" message among ${JSON.stringify(kinds)}`);
    const link = await p.locator('#inbox-list li[data-kind="returned"] a.inbox-title').first().getAttribute('href');
    expectEqual('message link', link, `#/cases/${caseId}`);
    const o = await overflow(p);
    if (o > 1) throw new Error(`the inbox is ${o}px wider than the 375px screen`);
    await p.screenshot({ path: join(OUT, 'casework-inbox-zh-375.png'), fullPage: true });
    await p.click('#inbox-read-all');
    await p.waitForFunction(() => document.querySelector('#inbox-bell').dataset.unread === '0');
    expectEqual('unread after mark all read', await unread(), 0);
    if (await p.isVisible('#inbox-count')) throw new Error('the bell still shows a count');
    noProblems(p, 'inbox');
    await p.context().close();
    ctx.restore();
  });

  await step('casework: the case list, a setting changed with its basis (a bad value refused beside it), a county day off added to the calendar', [CASES, SETTINGS, CAL], async () => {
    const p = await newPage({ width: 1366, height: 768 });
    await uiLogin(p, base, 'demo_admin');
    await p.goto(`${base}/#/cases?kind=service_request`);
    await p.waitForSelector('main[data-ready="cases"]');
    if (!(await p.$(`#cases-table tr[data-id="${caseId}"]`))) throw new Error('the case list lacks the case');
    await p.screenshot({ path: join(OUT, 'casework-cases-zh-1366.png'), fullPage: true });
    await p.goto(`${base}/#/settings`);
    await p.waitForSelector('main[data-ready="settings"]');
    const keys = await p.$$eval('#settings-table tr[data-key]', (els) => els.map((e) => e.dataset.key));
    if (!keys.includes('deadline.service_request.open')) throw new Error(`settings listed: ${keys.join(', ')}`);
    // Change "near" from 2 to 3 working days with its basis; the server stores the override.
    await p.click('#settings-table tr[data-key="inbox.deadline_near_days"] .setting-edit');
    await p.fill('#setting-inbox-deadline-near-days-value', 'x');
    await p.click('#setting-inbox-deadline-near-days-save');
    await p.locator('#setting-inbox-deadline-near-days-value-error').waitFor({ state: 'visible' });
    p.problems = p.problems.filter((x) => !/ 422 PUT .*\/settings\//.test(x));
    await p.fill('#setting-inbox-deadline-near-days-value', '3');
    await p.fill('#setting-inbox-deadline-near-days-source', '县扶贫办〔2026〕12号');
    await p.click('#setting-inbox-deadline-near-days-save');
    await p.waitForSelector('#settings-table tr[data-key="inbox.deadline_near_days"] .setting-changed');
    const near = (await admin.ok('GET', 'settings')).data.items.find((x) => x.key === 'inbox.deadline_near_days');
    expectEqual('near days after the edit', near.value, '3');
    expectEqual('basis of the edit', near.override && near.override.source, '县扶贫办〔2026〕12号');
    await p.screenshot({ path: join(OUT, 'casework-settings-zh-1366.png'), fullPage: true });
    await p.goto(`${base}/#/calendar?year=2026`);
    await p.waitForSelector('main[data-ready="calendar"]');
    const listedDays = (await admin.ok('GET', 'calendar/2026')).data.items;
    expectEqual('calendar rows', await p.locator('#calendar-table tbody tr').count(), listedDays.length);
    // The county adds a day off of its own; the year keeps every other day.
    await p.click('#cal-add');
    await p.fill('#cal-day', '2026-12-28');
    await p.fill('#cal-name', '县庆');
    await p.click('#cal-save');
    await p.waitForSelector('#calendar-table tr[data-day="2026-12-28"]');
    const after = (await admin.ok('GET', 'calendar/2026')).data.items;
    expectEqual('calendar days after the addition', after.length, listedDays.length + 1);
    expectEqual('the new day', JSON.stringify(after.find((d) => d.day === '2026-12-28') && [after.find((d) => d.day === '2026-12-28').kind, after.find((d) => d.day === '2026-12-28').name]), JSON.stringify(['holiday', '县庆']));
    await p.screenshot({ path: join(OUT, 'casework-calendar-zh-1366.png'), fullPage: true });
    noProblems(p, 'case list, settings, calendar');
    await p.context().close();
    ctx.restore();
  });

  await step('casework: the settings page names each source in the UI language (zh source_zh, en source), the change time in China time; settings and calendar in English', [SETTINGS, CAL], async () => {
    const p = await newPage({ width: 1366, height: 768 });
    await uiLogin(p, base, 'demo_admin');
    const items = (await admin.ok('GET', 'settings')).data.items;
    const sourceCells = async () => p.$$eval('#settings-table tr[data-key]', (els) => Object.fromEntries(els.map((e) => [e.dataset.key, e.querySelector('.setting-source').textContent])));
    await p.goto(`${base}/#/settings`);
    await p.waitForSelector('main[data-ready="settings"]');
    const zh = await sourceCells();
    for (const s of items) expectEqual(`zh source of ${s.key}`, zh[s.key], s.source_zh);
    const near = items.find((x) => x.key === 'inbox.deadline_near_days');
    const at = new Date(new Date(near.override.set_at).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
    const changed = await p.textContent('#settings-table tr[data-key="inbox.deadline_near_days"] td:nth-child(4) .muted');
    if (!changed.includes(at)) throw new Error(`the change time ${at} (China) is not in: ${changed}`);
    await p.click('#lang-toggle');
    await p.waitForFunction(() => document.documentElement.lang === 'en-US' && document.querySelector('main').dataset.ready === 'settings');
    const en = await sourceCells();
    for (const s of items) expectEqual(`en source of ${s.key}`, en[s.key], s.source);
    // Page text in English: no Chinese outside the data (the basis a user typed).
    const heads = await p.$$eval('#settings-table th, main h1, main .page-head a, main > p', (els) => els.map((e) => e.textContent).join(' '));
    if (/[\u4e00-\u9fff]/.test(heads)) throw new Error(`Chinese in the English settings page: ${heads}`);
    await p.screenshot({ path: join(OUT, 'casework-settings-en-1366.png'), fullPage: true });
    await p.goto(`${base}/#/calendar?year=2026`);
    await p.waitForSelector('main[data-ready="calendar"]');
    const calHeads = await p.$$eval('#calendar-table th, main h1', (els) => els.map((e) => e.textContent).join(' '));
    if (/[\u4e00-\u9fff]/.test(calHeads)) throw new Error(`Chinese in the English calendar page: ${calHeads}`);
    const kinds = await p.$$eval('#calendar-table tbody td:nth-child(3)', (els) => els.map((e) => e.textContent).join(' '));
    if (/[\u4e00-\u9fff]/.test(kinds)) throw new Error(`Chinese day kinds in English: ${kinds}`);
    await p.screenshot({ path: join(OUT, 'casework-calendar-en-1366.png'), fullPage: true });
    await p.click('#lang-toggle');
    await p.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    noProblems(p, 'settings and calendar in both languages');
    await p.context().close();
    ctx.restore();
  });

  await step('casework: the auditor reads the queue, cases, inbox, settings and calendar in both languages, with no action button', [SETTINGS, CAL], async () => {
    const p = await newPage({ width: 375, height: 740 });
    await uiLogin(p, base, 'demo_auditor');
    for (const lang of ['zh-CN', 'en-US']) {
      for (const [route, ready] of [['queue', 'queue'], ['cases', 'cases'], ['inbox', 'inbox'], ['settings', 'settings'], ['calendar', 'calendar']]) {
        await p.goto(`${base}/#/${route}`);
        await p.waitForFunction((r) => document.querySelector('main').dataset.ready === r, ready);
        if (await p.$('.setting-edit, #cal-add')) throw new Error(`the auditor has an edit button on ${route}`);
        if (lang === 'en-US') {
          const chrome = await p.$$eval('main h1, main th, main label, nav a, main button', (els) => els.map((e) => e.textContent).join(' '));
          if (/[\u4e00-\u9fff]/.test(chrome)) throw new Error(`Chinese in the English ${route} page: ${chrome}`);
        }
        await p.screenshot({ path: join(OUT, `casework-auditor-${route}-${lang}-375.png`), fullPage: true });
      }
      if (lang === 'zh-CN') {
        await p.click('#lang-toggle');
        await p.waitForFunction(() => document.documentElement.lang === 'en-US');
      }
    }
    await p.click('#lang-toggle');
    await p.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    noProblems(p, 'auditor casework pages');
    await p.context().close();
    ctx.restore();
  });
}
