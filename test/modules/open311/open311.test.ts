import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { createTestApp, login, call, type TestApp } from '../../helpers/testApp.js';
import { act } from '../feedback/helpers.js';

/**
 * Contract tests of /open311/v2 against the GeoReport v2 JSON Schemas (open311/schema-validation,
 * CC BY 3.0, in ../shared/open311/georeport-v2/) and the specification's XML element names.
 */
const SCHEMA_DIR = path.resolve('..', 'shared', 'open311', 'georeport-v2');
const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: its default export arrives as module.exports.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (a: Ajv) => Ajv;
addFormats(ajv);
for (const f of ['request.json', 'requests.json', 'service.json', 'services.json', 'service-definition.json']) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8')), f);
}
// The files carry no top-level type; a wrapper adds it for strictness (feedback.md §5.14).
ajv.addSchema({ type: 'array', items: { allOf: [{ $ref: 'request.json' }, { type: 'object' }] } }, 'strict-requests');
ajv.addSchema({ type: 'array', items: { allOf: [{ $ref: 'service.json' }, { type: 'object' }] } }, 'strict-services');
ajv.addSchema({ allOf: [{ $ref: 'service-definition.json' }, { type: 'object' }] }, 'strict-definition');

function valid(schema: string, data: unknown) {
  const v = ajv.getSchema(schema)!;
  const ok = v(data);
  return ok ? true : JSON.stringify(v.errors);
}

interface Node {
  name: string;
  text: string;
  children: Node[];
}
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, parseTagValue: false, trimValues: false });
function xmlTree(xml: string): Node {
  const conv = (o: any): Node | null => {
    const name = Object.keys(o).find((k) => k !== ':@');
    if (!name || name === '#text' || name === '?xml') return null;
    const kids = o[name] as any[];
    return {
      name,
      text: kids.filter((k) => '#text' in k).map((k) => String(k['#text'])).join(''),
      children: kids.map(conv).filter(Boolean) as Node[],
    };
  };
  const roots = (parser.parse(xml) as any[]).map(conv).filter(Boolean) as Node[];
  expect(roots).toHaveLength(1);
  return roots[0];
}
const names = (n: Node) => n.children.map((c) => c.name);
const child = (n: Node, name: string) => n.children.find((c) => c.name === name);

function expectXml(r: { headers: any; body: string }) {
  expect(r.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(r.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(r.body).not.toMatch(/xmlns/);
  return xmlTree(r.body);
}
function expectJson(r: { headers: any; body: string }) {
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(r.body);
}

const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const OFFSET = /[+-]\d{2}:\d{2}$|Z$/;

let t: TestApp;
const KEY = 'demo-open311-key';
const form = (o: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};
const post = (url: string, body: Record<string, string | string[]>) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, payload: form(body) });
const get = (url: string) => t.app.inject({ method: 'GET', url });
const PDP = { lat: '21.593012', long: '105.844587' };

