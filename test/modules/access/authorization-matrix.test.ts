import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, call, type TestApp } from '../../helpers/testApp.js';

/**
 * Each role × each route family: who may read what. Columns are the demo users (one per role,
 * plus a commune counter officer for unit scope) and an anonymous caller. Finer rules (another
 * unit's dossier, another citizen's letter, a denouncer's identity) are in each module's tests.
 */
const USERS = ['admin', 'tiepnhan', 'chuyenvien', 'lanhdao', 'tiepcongdan', 'thanhtra', 'giamsat', 'congdan1', 'tiepnhan.pdp', null] as const;
type Who = (typeof USERS)[number];
const P = 'from=2026-01-01&to=2026-07-01';
const PROVINCE = '000.00.00.H55';
const WARD = '000.20.01.H55';
const JUSTICE = '000.00.12.H55';

/** route → the users who get 200; every other signed-in user gets 403, anonymous callers 401. */
const MATRIX: [string, Who[] | 'public'][] = [
  ['/api/v1/users', ['admin']],
  ['/api/v1/procedures/export', ['admin']],
  ['/api/v1/open311-clients', ['admin']],
  ['/api/v1/feedback/blocklist', ['admin']],
  ['/api/v1/dossiers', ['tiepnhan', 'chuyenvien', 'lanhdao', 'giamsat', 'tiepnhan.pdp']],
  ['/api/v1/dossiers/queue-counts', ['tiepnhan', 'chuyenvien', 'lanhdao', 'giamsat', 'tiepnhan.pdp']],
  ['/api/v1/me/dossiers', ['congdan1']],
  [`/api/v1/reports/dossiers?unit=${PROVINCE}&${P}`, ['admin', 'giamsat']],
  [`/api/v1/reports/dossiers?unit=${WARD}&${P}`, ['admin', 'giamsat', 'tiepnhan.pdp']],
  [`/api/v1/reports/dossiers?unit=${JUSTICE}&${P}`, ['admin', 'lanhdao', 'giamsat']],
  [`/api/v1/reports/register?unit=${PROVINCE}&${P}`, ['giamsat']],
  [`/api/v1/reports/register?unit=${WARD}&${P}`, ['giamsat', 'tiepnhan.pdp']],
  [`/api/v1/reports/dashboard?unit=${JUSTICE}`, ['admin', 'lanhdao', 'giamsat']],
  [`/api/v1/reports/dashboard?unit=${WARD}`, ['admin', 'giamsat', 'tiepnhan.pdp']],
  ['/api/v1/receptions', ['lanhdao', 'tiepcongdan', 'thanhtra', 'giamsat']],
  ['/api/v1/cases', ['lanhdao', 'tiepcongdan', 'thanhtra', 'giamsat']],
  ['/api/v1/letters', ['lanhdao', 'tiepcongdan', 'thanhtra', 'giamsat', 'congdan1']],
  ['/api/v1/feedback', ['admin', 'tiepnhan', 'chuyenvien', 'lanhdao', 'tiepcongdan', 'thanhtra', 'giamsat', 'congdan1', 'tiepnhan.pdp']],
  [`/api/v1/reports/feedback?${P}`, ['admin', 'tiepnhan', 'chuyenvien', 'lanhdao', 'tiepcongdan', 'thanhtra', 'giamsat', 'tiepnhan.pdp']],
  ['/api/v1/procedures', 'public'],
  ['/api/v1/calendar/days?year=2026', 'public'],
  ['/api/v1/reception-schedule', 'public'],
  ['/api/v1/public/feedback', 'public'],
];

/** Writes that need an account: anonymous callers get 401 before their (empty) body is read. */
const WRITES = ['/api/v1/units', '/api/v1/calendar/days', '/api/v1/dossiers', '/api/v1/letters', '/api/v1/receptions', '/api/v1/procedures/import'];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('authorisation matrix', () => {
  it.each(MATRIX)('GET %s', async (url, allowed) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of USERS) {
      const token = who ? await login(t.app, who) : null;
      const r = await call(t.app, token, { method: 'GET', url });
      const key = who ?? 'anonymous';
      got[key] = r.statusCode;
      want[key] = allowed === 'public' || (who && allowed.includes(who)) ? 200 : who ? 403 : 401;
    }
    expect(got).toEqual(want);
  });

  it.each(WRITES)('POST %s needs an account', async (url) => {
    const r = await call(t.app, null, { method: 'POST', url, payload: {} });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('unauthenticated');
  });
});
