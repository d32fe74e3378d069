import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../../src/core/calendar/index.js';
import { dossierClock } from '../../../src/modules/dossiers/service.js';
import { createTestApp, login, call, type TestApp } from '../../helpers/testApp.js';
import { databaseKind } from '../../helpers/testDb.js';
import { EXE, PDF, PNG, act, createFixture, intakeBody, multipart, type Fixture } from './fixtures.js';

let t: TestApp;
let fx: Fixture;
const tokens: Record<string, string | null> = {};
const USERS = ['admin', 'tiepnhan', 'chuyenvien', 'lanhdao', 'tiepcongdan', 'thanhtra', 'giamsat', 'tiepnhan.pdp', 'chuyenvien.pdp', 'lanhdao.pdp', 'chuyenvien.nnmt', 'lanhdao.nnmt', 'congdan1', 'congdan2'];

function at(local: string): Date {
  const d = parseInstant(local) as Date;
  dossierClock.now = () => d;
  return d;
}

/** Department dossier (centre → Sở Tư pháp), in process. */
let A: any;
/** Commune dossier at phường Phan Đình Phùng. */
let B: any;
/** congdan1's online dossier (submitted). */
let C: any;
let fileA = '';

function filesOnDisk(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(e.name);
    }
  };
  walk(t.filesDir);
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  fx = await createFixture(t.db);
  for (const u of USERS) tokens[u] = await login(t.app, u);
  tokens.anonymous = null;
  at('2026-11-09T09:00');
  const a = await call(t.app, tokens.tiepnhan, { method: 'POST', url: '/api/v1/dossiers', payload: intakeBody(fx, { applicant: { name: 'Nguyễn Văn An', citizenId: '019090001234' } }) });
  expect(a.statusCode).toBe(201);
  const tr = await act(t.app, tokens.tiepnhan as string, a.json().dossier.id, 'transfer', { version: a.json().dossier.version });
  A = tr.json().dossier;
  const b = await call(t.app, tokens['tiepnhan.pdp'], { method: 'POST', url: '/api/v1/dossiers', payload: intakeBody(fx, { procedureId: fx.commune }) });
  expect(b.statusCode).toBe(201);
  B = b.json().dossier;
  const c = await call(t.app, tokens.congdan1, {
    method: 'POST',
    url: '/api/v1/dossiers/drafts',
    payload: { procedureId: fx.dept, receivingUnitId: fx.units.get('000.00.01.H55'), components: [{ code: 'TK', fromDataStore: true }, { code: 'CCCD', fromDataStore: true }] },
  });
  expect(c.statusCode).toBe(201);
  const s = await call(t.app, tokens.congdan1, { method: 'POST', url: `/api/v1/dossiers/${c.json().id}/submit`, payload: { version: c.json().version } });
  expect(s.statusCode).toBe(200);
  C = s.json();
  const up = await call(t.app, tokens.tiepnhan, { method: 'POST', url: `/api/v1/dossiers/${A.id}/files?component=TK`, ...multipart('file', 'to-khai.pdf', PDF) });
  expect(up.statusCode).toBe(201);
  fileA = up.json().fileId;
  A = up.json().dossier;
});
afterAll(async () => {
  dossierClock.now = () => new Date();
  await t?.close();
});

