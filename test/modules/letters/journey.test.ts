/**
 * End-to-end flows of citizen reception and letters over HTTP: reception → letter → accepted
 * complaint → verification → decision; complaint suspension and resumption (the period restarts);
 * complexity; second instance; denunciation extensions; petitions; split of mixed content;
 * duplicates, guide-once and transfer reminders; anonymous denunciations; refusals, documents,
 * groups, leader sessions, conclusions, online reception; reminders; concurrency and idempotency;
 * calendar changes; rule-set versions; the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, login, type TestApp } from '../../helpers/testApp.js';
import { loadCalendar } from '../../../src/modules/calendar/service.js';
import { addDays, formatLocal, localDateOf, parseInstant, weekdayOf } from '../../../src/core/calendar/index.js';
import { COMPLAINT_LABELS, resolutionDue } from '../../../src/core/letters/index.js';
import { scanReminders } from '../../../src/modules/letters/reminders.js';
import { as, createLetterUsers, daysAgo, U } from './helpers.js';

let t: TestApp;
const unit = (c: string) => t.seed.units.get(c)!;
const userId = async (name: string) => (await t.db.query('select id from users where username=$1', [name])).rows[0].id as string;
const CHECKS = { vietnamese: true, dated: true, named: true, addressed: true, signed: true, namesRespondent: true, statesContent: true, statesReasons: true, statesRequest: true, namesViolation: true };
type Client = Awaited<ReturnType<typeof as>>;
let officer: Client;
let leader: Client;

beforeAll(async () => {
  t = await createTestApp();
  await createLetterUsers(t);
  officer = await as(t.app, 'tcd.pdp');
  leader = await as(t.app, 'lanhdao.pdp');
});
afterAll(async () => t?.close());

function ok(r: { statusCode: number; body: string }, status = 200) {
  expect(r.statusCode, r.body).toBe(status);
  return (r as any).json();
}

/** A letter logged, classified within competence, proposed and accepted: returns the case. */
async function acceptedCase(contentType: 'complaint' | 'denunciation' | 'petition', summary: string, days: number, extra: Record<string, unknown> = {}) {
  const l = ok(
    await officer.post('/api/v1/letters', {
      unitId: unit(U.phuongPdp),
      source: 'post',
      receivedAt: daysAgo(days),
      sender: { name: `Người gửi ${summary.slice(0, 12)}`, idNo: `0190${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, address: 'Tổ 4' },
      respondent: { name: 'UBND phường Phan Đình Phùng' },
      contentType,
      summary,
      ...extra,
    }),
    201,
  );
  const cl = ok(await officer.post(`/api/v1/letters/${l.id}/classify`, { version: l.version, at: daysAgo(days - 1), formChecks: CHECKS, competence: 'own', competentSystem: 'administration' }));
  const pr = ok(await officer.post(`/api/v1/letters/${l.id}/propose-accept`, { version: cl.version, at: daysAgo(days - 1, 10) }));
  const oc = ok(await leader.post(`/api/v1/letters/${l.id}/open-case`, { version: pr.version, at: daysAgo(days - 2), acceptanceDocNo: `${days}/TB-UBND` }));
  return { letter: oc, case: ok(await leader.get(`/api/v1/cases/${oc.case.id}`)) };
}

describe('the main journey', () => {
  it('reception → letter → accepted complaint → verification → decision → final → closed, every step an event', async () => {
    const v = ok(
      await officer.post('/api/v1/receptions', {
        unitId: unit(U.phuongPdp),
        kind: 'regular',
        receivedAt: daysAgo(120),
        visitor: { name: 'Hoàng Văn Nam', idKind: 'cccd', idNo: '019085001111', address: 'Tổ 3, phường Phan Đình Phùng' },
        hearing: { contentSummary: 'Khiếu nại quyết định thu hồi đất của UBND phường', contentType: 'complaint', withinCompetence: true, transcript: 'Ông Nam trình bày...', readBack: true, signatureRef: 'scan/ky-001.png' },
      }),
      201,
    );
    expect(v).toMatchObject({ status: 'heard', visitorIdNo: '********1111', readBack: true, kind: 'regular' });
    expect(v.registerNo).toBeGreaterThanOrEqual(1);
    // The 10-working-day reply due comes from the legal clock.
    const cal = await loadCalendar(t.db, t.app.config.tenantId, unit(U.phuongPdp));
    expect(v.replyDueAt).toBeTruthy();
    expect(cal.workingMinutesBetween(parseInstant(v.receivedAt)!, parseInstant(v.replyDueAt)!)).toBeGreaterThanOrEqual(9 * 480);
    const lr = ok(
      await officer.post(`/api/v1/receptions/${v.id}/letters`, {
        version: v.version,
        at: daysAgo(120, 10),
        parts: [{ contentType: 'complaint', summary: 'Khiếu nại quyết định thu hồi đất số 12/QĐ-UBND của UBND phường', respondent: { name: 'Chủ tịch UBND phường Phan Đình Phùng' }, hasOriginals: true, originals: [{ title: 'Quyết định 12/QĐ-UBND (bản gốc)' }] }],
      }),
    );
    const letterId = lr.letters[0].id;
    let l = ok(await officer.get(`/api/v1/letters/${letterId}`));
    expect(l).toMatchObject({ status: 'received', source: 'reception', senderName: 'Hoàng Văn Nam', visitId: v.id });
    l = ok(
      await officer.post(`/api/v1/letters/${letterId}/classify`, {
        version: l.version,
        at: daysAgo(118),
        formChecks: CHECKS,
        competence: 'own',
        competentSystem: 'administration',
        decisionKnownAt: localDateOf(parseInstant(daysAgo(130))!),
      }),
    );
    expect(l.classification).toMatchObject({ eligibility: 'eligible', competence: 'own', hasOriginals: true });
    expect(l.suggestion).toEqual({ action: 'propose_accept', label: { vi: 'Đề xuất thụ lý', en: expect.any(String) }, reasonLabel: null });
    l = ok(await officer.post(`/api/v1/letters/${letterId}/propose-accept`, { version: l.version, at: daysAgo(117), proposal: 'Đề xuất Chủ tịch UBND phường thụ lý' }));
    const form = ok(await officer.get(`/api/v1/letters/${letterId}/forms/propose_accept`));
    expect(form).toMatchObject({ code: 'Mẫu 01', titleVi: 'Phiếu đề xuất thụ lý đơn' });
    expect(form.fields.find((f: any) => f.ref === 'sender.name').value).toBe('Hoàng Văn Nam');
    // The same form as the printed document and its PDF.
    const doc = ok(await officer.get(`/api/v1/letters/${letterId}/forms/propose_accept/document`));
    expect(doc).toMatchObject({ formNumber: 'Mẫu 01', title: 'Phiếu đề xuất thụ lý đơn', paper: 'A4', agency: { name: l.unitName } });
    expect(doc.agency.parent).toBeTruthy();
    expect(JSON.stringify(doc.blocks)).toContain('Đề xuất: Đề xuất Chủ tịch UBND phường thụ lý.');
    const pdf = await officer.get(`/api/v1/letters/${letterId}/forms/propose_accept/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename=".+-propose_accept\.pdf"$/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5000);
    // Only the leader accepts.
    expect((await officer.post(`/api/v1/letters/${letterId}/open-case`, { version: l.version, acceptanceDocNo: 'x' })).statusCode).toBe(403);
    const oc = ok(await leader.post(`/api/v1/letters/${letterId}/open-case`, { version: l.version, at: daysAgo(116), acceptanceDocNo: '15/TB-UBND', verifierUserIds: [await userId('thanhtra.pdp')] }));
    expect(oc.status).toBe('case_opened');
    const caseId = oc.case.id;
    let c = ok(await leader.get(`/api/v1/cases/${caseId}`));
    expect(c).toMatchObject({ status: 'accepted', type: 'complaint', instance: 1, acceptanceDocNo: '15/TB-UBND' });
    expect(c.clock.periodAmount).toBe(30);
    const expectedDue = resolutionDue(cal, (await t.db.query('select rules from letter_rule_sets where id=(select rule_set_id from cases where id=$1)', [caseId])).rows[0].rules, { type: 'complaint', instance: 1, complex: false, remote: false }, parseInstant(daysAgo(116))!).due;
    expect(c.dueAt).toBe(formatLocal(expectedDue));
    expect(c.assignments.map((a: any) => a.role).sort()).toEqual(['inspector', 'resolver']);
    const inspector = await as(t.app, 'thanhtra.pdp');
    c = ok(await inspector.post(`/api/v1/cases/${caseId}/start-verification`, { version: c.version, at: daysAgo(110) }));
    c = ok(await inspector.post(`/api/v1/cases/${caseId}/dialogue`, { version: c.version, at: daysAgo(100), minutes: 'Biên bản đối thoại' }));
    expect(c.status).toBe('dialogue');
    // Too early to finalize: no decision yet.
    expect((await leader.post(`/api/v1/cases/${caseId}/finalize`, { version: c.version })).statusCode).toBe(409);
    c = ok(await leader.post(`/api/v1/cases/${caseId}/decide`, { version: c.version, at: daysAgo(95), decisionNo: '20/QĐ-UBND', result: 'partly_upheld' }));
    expect(c).toMatchObject({ status: 'decided', decision: { no: '20/QĐ-UBND', result: 'partly_upheld' }, endedLate: false });
    expect(c.clock.secondRequestDueAt).toBeTruthy();
    c = ok(await leader.post(`/api/v1/cases/${caseId}/finalize`, { version: c.version }));
    expect(c.status).toBe('final');
    // Partly upheld: enforcement is followed up before closing.
    expect((await leader.post(`/api/v1/cases/${caseId}/close`, { version: c.version })).json().error.code).toBe('enforcement_in_progress');
    c = ok(await inspector.post(`/api/v1/cases/${caseId}/enforcement`, { version: c.version, status: 'done', note: 'Đã thu hồi, sửa đổi quyết định' }));
    c = ok(await leader.post(`/api/v1/cases/${caseId}/close`, { version: c.version }));
    expect(c.status).toBe('closed');
    expect(c.events.map((e: any) => e.action)).toEqual(['open', 'start_verification', 'hold_dialogue', 'decide', 'finalize', 'record_enforcement', 'close']);
    // The history reads in words: the machine's labels, and the few events that are not transitions.
    expect(c.events[0].actionLabel).toEqual({ vi: 'Mở vụ việc', en: 'Case opened' });
    expect(c.events[1]).toMatchObject({ actionLabel: { vi: 'Bắt đầu xác minh', en: 'Start verification' }, to: 'verifying', toLabel: { vi: COMPLAINT_LABELS.verifying.vi } });
    // The visit: reply, return of originals, register row with all 13 columns.
    let vv = ok(await officer.get(`/api/v1/receptions/${v.id}`));
    vv = ok(await officer.post(`/api/v1/receptions/${v.id}/reply`, { version: vv.version, at: daysAgo(115), kind: 'accepted', docNo: '15/TB-UBND' }));
    expect(vv.status).toBe('replied');
    vv = ok(await officer.post(`/api/v1/receptions/${v.id}/close`, { version: vv.version }));
    expect(vv.status).toBe('closed');
    const year = Number(localDateOf(parseInstant(v.receivedAt)!).slice(0, 4));
    const reg = ok(await officer.get(`/api/v1/receptions/register?unitId=${unit(U.phuongPdp)}&year=${year}`));
    expect(reg.columns).toHaveLength(13);
    expect(reg.form).toBe('Mẫu 03/TCD');
    const row = reg.rows.find((r: any) => r.visitId === v.id);
    expect(row).toMatchObject({
      nameAddress: 'Hoàng Văn Nam, Tổ 3, phường Phan Đình Phùng',
      idNo: '********1111',
      letterType: 'Khiếu nại',
      peopleCount: 1,
      withinCompetence: 'x',
      handling: 'Thụ lý: Ủy ban nhân dân phường Phan Đình Phùng (15/TB-UBND)',
    });
    expect(row.followUp).toMatch(/Kết thúc \(20\/QĐ-UBND\)/);
    const xl = await officer.get(`/api/v1/receptions/register.xlsx?unitId=${unit(U.phuongPdp)}&year=${year}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xl.rawPayload as any);
    const ws = wb.worksheets[0];
    expect(ws.getRow(4).cellCount).toBe(13);
    const values: string[] = [];
    ws.eachRow((r) => r.eachCell((cell) => values.push(String(cell.value))));
    expect(values).toContain('********1111');
    expect(values.join('|')).not.toContain('019085001111');
  });
});

describe('complaints', () => {
  it('suspension and resumption restart the full period; every pair and the original due are kept; forms 14a/14b print', async () => {
    const { case: c0 } = await acceptedCase('complaint', 'Khiếu nại việc không cấp giấy phép xây dựng nhà ở riêng lẻ', 40);
    let c = ok(await leader.post(`/api/v1/cases/${c0.id}/start-verification`, { version: c0.version, at: daysAgo(35) }));
    const originalDue = c.clock.originalDueAt;
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/suspend`, { version: c.version, at: daysAgo(30), reason: 'Chờ kết quả giám định của cơ quan khác', decisionNo: '5/QĐ-TĐC' }));
    expect(c.status).toBe('suspended');
    expect(c.suspensions[0]).toMatchObject({ decisionNo: '5/QĐ-TĐC', ground: 'Chờ kết quả giám định của cơ quan khác', resumedAt: null });
    expect(c.suspensions[0].noticeDueAt).toBeTruthy();
    expect((await leader.post(`/api/v1/cases/${c0.id}/decide`, { version: c.version, decisionNo: 'x', result: 'upheld' })).statusCode).toBe(409);
    const f14a = ok(await leader.get(`/api/v1/cases/${c0.id}/forms/suspension`));
    expect(f14a.code).toBe('Mẫu 14a');
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/resume`, { version: c.version, at: daysAgo(10), decisionNo: '7/QĐ-TTGQ' }));
    expect(c.status).toBe('verifying');
    const cal = await loadCalendar(t.db, t.app.config.tenantId, unit(U.phuongPdp));
    const rules = (await t.db.query('select rules from letter_rule_sets where id=(select rule_set_id from cases where id=$1)', [c0.id])).rows[0].rules;
    const restarted = resolutionDue(cal, rules, { type: 'complaint', instance: 1, complex: false, remote: false }, parseInstant(daysAgo(10))!).due;
    expect(c.dueAt).toBe(formatLocal(restarted));
    expect(c.clock.originalDueAt).toBe(originalDue);
    expect(c.clock.clockStartAt).toBe(daysAgo(10));
    expect(c.suspensions[0]).toMatchObject({ resumeDecisionNo: '7/QĐ-TTGQ', dueAfter: formatLocal(restarted) });
    expect(ok(await leader.get(`/api/v1/cases/${c0.id}/forms/resumption`)).fields.find((f: any) => f.ref === 'decision.dueAfter').value).toBeTruthy();
    const ev = c.events.find((e: any) => e.action === 'resume');
    expect(ev).toMatchObject({ dueAfter: formatLocal(restarted), formKey: 'resumption' });
    // Complexity recorded in writing lengthens the period (30 → 45 days), counted from the restart.
    expect((await leader.post(`/api/v1/cases/${c0.id}/complexity`, { version: c.version, criteria: ['multiple_contents'] })).json().error.fields[0].field).toBe('docNo');
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/complexity`, { version: c.version, criteria: ['multiple_contents', 'several_bodies'], docNo: '9/QĐ-PT' }));
    expect(c.complexity).toMatchObject({ complex: true, criteria: ['multiple_contents', 'several_bodies'], docNo: '9/QĐ-PT' });
    expect(c.clock.periodAmount).toBe(45);
    expect(c.dueAt).toBe(formatLocal(resolutionDue(cal, rules, { type: 'complaint', instance: 1, complex: true, remote: false }, parseInstant(daysAgo(10))!).due));
    // Withdrawal in writing (coerced flag kept) ends it.
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/withdraw`, { version: c.version, document: 'Đơn rút khiếu nại ngày ...', coerced: false }));
    expect(c).toMatchObject({ status: 'withdrawn', withdrawal: { coerced: false }, endKind: 'withdrawn' });
    expect(c.resolvedAt).toBeTruthy();
  });

  it('the second instance opens a linked case at the higher body with the 45-day period; the window is guarded', async () => {
    const { case: c0 } = await acceptedCase('complaint', 'Khiếu nại quyết định xử phạt hành chính về trật tự xây dựng', 60);
    let c = ok(await leader.post(`/api/v1/cases/${c0.id}/start-verification`, { version: c0.version, at: daysAgo(55) }));
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/decide`, { version: c.version, at: daysAgo(20), decisionNo: '31/QĐ', result: 'rejected' }));
    // 20 days after the decision: still inside the 30-day window, so not final yet.
    expect((await leader.post(`/api/v1/cases/${c0.id}/finalize`, { version: c.version })).json().error.code).toBe('second_request_window_open');
    const r = ok(
      await leader.post(`/api/v1/cases/${c0.id}/second-instance`, {
        version: c.version,
        docNo: 'Đơn khiếu nại lần hai',
        higherBody: 'Chủ tịch UBND tỉnh',
        openAt: { unitId: unit(U.phuongPdp), acceptanceDocNo: '40/TB-UBND' },
      }),
    );
    expect(r.status).toBe('second_instance_requested');
    const second = ok(await leader.get(`/api/v1/cases/${r.secondCase.id}`));
    expect(second).toMatchObject({ instance: 2, parentCaseId: c0.id, status: 'accepted' });
    expect(second.clock.periodAmount).toBe(45);
    expect((await leader.post(`/api/v1/cases/${second.id}/start-verification`, { version: second.version })).statusCode).toBe(200);
  });
});

