// The street-office console in Chromium against the real app (wrangler dev + local D1,
// started by global-setup.ts): log in as a street office's editor, add a site on the
// map and from pasted Amap (GCJ-02) coordinates, retire, restore, read the history.
// The office is this file's own (五里坨街道, 石景山区, 30 km from the rider of the map
// tests), with its editor and sites made through the admin API before the tests: the
// sites these tests add, move and retire are in no other file's view, in any file order.
import { readFileSync } from 'node:fs';
import gcoord from 'gcoord';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, executeSql, launch, openPage, PHONE, screenshot, seriousViolations } from './browser';
import {
  ADMIN,
  DEMO_EDITOR,
  DESKTOP,
  JOURNEY_MS,
  LOAD_MS,
  LOGIN_MS,
  logInToConsole,
  showConsoleView,
} from './console-accounts';
import { XSS_NAME } from './fixtures';
import { seedOffice } from './office';

/** This file's street office: 五里坨街道 of 石景山区, where no other test file looks. */
const STREET = '110107010';
/** Where its sites are (by its one seeded sample site), and so where its console map opens. */
const PLACE = { lat: 39.94, lng: 116.138 } as const;
/** Its editor, created by the administrator before the tests. */
const EDITOR = { username: 'console-wulituo', password: 'console-test-password-1' } as const;
/** A name of its own office's list that would run script if it were ever inserted as HTML. */
const OFFICE_XSS_NAME = `${XSS_NAME} 五里坨`;

/** The office's editor and three live sites at PLACE (so the median the console's map opens on is PLACE). */
const seedThisOffice = () =>
  seedOffice({ street: STREET, place: PLACE, editor: { ...EDITOR, display_name: '五里坨街道编辑' } }, [
    { name: '测试：五里坨换电驿站', amenities: ['battery_swap', 'charging'] },
    { name: OFFICE_XSS_NAME, lat: PLACE.lat + 0.0008 },
    { name: '测试：五里坨饮水驿站', lng: PLACE.lng + 0.0008, amenities: ['drinking_water'] },
  ]);

