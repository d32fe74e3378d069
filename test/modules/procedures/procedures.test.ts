import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, login, call, type TestApp } from '../../helpers/testApp.js';
import { localDateOf, addDays } from '../../../src/core/calendar/index.js';
import { DEMO_CATALOGUE_PATH } from '../../../src/modules/procedures/demo.js';
import { exportCatalogue, importCatalogue, variantInForce, variantsInForce } from '../../../src/modules/procedures/service.js';
import { PROCEDURE_COMMANDS } from '../../../src/modules/procedures/cli.js';

let t: TestApp;
let admin: string;
let officer: string;
let citizen: string;
const demo = JSON.parse(fs.readFileSync(DEMO_CATALOGUE_PATH, 'utf8'));
const today = () => localDateOf(new Date());
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  officer = await login(t.app, 'tiepnhan');
  citizen = await login(t.app, 'congdan1');
});
afterAll(async () => t?.close());

const get = (url: string, token: string | null = null) => call(t.app, token, { method: 'GET', url });
const idOf = async (code: string) => (await get(`/api/v1/procedures/${code}`, admin)).json().id as string;

/** A minimal valid procedure entry (commune, 3 working days). */
function newProcedure(code: string, over: Record<string, unknown> = {}) {
  return {
    nationalCode: code,
    name: 'Thủ tục thử nghiệm cấp xã',
    field: 'HT',
    level: 'commune',
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    postal: 'both',
    legalBasis: 'Luật Hộ tịch số 60/2014/QH13',
    units: { receiving: ['000.20.01.H55'], competent: ['000.20.01.H55'] },
    variants: [
      {
        code: 'default',
        name: 'Trường hợp thông thường',
        processingAmount: 3,
        processingUnit: 'working_days',
        setsCount: 1,
        components: [{ code: 'TK', name: 'Tờ khai', originals: 1, certifiedCopies: 0, copies: 0, required: true }],
        fees: [{ code: 'LP', name: 'Lệ phí', amount: 15000, kind: 'le_phi', unit: 'trường hợp' }],
        process: {
          steps: [
            { code: 'intake', name: 'Tiếp nhận', role: 'counter_officer', unit: 'receiving', budgetHours: 2 },
            { code: 'appraise', name: 'Thẩm định', role: 'specialist', unit: 'competent', budgetHours: 14 },
            { code: 'approve', name: 'Phê duyệt', role: 'leader', unit: 'competent', budgetHours: 6 },
            { code: 'return', name: 'Trả kết quả', role: 'counter_officer', unit: 'receiving', budgetHours: 2 },
          ],
          transitions: [
            { action: 'forward', from: 'intake', to: 'appraise' },
            { action: 'forward', from: 'appraise', to: 'approve' },
            { action: 'send_back', from: 'approve', to: 'appraise', reasonRequired: true },
            { action: 'approve', from: 'approve', to: 'return' },
            { action: 'refuse', from: 'approve', to: 'return', reasonRequired: true },
          ],
        },
        legalBasis: 'Luật Hộ tịch số 60/2014/QH13',
      },
    ],
    ...over,
  };
}

describe('demo catalogue', () => {
  it('holds at least 40 published procedures over many fields, each with a process', async () => {
    expect(demo.procedures.length).toBeGreaterThanOrEqual(40);
    const r = await get('/api/v1/procedures?pageSize=100');
    expect(r.statusCode).toBe(200);
    expect(r.json().total).toBe(demo.procedures.length);
    const fields = (await get('/api/v1/procedure-fields')).json();
    const counted = Object.fromEntries(fields.map((f: any) => [f.code, f.count]));
    const expected: Record<string, number> = {};
    for (const p of demo.procedures) expected[p.field] = (expected[p.field] ?? 0) + 1;
    expect(counted).toMatchObject(expected);
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(12);
    expect(fields.find((f: any) => f.code === 'HT').name).toBe('Hộ tịch');
  });
});