describe('authorisation matrix', () => {
  const listExpect: Record<string, number | [boolean, boolean]> = {
    admin: 403,
    tiepnhan: [true, false],
    chuyenvien: [true, false],
    lanhdao: [true, false],
    tiepcongdan: 403,
    thanhtra: 403,
    giamsat: [true, true],
    'tiepnhan.pdp': [false, true],
    'chuyenvien.pdp': [false, true],
    'lanhdao.pdp': [false, true],
    'chuyenvien.nnmt': [false, false],
    'lanhdao.nnmt': [false, false],
    congdan1: 403,
    congdan2: 403,
    anonymous: 401,
  };

  it.each(Object.entries(listExpect))('list and detail for %s', async (user, expected) => {
    const list = await call(t.app, tokens[user], { method: 'GET', url: '/api/v1/dossiers?pageSize=100' });
    const detailA = await call(t.app, tokens[user], { method: 'GET', url: `/api/v1/dossiers/${A.id}` });
    const detailB = await call(t.app, tokens[user], { method: 'GET', url: `/api/v1/dossiers/${B.id}` });
    if (typeof expected === 'number') {
      expect(list.statusCode).toBe(expected);
      if (user.startsWith('congdan')) {
        // Citizens use /me/dossiers; congdan1 sees A (registered under their CCCD), nobody else's.
        expect(detailA.statusCode).toBe(user === 'congdan1' ? 200 : 404);
        expect(detailB.statusCode).toBe(404);
      } else {
        expect([401, 403]).toContain(detailA.statusCode);
        expect([401, 403]).toContain(detailB.statusCode);
      }
      return;
    }
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((x: any) => x.id);
    expect(ids.includes(A.id)).toBe(expected[0]);
    expect(ids.includes(B.id)).toBe(expected[1]);
    // A list never shows what the detail refuses, and the other way round.
    expect(detailA.statusCode).toBe(expected[0] ? 200 : 404);
    expect(detailB.statusCode).toBe(expected[1] ? 200 : 404);
    for (const item of list.json().items) if (item.applicantCitizenId) expect(item.applicantCitizenId).toMatch(/^\*{8}\d{4}$/);
  });

  it('actions: only the right role at the right unit; others get 403, unrelated users 404', async () => {
    const body = { version: A.version, handlerId: t.seed.users.get('chuyenvien') };
    const expectations: [string, number][] = [
      ['chuyenvien', 403],
      ['tiepnhan', 403],
      ['giamsat', 403],
      ['tiepnhan.pdp', 404],
      ['lanhdao.pdp', 404],
      ['congdan2', 404],
      ['admin', 403],
      ['anonymous', 401],
    ];
    for (const [user, code] of expectations) {
      const r = await call(t.app, tokens[user], { method: 'POST', url: `/api/v1/dossiers/${A.id}/actions/assign`, payload: body });
      expect([user, r.statusCode]).toEqual([user, code]);
    }
    const ok = await call(t.app, tokens.lanhdao, { method: 'POST', url: `/api/v1/dossiers/${A.id}/actions/assign`, payload: body });
    expect(ok.statusCode).toBe(200);
    A = ok.json().dossier;
    // A citizen may not act as staff on their own dossier.
    const own = await call(t.app, tokens.congdan1, { method: 'POST', url: `/api/v1/dossiers/${C.id}/actions/accept`, payload: { version: C.version } });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.messageVi).toContain('không có quyền');
  });

  it('files: upload and download follow the dossier; others get 404', async () => {
    const cases: [string, number][] = [
      ['tiepnhan', 200],
      ['lanhdao', 200],
      ['chuyenvien', 200],
      ['giamsat', 200],
      ['tiepnhan.pdp', 404],
      ['congdan2', 404],
      ['admin', 404],
    ];
    for (const [user, code] of cases) {
      const r = await call(t.app, tokens[user], { method: 'GET', url: `/api/v1/files/${fileA}` });
      expect([user, r.statusCode]).toEqual([user, code]);
    }
    const anon = await call(t.app, null, { method: 'GET', url: `/api/v1/files/${fileA}` });
    expect(anon.statusCode).toBe(401);
    const dl = await call(t.app, tokens.tiepnhan, { method: 'GET', url: `/api/v1/files/${fileA}?download=true` });
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    const up = (user: string) => call(t.app, tokens[user], { method: 'POST', url: `/api/v1/dossiers/${A.id}/files?component=CCCD`, ...multipart('file', 'cccd.png', PNG) });
    expect((await up('congdan2')).statusCode).toBe(404);
    expect((await up('giamsat')).statusCode).toBe(403);
    expect((await up('tiepnhan.pdp')).statusCode).toBe(404);
    expect((await up('chuyenvien')).statusCode).toBe(201);
  });

  it('forms: visible with the dossier; a form never issued is 404', async () => {
    const get = (user: string, id: string, key: string) => call(t.app, tokens[user], { method: 'GET', url: `/api/v1/dossiers/${id}/forms/${key}` });
    expect((await get('tiepnhan', A.id, 'receipt')).statusCode).toBe(200);
    expect((await get('chuyenvien', A.id, 'control_slip')).statusCode).toBe(200);
    expect((await get('congdan1', A.id, 'receipt')).statusCode).toBe(200);
    expect((await get('tiepnhan.pdp', A.id, 'receipt')).statusCode).toBe(404);
    expect((await get('congdan2', A.id, 'receipt')).statusCode).toBe(404);
    expect((await get('tiepnhan.pdp', B.id, 'receipt')).statusCode).toBe(200);
    const never = await get('tiepnhan', A.id, 'stop_notice');
    expect(never.statusCode).toBe(404);
    expect(never.json().error.code).toBe('form_not_available');
    expect((await get('tiepnhan', A.id, 'no_such_form')).statusCode).toBe(400);
  });

  it('forms as documents and PDFs: the same scope, a QR code to public tracking, A4/A5 pages', async () => {
    const doc = await call(t.app, tokens.tiepnhan, { method: 'GET', url: `/api/v1/dossiers/${A.id}/forms/receipt/document` });
    expect(doc.statusCode).toBe(200);
    const d = doc.json();
    expect(d.formNumber).toMatch(/^Mẫu/);
    expect(d.agency.parent).toMatch(/^UBND tỉnh /);
    expect(d.subtitle).toBe(`Mã hồ sơ: ${A.code}`);
    const qr = d.blocks.find((b: any) => b.type === 'qr');
    expect(qr.text).toBe(`${t.app.config.publicUrl.replace(/\/$/, '')}/tra-cuu/${A.code}`);
    const table = d.blocks.find((b: any) => b.type === 'table');
    expect(table.rows.length).toBeGreaterThan(0);
    expect(table.rows[0][1]).toBe('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp');
    const pdf = await call(t.app, tokens.congdan1, { method: 'GET', url: `/api/v1/dossiers/${A.id}/forms/receipt/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${A.code}-receipt.pdf"`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const size = d.paper === 'A5' ? '419.53 595.28' : '595.28 841.89';
    expect(pdf.rawPayload.toString('latin1')).toContain(`/MediaBox [0 0 ${size}]`);
    const slip = await call(t.app, tokens.chuyenvien, { method: 'GET', url: `/api/v1/dossiers/${A.id}/forms/control_slip/pdf` });
    expect(slip.statusCode).toBe(200);
    expect((await call(t.app, tokens['tiepnhan.pdp'], { method: 'GET', url: `/api/v1/dossiers/${A.id}/forms/receipt/pdf` })).statusCode).toBe(404);
    expect((await call(t.app, tokens.congdan2, { method: 'GET', url: `/api/v1/dossiers/${A.id}/forms/receipt/document` })).statusCode).toBe(404);
    expect((await call(t.app, null, { method: 'GET', url: `/api/v1/dossiers/${A.id}/forms/receipt/pdf` })).statusCode).toBe(401);
    const never = await call(t.app, tokens.tiepnhan, { method: 'GET', url: `/api/v1/dossiers/${A.id}/forms/stop_notice/pdf` });
    expect(never.statusCode).toBe(404);
    expect(never.json().error.code).toBe('form_not_available');
  });

  it('live appointment: the dry run of intake equals the accepted receipt and writes nothing', async () => {
    const count = async () => Number((await t.db.query('select count(*) from dossiers')).rows[0].count);
    const counters = async () => (await t.db.query('select coalesce(sum(last_value),0)::int as n from dossier_code_counters')).rows[0].n;
    for (const when of ['2026-11-10T10:00', '2026-11-10T16:10', '2026-11-14T09:00']) {
      at(when);
      const before = [await count(), await counters()];
      const p = await call(t.app, tokens.tiepnhan, { method: 'GET', url: `/api/v1/dossiers/appointment?procedureId=${fx.dept}` });
      expect(p.statusCode).toBe(200);
      expect([await count(), await counters()]).toEqual(before);
      const r = await call(t.app, tokens.tiepnhan, { method: 'POST', url: '/api/v1/dossiers', payload: intakeBody(fx) });
      expect(r.statusCode).toBe(201);
      const live = p.json();
      expect([when, new Date(live.appointmentAt).toISOString()]).toEqual([when, new Date(r.json().dossier.appointmentAt).toISOString()]);
      expect(live.appointmentTextVi).toBe(r.json().form.data.appointmentTextVi);
      expect(live.legalDuration.textVi).toBe(r.json().form.data.legalDuration.textVi);
    }
    expect((await call(t.app, tokens.chuyenvien, { method: 'GET', url: `/api/v1/dossiers/appointment?procedureId=${fx.dept}` })).statusCode).toBe(403);
    expect((await call(t.app, tokens.congdan1, { method: 'GET', url: `/api/v1/dossiers/appointment?procedureId=${fx.dept}` })).statusCode).toBe(403);
    expect((await call(t.app, null, { method: 'GET', url: `/api/v1/dossiers/appointment?procedureId=${fx.dept}` })).statusCode).toBe(401);
    const bad = await call(t.app, tokens.tiepnhan, { method: 'GET', url: '/api/v1/dossiers/appointment?procedureId=nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toContain('procedureId');
    const noPost = await call(t.app, tokens.tiepnhan, { method: 'GET', url: `/api/v1/dossiers/appointment?procedureId=${fx.noPost}&channel=postal&postalSignedAt=2026-11-13T08:00` });
    expect(noPost.statusCode).toBe(400);
    expect(noPost.json().error.fields[0].field).toBe('channel');
  });

  it('handlers: the specialists and leaders of the holding unit, for staff who see the dossier', async () => {
    const r = await call(t.app, tokens.lanhdao, { method: 'GET', url: `/api/v1/dossiers/${A.id}/handlers` });
    expect(r.statusCode).toBe(200);
    const ids = r.json().items.map((x: any) => x.id);
    expect(ids).toContain(t.seed.users.get('chuyenvien'));
    expect(ids).toContain(t.seed.users.get('lanhdao'));
    expect(ids).not.toContain(t.seed.users.get('chuyenvien.pdp'));
    expect(ids).not.toContain(t.seed.users.get('tiepnhan'));
    expect(r.json().items.find((x: any) => x.id === t.seed.users.get('chuyenvien')).roles).toEqual(['specialist']);
    expect(Object.keys(r.json().items[0]).sort()).toEqual(['fullName', 'id', 'roles', 'title']);
    expect((await call(t.app, tokens.congdan1, { method: 'GET', url: `/api/v1/dossiers/${A.id}/handlers` })).statusCode).toBe(403);
    expect((await call(t.app, tokens['tiepnhan.pdp'], { method: 'GET', url: `/api/v1/dossiers/${A.id}/handlers` })).statusCode).toBe(404);
    expect((await call(t.app, null, { method: 'GET', url: `/api/v1/dossiers/${A.id}/handlers` })).statusCode).toBe(401);
  });

  it('citizens see only their own dossiers', async () => {
    const own = await call(t.app, tokens.congdan1, { method: 'GET', url: '/api/v1/me/dossiers' });
    const ids = own.json().items.map((x: any) => x.id);
    expect(ids).toEqual(expect.arrayContaining([A.id, C.id]));
    expect(ids).not.toContain(B.id);
    const other = await call(t.app, tokens.congdan2, { method: 'GET', url: '/api/v1/me/dossiers' });
    expect(other.json().items.map((x: any) => x.id)).not.toContain(C.id);
    expect((await call(t.app, tokens.congdan2, { method: 'GET', url: `/api/v1/dossiers/${C.id}` })).statusCode).toBe(404);
    expect((await call(t.app, tokens.tiepnhan, { method: 'GET', url: '/api/v1/me/dossiers' })).statusCode).toBe(403);
  });

  it('applicant look-up by CCCD: counter officers only, masked and logged', async () => {
    const r = await call(t.app, tokens.tiepnhan, { method: 'GET', url: '/api/v1/applicants/019090001234/dossiers' });
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((x: any) => x.id)).toContain(A.id);
    expect(r.json().applicant.citizenId).toBe('********1234');
    expect(r.body).not.toContain('019090001234');
    const log = await t.db.query("select entity_id, actor_id from audit_log where action='applicant.lookup'");
    expect(log.rows).toEqual([{ entity_id: '********1234', actor_id: t.seed.users.get('tiepnhan') }]);
    expect((await call(t.app, tokens.chuyenvien, { method: 'GET', url: '/api/v1/applicants/019090001234/dossiers' })).statusCode).toBe(403);
    expect((await call(t.app, tokens.congdan1, { method: 'GET', url: '/api/v1/applicants/019090001234/dossiers' })).statusCode).toBe(403);
    const bad = await call(t.app, tokens.tiepnhan, { method: 'GET', url: '/api/v1/applicants/12345/dossiers' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].messageVi).toContain('12 chữ số');
  });

  it('queue counts are scoped to the user', async () => {
    const c1 = (await call(t.app, tokens.tiepnhan, { method: 'GET', url: '/api/v1/dossiers/queue-counts' })).json();
    expect(c1.new).toBeGreaterThanOrEqual(1); // C, submitted online, waits for acceptance
    const c2 = (await call(t.app, tokens['tiepnhan.pdp'], { method: 'GET', url: '/api/v1/dossiers/queue-counts' })).json();
    expect(c2.in_progress).toBe(1); // B only
    expect((await call(t.app, tokens.congdan1, { method: 'GET', url: '/api/v1/dossiers/queue-counts' })).statusCode).toBe(403);
  });
});

describe('bad input on every write route', () => {
  const post = (url: string, payload: unknown, user = 'tiepnhan', headers: Record<string, string> = {}) =>
    call(t.app, tokens[user], { method: 'POST', url, payload: payload as any, headers });
  const fields = (r: any) => r.json().error.fields.map((f: any) => f.field);

  it('intake: missing, wrong type, too long, unknown field, malformed JSON, forged ids, wrong unit', async () => {
    const before = Number((await t.db.query('select count(*)::int n from dossiers')).rows[0].n);
    const missing = await post('/api/v1/dossiers', { applicant: { name: 'A B' }, components: [], outcome: 'accept' });
    expect(missing.statusCode).toBe(400);
    expect(fields(missing)).toContain('procedureId');
    expect(missing.json().error.fields[0].messageVi).toBeTruthy();
    const wrongType = await post('/api/v1/dossiers', intakeBody(fx, { components: 'TK' }));
    expect(wrongType.statusCode).toBe(400);
    expect(fields(wrongType).every((f: string) => f.startsWith('components'))).toBe(true);
    const tooLong = await post('/api/v1/dossiers', intakeBody(fx, { applicant: { name: 'x'.repeat(201) } }));
    expect(tooLong.statusCode).toBe(400);
    expect(fields(tooLong)).toContain('applicant.name');
    const extra = await post('/api/v1/dossiers', { ...intakeBody(fx), status: 'resolved' });
    expect(extra.statusCode).toBe(400);
    const json = await call(t.app, tokens.tiepnhan, { method: 'POST', url: '/api/v1/dossiers', headers: { 'content-type': 'application/json' }, payload: '{"procedureId":' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('malformed_json');
    const forged = await post('/api/v1/dossiers', intakeBody(fx, { procedureId: '00000000-0000-4000-8000-000000000000' }));
    expect(forged.statusCode).toBe(400);
    expect(fields(forged)).toEqual(['procedureId']);
    const notUuid = await post('/api/v1/dossiers', intakeBody(fx, { procedureId: 'abc' }));
    expect(notUuid.statusCode).toBe(400);
    const wrongUnit = await post('/api/v1/dossiers', intakeBody(fx, { receivingUnitId: fx.units.get('000.20.01.H55') }));
    expect(wrongUnit.statusCode).toBe(400);
    expect(fields(wrongUnit)).toEqual(['receivingUnitId']);
    const badCccd = await post('/api/v1/dossiers', intakeBody(fx, { applicant: { name: 'Lê Văn C', citizenId: '12345' } }));
    expect(badCccd.statusCode).toBe(400);
    expect(fields(badCccd)).toEqual(['applicant.citizenId']);
    const badComp = await post('/api/v1/dossiers', intakeBody(fx, { components: [{ code: 'KHONG_CO' }] }));
    expect(badComp.statusCode).toBe(400);
    expect(fields(badComp)).toEqual(['components.0.code']);
    const noReason = await post('/api/v1/dossiers', intakeBody(fx, { outcome: 'refuse' }));
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason)).toEqual(['reason']);
    const postNoAddress = await post('/api/v1/dossiers', intakeBody(fx, { returnChannel: 'post' }));
    expect(postNoAddress.statusCode).toBe(400);
    const futurePostal = await post('/api/v1/dossiers', intakeBody(fx, { channel: 'postal', postal: { operator: 'VNPost', slipNo: 'RR1', handoverNo: 'B1', signedAt: '2030-01-01T08:00:00+07:00' } }));
    expect(futurePostal.statusCode).toBe(400);
    expect(fields(futurePostal)).toEqual(['postal.signedAt']);
    expect((await post('/api/v1/dossiers', intakeBody(fx), 'congdan1')).statusCode).toBe(403);
    expect((await post('/api/v1/dossiers', intakeBody(fx), 'chuyenvien')).statusCode).toBe(403);
    // Nothing was half-written, and no code was consumed.
    expect(Number((await t.db.query('select count(*)::int n from dossiers')).rows[0].n)).toBe(before);
  });

  it('drafts and draft edits', async () => {
    const wrongUnit = await post('/api/v1/dossiers/drafts', { procedureId: fx.dept, receivingUnitId: fx.units.get('000.00.12.H55') }, 'congdan2');
    expect(wrongUnit.statusCode).toBe(400);
    expect(fields(wrongUnit)).toEqual(['receivingUnitId']);
    expect((await post('/api/v1/dossiers/drafts', { procedureId: fx.dept, receivingUnitId: fx.units.get('000.00.01.H55') }, 'tiepnhan')).statusCode).toBe(403);
    const d = await post('/api/v1/dossiers/drafts', { procedureId: fx.dept, receivingUnitId: fx.units.get('000.00.01.H55') }, 'congdan2');
    expect(d.statusCode).toBe(201);
    const id = d.json().id;
    const ok = await call(t.app, tokens.congdan2, { method: 'PATCH', url: `/api/v1/dossiers/${id}`, payload: { version: 1, summary: 'Xin cấp phiếu', applicant: { phone: '0987000111' } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().applicant.phone).toBe('0987000111');
    const stale = await call(t.app, tokens.congdan2, { method: 'PATCH', url: `/api/v1/dossiers/${id}`, payload: { version: 1, summary: 'Cũ' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const badEmail = await call(t.app, tokens.congdan2, { method: 'PATCH', url: `/api/v1/dossiers/${id}`, payload: { version: 2, applicant: { email: 'khong-phai-email' } } });
    expect(badEmail.statusCode).toBe(400);
    const other = await call(t.app, tokens.congdan1, { method: 'PATCH', url: `/api/v1/dossiers/${id}`, payload: { version: 2, summary: 'x' } });
    expect(other.statusCode).toBe(404);
    const notDraft = await call(t.app, tokens.congdan1, { method: 'PATCH', url: `/api/v1/dossiers/${C.id}`, payload: { version: C.version, summary: 'x' } });
    expect(notDraft.statusCode).toBe(409);
  });

  it('actions: version, unknown action, forged references, malformed values', async () => {
    const cur = (await call(t.app, tokens.lanhdao, { method: 'GET', url: `/api/v1/dossiers/${A.id}` })).json();
    const noVersion = await post(`/api/v1/dossiers/${A.id}/actions/stop`, { reason: 'x', legalBasis: 'y' }, 'lanhdao');
    expect(noVersion.statusCode).toBe(400);
    expect(fields(noVersion)).toContain('version');
    const unknown = await post(`/api/v1/dossiers/${A.id}/actions/teleport`, { version: cur.version }, 'lanhdao');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('unknown_action');
    const forgedHandler = await post(`/api/v1/dossiers/${A.id}/actions/assign`, { version: cur.version, handlerId: t.seed.users.get('chuyenvien.pdp') }, 'lanhdao');
    expect(forgedHandler.statusCode).toBe(400);
    expect(fields(forgedHandler)).toEqual(['handlerId']);
    const forgedUnit = await post(`/api/v1/dossiers/${A.id}/actions/send-interagency`, { version: cur.version, agencies: [{ unitId: '00000000-0000-4000-8000-000000000000', task: 'Xác minh', budgetHours: 8 }] }, 'lanhdao');
    expect(forgedUnit.statusCode).toBe(400);
    expect(fields(forgedUnit)).toEqual(['agencies.0.unitId']);
    const badDate = await post(`/api/v1/dossiers/${A.id}/actions/apologise-reschedule`, { version: cur.version, reason: 'x', newDueAt: '31/12/2026' }, 'lanhdao');
    expect(badDate.statusCode).toBe(400);
    expect(fields(badDate)).toEqual(['newDueAt']);
    const badItems = await post(`/api/v1/dossiers/${A.id}/actions/request-supplement`, { version: cur.version, reason: 'x', items: [{ code: 'SO_DO' }] }, 'lanhdao');
    expect(badItems.statusCode).toBe(400);
    expect(fields(badItems)).toEqual(['items.0.code']);
    expect(badItems.json().error.fields[0].messageVi).toContain('không có trong danh mục');
    const negative = await post(`/api/v1/dossiers/${A.id}/actions/send-interagency`, { version: cur.version, agencies: [{ unitId: fx.units.get('000.00.17.H55'), task: 'Xác minh', budgetHours: -1 }] }, 'lanhdao');
    expect(negative.statusCode).toBe(400);
    const badId = await post('/api/v1/dossiers/not-a-uuid/actions/stop', { version: 1 }, 'lanhdao');
    expect(badId.statusCode).toBe(400);
    const none = await post('/api/v1/dossiers/00000000-0000-4000-8000-000000000000/actions/stop', { version: 1, reason: 'x', legalBasis: 'y' }, 'lanhdao');
    expect(none.statusCode).toBe(404);
    const illegal = await post(`/api/v1/dossiers/${A.id}/actions/return-result`, { version: cur.version }, 'tiepnhan');
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.code).toBe('illegal_transition');
    expect(illegal.json().error.message).toContain('In process');
    expect(illegal.json().error.messageVi).toContain('Đang xử lý');
    // None of these changed the dossier.
    const after = (await call(t.app, tokens.lanhdao, { method: 'GET', url: `/api/v1/dossiers/${A.id}` })).json();
    expect(after.version).toBe(cur.version);
    expect(after.events.length).toBe(cur.events.length);
  });

  it('uploads: oversized → 413, executable and mismatched types → 400; nothing left behind', async () => {
    const rowsBefore = Number((await t.db.query('select count(*)::int n from files')).rows[0].n);
    const diskBefore = filesOnDisk().length;
    const up = (name: string, buf: Buffer, component = 'UQ') =>
      call(t.app, tokens.tiepnhan, { method: 'POST', url: `/api/v1/dossiers/${A.id}/files?component=${component}`, ...multipart('file', name, buf) });
    const big = await up('lon.pdf', Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024 + 10, 0x20)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.fields[0].field).toBe('file');
    const exe = await up('setup.exe', EXE);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.code).toBe('executable_rejected');
    const disguised = await up('to-khai.pdf', EXE);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().error.code).toBe('executable_rejected');
    const mismatch = await up('anh.pdf', PNG);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.code).toBe('type_mismatch');
    const text = await up('ghi-chu.txt', Buffer.from('xin chào'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error.code).toBe('unsupported_file_type');
    const noComp = await up('a.pdf', PDF, 'KHONG_CO');
    expect(noComp.statusCode).toBe(400);
    const notMultipart = await call(t.app, tokens.tiepnhan, { method: 'POST', url: `/api/v1/dossiers/${A.id}/files?component=UQ`, payload: { file: 'x' } });
    expect(notMultipart.statusCode).toBe(400);
    expect(Number((await t.db.query('select count(*)::int n from files')).rows[0].n)).toBe(rowsBefore);
    expect(filesOnDisk().length).toBe(diskBefore);
    // The same content uploaded twice is stored once on disk (content-addressed), with two rows.
    const one = await up('uq-1.pdf', PDF);
    const two = await up('uq-2.pdf', PDF);
    expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
    expect(filesOnDisk().length).toBe(diskBefore);
    const sha = (await t.db.query('select distinct sha256 from files where id = any($1::uuid[])', [[one.json().fileId, two.json().fileId]])).rows;
    expect(sha).toHaveLength(1);
  });

  it('ratings, public look-up', async () => {
    const bad = await post(`/api/v1/dossiers/${C.id}/rating`, { rating: 'excellent' }, 'congdan1');
    expect(bad.statusCode).toBe(400);
    const tooShort = await t.app.inject({ method: 'GET', url: '/api/v1/public/dossiers/abc' });
    expect(tooShort.statusCode).toBe(400);
    const injected = await t.app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${encodeURIComponent("x' or 1=1 --")}` });
    expect(injected.statusCode).toBe(400);
  });
});

describe('concurrency and idempotency', () => {
  it('two officers acting on one dossier at once: one succeeds, the other gets 409 stale_version', async () => {
    at('2026-11-10T09:00');
    const r = await call(t.app, tokens.tiepnhan, { method: 'POST', url: '/api/v1/dossiers', payload: intakeBody(fx) });
    const d = (await act(t.app, tokens.tiepnhan as string, r.json().dossier.id, 'transfer', { version: 1 })).json().dossier;
    const [x, y] = await Promise.all([
      act(t.app, tokens.lanhdao as string, d.id, 'assign', { version: d.version, handlerId: t.seed.users.get('chuyenvien') }),
      act(t.app, tokens.chuyenvien as string, d.id, 'consult', { version: d.version, consultee: { name: 'Công an tỉnh' }, reason: 'Xin ý kiến', responseWorkingDays: 2 }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    expect([x, y].find((z) => z.statusCode === 409)!.json().error.code).toBe('stale_version');
    const ev = await t.db.query('select count(*)::int n from dossier_events where dossier_id=$1', [d.id]);
    expect(ev.rows[0].n).toBe(4); // register, accept, transfer, and exactly one of the two
  });

  it('50 parallel intakes at one unit give 50 distinct consecutive codes', async () => {
    at('2026-11-12T10:00');
    const rs = await Promise.all(Array.from({ length: 50 }, () => call(t.app, tokens.tiepnhan, { method: 'POST', url: '/api/v1/dossiers', payload: intakeBody(fx) })));
    expect(rs.map((r) => r.statusCode).every((s) => s === 201)).toBe(true);
    const codes = rs.map((r) => r.json().dossier.code as string);
    expect(new Set(codes).size).toBe(50);
    const seqs = codes.map((c) => Number(c.split('-')[2])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(codes.every((c) => c.startsWith('000.00.01.H55-261112-'))).toBe(true);
    const regs = rs.map((r) => r.json().dossier.id);
    const nos = (await t.db.query('select register_no from dossiers where id = any($1::uuid[]) order by register_no', [regs])).rows.map((x: any) => x.register_no);
    expect(new Set(nos).size).toBe(50);
    expect(nos[49] - nos[0]).toBe(49);
  });

  it('an Idempotency-Key retry creates one dossier; another body under the same key is 422', async () => {
    at('2026-11-13T10:00');
    const body = intakeBody(fx, { summary: 'Idempotency' });
    const headers = { 'idempotency-key': 'intake-abc-1' };
    const [first, second] = await Promise.all([
      call(t.app, tokens.tiepnhan, { method: 'POST', url: '/api/v1/dossiers', payload: body, headers }),
      call(t.app, tokens.tiepnhan, { method: 'POST', url: '/api/v1/dossiers', payload: body, headers }),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(first.json().dossier.id).toBe(second.json().dossier.id);
    const third = await call(t.app, tokens.tiepnhan, { method: 'POST', url: '/api/v1/dossiers', payload: body, headers });
    expect(third.json().dossier.code).toBe(first.json().dossier.code);
    const n = await t.db.query("select count(*)::int n from dossiers where summary='Idempotency'");
    expect(n.rows[0].n).toBe(1);
    const other = await call(t.app, tokens.tiepnhan, { method: 'POST', url: '/api/v1/dossiers', payload: { ...body, summary: 'Khác' }, headers });
    expect(other.statusCode).toBe(422);
  });

  it('the event log is append-only', async () => {
    const trg = await t.db.query(`select tgname from pg_trigger where tgrelid = 'dossier_events'::regclass and not tgisinternal`);
    expect(trg.rows.map((r: any) => r.tgname)).toEqual(['dossier_events_append_only']);
    // Exercised on PostgreSQL only: on PGlite an exception raised in a trigger drops the socket connection.
    if (databaseKind() === 'postgres') {
      await expect(t.db.query('update dossier_events set reason = $1', ['sửa'])).rejects.toThrow(/append-only/);
      await expect(t.db.query('delete from dossier_events')).rejects.toThrow(/append-only/);
    }
  });

  it('public tracking is rate-limited', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await t.app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${B.code}` })).statusCode;
    expect(last).toBe(429);
  });
});