describe('denunciations and petitions', () => {
  it('extensions only for complex cases: 1, or 2 if especially complex, each ≤ 30 days; then conclusion and its handling', async () => {
    const { case: c0 } = await acceptedCase('denunciation', 'Tố cáo cán bộ địa chính phường nhận tiền khi làm thủ tục tách thửa', 50);
    expect(c0.denouncer).toBe('[được bảo vệ]');
    let c = ok(await leader.post(`/api/v1/cases/${c0.id}/start-verification`, { version: c0.version, at: daysAgo(45) }));
    const plain = await leader.post(`/api/v1/cases/${c0.id}/extend`, { version: c.version, days: 30, decisionNo: '1/QĐ-GH', reason: 'Cần xác minh thêm' });
    expect(plain.json().error.code).toBe('extension_not_allowed');
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/complexity`, { version: c.version, at: daysAgo(44), criteria: ['multi_site_verification'], docNo: '2/QĐ-PT', especiallyComplex: true }));
    expect(c.complexity.especiallyComplex).toBe(true);
    expect((await leader.post(`/api/v1/cases/${c0.id}/extend`, { version: c.version, days: 31, decisionNo: '1/QĐ-GH', reason: 'Quá dài' })).json().error.code).toBe('extension_too_long');
    const due0 = c.dueAt;
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/extend`, { version: c.version, at: daysAgo(30), days: 30, decisionNo: '1/QĐ-GH', reason: 'Xác minh tại nhiều nơi' }));
    expect(c.extensions).toBe(1);
    expect(parseInstant(c.dueAt)!.getTime()).toBeGreaterThan(parseInstant(due0)!.getTime());
    expect(ok(await leader.get(`/api/v1/cases/${c0.id}/forms/extension_decision`)).fields.find((f: any) => f.ref === 'doc.no').value).toBe('1/QĐ-GH');
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/extend`, { version: c.version, at: daysAgo(5), days: 20, decisionNo: '2/QĐ-GH', reason: 'Gia hạn lần hai' }));
    expect(c.extensions).toBe(2);
    expect(c.extensionDecisions.map((x: any) => x.days)).toEqual([30, 20]);
    const third = await leader.post(`/api/v1/cases/${c0.id}/extend`, { version: c.version, days: 10, decisionNo: '3/QĐ-GH', reason: 'Lần ba' });
    expect(third.statusCode).toBe(409);
    expect(third.json().error.code).toBe('extension_limit');
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/conclude`, { version: c.version, conclusionNo: '4/KL', result: 'partly_true' }));
    expect(c.status).toBe('concluded');
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/handle-conclusion`, { version: c.version, note: 'Kiểm điểm, xử lý kỷ luật' }));
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/enforcement`, { version: c.version, status: 'done', note: 'Đã xử lý' }));
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/close`, { version: c.version }));
    expect(c.status).toBe('closed');
  });

  it('a petition is answered in writing and closed', async () => {
    const { case: c0 } = await acceptedCase('petition', 'Kiến nghị lắp đặt đèn chiếu sáng ngõ 7', 10);
    expect(c0.type).toBe('petition');
    let c = ok(await leader.post(`/api/v1/cases/${c0.id}/answer`, { version: c0.version, docNo: '88/UBND-VP' }));
    expect(c).toMatchObject({ status: 'answered', answer: { docNo: '88/UBND-VP' } });
    c = ok(await leader.post(`/api/v1/cases/${c0.id}/close`, { version: c.version }));
    expect(c.status).toBe('closed');
  });
});

describe('letters', () => {
  it('splits mixed content: the denunciation part keeps the identity protected, the complaint part does not', async () => {
    const l = ok(
      await officer.post('/api/v1/letters', {
        unitId: unit(U.phuongPdp),
        source: 'post',
        sender: { name: 'Trịnh Thị Mận', idNo: '019190003333', address: 'Tổ 8' },
        contentType: 'mixed',
        summary: 'Khiếu nại quyết định thu hồi đất và tố cáo cán bộ nhận tiền',
      }),
      201,
    );
    expect(l.protected).toBe(true);
    expect(l.senderName).toBe('[được bảo vệ]');
    const cl = ok(await officer.post(`/api/v1/letters/${l.id}/classify`, { version: l.version, formChecks: CHECKS, competence: 'own', competentSystem: 'administration' }));
    expect(cl.suggestion).toMatchObject({ action: 'split', reasonLabel: null });
    expect((await officer.post(`/api/v1/letters/${l.id}/propose-accept`, { version: cl.version })).json().error.code).toBe('mixed_content');
    const sp = ok(
      await officer.post(`/api/v1/letters/${l.id}/split`, {
        version: cl.version,
        parts: [
          { contentType: 'complaint', summary: 'Khiếu nại quyết định thu hồi đất số 3/QĐ' },
          { contentType: 'denunciation', summary: 'Tố cáo cán bộ địa chính nhận tiền', respondentName: 'Cán bộ địa chính phường' },
        ],
      }),
    );
    expect(sp.status).toBe('split');
    expect(sp.parts).toHaveLength(2);
    const complaint = ok(await officer.get(`/api/v1/letters/${sp.parts.find((p: any) => p.contentType === 'complaint').id}`));
    const denunciation = ok(await officer.get(`/api/v1/letters/${sp.parts.find((p: any) => p.contentType === 'denunciation').id}`));
    expect(complaint).toMatchObject({ protected: false, senderName: 'Trịnh Thị Mận', parentLetterId: l.id });
    expect(denunciation).toMatchObject({ protected: true, senderName: '[được bảo vệ]' });
    const audits = (await t.db.query(`select count(*)::int n from audit_log where action='protected.declassify' and entity_id=$1`, [l.id])).rows[0].n;
    expect(audits).toBe(1);
    // The report counts the parts, not the split letter.
    const year = new Date().getFullYear();
    const drill = ok(await leader.get(`/api/v1/reports/letters/drill?unit=${unit(U.phuongPdp)}&from=${year}-01-01&to=${year}-12-31&figure=received`));
    const ids = drill.items.map((x: any) => x.id);
    expect(ids).not.toContain(l.id);
    expect(ids).toContain(complaint.id);
  });

  it('guides once per content; a later identical letter is archived; a transferred letter is reminded only when overdue', async () => {
    const sender = { name: 'Lò Văn Pá', idNo: '019070005555', address: 'Bản Pá, xã Định Hóa' };
    const mk = async (summary: string, days: number) => ok(await officer.post('/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'post', receivedAt: daysAgo(days), sender, respondent: { name: 'UBND xã Định Hóa' }, contentType: 'complaint', summary }), 201);
    const classifyNotOwn = async (l: any, days: number) =>
      ok(await officer.post(`/api/v1/letters/${l.id}/classify`, { version: l.version, at: daysAgo(days), formChecks: CHECKS, competence: 'not_own', competentBody: 'Chủ tịch UBND xã Định Hóa', competentSystem: 'administration' }));
    const a = await classifyNotOwn(await mk('Khiếu nại việc UBND xã Định Hóa không giải quyết chế độ', 60), 59);
    const g = ok(await officer.post(`/api/v1/letters/${a.id}/guide`, { version: a.version, at: daysAgo(58), guidedTo: 'Chủ tịch UBND xã Định Hóa', docNo: '12/HD' }));
    expect(g.status).toBe('guided');
    expect(ok(await officer.get(`/api/v1/letters/${a.id}/forms/guidance`)).code).toBe('Mẫu 05');
    const b = await classifyNotOwn(await mk('Khiếu nại UBND xã Định Hóa không giải quyết chế độ (lần 2)', 50), 49);
    expect(b.duplicates[0]).toMatchObject({ letterId: a.id, samePerson: true, outcome: 'guide' });
    const again = await officer.post(`/api/v1/letters/${b.id}/guide`, { version: b.version, guidedTo: 'Chủ tịch UBND xã Định Hóa' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_guided');
    ok(await officer.post(`/api/v1/letters/${b.id}/archive`, { version: b.version, reason: 'already_guided', relatedLetterId: a.id }));
    // A different content from the same person is transferred; the reply becomes overdue; a reminder follows.
    const c = await classifyNotOwn(
      ok(await officer.post('/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'post', receivedAt: daysAgo(45), sender, contentType: 'petition', summary: 'Kiến nghị làm đường giao thông nông thôn bản Pá' }), 201),
      44,
    );
    let tr = ok(await officer.post(`/api/v1/letters/${c.id}/transfer`, { version: c.version, at: daysAgo(43), to: 'UBND xã Định Hóa', docNo: '77/PC' }));
    expect(tr.transfer.replyDueAt).toBeTruthy();
    expect(ok(await officer.get(`/api/v1/letters/${c.id}/forms/transfer`)).code).toBe('Mẫu 04');
    expect((await officer.post(`/api/v1/letters/${c.id}/remind`, { version: tr.version, at: daysAgo(42) })).json().error.code).toBe('reply_not_overdue');
    tr = ok(await officer.post(`/api/v1/letters/${c.id}/remind`, { version: tr.version, docNo: '80/ĐĐ' }));
    expect(tr.transfer.reminders).toBe(1);
    expect(ok(await officer.get(`/api/v1/letters/${c.id}/forms/reminder`)).code).toBe('Mẫu 07');
    tr = ok(await officer.post(`/api/v1/letters/${c.id}/record-reply`, { version: tr.version, summary: 'UBND xã đã đưa vào kế hoạch năm sau' }));
    tr = ok(await officer.post(`/api/v1/letters/${c.id}/close`, { version: tr.version }));
    expect(tr.status).toBe('closed');
  });

  it('an anonymous denunciation is archived as such, with an inspection task free of personal data', async () => {
    const l = ok(
      await officer.post('/api/v1/letters', {
        unitId: unit(U.phuongPdp),
        source: 'direct_drop',
        anonymous: true,
        respondent: { name: 'Cán bộ thuế phường' },
        contentType: 'denunciation',
        summary: 'Đơn không ký tên tố cáo cán bộ thuế thu tiền không có biên lai, liên hệ 0912000111',
      }),
      201,
    );
    expect(l).toMatchObject({ anonymous: true, protected: false, senderName: null });
    const cl = ok(await officer.post(`/api/v1/letters/${l.id}/classify`, { version: l.version, formChecks: { ...CHECKS, named: false, signed: false }, competence: 'own', competentSystem: 'administration' }));
    expect(cl.suggestion).toEqual({ action: 'archive', reason: 'anonymous', label: { vi: 'Lưu đơn', en: 'Archive' }, reasonLabel: { vi: 'Đơn tố cáo nặc danh, mạo danh, không rõ người tố cáo', en: 'Anonymous denunciation' } });
    expect((await officer.post(`/api/v1/letters/${l.id}/propose-accept`, { version: cl.version })).json().error.code).toMatch(/anonymous_denunciation|not_eligible/);
    const ar = ok(await officer.post(`/api/v1/letters/${l.id}/archive`, { version: cl.version, reason: 'anonymous', inspectionTask: { summary: 'Thông tin về thu tiền không biên lai, liên hệ 0912000111' } }));
    expect(ar.archiveReason.code).toBe('anonymous');
    const task = (await t.db.query('select * from inspection_info_tasks where id=$1', [ar.inspectionTaskId])).rows[0];
    expect(task.summary).not.toContain('0912000111');
    expect(task.letter_id).toBe(l.id);
  });

  it('a citizen submits online and sees only their own letter; staff of the unit see it', async () => {
    const citizen = await as(t.app, 'congdan1');
    const r = ok(await citizen.post('/api/v1/letters/online', { unitId: unit(U.phuongPdp), contentType: 'petition', summary: 'Kiến nghị sửa chữa cống thoát nước tổ 5' }), 201);
    expect(r).toMatchObject({ status: 'received', contentType: 'petition' });
    expect(r.senderIdNo).toBeUndefined();
    expect(ok(await citizen.get('/api/v1/letters')).items.map((x: any) => x.id)).toEqual([r.id]);
    expect((await (await as(t.app, 'congdan2')).get(`/api/v1/letters/${r.id}`)).statusCode).toBe(404);
    const staffView = ok(await officer.get(`/api/v1/letters/${r.id}`));
    expect(staffView).toMatchObject({ source: 'online', senderName: 'Nguyễn Văn An', senderIdNo: '********1234' });
    expect((await citizen.post('/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'post', contentType: 'petition', summary: 'Giả làm cán bộ' })).statusCode).toBe(403);
    expect((await officer.post('/api/v1/letters/online', { unitId: unit(U.phuongPdp), contentType: 'petition', summary: 'Cán bộ gửi trực tuyến' })).statusCode).toBe(403);
  });

  it('refuses a stale version (409), accepts If-Match, and replays an Idempotency-Key', async () => {
    const h = { 'idempotency-key': 'letters-idem-1' };
    const body = { unitId: unit(U.phuongPdp), source: 'post', sender: { name: 'Bế Văn Đàn' }, contentType: 'petition', summary: 'Kiến nghị về trật tự đô thị tổ 11' };
    const a = ok(await officer.post('/api/v1/letters', body, h), 201);
    const b = ok(await officer.post('/api/v1/letters', body, h), 201);
    expect(b.id).toBe(a.id);
    expect(b.code).toBe(a.code);
    const cl = { formChecks: CHECKS, competence: 'own', competentSystem: 'administration' };
    ok(await officer.post(`/api/v1/letters/${a.id}/classify`, {}, {}).then(() => officer.post(`/api/v1/letters/${a.id}/classify`, cl, { 'if-match': String(a.version) })));
    const stale = await officer.post(`/api/v1/letters/${a.id}/classify`, { ...cl, version: a.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
  });
});

describe('reception', () => {
  it('refusal on a repeat ground needs the written notice (Mẫu 01/TCD) before closing', async () => {
    let v = ok(await officer.post('/api/v1/receptions', { unitId: unit(U.phuongPdp), kind: 'regular', visitor: { name: 'Ông Lặp Lại', idNo: '019060001111' } }), 201);
    expect(v.status).toBe('checked_in');
    // The page offers exactly the grounds of the visit's rule set, in its wording.
    const rs = (await t.db.query('select rules from letter_rule_sets where id=(select rule_set_id from reception_visits where id=$1)', [v.id])).rows[0].rules;
    expect(v.refusalReasons).toEqual(rs.reception.refusalReasons.map((g: any) => ({ code: g.code, label: { vi: g.labelVi, en: g.labelEn }, noticeRequired: g.noticeRequired })));
    expect(v.refusalReasons.find((g: any) => g.code === 'repeat_no_new_facts')).toMatchObject({ label: { vi: 'Vụ việc đã được trả lời đúng quy định, không có tình tiết mới' }, noticeRequired: true });
    v = ok(await officer.post(`/api/v1/receptions/${v.id}/refuse`, { version: v.version, reason: 'repeat_no_new_facts', note: 'Đã trả lời bằng văn bản số 5/TB' }));
    expect(v.refusal).toMatchObject({ reason: 'repeat_no_new_facts', noticeRequired: true });
    expect(v.refusal.noticeDueAt).toBeTruthy();
    expect((await officer.post(`/api/v1/receptions/${v.id}/close`, { version: v.version })).json().error.code).toBe('refusal_notice_pending');
    v = ok(await officer.post(`/api/v1/receptions/${v.id}/refusal-notice`, { version: v.version, noticeNo: '9/TB-TCD' }));
    const f = ok(await officer.get(`/api/v1/receptions/${v.id}/forms/refusal_notice`));
    expect(f).toMatchObject({ code: 'Mẫu 01/TCD' });
    expect(f.fields.find((x: any) => x.ref === 'refusal.reason').value).toMatch(/không có tình tiết mới/);
    v = ok(await officer.post(`/api/v1/receptions/${v.id}/close`, { version: v.version }));
    expect(v.status).toBe('closed');
  });

  it('documents received are listed on Mẫu 02/TCD and originals are tracked until returned; groups follow Art. 29', async () => {
    const members = ['Nông Văn A', 'Nông Văn B', 'Nông Thị C', 'Nông Văn D', 'Nông Văn E', 'Nông Thị G', 'Nông Văn H'];
    let v = ok(
      await officer.post('/api/v1/receptions', {
        unitId: unit(U.phuongPdp),
        kind: 'regular',
        visitor: { name: 'Nông Văn A', idNo: '019075002222', address: 'Tổ 12' },
        group: { peopleCount: 7, representatives: [{ name: 'Nông Văn A' }, { name: 'Nông Thị C' }], appointmentDoc: 'Văn bản cử người đại diện ngày 01/11', members, signedByAll: true },
        hearing: { contentSummary: 'Đoàn 7 hộ kiến nghị về đền bù đường vành đai', contentType: 'petition' },
      }),
      201,
    );
    expect(v).toMatchObject({ massGroup: true, peopleCount: 7 });
    v = ok(await officer.post(`/api/v1/receptions/${v.id}/documents`, { version: v.version, documents: [{ title: 'Đơn kiến nghị', pages: 3, original: true }, { title: 'Bản sao sổ đỏ', pages: 2, original: false }] }));
    expect(v.documentsReceiptNo).toMatch(/BN-TCD/);
    const f = ok(await officer.get(`/api/v1/receptions/${v.id}/forms/documents_receipt`));
    expect(f.code).toBe('Mẫu 02/TCD');
    expect(f.table.rows).toEqual([
      { seq: 1, title: 'Đơn kiến nghị', pages: 3, kind: 'Bản gốc' },
      { seq: 2, title: 'Bản sao sổ đỏ', pages: 2, kind: 'Bản sao' },
    ]);
    v = ok(await officer.post(`/api/v1/receptions/${v.id}/return-documents`, { version: v.version }));
    expect(v.documents.find((d: any) => d.original).returnedAt).toBeTruthy();
    expect((await officer.post(`/api/v1/receptions/${v.id}/return-documents`, { version: v.version })).json().error.code).toBe('no_originals_held');
    v = ok(await officer.post(`/api/v1/receptions/${v.id}/guide`, { version: v.version, guidanceTo: 'UBND tỉnh (Sở Xây dựng)' }));
    expect(v.outcomes).toEqual(expect.arrayContaining(['documents_received', 'guided']));
    expect(ok(await officer.get(`/api/v1/receptions?massGroup=true`)).items.map((x: any) => x.id)).toContain(v.id);
  });

  it('leader sessions: registrations received or absent, deputy rule, online reception, conclusion notice with tracked instructions, public schedule', async () => {
    const deputy = await leader.post('/api/v1/receptions/sessions', { unitId: unit(U.phuongPdp), kind: 'periodic', leaderName: 'Phó Chủ tịch', leaderTitle: 'Phó Chủ tịch UBND phường', isDeputy: true, deputyReason: 'Chủ tịch đi công tác', scheduledOn: localDateOf(new Date()) });
    expect(deputy.statusCode).toBe(409);
    expect(deputy.json().error.code).toBe('deputy_not_allowed');
    const day = addDays(localDateOf(new Date()), 3);
    const s = ok(await leader.post('/api/v1/receptions/sessions', { unitId: unit(U.phuongPdp), kind: 'periodic', leaderUserId: await userId('lanhdao.pdp'), leaderName: 'Bùi Văn Long', leaderTitle: 'Chủ tịch UBND phường', scheduledOn: day, startTime: '08:00', endTime: '11:00', location: 'Trụ sở UBND phường' }), 201);
    const reg1 = ok(await officer.post('/api/v1/receptions', { unitId: unit(U.phuongPdp), kind: 'periodic', sessionId: s.id, registration: true, registrationCase: 'Tranh chấp lối đi chung', visitor: { name: 'Hà Thị Đăng Ký' } }), 201);
    const reg2 = ok(await officer.post('/api/v1/receptions', { unitId: unit(U.phuongPdp), kind: 'periodic', sessionId: s.id, registration: true, visitor: { name: 'Hà Văn Vắng' } }), 201);
    expect(reg1.status).toBe('registered');
    expect(reg1.registerNo).toBeNull();
    const pub = ok(await (await as(t.app, null)).get(`/api/v1/reception-schedule?unitId=${unit(U.phuongPdp)}`));
    expect(pub.sessions.map((x: any) => x.id)).toContain(s.id);
    expect(JSON.stringify(pub)).not.toContain('Hà Thị Đăng Ký');
    const v1 = ok(await officer.post(`/api/v1/receptions/${reg1.id}/check-in`, { version: reg1.version }));
    expect(v1.status).toBe('checked_in');
    expect(v1.registerNo).toBeGreaterThan(0);
    ok(await officer.post(`/api/v1/receptions/${reg2.id}/absent`, { version: reg2.version }));
    ok(await leader.post(`/api/v1/receptions/${v1.id}/hear`, { version: v1.version, contentSummary: 'Tranh chấp lối đi chung giữa hai hộ', contentType: 'petition' }));
    expect((await leader.post(`/api/v1/receptions/sessions/${s.id}/conclusion`, { version: s.version, noticeNo: '1/TB', summary: 'Kết luận buổi tiếp', instructions: [] })).json().error.code).toBe('session_not_held');
    const held = ok(await leader.post(`/api/v1/receptions/sessions/${s.id}/hold`, { version: s.version }));
    const due = addDays(localDateOf(new Date()), 10);
    // An instruction may name a case: one its visitors reached, or one of the leader's own units.
    const ownCase = (await t.db.query('select id, code from cases where tenant_id=$1 and unit_id=$2 order by code limit 1', [t.app.config.tenantId, unit(U.phuongPdp)])).rows[0];
    expect(ownCase, 'the first journey opened a case at the ward').toBeTruthy();
    const otherCase = (await t.db.query('select id from cases where tenant_id=$1 and unit_id<>$2 limit 1', [t.app.config.tenantId, unit(U.phuongPdp)])).rows[0];
    const instruction = { visitId: v1.id, instruction: 'Kiểm tra hiện trạng lối đi, báo cáo Chủ tịch', assigneeUnitId: unit(U.phuongPdp), dueOn: due };
    for (const caseId of ['00000000-0000-4000-8000-000000000000', ...(otherCase ? [otherCase.id] : [])]) {
      const refused = await leader.post(`/api/v1/receptions/sessions/${s.id}/conclusion`, { version: held.version, noticeNo: '15/TB-UBND', summary: 'Kết luận', instructions: [instruction, { ...instruction, caseId }] });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toEqual([expect.objectContaining({ field: 'instructions.1.caseId', messageVi: expect.stringContaining('vụ việc') })]);
    }
    ok(
      await leader.post(`/api/v1/receptions/sessions/${s.id}/conclusion`, {
        version: held.version,
        noticeNo: '15/TB-UBND',
        summary: 'Giao Công chức địa chính kiểm tra, báo cáo',
        instructions: [{ ...instruction, caseId: ownCase.id }],
      }),
    );
    const concluded = ok(await leader.get(`/api/v1/receptions/sessions/${s.id}`));
    expect(concluded.conclusion.instructions[0]).toMatchObject({ caseId: ownCase.id, caseCode: ownCase.code });
    const notice = ok(await leader.get(`/api/v1/receptions/sessions/${s.id}/forms/conclusion_notice`));
    expect(notice.table.rows).toHaveLength(1);
    expect(notice.table.rows[0].visit).toContain(`Vụ việc ${ownCase.code}`);
    expect(notice.table.rows[0]).toMatchObject({ instruction: 'Kiểm tra hiện trạng lối đi, báo cáo Chủ tịch', status: 'Chưa thực hiện' });
    const ins = ok(await officer.get('/api/v1/receptions/instructions?status=pending')).items;
    expect(ins).toHaveLength(1);
    ok(await officer.post(`/api/v1/receptions/instructions/${ins[0].id}/complete`, { version: ins[0].version, note: 'Đã kiểm tra, lập biên bản' }));
    expect(ok(await officer.get('/api/v1/receptions/instructions?status=done')).items).toHaveLength(1);
    const year = Number(day.slice(0, 4));
    const rep = ok(await leader.get(`/api/v1/reports/letters?unit=${unit(U.phuongPdp)}&from=${year}-01-01&to=${year}-12-31`));
    expect(rep.sessions).toMatchObject({ registrations: 2, registrationsReceived: 1 });
    expect(rep.instructions.done).toBe(1);
    const comp = ok(await leader.get(`/api/v1/receptions/compliance?date=${day}`)).items.find((x: any) => x.unitId === unit(U.phuongPdp));
    expect(comp).toMatchObject({ required: 2, held: 1, met: false, period: 'month' });

    // Online reception: only with a reason, recorded in full.
    const online = ok(
      await leader.post('/api/v1/receptions/sessions', {
        unitId: unit(U.phuongPdp),
        kind: 'online',
        leaderName: 'Bùi Văn Long',
        leaderTitle: 'Chủ tịch UBND phường',
        scheduledOn: day,
        online: { reason: 'remote_or_vulnerable', platform: 'Hệ thống tiếp công dân trực tuyến', points: [{ point: 'UBND phường', kind: 'central', participants: ['Bùi Văn Long'] }] },
      }),
      201,
    );
    expect((await leader.post(`/api/v1/receptions/sessions/${online.id}/hold`, { version: online.version })).json().error.fields[0].field).toBe('recordingRef');
    const oh = ok(await leader.post(`/api/v1/receptions/sessions/${online.id}/hold`, { version: online.version, recordingRef: 'rec/2026/11/0001.mp4', recordingSha256: 'a'.repeat(64) }));
    expect(oh.online).toMatchObject({ recordingRef: 'rec/2026/11/0001.mp4', retentionClass: 'tcd_recording' });
    // The office and its regular schedule, published.
    ok(await officer.put(`/api/v1/receptions/offices/${unit(U.phuongPdp)}`, { name: 'Phòng tiếp công dân phường', address: 'Số 2 đường Hoàng Văn Thụ', regularSchedule: 'Các ngày làm việc trong tuần, 7h30–11h30 và 13h00–17h00' }));
    const pub2 = ok(await (await as(t.app, null)).get('/api/v1/reception-schedule'));
    expect(pub2.offices.map((o: any) => o.unitId)).toContain(unit(U.phuongPdp));
  });
});

describe('clock, reminders, rule sets and the API document', () => {
  it('records reminders before due once (idempotent) and moves open dues when the calendar changes', async () => {
    const l = ok(await officer.post('/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'post', receivedAt: daysAgo(12), sender: { name: 'Nhắc Hạn' }, contentType: 'petition', summary: 'Kiến nghị sắp đến hạn xử lý' }), 201);
    // Scan one day before the letter's due instant, whatever today's date is.
    const scanAt = new Date(parseInstant(l.dueAt)!.getTime() - 86_400_000);
    const first = await scanReminders(t.db, t.app.config.tenantId, scanAt);
    expect(first.recorded).toBeGreaterThan(0);
    const second = await scanReminders(t.db, t.app.config.tenantId, scanAt);
    expect(second.recorded).toBe(0);
    const ev = ok(await officer.get(`/api/v1/letters/${l.id}`)).events.filter((e: any) => e.action === 'due_reminder');
    expect(ev).toHaveLength(1);
    expect(ev[0].data.stage).toBe('due_soon');

    const fresh = ok(await officer.post('/api/v1/letters', { unitId: unit(U.phuongPdp), source: 'post', sender: { name: 'Lịch Thay Đổi' }, contentType: 'petition', summary: 'Kiến nghị để thử đổi lịch làm việc' }), 201);
    let day = addDays(localDateOf(parseInstant(fresh.dueAt)!), -2);
    while (weekdayOf(day) > 5) day = addDays(day, -1);
    const admin = await login(t.app, 'admin');
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/days',
      headers: { authorization: `Bearer ${admin}` },
      payload: { date: day, kind: 'unit_closure', name: 'Tạm dừng làm việc (thử)', scope: `province:${t.app.config.tenantId}`, legalBasis: 'Quyết định thử nghiệm', status: 'confirmed' },
    });
    expect(add.statusCode, add.body).toBe(201);
    const after = ok(await officer.get(`/api/v1/letters/${fresh.id}`));
    expect(parseInstant(after.dueAt)!.getTime()).toBeGreaterThan(parseInstant(fresh.dueAt)!.getTime());
    expect(after.events.map((e: any) => e.action)).toContain('due_recomputed');
  });

  it('publishes a province rule-set version (administrators), validated, and new letters are pinned to it', async () => {
    const admin = await as(t.app, 'admin');
    const sets = ok(await admin.get('/api/v1/letters/rule-sets'));
    expect(sets.map((s: any) => s.code)).toEqual(['TCD-KNTC-2014', 'TCD-KNTC-2026']);
    const rules = structuredClone(sets[1].rules);
    rules.petitions.answer.amount = 20;
    const bad = await admin.post('/api/v1/letters/rule-sets', { code: 'H55-BAD', name: 'Sai', effectiveFrom: localDateOf(new Date()), legalBasis: 'QĐ thử', evidence: 'to_verify', rules: { ...rules, denunciations: { ...rules.denunciations, extension: { maxDays: 30, maxComplex: 3, maxEspeciallyComplex: 2, legalBasis: 'x', evidence: 'verified' } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('rules.denunciations.extension');
    const from = localDateOf(parseInstant(daysAgo(5))!);
    const created = ok(await admin.post('/api/v1/letters/rule-sets', { code: 'H55-2026-TN', name: 'Quy định của tỉnh', effectiveFrom: from, legalBasis: 'Quyết định của UBND tỉnh (thử)', evidence: 'to_verify', rules }), 201);
    expect(created.code).toBe('H55-2026-TN');
    expect((await admin.post('/api/v1/letters/rule-sets', { code: 'H55-2026-TN', name: 'Trùng', effectiveFrom: from, legalBasis: 'x y z', evidence: 'to_verify', rules })).statusCode).toBe(409);
    const { case: c } = await acceptedCase('petition', 'Kiến nghị theo quy định mới của tỉnh', 3);
    expect(c.clock.periodAmount).toBe(20);
    expect(ok(await admin.get('/api/v1/letters/rule-sets')).find((x: any) => x.code === 'H55-2026-TN').effectiveTo).toBeNull();
  });

  it('documents every route in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const paths = Object.keys(doc.paths);
    for (const p of ['/api/v1/receptions', '/api/v1/receptions/{id}', '/api/v1/letters', '/api/v1/letters/{id}/transfer', '/api/v1/cases', '/api/v1/cases/{id}/suspend', '/api/v1/reception-schedule', '/api/v1/reports/letters', '/api/v1/reports/letters.xlsx']) {
      expect(paths, p).toContain(p);
    }
  });
});

describe('rule-set data on the case page', () => {
  it('offers the complexity criteria of the case’s own rule set, and the server accepts only those', async () => {
    const { case: c } = await acceptedCase('complaint', 'Khiếu nại việc cấp giấy phép xây dựng sai quy hoạch', 20);
    expect(Object.keys(c.complexCriteria)).toContain('foreign_element');
    // A version of the rule set with two criteria only, taking effect long after today so that no
    // other test's record picks it; the case is moved onto it.
    const copy = await t.db.query(
      `insert into letter_rule_sets(tenant_id, code, name, effective_from, legal_basis, evidence, rules)
       select tenant_id, code || '-CRIT', name, date '2099-01-01', legal_basis, evidence,
              jsonb_set(rules, '{complaints,complexCriteria}', '["multiple_contents","several_bodies"]'::jsonb)
         from letter_rule_sets where id = (select rule_set_id from cases where id = $1) returning id`,
      [c.id],
    );
    await t.db.query('update cases set rule_set_id=$1 where id=$2', [copy.rows[0].id, c.id]);
    const now = ok(await leader.get(`/api/v1/cases/${c.id}`));
    expect(now.complexCriteria).toEqual({
      multiple_contents: { vi: 'Có từ hai nội dung trở lên', en: 'Two or more contents' },
      several_bodies: { vi: 'Liên quan trách nhiệm của nhiều cơ quan', en: 'Several bodies responsible' },
    });
    const refused = await leader.post(`/api/v1/cases/${c.id}/complexity`, { version: now.version, criteria: ['foreign_element'], docNo: '3/QĐ-PT' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].field).toBe('criteria');
  });
});