let browser: Browser;
beforeAll(async () => {
  await seedThisOffice();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Sets when a site was created and last verified, straight in the test server's D1. */
function ageSite(id: number, at: string): void {
  executeSql(`UPDATE sites SET verified_at = '${at}', created_at = '${at}' WHERE id = ${Number(id)}`);
}

/** A name no other test uses, so each test finds its own site. */
const uniqueName = (what: string) =>
  `测试：${what} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Logs in as this file's office editor unless told otherwise. */
const logIn = (page: Page, who: { username: string; password: string } = EDITOR) => logInToConsole(page, who);

async function fillLogin(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(who.username);
  await page.getByLabel('密码', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

interface Answer {
  status: number;
  body: unknown;
}

/** Calls the API from inside the page: its session cookie and Origin, as the console sends them. */
function api(page: Page, method: string, path: string, body?: unknown): Promise<Answer> {
  return page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(`/api/v1${p}`, {
        method: m,
        credentials: 'same-origin',
        ...(b === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    [method, path, body] as const,
  );
}

interface SiteJson {
  id: number;
  name: string;
  lat: number;
  lng: number;
  coord_system: string;
  status: string;
  version: number;
  accessibility: string[];
}

async function publicSite(page: Page, id: number): Promise<SiteJson> {
  const res = await api(page, 'GET', `/sites/${id}`);
  expect(res.status).toBe(200);
  return res.body as SiteJson;
}

/** The WGS-84 point the form will save, as the readout under the map shows it. */
async function readout(page: Page): Promise<{ lng: number; lat: number; text: string }> {
  const out = page.locator('output.position-readout');
  return {
    lng: Number(await out.getAttribute('data-lng')),
    lat: Number(await out.getAttribute('data-lat')),
    text: (await out.textContent()) ?? '',
  };
}

async function paste(page: Page, text: string, system: RegExp): Promise<void> {
  await page.getByLabel('坐标（经度,纬度）').fill(text);
  await page.getByRole('radio', { name: system }).check();
  await page.getByRole('button', { name: '转换并显示在地图上' }).click();
}

/** Creates a site through the API (as the logged-in editor) and returns it. */
async function createSite(page: Page, name: string, extra: Record<string, unknown> = {}): Promise<SiteJson> {
  const res = await api(page, 'POST', '/sites', {
    kind: 'rest_station',
    name,
    street_code: STREET,
    lat: PLACE.lat + 0.002,
    lng: PLACE.lng - 0.002,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body as SiteJson;
}

describe('logging in', () => {
  it(
    'says plainly when the password is wrong, and lets the editor in with the right one',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await page.goto(`${baseUrl()}/console/`, { waitUntil: 'domcontentloaded', timeout: LOAD_MS });
      await page.getByLabel('用户名', { exact: true }).fill(EDITOR.username);
      await page.getByLabel('密码', { exact: true }).fill(`${EDITOR.password}-wrong`);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('用户名或密码不正确。');
      expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');
      await screenshot(page, 'console-login-wrong-password-desktop');

      await page.getByLabel('密码', { exact: true }).fill(EDITOR.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('heading', { name: '本街道站点' }).waitFor();
      // The session survives a reload (HttpOnly cookie), and logging out ends it.
      await page.reload({ waitUntil: 'domcontentloaded', timeout: LOAD_MS });
      await page.getByRole('heading', { name: '本街道站点' }).waitFor();
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('heading', { name: '街道工作人员登录' }).waitFor();
      expect((await api(page, 'GET', '/auth/me')).status).toBe(401);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'tells the user how many minutes to wait after too many failed attempts',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      // Its own client address, so the throttle it fills holds back no other test.
      await context.setExtraHTTPHeaders({ 'cf-connecting-ip': '203.0.113.66' });
      await page.goto(`${baseUrl()}/console/`, { waitUntil: 'domcontentloaded', timeout: LOAD_MS });
      const username = `nobody-${Date.now().toString(36)}`;
      let retryAfter: string | null = null;
      for (let attempt = 0; attempt < 10 && retryAfter === null; attempt++) {
        await page.getByLabel('用户名', { exact: true }).fill(username);
        await page.getByLabel('密码', { exact: true }).fill('not-the-password');
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
          page.getByRole('button', { name: '登录', exact: true }).click(),
        ]);
        if (response.status() === 429) retryAfter = await response.headerValue('retry-after');
        else expect(response.status()).toBe(401);
        await expect.poll(() => page.getByRole('button', { name: '登录', exact: true }).isEnabled()).toBe(true);
      }
      expect(retryAfter).not.toBeNull();
      const minutes = Math.max(1, Math.ceil(Number(retryAfter) / 60));
      expect(await page.getByRole('alert').textContent()).toBe(`尝试次数过多，请${minutes}分钟后再试。`);
      await context.close();
    },
    JOURNEY_MS,
  );
});

describe('adding a site', () => {
  it(
    'places the marker where the map is clicked, moves it when dragged, and saves the point in WGS-84',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      await page.getByRole('link', { name: '新增站点' }).first().click();
      await page.getByRole('heading', { name: '新增站点' }).waitFor();
      const name = uniqueName('地图点选驿站');
      await page.getByLabel('名称（中文）').fill(name);
      await page.getByLabel('联系电话（每行一个）').fill('010-67711111');
      await page.getByRole('checkbox', { name: '饮水' }).check();
      // Accessibility beyond yes/no (issue 14 item 4).
      await page.getByRole('checkbox', { name: '无障碍出入口', exact: true }).check();
      await page.getByRole('checkbox', { name: '扶手', exact: true }).check();

      const map = page.locator('.map-picker');
      expect(await readout(page).then((r) => r.text)).toBe('尚未选择位置。');
      await map.click(); // at its centre
      const clicked = await readout(page);
      // The map opens on the office's own sites: a click lands in Wulituo, Shijingshan.
      expect(Math.abs(clicked.lat - PLACE.lat)).toBeLessThan(0.02);
      expect(Math.abs(clicked.lng - PLACE.lng)).toBeLessThan(0.02);
      expect(clicked.text).toContain(clicked.lng.toFixed(6));

      // Drag the marker 60 px east: longitude grows, latitude stays.
      const marker = page.locator('.map-picker .leaflet-marker-icon');
      await expect.poll(() => marker.count()).toBe(1);
      const m = (await marker.boundingBox())!;
      await page.mouse.move(m.x + m.width / 2, m.y + m.height - 4);
      await page.mouse.down();
      await page.mouse.move(m.x + m.width / 2 + 30, m.y + m.height - 4, { steps: 5 });
      await page.mouse.move(m.x + m.width / 2 + 60, m.y + m.height - 4, { steps: 5 });
      await page.mouse.up();
      const dragged = await readout(page);
      expect(dragged.lng).toBeGreaterThan(clicked.lng);
      expect(Math.abs(dragged.lat - clicked.lat)).toBeLessThan(0.0002);

      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByRole('heading', { name: `编辑站点：${name}` }).waitFor();
      const id = Number(/#\/sites\/(\d+)$/.exec(page.url())?.[1]);
      const saved = await publicSite(page, id);
      expect(saved.name).toBe(name);
      expect(saved.coord_system).toBe('wgs84');
      expect(saved.accessibility).toEqual(['step_free_entrance', 'handrails']);
      expect(saved.lng).toBeCloseTo(dragged.lng, 6);
      expect(saved.lat).toBeCloseTo(dragged.lat, 6);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'converts pasted Amap (GCJ-02) coordinates to WGS-84 on the map before saving, and records the system',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      await showConsoleView(page, `#/sites/new`);
      await page.getByRole('heading', { name: '新增站点' }).waitFor();

      // A paste without its system is refused: the same numbers differ by hundreds of metres between systems.
      await page.getByLabel('坐标（经度,纬度）').fill('116.41024449916938,39.91640428150164');
      await page.getByRole('button', { name: '转换并显示在地图上' }).click();
      expect(await page.locator('.paste-message').textContent()).toContain('请选择坐标系');
      expect(await readout(page).then((r) => r.text)).toBe('尚未选择位置。');

      // The reference vector: GCJ (116.41024449916938, 39.91640428150164) is WGS (116.404, 39.915).
      await paste(page, '116.41024449916938,39.91640428150164', /GCJ-02/);
      const tiananmen = await readout(page);
      const [refLng, refLat] = gcoord.transform([116.41024449916938, 39.91640428150164], gcoord.GCJ02, gcoord.WGS84);
      expect(tiananmen.lng).toBeCloseTo(refLng, 9);
      expect(tiananmen.lat).toBeCloseTo(refLat, 9);
      expect(tiananmen.lng).toBeCloseTo(116.404, 4);
      expect(tiananmen.lat).toBeCloseTo(39.915, 4);
      expect(tiananmen.text).toContain('116.404000');
      expect(tiananmen.text).toContain('39.915000');
      expect(await page.locator('.paste-message').textContent()).toContain('已转换为 WGS-84');
      // The marker's tip sits where the converted point is: the map (after its pan animation) centres on it.
      const offCentre = async () => {
        const mapBox = (await page.locator('.map-picker').boundingBox())!;
        const pin = (await page.locator('.map-picker .leaflet-marker-icon').boundingBox())!;
        return Math.hypot(
          pin.x + pin.width / 2 - (mapBox.x + mapBox.width / 2),
          pin.y + pin.height - (mapBox.y + mapBox.height / 2),
        );
      };
      await expect.poll(offCentre).toBeLessThan(2);

      // Latitude first is the usual mistake; it is caught, not saved in the sea.
      await paste(page, '39.91640428150164,116.41024449916938', /GCJ-02/);
      expect(await page.locator('.paste-message').textContent()).toContain('纬度在前');

      // A point in Wulituo as Amap's picker gives it; saved as entered, converted once by the server.
      const wgs = { lng: PLACE.lng + 0.0013, lat: PLACE.lat + 0.0011 };
      const [gcjLng, gcjLat] = gcoord.transform([wgs.lng, wgs.lat], gcoord.WGS84, gcoord.GCJ02);
      await paste(page, `${gcjLng},${gcjLat}`, /GCJ-02/);
      const converted = await readout(page);
      expect(converted.lng).toBeCloseTo(wgs.lng, 6);
      expect(converted.lat).toBeCloseTo(wgs.lat, 6);

      const name = uniqueName('高德坐标驿站');
      await page.getByLabel('名称（中文）').fill(name);
      await page.locator('.paste-box').scrollIntoViewIfNeeded();
      await screenshot(page, 'console-site-form-pasted-desktop');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByRole('heading', { name: `编辑站点：${name}` }).waitFor();
      const id = Number(/#\/sites\/(\d+)$/.exec(page.url())?.[1]);
      const saved = await publicSite(page, id);
      expect(saved.coord_system).toBe('gcj02');
      expect(saved.lng).toBeCloseTo(wgs.lng, 6);
      expect(saved.lat).toBeCloseTo(wgs.lat, 6);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'asks before saving a position far outside the district, and saves once confirmed',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      await showConsoleView(page, `#/sites/new`);
      await page.getByRole('heading', { name: '新增站点' }).waitFor();
      const name = uniqueName('远处驿站');
      await page.getByLabel('名称（中文）').fill(name);
      await paste(page, '115.9700,40.4600', /WGS-84/); // Yanqing, 60 km from Wulituo
      await page.getByRole('button', { name: '保存', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '位置远离所属街道' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '位置无误，仍然保存' }).click();
      await page.getByRole('heading', { name: `编辑站点：${name}` }).waitFor();
      const id = Number(/#\/sites\/(\d+)$/.exec(page.url())?.[1]);
      expect((await publicSite(page, id)).lat).toBeCloseTo(40.46, 6);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'shows the server’s message next to the field it is about',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      await showConsoleView(page, `#/sites/new`);
      await page.getByRole('heading', { name: '新增站点' }).waitFor();
      await page.getByRole('button', { name: '保存', exact: true }).click();
      // Checked in the browser first: no name, no position.
      expect(await page.locator('[data-field="name"] .field-error').textContent()).toBe('必填。');
      expect(await page.getByLabel('名称（中文）').getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('名称（中文）').fill(uniqueName('电话有误'));
      await paste(page, `${PLACE.lng},${PLACE.lat}`, /WGS-84/);
      await page.getByLabel('联系电话（每行一个）').fill('call the office');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      const phoneError = page.locator('[data-field="phones"] .field-error');
      await phoneError.waitFor();
      expect(await phoneError.textContent()).toMatch(/phone/);
      expect(await page.getByLabel('联系电话（每行一个）').getAttribute('aria-invalid')).toBe('true');
      expect(page.url()).toMatch(/#\/sites\/new$/);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'shows only the fields of the chosen kind',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      await showConsoleView(page, `#/sites/new`);
      await page.getByRole('heading', { name: '新增站点' }).waitFor();
      const beds = page.getByLabel('养老床位数');
      const area = page.getByLabel('面积（公顷）');
      const grade = page.getByLabel('公园等级');
      expect([await beds.isVisible(), await area.isVisible(), await grade.isVisible()]).toEqual([false, false, false]);
      await page.getByLabel('类型', { exact: true }).selectOption('elder_care');
      expect([await beds.isVisible(), await area.isVisible(), await grade.isVisible()]).toEqual([true, false, false]);
      await page.getByLabel('类型', { exact: true }).selectOption('park');
      expect([await beds.isVisible(), await area.isVisible(), await grade.isVisible()]).toEqual([false, true, true]);
      // The official types and grades of 《北京市公园分类分级管理办法》.
      const types = await page.getByLabel('公园类型').locator('option').allTextContents();
      for (const name of ['综合公园', '社区公园', '历史名园', '专类公园', '游园', '生态公园', '自然公园'])
        expect(types.join()).toContain(name);
      expect((await grade.locator('option').allTextContents()).join()).toContain('四级');
      await context.close();
    },
    JOURNEY_MS,
  );
});

describe('keeping a site up to date', () => {
  it(
    'retires a site after confirmation, restores it, and the history says who did what',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      const site = await createSite(page, uniqueName('撤销恢复'));
      await showConsoleView(page, `#/sites/${site.id}`);
      await page.getByRole('heading', { name: `编辑站点：${site.name}` }).waitFor();

      // Saying no to the question changes nothing.
      await page.getByRole('button', { name: '撤销站点' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '不撤销' }).click();
      expect((await publicSite(page, site.id)).status).toBe('open');

      await page.getByRole('button', { name: '撤销站点' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '撤销站点' }).click();
      await page.getByRole('button', { name: '恢复站点' }).waitFor();
      expect((await publicSite(page, site.id)).status).toBe('retired');
      expect(await page.getByRole('button', { name: '保存', exact: true }).isDisabled()).toBe(true);

      await page.getByRole('button', { name: '恢复站点' }).click();
      await page.getByRole('button', { name: '撤销站点' }).waitFor();
      expect((await publicSite(page, site.id)).status).toBe('open');

      await page.getByRole('link', { name: '修改记录' }).click();
      await page.getByRole('heading', { name: `修改记录：${site.name}` }).waitFor();
      const entries = page.locator('ol.history > li');
      expect(await entries.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action')))).toEqual([
        'restore',
        'retire',
        'create',
      ]);
      const headings = await entries.locator('h3').allTextContents();
      for (const h of headings) expect(h).toContain(EDITOR.username);
      expect(headings[1]).toContain('撤销');
      // The retirement's table shows the status before and after.
      const retire = entries.nth(1).locator('tr', { has: page.locator('th', { hasText: /^状态$/ }) });
      expect(await retire.locator('td').allTextContents()).toEqual(['运营中', '已撤销']);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'console-history-desktop');
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'shows the current record when someone else saved first, and reapplies the edit on top of it',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      const site = await createSite(page, uniqueName('并发修改'));
      await showConsoleView(page, `#/sites/${site.id}`);
      await page.getByRole('heading', { name: `编辑站点：${site.name}` }).waitFor();
      // A colleague changes the operator meanwhile.
      expect(
        (await api(page, 'PATCH', `/sites/${site.id}`, { version: site.version, operator: '劲松街道办事处' })).status,
      ).toBe(200);

      await page.getByLabel('开放时间', { exact: true }).fill('24/7');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      const conflict = page.locator('section.conflict');
      await conflict.waitFor();
      expect(
        await conflict
          .locator('tr', { has: page.locator('th', { hasText: /^运营单位$/ }) })
          .locator('td')
          .allTextContents(),
      ).toEqual(['', '劲松街道办事处']);
      // Applying keeps the colleague's change and the editor's own; saving sends both.
      await conflict.getByRole('button', { name: '把我的修改应用到当前记录上' }).click();
      await expect.poll(() => page.getByLabel('运营单位').inputValue()).toBe('劲松街道办事处');
      expect(await page.getByLabel('开放时间', { exact: true }).inputValue()).toBe('24/7');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await expect
        .poll(async () => (await api(page, 'GET', `/sites/${site.id}`)).body)
        .toMatchObject({
          opening_hours: '24/7',
          operator: '劲松街道办事处',
          version: site.version + 2,
        });
      await context.close();
    },
    JOURNEY_MS,
  );
});

