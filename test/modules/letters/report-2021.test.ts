/**
 * TP Thái Nguyên, 2021 (seed 000): 590 visits (544 regular, 46 by leaders), 1,029 letters
 * (712 not within competence and transferred, 317 within), 290 resolved (91.5%), 27 under
 * verification (8.5%). The figures are loaded as real events through the service layer and the
 * report must show exactly them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, login, call, type TestApp } from '../../helpers/testApp.js';
import { loadUser } from '../../../src/modules/auth/sessions.js';
import { actorOf, envFor, type Actor } from '../../../src/modules/letters/common.js';
import { recordVisit, createSession, sessionAction } from '../../../src/modules/letters/reception-service.js';
import { receiveLetter, runLetterAction } from '../../../src/modules/letters/letters-service.js';
import { runCaseAction } from '../../../src/modules/letters/cases-service.js';

let t: TestApp;
let cityId: string;
let officer: Actor;
let leader: Actor;

/** The n-th working day of 2021 (Mon–Fri, skipping the statutory holidays of 2021), at hh:mm +07:00. */
const HOLIDAYS_2021 = new Set(['2021-01-01', '2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16', '2021-04-21', '2021-04-30', '2021-05-03', '2021-09-02', '2021-09-03']);
const WORKDAYS: string[] = [];
for (let d = new Date(Date.UTC(2021, 0, 1)); d.getUTCFullYear() === 2021; d = new Date(d.getTime() + 86_400_000)) {
  const iso = d.toISOString().slice(0, 10);
  const wd = d.getUTCDay();
  if (wd !== 0 && wd !== 6 && !HOLIDAYS_2021.has(iso)) WORKDAYS.push(iso);
}
const at = (dayIndex: number, minutes: number) => {
  const day = WORKDAYS[Math.min(dayIndex, WORKDAYS.length - 1)];
  const m = 7 * 60 + 30 + minutes;
  return `${day}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00+07:00`;
};
const cccd = (n: number) => `019${String(90000000 + n).padStart(9, '0')}`;
const PLACES = ['Quan Triều', 'Chùa Hang', 'Thịnh Đán', 'Linh Sơn', 'Huống Thượng', 'Quyết Thắng', 'Gia Sàng', 'Hương Sơn', 'Tân Cương', 'Tân Lập', 'Đồng Bẩm', 'Phan Đình Phùng'];
const TOPICS = ['bồi thường giải phóng mặt bằng', 'cấp giấy chứng nhận quyền sử dụng đất', 'trật tự xây dựng', 'tranh chấp ranh giới thửa đất', 'chế độ chính sách người có công', 'ô nhiễm môi trường', 'thu hồi đất dự án', 'hỗ trợ tái định cư'];
const summaryOf = (i: number, kind: string) =>
  `${kind} về ${TOPICS[i % TOPICS.length]} tại tổ ${1 + (i % 37)}, ${PLACES[(i * 7) % PLACES.length]}; hồ sơ số ${1000 + i}`;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await login(t.app, 'admin');
  const u = await call(t.app, admin, {
    method: 'POST',
    url: '/api/v1/units',
    payload: { code: '000.21.00.H55', name: 'Ủy ban nhân dân thành phố Thái Nguyên', kind: 'other', parentId: t.seed.units.get('000.00.00.H55'), validFrom: '2015-01-01', validTo: '2025-07-01', legalBasis: 'Đơn vị hành chính cấp huyện trước 01/07/2025' },
  });
  expect(u.statusCode, u.body).toBe(201);
  cityId = u.json().id;
  for (const [username, role] of [['tcd.tptn', 'reception_officer'], ['lanhdao.tptn', 'leader']] as const) {
    const r = await call(t.app, admin, { method: 'POST', url: '/api/v1/users', payload: { username, password: 'demo1234', fullName: username === 'tcd.tptn' ? 'Cán bộ tiếp dân TP' : 'Chủ tịch UBND TP', roles: [{ role, unitId: cityId }] } });
    expect(r.statusCode, r.body).toBe(201);
  }
  const id = async (name: string) => (await t.db.query('select id from users where username=$1', [name])).rows[0].id;
  officer = await actorOf(t.db, (await loadUser(t.db, await id('tcd.tptn')))!, null);
  leader = await actorOf(t.db, (await loadUser(t.db, await id('lanhdao.tptn')))!, null);
}, 120_000);
afterAll(async () => t?.close());

