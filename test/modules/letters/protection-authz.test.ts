/**
 * Protection of denouncers (detail, list, search, export, forms, register; audited reads;
 * break-glass; the denounced person barred), the authorisation matrix (roles × route families,
 * including another unit's records) and bad input on every write route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../helpers/testApp.js';
import { databaseKind } from '../../helpers/testDb.js';
import { as, createLetterUsers, daysAgo, U } from './helpers.js';

let t: TestApp;
const unit = (c: string) => t.seed.units.get(c)!;
const userId = async (name: string) => (await t.db.query('select id from users where username=$1', [name])).rows[0].id as string;
const CHECKS = { vietnamese: true, dated: true, named: true, addressed: true, signed: true, namesRespondent: true, statesContent: true, statesReasons: true, statesRequest: true, namesViolation: true };
const DENOUNCER = { name: 'Phạm Quốc Việt', idNo: '019087009999', address: 'Số 7 ngõ 12, phường Gia Sàng', phone: '0988111222', email: 'viet.pham@example.vn' };

beforeAll(async () => {
  t = await createTestApp();
  await createLetterUsers(t);
});
afterAll(async () => t?.close());

async function cellsOf(buf: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? '')))));
  return out;
}

describe('a transferred denunciation keeps its denouncer hidden', () => {
  let letterId: string;
  it('stores the identity encrypted, redacts the text, bars the denounced user, and transfers once', async () => {
    const officer = await as(t.app, 'tiepcongdan');
    const r = await officer.post('/api/v1/letters', {
      unitId: unit(U.banTcd),
      source: 'post',
      receivedAt: daysAgo(5),
      sender: DENOUNCER,
      respondent: { name: 'Vương Đình Huệ', unit: 'Ban Tiếp công dân tỉnh' },
      contentType: 'denunciation',
      summary: 'Tôi là Phạm Quốc Việt (ĐT 0988111222) tố cáo ông Vương Đình Huệ nhận tiền của công dân để ưu tiên tiếp',
    });
    expect(r.statusCode, r.body).toBe(201);
    const l = r.json();
    letterId = l.id;
    expect(l.protected).toBe(true);
    expect(l.senderName).toBe('[được bảo vệ]');
    expect(l.senderIdNo).toBe('[được bảo vệ]');
    expect(l.senderPhone).toBe('[được bảo vệ]');
    expect(l.protectedLabel).toBe('Người tố cáo: [được bảo vệ]');
    expect(l.summary).not.toMatch(/Phạm Quốc Việt|0988111222/);
    expect(l.summary).toMatch(/Vương Đình Huệ/);
    // Nothing identifying in the letters table.
    const raw = (await t.db.query('select * from letters where id=$1', [letterId])).rows[0];
    expect(JSON.stringify(raw)).not.toMatch(/Phạm Quốc Việt|019087009999|0988111222|viet\.pham/);
    const idn = (await t.db.query('select * from protected_identities where id=$1', [raw.identity_id])).rows[0];
    expect(idn.name_enc).toMatch(/^v1\./);
    expect(JSON.stringify(idn)).not.toMatch(/Phạm|019087009999/);
    expect(raw.barred_user_ids).toEqual([await userId('lanhdao.bantcd')]);

    const cl = await officer.post(`/api/v1/letters/${letterId}/classify`, { version: l.version, formChecks: CHECKS, competence: 'not_own', competentBody: 'Chủ tịch UBND tỉnh', competentSystem: 'administration' });
    expect(cl.statusCode, cl.body).toBe(200);
    const tr = await officer.post(`/api/v1/letters/${letterId}/transfer`, { version: cl.json().version, to: 'Chủ tịch UBND tỉnh Thái Nguyên', docNo: '45/PC-BTCD' });
    expect(tr.statusCode, tr.body).toBe(200);
    expect(tr.json().status).toBe('transferred');

    // The same denunciation again, from the same person: shown as a duplicate, and not transferred twice.
    const again = await officer.post('/api/v1/letters', {
      unitId: unit(U.banTcd),
      source: 'direct_drop',
      sender: { ...DENOUNCER, idNo: '019 087 009 999' },
      respondent: { name: 'Vương Đình Huệ', unit: 'Ban Tiếp công dân tỉnh' },
      contentType: 'denunciation',
      summary: 'Tố cáo ông Vương Đình Huệ nhận tiền của công dân để được ưu tiên tiếp (gửi lại)',
    });
    expect(again.statusCode, again.body).toBe(201);
    const dup = again.json();
    expect(dup.duplicates.map((d: any) => d.letterId)).toContain(letterId);
    expect(dup.duplicates[0]).toMatchObject({ samePerson: true, sameRespondent: true, outcome: 'transfer' });
    const cl2 = await officer.post(`/api/v1/letters/${dup.id}/classify`, { version: dup.version, formChecks: CHECKS, competence: 'not_own', competentBody: 'Chủ tịch UBND tỉnh', competentSystem: 'administration' });
    expect(cl2.json().suggestion).toMatchObject({ action: 'archive', reason: 'already_transferred', reasonLabel: { vi: 'Đơn tố cáo đã được chuyển một lần' } });
    expect(cl2.json().allowedActions.map((a: any) => a.action)).not.toContain('transfer');
    const tr2 = await officer.post(`/api/v1/letters/${dup.id}/transfer`, { version: cl2.json().version, to: 'Chủ tịch UBND tỉnh' });
    expect(tr2.statusCode).toBe(409);
    expect(tr2.json().error.code).toBe('denunciation_already_transferred');
    expect(tr2.json().error.messageVi).toContain(l.code);
    const ar = await officer.post(`/api/v1/letters/${dup.id}/archive`, { version: cl2.json().version, reason: 'already_transferred', relatedLetterId: letterId });
    expect(ar.statusCode, ar.body).toBe(200);
  });

  it('hides the denouncer from users who are not entitled: detail, list, search, export, forms', async () => {
    for (const who of ['giamsat', 'tcd.bantcd2']) {
      const u = await as(t.app, who);
      const d = await u.get(`/api/v1/letters/${letterId}`);
      expect(d.statusCode, who).toBe(200);
      expect(JSON.stringify(d.json())).not.toMatch(/Phạm Quốc Việt|019087009999|0988111222|viet\.pham/);
      const list = await u.get('/api/v1/letters?contentType=denunciation');
      const item = list.json().items.find((x: any) => x.id === letterId);
      expect(item.senderName).toBe('[được bảo vệ]');
      expect((await u.get(`/api/v1/letters?q=${encodeURIComponent('Phạm Quốc Việt')}`)).json().total).toBe(0);
      expect((await u.get('/api/v1/letters?q=019087009999')).json().total).toBe(0);
      expect((await u.get(`/api/v1/letters?q=${encodeURIComponent('Vương Đình Huệ')}`)).json().total).toBe(2);
      const x = await u.get('/api/v1/letters/export.xlsx');
      expect(x.statusCode).toBe(200);
      const cells = await cellsOf(x.rawPayload);
      expect(cells.join('|')).not.toMatch(/Phạm Quốc Việt|019087009999/);
      expect(cells).toContain('[được bảo vệ]');
      const f = await u.get(`/api/v1/letters/${letterId}/forms/transfer`);
      expect(f.statusCode, f.body).toBe(200);
      expect(f.json().code).toBe('Mẫu 03');
      expect(f.json().fields.find((y: any) => y.ref === 'sender.name').value).toBe('[được bảo vệ]');
      const doc = await u.get(`/api/v1/letters/${letterId}/forms/transfer/document`);
      expect(doc.statusCode, doc.body).toBe(200);
      expect(doc.body).toContain('[được bảo vệ]');
      expect(doc.body).not.toMatch(/Phạm Quốc Việt|019087009999/);
      const rv = await u.get(`/api/v1/letters/${letterId}/denouncer?purpose=${encodeURIComponent('Kiểm tra hồ sơ chuyển đơn')}`);
      expect(rv.statusCode, who).toBe(403);
    }
    const denied = (await t.db.query(`select * from audit_log where action='protected.denied' and entity_id=$1`, [letterId])).rows;
    expect(denied).toHaveLength(2);
    // The denounced person (a user) sees nothing of it.
    const barred = await as(t.app, 'lanhdao.bantcd');
    expect((await barred.get(`/api/v1/letters/${letterId}`)).statusCode).toBe(404);
    expect((await barred.get('/api/v1/letters')).json().items.map((x: any) => x.id)).not.toContain(letterId);
    expect((await barred.get(`/api/v1/letters/${letterId}/denouncer?purpose=${encodeURIComponent('Tôi muốn biết ai tố cáo')}`)).statusCode).toBe(404);
  });

  it('shows it to the entitled officer with a purpose, and audits every field read with who, purpose and address', async () => {
    const officer = await as(t.app, 'tiepcongdan');
    const short = await officer.get(`/api/v1/letters/${letterId}/denouncer?purpose=xem`);
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].field).toBe('purpose');
    const r = await officer.get(`/api/v1/letters/${letterId}/denouncer?purpose=${encodeURIComponent('Xác minh nhân thân người tố cáo')}&fields=name,idNo`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().identity).toEqual({ name: 'Phạm Quốc Việt', idNo: '019087009999' });
    const rows = (await t.db.query(`select * from audit_log where action='protected.read' and entity_id=$1 order by id`, [letterId])).rows;
    expect(rows.map((x: any) => x.data.field)).toEqual(['name', 'idNo']);
    expect(rows[0].actor_id).toBe(await userId('tiepcongdan'));
    expect(rows[0].reason).toBe('Xác minh nhân thân người tố cáo');
    expect(rows[0].ip).toBeTruthy();
    expect(rows[0].data.letterId).toBe(letterId);
    // The log cannot be edited (on PGlite a raised trigger error ends the embedded session, so the
    // attempt itself runs on PostgreSQL only; the trigger is checked on both).
    const trig = (await t.db.query(`select tgname from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal`)).rows.map((x: any) => x.tgname);
    expect(trig).toContain('audit_log_append_only');
    if (databaseKind() === 'postgres') await expect(t.db.query('delete from audit_log where id=$1', [rows[0].id])).rejects.toThrow(/append-only/);
  });

  it('break-glass by a supervisor needs a reason, is audited and leaves an event for supervisors', async () => {
    const sup = await as(t.app, 'giamsat');
    const r = await sup.get(`/api/v1/letters/${letterId}/denouncer?breakGlass=true&fields=name&purpose=${encodeURIComponent('Khẩn cấp: bảo vệ tính mạng người tố cáo theo đề nghị của công an')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().identity.name).toBe('Phạm Quốc Việt');
    expect((await t.db.query(`select count(*)::int n from audit_log where action='protected.read.break_glass' and entity_id=$1`, [letterId])).rows[0].n).toBe(1);
    const ev = (await sup.get(`/api/v1/letters/${letterId}`)).json().events.map((e: any) => e.action);
    expect(ev).toContain('protected_break_glass');
    // A leader of the unit is not a supervisor: no break-glass.
    const other = await as(t.app, 'tcd.bantcd2');
    expect((await other.get(`/api/v1/letters/${letterId}/denouncer?breakGlass=true&purpose=${encodeURIComponent('Khẩn cấp không có thẩm quyền')}`)).statusCode).toBe(403);
  });

  it('bars a denounced user from the case, refuses to assign them, and keeps the identity for the assigned resolver', async () => {
    const officer = await as(t.app, 'tcd.pdp');
    const leader = await as(t.app, 'lanhdao.pdp');
    const l = (
      await officer.post('/api/v1/letters', {
        unitId: unit(U.phuongPdp),
        source: 'direct_drop',
        sender: { name: 'Lương Thị Thảo', idNo: '019195004444', address: 'Tổ 9, phường Phan Đình Phùng' },
        respondent: { name: 'Kiều Văn Tín', unit: 'UBND phường Phan Đình Phùng' },
        contentType: 'denunciation',
        summary: 'Tố cáo ông Kiều Văn Tín, công chức phường, làm sai lệch hồ sơ đất đai của hộ gia đình',
      })
    ).json();
    const cl = await officer.post(`/api/v1/letters/${l.id}/classify`, { version: l.version, formChecks: CHECKS, competence: 'own', competentSystem: 'administration' });
    const pr = await officer.post(`/api/v1/letters/${l.id}/propose-accept`, { version: cl.json().version });
    const bad = await leader.post(`/api/v1/letters/${l.id}/open-case`, { version: pr.json().version, acceptanceDocNo: '3/QĐ-UBND', verifierUserIds: [await userId('thanhtra.pdp')] });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.code).toBe('assignee_excluded');
    const ok = await leader.post(`/api/v1/letters/${l.id}/open-case`, { version: pr.json().version, acceptanceDocNo: '3/QĐ-UBND', verifierUserIds: [await userId('chuyenvien.pdp')] });
    expect(ok.statusCode, ok.body).toBe(200);
    const caseId = ok.json().case.id;
    const barred = await as(t.app, 'thanhtra.pdp');
    expect((await barred.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await barred.get('/api/v1/cases')).json().items.map((c: any) => c.id)).not.toContain(caseId);
    expect((await barred.get(`/api/v1/letters/${l.id}`)).statusCode).toBe(404);
    const c = (await leader.get(`/api/v1/cases/${caseId}`)).json();
    expect(c.denouncer).toBe('[được bảo vệ]');
    const asg = await leader.post(`/api/v1/cases/${caseId}/assign`, { version: c.version, userId: await userId('thanhtra.pdp'), role: 'inspector' });
    expect(asg.statusCode).toBe(409);
    // The assigned verifier (a specialist) works on it; a reception officer of the unit does not see the case.
    const verifier = await as(t.app, 'chuyenvien.pdp');
    expect((await verifier.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    const rv = await leader.get(`/api/v1/cases/${caseId}/denouncer?purpose=${encodeURIComponent('Mời người tố cáo cung cấp chứng cứ')}`);
    expect(rv.statusCode, rv.body).toBe(200);
    expect(rv.json().identity.name).toBe('Lương Thị Thảo');
    expect((await officer.get(`/api/v1/cases/${caseId}/denouncer?purpose=${encodeURIComponent('Tò mò muốn xem thử')}`)).statusCode).toBe(404);
    const notice = await leader.get(`/api/v1/cases/${caseId}/forms/notice_to_respondent`);
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.json().audience).toBe('respondent');
    expect(JSON.stringify(notice.json())).not.toMatch(/Lương Thị Thảo|019195004444/);
  });

  it('a denouncer received at reception is hidden in the register', async () => {
    const officer = await as(t.app, 'tcd.pdp');
    const v = await officer.post('/api/v1/receptions', {
      unitId: unit(U.phuongPdp),
      kind: 'regular',
      visitor: { name: 'Đào Văn Khởi', idNo: '019080007777', address: 'Tổ 1, phường Phan Đình Phùng' },
      hearing: { contentSummary: 'Tố cáo cán bộ địa chính phường nhận tiền', contentType: 'denunciation' },
    });
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json().visitorName).toBe('[được bảo vệ]');
    const year = new Date().getFullYear();
    const reg = (await officer.get(`/api/v1/receptions/register?unitId=${unit(U.phuongPdp)}&year=${year}`)).json();
    const row = reg.rows.find((x: any) => x.visitId === v.json().id);
    expect(row.nameAddress).toBe('[được bảo vệ]');
    expect(row.idNo).toBe('[được bảo vệ]');
    const x = await officer.get(`/api/v1/receptions/register.xlsx?unitId=${unit(U.phuongPdp)}&year=${year}`);
    expect((await cellsOf(x.rawPayload)).join('|')).not.toMatch(/Đào Văn Khởi|019080007777/);
    // The printed register (Mẫu 03/TCD, A4 landscape) and its PDF carry the same masked rows.
    const doc = await officer.get(`/api/v1/receptions/register/document?unitId=${unit(U.phuongPdp)}&year=${year}`);
    expect(doc.statusCode, doc.body).toBe(200);
    const d = doc.json();
    expect(d).toMatchObject({ formNumber: 'Mẫu 03/TCD', title: 'Sổ tiếp công dân', paper: 'A4', orientation: 'landscape' });
    const table = d.blocks.find((b: any) => b.type === 'table');
    expect(table.columns).toHaveLength(13);
    expect(table.rows[0]).toEqual(Array.from({ length: 13 }, (_, i) => `(${i + 1})`));
    expect(table.rows.slice(1).map((r: string[]) => Number(r[0]))).toEqual(reg.rows.map((r: any) => r.no));
    const printed = table.rows.find((r: string[]) => r[0] === String(row.no));
    expect(printed.slice(2, 5)).toEqual(['[được bảo vệ]', '[được bảo vệ]', 'Tố cáo cán bộ địa chính phường nhận tiền']);
    expect(doc.body).not.toMatch(/Đào Văn Khởi|019080007777/);
    const pdf = await officer.get(`/api/v1/receptions/register.pdf?unitId=${unit(U.phuongPdp)}&year=${year}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Another unit's officer gets none of it.
    expect((await (await as(t.app, 'tcd.giasang')).get(`/api/v1/receptions/register.pdf?unitId=${unit(U.phuongPdp)}&year=${year}`)).statusCode).toBe(403);
    expect((await officer.get(`/api/v1/receptions?q=${encodeURIComponent('Đào Văn Khởi')}`)).json().total).toBe(0);
    const rv = await officer.get(`/api/v1/receptions/${v.json().id}/visitor?purpose=${encodeURIComponent('Lập biên bản làm việc với người tố cáo')}`);
    expect(rv.statusCode, rv.body).toBe(200);
    expect(rv.json().identity.name).toBe('Đào Văn Khởi');
  });
});

describe('authorisation matrix', () => {
  it('gives each role exactly its access to receptions, letters, cases, reports and the register, and nothing of another unit', async () => {
    const officer = await as(t.app, 'tcd.pdp');
    const leader = await as(t.app, 'lanhdao.pdp');
    const v = (await officer.post('/api/v1/receptions', { unitId: unit(U.phuongPdp), kind: 'regular', visitor: { name: 'Chu Văn Ma Trận', address: 'Tổ 2' }, hearing: { contentSummary: 'Kiến nghị về đèn đường', contentType: 'petition' } })).json();
    const l = (await officer.post('/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'post', sender: { name: 'Chu Văn Ma Trận', address: 'Tổ 2' }, contentType: 'complaint', summary: 'Khiếu nại về việc xử phạt vi phạm hành chính của phường' })).json();
    const cl = (await officer.post(`/api/v1/letters/${l.id}/classify`, { version: l.version, formChecks: CHECKS, competence: 'own', competentSystem: 'administration' })).json();
    const pr = (await officer.post(`/api/v1/letters/${l.id}/propose-accept`, { version: cl.version })).json();
    const oc = (await leader.post(`/api/v1/letters/${l.id}/open-case`, { version: pr.version, acceptanceDocNo: '8/TB' })).json();
    const caseId = oc.case.id;
    const letter2 = (await officer.post('/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'post', sender: { name: 'Hà Văn Hai' }, contentType: 'petition', summary: 'Kiến nghị sửa chữa đường ngõ 5' })).json();
    const year = new Date().getFullYear();
    const routes = {
      visitList: () => `/api/v1/receptions?unitId=${unit(U.phuongPdp)}`,
      visit: () => `/api/v1/receptions/${v.id}`,
      letter: () => `/api/v1/letters/${l.id}`,
      case: () => `/api/v1/cases/${caseId}`,
      report: () => `/api/v1/reports/letters?unit=${unit(U.phuongPdp)}&from=${year}-01-01&to=${year}-12-31`,
      register: () => `/api/v1/receptions/register?unitId=${unit(U.phuongPdp)}&year=${year}`,
      letterPdf: () => `/api/v1/letters/${l.id}/forms/propose_accept/pdf`,
    };
    // Expected status per user for each GET (404 = the record is invisible to them).
    const matrix: Record<string, [number, number, number, number, number, number, number]> = {
      //                visitList visit letter case report register letterPdf
      'tcd.pdp': [200, 200, 200, 404, 200, 200, 200],
      'lanhdao.pdp': [200, 200, 200, 200, 200, 200, 200],
      'thanhtra.pdp': [200, 404, 200, 200, 200, 403, 200],
      giamsat: [200, 200, 200, 200, 200, 200, 200],
      tiepcongdan: [200, 404, 404, 404, 403, 403, 404],
      'tcd.giasang': [200, 404, 404, 404, 403, 403, 404],
      admin: [403, 403, 403, 403, 403, 403, 403],
      chuyenvien: [403, 403, 403, 403, 403, 403, 403],
      congdan1: [403, 403, 404, 403, 403, 403, 403],
    };
    for (const [who, expected] of Object.entries(matrix)) {
      const u = await as(t.app, who);
      const got = [];
      for (const k of Object.keys(routes) as (keyof typeof routes)[]) got.push((await u.get(routes[k]())).statusCode);
      expect(got, who).toEqual(expected);
    }
    const anon = await as(t.app, null);
    for (const k of Object.keys(routes) as (keyof typeof routes)[]) expect((await anon.get(routes[k]())).statusCode, k).toBe(401);
    expect((await anon.get('/api/v1/reception-schedule')).statusCode).toBe(200);
    // Lists are scoped in SQL: another unit's officer and the inspector (for receptions) see none of it.
    expect((await (await as(t.app, 'tcd.giasang')).get('/api/v1/letters')).json().items.map((x: any) => x.id)).not.toContain(l.id);
    expect((await (await as(t.app, 'tcd.giasang')).get('/api/v1/receptions')).json().items.map((x: any) => x.id)).not.toContain(v.id);
    expect((await (await as(t.app, 'thanhtra.pdp')).get('/api/v1/letters')).json().items.map((x: any) => x.id)).toEqual([l.id]);
    expect((await (await as(t.app, 'congdan1')).get('/api/v1/letters')).json()).toEqual({ total: 0, items: [] });

    // Writes: who may act on the letter (a fresh one in 'received').
    const classify = (u: Awaited<ReturnType<typeof as>>) => u.post(`/api/v1/letters/${letter2.id}/classify`, { version: letter2.version, formChecks: CHECKS, competence: 'own', competentSystem: 'administration' });
    expect((await classify(await as(t.app, 'giamsat'))).statusCode).toBe(403);
    expect((await classify(await as(t.app, 'thanhtra.pdp'))).statusCode).toBe(404);
    expect((await classify(await as(t.app, 'tcd.giasang'))).statusCode).toBe(404);
    expect((await classify(await as(t.app, 'admin'))).statusCode).toBe(403);
    expect((await classify(await as(t.app, 'congdan1'))).statusCode).toBe(403);
    expect((await classify(await as(t.app, null))).statusCode).toBe(401);
    expect((await classify(officer)).statusCode).toBe(200);
    // Who may act on the case: the leader resolves, the unit's inspector verifies, the supervisor only reads.
    const c = (await leader.get(`/api/v1/cases/${caseId}`)).json();
    const verify = (u: Awaited<ReturnType<typeof as>>) => u.post(`/api/v1/cases/${caseId}/start-verification`, { version: c.version });
    expect((await verify(await as(t.app, 'giamsat'))).statusCode).toBe(403);
    expect((await verify(officer)).statusCode).toBe(404);
    expect((await verify(await as(t.app, 'lanhdao.giasang'))).statusCode).toBe(404);
    expect((await verify(await as(t.app, 'thanhtra.pdp'))).statusCode).toBe(200);
    const c2 = (await leader.get(`/api/v1/cases/${caseId}`)).json();
    expect((await (await as(t.app, 'thanhtra.pdp')).post(`/api/v1/cases/${caseId}/decide`, { version: c2.version, decisionNo: '1/QĐ', result: 'upheld' })).statusCode).toBe(403);
    // Creating a visit or a session only in one's own scope.
    const visitBody = { unitId: unit(U.phuongPdp), kind: 'regular', visitor: { name: 'Ai Đó' } };
    expect((await (await as(t.app, 'tcd.giasang')).post('/api/v1/receptions', visitBody)).statusCode).toBe(403);
    expect((await (await as(t.app, 'giamsat')).post('/api/v1/receptions', visitBody)).statusCode).toBe(403);
    expect((await (await as(t.app, 'tcd.giasang')).post('/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'post', contentType: 'petition', summary: 'Kiến nghị ngoài phạm vi' })).statusCode).toBe(403);
    // Rule sets: administrators publish; citizens may not read them.
    expect((await (await as(t.app, 'congdan1')).get('/api/v1/letters/rule-sets')).statusCode).toBe(403);
    expect((await (await as(t.app, 'tcd.pdp')).post('/api/v1/letters/rule-sets', {})).statusCode).toBe(400);
    expect((await (await as(t.app, 'tcd.pdp')).post('/api/v1/letters/reminders/run')).statusCode).toBe(403);
  });
});

describe('bad input', () => {
  it('answers 400 with field messages in both languages on every write route, and writes nothing', async () => {
    const officer = await as(t.app, 'tcd.pdp');
    const leader = await as(t.app, 'lanhdao.pdp');
    const v = (await officer.post('/api/v1/receptions', { unitId: unit(U.phuongPdp), kind: 'regular', visitor: { name: 'Vũ Bad Input' } })).json();
    const l = (await officer.post('/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'post', sender: { name: 'Vũ Bad Input' }, contentType: 'complaint', summary: 'Khiếu nại để thử dữ liệu sai' })).json();
    const s = (await leader.post('/api/v1/receptions/sessions', { unitId: unit(U.phuongPdp), kind: 'ad_hoc', leaderName: 'Bùi Văn Long', leaderTitle: 'Chủ tịch UBND phường', scheduledOn: '2026-12-01' })).json();
    const anyId = '00000000-0000-4000-8000-000000000000';
    const counts = async () => (await t.db.query(`select (select count(*) from letters)::int l, (select count(*) from reception_visits)::int v, (select count(*) from cases)::int c, (select count(*) from letter_events)::int e, (select count(*) from reception_sessions)::int s`)).rows[0];
    const before = await counts();
    const visitActions = ['check-in', 'absent', 'refuse', 'refusal-notice', 'hear', 'answer', 'guide', 'letters', 'documents', 'return-documents', 'reply', 'close'];
    const letterActions = ['classify', 'split', 'propose-accept', 'decline-proposal', 'open-case', 'link', 'transfer', 'remind', 'record-reply', 'guide', 'return-originals', 'archive', 'escalate', 'close'];
    const caseActions = ['assign', 'complexity', 'start-verification', 'dialogue', 'suspend', 'resume', 'extend', 'decide', 'conclude', 'handle-conclusion', 'answer', 'withdraw', 'terminate', 'continue', 'second-instance', 'file-court', 'finalize', 'enforcement', 'close'];
    const writes: [string, string, any, Awaited<ReturnType<typeof as>>][] = [
      ['POST', '/api/v1/receptions', { unitId: 'not-a-uuid', kind: 'weekly', visitor: {} }, officer],
      ['POST', '/api/v1/receptions/sessions', { unitId: unit(U.phuongPdp), kind: 'periodic', scheduledOn: '31/12/2026' }, leader],
      ['PUT', `/api/v1/receptions/offices/${unit(U.phuongPdp)}`, { name: 'x' }, officer],
      ['POST', `/api/v1/receptions/sessions/${s.id}/hold`, { version: 'one', bogus: true }, leader],
      ['POST', `/api/v1/receptions/sessions/${s.id}/cancel`, { version: 1 }, leader],
      ['POST', `/api/v1/receptions/sessions/${s.id}/conclusion`, { version: 1, noticeNo: '', instructions: [{}] }, leader],
      ['POST', `/api/v1/receptions/instructions/${anyId}/complete`, { version: 1 }, officer],
      ['POST', '/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'fax', contentType: 'complaint', summary: 'x' }, officer],
      ['POST', '/api/v1/letters/online', { unitId: unit(U.phuongPdp), contentType: 'complaint' }, await as(t.app, 'congdan1')],
      ['POST', '/api/v1/letters/rule-sets', { code: 'x', rules: [] }, await as(t.app, 'admin')],
      ...visitActions.map((a) => ['POST', `/api/v1/receptions/${v.id}/${a}`, { version: 'x', zzz: 1 }, officer] as [string, string, any, any]),
      ...letterActions.map((a) => ['POST', `/api/v1/letters/${l.id}/${a}`, { version: 'x', zzz: 1 }, officer] as [string, string, any, any]),
      ...caseActions.map((a) => ['POST', `/api/v1/cases/${anyId}/${a}`, { version: 'x', zzz: 1 }, leader] as [string, string, any, any]),
    ];
    for (const [method, url, payload, u] of writes) {
      const r = method === 'PUT' ? await u.put(url, payload) : await u.post(url, payload);
      expect(r.statusCode, `${method} ${url} ${r.body}`).toBe(400);
      const e = r.json().error;
      expect(e.fields.length, url).toBeGreaterThan(0);
      for (const f of e.fields) {
        expect(f.field, url).toBeTruthy();
        expect(f.messageVi, url).toBeTruthy();
        expect(f.message, url).toBeTruthy();
      }
    }
    // A write without the version it read.
    const noVersion = await officer.post(`/api/v1/letters/${l.id}/classify`, { formChecks: {}, competence: 'own', competentSystem: 'administration' });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.fields[0].field).toBe('version');
    // Semantic checks beyond the schema, each naming its field.
    const semantic: [string, any, string][] = [
      ['/api/v1/receptions', { unitId: unit(U.phuongPdp), kind: 'regular', visitor: { name: 'A', idKind: 'cccd', idNo: '12345' } }, 'visitor.idNo'],
      ['/api/v1/receptions', { unitId: unit(U.phuongPdp), kind: 'regular', visitor: { name: 'A' }, group: { peopleCount: 7, representatives: [{ name: 'A' }, { name: 'B' }, { name: 'C' }], appointmentDoc: 'VB', members: ['A', 'B', 'C', 'D', 'E', 'F', 'G'], signedByAll: true } }, 'group.representatives'],
      ['/api/v1/receptions', { unitId: unit(U.phuongPdp), kind: 'periodic', visitor: { name: 'A' } }, 'sessionId'],
      ['/api/v1/receptions', { unitId: unit(U.phuongPdp), kind: 'regular', receivedAt: '2099-01-01T09:00:00+07:00', visitor: { name: 'A' } }, 'receivedAt'],
      ['/api/v1/receptions', { unitId: unit(U.phuongPdp), kind: 'regular', visitor: { name: 'A' }, representatives: [{ name: 'LS B', kind: 'lawyer', papers: '' }] }, 'representatives.0.papers'],
      ['/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'forwarded', contentType: 'petition', summary: 'Kiến nghị được chuyển đến' }, 'forwarder.name'],
      ['/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'reception', contentType: 'petition', summary: 'Kiến nghị qua tiếp dân' }, 'visitId'],
      ['/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'post', contentType: 'petition', summary: 'Kiến nghị đề ngày sau', letterDate: '2099-01-01' }, 'letterDate'],
      ['/api/v1/letters', { unitId: anyId, source: 'post', contentType: 'petition', summary: 'Kiến nghị gửi đơn vị không có' }, 'unitId'],
      [`/api/v1/letters/${l.id}/classify`, { version: l.version, formChecks: CHECKS, competence: 'not_own', competentSystem: 'administration' }, 'competentBody'],
      [`/api/v1/letters/${l.id}/classify`, { version: l.version, formChecks: CHECKS, competence: 'own', competentSystem: 'administration', excludedDays: 5 }, 'excludedReason'],
      [`/api/v1/receptions/${v.id}/refuse`, { version: v.version, reason: 'bad_weather' }, 'reason'],
      ['/api/v1/receptions/sessions', { unitId: unit(U.phuongPdp), kind: 'online', leaderName: 'Bùi Văn Long', leaderTitle: 'Chủ tịch', scheduledOn: '2026-12-02', online: { reason: 'because' } }, 'online.reason'],
      ['/api/v1/receptions/sessions', { unitId: unit(U.phuongPdp), kind: 'ad_hoc', leaderName: 'Bùi Văn Long', leaderTitle: 'Chủ tịch', scheduledOn: '2026-12-02', startTime: '10:00', endTime: '09:00' }, 'endTime'],
    ];
    for (const [url, payload, field] of semantic) {
      const u = url.includes('sessions') ? leader : officer;
      const r = await u.post(url, payload);
      expect(r.statusCode, `${url} ${r.body}`).toBe(400);
      expect(r.json().error.fields.map((f: any) => f.field), url).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });
});
