import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerLeaves } from '../../../src/core/reports/index.js';
import { toLocalParts } from '../../../src/core/calendar/index.js';
import { EXPORT_HEADER } from '../../../src/modules/reports/excel.js';
import { CLASS_766_SQL, CLASS_LEGAL_SQL } from '../../../src/modules/reports/queries.js';
import { call, createTestApp, login, type TestApp } from '../../helpers/testApp.js';
import { insertDossiers, insertEvent, insertPause, insertStep, reportCatalogue, type Catalogue, type DossierSpec } from './fixtures.js';

let t: TestApp;
let cat: Catalogue;
let u: (code: string) => string;
const T = 'H55';
const OCT = 'from=2026-10-01&to=2026-11-01';

// Ids of a few dossiers the tests look up.
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  u = (code) => {
    const id = t.seed.units.get(code);
    if (!id) throw new Error(`unit ${code} missing`);
    return id;
  };
  cat = await reportCatalogue(t.db, T);
  const PDP = u('000.20.01.H55');
  const GS = u('000.20.02.H55');
  const TT = u('000.00.01.H55');
  const TP = u('000.00.12.H55');

  // Field A at PDP: the §9.3 vector, 12 early, 5 on time, 3 late (one of them refused after appraisal).
  const a: DossierSpec[] = [];
  const channels: (1 | 2 | 3)[] = [...Array(8).fill(1), ...Array(10).fill(2), ...Array(2).fill(3)];
  for (let i = 0; i < 20; i++) {
    const base = { procedure: 'RPTA', unit: PDP, channel: channels[i], receivedAt: '2026-10-05T09:00:00+07:00', originalDueAt: '2026-10-20T17:00:00+07:00' };
    if (i < 12) a.push({ ...base, endedAt: '2026-10-15T10:00:00+07:00', endKind: 'resolved_approved', returnedAt: i < 10 ? '2026-10-16T09:00:00+07:00' : null });
    else if (i < 17) a.push({ ...base, endedAt: i === 16 ? '2026-10-20T17:00:00+07:00' : '2026-10-20T08:00:00+07:00', endKind: 'resolved_approved', returnedAt: '2026-10-21T09:00:00+07:00' });
    else a.push({ ...base, endedAt: '2026-10-21T09:00:00+07:00', endKind: i === 19 ? 'resolved_refused' : 'resolved_approved' });
  }
  await insertDossiers(t.db, T, cat, a);

  // Field B at PDP: every counting rule of §9.2 once.
  const B = (s: Partial<DossierSpec>): DossierSpec => ({ procedure: 'RPTB', unit: PDP, receivedAt: null, ...s });
  const [b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12] = await insertDossiers(t.db, T, cat, [
    B({ receivedAt: '2026-09-20T10:00:00+07:00', originalDueAt: '2026-10-10T17:00:00+07:00' }),
    B({ receivedAt: '2026-09-25T10:00:00+07:00', originalDueAt: '2026-10-05T17:00:00+07:00', endedAt: '2026-10-03T10:00:00+07:00', endKind: 'resolved_approved', returnedAt: '2026-10-04T10:00:00+07:00' }),
    B({ receivedAt: '2026-09-10T10:00:00+07:00', originalDueAt: '2026-09-30T17:00:00+07:00', endedAt: '2026-09-28T10:00:00+07:00', endKind: 'resolved_approved' }),
    B({ channel: 2, receivedAt: '2026-10-10T10:00:00+07:00', originalDueAt: '2026-11-20T17:00:00+07:00' }),
    B({ channel: 3, receivedAt: '2026-10-12T10:00:00+07:00', originalDueAt: '2026-10-20T17:00:00+07:00', status: 'supplement_requested' }),
    B({ receivedAt: '2026-10-02T10:00:00+07:00', originalDueAt: '2026-10-20T17:00:00+07:00', endedAt: '2026-10-10T10:00:00+07:00', endKind: 'withdrawn' }),
    B({ receivedAt: '2026-10-03T10:00:00+07:00', originalDueAt: '2026-10-20T17:00:00+07:00', endedAt: '2026-10-12T10:00:00+07:00', endKind: 'stopped' }),
    B({ receivedAt: '2026-10-20T10:00:00+07:00', originalDueAt: '2026-10-25T17:00:00+07:00', endedAt: '2026-11-05T10:00:00+07:00', endKind: 'resolved_approved' }),
    B({ receivedAt: '2026-11-02T10:00:00+07:00', originalDueAt: '2026-11-20T17:00:00+07:00' }),
    B({
      code: '000.20.01.H55-261001-0001',
      receivedAt: '2026-10-01T00:00:00+07:00',
      originalDueAt: '2026-11-10T17:00:00+07:00',
      endedAt: '2026-11-01T00:00:00+07:00',
      endKind: 'resolved_approved',
      applicantName: 'Lê Thị Sổ',
      applicantCitizenId: '001099012345',
      applicantPhone: '0987000001',
      applicantAddress: 'Tổ 3, phường Phan Đình Phùng',
      transferredAt: '2026-10-01T08:00:00+07:00',
    }),
    B({ status: 'refused_at_intake' }),
    B({ receivedAt: '2026-10-05T10:00:00+07:00', originalDueAt: '2026-12-01T17:00:00+07:00' }),
  ]);
  Object.assign(ids, { b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12 });
  await insertPause(t.db, T, b5, '2026-10-15T10:00:00+07:00', null);
  await insertPause(t.db, T, b12, '2026-10-06T10:00:00+07:00', '2026-10-08T10:00:00+07:00');
  await insertEvent(t.db, T, b11, 'refuse_intake', '2026-10-07T10:00:00+07:00', 'refused_at_intake');

  // Gia Sàng: two resolved early; liên thông children (at Gia Sàng and at Sở Tư pháp) never count.
  const [g1] = await insertDossiers(t.db, T, cat, [
    { procedure: 'RPTA', unit: GS, receivedAt: '2026-10-06T09:00:00+07:00', originalDueAt: '2026-10-20T17:00:00+07:00', endedAt: '2026-10-08T09:00:00+07:00', endKind: 'resolved_approved' },
    { procedure: 'RPTA', unit: GS, receivedAt: '2026-10-06T10:00:00+07:00', originalDueAt: '2026-10-20T17:00:00+07:00', endedAt: '2026-10-08T10:00:00+07:00', endKind: 'resolved_approved' },
  ]);
  await insertDossiers(t.db, T, cat, [
    { procedure: 'RPTA', unit: GS, origin: g1, receivedAt: '2026-10-06T11:00:00+07:00', originalDueAt: '2026-10-10T17:00:00+07:00' },
    { procedure: 'RPTA', unit: TP, origin: g1, receivedAt: '2026-10-07T11:00:00+07:00', originalDueAt: '2026-10-10T17:00:00+07:00', endedAt: '2026-10-09T10:00:00+07:00', endKind: 'resolved_approved' },
  ]);

  // The provincial centre receives for Sở Tư pháp (competent unit).
  const tt = await insertDossiers(t.db, T, cat, [
    { procedure: 'RPTB', unit: TT, competent: TP, receivedAt: '2026-10-08T09:00:00+07:00', originalDueAt: '2026-10-20T17:00:00+07:00', endedAt: '2026-10-09T09:00:00+07:00', endKind: 'resolved_approved', applicantPhone: '0912000111', applicantAddress: 'Số 1 Hoàng Văn Thụ' },
    { procedure: 'RPTB', unit: TT, competent: TP, receivedAt: '2026-10-08T10:00:00+07:00', originalDueAt: '2026-10-20T17:00:00+07:00', endedAt: '2026-10-09T10:00:00+07:00', endKind: 'resolved_approved', applicantPhone: '0912000111' },
    { procedure: 'RPTB', unit: TT, competent: TP, receivedAt: '2026-10-08T11:00:00+07:00', originalDueAt: '2026-10-30T17:00:00+07:00', applicantPhone: '0912000111' },
  ]);
  ids.tt0 = tt[0];
});
afterAll(async () => t?.close());

