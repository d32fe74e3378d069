import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, call, TEST_NOW, type TestApp } from '../../helpers/testApp.js';
import { parseInstant } from '../../../src/core/calendar/index.js';
import { wilsonInterval } from '../../../src/core/feedback/index.js';
import { loadUser } from '../../../src/modules/auth/sessions.js';
import { performAction, submitFeedback } from '../../../src/modules/feedback/service.js';
import { seedFeedback } from '../../../src/modules/feedback/demo.js';
import type { Actor } from '../../../src/modules/feedback/policy.js';
import { act } from './helpers.js';

let t: TestApp;
const PDP = '000.20.01.H55';
const GS = '000.20.02.H55';
const at = (s: string) => parseInstant(s)!;
const DAY = 86_400_000;
const plus = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

async function staff(username: string): Promise<Actor> {
  return { tenantId: 'H55', user: await loadUser(t.db, t.seed.users.get(username)!), ip: null };
}

/** One item, received at `when` in a commune (by pin), taken through `steps` with back-dated times. */
async function item(
  when: Date,
  pin: { lat: number; lng: number },
  steps: { action: any; body?: object; after: number; as: string | 'owner' }[],
  categoryCode = 'PAKN-MOITRUONG-QD',
) {
  const anon: Actor = { tenantId: 'H55', user: null, ip: null };
  const s = await t.db.tx((q) =>
    submitFeedback(q, anon, { categoryCode, description: 'Phản ánh kiểm thử báo cáo về môi trường.', lat: pin.lat, lng: pin.lng, anonymous: categoryCode === 'PAKN-MOITRUONG-QD', contactName: categoryCode === 'PAKN-MOITRUONG-QD' ? null : 'Hà Văn Tú', contactPhone: categoryCode === 'PAKN-MOITRUONG-QD' ? null : '0911000222', channel: 'portal' }, [], when),
  );
  let version = 1;
  let time = when;
  for (const st of steps) {
    time = plus(time, st.after);
    const actor = st.as === 'owner' ? { ...anon, trackedItemId: s.id } : await staff(st.as);
    version = (await performAction(t.db, actor, s.id, st.action, { version, ...(st.body ?? {}) }, time)).version;
  }
  return s;
}

const P_PDP = { lat: 21.593, lng: 105.8445 };
const P_GS = { lat: 21.5736, lng: 105.8556 };

