import { describe, expect, it } from 'vitest';
import { COMMON_HEADERS, headersFile, pagePolicy } from '../../worker/core/security-policy';
import { get } from './api';
import { ADMIN, adminCookie, login, send } from './fixtures/console';

const expectSecure = (headers: Headers, where: string) => {
  expect(headers.get('x-frame-options'), where).toBe('DENY');
  expect(headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(headers.get('referrer-policy'), where).toBe('strict-origin-when-cross-origin');
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp, where).toContain("default-src 'none'");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).not.toContain('unsafe-inline');
};

describe('security headers of the API', () => {
  it('are on every answer: success, client errors and problems alike', async () => {
    const cookie = await adminCookie();
    const replies: [string, { status: number; headers: Headers }][] = [
      ['health', await get('/api/v1/health')],
      ['openapi', await get('/api/v1/openapi.json')],
      ['bad query', await get('/api/v1/sites/nearby?lat=x')],
      ['no route', await get('/api/v1/nope')],
      ['not logged in', await get('/api/v1/auth/me')],
      ['foreign origin', await send('POST', '/api/v1/auth/logout', { origin: 'https://evil.example' })],
      [
        'too large',
        await send('POST', '/api/v1/auth/login', {
          body: 'x'.repeat(10_000),
          headers: { 'content-type': 'application/json' },
        }),
      ],
      ['wrong password', await login(ADMIN.username, 'wrong')],
      ['csv export', await send('GET', '/api/v1/exports/sites.csv', { cookie })],
    ];
    expect(replies.map(([, r]) => r.status)).toEqual([200, 200, 400, 404, 401, 403, 413, 401, 200]);
    for (const [what, reply] of replies) expectSecure(reply.headers, what);
  });

  it('lets the docs page style itself by a nonce, new on every answer, and nothing inline else', async () => {
    const first = await get('/api/v1/docs');
    const second = await get('/api/v1/docs');
    expectSecure(first.headers, 'docs');
    const nonce = /style-src 'nonce-([^']+)'/.exec(first.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    expect(first.body).toContain(`<style nonce="${nonce}">`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce!);
    expect(first.body).not.toMatch(/<script/);
  });
});

describe("the pages' policy (web/dist/_headers)", () => {
  it('allows scripts and styles from the app only, and images from the configured tile hosts', () => {
    const policy = pagePolicy(['https://tile.openstreetmap.org']);
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).toContain("img-src 'self' data: blob: https://tile.openstreetmap.org;");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('writes one rule for every path with all the headers', () => {
    const file = headersFile(['https://t0.tianditu.gov.cn']);
    expect(file).toMatch(/^\/\*$/m);
    for (const name of [...Object.keys(COMMON_HEADERS), 'Content-Security-Policy'])
      expect(file).toMatch(new RegExp(`^  ${name}: `, 'm'));
    expect(file).toContain('https://t0.tianditu.gov.cn');
  });
});