describe('bulk import', () => {
  it(
    'lists every problem by row and column in a dry run, writes nothing, then imports the corrected file',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      await page.getByRole('link', { name: '批量导入' }).click();
      await page.getByRole('heading', { name: '批量导入（CSV）' }).waitFor();

      // The template downloads, headers in Chinese.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '下载模板' }).click(),
      ]);
      const template = readFileSync((await download.path())!, 'utf8');
      expect(template.replace(/^\uFEFF/, '').split('\n')[0]).toMatch(/^编号,类型,名称/);

      const tag = Date.now().toString(36);
      const header = '编号,类型,名称,街道代码,纬度,经度,坐标系,设施';
      const good = `test-${tag}-1,户外劳动者驿站,测试：导入驿站${tag}甲,${STREET},39.9405,116.1385,wgs84,卫生间;饮水`;
      const bad = `test-${tag}-2,户外劳动者驿站,测试：导入驿站${tag}乙,${STREET},北纬39度,116.1390,wgs84,热水器`;
      const file = (rows: string[]) => ({
        name: 'sites.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([header, ...rows].join('\r\n'), 'utf8'),
      });

      await page.getByLabel('CSV 文件（UTF-8 或 GBK）').setInputFiles(file([good, bad]));
      await page.getByRole('button', { name: '检查（不写入）' }).click();
      const problems = page.locator('table.import-errors tbody tr');
      await problems.first().waitFor();
      const cells = await problems.evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
      );
      expect(cells.length).toBeGreaterThanOrEqual(2);
      expect(cells.every((c) => c[0] === cells[0]![0])).toBe(true); // both problems are on the bad row
      expect(cells.map((c) => c[1]).join(' ')).toMatch(/纬度|lat/);
      expect(cells.map((c) => c[1]).join(' ')).toMatch(/设施|amenities/);
      expect(await page.locator('.import-status').textContent()).toBe(`发现${cells.length}个问题，未写入任何数据：`);
      expect(await page.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
      await screenshot(page, 'console-import-problems-desktop');

      const fixed = bad.replace('北纬39度', '39.9410').replace('热水器', '饮水');
      await page.getByLabel('CSV 文件（UTF-8 或 GBK）').setInputFiles(file([good, fixed]));
      await page.getByRole('button', { name: '检查（不写入）' }).click();
      await expect
        .poll(() => page.locator('.import-status').textContent())
        .toBe('检查通过：共2行，将新增2个、更新0个、0个不变。');
      await page.getByRole('button', { name: '导入', exact: true }).click();
      await expect
        .poll(() => page.locator('.import-status').textContent())
        .toBe('导入完成：共2行，新增2个、更新0个、0个不变。');

      // The export holds the imported sites (UTF-8 with BOM, for Excel).
      const [exported] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: '导出 CSV' }).click(),
      ]);
      const csv = readFileSync((await exported.path())!, 'utf8');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv).toContain(`测试：导入驿站${tag}甲`);
      expect(csv).toContain(`测试：导入驿站${tag}乙`);
      await context.close();
    },
    JOURNEY_MS,
  );
});

