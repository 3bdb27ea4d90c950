// The console's opening-hours field in Chromium against the real app: a clerk types
// hours the way they write them in Chinese and sees, before saving, the stored OSM
// value, the plain reading and the next 7 days; a warning's one-click fix; the
// administrator's holiday-calendar banner and page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, screenshot, seriousViolations } from './browser';
import { ADMIN, DESKTOP, DEMO_EDITOR as EDITOR, JOURNEY_MS, logInToConsole, showConsoleView } from './console-accounts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('console: opening hours as clerks write them', () => {
  it(
    'reads Chinese hours as they are typed and shows the stored value, the reading and the week, today marked',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      try {
        await logInToConsole(page, EDITOR);
        await showConsoleView(page, '#/sites/new');
        const hours = page.getByLabel('开放时间', { exact: true });
        await hours.fill('周一至周五 8:00-20:00，节假日休息');
        const preview = page.locator('.hours-preview');
        await expect.poll(() => preview.locator('.hours-stored code').textContent()).toBe('Mo-Fr 08:00-20:00; PH off');
        await expect
          .poll(() => preview.locator('.hours-reading').textContent())
          .toBe('周一至周五 8:00–20:00；法定节假日休息');
        const rows = preview.locator('.hours-week tbody tr');
        expect(await rows.count()).toBe(7);
        const today = preview.locator(`tr[data-date="${beijingToday()}"]`);
        expect(await today.getAttribute('class')).toContain('today');
        expect(await today.locator('.badge.today').textContent()).toBe('今天');
        // A weekday shows the hours, a weekend day 休息.
        const dates = await rows.evaluateAll((trs) =>
          trs.map((tr) => [tr.getAttribute('data-date'), tr.querySelector('td')?.textContent]),
        );
        for (const [date, text] of dates) {
          const day = new Date(`${date}T00:00:00Z`).getUTCDay();
          expect(text).toBe(day === 0 || day === 6 ? '休息' : '08:00–20:00');
        }
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, 'console-hours-preview');
      } finally {
        await context.close();
      }
    },
    JOURNEY_MS,
  );

  it(
    'says where a typing mistake is, in Chinese, and fixes a misordered PH rule in one click',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      try {
        await logInToConsole(page, EDITOR);
        await showConsoleView(page, '#/sites/new');
        const hours = page.getByLabel('开放时间', { exact: true });
        await hours.fill('周一至周五 8:00-');
        await expect.poll(() => page.locator('.hours-invalid').textContent()).toContain('第7个字符处');
        await hours.fill('PH off; Mo-Fr 08:00-18:00');
        await page.locator('.hours-warnings').waitFor();
        await page.getByRole('button', { name: '一键修正' }).click();
        await expect.poll(() => hours.inputValue()).toBe('Mo-Fr 08:00-18:00; PH off');
        await expect.poll(() => page.locator('.hours-warnings').count()).toBe(0);
      } finally {
        await context.close();
      }
    },
    JOURNEY_MS,
  );

  it(
    'ticks the make-up-day box for a new elder-care centre and not for a park',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      try {
        await logInToConsole(page, EDITOR);
        await showConsoleView(page, '#/sites/new');
        const box = page.getByLabel('调休上班日按工作日时间开放');
        await page.getByLabel('类型', { exact: true }).selectOption('elder_care');
        expect(await box.isChecked()).toBe(true);
        await page.getByLabel('类型', { exact: true }).selectOption('park');
        expect(await box.isChecked()).toBe(false);
      } finally {
        await context.close();
      }
    },
    JOURNEY_MS,
  );
});

describe('console: the holiday calendar (administrator)', () => {
  it(
    "shows the banner exactly while next year's arrangement is due, and the calendar page with its statutory days",
    async () => {
      const coverage = (await (await fetch(`${baseUrl()}/api/v1/holiday-calendar/coverage`)).json()) as {
        years: { year: number; status: string }[];
        next_year_due: boolean;
      };
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      try {
        await logInToConsole(page, ADMIN);
        const banner = page.locator('.calendar-banner');
        if (coverage.next_year_due) {
          await banner.waitFor();
          expect(await banner.textContent()).toContain(`${coverage.years[1]!.year}年节假日安排尚未录入`);
          await banner.getByRole('link', { name: '去录入' }).click();
        } else {
          expect(await banner.isHidden()).toBe(true);
          await page.evaluate(() => {
            location.hash = '#/calendar';
          });
        }
        await page.getByRole('heading', { name: '节假日安排' }).waitFor();
        // Saving or previewing needs the notice named; without it the field says so.
        const source = page.getByLabel('通知名称和文号');
        if (!(await source.inputValue())) {
          await page.getByRole('button', { name: '预览' }).click();
          await page.locator('[data-field="source"].invalid').waitFor();
          await source.fill('国务院办公厅关于部分节假日安排的通知');
        }
        await page.getByRole('button', { name: '预览' }).click();
        await page.locator('.calendar-preview li').first().waitFor();
        expect(await page.locator('.calendar-preview').textContent()).toMatch(/元旦|春节/);
        await screenshot(page, 'console-holiday-calendar');
      } finally {
        await context.close();
      }
    },
    JOURNEY_MS,
  );
});
