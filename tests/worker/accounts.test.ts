import { describe, expect, it } from 'vitest';
import { adminCookie, DASHILAR, editorCookie, JINSONG, login, PANJIAYUAN, send } from './fixtures/console';

const newEditor = {
  username: 'panjiayuan',
  display_name: '潘家园街道',
  password: 'a-long-password',
  role: 'editor',
  street_codes: [PANJIAYUAN],
};

describe('accounts (administrators only)', () => {
  it('an administrator creates an editor, who can then log in with their streets', async () => {
    const created = await send('POST', '/api/v1/accounts', { cookie: await adminCookie(), json: newEditor });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      username: 'panjiayuan',
      display_name: '潘家园街道',
      role: 'editor',
      street_codes: [PANJIAYUAN],
      disabled: false,
    });
    expect(created.body).not.toHaveProperty('password_hash');
    const res = await login('panjiayuan', 'a-long-password');
    expect(res.status).toBe(200);
    expect(res.body.user.street_codes).toEqual([PANJIAYUAN]);
  });

  it('lists accounts without their password hashes', async () => {
    const cookie = await adminCookie();
    await send('POST', '/api/v1/accounts', { cookie, json: newEditor });
    const list = await send('GET', '/api/v1/accounts', { cookie });
    expect(list.body.data.map((a: { username: string }) => a.username)).toEqual(['admin', 'panjiayuan']);
    expect(JSON.stringify(list.body)).not.toContain('pbkdf2');
  });

  it.each([
    ['an unknown street', { street_codes: ['110105999'] }, 'street_codes'],
    ['an editor without streets', { street_codes: [] }, 'street_codes'],
    ['a short password', { password: 'short' }, 'password'],
  ])('refuses %s with a 400 naming the field', async (_what, fields, field) => {
    const res = await send('POST', '/api/v1/accounts', {
      cookie: await adminCookie(),
      json: { ...newEditor, ...fields },
    });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params[0].name).toBe(field);
  });

  it('refuses a taken username with 409', async () => {
    const cookie = await adminCookie();
    await send('POST', '/api/v1/accounts', { cookie, json: newEditor });
    expect((await send('POST', '/api/v1/accounts', { cookie, json: newEditor })).status).toBe(409);
  });

  it('an editor may neither list nor create accounts', async () => {
    const cookie = await editorCookie('jinsong', [JINSONG]);
    expect((await send('GET', '/api/v1/accounts', { cookie })).status).toBe(403);
    expect((await send('POST', '/api/v1/accounts', { cookie, json: { ...newEditor, role: 'admin' } })).status).toBe(
      403,
    );
    expect((await login('panjiayuan', 'a-long-password')).status).toBe(401);
  });

  it('changing streets takes effect at once; disabling ends the sessions', async () => {
    const admin = await adminCookie();
    const editor = await editorCookie('jinsong', [JINSONG]);
    const moved = await send('PATCH', '/api/v1/accounts/jinsong', {
      cookie: admin,
      json: { street_codes: [JINSONG, DASHILAR] },
    });
    expect(moved.body.street_codes).toEqual([DASHILAR, JINSONG]); // sorted by code
    expect((await send('GET', '/api/v1/auth/me', { cookie: editor })).body.user.street_codes).toEqual([
      DASHILAR,
      JINSONG,
    ]);
    await send('PATCH', '/api/v1/accounts/jinsong', { cookie: admin, json: { disabled: true } });
    expect((await send('GET', '/api/v1/auth/me', { cookie: editor })).status).toBe(401);
    expect((await login('jinsong', 'editor-password-1')).status).toBe(401);
  });

  it('a new password replaces the old one', async () => {
    const admin = await adminCookie();
    await editorCookie('jinsong', [JINSONG]);
    await send('PATCH', '/api/v1/accounts/jinsong', { cookie: admin, json: { password: 'another-password' } });
    expect((await login('jinsong', 'editor-password-1')).status).toBe(401);
    expect((await login('jinsong', 'another-password')).status).toBe(200);
  });

  it('an administrator cannot lock themselves out', async () => {
    const res = await send('PATCH', '/api/v1/accounts/admin', {
      cookie: await adminCookie(),
      json: { disabled: true },
    });
    expect(res.status).toBe(422);
  });

  it('answers an unknown account with 404', async () => {
    expect(
      (await send('PATCH', '/api/v1/accounts/nobody', { cookie: await adminCookie(), json: { display_name: 'x' } }))
        .status,
    ).toBe(404);
  });
});
