// The local demo accounts of the console, read from `.dev.vars` as the test server reads
// them (the seed step of global-setup makes it from `.dev.vars.example` when absent; see
// seeds/demo-accounts.ts), and the waits of a console journey on a shared machine.
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { baseUrl } from './browser';

const ROOT = new URL('../../', import.meta.url).pathname;
const VARS = Object.fromEntries(
  readFileSync(existsSync(`${ROOT}.dev.vars`) ? `${ROOT}.dev.vars` : `${ROOT}.dev.vars.example`, 'utf8')
    .split(/\r?\n/)
    .map((line) => /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, m[2]!]),
) as Record<string, string | undefined>;

/** The editor of 劲松街道. */
export const DEMO_EDITOR = { username: VARS.DEMO_EDITOR_USERNAME ?? '', password: VARS.DEMO_EDITOR_PASSWORD ?? '' };
/** The city administrator. */
export const ADMIN = { username: VARS.ADMIN_USERNAME ?? '', password: VARS.ADMIN_PASSWORD ?? '' };

/** The console is used on a desktop. */
export const DESKTOP = { width: 1280, height: 900 } as const;
/** A journey through several pages on a machine shared with other test runs. */
export const JOURNEY_MS = 90_000;
/** Loading the console page on a busy machine (the harness's step timeout is 10 s). */
export const LOAD_MS = 30_000;
/** Logging in hashes the password (PBKDF2, 100,000 rounds): slow on a busy machine. */
export const LOGIN_MS = 30_000;

/** Logs in to the console as `account` (an editor lands on the list of its street's sites). */
export async function logInToConsole(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl()}/console/`, { waitUntil: 'domcontentloaded', timeout: LOAD_MS });
  await page.getByLabel('用户名', { exact: true }).fill(account.username);
  await page.getByLabel('密码', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: '本街道站点' }).waitFor({ timeout: LOGIN_MS });
}

/** Moves to another console view as its links do (a hash change, no page load). */
export async function showConsoleView(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}
