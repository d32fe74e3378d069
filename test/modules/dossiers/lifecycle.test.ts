import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../../src/core/calendar/index.js';
import { dossierClock } from '../../../src/modules/dossiers/service.js';
import { createTestApp, login, call, type TestApp } from '../../helpers/testApp.js';
import { PDF, PNG, act, createFixture, intakeBody, multipart, type Fixture } from './fixtures.js';

let t: TestApp;
let fx: Fixture;
const tokens: Record<string, string> = {};
const tok = (u: string) => tokens[u];

/** Sets the API clock to a local (+07:00) time. */
function at(local: string): Date {
  const d = parseInstant(local) as Date;
  dossierClock.now = () => d;
  return d;
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await createFixture(t.db);
  for (const u of ['tiepnhan', 'chuyenvien', 'lanhdao', 'chuyenvien.nnmt', 'lanhdao.nnmt', 'congdan1', 'congdan2', 'admin', 'tiepnhan.pdp', 'giamsat']) {
    tokens[u] = await login(t.app, u);
  }
});
afterAll(async () => {
  dossierClock.now = () => new Date();
  await t?.close();
});

async function detail(id: string, user = 'tiepnhan') {
  const r = await call(t.app, tok(user), { method: 'GET', url: `/api/v1/dossiers/${id}` });
  expect(r.statusCode).toBe(200);
  return r.json();
}

async function ok(user: string, id: string, action: string, body: Record<string, unknown> = {}) {
  const cur = await detail(id, user);
  const r = await act(t.app, tok(user), id, action, { version: cur.version, ...body });
  if (r.statusCode !== 200) throw new Error(`${action} by ${user}: ${r.statusCode} ${r.body}`);
  return r.json();
}

async function counterIntake(over: Record<string, unknown> = {}, user = 'tiepnhan') {
  const r = await call(t.app, tok(user), { method: 'POST', url: '/api/v1/dossiers', payload: intakeBody(fx, over) });
  if (r.statusCode !== 201) throw new Error(`intake ${r.statusCode} ${r.body}`);
  return r.json();
}