describe('public reports', () => {
  it(
    'lists an open report with its note as typed, and resolving it links it to the change that answered it',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      // Its own client address: public reports are rate-limited per client.
      await context.setExtraHTTPHeaders({ 'cf-connecting-ip': '203.0.113.77' });
      await logIn(page);
      const site = await createSite(page, uniqueName('反馈处理'));
      const note = '<b>门锁了</b> 已经两周没开';
      const report = await api(page, 'POST', `/sites/${site.id}/reports`, { category: 'closed', note });
      expect(report.status).toBe(201);
      const reportId = (report.body as { id: number }).id;
      const fix = await api(page, 'PATCH', `/sites/${site.id}`, {
        version: site.version,
        status: 'temporarily_closed',
      });
      expect(fix.status).toBe(200);

      await page.getByRole('link', { name: '群众反馈' }).click();
      await page.getByRole('heading', { name: '待处理的群众反馈' }).waitFor();
      const item = page.locator(`li.report[data-report-id="${reportId}"]`);
      await item.waitFor();
      expect(await item.locator('.note').textContent()).toBe(note);
      expect(await item.locator('b').count()).toBe(0);
      expect(await item.getByRole('link', { name: site.name }).count()).toBe(1);
      expect(await item.textContent()).toContain('已关闭');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'console-reports-open-desktop');

      await item.getByRole('button', { name: '标记已处理' }).click();
      const changes = item.getByRole('group', { name: '对应的站点修改' });
      await changes.waitFor();
      // Nothing is chosen for the clerk; each change says what it did, the newest first.
      expect(await changes.getByRole('radio', { name: '无需修改（信息本来正确）' }).isChecked()).toBe(true);
      const radios = changes.getByRole('radio');
      expect(await radios.evaluateAll((rs) => rs.filter((r) => (r as HTMLInputElement).checked).length)).toBe(1);
      const newest = changes.locator('.change-choice').nth(1);
      expect(await newest.textContent()).toContain('修改');
      expect(await newest.locator('.change-detail').textContent()).toMatch(/状态：.+ → 暂停服务/);
      await newest.getByRole('radio').check();
      await item.getByLabel('处理说明').fill('已电话核实，暂停服务');
      await item.getByRole('button', { name: '确认已处理' }).click();
      await expect.poll(() => item.count()).toBe(0);
      const open = (await api(page, 'GET', '/reports?status=open')).body as { data: { id: number }[] };
      expect(open.data.map((r) => r.id)).not.toContain(reportId);

      await showConsoleView(page, `#/sites/${site.id}/history`);
      await page.getByRole('heading', { name: `修改记录：${site.name}` }).waitFor();
      expect(await page.locator('ol.history > li').first().locator('h3').textContent()).toContain(
        `处理群众反馈 #${reportId}`,
      );
      await context.close();
    },
    JOURNEY_MS,
  );
});

