// The console's import view in Chromium against the real app: a dry run of a file that
// changes existing sites lists, row by row, each field that will change, old → new, and a
// file without a column leaves that column alone; a file's problems are listed by row and
// column as the API gives them (a problem of the whole row or file has no column).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, screenshot } from './browser';
import { DESKTOP, DEMO_EDITOR as EDITOR, JOURNEY_MS, logInToConsole } from './console-accounts';
import { type Office, seedOffice } from './office';

/** The office whose sites this file imports: 苹果园街道 (石景山区), where no other test file looks. */
const OFFICE: Office = {
  street: '110107005',
  place: { lat: 39.93, lng: 116.18 },
  editor: { username: 'import-pingguoyuan', password: 'import-test-password-1', display_name: '苹果园街道编辑' },
};

let browser: Browser;
beforeAll(async () => {
  await seedOffice(OFFICE);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const csv = (lines: string[]) => ({
  name: 'sites.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(lines.join('\r\n'), 'utf8'),
});

describe('the import view', () => {
  it(
    'shows, before importing, each field a file will change from old to new, and leaves absent columns alone',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logInToConsole(page, OFFICE.editor);
      await page.getByRole('link', { name: '批量导入' }).click();
      await page.getByRole('heading', { name: '批量导入（CSV）' }).waitFor();
      const tag = Date.now().toString(36);
      const id = `view-${tag}`;
      const name = `测试：改动预览${tag}`;
      const input = page.getByLabel('CSV 文件（UTF-8 或 GBK）');
      const status = page.locator('.import-status');

      await input.setInputFiles(
        csv([
          '编号,类型,名称,街道代码,纬度,经度,电话,说明',
          `${id},户外劳动者驿站,${name},${OFFICE.street},${OFFICE.place.lat},${OFFICE.place.lng},010-67710001,东门进`,
        ]),
      );
      await page.getByRole('button', { name: '检查（不写入）' }).click();
      await expect.poll(() => status.textContent()).toBe('检查通过：共1行，将新增1个、更新0个、0个不变。');
      const rows = page.locator('table.import-changes tbody tr');
      expect(
        await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))),
      ).toEqual([['2', name, '新增', '', '', '']]);
      await page.getByRole('button', { name: '导入', exact: true }).click();
      await expect.poll(() => status.textContent()).toBe('导入完成：共1行，新增1个、更新0个、0个不变。');

      // A file of only the key and the phones: the phones change, the description stays.
      await input.setInputFiles(csv(['编号,电话', `${id},010-67710001;010-67710002`]));
      await page.getByRole('button', { name: '检查（不写入）' }).click();
      await expect.poll(() => status.textContent()).toBe('检查通过：共1行，将新增0个、更新1个、0个不变。');
      await expect
        .poll(() =>
          rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))),
        )
        .toEqual([['2', name, '修改', '电话', '010-67710001', '010-67710001、010-67710002']]);
      await screenshot(page, 'console-import-changes-desktop');
      await page.getByRole('button', { name: '导入', exact: true }).click();
      await expect.poll(() => status.textContent()).toBe('导入完成：共1行，新增0个、更新1个、0个不变。');
      const site = await page.evaluate(async (key) => {
        const list = (await (
          await fetch(`/api/v1/console/sites?q=${encodeURIComponent(key)}`, { credentials: 'same-origin' })
        ).json()) as {
          data: { id: number; description: string | null; phones: string[] }[];
        };
        const found = list.data[0]!;
        // Retired again: the office ends as it began.
        await fetch(`/api/v1/sites/${found.id}`, { method: 'DELETE', credentials: 'same-origin' });
        return found;
      }, id);
      expect(site).toMatchObject({ description: '东门进', phones: ['010-67710001', '010-67710002'] });
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'imports a row far from its district only once the office ticks that the position is right',
    async () => {
      const { context, page } = await openPage(browser, { viewport: DESKTOP });
      await logInToConsole(page, EDITOR);
      await page.getByRole('link', { name: '批量导入' }).click();
      await page.getByRole('heading', { name: '批量导入（CSV）' }).waitFor();
      const tag = Date.now().toString(36);
      const status = page.locator('.import-status');
      await page
        .getByLabel('CSV 文件（UTF-8 或 GBK）')
        .setInputFiles(
          csv([
            '编号,类型,名称,街道代码,纬度,经度',
            `far-${tag},户外劳动者驿站,测试：远处驿站${tag},110105017,40.6,116.46`,
          ]),
        );
      await page.getByRole('button', { name: '检查（不写入）' }).click();
      await expect.poll(() => status.textContent()).toBe('发现1个问题，未写入任何数据：');
      expect(await page.locator('table.import-errors tbody td').nth(2).textContent()).toMatch(
        /^距区县110105的其他站点超过15公里/,
      );
      await page.getByLabel('位置远离所属区县的行也导入（已核对位置无误）').check();
      await page.getByRole('button', { name: '检查（不写入）' }).click();
      await expect.poll(() => status.textContent()).toBe('检查通过：共1行，将新增1个、更新0个、0个不变。');
      await context.close();
    },
    JOURNEY_MS,
  );
});

describe('the problems of an import file', () => {
  it('names the whole row where a problem of the file has no column', async () => {
    const { context, page } = await openPage(browser, { viewport: DESKTOP });
    await logInToConsole(page, EDITOR);
    await page.getByRole('link', { name: '批量导入' }).click();
    await page.getByRole('heading', { name: '批量导入（CSV）' }).waitFor();
    // Latitude without longitude: a problem of the file's header (row 1), no one column.
    await page
      .getByLabel('CSV 文件（UTF-8 或 GBK）')
      .setInputFiles(csv(['编号,名称,纬度', 'problems-1,测试：缺经度,39.88']));
    await page.getByRole('button', { name: '检查（不写入）' }).click();
    const cells = page.locator('table.import-errors tbody tr').first().locator('td');
    await expect.poll(() => cells.allTextContents()).toEqual(['1', '整行', expect.any(String)]);
    await context.close();
  });
});
