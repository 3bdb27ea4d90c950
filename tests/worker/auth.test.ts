import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, count, editorCookie, JINSONG, login, send, sessionCookie } from './fixtures/console';

describe('POST /api/v1/auth/login', () => {
  it('logs the first administrator in from the secrets and sets a hardened session cookie', async () => {
    const res = await login(ADMIN.username, ADMIN.password);
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      username: 'admin',
      display_name: expect.any(String),
      role: 'admin',
      street_codes: [],
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-linli_session=[0-9a-f]{64};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
  });

  it('stores only a hash of the session token', async () => {
    const token = sessionCookie(await login(ADMIN.username, ADMIN.password)).split('=')[1]!;
    const stored = await env.DB.prepare('SELECT token_hash FROM sessions').all<{ token_hash: string }>();
    expect(stored.results).toHaveLength(1);
    expect(stored.results[0]!.token_hash).not.toBe(token);
    expect(stored.results[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores the password as salted PBKDF2, never in clear', async () => {
    await login(ADMIN.username, ADMIN.password);
    const hash = String(
      await env.DB.prepare("SELECT password_hash FROM accounts WHERE username = 'admin'").first('password_hash'),
    );
    expect(hash).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(hash).not.toContain(ADMIN.password);
  });

  it('answers a wrong password with 401 and no cookie', async () => {
    const res = await login(ADMIN.username, 'wrong');
    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const res = await login('nobody', 'whatever');
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe((await login(ADMIN.username, 'wrong')).body.detail);
  });

  it('answers a body without password with a 400 naming it', async () => {
    const res = await send('POST', '/api/v1/auth/login', { json: { username: 'admin' } });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params).toContainEqual(expect.objectContaining({ name: 'password' }));
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const res = await send('POST', '/api/v1/auth/login', {
      body: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
  });

  it('returns the editor with their streets', async () => {
    const cookie = await editorCookie('jinsong', [JINSONG]);
    const me = await send('GET', '/api/v1/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'jinsong', role: 'editor', street_codes: [JINSONG] });
  });
});

describe('login throttling', () => {
  const from = (ip: string) => ({ 'cf-connecting-ip': ip });
  const statuses = (replies: { status: number }[]) => replies.map((r) => r.status);

  it('checks at most 5 of 30 wrong passwords sent at once for one account from one client', async () => {
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(ADMIN.username, `wrong-${i}`, from('203.0.113.5'))),
    );
    expect(statuses(replies).filter((s) => s === 401)).toHaveLength(5);
    expect(statuses(replies).filter((s) => s === 429)).toHaveLength(25);
    expect(await count('attempts', "bucket LIKE 'login:user:%'")).toBe(5);
  });

  it('refuses a client with 429 and Retry-After after 5 failures on an account, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login(ADMIN.username, `wrong-${i}`, from('192.0.2.7'))).status).toBe(401);
    const res = await login(ADMIN.username, ADMIN.password, from('192.0.2.7'));
    expect(res.status).toBe(429);
    expect(res.type).toContain('application/problem+json');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
  });

  it('never refuses the right password from a client without failures, however many other clients failed', async () => {
    for (let i = 0; i < 25; i++) expect((await login(ADMIN.username, 'wrong', from(`10.0.0.${i}`))).status).toBe(401);
    expect((await login(ADMIN.username, ADMIN.password, from('10.0.1.1'))).status).toBe(200);
  });

  it('makes a client that failed on an account under attack wait, 30 s doubling, and lets it in after', async () => {
    for (let i = 0; i < 7; i++) await login(ADMIN.username, 'wrong', from(`10.2.0.${i}`));
    // 10.2.0.0 has one failure; the account 6 more from other clients: it waits 30 × 2 s after its failure.
    const held = await login(ADMIN.username, ADMIN.password, from('10.2.0.0'));
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(Number(held.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // A refused try is not counted: it does not lengthen the wait.
    expect(await count('attempts', "bucket = 'login:user:admin'")).toBe(7);
    await env.DB.prepare('UPDATE attempts SET at = ?')
      .bind(new Date(Date.now() - 61_000).toISOString())
      .run();
    expect((await login(ADMIN.username, ADMIN.password, from('10.2.0.0'))).status).toBe(200);
  });

  it('counts an IPv6 client by its /64, so new addresses of one line do not reset the count', async () => {
    for (let i = 1; i <= 5; i++)
      expect((await login(ADMIN.username, 'wrong', from(`2001:db8:1:2::${i.toString(16)}`))).status).toBe(401);
    expect((await login(ADMIN.username, 'wrong', from('2001:0db8:0001:0002:ffff::9'))).status).toBe(429);
    expect((await login(ADMIN.username, ADMIN.password, from('2001:db8:1:3::1'))).status).toBe(200);
  });

  it('refuses a client after 20 failures across different accounts (spraying), not other clients', async () => {
    for (let i = 0; i < 20; i++) expect((await login(`guess${i}`, 'wrong', from('192.0.2.8'))).status).toBe(401);
    expect((await login(ADMIN.username, ADMIN.password, from('192.0.2.8'))).status).toBe(429);
    expect((await login(ADMIN.username, ADMIN.password, from('192.0.2.9'))).status).toBe(200);
  });

  it('keeps the failures in D1 and lets the client in again once they leave the window', async () => {
    for (let i = 0; i < 5; i++) await login(ADMIN.username, 'wrong', from('10.1.0.1'));
    expect(await count('attempts', "bucket = 'login:user:admin'")).toBe(5);
    expect((await login(ADMIN.username, ADMIN.password, from('10.1.0.1'))).status).toBe(429);
    const longAgo = new Date(Date.now() - 16 * 60 * 1000).toISOString();
    await env.DB.prepare('UPDATE attempts SET at = ?').bind(longAgo).run();
    expect((await login(ADMIN.username, ADMIN.password, from('10.1.0.1'))).status).toBe(200);
  });

  it("forgets a client's failures on an account once it logs in", async () => {
    for (let i = 0; i < 4; i++) await login(ADMIN.username, 'wrong', from('10.3.0.1'));
    expect((await login(ADMIN.username, ADMIN.password, from('10.3.0.1'))).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(ADMIN.username, 'wrong', from('10.3.0.1'))).status).toBe(401);
  });
});

describe('sessions', () => {
  it('logout makes the session cookie useless', async () => {
    const cookie = sessionCookie(await login(ADMIN.username, ADMIN.password));
    expect((await send('GET', '/api/v1/auth/me', { cookie })).status).toBe(200);
    const out = await send('POST', '/api/v1/auth/logout', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/i);
    expect((await send('GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
    expect(await count('sessions')).toBe(0);
  });

  it('rejects an expired session', async () => {
    const cookie = sessionCookie(await login(ADMIN.username, ADMIN.password));
    await env.DB.prepare('UPDATE sessions SET expires_at = ?')
      .bind(new Date(Date.now() - 1000).toISOString())
      .run();
    const me = await send('GET', '/api/v1/auth/me', { cookie });
    expect(me.status).toBe(401);
    expect(me.type).toContain('application/problem+json');
  });

  it('rejects a forged cookie', async () => {
    const me = await send('GET', '/api/v1/auth/me', { cookie: `__Host-linli_session=${'ab'.repeat(32)}` });
    expect(me.status).toBe(401);
  });
});

describe('CSRF', () => {
  it.each([
    ['no Origin', null],
    ['a foreign Origin', 'https://evil.example'],
    ['the same host over another scheme', 'https://linli.test'],
  ])('refuses a login with %s', async (_what, origin) => {
    const res = await send('POST', '/api/v1/auth/login', { json: ADMIN, origin });
    expect(res.status).toBe(403);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.invalid_params).toEqual([expect.objectContaining({ name: 'origin', in: 'header' })]);
    expect(await count('sessions')).toBe(0);
  });

  it('refuses a logout from a foreign origin, leaving the session alive', async () => {
    const cookie = sessionCookie(await login(ADMIN.username, ADMIN.password));
    expect((await send('POST', '/api/v1/auth/logout', { cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await send('GET', '/api/v1/auth/me', { cookie })).status).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('documents the console routes', async () => {
    const { body } = await send('GET', '/api/v1/openapi.json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/auth/me',
        '/api/v1/sites',
        '/api/v1/sites/{id}/history',
        '/api/v1/sites/{id}/restore',
        '/api/v1/sites/{id}/verify',
        '/api/v1/sites/{id}/reports',
        '/api/v1/imports',
        '/api/v1/imports/template.csv',
        '/api/v1/exports/sites.csv',
        '/api/v1/exports/sites.geojson',
        '/api/v1/reports',
        '/api/v1/reports/{id}/resolve',
        '/api/v1/console/sites',
        '/api/v1/accounts',
        '/api/v1/accounts/{username}',
      ]),
    );
    expect(Object.keys(body.paths['/api/v1/sites/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
  });
});

describe('CSRF on every state-changing route', () => {
  it('refuses each POST, PUT, PATCH and DELETE of the OpenAPI document without the app origin, even logged in', async () => {
    const cookie = sessionCookie(await login(ADMIN.username, ADMIN.password));
    const { body: doc } = await send('GET', '/api/v1/openapi.json');
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => [m.toUpperCase(), path.replace(/\{[^}]+\}/g, '1')] as const),
    );
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const [method, path] of routes) {
      for (const origin of [null, 'https://evil.example']) {
        const res = await send(method, path, { cookie, origin, json: {} });
        expect(res.status, `${method} ${path} from ${origin}`).toBe(403);
      }
    }
    expect((await send('GET', '/api/v1/auth/me', { cookie })).status).toBe(200);
  });
});