async function createRequest(extra: Record<string, string | string[]> = {}) {
  const r = await post('/open311/v2/requests.json', {
    api_key: KEY,
    service_code: 'PAKN-MOITRUONG-QD',
    ...PDP,
    description: 'Rác thải tồn đọng ở chân cầu, bốc mùi. Liên hệ tôi: binh.le@example.vn',
    first_name: 'Bình',
    last_name: 'Lê Thanh',
    email: 'binh.le@example.vn',
    phone: '0988776655',
    ...extra,
  });
  expect(r.statusCode, r.body).toBe(200);
  return expectJson(r)[0].service_request_id as string;
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('discovery and services', () => {
  it('serves discovery in XML and JSON with every required field', async () => {
    const j = expectJson(await get('/open311/v2/discovery.json'));
    expect(Object.keys(j).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    expect(j.changeset).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(j.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
    expect(j.endpoints[0].url).toMatch(/\/open311\/v2$/);
    const x = expectXml(await get('/open311/v2/discovery.xml'));
    expect(x.name).toBe('discovery');
    expect(names(x)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    const ep = child(child(x, 'endpoints')!, 'endpoint')!;
    expect(names(ep)).toEqual(['specification', 'url', 'changeset', 'type', 'formats']);
    expect(child(ep, 'formats')!.children.map((f) => [f.name, f.text])).toEqual([
      ['format', 'text/xml'],
      ['format', 'application/json'],
    ]);
    const html = await get('/open311/v2/');
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('discovery.xml');
  });

  it('lists services as a bare array that validates, and as XML', async () => {
    const j = expectJson(await get('/open311/v2/services.json'));
    expect(valid('services.json', j)).toBe(true);
    expect(valid('strict-services', j)).toBe(true);
    expect(j).toHaveLength(16);
    expect(j.find((s: any) => s.service_code === 'PAKN-DATDAI-QD')).toMatchObject({ group: 'Đất đai', metadata: false, type: 'realtime' });
    expect(j.find((s: any) => s.service_code === 'PAKN-GIAOTHONG-QD').metadata).toBe(true);
    const x = expectXml(await get('/open311/v2/services.xml'));
    expect(x.name).toBe('services');
    expect(x.children).toHaveLength(16);
    for (const s of x.children) {
      expect(s.name).toBe('service');
      expect(names(s)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    }
    expect(child(x.children.find((s) => child(s, 'service_code')!.text === 'PAKN-GIAOTHONG-QD')!, 'metadata')!.text).toBe('true');
  });

  it('serves a service definition with ordered attributes and list values', async () => {
    const j = expectJson(await get('/open311/v2/services/PAKN-GIAOTHONG-QD.json'));
    expect(valid('service-definition.json', j)).toBe(true);
    expect(valid('strict-definition', j)).toBe(true);
    expect(j.attributes.map((a: any) => [a.order, a.code, a.variable, a.required, a.datatype])).toEqual([
      [1, 'loai_su_co', true, true, 'singlevaluelist'],
      [2, 'huong_dan', false, false, 'text'],
    ]);
    expect(j.attributes[0].values[0]).toEqual({ key: 'o_ga', name: 'Đường hỏng, ổ gà' });
    const x = expectXml(await get('/open311/v2/services/PAKN-GIAOTHONG-QD.xml'));
    expect(x.name).toBe('service_definition');
    expect(names(x)).toEqual(['service_code', 'attributes']);
    const attr = child(x, 'attributes')!.children[0];
    expect(names(attr)).toEqual(['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values']);
    expect(names(child(attr, 'values')!.children[0])).toEqual(['key', 'name']);
    const empty = expectJson(await get('/open311/v2/services/PAKN-DATDAI-QD.json'));
    expect(empty).toEqual({ service_code: 'PAKN-DATDAI-QD', attributes: [] });
  });

  it('answers errors exactly as the specification says', async () => {
    const nf = await get('/open311/v2/services/PAKN-NOPE.json');
    expect(nf.statusCode).toBe(404);
    const body = expectJson(nf);
    expect(body).toEqual([{ code: 404, description: expect.stringContaining('PAKN-NOPE') }]);
    const nfx = await get('/open311/v2/services/PAKN-NOPE.xml');
    expect(nfx.statusCode).toBe(404);
    const x = expectXml(nfx);
    expect(x.name).toBe('errors');
    expect(names(x.children[0])).toEqual(['code', 'description']);
    expect(child(x.children[0], 'code')!.text).toBe('404');
    const jur = await get('/open311/v2/services.json?jurisdiction_id=example.org');
    expect(jur.statusCode).toBe(404);
    expect(expectJson(jur)[0].description).toMatch(/jurisdiction/);
    expect((await get('/open311/v2/services.json?jurisdiction_id=thainguyen.gov.vn')).statusCode).toBe(200);
    expect((await get('/open311/v2/services.json?jurisdiction_id=')).statusCode).toBe(200);
    const unknown = await get('/open311/v2/nothing.json');
    expect(unknown.statusCode).toBe(404);
    expect(expectJson(unknown)[0].code).toBe(404);
    const fmt = await get('/open311/v2/services.csv');
    expect(fmt.statusCode).toBe(404);
    expect(expectXml(fmt).name).toBe('errors');
    const deeper = await get('/open311/v2/a/b/c.json');
    expect(deeper.statusCode).toBe(404);
    expect(expectJson(deeper)).toEqual([{ code: 404, description: 'No such resource' }]);
  });
});

describe('POST requests', () => {
  it('creates a request with the api_key and returns its id at once (realtime)', async () => {
    const r = await post('/open311/v2/requests.json', {
      api_key: KEY,
      jurisdiction_id: 'thainguyen.gov.vn',
      service_code: 'PAKN-GIAOTHONG-QD',
      ...PDP,
      description: 'title: Ổ gà\n\ndetail: Ổ gà sâu trước số nhà 20.\n\nSubmitted via FixMyStreet',
      first_name: 'Hương',
      last_name: 'Phạm Thị',
      email: 'huong@example.vn',
      'attribute[loai_su_co]': 'o_ga',
      media_url: ['https://fms.example.vn/photo/1.jpeg', 'https://fms.example.vn/photo/2.jpeg'],
      address_id: '#NOTPINPOINTED#',
      account_id: 'fms-42',
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = expectJson(r);
    expect(body).toHaveLength(1);
    expect(typeof body[0].service_request_id).toBe('string');
    expect(body[0].token).toBeUndefined();
    expect(body[0].account_id).toBe('fms-42');
    const id = body[0].service_request_id;
    const row = (await t.db.query('select channel, attributes, anonymous, contact_name, open311_client_id, competent_unit_id from feedback where code=$1', [id])).rows[0];
    expect(row).toMatchObject({ channel: 'app', attributes: { loai_su_co: 'o_ga' }, anonymous: false, contact_name: 'Phạm Thị Hương' });
    expect(row.competent_unit_id).toBe(t.seed.units.get('000.20.01.H55'));
    expect((await t.db.query('select count(*)::int n from feedback_media f join feedback x on x.id=f.feedback_id where x.code=$1', [id])).rows[0].n).toBe(2);
    const x = await post('/open311/v2/requests.xml', { api_key: KEY, service_code: 'PAKN-MOITRUONG-QD', address_string: 'Tổ 3, phường Gia Sàng', description: 'Đốt rác gây khói vào buổi tối.' });
    const tree = expectXml(x);
    expect(tree.name).toBe('service_requests');
    expect(names(tree.children[0])).toEqual(['service_request_id', 'service_notice']);
  });

  it('refuses a missing, wrong or revoked api_key with 403', async () => {
    const body = { service_code: 'PAKN-MOITRUONG-QD', ...PDP, description: 'Không có khóa API.' };
    const none = await post('/open311/v2/requests.xml', body);
    expect(none.statusCode).toBe(403);
    const x = expectXml(none);
    expect(child(x.children[0], 'code')!.text).toBe('403');
    expect((await post('/open311/v2/requests.json', { ...body, api_key: 'wrong-key' })).statusCode).toBe(403);
    const admin = await login(t.app, 'admin');
    const c = (await call(t.app, admin, { method: 'POST', url: '/api/v1/open311-clients', payload: { name: 'Tạm thời', serviceCodes: ['PAKN-MOITRUONG-QD'] } })).json();
    expect((await post('/open311/v2/requests.json', { ...body, api_key: c.apiKey })).statusCode).toBe(200);
    const scoped = await post('/open311/v2/requests.json', { ...body, api_key: c.apiKey, service_code: 'PAKN-YTE-QD' });
    expect(scoped.statusCode).toBe(403);
    await call(t.app, admin, { method: 'DELETE', url: `/api/v1/open311-clients/${c.id}` });
    expect((await post('/open311/v2/requests.json', { ...body, api_key: c.apiKey })).statusCode).toBe(403);
  });

  it('answers bad requests with 400 (several errors at once) and unknown services with 404, writing nothing', async () => {
    const before = (await t.db.query('select count(*)::int n from feedback')).rows[0].n;
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ description: 'Không có mã dịch vụ.', ...PDP }, 400, /service_code/],
      [{ service_code: 'PAKN-NOPE', description: 'Mã dịch vụ không tồn tại.', ...PDP }, 404, /PAKN-NOPE/],
      [{ service_code: 'PAKN-MOITRUONG-QD', description: 'Không có vị trí.' }, 400, /location/i],
      [{ service_code: 'PAKN-MOITRUONG-QD', description: 'Chỉ có vĩ độ.', lat: '21.59' }, 400, /lat and long/],
      [{ service_code: 'PAKN-MOITRUONG-QD', description: 'Vĩ độ sai.', lat: 'abc', long: '105.8' }, 400, /lat/],
      [{ service_code: 'PAKN-MOITRUONG-QD', description: 'x'.repeat(4001), ...PDP }, 400, /4000/],
      [{ service_code: 'PAKN-GIAOTHONG-QD', description: 'Thiếu thuộc tính bắt buộc.', ...PDP }, 400, /loai_su_co/],
      [{ service_code: 'PAKN-GIAOTHONG-QD', description: 'Thuộc tính sai.', ...PDP, 'attribute[loai_su_co]': 'zzz' }, 400, /loai_su_co/],
      [{ service_code: 'PAKN-DATDAI-QD', description: 'Lĩnh vực không nhận ẩn danh.', ...PDP }, 400, /anonymous/],
      [{ service_code: 'PAKN-MOITRUONG-QD', description: 'Ảnh sai.', ...PDP, media_url: 'javascript:alert(1)' }, 400, /media_url/],
      [{ service_code: 'PAKN-MOITRUONG-QD', description: 'Sai thẩm quyền.', ...PDP, jurisdiction_id: 'example.org' }, 404, /jurisdiction/],
    ];
    for (const [body, status, re] of cases) {
      const r = await post('/open311/v2/requests.json', { api_key: KEY, ...body });
      expect(r.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      const errs = expectJson(r);
      expect(Array.isArray(errs)).toBe(true);
      expect(errs.map((e: any) => e.description).join(' ')).toMatch(re);
    }
    const multi = expectJson(await post('/open311/v2/requests.json', { api_key: KEY, service_code: 'PAKN-MOITRUONG-QD' }));
    expect(multi).toHaveLength(2);
    const json = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ api_key: KEY }) });
    expect(json.statusCode).toBe(400);
    expect(expectJson(json)[0].description).toMatch(/x-www-form-urlencoded/);
    expect((await t.db.query('select count(*)::int n from feedback')).rows[0].n).toBe(before);
  });

  it('returns a token for a batch service, resolved by tokens/{token}', async () => {
    const admin = await login(t.app, 'admin');
    const cat = (await t.app.inject({ method: 'GET', url: '/api/v1/feedback-categories/PAKN-YTE-QD' })).json();
    const p = await call(t.app, admin, { method: 'PATCH', url: '/api/v1/feedback-categories/PAKN-YTE-QD', payload: { version: cat.version, open311Type: 'batch' } });
    expect(p.statusCode).toBe(200);
    const svc = expectJson(await get('/open311/v2/services.json')).find((s: any) => s.service_code === 'PAKN-YTE-QD');
    expect(svc.type).toBe('batch');
    const r = expectJson(await post('/open311/v2/requests.json', { api_key: KEY, service_code: 'PAKN-YTE-QD', ...PDP, description: 'Trạm y tế đóng cửa giờ hành chính.' }));
    expect(r[0].service_request_id).toBeUndefined();
    expect(typeof r[0].token).toBe('string');
    const tok = expectJson(await get(`/open311/v2/tokens/${r[0].token}.json`));
    expect(tok).toEqual([{ service_request_id: expect.stringMatching(/^PAKN-/), token: r[0].token }]);
    const tx = expectXml(await get(`/open311/v2/tokens/${r[0].token}.xml`));
    expect(tx.name).toBe('service_requests');
    expect(names(tx.children[0])).toEqual(['service_request_id', 'token']);
    expect((await get('/open311/v2/tokens/nope.json')).statusCode).toBe(404);
    const back = (await t.app.inject({ method: 'GET', url: '/api/v1/feedback-categories/PAKN-YTE-QD' })).json();
    await call(t.app, admin, { method: 'PATCH', url: '/api/v1/feedback-categories/PAKN-YTE-QD', payload: { version: back.version, open311Type: 'realtime' } });
  });
});

describe('GET requests', () => {
  it('returns one request as a one-element list without personal data', async () => {
    const id = await createRequest();
    const j = expectJson(await get(`/open311/v2/requests/${id}.json`));
    expect(valid('requests.json', j)).toBe(true);
    expect(valid('strict-requests', j)).toBe(true);
    expect(j).toHaveLength(1);
    const r = j[0];
    expect(r).toMatchObject({ service_request_id: id, status: 'open', service_code: 'PAKN-MOITRUONG-QD', lat: 21.593, long: 105.8445, agency_responsible: 'Ủy ban nhân dân phường Phan Đình Phùng' });
    expect(r.requested_datetime).toMatch(/\+07:00$/);
    expect(r.expected_datetime).toMatch(/\+07:00$/);
    const text = JSON.stringify(j);
    for (const secret of ['binh.le@example.vn', '0988776655', 'Lê Thanh Bình', 'Bình']) expect(text).not.toContain(secret);
    const x = expectXml(await get(`/open311/v2/requests/${id}.xml`));
    expect(x.name).toBe('service_requests');
    expect(x.children).toHaveLength(1);
    const req = x.children[0];
    expect(req.name).toBe('request');
    for (const n of names(req)) expect(REQUEST_FIELDS).toContain(n);
    for (const n of ['service_request_id', 'status', 'service_code', 'requested_datetime']) expect(names(req)).toContain(n);
    expect(child(req, 'lat')!.text).toBe('21.593');
    expect((await get('/open311/v2/requests/PAKN-000101-9999.json')).statusCode).toBe(404);
  });

  it('lists with filters, the 90-day window, status and paging; service_request_id overrides the rest', async () => {
    const a = await createRequest();
    const b = await createRequest({ service_code: 'PAKN-XAYDUNG-QD', description: 'Công trình lấn chiếm vỉa hè.' });
    const all = expectJson(await get('/open311/v2/requests.json'));
    expect(valid('requests.json', all)).toBe(true);
    expect(valid('strict-requests', all)).toBe(true);
    expect(all.map((r: any) => r.service_request_id)).toEqual(expect.arrayContaining([a, b]));
    for (const r of all) {
      expect(r.requested_datetime).toMatch(OFFSET);
      expect(['open', 'closed']).toContain(r.status);
    }
    const byCode = expectJson(await get('/open311/v2/requests.json?service_code=PAKN-XAYDUNG-QD'));
    expect(byCode.every((r: any) => r.service_code === 'PAKN-XAYDUNG-QD')).toBe(true);
    expect(byCode.map((r: any) => r.service_request_id)).toContain(b);
    expect(expectJson(await get('/open311/v2/requests.json?status=closed')).map((r: any) => r.service_request_id)).not.toContain(a);
    expect(expectJson(await get('/open311/v2/requests.json?status=open,closed')).length).toBe(all.length);
    const override = expectJson(await get(`/open311/v2/requests.json?service_request_id=${a},${b}&status=closed&service_code=PAKN-YTE-QD`));
    expect(override.map((r: any) => r.service_request_id).sort()).toEqual([a, b].sort());
    const page1 = expectJson(await get('/open311/v2/requests.json?page_size=1'));
    const page2 = expectJson(await get('/open311/v2/requests.json?page_size=1&page=2'));
    expect(page1).toHaveLength(1);
    expect(page2[0].service_request_id).not.toBe(page1[0].service_request_id);
    const old = expectJson(await get('/open311/v2/requests.json?start_date=2025-01-01T00:00:00%2B07:00&end_date=2025-03-01T00:00:00%2B07:00'));
    expect(old).toEqual([]);
    for (const q of ['status=pending', 'start_date=yesterday', 'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z', 'page_size=0', 'page_size=1001', 'page=-1']) {
      const r = await get(`/open311/v2/requests.json?${q}`);
      expect(r.statusCode, q).toBe(400);
      expect(expectJson(r)[0].code).toBe(400);
    }
    const x = expectXml(await get('/open311/v2/requests.xml?page_size=5'));
    expect(x.name).toBe('service_requests');
    for (const req of x.children) {
      expect(req.name).toBe('request');
      for (const n of names(req)) expect(REQUEST_FIELDS).toContain(n);
    }
  });

  it('excludes private items, hidden items and letters from every public endpoint', async () => {
    const priv = await createRequest();
    await t.db.query(`update feedback set visibility='private' where code=$1`, [priv]);
    const staff = await login(t.app, 'chuyenvien.pdp');
    const letter = await createRequest();
    const letterId = (await t.db.query('select id from feedback where code=$1', [letter])).rows[0].id;
    expect((await act(t.app, staff, letterId, 'reclassify', { kind: 'complaint', reason: 'Khiếu nại quyết định xử phạt' })).statusCode).toBe(200);
    const hidden = await createRequest();
    const hiddenId = (await t.db.query('select id from feedback where code=$1', [hidden])).rows[0].id;
    expect((await act(t.app, await login(t.app, 'lanhdao.pdp'), hiddenId, 'moderate', { hidden: true, reason: 'Nội dung không phù hợp' })).statusCode).toBe(200);
    const list = expectJson(await get('/open311/v2/requests.json')).map((r: any) => r.service_request_id);
    for (const id of [priv, letter, hidden]) {
      expect(list).not.toContain(id);
      expect((await get(`/open311/v2/requests/${id}.json`)).statusCode).toBe(404);
      expect(expectJson(await get(`/open311/v2/requests.json?service_request_id=${id}`))).toEqual([]);
    }
    const updates = expectJson(await get('/open311/v2/servicerequestupdates.json'));
    for (const id of [priv, letter, hidden]) expect(updates.map((u: any) => u.service_request_id)).not.toContain(id);
  });
});

describe('FixMyStreet-style flow: services.xml → POST requests.xml → updates window', () => {
  it('sends a report, follows its updates with stable ids, and pushes a citizen update that reopens it', async () => {
    const services = expectXml(await get('/open311/v2/services.xml?jurisdiction_id=thainguyen.gov.vn'));
    const code = services.children.map((s) => child(s, 'service_code')!.text).find((c) => c === 'PAKN-MOITRUONG-QD')!;
    const t0 = new Date(Date.now() - 60_000).toISOString();
    const created = expectXml(
      await post('/open311/v2/requests.xml', {
        api_key: KEY,
        jurisdiction_id: 'thainguyen.gov.vn',
        service_code: code,
        lat: '21.5931',
        long: '105.8446',
        description: 'title: Rác thải\n\ndetail: Rác đổ trộm ở bờ sông.\n\nurl: https://fms.example.vn/report/7\n\nSubmitted via FixMyStreet',
        first_name: 'An',
        last_name: 'Ngô',
        email: 'an.ngo@example.vn',
      }),
    );
    const id = child(created.children[0], 'service_request_id')!.text;
    const itemId = (await t.db.query('select id from feedback where code=$1', [id])).rows[0].id;
    const staff = await login(t.app, 'chuyenvien.pdp');
    expect((await act(t.app, staff, itemId, 'assign')).statusCode).toBe(200);
    expect((await act(t.app, staff, itemId, 'answer', { answer: 'Đã thu dọn rác và lắp camera giám sát.', summary: 'Đã thu dọn rác.' })).statusCode).toBe(200);
    expect((await act(t.app, await login(t.app, 'lanhdao.pdp'), itemId, 'publish')).statusCode).toBe(200);
    const t1 = new Date(Date.now() + 60_000).toISOString();
    const window = `start_date=${encodeURIComponent(t0)}&end_date=${encodeURIComponent(t1)}&jurisdiction_id=thainguyen.gov.vn&api_key=${KEY}`;
    const poll = async () => expectXml(await get(`/open311/v2/servicerequestupdates.xml?${window}`));
    const first = await poll();
    expect(first.name).toBe('service_request_updates');
    const mine = first.children.filter((u) => child(u, 'service_request_id')!.text === id);
    for (const u of mine) {
      expect(u.name).toBe('request_update');
      expect(names(u).slice(0, 6)).toEqual(['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url']);
      expect(child(u, 'updated_datetime')!.text).toMatch(/\+07:00$/);
    }
    expect(mine.map((u) => child(u, 'status')!.text)).toEqual(['open', 'investigating', 'in_progress', 'fixed']);
    expect(child(mine[3], 'description')!.text).toBe('Đã thu dọn rác.');
    const second = await poll();
    expect(second.children.filter((u) => child(u, 'service_request_id')!.text === id).map((u) => child(u, 'update_id')!.text)).toEqual(mine.map((u) => child(u, 'update_id')!.text));
    const req = expectJson(await get(`/open311/v2/requests/${id}.json`))[0];
    expect(req).toMatchObject({ status: 'closed', status_notes: 'Đã thu dọn rác.' });
    expect(req.updated_datetime).toMatch(/\+07:00$/);
    // The window is honoured: nothing before it.
    const later = expectJson(await get(`/open311/v2/servicerequestupdates.json?start_date=${encodeURIComponent(t1)}&end_date=${encodeURIComponent(new Date(Date.now() + 120_000).toISOString())}`));
    expect(later.map((u: any) => u.service_request_id)).not.toContain(id);
    const json = expectJson(await get(`/open311/v2/servicerequestupdates.json?${window}`));
    expect(json.filter((u: any) => u.service_request_id === id).map((u: any) => typeof u.update_id)).toEqual(['string', 'string', 'string', 'string']);
    expect((await get(`/open311/v2/servicerequestupdates.xml?start_date=${encodeURIComponent(t0)}`)).statusCode).toBe(400);
    expect((await get(`/open311/v2/servicerequestupdates.xml?${window.replace(KEY, 'bad-key')}`)).statusCode).toBe(403);

    // The citizen disagrees on FixMyStreet: the update reopens the report (a continued complaint).
    const push = {
      api_key: KEY,
      service_request_id: id,
      update_id: 'fms-update-991',
      status: 'OPEN',
      updated_datetime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      description: 'Rác lại bị đổ trộm sau hai ngày.',
      first_name: 'An',
      last_name: 'Ngô',
    };
    const pushed = await post('/open311/v2/servicerequestupdates.xml', push);
    expect(pushed.statusCode, pushed.body).toBe(200);
    const px = expectXml(pushed);
    expect(px.name).toBe('service_request_updates');
    const updateId = child(px.children[0], 'update_id')!.text;
    expect(updateId).toMatch(/^\d+$/);
    expect((await t.db.query('select status, reopen_count from feedback where id=$1', [itemId])).rows[0]).toEqual({ status: 'reopened', reopen_count: 1 });
    const again = expectJson(await post('/open311/v2/servicerequestupdates.json', push));
    expect(again).toEqual([{ update_id: updateId }]);
    expect((await t.db.query('select reopen_count from feedback where id=$1', [itemId])).rows[0].reopen_count).toBe(1);
    const comment = expectJson(await post('/open311/v2/servicerequestupdates.json', { ...push, update_id: 'fms-update-992', status: 'IN_PROGRESS', description: 'Cảm ơn đã xử lý lại.' }));
    expect(comment[0].update_id).not.toBe(updateId);
    const feed = expectJson(await get(`/open311/v2/servicerequestupdates.json?start_date=${encodeURIComponent(t0)}&end_date=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`));
    expect(feed.filter((u: any) => u.service_request_id === id).map((u: any) => u.status)).toEqual(['open', 'investigating', 'in_progress', 'fixed', 'reopen']);
  });

  it('validates pushed updates', async () => {
    const id = await createRequest();
    const missing = await post('/open311/v2/servicerequestupdates.json', { api_key: KEY, service_request_id: id });
    expect(missing.statusCode).toBe(400);
    expect(expectJson(missing).map((e: any) => e.description)).toEqual(['update_id is required', 'status is required', 'updated_datetime is required', 'description is required']);
    const base = { api_key: KEY, service_request_id: id, update_id: 'u-1', status: 'OPEN', updated_datetime: '2026-11-09T10:00:00Z', description: 'Cập nhật.' };
    expect((await post('/open311/v2/servicerequestupdates.json', { ...base, status: 'MAYBE' })).statusCode).toBe(400);
    expect((await post('/open311/v2/servicerequestupdates.json', { ...base, updated_datetime: 'now' })).statusCode).toBe(400);
    expect((await post('/open311/v2/servicerequestupdates.json', { ...base, api_key: 'nope' })).statusCode).toBe(403);
    expect((await post('/open311/v2/servicerequestupdates.json', { ...base, service_request_id: 'PAKN-000101-9999' })).statusCode).toBe(404);
    // Another client's request is not yours to update.
    const portal = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', payload: { categoryCode: 'PAKN-MOITRUONG-QD', description: 'Phản ánh gửi qua cổng, không qua Open311.', anonymous: true, lat: 21.593, long: 105.8445 } });
    expect(portal.statusCode).toBe(201);
    const own = portal.json().code;
    expect((await get(`/open311/v2/requests/${own}.json`)).statusCode).toBe(200);
    expect((await post('/open311/v2/servicerequestupdates.json', { ...base, service_request_id: own })).statusCode).toBe(404);
    const ok = await post('/open311/v2/servicerequestupdates.json', { ...base, status: 'in_progress' });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