describe('public search', () => {
  it('is diacritic-insensitive and ranks the exact name first', async () => {
    for (const q of ['dang ky khai sinh', 'Đăng ký khai sinh', 'ĐĂNG KÝ KHAI SINH']) {
      const r = await get(`/api/v1/procedures?q=${encodeURIComponent(q)}`);
      expect(r.statusCode).toBe(200);
      const items = r.json().items;
      expect(items[0].name).toBe('Đăng ký khai sinh');
      expect(items[0].match).toBe('exact');
      expect(items[0].nationalCode).toBe('1.001193');
      expect(items[0].processingTime.text).toMatch(/^Trong ngày/);
      const names = items.map((i: any) => i.name);
      expect(names).toContain('Đăng ký khai sinh kết hợp nhận cha, mẹ, con');
      expect(names.indexOf('Đăng ký khai sinh kết hợp nhận cha, mẹ, con')).toBeGreaterThan(0);
    }
  });

  it('finds by national code, exact before prefix, and by words in any order or with a typo', async () => {
    const exact = (await get('/api/v1/procedures?q=1.001193')).json();
    expect(exact.items[0]).toMatchObject({ nationalCode: '1.001193', match: 'exact' });
    const prefix = (await get('/api/v1/procedures?q=1.0010&pageSize=100')).json();
    const expected = demo.procedures.filter((p: any) => p.nationalCode.startsWith('1.0010')).length;
    expect(expected).toBeGreaterThanOrEqual(2);
    // Every code starting with the query comes first, marked as a prefix match.
    expect(prefix.items.slice(0, expected).every((i: any) => i.nationalCode.startsWith('1.0010') && i.match === 'prefix')).toBe(true);
    expect(prefix.items.slice(expected).some((i: any) => i.nationalCode.startsWith('1.0010'))).toBe(false);
    const words = (await get(`/api/v1/procedures?q=${encodeURIComponent('ket hon dang ky')}`)).json();
    expect(words.items.map((i: any) => i.nationalCode)).toEqual(expect.arrayContaining(['1.000894', '1.000893']));
    expect(words.items.find((i: any) => i.nationalCode === '1.000894').match).toBe('words');
    const typo = (await get(`/api/v1/procedures?q=${encodeURIComponent('chứng thưc chu ky')}`)).json();
    expect(typo.items[0].nationalCode).toBe('2.000884');
    const none = (await get('/api/v1/procedures?q=zzzzqqqq')).json();
    expect(none).toMatchObject({ total: 0, items: [] });
    const wild = (await get(`/api/v1/procedures?q=${encodeURIComponent('%_')}`)).json();
    expect(wild.total).toBe(0);
  });

  it('filters by field, level, online level and unit (id or code; receiving or deciding)', async () => {
    const ct = (await get('/api/v1/procedures?field=CT&pageSize=100')).json();
    expect(ct.total).toBe(demo.procedures.filter((p: any) => p.field === 'CT').length);
    expect(ct.items.every((i: any) => i.field.code === 'CT')).toBe(true);
    const partial = (await get('/api/v1/procedures?online=partial&level=commune&pageSize=100')).json();
    expect(partial.total).toBe(demo.procedures.filter((p: any) => p.onlineLevel === 'partial' && p.level === 'commune').length);
    const sotp = (await get('/api/v1/procedures?unit=000.00.12.H55')).json();
    expect(sotp.items.map((i: any) => i.nationalCode)).toEqual(['2.000488']);
    const wardId = t.seed.units.get('000.20.01.H55')!;
    const ward = (await get(`/api/v1/procedures?unit=${wardId}&pageSize=100`)).json();
    const expected = demo.procedures.filter((p: any) => [...p.units.receiving, ...p.units.competent].includes('000.20.01.H55')).length;
    expect(ward.total).toBe(expected);
    // A cooperating unit alone does not match: the tax authority neither receives nor decides.
    expect((await get('/api/v1/procedures?unit=000.00.31.H55')).json().total).toBe(0);
    const combined = (await get(`/api/v1/procedures?unit=000.20.01.H55&field=HT&q=${encodeURIComponent('khai tu')}`)).json();
    expect(combined.items[0].nationalCode).toBe('1.000656');
  });

  it('pages with a stable total', async () => {
    const p1 = (await get('/api/v1/procedures?pageSize=7&page=1')).json();
    const p2 = (await get('/api/v1/procedures?pageSize=7&page=2')).json();
    expect(p1.total).toBe(demo.procedures.length);
    expect(p2.total).toBe(p1.total);
    expect(p1.items).toHaveLength(7);
    const ids1 = new Set(p1.items.map((i: any) => i.id));
    expect(p2.items.some((i: any) => ids1.has(i.id))).toBe(false);
    const far = (await get('/api/v1/procedures?pageSize=7&page=99')).json();
    expect(far).toMatchObject({ total: p1.total, items: [] });
  });

  it('refuses bad filters with field-level messages in both languages', async () => {
    const cases: [string, string][] = [
      ['/api/v1/procedures?pageSize=1000', 'pageSize'],
      ['/api/v1/procedures?page=0', 'page'],
      ['/api/v1/procedures?level=town', 'level'],
      ['/api/v1/procedures?unit=999.99.99.H55', 'unit'],
      ['/api/v1/procedures?field=NOPE', 'field'],
      [`/api/v1/procedures?q=${'a'.repeat(201)}`, 'q'],
    ];
    for (const [url, field] of cases) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      const f = r.json().error.fields.find((x: any) => x.field === field);
      expect(f, url).toBeTruthy();
      expect(f.messageVi.length).toBeGreaterThan(0);
    }
    const unknown = await get('/api/v1/procedures?sort=name');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].message).toContain("'sort'");
    expect((await get('/api/v1/procedures?status=testing')).statusCode).toBe(403);
    expect((await get('/api/v1/procedures?status=all', citizen)).statusCode).toBe(403);
    expect((await get('/api/v1/procedures?status=all', admin)).statusCode).toBe(200);
  });
});