describe('TP Thái Nguyên 2021 (seed 000)', () => {
  it('loads the year as events and the report shows the article’s figures', { timeout: 600_000 }, async () => {
    const env = envFor(t.app.config.tenantId, t.app.config.protectedDataKey);
    const started = Date.now();
    // Leader sessions: 12 periodic (monthly, the Chairman) with 3 visits each, 2 ad-hoc with 5 each = 46.
    const sessions: { id: string; kind: 'periodic' | 'ad_hoc'; day: number; visits: number }[] = [];
    await t.db.tx(async (tx) => {
      for (let m = 0; m < 12; m++) {
        const day = WORKDAYS.findIndex((d) => Number(d.slice(5, 7)) === m + 1) + 10;
        const s = await createSession(tx, env, leader, { unitId: cityId, kind: 'periodic', leaderName: 'Chủ tịch UBND thành phố', leaderTitle: 'Chủ tịch', scheduledOn: WORKDAYS[day], at: at(day - 10, 0) });
        sessions.push({ id: s.id, kind: 'periodic', day, visits: 3 });
      }
      for (const day of [60, 180]) {
        const s = await createSession(tx, env, leader, { unitId: cityId, kind: 'ad_hoc', leaderName: 'Chủ tịch UBND thành phố', leaderTitle: 'Chủ tịch', scheduledOn: WORKDAYS[day], at: at(day - 1, 0) });
        sessions.push({ id: s.id, kind: 'ad_hoc', day, visits: 5 });
      }
      // The 12 sessions of the Provincial Party Secretary and Chairman that the city supported.
      for (let m = 0; m < 12; m++) {
        const s = await createSession(tx, env, leader, { unitId: cityId, kind: 'periodic', roleOfUnit: 'supporting', leaderName: 'Chủ tịch UBND tỉnh', leaderTitle: 'Chủ tịch UBND tỉnh', scheduledOn: WORKDAYS[m * 20 + 5], at: at(m * 20, 0) });
        await sessionAction(tx, env, leader, s.id, 'hold', { version: 1, at: at(m * 20 + 5, 120) });
      }
    });
    let person = 0;
    for (const s of sessions) {
      await t.db.tx(async (tx) => {
        for (let k = 0; k < s.visits; k++) {
          person += 1;
          await recordVisit(tx, env, leader, {
            unitId: cityId,
            kind: s.kind,
            sessionId: s.id,
            receivedAt: at(s.day, 30 + k * 20),
            visitor: { name: `Công dân ${person}`, idKind: 'cccd', idNo: cccd(person), address: `Tổ ${person % 30}, phường ${PLACES[person % PLACES.length]}` },
            hearing: { contentSummary: summaryOf(person, 'Kiến nghị'), contentType: 'petition', withinCompetence: true },
          });
        }
        await sessionAction(tx, env, leader, s.id, 'hold', { version: 1, at: at(s.day, 240) });
      });
    }
    // 544 regular visits over the year.
    for (let batch = 0; batch < 544; batch += 68) {
      await t.db.tx(async (tx) => {
        for (let k = batch; k < Math.min(544, batch + 68); k++) {
          person += 1;
          await recordVisit(tx, env, officer, {
            unitId: cityId,
            kind: 'regular',
            receivedAt: at(Math.floor((k * WORKDAYS.length) / 544), (k % 4) * 45),
            visitor: { name: `Công dân ${person}`, idKind: 'cccd', idNo: cccd(person), address: `Tổ ${person % 30}, phường ${PLACES[person % PLACES.length]}` },
            hearing: { contentSummary: summaryOf(person, k % 3 === 0 ? 'Khiếu nại' : 'Kiến nghị'), contentType: k % 3 === 0 ? 'complaint' : 'petition' },
          });
        }
      });
    }
    const afterVisits = Date.now();

    // 1,029 letters: 712 outside competence (transferred), 317 within (cases; 290 resolved, 27 under verification).
    const CHECKS = { vietnamese: true, dated: true, named: true, addressed: true, signed: true, namesRespondent: true, statesContent: true, statesReasons: true, statesRequest: true, namesViolation: true };
    const TYPES = ['complaint', 'petition', 'denunciation', 'feedback'] as const;
    const SOURCES = ['post', 'direct_drop', 'online', 'forwarded'] as const;
    let resolvedLeft = 290;
    // Deterministic split: letters 0..316 within competence, 317..1028 outside.
    for (let batch = 0; batch < 1029; batch += 49) {
      await t.db.tx(async (tx) => {
        for (let i = batch; i < Math.min(1029, batch + 49); i++) {
          const within = i < 317;
          const type = TYPES[i % TYPES.length];
          const source = SOURCES[i % SOURCES.length];
          const day = within ? Math.floor((i * (WORKDAYS.length - 40)) / 317) : Math.floor(((i - 317) * (WORKDAYS.length - 3)) / 712);
          person += 1;
          const l = await receiveLetter(tx, env, officer, {
            unitId: cityId,
            source,
            receivedAt: at(day, 10 + (i % 5) * 30),
            forwarder: source === 'forwarded' ? { kind: 'na_delegation', name: 'Đoàn đại biểu Quốc hội tỉnh', docNo: `${i}/ĐĐBQH` } : undefined,
            sender: { name: `Người gửi ${person}`, idNo: cccd(person), address: `Tổ ${i % 40}, phường ${PLACES[i % PLACES.length]}` },
            contentType: type,
            summary: summaryOf(i, type === 'complaint' ? 'Khiếu nại' : type === 'denunciation' ? 'Tố cáo' : 'Kiến nghị'),
          });
          const cl = await runLetterAction(tx, env, officer, l.id, 'classify', {
            version: 1,
            at: at(day + 1, 0),
            formChecks: CHECKS,
            competence: within ? 'own' : 'not_own',
            competentBody: within ? undefined : 'UBND tỉnh Thái Nguyên',
            competentSystem: 'administration',
          });
          expect(cl.letter.eligibility).toBe('eligible');
          if (!within) {
            await runLetterAction(tx, env, officer, l.id, 'transfer', { version: 2, at: at(day + 2, 0), to: 'Sở Tài nguyên và Môi trường tỉnh Thái Nguyên', docNo: `${i}/PC` });
            continue;
          }
          await runLetterAction(tx, env, officer, l.id, 'propose_accept', { version: 2, at: at(day + 2, 0) });
          const oc = await runLetterAction(tx, env, leader, l.id, 'open_case', { version: 3, at: at(day + 3, 0), acceptanceDocNo: `${i}/TB-UBND` });
          const caseId = oc.extra.case && (oc.extra.case as any).id;
          await runCaseAction(tx, env, leader, caseId, 'start_verification', { version: 1, at: at(day + 5, 0) });
          if (i >= 27 && resolvedLeft > 0) {
            resolvedLeft -= 1;
            const act = type === 'complaint' ? 'decide' : type === 'denunciation' ? 'conclude' : 'answer';
            const body = act === 'decide' ? { decisionNo: `${i}/QĐ`, result: 'rejected' } : act === 'conclude' ? { conclusionNo: `${i}/KL`, result: 'false' } : { docNo: `${i}/TL` };
            await runCaseAction(tx, env, leader, caseId, act, { version: 2, at: at(day + 20 + (i % 15), 0), ...body });
          }
        }
      });
    }
    const loaded = Date.now();
    console.log(`loaded visits in ${afterVisits - started} ms, letters in ${loaded - afterVisits} ms`);

    const token = await login(t.app, 'lanhdao.tptn');
    const r = await call(t.app, token, { method: 'GET', url: `/api/v1/reports/letters?unit=${cityId}&from=2021-01-01&to=2021-12-31` });
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json();
    expect(rep.reception.visits).toBe(590);
    expect(rep.reception.regular).toBe(544);
    expect(rep.reception.leaders).toBe(46);
    expect(rep.reception.people).toBe(590);
    expect(rep.sessions.supporting).toBe(12);
    expect(rep.letters.received).toBe(1029);
    expect(rep.letters.notWithinCompetence).toBe(712);
    expect(rep.letters.transferred).toBe(712);
    expect(rep.letters.withinCompetence).toBe(317);
    expect(rep.letters.resolved).toBe(290);
    expect(rep.letters.underVerification).toBe(27);
    expect(rep.rates.resolved).toEqual({ numerator: 290, denominator: 317, percent: 91.5 });
    expect(rep.rates.underVerification).toEqual({ numerator: 27, denominator: 317, percent: 8.5 });
    expect(rep.rates.handled).toEqual({ numerator: 1029, denominator: 1029, percent: 100 });
    const overdue = rep.overdueByUnit.find((o: any) => o.unitId === cityId)?.count ?? 0;
    expect(overdue).toBe(27);

    const drill = await call(t.app, token, { method: 'GET', url: `/api/v1/reports/letters/drill?unit=${cityId}&from=2021-01-01&to=2021-12-31&figure=underVerification` });
    expect(drill.json().count).toBe(27);

    const x = await call(t.app, token, { method: 'GET', url: `/api/v1/reports/letters.xlsx?unit=${cityId}&from=2021-01-01&to=2021-12-31` });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    const ws = wb.worksheets[0];
    const rows: any[] = [];
    ws.eachRow((row) => rows.push(row.values));
    const resolvedRow = rows.find((v) => v[1] === 'Đã giải quyết xong');
    expect(resolvedRow.slice(2, 6)).toEqual([290, 290, 317, 91.5]);
    const visitsRow = rows.find((v) => v[1] === 'Số lượt tiếp công dân');
    expect(visitsRow[2]).toBe(590);
  });
});