describe('counter intake → assign → appraise → supplement (restart) → liên thông → approve → return → archive', () => {
  let id = '';
  let code = '';

  it('registers at the counter with Mẫu 01: code, real receipt time and the legal due', async () => {
    at('2026-11-02T08:00');
    const r = await counterIntake({ summary: 'Cấp Phiếu lý lịch tư pháp số 1' });
    const d = r.dossier;
    id = d.id;
    code = d.code;
    expect(d.code).toBe('000.00.01.H55-261102-0001');
    expect(d.status).toBe('received');
    expect(d.channel).toBe('counter');
    expect(d.times.receivedAt).toBe('2026-11-02T08:00:00+07:00');
    // calendar.md §4.5 vector: received Mon 02/11/2026 08:00, 10 WD → Mon 16/11 08:00.
    expect(d.times.dueAt).toBe('2026-11-16T08:00:00+07:00');
    expect(d.times.originalDueAt).toBe('2026-11-16T08:00:00+07:00');
    expect(r.form.key).toBe('receipt');
    expect(r.form.formSet).toBe('TT03_2025');
    expect(r.form.number).toBe('01');
    expect(r.form.data.code).toBe(d.code);
    expect(r.form.data.receivedAtTextVi).toBe('08 giờ 00 phút, ngày 02 tháng 11 năm 2026');
    expect(r.form.data.appointmentTextVi).toBe('08 giờ 00 phút, ngày 16 tháng 11 năm 2026');
    expect(r.form.data.legalDuration.textVi).toBe('10 ngày làm việc');
    expect(r.form.data.components.map((c: any) => c.name)).toEqual(['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 'Bản chụp Căn cước công dân']);
    expect(r.form.data.register.no).toBe(1);
    expect(r.form.data.signatures[1].name).toBe('Nguyễn Thị Hoa');
    expect(d.allowedActions.map((a: any) => a.action)).toEqual(['transfer', 'request_withdrawal']);
    expect(d.events.map((e: any) => e.action)).toEqual(['register', 'accept']);
  });

  it('a receipt after the 15:00 cut-off prints the real time but starts the clock next morning', async () => {
    at('2026-11-02T15:20');
    const r = await counterIntake();
    expect(r.dossier.code).toBe('000.00.01.H55-261102-0002');
    expect(r.form.data.receivedAtTextVi).toBe('15 giờ 20 phút, ngày 02 tháng 11 năm 2026');
    expect(r.dossier.times.clockStart).toBe('2026-11-03T07:30:00+07:00');
    expect(r.dossier.times.dueAt).toBe('2026-11-16T17:00:00+07:00');
  });

  it('transfers to the competent department and the leader assigns a handler', async () => {
    at('2026-11-02T09:00');
    const tr = await ok('tiepnhan', id, 'transfer');
    expect(tr.dossier.status).toBe('in_process');
    expect(tr.dossier.holderUnit.code).toBe('000.00.12.H55');
    expect(tr.dossier.flags.transferLate).toBe(false);
    expect(tr.dossier.currentStep).toBe('PC');
    // The counter can no longer act on processing; the department leader can.
    expect(tr.dossier.allowedActions.map((a: any) => a.action)).not.toContain('approve');
    const leaderView = await detail(id, 'lanhdao');
    expect(leaderView.allowedActions.map((a: any) => a.action)).toEqual(expect.arrayContaining(['assign', 'approve', 'apologise_reschedule', 'stop']));
    at('2026-11-02T10:00');
    const as = await ok('lanhdao', id, 'assign', { handlerId: t.seed.users.get('chuyenvien') });
    expect(as.dossier.handler.name).toBe('Trần Văn Minh');
    expect(as.dossier.subStatus).toBe('assigned');
    const fw = await ok('chuyenvien', id, 'forward', { note: 'Chuyển thẩm định' });
    expect(fw.dossier.currentStep).toBe('TD');
    expect(fw.dossier.subStatus).toBe('appraising');
    const steps = fw.dossier.steps;
    expect(steps.map((s: any) => [s.code, s.status])).toEqual([
      ['TN', 'done'],
      ['PC', 'done'],
      ['TD', 'active'],
    ]);
    // Intake step: 4 working hours from 08:00, handed on at 09:00 the same day ("day" rule).
    expect(steps[0].dueAt).toBe('2026-11-02T13:30:00+07:00');
    expect(steps[0].classification).toBe('on_time');
  });

  it('a supplement during appraisal pauses the clock; completion restarts it (legal) and stores the pause rule', async () => {
    at('2026-11-04T08:00');
    const rs = await ok('chuyenvien', id, 'request-supplement', { reason: 'Bản chụp CCCD bị mờ', items: [{ code: 'CCCD', note: 'Chụp rõ hai mặt' }] });
    expect(rs.dossier.status).toBe('supplement_requested');
    expect(rs.dossier.flags.paused).toBe(true);
    expect(rs.dossier.remaining.state).toBe('paused');
    expect(rs.dossier.remaining.textVi).toBe('Tạm dừng – chờ bổ sung');
    expect(rs.form.key).toBe('supplement_request');
    expect(rs.form.number).toBe('02');
    expect(rs.form.data.items[0]).toMatchObject({ code: 'CCCD', name: 'Bản chụp Căn cước công dân', copies: 1 });
    expect(rs.dossier.pauses[0].lateRequest).toBe(false);
    // The citizen sees the pause on the public page, without personal data.
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${code}` });
    expect(pub.json().statusLabel).toBe('Cần bổ sung hồ sơ');
    at('2026-11-09T08:00');
    const cs = await ok('tiepnhan', id, 'complete-supplement', { components: [{ code: 'CCCD', provided: true }] });
    const d = cs.dossier;
    expect(d.status).toBe('in_process');
    // calendar.md §4.5: restart → Mon 23/11 08:00; pause rule → Thu 19/11 08:00; original kept.
    expect(d.times.dueAt).toBe('2026-11-23T08:00:00+07:00');
    expect(d.times.pauseDueAt).toBe('2026-11-19T08:00:00+07:00');
    expect(d.times.originalDueAt).toBe('2026-11-16T08:00:00+07:00');
    expect(d.times.clockRestartAt).toBe('2026-11-09T08:00:00+07:00');
    expect(d.result.pausedElapsedSeconds).toBe(5 * 86400);
    const ev = d.events.find((e: any) => e.action === 'complete_supplement');
    expect(ev.dueBefore).toBe('2026-11-16T08:00:00+07:00');
    expect(ev.dueAfter).toBe('2026-11-23T08:00:00+07:00');
  });

  it('sends for parallel liên thông: per-agency deadlines and on-time/late results', async () => {
    at('2026-11-09T09:00');
    const units = fx.units;
    const lt = await ok('chuyenvien', id, 'send-interagency', {
      mode: 'parallel',
      agencies: [
        { unitId: units.get('000.00.17.H55'), task: 'Xác minh thông tin y tế', budgetHours: 16 },
        { unitId: units.get('000.00.16.H55'), task: 'Xác minh thông tin nhân sự', budgetHours: 16 },
      ],
    });
    expect(lt.dossier.status).toBe('interagency');
    const tasks = lt.dossier.steps.filter((s: any) => s.kind === 'interagency');
    expect(tasks).toHaveLength(2);
    expect(tasks.every((s: any) => s.status === 'active' && s.dueAt === '2026-11-11T09:00:00+07:00')).toBe(true);
    // The cooperating agency's specialist sees the dossier and can complete only its task.
    const nnmt = await detail(id, 'chuyenvien.nnmt');
    expect(nnmt.allowedActions.map((a: any) => a.action)).toEqual(['complete_interagency_task']);
    at('2026-11-10T09:00');
    const first = await ok('chuyenvien.nnmt', id, 'complete-interagency-task', { taskId: tasks[0].id, note: 'Đã xác minh' });
    expect(first.dossier.status).toBe('interagency');
    at('2026-11-12T10:00');
    const second = await ok('chuyenvien.nnmt', id, 'complete-interagency-task', { taskId: tasks[1].id, note: 'Đã xác minh, chậm' });
    expect(second.dossier.status).toBe('in_process');
    const done = second.dossier.steps.filter((s: any) => s.kind === 'interagency');
    expect(done.map((s: any) => s.classification)).toEqual(['early', 'late']);
    expect(done[1].overrunMinutes).toBe(8 * 60 + 60);
    // A consultation does not pause the clock.
    const c = await ok('chuyenvien', id, 'consult', { consultee: { name: 'Công an tỉnh' }, reason: 'Xin ý kiến về án tích', responseWorkingDays: 2 });
    expect(c.dossier.status).toBe('consulting');
    expect(c.dossier.flags.paused).toBe(false);
    expect(c.dossier.times.dueAt).toBe('2026-11-23T08:00:00+07:00');
    const an = await ok('chuyenvien', id, 'answer-consultation', { answer: 'Không có án tích' });
    expect(an.dossier.status).toBe('in_process');
  });

  it('approves: resolved, classified early under the legal rule and on time under QĐ 766, lateness blamed on the late agency', async () => {
    at('2026-11-20T09:00');
    const fw = await ok('chuyenvien', id, 'forward');
    expect(fw.dossier.subStatus).toBe('approving');
    const queue = await call(t.app, tok('lanhdao'), { method: 'GET', url: '/api/v1/dossiers?queue=approval' });
    expect(queue.json().items.map((x: any) => x.id)).toContain(id);
    at('2026-11-20T10:00');
    const ap = await ok('lanhdao', id, 'approve');
    const d = ap.dossier;
    expect(d.status).toBe('resolved');
    expect(d.result.endKind).toBe('resolved_approved');
    expect(d.result.classDay).toBe('early');
    expect(d.result.index766OnTime).toBe(true);
    // Appraisal (48 h + the paused time) overran at the department, and one cooperating agency was late.
    expect(d.result.lateUnits.map((u: any) => u.code).sort()).toEqual(['000.00.12.H55', '000.00.16.H55']);
    const td = d.steps.find((s: any) => s.code === 'TD');
    expect(td.dueAt).toBe('2026-11-13T10:00:00+07:00');
    expect(td.classification).toBe('late');
    expect(d.times.endedAt).toBe('2026-11-20T10:00:00+07:00');
    expect(d.holderUnit.code).toBe('000.00.01.H55');
    expect(d.events.at(-1).data.earlyReturnNotice).toBe(true);
    const ready = await call(t.app, tok('tiepnhan'), { method: 'GET', url: '/api/v1/dossiers?queue=ready_to_return' });
    expect(ready.json().items.map((x: any) => x.id)).toContain(id);
  });

  it('returns at the counter, produces the control slip and archives', async () => {
    at('2026-11-23T09:00');
    await ok('tiepnhan', id, 'notify-result', { notifyChannel: 'sms' });
    const rt = await ok('tiepnhan', id, 'return-result', { returnMode: 'counter', recipientName: 'Phạm Văn Khánh' });
    expect(rt.dossier.status).toBe('returned');
    expect(rt.dossier.times.returnedAt).toBe('2026-11-23T09:00:00+07:00');
    const slip = await call(t.app, tok('tiepnhan'), { method: 'GET', url: `/api/v1/dossiers/${id}/forms/control_slip` });
    expect(slip.statusCode).toBe(200);
    const s = slip.json();
    expect(s.number).toBe('06');
    expect(s.data.leadAgency).toBe('Sở Tư pháp');
    expect(s.data.cooperatingAgencies).toEqual(['Sở Y tế', 'Sở Nội vụ']);
    expect(s.data.rows[0].agency).toBe('Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên');
    expect(s.data.rows.at(-1).kind).toBe('return');
    expect(s.data.rows.map((r: any) => r.result)).toContain('Quá hạn');
    const ar = await ok('tiepnhan', id, 'archive');
    expect(ar.dossier.status).toBe('archived');
    const again = await act(t.app, tok('tiepnhan'), id, 'archive', { version: ar.dossier.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('illegal_transition');
    expect(again.json().error.messageVi).toContain('Đã lưu trữ');
  });

  it('public tracking shows status, timeline and appointment with the name masked and no personal data', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${code}` });
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p.applicantName).toBe('Phạm V. K.');
    expect(p.procedureName).toBe('Cấp Phiếu lý lịch tư pháp (kiểm thử)');
    expect(p.receivingUnit).toBe('Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên');
    expect(p.timeline.length).toBeGreaterThan(4);
    const body = r.body;
    for (const secret of ['019088004321', '0911222333', 'Tổ 3, phường Gia Sàng', 'Phạm Văn Khánh']) expect(body).not.toContain(secret);
    expect(Object.keys(p)).not.toContain('id');
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/public/dossiers/000.00.01.H55-261102-9999' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('online: draft → upload → submit → accept; rating after return', () => {
  let id = '';

  it('a citizen drafts, uploads the components and submits; the code is assigned at submission', async () => {
    at('2026-11-03T20:00');
    const dr = await call(t.app, tok('congdan1'), {
      method: 'POST',
      url: '/api/v1/dossiers/drafts',
      payload: { procedureId: fx.dept, receivingUnitId: fx.units.get('000.00.01.H55'), summary: 'Xin cấp Phiếu lý lịch tư pháp số 2', returnChannel: 'post', returnAddress: 'Tổ 5, phường Phan Đình Phùng' },
    });
    expect(dr.statusCode).toBe(201);
    const draft = dr.json();
    id = draft.id;
    expect(draft.status).toBe('draft');
    expect(draft.code).toBeNull();
    expect(draft.applicant.name).toBe('Nguyễn Văn An');
    expect(draft.applicant.citizenId).toBe('019090001234');
    // Submitting without the required components is a field-level 400.
    const early = await call(t.app, tok('congdan1'), { method: 'POST', url: `/api/v1/dossiers/${id}/submit`, payload: { version: draft.version } });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields.map((f: any) => f.field)).toEqual(['components.TK', 'components.CCCD']);
    // Staff cannot see a draft.
    expect((await call(t.app, tok('tiepnhan'), { method: 'GET', url: `/api/v1/dossiers/${id}` })).statusCode).toBe(404);
    const up1 = await call(t.app, tok('congdan1'), { method: 'POST', url: `/api/v1/dossiers/${id}/files?component=TK`, ...multipart('file', 'to-khai.pdf', PDF) });
    expect(up1.statusCode).toBe(201);
    const up2 = await call(t.app, tok('congdan1'), { method: 'POST', url: `/api/v1/dossiers/${id}/files?component=CCCD`, ...multipart('file', 'cccd.png', PNG) });
    expect(up2.statusCode).toBe(201);
    const file = await call(t.app, tok('congdan1'), { method: 'GET', url: `/api/v1/files/${up2.json().fileId}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    const v = up2.json().dossier.version;
    const sub = await call(t.app, tok('congdan1'), { method: 'POST', url: `/api/v1/dossiers/${id}/submit`, headers: { 'idempotency-key': 'submit-1' }, payload: { version: v } });
    expect(sub.statusCode).toBe(200);
    expect(sub.json().status).toBe('submitted');
    expect(sub.json().code).toBe('000.00.01.H55-261103-0001');
    expect(sub.json().times.submittedAt).toBe('2026-11-03T20:00:00+07:00');
    // A retry with the same key replays the first response and assigns no second code.
    const retry = await call(t.app, tok('congdan1'), { method: 'POST', url: `/api/v1/dossiers/${id}/submit`, headers: { 'idempotency-key': 'submit-1' }, payload: { version: v } });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().code).toBe('000.00.01.H55-261103-0001');
  });

  it('the counter accepts it: the legal receipt is the acceptance, late acceptance is flagged', async () => {
    const newQueue = await call(t.app, tok('tiepnhan'), { method: 'GET', url: '/api/v1/dossiers?queue=new' });
    expect(newQueue.json().items.map((x: any) => x.id)).toContain(id);
    at('2026-11-06T10:00');
    const ac = await ok('tiepnhan', id, 'accept');
    const d = ac.dossier;
    expect(d.status).toBe('received');
    expect(d.times.receivedAt).toBe('2026-11-06T10:00:00+07:00');
    expect(d.times.submittedAt).toBe('2026-11-03T20:00:00+07:00');
    expect(d.flags.acceptanceLate).toBe(true);
    expect(ac.form.key).toBe('receipt');
    expect(ac.form.data.returnAt).toBe('Nhận qua dịch vụ bưu chính công ích');
    const mine = await call(t.app, tok('congdan1'), { method: 'GET', url: '/api/v1/me/dossiers' });
    expect(mine.json().items.find((x: any) => x.id === id).status).toBe('received');
  });

  it('is processed, sent by post, delivered, and rated once', async () => {
    at('2026-11-06T11:00');
    await ok('tiepnhan', id, 'transfer');
    await ok('lanhdao', id, 'approve');
    const early = await call(t.app, tok('congdan1'), { method: 'POST', url: `/api/v1/dossiers/${id}/rating`, payload: { rating: 'satisfied' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('rating_not_open');
    const noPostal = await act(t.app, tok('tiepnhan'), id, 'send-by-post', { version: (await detail(id)).version });
    expect(noPostal.statusCode).toBe(400);
    expect(noPostal.json().error.fields[0].field).toBe('postal');
    const post = await ok('tiepnhan', id, 'send-by-post', { postal: { operator: 'VNPost', slipNo: 'EB123456789VN' } });
    expect(post.dossier.status).toBe('returning_by_post');
    at('2026-11-09T15:00');
    const del = await ok('tiepnhan', id, 'confirm-delivery', { deliveredAt: '2026-11-09T14:30:00+07:00' });
    expect(del.dossier.status).toBe('returned');
    expect(del.dossier.times.returnedAt).toBe('2026-11-09T14:30:00+07:00');
    const other = await call(t.app, tok('congdan2'), { method: 'POST', url: `/api/v1/dossiers/${id}/rating`, payload: { rating: 'dissatisfied' } });
    expect(other.statusCode).toBe(404);
    const r1 = await call(t.app, tok('congdan1'), { method: 'POST', url: `/api/v1/dossiers/${id}/rating`, payload: { rating: 'very_satisfied', comment: 'Nhanh' } });
    expect(r1.statusCode).toBe(201);
    const r2 = await call(t.app, tok('congdan1'), { method: 'POST', url: `/api/v1/dossiers/${id}/rating`, payload: { rating: 'satisfied' } });
    expect(r2.statusCode).toBe(409);
    expect(r2.json().error.code).toBe('already_rated');
    expect((await detail(id, 'congdan1')).rating.rating).toBe('very_satisfied');
  });
});

describe('postal, intake supplement, refusal, withdrawal, stop, apology', () => {
  it('postal intake: the hand-over signature is the legal receipt time; excluded procedures are refused', async () => {
    at('2026-11-05T09:00');
    const r = await counterIntake({
      channel: 'postal',
      postal: { operator: 'VNPost', slipNo: 'RR987654321VN', handoverNo: 'BB-2026-0115', signedAt: '2026-11-04T16:10:00+07:00', senderAddress: 'Xã Đại Phúc' },
      returnChannel: 'post',
      returnAddress: 'Xóm Đồng, xã Đại Phúc',
    });
    const d = r.dossier;
    expect(d.channel).toBe('postal');
    expect(d.times.receivedAt).toBe('2026-11-04T16:10:00+07:00');
    expect(d.times.clockStart).toBe('2026-11-05T07:30:00+07:00');
    expect(d.code).toBe('000.00.01.H55-261105-0001');
    expect(d.postal.handoverNo).toBe('BB-2026-0115');
    expect(r.form.data.postal.slipNo).toBe('RR987654321VN');
    const excluded = await call(t.app, tok('tiepnhan'), {
      method: 'POST',
      url: '/api/v1/dossiers',
      payload: intakeBody(fx, { procedureId: fx.noPost, channel: 'postal', postal: { operator: 'VNPost', slipNo: 'RR1', handoverNo: 'B1', signedAt: '2026-11-04T16:10:00+07:00' } }),
    });
    expect(excluded.statusCode).toBe(400);
    expect(excluded.json().error.fields[0].field).toBe('channel');
  });

  it('intake supplement (Mẫu 02) → resubmit → accept; intake refusal (Mẫu 03) keeps its code', async () => {
    at('2026-11-05T10:00');
    const r = await counterIntake({ outcome: 'supplement', reason: 'Thiếu văn bản ủy quyền', items: [{ code: 'UQ' }] });
    expect(r.dossier.status).toBe('intake_supplement');
    expect(r.dossier.times.receivedAt).toBeNull();
    expect(r.form.key).toBe('supplement_request');
    expect(r.form.data.items[0].name).toBe('Văn bản ủy quyền');
    const id = r.dossier.id;
    at('2026-11-06T08:00');
    const rs = await ok('tiepnhan', id, 'resubmit', { components: [{ code: 'UQ', provided: true, originals: 1 }] });
    expect(rs.dossier.status).toBe('submitted');
    const ac = await ok('tiepnhan', id, 'accept');
    expect(ac.dossier.times.receivedAt).toBe('2026-11-06T08:00:00+07:00');
    expect(ac.dossier.code).toBe(r.dossier.code);
    const bad = await call(t.app, tok('tiepnhan'), { method: 'POST', url: '/api/v1/dossiers', payload: intakeBody(fx, { outcome: 'supplement', reason: 'x', items: [{ code: 'GIAY_TO_LA' }] }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('items.0.code');
    const ref = await counterIntake({ outcome: 'refuse', reason: 'Không thuộc thẩm quyền giải quyết' });
    expect(ref.dossier.status).toBe('refused_at_intake');
    expect(ref.dossier.code).toMatch(/^000\.00\.01\.H55-261106-\d{4}$/);
    expect(ref.form.key).toBe('intake_refusal');
    expect(ref.form.data.reason).toBe('Không thuộc thẩm quyền giải quyết');
  });

  it('withdrawal by the applicant: requested online, confirmed at the counter; ends processing', async () => {
    at('2026-11-09T09:00');
    const dr = await call(t.app, tok('congdan2'), { method: 'POST', url: '/api/v1/dossiers/drafts', payload: { procedureId: fx.dept, receivingUnitId: fx.units.get('000.00.01.H55'), components: [{ code: 'TK', fromDataStore: true }, { code: 'CCCD', fromDataStore: true }] } });
    expect(dr.statusCode).toBe(201);
    const id = dr.json().id;
    await call(t.app, tok('congdan2'), { method: 'POST', url: `/api/v1/dossiers/${id}/submit`, payload: { version: dr.json().version } });
    await ok('tiepnhan', id, 'accept');
    await ok('tiepnhan', id, 'transfer');
    const rq = await ok('congdan2', id, 'request-withdrawal', { reason: 'Không còn nhu cầu' });
    expect(rq.dossier.status).toBe('withdrawal_requested');
    // Someone else's dossier is invisible to another citizen.
    expect((await call(t.app, tok('congdan1'), { method: 'GET', url: `/api/v1/dossiers/${id}` })).statusCode).toBe(404);
    at('2026-11-09T10:00');
    const cf = await ok('tiepnhan', id, 'confirm-withdrawal');
    expect(cf.dossier.status).toBe('withdrawn');
    expect(cf.dossier.result.endKind).toBe('withdrawn');
    expect(cf.dossier.result.classDay).toBeNull();
    expect(cf.dossier.times.endedAt).toBe('2026-11-09T10:00:00+07:00');
    expect(cf.dossier.steps.filter((s: any) => s.status === 'active')).toHaveLength(0);
  });

  it('stop with reason and legal basis (Mẫu 05 of TT 03/2025)', async () => {
    at('2026-11-10T09:00');
    const r = await counterIntake();
    const id = r.dossier.id;
    await ok('tiepnhan', id, 'transfer');
    const noBasis = await act(t.app, tok('lanhdao'), id, 'stop', { version: (await detail(id)).version, reason: 'Người nộp đã chết' });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json().error.fields.map((f: any) => f.field)).toEqual(['legalBasis']);
    const st = await ok('lanhdao', id, 'stop', { reason: 'Cơ quan có thẩm quyền đã có kết luận khác', legalBasis: 'Nghị định 118/2025/NĐ-CP' });
    expect(st.dossier.status).toBe('stopped');
    expect(st.dossier.result.endKind).toBe('stopped');
    expect(st.form.key).toBe('stop_notice');
    expect(st.form.number).toBe('05');
    expect(st.form.data.legalBasis).toBe('Nghị định 118/2025/NĐ-CP');
  });

  it('apology with a new appointment: once, at least one working day before due; original due kept', async () => {
    at('2026-11-10T09:00');
    const r = await counterIntake();
    const id = r.dossier.id;
    expect(r.dossier.times.dueAt).toBe('2026-11-24T09:00:00+07:00');
    await ok('tiepnhan', id, 'transfer');
    const tooEarlyDate = await act(t.app, tok('lanhdao'), id, 'apologise-reschedule', { version: (await detail(id)).version, reason: 'Chờ xác minh', newDueAt: '2026-11-20T09:00:00+07:00' });
    expect(tooEarlyDate.statusCode).toBe(400);
    expect(tooEarlyDate.json().error.fields[0].field).toBe('newDueAt');
    at('2026-11-20T09:00');
    const ap = await ok('lanhdao', id, 'apologise-reschedule', { reason: 'Cần xác minh thêm tại cơ quan khác', newDueAt: '2026-11-27T17:00:00+07:00' });
    expect(ap.dossier.times.rescheduledDueAt).toBe('2026-11-27T17:00:00+07:00');
    expect(ap.dossier.times.appointmentAt).toBe('2026-11-27T17:00:00+07:00');
    expect(ap.dossier.times.originalDueAt).toBe('2026-11-24T09:00:00+07:00');
    expect(ap.dossier.times.dueAt).toBe('2026-11-24T09:00:00+07:00');
    expect(ap.form.key).toBe('apology_extension');
    expect(ap.form.data.originalAppointmentTextVi).toBe('ngày 24 tháng 11 năm 2026');
    expect(ap.form.data.newAppointmentTextVi).toBe('sẽ trả kết quả vào ngày 27 tháng 11 năm 2026');
    const second = await act(t.app, tok('lanhdao'), id, 'apologise-reschedule', { version: ap.dossier.version, reason: 'Lần hai', newDueAt: '2026-12-04T17:00:00+07:00' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('reschedule_limit');
    // Another dossier, less than one working day before due: refused.
    at('2026-11-10T09:30');
    const late = await counterIntake();
    await ok('tiepnhan', late.dossier.id, 'transfer');
    at('2026-11-23T14:00');
    const tooLate = await act(t.app, tok('lanhdao'), late.dossier.id, 'apologise-reschedule', { version: (await detail(late.dossier.id)).version, reason: 'Muộn', newDueAt: '2026-11-30T09:00:00+07:00' });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().error.code).toBe('apology_too_late');
    expect(tooLate.json().error.messageVi).toContain('01 ngày làm việc');
  });

  it('a late or second supplement request is flagged; a late one needs a justification', async () => {
    at('2026-11-10T10:00');
    const r = await counterIntake();
    const id = r.dossier.id;
    await ok('tiepnhan', id, 'transfer');
    at('2026-11-16T09:00');
    const noJust = await act(t.app, tok('chuyenvien'), id, 'request-supplement', { version: (await detail(id)).version, reason: 'Thiếu', items: [{ code: 'TK' }] });
    expect(noJust.statusCode).toBe(400);
    expect(noJust.json().error.fields[0].field).toBe('justification');
    const s1 = await ok('chuyenvien', id, 'request-supplement', { reason: 'Thiếu', items: [{ code: 'TK' }], justification: 'Phát hiện khi xác minh' });
    expect(s1.dossier.flags.supplementFlagged).toBe(true);
    expect(s1.dossier.pauses[0].lateRequest).toBe(true);
    await ok('tiepnhan', id, 'complete-supplement');
    const s2 = await ok('chuyenvien', id, 'request-supplement', { reason: 'Lần hai', items: [{ code: 'CCCD' }], justification: 'Bản mới không hợp lệ' });
    expect(s2.dossier.counters.supplementCount).toBe(2);
    at('2026-11-17T09:00');
    await ok('tiepnhan', id, 'complete-supplement');
    const ap = await ok('lanhdao', id, 'approve');
    // More than one supplement ⇒ late under QĐ 766 whatever the dates.
    expect(ap.dossier.result.index766OnTime).toBe(false);
  });
});

describe('recompute after calendar edits', () => {
  it('adding a holiday moves open dues later (due_recomputed event); closed dossiers never change', async () => {
    at('2026-11-11T09:00');
    const open = await counterIntake();
    const closed = await counterIntake();
    await ok('tiepnhan', closed.dossier.id, 'transfer');
    await ok('lanhdao', closed.dossier.id, 'approve');
    const before = open.dossier.times.dueAt;
    expect(before).toBe('2026-11-25T09:00:00+07:00');
    const closedBefore = (await detail(closed.dossier.id)).times.dueAt;
    const preview = await call(t.app, tok('admin'), {
      method: 'POST',
      url: '/api/v1/calendar/preview',
      payload: { add: { date: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam', legalBasis: 'Dự kiến sửa Điều 112 Bộ luật Lao động' } },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().items.map((x: any) => x.id)).toContain(open.dossier.id);
    expect((await detail(open.dossier.id)).times.dueAt).toBe(before);
    const add = await call(t.app, tok('admin'), {
      method: 'POST',
      url: '/api/v1/calendar/days',
      payload: { date: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam', legalBasis: 'Dự kiến sửa Điều 112 Bộ luật Lao động', status: 'confirmed' },
    });
    expect(add.statusCode).toBe(201);
    const impact = add.json().recomputed.find((x: any) => x.id === open.dossier.id);
    expect(impact.appliedDue).toBe('2026-11-26T09:00:00+07:00');
    const after = await detail(open.dossier.id);
    expect(after.times.dueAt).toBe('2026-11-26T09:00:00+07:00');
    const ev = after.events.find((e: any) => e.action === 'due_recomputed');
    expect(ev.dueBefore).toBe(before);
    expect(ev.data.changeId).toBe(add.json().changeId);
    expect((await detail(closed.dossier.id)).times.dueAt).toBe(closedBefore);
    // Removing it again would make the due earlier: the printed date never moves earlier.
    const rm = await call(t.app, tok('admin'), { method: 'DELETE', url: `/api/v1/calendar/days/${add.json().day.id}?version=${add.json().day.version}&reason=Nh%E1%BA%A7m` });
    expect(rm.statusCode).toBe(200);
    expect((await detail(open.dossier.id)).times.dueAt).toBe('2026-11-26T09:00:00+07:00');
  });
});