describe('procedure sheet', () => {
  it('gives components, fees, time, where to submit, legal basis, online level, postal and process', async () => {
    const r = await get('/api/v1/procedures/1.001193');
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s).toMatchObject({ nationalCode: '1.001193', name: 'Đăng ký khai sinh', onlineLevel: 'full', postal: 'both', cutoffTime: '15:00', level: 'commune' });
    expect(s.field).toEqual({ code: 'HT', name: 'Hộ tịch' });
    expect(s.legalBasis).toContain('60/2014/QH13');
    expect(s.units.receiving).toHaveLength(10);
    const ward = s.units.receiving.find((u: any) => u.code === '000.20.01.H55');
    expect(ward.name).toBe('Ủy ban nhân dân phường Phan Đình Phùng');
    expect(s.variants).toHaveLength(1);
    const v = s.variants[0];
    expect(v.processingTime).toMatchObject({ amount: 1, unit: 'same_day', text: 'Trong ngày (hồ sơ nhận sau 15:00 trả trong ngày làm việc tiếp theo)' });
    expect(v.components.find((c: any) => c.code === 'GCS')).toMatchObject({ originals: 1, certifiedCopies: 0, copies: 0, required: true });
    expect(v.fees[0]).toMatchObject({ amount: 0, kind: 'le_phi' });
    expect(v.process.steps.map((x: any) => x.code)).toEqual(['intake', 'appraise', 'approve', 'return']);
    expect(v.process.steps[0]).toMatchObject({ role: 'counter_officer', unit: 'receiving' });
    expect(v.process.transitions[0]).toEqual({ action: 'forward', from: 'intake', to: 'appraise' });
    const byId = (await get(`/api/v1/procedures/${s.id}`)).json();
    expect(byId.nationalCode).toBe('1.001193');
    const byPortal = (await get('/api/v1/procedures/1.001193.000.00.00.H55')).json();
    expect(byPortal.id).toBe(s.id);
  });

  it('shows cases, presence rules and inter-agency steps', async () => {
    const marriage = (await get('/api/v1/procedures/1.000894')).json();
    expect(marriage).toMatchObject({ onlineLevel: 'partial', postal: 'none' });
    expect(marriage.onlineReason).toMatch(/có mặt/);
    expect(marriage.variants.map((v: any) => [v.code, v.processingUnit, v.processingAmount])).toEqual([
      ['default', 'same_day', 1],
      ['can_xac_minh', 'working_days', 5],
    ]);
    const certify = (await get('/api/v1/procedures/2.000815')).json();
    expect(certify.variants[0].fees[0]).toMatchObject({ amount: 2000, kind: 'phi', unit: 'trang' });
    const birthLink = (await get('/api/v1/procedures/1.012579')).json();
    const steps = birthLink.variants[0].process.steps;
    expect(steps.filter((x: any) => x.parallelGroup === 'lien_thong').map((x: any) => x.unit)).toEqual(['000.00.32.H55', '000.00.33.H55']);
    expect(birthLink.units.cooperating.map((u: any) => u.name)).toEqual(['Công an tỉnh Thái Nguyên', 'Bảo hiểm xã hội tỉnh Thái Nguyên']);
    const land = (await get('/api/v1/procedures/1.012766')).json();
    expect(land.variants[0].process.steps.map((x: any) => x.code)).toEqual(['intake', 'appraise', 'interagency_tax', 'approve', 'return']);
    expect(land.variants[0].process.transitions).toContainEqual({ action: 'request_payment', from: 'interagency_tax', to: 'interagency_tax' });
    expect(land.variants[0].processingTime.text).toBe('10 ngày làm việc');
  });

  it('answers 404 for unknown procedures and 400 for malformed references', async () => {
    expect((await get('/api/v1/procedures/9.999999')).statusCode).toBe(404);
    expect((await get('/api/v1/procedures/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await get(`/api/v1/procedures/${encodeURIComponent('a b')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('ref');
  });
});

describe('authorisation of administrative routes', () => {
  it('answers 401 without sign-in and 403 for non-administrators', async () => {
    const id = await idOf('1.001193');
    const routes: { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: any }[] = [
      { method: 'GET', url: '/api/v1/procedures/export' },
      { method: 'POST', url: '/api/v1/procedures/import', payload: { format: 'motcua.procedures' } },
      { method: 'POST', url: '/api/v1/procedures', payload: newProcedure('9.000001') },
      { method: 'PATCH', url: `/api/v1/procedures/${id}`, payload: { version: 1, name: 'Tên mới' } },
      { method: 'POST', url: `/api/v1/procedures/${id}/variants`, payload: { version: 1, ...newProcedure('x').variants[0] } },
      { method: 'GET', url: `/api/v1/procedures/${id}/history` },
    ];
    for (const r of routes) {
      expect((await call(t.app, null, r)).statusCode, `${r.method} ${r.url}`).toBe(401);
      expect((await call(t.app, officer, r)).statusCode, `${r.method} ${r.url}`).toBe(403);
      expect((await call(t.app, citizen, r)).statusCode, `${r.method} ${r.url}`).toBe(403);
    }
    expect((await get(`/api/v1/procedures/${id}`)).json().name).toBe('Đăng ký khai sinh');
  });
});

describe('import and export', () => {
  it('round-trips: importing an export changes nothing', async () => {
    const ex = await get('/api/v1/procedures/export', admin);
    expect(ex.statusCode).toBe(200);
    expect(ex.headers['content-disposition']).toMatch(/attachment; filename="thu-tuc-hanh-chinh-H55-/);
    const file = ex.json();
    expect(file).toMatchObject({ format: 'motcua.procedures', formatVersion: 1, tenant: 'H55' });
    expect(file.procedures).toHaveLength(demo.procedures.length);
    const before = (await t.db.query('select (select count(*) from procedure_variants) v, (select count(*) from procedure_events) e')).rows[0];
    const r = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures/import', payload: file });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ procedures: { created: 0, updated: 0, unchanged: demo.procedures.length }, variants: { added: 0, closed: 0 }, changes: [] });
    const after = (await t.db.query('select (select count(*) from procedure_variants) v, (select count(*) from procedure_events) e')).rows[0];
    expect(after).toEqual(before);
    const again = (await get('/api/v1/procedures/export', admin)).json();
    expect({ ...again, exportedAt: null }).toEqual({ ...file, exportedAt: null });
    // The demo file itself is also a no-op (the seeder is idempotent).
    const demoAgain = await importCatalogue(t.db, 'H55', demo, { userId: null, via: 'seed' });
    expect(demoAgain.procedures.unchanged).toBe(demo.procedures.length);
    const audits = (await t.db.query("select action from audit_log where entity='procedure_catalogue' order by id")).rows.map((x: any) => x.action);
    expect(audits).toEqual(expect.arrayContaining(['procedure.export', 'procedure.import']));
  });

  it('refuses a file with errors whole, listing every error with its JSON path', async () => {
    const file = clone(demo);
    file.procedures = [
      newProcedure('9.100001'), // valid: must not be created either
      { ...newProcedure('9.100002'), name: 42, level: 'district', extra: true }, // shape errors
      newProcedure('9.100003', { field: 'NOPE', onlineLevel: 'partial' }),
      clone(demo.procedures[0]),
    ];
    const p3 = file.procedures[2];
    p3.units.receiving = ['999.99.99.H55'];
    p3.variants[0].process.steps[1].budgetHours = 40;
    p3.variants[0].components.push({ code: 'TK', name: 'Tờ khai trùng', originals: 1, certifiedCopies: 0, copies: 0, required: false });
    p3.variants[0].process.transitions.push({ action: 'forward', from: 'appraise', to: 'ghost' });
    file.procedures[3].nationalCode = '9.100001'; // duplicate of the first
    const r = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures/import', payload: file });
    expect(r.statusCode).toBe(400);
    const err = r.json().error;
    expect(err.code).toBe('catalogue_invalid');
    expect(err.messageVi).toMatch(/chưa có dữ liệu nào được lưu/);
    const paths = err.fields.map((f: any) => f.field);
    expect(paths).toEqual(
      expect.arrayContaining([
        'procedures[1].name',
        'procedures[1].level',
        'procedures[1].extra',
        'procedures[2].field',
        'procedures[2].onlineReason',
        'procedures[2].units.receiving[0]',
        'procedures[2].variants[0].process.steps',
        'procedures[2].variants[0].components[1].code',
        'procedures[2].variants[0].process.transitions[5].to',
        'procedures[3].nationalCode',
      ]),
    );
    const budget = err.fields.find((f: any) => f.field === 'procedures[2].variants[0].process.steps');
    expect(budget.message).toContain('more than the legal time (24 working hours)');
    expect(budget.messageVi).toContain('vượt thời hạn giải quyết');
    for (const f of err.fields) expect(f.messageVi.startsWith(f.field)).toBe(true);
    expect((await get('/api/v1/procedures/9.100001', admin)).statusCode).toBe(404);
    const refused = (await t.db.query("select data from audit_log where action='procedure.import_refused' order by id desc limit 1")).rows[0];
    expect(refused.data.errors).toBe(err.fields.length);
  });

  it('refuses non-catalogue bodies and malformed JSON with 400', async () => {
    const notObject = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures/import', payload: [1, 2] });
    expect(notObject.statusCode).toBe(400);
    expect(notObject.json().error.fields[0].field).toBe('(root)');
    const wrongFormat = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures/import', payload: { format: 'other', formatVersion: 2, fields: 'x' } });
    expect(wrongFormat.statusCode).toBe(400);
    expect(wrongFormat.json().error.fields.map((f: any) => f.field)).toEqual(expect.arrayContaining(['format', 'formatVersion', 'fields', 'procedures']));
    const malformed = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures/import', headers: { 'content-type': 'application/json' }, payload: '{"format":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');
  });

  it('accepts the example file of docs/procedures.md (dry run)', async () => {
    const md = fs.readFileSync(new URL('../../../docs/procedures.md', import.meta.url), 'utf8');
    const block = md.match(/## 5\. Example file[\s\S]*?```json\n([\s\S]*?)\n```/);
    expect(block).toBeTruthy();
    const r = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures/import?dryRun=true', payload: JSON.parse(block![1]) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ dryRun: true, procedures: { updated: 2 } });
    expect((await get('/api/v1/procedures/1.012579')).json().variants[0].process.phases).toHaveLength(4); // unchanged: dry run
  });

  it('has CLI commands: import refuses with every error and exit code 1; export writes the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-proc-'));
    const config = { tenantId: 'H55' } as any;
    const [imp, exp] = PROCEDURE_COMMANDS;
    expect(imp.matches('import', ['procedures', 'x.json'])).toBe(true);
    expect(exp.matches('export', ['procedures'])).toBe(true);
    const errors: string[] = [];
    const logs: string[] = [];
    const e = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
    const l = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void logs.push(String(m)));
    try {
      const bad = clone(demo);
      bad.procedures[0].level = 'district';
      bad.procedures[1].variants[0].process.steps[1].budgetHours = 99;
      bad.procedures[2].units.competent = ['000.99.99.H55'];
      fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
      expect(await imp.run(t.db, config, ['procedures', path.join(dir, 'bad.json')])).toBe(1);
      const text = errors.join('\n');
      expect(text).toContain('3 error(s)');
      expect(text).toContain('procedures[0].level');
      expect(text).toContain('procedures[1].variants[0].process.steps');
      expect(text).toContain('procedures[2].units.competent[0]');
      expect(text).toContain('không có đơn vị mã');
      fs.writeFileSync(path.join(dir, 'broken.json'), '{"format":');
      expect(await imp.run(t.db, config, ['procedures', path.join(dir, 'broken.json')])).toBe(1);
      const out = path.join(dir, 'export.json');
      expect(await exp.run(t.db, config, ['procedures', '--out', out])).toBe(0);
      const written = JSON.parse(fs.readFileSync(out, 'utf8'));
      expect(written.procedures.length).toBeGreaterThanOrEqual(demo.procedures.length);
      expect(await imp.run(t.db, config, ['procedures', out])).toBe(0);
      expect(logs.join('\n')).toMatch(/procedures 0 created, 0 updated, \d+ unchanged/);
    } finally {
      e.mockRestore();
      l.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a dry run checks without saving; a changed case gets a new version and old dossiers keep the old one', async () => {
    const id = await idOf('1.004873');
    const oldVariant = await variantInForce(t.db, 'H55', id, new Date('2026-01-05T03:00:00Z'));
    expect(oldVariant?.effectiveFrom).toBe('2025-07-01');
    const file = await exportCatalogue(t.db, 'H55');
    const p = file.procedures.find((x) => x.nationalCode === '1.004873')!;
    p.variants[0].fees[0].amount = 20000;
    p.name = 'Cấp Giấy xác nhận tình trạng hôn nhân (sửa đổi)';
    const dry = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures/import?dryRun=true', payload: file });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, procedures: { updated: 1 }, variants: { added: 1, closed: 1 } });
    expect((await variantInForce(t.db, 'H55', id, new Date()))!.id).toBe(oldVariant!.id);
    const r = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures/import', payload: file });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ procedures: { updated: 1, unchanged: demo.procedures.length - 1 }, variants: { added: 1, closed: 1 } });
    expect(r.json().changes[0]).toMatchObject({ nationalCode: '1.004873', changed: ['name'], variantsAdded: ['default'] });
    // A dossier received in January 2026 stays bound to the old variant; one received now gets the new one.
    const jan = await variantInForce(t.db, 'H55', id, new Date('2026-01-05T03:00:00Z'));
    const now = await variantInForce(t.db, 'H55', id, new Date());
    expect(jan!.id).toBe(oldVariant!.id);
    expect(jan!.fees[0].amount).toBe(10000);
    expect(now!.id).not.toBe(oldVariant!.id);
    expect(now!.fees[0].amount).toBe(20000);
    expect(now!.effectiveFrom).toBe(today());
    const rows = (await t.db.query('select effective_from, effective_to from procedure_variants where procedure_id=$1 order by created_at', [id])).rows;
    expect(rows).toEqual([
      { effective_from: '2025-07-01', effective_to: today() },
      { effective_from: today(), effective_to: null },
    ]);
    // Variant rows are immutable in the database too.
    await expect(t.db.tx((tx) => tx.query('update procedure_variants set fees = $2 where id = $1', [oldVariant!.id, '[]']))).rejects.toThrow(/immutable/);
    await expect(t.db.tx((tx) => tx.query('update procedure_variants set effective_to = null where id = $1', [oldVariant!.id]))).rejects.toThrow(/reopened/);
    const sheet = (await get(`/api/v1/procedures/${id}`)).json();
    expect(sheet.name).toBe('Cấp Giấy xác nhận tình trạng hôn nhân (sửa đổi)');
    expect(sheet.version).toBe(2);
    const history = (await get(`/api/v1/procedures/${id}/history`, admin)).json();
    expect(history.variants).toHaveLength(2);
    expect(history.events.map((e: any) => e.action)).toEqual(['created', 'variant_added', 'updated', 'variant_closed', 'variant_added']);
    expect(history.events[2]).toMatchObject({ via: 'import', actor: 'admin' });
  });
});

describe('administration', () => {
  it('creates a procedure (idempotently), refuses duplicates and bad input', async () => {
    const body = newProcedure('9.200001');
    const r = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures', payload: body, headers: { 'idempotency-key': 'create-9.200001' } });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ nationalCode: '9.200001', version: 1, cutoffTime: '15:00', status: 'published' });
    expect(r.json().variants[0].effectiveFrom).toBe(today());
    const replay = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures', payload: body, headers: { 'idempotency-key': 'create-9.200001' } });
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(r.json().id);
    const dup = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures', payload: body });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('procedure_exists');
    expect((await get(`/api/v1/procedures?q=${encodeURIComponent('thu tuc thu nghiem')}`)).json().items[0].nationalCode).toBe('9.200001');

    const bad = async (payload: unknown, field: string) => {
      const x = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures', payload: payload as any });
      expect(x.statusCode, field).toBe(400);
      const fields = x.json().error.fields.map((f: any) => f.field);
      expect(fields, JSON.stringify(fields)).toContain(field);
      return x.json().error;
    };
    const { name: _n, ...noName } = newProcedure('9.200002');
    await bad(noName, 'name');
    await bad(newProcedure('9.200002', { name: { vi: 'x' } }), 'name');
    await bad(newProcedure('9.200002', { name: 'x'.repeat(501) }), 'name');
    await bad(newProcedure('9.200002', { cutoffTime: '25:00' }), 'cutoffTime');
    await bad(newProcedure('9.200002', { units: { receiving: ['999.99.99.H55'], competent: ['000.20.01.H55'] } }), 'units.receiving[0]');
    await bad(newProcedure('9.200002', { field: 'NOPE' }), 'field');
    await bad(newProcedure('9.200002', { name: 'Thủ tục\u0000 lỗi' }), 'name');
    const long = newProcedure('9.200002');
    long.variants[0].processingAmount = 2;
    const e = await bad(long, 'variants[0].process.steps');
    expect(e.fields[0].messageVi).toContain('16 giờ làm việc');
    const malformed = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures', headers: { 'content-type': 'application/json' }, payload: '{"nationalCode": "9.2' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');
    expect((await get('/api/v1/procedures/9.200002', admin)).statusCode).toBe(404);
  });

  it('updates descriptive data with the version read; stale → 409; unpublished ones leave the public catalogue', async () => {
    const id = await idOf('2.000913');
    const v1 = (await get(`/api/v1/procedures/${id}`, admin)).json().version;
    const ok = await call(t.app, admin, { method: 'PATCH', url: `/api/v1/procedures/${id}`, payload: { version: v1, postal: 'receive', cutoffTime: '16:00' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: v1 + 1, postal: 'receive', cutoffTime: '16:00' });
    const stale = await call(t.app, admin, { method: 'PATCH', url: `/api/v1/procedures/${id}`, payload: { version: v1, postal: 'none' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect(stale.json().error.messageVi.length).toBeGreaterThan(0);

    const badPatch = async (payload: unknown, field: string, status = 400) => {
      const x = await call(t.app, admin, { method: 'PATCH', url: `/api/v1/procedures/${id}`, payload: payload as any });
      expect(x.statusCode, JSON.stringify(payload)).toBe(status);
      if (status === 400) expect(x.json().error.fields.map((f: any) => f.field)).toContain(field);
    };
    await badPatch({ version: v1 + 1, onlineLevel: 'partial' }, 'onlineReason');
    await badPatch({ version: v1 + 1, field: 'NOPE' }, 'field');
    await badPatch({ version: v1 + 1, name: 'x'.repeat(501) }, 'name');
    const unknownProp = await call(t.app, admin, { method: 'PATCH', url: `/api/v1/procedures/${id}`, payload: { version: v1 + 1, nationalCode: '1.2.3' } });
    expect(unknownProp.statusCode).toBe(400);
    expect(unknownProp.json().error.fields[0].message).toContain("'nationalCode'");
    await badPatch({ version: v1 + 1 }, 'body');
    await badPatch({ name: 'Tên' }, 'version');
    await badPatch({ version: 'two', name: 'Tên' }, 'version');
    await badPatch({ version: v1 + 1, units: { receiving: ['000.20.01.H55'], competent: ['nope.nope'] } }, 'units.competent[0]');
    const forged = await call(t.app, admin, { method: 'PATCH', url: '/api/v1/procedures/00000000-0000-4000-8000-000000000000', payload: { version: 1, name: 'Tên mới' } });
    expect(forged.statusCode).toBe(404);
    const notUuid = await call(t.app, admin, { method: 'PATCH', url: '/api/v1/procedures/1.001193', payload: { version: 1, name: 'Tên mới' } });
    expect(notUuid.statusCode).toBe(400);
    expect(notUuid.json().error.fields[0].field).toBe('id');

    const hide = await call(t.app, admin, { method: 'PATCH', url: `/api/v1/procedures/${id}`, payload: { version: v1 + 1, status: 'testing' } });
    expect(hide.statusCode).toBe(200);
    expect((await get('/api/v1/procedures/2.000913')).statusCode).toBe(404);
    expect((await get(`/api/v1/procedures?q=2.000913`)).json().total).toBe(0);
    const asAdmin = (await get('/api/v1/procedures?status=testing', admin)).json();
    expect(asAdmin.items.map((i: any) => i.nationalCode)).toContain('2.000913');
    const audit = (await t.db.query("select count(*)::int n from audit_log where action='procedure.update' and entity_id=$1", [id])).rows[0].n;
    expect(audit).toBe(2);
  });

  it('adds variant versions: validated, closes the previous one, never retroactive', async () => {
    const id = await idOf('1.004884');
    const sheet = (await get(`/api/v1/procedures/${id}`, admin)).json();
    const current = sheet.variants[0];
    const base = {
      code: current.code,
      name: current.name,
      processingAmount: current.processingAmount,
      processingUnit: current.processingUnit,
      setsCount: current.setsCount,
      components: current.components,
      fees: current.fees,
      process: current.process,
      legalBasis: current.legalBasis,
    };
    const post = (payload: unknown) => call(t.app, admin, { method: 'POST', url: `/api/v1/procedures/${id}/variants`, payload: payload as any });

    const same = await post({ version: sheet.version, ...base });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.code).toBe('variant_unchanged');
    const past = await post({ version: sheet.version, ...base, fees: [], effectiveFrom: '2026-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].field).toBe('effectiveFrom');
    const broken = clone(base);
    broken.processingAmount = 1;
    broken.process.transitions.push({ action: 'approve', from: 'appraise', to: 'nowhere' });
    const invalid = await post({ version: sheet.version, ...broken });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields.map((f: any) => f.field)).toEqual(['process.steps', 'process.transitions[7].to']);
    const shape = await post({ version: sheet.version, ...base, setsCount: 0, components: 'none' });
    expect(shape.statusCode).toBe(400);
    // The route's validator wraps a scalar into an array, so the bad component is reported at components.0.
    expect(shape.json().error.fields.map((f: any) => f.field)).toEqual(['setsCount', 'components.0']);
    expect((await post({ version: sheet.version + 5, ...base, fees: [] })).statusCode).toBe(409);
    const forged = await call(t.app, admin, { method: 'POST', url: '/api/v1/procedures/00000000-0000-4000-8000-000000000000/variants', payload: { version: 1, ...base, fees: [] } });
    expect(forged.statusCode).toBe(404);

    // A version from next month: today's dossiers keep the current rules; the sheet announces it.
    const next = addDays(today(), 30);
    // A cleared online time is sent as null and must stay null (not coerced to 0 hours).
    const future = await post({ version: sheet.version, ...base, processingAmount: 6, onlineProcessingAmount: null, effectiveFrom: next });
    expect(future.statusCode).toBe(201);
    expect(future.json().closedVersions).toBe(1);
    const after = future.json().procedure;
    expect(after.version).toBe(sheet.version + 1);
    expect(after.variants.map((v: any) => v.id)).toEqual([current.id]);
    expect(after.variants[0].effectiveTo).toBe(next);
    expect(after.upcomingVariants).toHaveLength(1);
    expect(after.upcomingVariants[0]).toMatchObject({ processingAmount: 6, effectiveFrom: next, processingTime: { text: '06 ngày làm việc' } });
    expect(after.upcomingVariants[0].onlineProcessingAmount).toBeNull();
    const inForceNow = await variantInForce(t.db, 'H55', id, new Date());
    expect(inForceNow!.id).toBe(current.id);
    const inForceLater = await variantInForce(t.db, 'H55', id, new Date(`${addDays(next, 1)}T03:00:00Z`));
    expect(inForceLater!.processingAmount).toBe(6);
    // A new case is appended after the existing ones.
    const extra = await post({ version: after.version, ...base, code: 'qua_han', name: 'Đăng ký lại khai sinh (trường hợp đặc biệt)', processingAmount: 5 });
    expect(extra.statusCode).toBe(201);
    const cases = await variantsInForce(t.db, 'H55', id, new Date());
    expect(cases.map((v) => v.code)).toEqual(['default', 'qua_han']);
    expect((await variantInForce(t.db, 'H55', id, new Date(), 'qua_han'))!.name).toBe('Đăng ký lại khai sinh (trường hợp đặc biệt)');
    expect(await variantInForce(t.db, 'H55', id, new Date('2020-01-01T00:00:00Z'))).toBeNull();
    const audits = (await t.db.query("select count(*)::int n from audit_log where action='procedure.variant_add' and entity_id=$1", [id])).rows[0].n;
    expect(audits).toBe(2);
  });
});