describe('merged reports', () => {
  it(
    'shows five identical reports once with their count, and a change that answers another report cannot be chosen',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      const site = await createSite(page, uniqueName('重复反馈'));
      const note = `重复的反馈 ${Date.now()}`;
      for (let i = 1; i <= 5; i++) {
        await context.setExtraHTTPHeaders({ 'cf-connecting-ip': `203.0.113.${100 + i}` });
        expect(
          (await api(page, 'POST', `/sites/${site.id}/reports`, { category: 'wrong_hours', note })).status,
        ).toBeLessThan(300);
      }
      await context.setExtraHTTPHeaders({ 'cf-connecting-ip': '203.0.113.120' });
      const other = (await api(page, 'POST', `/sites/${site.id}/reports`, { category: 'closed' })).body as {
        id: number;
      };
      const fix = await api(page, 'PATCH', `/sites/${site.id}`, { version: site.version, opening_hours: '24/7' });
      const history = (await api(page, 'GET', `/sites/${site.id}/history`)).body as { data: { id: number }[] };
      const changeId = Math.max(...history.data.map((c) => c.id));
      expect(fix.status).toBe(200);
      expect((await api(page, 'POST', `/reports/${other.id}/resolve`, { change_id: changeId })).status).toBe(200);

      await page.getByRole('link', { name: '群众反馈' }).click();
      await page.getByRole('heading', { name: '待处理的群众反馈' }).waitFor();
      const items = page.locator('li.report', { hasText: note });
      await items.first().waitFor();
      expect(await items.count()).toBe(1);
      expect(await items.locator('.count').textContent()).toMatch(/^5 次/);
      await items.getByRole('button', { name: '标记已处理' }).click();
      const taken = items.getByRole('radio', { name: new RegExp(`#${changeId} `) });
      await taken.waitFor();
      expect(await taken.isDisabled()).toBe(true);
      expect(await items.locator('.change-choice', { hasText: `#${changeId} ` }).textContent()).toContain(
        `已用于反馈 #${other.id}`,
      );
      expect(await items.locator('.change-choice', { hasText: `#${changeId} ` }).textContent()).toContain('开放时间');
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    },
    JOURNEY_MS,
  );
});

