/**
 * The read-only staff pickers of the letters pages: whom a case may be assigned to
 * (GET /cases/:id/assignable-users) and whom an instruction of a conclusion notice may be given to
 * (GET /receptions/sessions/:id/assignable-users); only for those who may assign, never listing
 * the denounced person, and answering no contact data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/testApp.js';
import { localDateOf } from '../../../src/core/calendar/index.js';
import { as, createLetterUsers, U } from './helpers.js';

let t: TestApp;
const unit = (c: string) => t.seed.units.get(c)!;
const userId = async (name: string) => (await t.db.query('select id from users where username=$1', [name])).rows[0].id as string;
const CHECKS = { vietnamese: true, dated: true, named: true, addressed: true, signed: true, namesRespondent: true, statesContent: true, statesReasons: true, statesRequest: true, namesViolation: true };
function ok(r: { statusCode: number; body: string; json: () => any }, status = 200) {
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}

beforeAll(async () => {
  t = await createTestApp();
  await createLetterUsers(t);
});
afterAll(async () => t?.close());

describe('assignable users', () => {
  it('lists the staff a case may be assigned to, for those who may assign only, without the denounced person', async () => {
    const officer = await as(t.app, 'tiepcongdan');
    const leader = await as(t.app, 'lanhdao.bantcd');
    const l = ok(
      await officer.post('/api/v1/letters', {
        unitId: unit(U.banTcd),
        source: 'post',
        sender: { name: 'Đào Văn Chọn', idNo: '019080003333', address: 'Tổ 2' },
        respondent: { name: 'Cán bộ Ban', userId: await userId('tcd.bantcd2') },
        contentType: 'denunciation',
        summary: 'Tố cáo cán bộ Ban tiếp công dân gây phiền hà',
      }),
      201,
    );
    const cl = ok(await officer.post(`/api/v1/letters/${l.id}/classify`, { version: l.version, formChecks: CHECKS, competence: 'own', competentSystem: 'administration' }));
    const pr = ok(await officer.post(`/api/v1/letters/${l.id}/propose-accept`, { version: cl.version }));
    const oc = ok(await leader.post(`/api/v1/letters/${l.id}/open-case`, { version: pr.version, acceptanceDocNo: '7/TB-BTCD' }));
    const caseId = oc.case.id as string;

    const r = ok(await leader.get(`/api/v1/cases/${caseId}/assignable-users`));
    const names = r.items.map((u: any) => u.fullName);
    // The provincial inspectorate (a sibling unit under the province) and the board's own staff.
    const inspector = r.items.find((u: any) => u.fullName === 'Hoàng Đức Thắng');
    expect(inspector).toMatchObject({ role: 'inspector', unitId: unit(U.thanhTra) });
    expect(names).toContain('Phạm Thu Trang');
    // The denounced officer (barred from the case) is never offered; no contact data is answered.
    const barred = await userId('tcd.bantcd2');
    expect(r.items.some((u: any) => u.id === barred)).toBe(false);
    expect(Object.keys(r.items[0]).sort()).toEqual(['fullName', 'id', 'role', 'title', 'unitId', 'unitName']);
    // Administrators and citizens are no staff of the capability; a search narrows the list.
    expect(r.items.some((u: any) => u.fullName === 'Quản trị hệ thống')).toBe(false);
    const found = ok(await leader.get(`/api/v1/cases/${caseId}/assignable-users?q=${encodeURIComponent('hoang duc')}`));
    expect(found.items.map((u: any) => u.fullName)).toEqual(['Hoàng Đức Thắng']);

    // The picked inspector is assigned through the action route.
    const c0 = ok(await leader.get(`/api/v1/cases/${caseId}`));
    ok(await leader.post(`/api/v1/cases/${caseId}/assign`, { version: c0.version, userId: inspector.id, role: 'verifier' }));

    // Who may not assign: the verifier sees the case but not the picker (403); the officer and a
    // leader of another unit do not see the case (404); the supervisor reads only (403).
    expect((await (await as(t.app, 'thanhtra')).get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await (await as(t.app, 'thanhtra')).get(`/api/v1/cases/${caseId}/assignable-users`)).statusCode).toBe(403);
    expect((await officer.get(`/api/v1/cases/${caseId}/assignable-users`)).statusCode).toBe(404);
    expect((await (await as(t.app, 'lanhdao.pdp')).get(`/api/v1/cases/${caseId}/assignable-users`)).statusCode).toBe(404);
    expect((await (await as(t.app, 'giamsat')).get(`/api/v1/cases/${caseId}/assignable-users`)).statusCode).toBe(403);
    expect((await (await as(t.app, null)).get(`/api/v1/cases/${caseId}/assignable-users`)).statusCode).toBe(401);
  });

  it('lists the staff of a unit to whom an instruction of a session may be given, for the leaders of the session unit', async () => {
    const leader = await as(t.app, 'lanhdao.pdp');
    const s = ok(
      await leader.post('/api/v1/receptions/sessions', { unitId: unit(U.phuongPdp), kind: 'periodic', leaderName: 'Bùi Văn Long', leaderTitle: 'Chủ tịch UBND phường', scheduledOn: localDateOf(new Date()) }),
      201,
    );
    const r = ok(await leader.get(`/api/v1/receptions/sessions/${s.id}/assignable-users?unitId=${unit(U.phuongPdp)}`));
    expect(r.items.map((u: any) => u.fullName)).toEqual(expect.arrayContaining(['Lý Thị Hạnh', 'Kiều Văn Tín']));
    expect(r.items.every((u: any) => u.unitId === unit(U.phuongPdp))).toBe(true);
    expect((await leader.get(`/api/v1/receptions/sessions/${s.id}/assignable-users`)).statusCode).toBe(400);
    // A reception officer of the unit sees the session but does not issue the notice.
    expect((await (await as(t.app, 'tcd.pdp')).get(`/api/v1/receptions/sessions/${s.id}/assignable-users?unitId=${unit(U.phuongPdp)}`)).statusCode).toBe(403);
    expect((await (await as(t.app, 'lanhdao.giasang')).get(`/api/v1/receptions/sessions/${s.id}/assignable-users?unitId=${unit(U.phuongPdp)}`)).statusCode).toBe(404);
  });
});