async function report(user: string, query: string) {
  return call(t.app, await login(t.app, user), { method: 'GET', url: `/api/v1/reports/dossiers?${query}` });
}

const row = (body: any, code: string) => body.rows.find((r: any) => r.group.code === code);

describe('standard table (one-stop.md §9)', () => {
  it('gives the §9.3 vector: early 12, on time 5, late 3 → 85.00', async () => {
    const r = await report('lanhdao.pdp', `unit=000.20.01.H55&${OCT}&groupBy=field`);
    expect(r.statusCode).toBe(200);
    const a = row(r.json(), 'RPTA');
    expect(a).toMatchObject({
      carriedOver: 0,
      received: 20,
      receivedCounter: 8,
      receivedOnline: 10,
      receivedPostal: 2,
      toProcess: 20,
      resolved: 20,
      early: 12,
      onTime: 5,
      late: 3,
      refused: 1,
      returned: 15,
      notReturned: 5,
      inProgress: 0,
      ontimePct: 85,
      ontimePctText: '85.00',
    });
    expect(a.invariant.holds).toBe(true);
    expect(r.json().formula.formula).toBe('(early + on_time) / resolved × 100');
    expect(r.json().period.fromAt).toBe('2026-10-01T00:00:00+07:00');
  });

  it('applies each counting rule at the period boundaries', async () => {
    const r = await report('tiepnhan.pdp', `unit=000.20.01.H55&${OCT}`);
    expect(r.statusCode).toBe(200);
    const b = row(r.json(), 'RPTB');
    expect(b).toMatchObject({
      carriedOver: 2,
      received: 7,
      receivedCounter: 5,
      receivedOnline: 1,
      receivedPostal: 1,
      toProcess: 9,
      resolved: 1,
      early: 1,
      onTime: 0,
      late: 0,
      returned: 1,
      withdrawn: 1,
      stopped: 1,
      inProgress: 6,
      waitingSupplement: 1,
      overdue: 2,
      notYetDue: 3,
      refusedAtIntake: 1,
      ontimePct: 100,
    });
    expect(b.invariant).toEqual({ holds: true, left: 9, right: 9 });
    const total = r.json().total;
    expect(total.received).toBe(27);
    expect(total.refusedAtIntake).toBe(1);
    expect(total.invariant.holds).toBe(true);
  });

  it('includes communes and departments in a province, counts a liên thông dossier once', async () => {
    const r = await report('giamsat', `unit=000.00.00.H55&${OCT}&groupBy=unit`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total.received).toBe(20 + 7 + 2 + 3);
    expect(body.total.carriedOver).toBe(2);
    expect(body.total.resolved).toBe(25);
    expect(body.total.early).toBe(17);
    expect(body.total.ontimePct).toBe(88);
    expect(body.total.invariant.holds).toBe(true);
    const pdp = row(body, '000.20.01.H55');
    const gs = row(body, '000.20.02.H55');
    const tp = row(body, '000.00.12.H55');
    expect(pdp.received).toBe(27);
    expect(gs.received).toBe(2);
    expect(gs.inProgress).toBe(0);
    expect(tp.received).toBe(0);
    expect(tp.resolved).toBe(0);
    // Every direct child of the province is a row, zeros included; the province itself first.
    expect(body.rows[0].group.code).toBe('000.00.00.H55');
    expect(row(body, '000.00.17.H55').received).toBe(0);
  });

  it('attributes by competent unit on request', async () => {
    const byReceiving = await report('lanhdao', `unit=000.00.12.H55&${OCT}`);
    expect(byReceiving.json().total.received).toBe(0);
    const byCompetent = await report('lanhdao', `unit=000.00.12.H55&${OCT}&by=competent&groupBy=procedure`);
    expect(byCompetent.statusCode).toBe(200);
    const tot = byCompetent.json().total;
    expect(tot).toMatchObject({ received: 3, resolved: 2, early: 2, inProgress: 1, overdue: 1 });
    expect(byCompetent.json().rows[0].group.code).toBe('RPT.000002');
  });

  it('shows no rate ("—") when nothing was resolved', async () => {
    const r = await report('admin', `unit=000.00.17.H55&${OCT}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().total.resolved).toBe(0);
    expect(r.json().total.ontimePct).toBeNull();
    expect(r.json().total.ontimePctText).toBe('—');
    expect(r.json().rows).toEqual([]);
  });

  it('uses the QĐ 766 verdicts with rule=index766', async () => {
    const PDP = u('000.20.01.H55');
    await insertDossiers(t.db, T, cat, [
      // X: before the original due, but two supplement requests: legally early, late for 766 (frozen verdict).
      { procedure: 'RPTA', unit: PDP, receivedAt: '2026-08-03T09:00:00+07:00', originalDueAt: '2026-08-20T17:00:00+07:00', endedAt: '2026-08-10T09:00:00+07:00', endKind: 'resolved_approved', supplementCount: 2, index766OnTime: false },
      // Y, Z: after the original due, before the due once the supplement wait is subtracted.
      { procedure: 'RPTA', unit: PDP, receivedAt: '2026-08-03T09:00:00+07:00', originalDueAt: '2026-08-05T17:00:00+07:00', pauseDueAt: '2026-08-12T17:00:00+07:00', endedAt: '2026-08-10T09:00:00+07:00', endKind: 'resolved_approved', supplementCount: 1 },
      { procedure: 'RPTA', unit: PDP, receivedAt: '2026-08-03T09:00:00+07:00', originalDueAt: '2026-08-05T17:00:00+07:00', pauseDueAt: '2026-08-12T17:00:00+07:00', endedAt: '2026-08-10T09:00:00+07:00', endKind: 'resolved_approved', supplementCount: 1, index766OnTime: true },
      // W: open at the end of August; overdue against the original due, not against the pause due.
      { procedure: 'RPTA', unit: PDP, receivedAt: '2026-08-20T09:00:00+07:00', originalDueAt: '2026-08-25T17:00:00+07:00', pauseDueAt: '2026-09-05T17:00:00+07:00', supplementCount: 1 },
    ]);
    const aug = 'unit=000.20.01.H55&from=2026-08-01&to=2026-09-01';
    const legal = await report('lanhdao.pdp', aug);
    const i766 = await report('lanhdao.pdp', `${aug}&rule=index766`);
    expect(legal.json().total).toMatchObject({ resolved: 3, early: 1, onTime: 0, late: 2, ontimePct: 33.33, inProgress: 1, overdue: 1, notYetDue: 0 });
    expect(i766.json().total).toMatchObject({ resolved: 3, early: 2, onTime: 0, late: 1, ontimePct: 66.67, inProgress: 1, overdue: 0, notYetDue: 1 });
    expect(i766.json().rule).toBe('index766');
    expect(i766.json().ruleDescription.vi).toMatch(/766/);
  });
});

describe('index design', () => {
  it('classifies with exactly the expressions stored in the report index (migration 0040)', async () => {
    const squash = (x: string) => x.replace(/\s+/g, ' ').trim();
    const migration = squash(fs.readFileSync(new URL('../../../src/db/migrations/0040_reports.sql', import.meta.url), 'utf8'));
    expect(migration).toContain(`(${squash(CLASS_LEGAL_SQL)})`);
    expect(migration).toContain(`(${squash(CLASS_766_SQL)})`);
    // The database agrees: both expressions are key columns of dossiers_report_span.
    const def = squash((await t.db.query(`select indexdef from pg_indexes where indexname = 'dossiers_report_span'`)).rows[0].indexdef as string);
    expect(def).toMatch(/CASE WHEN \(ended_at > original_due_at\) THEN 2 WHEN/);
    expect(def).toMatch(/CASE WHEN COALESCE\(\(NOT index766_on_time\)/);
    expect(def).toMatch(/WHERE \(\(origin_dossier_id IS NULL\) AND \(received_at IS NOT NULL\)\)/);
  });
});

describe('authorisation and bad input', () => {
  it('refuses citizens, staff outside the unit and specialists; lets the province supervisor in', async () => {
    expect((await report('congdan1', `unit=000.20.01.H55&${OCT}`)).statusCode).toBe(403);
    expect((await report('lanhdao.pdp', `unit=000.20.02.H55&${OCT}`)).statusCode).toBe(403);
    expect((await report('lanhdao.pdp', `unit=000.00.00.H55&${OCT}`)).statusCode).toBe(403);
    expect((await report('lanhdao', `unit=000.20.01.H55&${OCT}`)).statusCode).toBe(403);
    expect((await report('chuyenvien.pdp', `unit=000.20.01.H55&${OCT}`)).statusCode).toBe(403);
    expect((await report('giamsat', `unit=000.20.02.H55&${OCT}`)).statusCode).toBe(200);
    const anon = await t.app.inject({ method: 'GET', url: `/api/v1/reports/dossiers?unit=000.20.01.H55&${OCT}` });
    expect(anon.statusCode).toBe(401);
    const forbidden = await report('lanhdao.pdp', `unit=000.20.02.H55&${OCT}`);
    expect(forbidden.json().error.messageVi).toMatch(/phạm vi/);
  });

  it('gives field-level 400s in both languages', async () => {
    const fields = async (q: string) => {
      const r = await report('giamsat', q);
      expect(r.statusCode).toBe(400);
      const e = r.json().error;
      for (const f of e.fields) {
        expect(f.message).toBeTruthy();
        expect(f.messageVi).toBeTruthy();
      }
      return e.fields.map((f: any) => f.field);
    };
    expect(await fields('unit=000.00.00.H55&from=2026-11-01&to=2026-10-01')).toEqual(['to']);
    expect(await fields('unit=000.00.00.H55&from=2026-10-01&to=2026-10-01')).toEqual(['to']);
    expect(await fields(`unit=999.99.99.H99&${OCT}`)).toEqual(['unit']);
    expect(await fields(`unit=00000000-0000-0000-0000-000000000000&${OCT}`)).toEqual(['unit']);
    expect(await fields(`unit=000.00.00.H55&${OCT}&groupBy=district`)).toEqual(['groupBy']);
    expect(await fields(`unit=000.00.00.H55&${OCT}&rule=fast`)).toEqual(['rule']);
    expect(await fields('unit=000.00.00.H55&from=2026-13-01&to=2026-11-01')).toContain('from');
    expect(await fields('from=2026-10-01&to=2026-11-01')).toEqual(['unit']);
    expect(await fields(`unit=000.00.00.H55&${OCT}&colour=red`)).toEqual(['querystring']);
  });
});

describe('Excel exports', () => {
  it('exports the table with grouped Vietnamese headers, the title and the formula', async () => {
    const r = await call(t.app, await login(t.app, 'lanhdao.pdp'), { method: 'GET', url: `/api/v1/reports/dossiers.xlsx?unit=000.20.01.H55&${OCT}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain('bao-cao-ho-so-000.20.01.H55-2026-10-01-2026-11-01.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    const ws = wb.worksheets[0];
    const texts: string[] = [];
    ws.eachRow((rw) => rw.eachCell((c) => texts.push(String(c.value))));
    expect(String(ws.getCell(1, 1).value)).toBe('BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(String(ws.getCell(2, 1).value)).toContain('Phan Đình Phùng');
    expect(String(ws.getCell(3, 1).value)).toBe('Kỳ báo cáo: từ ngày 01/10/2026 đến hết ngày 31/10/2026');
    for (const h of ['Nhận giải quyết', 'Kết quả giải quyết', 'Đang giải quyết', 'Nhận trong kỳ', 'Trước hạn', 'Đúng hạn', 'Tổng cộng']) expect(texts).toContain(h);
    expect(texts.some((x) => x.includes('(Trước hạn + Đúng hạn) / Tổng số đã giải quyết × 100'))).toBe(true);
    expect(ws.getCell(6, 3).isMerged).toBe(true);
    const leaves = headerLeaves(EXPORT_HEADER);
    const col = (k: string) => 3 + leaves.indexOf(k as any);
    let found = false;
    ws.eachRow((rw) => {
      if (String(rw.getCell(2).value).startsWith('Lĩnh vực thử A')) {
        found = true;
        expect(rw.getCell(col('received')).value).toBe(20);
        expect(rw.getCell(col('early')).value).toBe(12);
        expect(rw.getCell(col('ontimePct')).value).toBe(85);
      }
    });
    expect(found).toBe(true);
    expect(ws.pageSetup.orientation).toBe('landscape');
  });

  it('prints "—" in the Excel table when nothing was resolved', async () => {
    const r = await call(t.app, await login(t.app, 'admin'), { method: 'GET', url: `/api/v1/reports/dossiers.xlsx?unit=000.00.17.H55&${OCT}` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    const ws = wb.worksheets[0];
    let total: ExcelJS.Row | null = null;
    ws.eachRow((rw) => {
      if (rw.getCell(2).value === 'Tổng cộng') total = rw;
    });
    expect(total).not.toBeNull();
    expect(total!.getCell(3 + headerLeaves(EXPORT_HEADER).indexOf('ontimePct')).value).toBe('—');
  });
});

describe('dossier register (Sổ theo dõi hồ sơ)', () => {
  it('lists the dossiers received in the period, in order, without citizen IDs', async () => {
    const tok = await login(t.app, 'tiepnhan.pdp');
    const r = await call(t.app, tok, { method: 'GET', url: `/api/v1/reports/register?unit=000.20.01.H55&${OCT}&pageSize=10` });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBe(27);
    expect(body.rows).toHaveLength(10);
    expect(body.columns.map((c: any) => c.header)).toEqual([
      'STT', 'Mã hồ sơ', 'Tên TTHC', 'Số lượng hồ sơ (bộ)', 'Tên người nộp', 'Địa chỉ, số điện thoại', 'Cơ quan chủ trì giải quyết',
      'Ngày nhận hồ sơ', 'Ngày hẹn trả', 'Ngày chuyển hồ sơ', 'Ngày nhận kết quả từ cơ quan giải quyết', 'Ngày trả kết quả', 'Ký nhận', 'Ghi chú',
    ]);
    expect(body.form).toMatchObject({ number: '07' });
    const first = body.rows[0];
    expect(first).toMatchObject({
      stt: 1,
      code: '000.20.01.H55-261001-0001',
      applicantName: 'Lê Thị Sổ',
      receivedAt: '01/10/2026 00:00',
      dueAt: '10/11/2026 17:00',
      transferredAt: '01/10/2026 08:00',
      resultReceivedAt: '01/11/2026 00:00',
      competentUnit: 'Ủy ban nhân dân phường Phan Đình Phùng',
    });
    expect(first.addressPhone).toBe('Tổ 3, phường Phan Đình Phùng – 0987000001');
    expect(r.body).not.toContain('001099012345');
    expect(body.rows.map((x: any) => x.id)).not.toContain(ids.b9);
    const page3 = (await call(t.app, tok, { method: 'GET', url: `/api/v1/reports/register?unit=000.20.01.H55&${OCT}&pageSize=10&page=3` })).json();
    expect(page3.rows).toHaveLength(7);
    expect(page3.rows[0].stt).toBe(21);
    const audited = await t.db.query(`select count(*)::int n from audit_log where action = 'report.register.read'`);
    expect(audited.rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('masks phone numbers of dossiers received outside the reader’s own units', async () => {
    const r = await call(t.app, await login(t.app, 'lanhdao'), { method: 'GET', url: `/api/v1/reports/register?unit=000.00.12.H55&${OCT}&by=competent` });
    expect(r.statusCode).toBe(200);
    expect(r.json().total).toBe(3);
    expect(r.body).not.toContain('0912000111');
    expect(r.json().rows[0].addressPhone).toBe('Số 1 Hoàng Văn Thụ – *******111');
    expect(r.json().rows[0].competentUnit).toBe('Sở Tư pháp');
  });

  it('keeps administrators and citizens out of the register', async () => {
    for (const who of ['admin', 'congdan1', 'chuyenvien.pdp']) {
      const r = await call(t.app, await login(t.app, who), { method: 'GET', url: `/api/v1/reports/register?unit=000.20.01.H55&${OCT}` });
      expect(r.statusCode).toBe(403);
    }
  });

  it('prints the register as Mẫu 07 on A4 landscape, as a document and as a PDF, audited', async () => {
    const tok = await login(t.app, 'tiepnhan.pdp');
    const r = await call(t.app, tok, { method: 'GET', url: `/api/v1/reports/register/document?unit=000.20.01.H55&${OCT}` });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc).toMatchObject({ key: 'register', formNumber: 'Mẫu số 07', paper: 'A4', orientation: 'landscape', title: 'Sổ theo dõi hồ sơ' });
    expect(doc.formSet).toMatch(/03\/2025/);
    expect(doc.agency).toEqual({ parent: 'UBND tỉnh Thái Nguyên', name: 'Ủy ban nhân dân phường Phan Đình Phùng' });
    expect(doc.subtitle).toContain('01/10/2026');
    const table = doc.blocks.find((b: any) => b.type === 'table');
    expect(table.columns).toHaveLength(14);
    expect(table.rows[0]).toEqual(Array.from({ length: 14 }, (_, i) => `(${i + 1})`));
    expect(table.rows).toHaveLength(28);
    expect(table.rows[1][0]).toBe('1');
    expect(table.rows[1][1]).toMatch(/^000\.20\.01\.H55-261001-0001/);
    expect(table.rows[1][7]).toBe('01/10/2026 00:00');
    expect(doc.blocks.find((b: any) => b.type === 'paragraph').text).toBe('Tổng số: 27 hồ sơ.');
    expect(r.body).not.toContain('001099012345');

    const pdf = await call(t.app, tok, { method: 'GET', url: `/api/v1/reports/register.pdf?unit=000.20.01.H55&${OCT}` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="so-theo-doi-ho-so-000.20.01.H55-2026-10-01-2026-11-01.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('/MediaBox [0 0 841.89 595.28]');
    const audited = await t.db.query(`select action, count(*)::int n from audit_log where action in ('report.register.print', 'report.register.pdf') group by action order by action`);
    expect(audited.rows).toEqual([{ action: 'report.register.pdf', n: 1 }, { action: 'report.register.print', n: 1 }]);

    for (const who of ['admin', 'congdan1']) {
      expect((await call(t.app, await login(t.app, who), { method: 'GET', url: `/api/v1/reports/register.pdf?unit=000.20.01.H55&${OCT}` })).statusCode).toBe(403);
    }
    const bad = await call(t.app, tok, { method: 'GET', url: `/api/v1/reports/register/document?unit=000.20.01.H55&from=2026-11-01&to=2026-10-01` });
    expect(bad.statusCode).toBe(400);
  });

  it('exports the register as an A4-landscape Excel file', async () => {
    const r = await call(t.app, await login(t.app, 'tiepnhan.pdp'), { method: 'GET', url: `/api/v1/reports/register.xlsx?unit=000.20.01.H55&${OCT}` });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    const ws = wb.worksheets[0];
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(String(ws.getCell(1, 1).value)).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(ws.getCell(6, 2).value).toBe('Mã hồ sơ');
    expect(ws.getCell(6, 11).value).toBe('Ngày nhận kết quả từ cơ quan giải quyết');
    expect(ws.getCell(8, 2).value).toBe('000.20.01.H55-261001-0001');
    expect(ws.getCell(8, 8).value).toBe('01/10/2026 00:00');
    let rows = 0;
    ws.eachRow((rw, n) => {
      if (n >= 8 && typeof rw.getCell(1).value === 'number') rows++;
    });
    expect(rows).toBe(27);
    const buf = Buffer.from(r.rawPayload);
    expect(buf.includes(Buffer.from('001099012345'))).toBe(false);
  });
});

describe('leader dashboard', () => {
  it('shows this month, overdue now by step and officer, and what is due within a working day', async () => {
    const GS = u('000.20.02.H55');
    const now = new Date();
    const p = toLocalParts(now);
    const monthStart = new Date(`${p.date.slice(0, 7)}-01T00:00:00+07:00`).getTime();
    const at = (ms: number) => new Date(ms).toISOString();
    const handler = t.seed.users.get('chuyenvien.pdp')!;
    const [d1, , d3] = await insertDossiers(t.db, T, cat, [
      { procedure: 'RPTA', unit: GS, receivedAt: at(monthStart + 60_000), originalDueAt: at(now.getTime() - 2 * 3600_000), handlerId: handler, code: 'DASH-1' },
      { procedure: 'RPTA', unit: GS, receivedAt: at(monthStart + 120_000), originalDueAt: at(now.getTime() + 30 * 60_000), code: 'DASH-2' },
      { procedure: 'RPTA', unit: GS, receivedAt: at(monthStart + 180_000), originalDueAt: at(now.getTime() - 3600_000), code: 'DASH-3' },
      {
        procedure: 'RPTA',
        unit: GS,
        receivedAt: at(monthStart + 240_000),
        originalDueAt: at(monthStart + 10 * 86400_000),
        endedAt: at(monthStart + 300_000),
        endKind: 'resolved_approved',
        code: 'DASH-4',
      },
      { procedure: 'RPTA', unit: GS, receivedAt: at(monthStart + 360_000), originalDueAt: at(now.getTime() + 30 * 86400_000), code: 'DASH-5' },
      { procedure: 'RPTA', unit: GS, receivedAt: at(monthStart + 420_000), originalDueAt: at(now.getTime() - 5 * 3600_000), rescheduledDueAt: at(now.getTime() + 10 * 86400_000), code: 'DASH-6' },
    ]);
    await insertStep(t.db, T, d1, { code: 'THAM_DINH', name: 'Thẩm định hồ sơ', unitId: GS, dueAt: at(now.getTime() - 3 * 3600_000), assigneeId: handler });
    await insertPause(t.db, T, d3, at(now.getTime() - 2 * 3600_000), null);

    const r = await call(t.app, await login(t.app, 'giamsat'), { method: 'GET', url: '/api/v1/reports/dashboard?unit=000.20.02.H55' });
    expect(r.statusCode).toBe(200);
    const b = r.json();
    expect(b.by).toBe('competent');
    expect(b.month).toMatchObject({ received: 6, resolved: 1, early: 1, ontimePct: 100 });
    expect(b.overdueNow.total).toBe(1);
    expect(b.overdueNow.byOfficer).toEqual([expect.objectContaining({ handlerName: 'Đặng Văn Hùng', overdue: 1 })]);
    expect(b.overdueNow.byStep).toEqual([expect.objectContaining({ stepCode: 'THAM_DINH', stepsOverdue: 1, dossiersOverdue: 1, unitName: 'Ủy ban nhân dân phường Gia Sàng' })]);
    expect(b.overdueNow.items.map((i: any) => i.code)).toEqual(['DASH-1']);
    expect(b.overdueNow.items[0].remainingVi).toMatch(/^(Quá hạn|Đã quá hạn)/);
    expect(b.dueSoon.total).toBe(1);
    expect(b.dueSoon.items[0].code).toBe('DASH-2');
    expect(b.dueSoon.workingDays).toBe(1);
  });

  it('is for staff of the unit only', async () => {
    expect((await call(t.app, await login(t.app, 'lanhdao.pdp'), { method: 'GET', url: '/api/v1/reports/dashboard?unit=000.20.01.H55' })).statusCode).toBe(200);
    expect((await call(t.app, await login(t.app, 'lanhdao.pdp'), { method: 'GET', url: '/api/v1/reports/dashboard?unit=000.20.02.H55' })).statusCode).toBe(403);
    expect((await call(t.app, await login(t.app, 'congdan2'), { method: 'GET', url: '/api/v1/reports/dashboard?unit=000.20.02.H55' })).statusCode).toBe(403);
    const bad = await call(t.app, await login(t.app, 'giamsat'), { method: 'GET', url: '/api/v1/reports/dashboard?unit=nowhere' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('unit');
  });
});