beforeAll(async () => {
  t = await createTestApp();
  // Phường Phan Đình Phùng, October 2026: 20 answered on time, 3 answered late, 2 refused (1 late),
  // 1 merged and 1 reclassified (both excluded).
  const base = at('2026-10-05T09:00:00+07:00');
  const onTime = [
    { action: 'assign', after: 0.1, as: 'chuyenvien.pdp' },
    { action: 'answer', body: { answer: 'Đã xử lý xong.' }, after: 3, as: 'chuyenvien.pdp' },
    { action: 'publish', after: 1, as: 'lanhdao.pdp' },
  ];
  const codes: string[] = [];
  for (let i = 0; i < 20; i++) codes.push((await item(new Date(base.getTime() + i * 3600_000), P_PDP, onTime)).code);
  const lateAnswer = [
    { action: 'answer', body: { answer: 'Trả lời muộn.' }, after: 30, as: 'chuyenvien.pdp' },
    { action: 'publish', after: 1, as: 'lanhdao.pdp' },
  ];
  for (let i = 0; i < 3; i++) await item(new Date(base.getTime() + DAY + i * 3600_000), P_PDP, lateAnswer);
  await item(base, P_PDP, [{ action: 'refuse', body: { reason: 'Thiếu nội dung' }, after: 1, as: 'chuyenvien.pdp' }]);
  await item(base, P_PDP, [{ action: 'refuse', body: { reason: 'Thiếu nội dung' }, after: 7, as: 'chuyenvien.pdp' }]);
  await item(base, P_PDP, [{ action: 'merge', body: { targetCode: codes[0] }, after: 1, as: 'chuyenvien.pdp' }]);
  await item(base, P_PDP, [{ action: 'reclassify', body: { kind: 'complaint', reason: 'Khiếu nại' }, after: 1, as: 'chuyenvien.pdp' }]);
  // Votes: four answers with dislikes > likes, two with likes only; one reopened by its sender.
  const vote = (code: string, v: string, k: string) => t.app.inject({ method: 'POST', url: `/api/v1/public/feedback/${code}/vote`, payload: { vote: v, deviceId: `device-${code}-${k}-xxxxxxxx` } });
  for (const c of codes.slice(0, 4)) {
    await vote(c, 'like', 'a');
    await vote(c, 'dislike', 'b');
    await vote(c, 'dislike', 'c');
  }
  for (const c of codes.slice(4, 6)) {
    await vote(c, 'like', 'a');
    await vote(c, 'like', 'b');
  }
  const reopenId = (await t.db.query('select id from feedback where code=$1', [codes[6]])).rows[0].id;
  await performAction(t.db, { tenantId: 'H55', user: null, trackedItemId: reopenId }, reopenId, 'reopen', { version: 4, reason: 'Chưa khắc phục' }, at('2026-10-20T10:00:00+07:00'));
  // Phường Gia Sàng: three answers, all on time.
  for (let i = 0; i < 3; i++) await item(new Date(base.getTime() + i * 3600_000), P_GS, onTime.map((s) => ({ ...s, as: s.as === 'lanhdao.pdp' ? 'admin' : 'admin' })));
  // Sở Nông nghiệp và Môi trường: one land item forwarded out of competence.
  await item(base, P_PDP, [{ action: 'forward', body: { toBody: 'Bộ Nông nghiệp và Môi trường', subclass: 'regulation_other', reason: 'Quy định trung ương' }, after: 2, as: 'chuyenvien.nnmt' }], 'PAKN-DATDAI-QD');
}, 180_000);
afterAll(async () => t?.close());

