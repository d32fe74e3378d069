import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, call, type TestApp } from '../../helpers/testApp.js';
import { databaseKind } from '../../helpers/testDb.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('health and sign-in', () => {
  it('reports the database kind', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', database: databaseKind() });
  });

  it('signs in with a token and a cookie, and the token works as Bearer', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'tiepnhan', password: 'demo1234' } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.token).toBeTruthy();
    expect(body.user.username).toBe('tiepnhan');
    const cookie = r.cookies.find((c) => c.name === 'motcua_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await call(t.app, body.token, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json().roles[0].role).toBe('counter_officer');
    const viaCookie = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { motcua_session: cookie!.value } });
    expect(viaCookie.statusCode).toBe(200);
  });

  it('refuses a wrong password in both languages and throttles repeated failures', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'thanhtra', password: 'wrong' } });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.messageVi).toMatch(/mật khẩu/);
    }
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'thanhtra', password: 'demo1234' } });
    expect(r.statusCode).toBe(429);
  });

  it('gives field-level 400s for bad input and malformed JSON', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 5 } });
    expect(r.statusCode).toBe(400);
    const fields = r.json().error.fields.map((f: any) => f.field);
    expect(fields).toContain('password');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('malformed_json');
  });

  it('lets only administrators list users, with citizen IDs masked', async () => {
    const admin = await login(t.app, 'admin');
    const list = await call(t.app, admin, { method: 'GET', url: '/api/v1/users?kind=citizen' });
    expect(list.statusCode).toBe(200);
    const an = list.json().find((u: any) => u.username === 'congdan1');
    expect(an.citizenId).toBe('********1234');
    const citizen = await login(t.app, 'congdan1');
    expect((await call(t.app, citizen, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
    expect((await call(t.app, null, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
  });

  it('registers a citizen with a valid CCCD only', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { kind: 'citizen', username: 'newcitizen', password: 'longenough', fullName: 'Lý Văn C', citizenId: '12345' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('citizenId');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { kind: 'citizen', username: 'newcitizen', password: 'longenough', fullName: 'Lý Văn C', citizenId: '001099012345' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().citizenId).toBe('********2345');
  });
});