describe('the site list', () => {
  it(
    'shows names as text, stale sites first and marked, and “still accurate” clears the mark',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      // A site last checked long ago (set in the database: the API only ever stamps "now").
      const old = await createSite(page, uniqueName('久未核实'));
      ageSite(old.id, '2025-01-02T03:04:05Z');
      await page.reload({ waitUntil: 'domcontentloaded', timeout: LOAD_MS });
      const rows = page.locator('tbody tr');
      await rows.first().waitFor();
      const staleFlags = await rows.evaluateAll((trs) => trs.map((tr) => tr.classList.contains('stale')));
      // Every stale row comes before every fresh one.
      expect(staleFlags[0]).toBe(true);
      expect(staleFlags.indexOf(false) === -1 || staleFlags.lastIndexOf(true) < staleFlags.indexOf(false)).toBe(true);

      // A name that is markup stays text.
      expect(await rows.filter({ hasText: OFFICE_XSS_NAME }).count()).toBe(1);
      expect(await page.locator('tbody img').count()).toBe(0);

      const row = page.locator(`tbody tr[data-site-id="${old.id}"]`);
      expect(await row.getAttribute('class')).toContain('stale');
      expect(await row.locator('.badge').textContent()).toBe('待核实');
      await screenshot(page, 'console-site-list-stale-desktop');
      await row.getByRole('button', { name: `确认“${old.name}”信息无误` }).click();
      await expect.poll(() => row.locator('.badge').count()).toBe(0);
      expect(await row.locator('td[data-label="核实情况"]').textContent()).toBe('今天已核实');
      expect(
        ((await publicSite(page, old.id)) as SiteJson & { verified_at: string | null }).verified_at,
      ).not.toBeNull();

      // Search by name narrows the list; the status filter too.
      await page.getByLabel('按名称搜索').fill('换电');
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('测试：五里坨换电驿站')]);
      await page.getByLabel('按名称搜索').fill('');
      await page.getByLabel('状态', { exact: true }).selectOption('retired');
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      await expect
        .poll(async () =>
          (await page.locator('tbody tr td[data-label="状态"]').allTextContents()).every((s) => s === '已撤销'),
        )
        .toBe(true);
      await context.close();
    },
    JOURNEY_MS,
  );
});