describe('feedback report', () => {
  const url = '/api/v1/reports/feedback?from=2026-10-01&to=2026-10-31';

  it('counts received, on time and satisfied per unit with numerators, denominators and Wilson intervals', async () => {
    const r = await call(t.app, await login(t.app, 'giamsat'), { method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json();
    const g = (code: string) => rep.groups.find((x: any) => x.key.code === code);
    const pdp = g(PDP);
    expect(pdp.received).toBe(25);
    expect(pdp.excluded).toEqual({ mergedDuplicates: 1, reclassifiedAsLetters: 1 });
    const w = wilsonInterval(21, 25)!;
    expect(pdp.onTime).toEqual({ x: 21, n: 25, pct: 84, lowPct: Math.round(w.low * 10000) / 100, highPct: Math.round(w.high * 10000) / 100 });
    expect(pdp.late).toBe(4);
    expect(pdp.satisfaction).toMatchObject({ x: 16, n: 25, pct: 64, dissatisfied: 4, reopened: 1, late: 4 });
    expect(pdp.ratedSatisfaction).toMatchObject({ x: 2, n: 6, pct: 33.33 });
    expect(pdp.byClass.regulation).toMatchObject({ x: 25, n: 25 });
    expect(g(GS)).toMatchObject({ received: 3, onTime: { x: 3, n: 3, pct: 100 } });
    const nnmt = g('000.00.13.H55');
    expect(nnmt).toMatchObject({ received: 1, forwardedOutOfCompetence: 1, onTime: { x: 0, n: 0, pct: null, lowPct: null } });
    expect(rep.total).toMatchObject({ received: 29, onTime: { x: 24, n: 28 } });
    expect(rep.period.from).toBe('2026-10-01T00:00:00+07:00');
    // Rankings: only with the minimum sample (default 20); the others are listed, not ranked.
    expect(rep.rankings.minSample).toBe(20);
    expect(rep.rankings.onTime.ranked.map((x: any) => [x.key.code, x.rank])).toEqual([[PDP, 1]]);
    expect(rep.rankings.onTime.insufficientSample.map((x: any) => x.key.code).sort()).toEqual([GS, '000.00.13.H55'].sort());
  });

  it('ranks by the Wilson lower bound: 3/3 does not beat 21/25', async () => {
    const r = (await call(t.app, await login(t.app, 'giamsat'), { method: 'GET', url: `${url}&minSample=3` })).json();
    expect(r.rankings.onTime.ranked.map((x: any) => [x.key.code, x.pct, x.rank])).toEqual([
      [PDP, 84, 1],
      [GS, 100, 2],
    ]);
    await t.db.query(`insert into legal_parameters(tenant_id, key, value, effective_from, legal_basis) values ('H55', 'feedback.ranking.min_sample', '3', '2026-01-01', 'Quyết định của UBND tỉnh (kiểm thử)')`);
    const byParam = (await call(t.app, await login(t.app, 'giamsat'), { method: 'GET', url })).json();
    expect(byParam.rankings.minSample).toBe(3);
    expect(byParam.rankings.onTime.ranked).toHaveLength(2);
  });

  it('groups by category', async () => {
    const r = (await call(t.app, await login(t.app, 'giamsat'), { method: 'GET', url: `${url}&groupBy=category` })).json();
    expect(r.groups.map((x: any) => [x.key.code, x.received])).toEqual([
      ['PAKN-MOITRUONG-QD', 28],
      ['PAKN-DATDAI-QD', 1],
    ]);
  });

  it('shows each reader their own scope only, and refuses others', async () => {
    const pdpStaff = await login(t.app, 'chuyenvien.pdp');
    const r = (await call(t.app, pdpStaff, { method: 'GET', url })).json();
    expect(r.groups.map((x: any) => x.key.code)).toEqual([PDP]);
    expect((await call(t.app, pdpStaff, { method: 'GET', url: `${url}&unit=${t.seed.units.get(GS)}` })).statusCode).toBe(403);
    expect((await call(t.app, await login(t.app, 'congdan1'), { method: 'GET', url })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const unit = (await call(t.app, await login(t.app, 'giamsat'), { method: 'GET', url: `${url}&unit=${t.seed.units.get(GS)}` })).json();
    expect(unit.groups.map((x: any) => x.key.code)).toEqual([GS]);
  });

  it('refuses bad parameters with 400', async () => {
    const token = await login(t.app, 'giamsat');
    for (const q of ['from=2026-13-01', 'from=2026-10-31&to=2026-10-01', 'groupBy=commune', 'minSample=0', 'format=pdf', 'unit=nope']) {
      const r = await call(t.app, token, { method: 'GET', url: `/api/v1/reports/feedback?${q}` });
      expect(r.statusCode, q).toBe(400);
      expect(r.json().error.fields.length).toBeGreaterThan(0);
    }
  });

  it('exports the same figures to Excel', async () => {
    const r = await call(t.app, await login(t.app, 'giamsat'), { method: 'GET', url: `${url}&format=xlsx` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toMatch(/bao-cao-pakn-2026-10-01-2026-10-31\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    const ws = wb.getWorksheet('PAKN')!;
    const rows: any[][] = [];
    ws.eachRow((row) => rows.push((row.values as any[]).slice(1)));
    expect((ws.getRow(4).values as any[])[1]).toBe('Đơn vị');
    const pdp = rows.find((x) => x[1] === PDP)!;
    expect(pdp.slice(2, 10)).toEqual([25, 25, 0, 0, 0, 21, 25, 84]);
    expect(pdp[11]).toBe(16);
    expect(pdp[13]).toBe(64);
    expect(rows.at(-1)![0]).toBe('Tổng cộng');
    expect(wb.getWorksheet('Xếp hạng')).toBeTruthy();
  });
});

describe('deadlines follow calendar changes', () => {
  it('recomputes the dues of open items when a special day is added, and logs it', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', payload: { categoryCode: 'PAKN-MOITRUONG-QD', description: 'Cống thoát nước tắc, đề nghị nạo vét.', lat: 21.593, long: 105.8445, anonymous: true } });
    expect(r.statusCode).toBe(201);
    const { id, answerDueAt, receivedAt } = r.json();
    // The first working day from the day after tomorrow (local) becomes a closure.
    let d = new Date(Date.now() + 2 * DAY);
    while ([0, 6].includes(new Date(d.getTime() + 7 * 3600_000).getUTCDay())) d = plus(d, 1);
    const day = new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const admin = await login(t.app, 'admin');
    const add = await call(t.app, admin, {
      method: 'POST',
      url: '/api/v1/calendar/days',
      payload: { date: day, kind: 'unit_closure', name: 'Nghỉ đột xuất (kiểm thử)', scope: 'national_public_sector', legalBasis: 'Thông báo kiểm thử', status: 'confirmed' },
    });
    expect(add.statusCode, add.body).toBe(201);
    const after = (await call(t.app, admin, { method: 'GET', url: `/api/v1/feedback/${id}` })).json();
    expect(after.dues.answer).not.toBe(answerDueAt);
    const due = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/due?start=${encodeURIComponent(receivedAt)}&amount=15&unit=working_days&office=${PDP}` });
    expect(after.dues.answer).toBe(due.json().due);
    expect(after.version).toBe(2);
    const ev = (await t.db.query(`select data from feedback_events where feedback_id=$1 and action='due_recomputed'`, [id])).rows;
    expect(ev).toHaveLength(1);
    expect(ev[0].data.calendarChangeId).toBeTruthy();
  });
});

describe('demo data (scale full)', () => {
  it('generates a year of feedback in every state around Thái Nguyên', async () => {
    await seedFeedback({ ...t.seed, scale: 'full', now: TEST_NOW, db: t.db });
    const states = (await t.db.query(`select status, count(*)::int n from feedback where received_at < '2026-10-01' or received_at >= '2026-11-01' group by status`)).rows;
    const by = Object.fromEntries(states.map((s: any) => [s.status, s.n]));
    for (const s of ['received', 'supplement_requested', 'assigned', 'answered', 'published', 'closed', 'reopened', 'refused', 'forwarded', 'merged', 'reclassified']) {
      expect(by[s] ?? 0, s).toBeGreaterThan(0);
    }
    const total = Object.values(by).reduce((a: number, b) => a + (b as number), 0);
    expect(total).toBeGreaterThan(200);
    const voted = (await t.db.query(`select count(*)::int n from feedback where published_at is not null and likes + dislikes > 0`)).rows[0].n;
    expect(voted).toBeGreaterThan(10);
    const box = (await t.db.query(`select min(lat)::float lo, max(lat)::float hi, min(lng)::float lo2, max(lng)::float hi2 from feedback where lat is not null`)).rows[0];
    expect(box.lo).toBeGreaterThan(21.4);
    expect(box.hi).toBeLessThan(22);
    expect(box.lo2).toBeGreaterThan(105.5);
    expect(box.hi2).toBeLessThan(106.2);
    const span = (await t.db.query(`select min(received_at) a, max(received_at) b from feedback where received_at < '2026-10-01' or received_at >= '2026-11-01'`)).rows[0];
    expect(TEST_NOW.getTime() - span.a.getTime()).toBeGreaterThan(300 * DAY);
    // Every item's state is derived from its events.
    const mismatch = await t.db.query(
      `select f.code from feedback f join lateral (select to_status from feedback_events e where e.feedback_id=f.id order by id desc limit 1) e on true where e.to_status <> f.status`,
    );
    expect(mismatch.rows).toEqual([]);
    // The demo client's reports are visible through Open311.
    const o = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?start_date=2026-08-15T00:00:00%2B07:00&end_date=2026-11-09T00:00:00%2B07:00' });
    expect(o.json().length).toBeGreaterThan(10);
    // A second run adds nothing.
    const n = (await t.db.query('select count(*)::int n from feedback')).rows[0].n;
    await seedFeedback({ ...t.seed, scale: 'full', now: TEST_NOW, db: t.db });
    expect((await t.db.query('select count(*)::int n from feedback')).rows[0].n).toBe(n);
  }, 300_000);

  it('keeps working on the generated data (a published demo answer can be reopened by staff)', async () => {
    const row = (await t.db.query(`select id from feedback where status='published' and received_at < '2026-10-01' limit 1`)).rows[0];
    const r = await act(t.app, await login(t.app, 'admin'), row.id, 'reopen', { reason: 'Người dân phản ánh tiếp qua điện thoại' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('reopened');
  });
});
