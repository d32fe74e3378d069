import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, call, type TestApp } from '../../helpers/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const due = (q: string) => t.app.inject({ method: 'GET', url: `/api/v1/calendar/due?${q}` });

describe('GET /calendar/due', () => {
  it('computes the calendar.md vectors through HTTP, in +07:00', async () => {
    const cases: [string, string][] = [
      ['start=2026-11-09T10:00:00%2B07:00&amount=1&unit=working_days', '2026-11-10T10:00:00+07:00'], // V2
      ['start=2026-11-09T11:45:00%2B07:00&amount=1&unit=working_days', '2026-11-10T11:30:00+07:00'], // V3
      ['start=2026-11-09T06:50:00%2B07:00&amount=2&unit=working_days', '2026-11-10T17:00:00+07:00'], // V4
      ['start=2026-11-09T15:20:00%2B07:00&amount=1&unit=working_days&cutoff=15:00', '2026-11-10T17:00:00+07:00'], // V5
      ['start=2026-02-12T09:00:00%2B07:00&amount=5&unit=working_days', '2026-02-26T09:00:00+07:00'], // V8 Tết
      ['start=2026-04-24T14:00:00%2B07:00&amount=3&unit=working_days', '2026-05-04T14:00:00+07:00'], // V9
      ['start=2026-11-09T14:00:00%2B07:00&amount=4&unit=working_hours', '2026-11-10T08:30:00+07:00'], // V12
      ['start=2026-04-15T10:00:00Z&amount=30&unit=days', '2026-05-16T00:00:00+07:00'], // Civil Code: ends 24:00 Fri 15/05
    ];
    for (const [q, expected] of cases) {
      const r = await due(q);
      expect(r.statusCode, q).toBe(200);
      expect(r.json().due, q).toBe(expected);
    }
    const v5 = (await due(cases[3][0])).json();
    expect(v5.steps.join(' ')).toMatch(/15:00/);
    expect(v5.workingMinutes).toBe(480);
  });

  it('refuses bad input with field-level messages in both languages', async () => {
    const bad: [string, string][] = [
      ['start=yesterday&amount=1&unit=working_days', 'start'],
      ['start=2026-11-09T10:00:00Z&amount=-1&unit=working_days', 'amount'],
      ['start=2026-11-09T10:00:00Z&amount=99999999&unit=working_days', 'amount'],
      ['start=2026-11-09T10:00:00Z&amount=1&unit=fortnights', 'unit'],
      ['start=2026-11-09T10:00:00Z&amount=1&unit=working_days&office=NOPE', 'office'],
      ['amount=1&unit=working_days', 'start'],
    ];
    for (const [q, field] of bad) {
      const r = await due(q);
      expect(r.statusCode, q).toBe(400);
      const e = r.json().error;
      expect(e.fields.map((f: any) => f.field), q).toContain(field);
      expect(e.fields[0].messageVi).toBeTruthy();
    }
  });
});