describe('accounts', () => {
  it(
    'lets an administrator create an editor for a chosen street, who can then log in; editors see no account page',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logIn(page);
      expect(await page.getByRole('link', { name: '账号管理' }).count()).toBe(0);
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('heading', { name: '街道工作人员登录' }).waitFor();

      await fillLogin(page, ADMIN);
      await page.getByRole('heading', { name: '本街道站点' }).waitFor({ timeout: LOGIN_MS });
      // An administrator sees every street's sites, and can narrow the list to one street.
      const summary = page.locator('p.summary');
      await expect.poll(() => summary.textContent()).toMatch(/^共\d+个站点/);
      const everyStreet = Number(/共(\d+)个/.exec((await summary.textContent())!)![1]);
      await page.getByLabel('所属街道').selectOption('110105017');
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      await expect
        .poll(async () => Number(/共(\d+)个/.exec((await summary.textContent()) ?? '')?.[1] ?? NaN))
        .toBeLessThan(everyStreet);
      expect(await page.locator('tbody tr', { hasText: '测试：劲松换电驿站' }).count()).toBe(1);
      await page.getByRole('link', { name: '账号管理' }).click();
      await page.getByRole('heading', { name: '账号管理' }).waitFor();
      const demoRow = page.locator('tbody tr', {
        has: page.locator('th', { hasText: new RegExp(`^${DEMO_EDITOR.username}$`) }),
      });
      await demoRow.waitFor();
      expect(await demoRow.locator('td').allTextContents()).toEqual([expect.any(String), '街道编辑', '劲松街道']);

      const username = `dashilar-${Date.now().toString(36)}`;
      const password = `pw-${Math.random().toString(36).slice(2)}-x`;
      await page.getByLabel('用户名', { exact: true }).fill(username);
      await page.getByLabel('姓名').fill('大栅栏街道（测试）');
      await page.getByLabel('密码', { exact: true }).fill(password);
      await page.getByLabel('筛选街道').fill('大栅栏');
      await page.getByRole('checkbox', { name: '大栅栏街道（110102013）' }).check();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'console-accounts-desktop');
      await page.getByRole('button', { name: '创建账号' }).click();
      const created = page.locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${username}$`) }) });
      await created.waitFor();
      expect(await created.locator('td').allTextContents()).toEqual(['大栅栏街道（测试）', '街道编辑', '大栅栏街道']);

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('heading', { name: '街道工作人员登录' }).waitFor();
      await fillLogin(page, { username, password });
      await page.getByRole('heading', { name: '本街道站点' }).waitFor();
      expect(
        ((await api(page, 'GET', '/auth/me')).body as { user: { street_codes: string[] } }).user.street_codes,
      ).toEqual(['110102013']);
      await context.close();
    },
    JOURNEY_MS,
  );
});

describe('accessibility and layout', () => {
  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const)(
    'has no serious axe violations on the console views (%s)',
    async (size, viewport) => {
      const { context, page } = await openPage(browser, { viewport });
      await page.goto(`${baseUrl()}/console/`, { waitUntil: 'domcontentloaded', timeout: LOAD_MS });
      await page.getByRole('heading', { name: '街道工作人员登录' }).waitFor();
      expect(await seriousViolations(page), `login, ${size}`).toEqual([]);
      await screenshot(page, `console-login-${size}`);
      await logIn(page);
      expect(await seriousViolations(page), `site list, ${size}`).toEqual([]);
      await screenshot(page, `console-site-list-${size}`);
      for (const [view, heading] of [
        ['sites/new', '新增站点'],
        ['import', '批量导入（CSV）'],
        ['reports', '待处理的群众反馈'],
      ] as const) {
        await showConsoleView(page, `#/${view}`);
        await page.getByRole('heading', { name: heading }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await seriousViolations(page), `${view}, ${size}`).toEqual([]);
        await screenshot(page, `console-${view.replace('/', '-')}-${size}`);
        if (view === 'sites/new') {
          await page.locator('.map-picker').scrollIntoViewIfNeeded();
          await screenshot(page, `console-site-form-map-${size}`);
        }
      }
      // Nothing wider than the screen on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'works from the keyboard: log in, skip to the content, and the retire question defaults to no',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await page.goto(`${baseUrl()}/console/`, { waitUntil: 'domcontentloaded', timeout: LOAD_MS });
      await page.getByRole('heading', { name: '街道工作人员登录' }).waitFor();
      // The username field has focus on arrival.
      await page.keyboard.type(EDITOR.username);
      await page.keyboard.press('Tab');
      await page.keyboard.type(EDITOR.password);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '本街道站点' }).waitFor({ timeout: LOGIN_MS });

      // Logging in moved focus to the list's heading, announcing the new view.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('本街道站点');
      // On a fresh load the first Tab reaches the skip link.
      await page.reload({ waitUntil: 'domcontentloaded', timeout: LOAD_MS });
      await page.getByRole('heading', { name: '本街道站点' }).waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

      const site = await createSite(page, uniqueName('键盘操作'));
      await showConsoleView(page, `#/sites/${site.id}`);
      await page.getByRole('button', { name: '撤销站点' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('不撤销');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect((await publicSite(page, site.id)).status).toBe('open');
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'can be switched to English and remembers it',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await page.goto(`${baseUrl()}/console/`, { waitUntil: 'domcontentloaded', timeout: LOAD_MS });
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Street-office login' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.reload({ waitUntil: 'domcontentloaded', timeout: LOAD_MS });
      await page.getByRole('heading', { name: 'Street-office login' }).waitFor();
      await context.close();
    },
    JOURNEY_MS,
  );
});
