// The console's import view lists a file's problems by row and column as the API gives them
// (the OpenAPI document and the core's RowError): a problem of the whole row or file has no column.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage } from './browser';
import { DESKTOP, DEMO_EDITOR as EDITOR, logInToConsole } from './console-accounts';

let browser: Browser;
beforeAll(async () => {
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