describe('special days, lunar calendar and edits', () => {
  it('lists the 2026 special days with their type and legal basis', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/days?year=2026' });
    expect(r.statusCode).toBe(200);
    const days = r.json().days as any[];
    const byDate = new Map(days.map((d) => [d.date, d]));
    expect(byDate.get('2026-04-27')?.kind).toBe('compensatory_off');
    expect(byDate.get('2026-02-17')).toBeTruthy();
    expect(days.every((d) => d.legalBasis.length > 0)).toBe(true);
  });

  it('serves a year without a table by rule', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/days?year=2030' });
    expect(r.json().source).toBe('rule');
    expect(r.json().days.find((d: any) => d.date === '2030-02-02')).toBeTruthy(); // Tết 2030 (Vietnam, UTC+7)
  });

  it('converts solar ↔ lunar and refuses a leap flag on a month that is not leap', async () => {
    const l = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/lunar?date=2025-07-25' });
    expect(l.json()).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    const s = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/solar?lunarDay=1&lunarMonth=1&lunarYear=1985' });
    expect(s.json().date).toBe('1985-01-21');
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/calendar/solar?lunarDay=1&lunarMonth=3&lunarYear=2026&leap=true' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('leap');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar/lunar?date=2026-13-01' })).statusCode).toBe(400);
  });

  it('lets only administrators edit; adding 24/11/2026 moves a 7-working-day period and is audited', async () => {
    const q = 'start=2026-11-13T17:00:00%2B07:00&amount=7&unit=working_days';
    expect((await due(q)).json().due).toBe('2026-11-24T17:00:00+07:00');
    const body = { date: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam', legalBasis: 'Bộ luật Lao động sửa đổi (giả định cho kiểm thử)', reason: 'thử nghiệm' };
    expect((await call(t.app, null, { method: 'POST', url: '/api/v1/calendar/days', payload: body })).statusCode).toBe(401);
    expect((await call(t.app, await login(t.app, 'tiepnhan'), { method: 'POST', url: '/api/v1/calendar/days', payload: body })).statusCode).toBe(403);
    const admin = await login(t.app, 'admin');
    const preview = await call(t.app, admin, { method: 'POST', url: '/api/v1/calendar/preview', payload: { add: { date: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam', legalBasis: 'x x x' } } });
    expect(preview.statusCode).toBe(200);
    const r = await call(t.app, admin, { method: 'POST', url: '/api/v1/calendar/days', payload: body });
    expect(r.statusCode).toBe(201);
    expect((await due(q)).json().due).toBe('2026-11-25T17:00:00+07:00');
    const dup = await call(t.app, admin, { method: 'POST', url: '/api/v1/calendar/days', payload: body });
    expect(dup.statusCode).toBe(409);
    const auditRows = await t.db.query("select action from audit_log where action like 'calendar.%'");
    expect(auditRows.rows.map((x: any) => x.action)).toContain('calendar.add');

    const id = r.json().day.id;
    const stale = await call(t.app, admin, { method: 'PATCH', url: `/api/v1/calendar/days/${id}`, payload: { version: 99, status: 'confirmed' } });
    expect(stale.statusCode).toBe(409);
    const ok = await call(t.app, admin, { method: 'PATCH', url: `/api/v1/calendar/days/${id}`, payload: { version: 1, status: 'confirmed' } });
    expect(ok.json().day.status).toBe('confirmed');
    const removed = await call(t.app, admin, { method: 'DELETE', url: `/api/v1/calendar/days/${id}?version=2&reason=${encodeURIComponent('chưa được ban hành')}` });
    expect(removed.statusCode).toBe(200);
    expect((await due(q)).json().due).toBe('2026-11-24T17:00:00+07:00');
  });

  it('generates a year by rule once, and validates edits', async () => {
    const admin = await login(t.app, 'admin');
    const g = await call(t.app, admin, { method: 'POST', url: '/api/v1/calendar/years/2028/generate' });
    expect(g.statusCode).toBe(200);
    expect(g.json().created).toBeGreaterThanOrEqual(10);
    const again = await call(t.app, admin, { method: 'POST', url: '/api/v1/calendar/years/2028/generate' });
    expect(again.json().created).toBe(0);
    const days = (await t.app.inject({ method: 'GET', url: '/api/v1/calendar/days?year=2028' })).json();
    expect(days.source).toBe('table');
    expect(days.days.every((d: any) => d.status === 'proposed')).toBe(true);
    const bad = await call(t.app, admin, { method: 'POST', url: '/api/v1/calendar/days', payload: { date: '2026-02-30', kind: 'party', name: '', legalBasis: '' } });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields.map((f: any) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['date', 'kind', 'name', 'legalBasis']));
  });

  it('versions office hours per unit; a new version changes dues from its date', async () => {
    const admin = await login(t.app, 'admin');
    const r = await call(t.app, admin, {
      method: 'POST',
      url: '/api/v1/calendar/hours',
      payload: {
        office: '000.20.09.H55',
        effectiveFrom: '2026-12-01',
        sessions: { 1: [{ start: '07:00', end: '11:00' }, { start: '13:30', end: '17:30' }], 2: [{ start: '07:00', end: '11:00' }, { start: '13:30', end: '17:30' }], 3: [{ start: '07:00', end: '11:00' }, { start: '13:30', end: '17:30' }], 4: [{ start: '07:00', end: '11:00' }, { start: '13:30', end: '17:30' }], 5: [{ start: '07:00', end: '11:00' }, { start: '13:30', end: '17:30' }] },
        minutesPerWorkingDay: 480,
        legalBasis: 'Quyết định về giờ làm việc mùa đông (kiểm thử)',
      },
    });
    expect(r.statusCode).toBe(201);
    const before = (await due('start=2026-11-30T08:00:00%2B07:00&amount=1&unit=working_hours&office=000.20.09.H55')).json();
    expect(before.due).toBe('2026-11-30T09:00:00+07:00');
    const after = (await due('start=2026-12-07T07:00:00%2B07:00&amount=1&unit=working_hours&office=000.20.09.H55')).json();
    expect(after.due).toBe('2026-12-07T08:00:00+07:00');
    const hours = (await t.app.inject({ method: 'GET', url: '/api/v1/calendar/hours?office=000.20.09.H55' })).json();
    expect(hours.versions).toHaveLength(1);
  });
});
