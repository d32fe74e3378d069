import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, call, type TestApp } from '../../helpers/testApp.js';
import { databaseKind } from '../../helpers/testDb.js';
import { act, freshIp, jpegWithExif, multipart } from './helpers.js';

let t: TestApp;
const PDP = '000.20.01.H55'; // Phường Phan Đình Phùng
const GS = '000.20.02.H55'; // Phường Gia Sàng
const PIN_PDP = { lat: 21.593, long: 105.8445 };

async function count(): Promise<number> {
  return (await t.db.query('select count(*)::int n from feedback')).rows[0].n;
}
const unitId = (code: string) => t.seed.units.get(code)!;

async function anonymous(payload: Record<string, unknown>, ip = freshIp()) {
  return t.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: { 'x-forwarded-for': ip }, payload });
}

async function submitAs(username: string, payload: Record<string, unknown>) {
  const r = await call(t.app, await login(t.app, username), { method: 'POST', url: '/api/v1/feedback', payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('categories', () => {
  it('lists field × class categories publicly, with their questions in order', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/feedback-categories' });
    expect(r.statusCode).toBe(200);
    const list = r.json();
    expect(list).toHaveLength(16);
    const land = list.find((c: any) => c.code === 'PAKN-DATDAI-QD');
    expect(land).toMatchObject({ class: 'regulation', fieldCode: 'DATDAI', fieldName: 'Đất đai', allowAnonymous: false });
    expect(list.find((c: any) => c.code === 'PAKN-DATDAI-HV').class).toBe('conduct');
    const roads = (await t.app.inject({ method: 'GET', url: '/api/v1/feedback-categories/PAKN-GIAOTHONG-QD' })).json();
    expect(roads.attributes.map((a: any) => [a.code, a.order, a.required])).toEqual([
      ['loai_su_co', 1, true],
      ['huong_dan', 2, false],
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/feedback-categories/PAKN-NOPE' })).statusCode).toBe(404);
  });
});

describe('submission from the portal', () => {
  it('accepts anonymous feedback where the category allows it, routes it by place and sets the dues from the legal clock', async () => {
    const before = await count();
    const r = await anonymous({ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Rác thải tập kết ở đầu ngõ 12 nhiều ngày không được thu gom.', ...PIN_PDP, anonymous: true });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body.code).toMatch(/^PAKN-\d{6}-\d{4}$/);
    expect(body.trackingSecret.length).toBeGreaterThan(20);
    expect(body.message).toContain(body.code);
    expect(await count()).toBe(before + 1);
    // The answer due is 15 working days on the responsible unit's calendar.
    const due = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/due?start=${encodeURIComponent(body.receivedAt)}&amount=15&unit=working_days&office=${PDP}` });
    expect(body.answerDueAt).toBe(due.json().due);
    const tracked = await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/track?code=${body.code}&secret=${body.trackingSecret}` });
    expect(tracked.statusCode).toBe(200);
    const d = tracked.json();
    expect(d.competentUnit.id).toBe(unitId(PDP));
    expect(d.commune.id).toBe(unitId(PDP));
    expect(d.status).toBe('received');
    expect(d.anonymous).toBe(true);
    expect(d.contact).toBeNull();
    const refuse = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/due?start=${encodeURIComponent(body.receivedAt)}&amount=2&unit=working_days&office=${PDP}` });
    expect(d.dues.refuse).toBe(refuse.json().due);
    expect(d.timeline.map((e: any) => e.action)).toEqual(['submit']);
    const wrong = await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/track?code=${body.code}&secret=wrong-secret-value` });
    expect(wrong.statusCode).toBe(404);
  });

  it('refuses anonymous feedback where the category needs a name, with a field message in both languages', async () => {
    const before = await count();
    const r = await anonymous({ categoryCode: 'PAKN-DATDAI-QD', description: 'Hồ sơ cấp giấy chứng nhận chậm giải quyết.', anonymous: true });
    expect(r.statusCode).toBe(400);
    const f = r.json().error.fields.find((x: any) => x.field === 'anonymous');
    expect(f.messageVi).toMatch(/ẩn danh/);
    expect(f.message).toMatch(/anonymous/);
    expect(await count()).toBe(before);
  });

  it('rejects a filled honeypot without writing anything', async () => {
    const before = await count();
    const r = await anonymous({ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Nội dung phản ánh hợp lệ về rác thải.', anonymous: true, website: 'http://spam.example' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('rejected_as_spam');
    expect(await count()).toBe(before);
  });

  it('answers bad input with field-level 400s and writes nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ description: 'Thiếu lĩnh vực phản ánh ở đây.' }, 'categoryCode'],
      [{ categoryCode: 'PAKN-NOPE-QD', description: 'Lĩnh vực không tồn tại trong hệ thống.', anonymous: true }, 'categoryCode'],
      [{ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Có vĩ độ mà không có kinh độ.', lat: 21.59, anonymous: true }, 'long'],
      [{ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Tọa độ nằm ngoài Việt Nam.', lat: 48.85, long: 2.35, anonymous: true }, 'lat'],
      [{ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Có <script>alert(1)</script> trong nội dung', anonymous: true }, 'description'],
      [{ categoryCode: 'PAKN-MOITRUONG-QD', description: 'ngắn', anonymous: true }, 'description'],
      [{ categoryCode: 'PAKN-MOITRUONG-QD', description: 'x'.repeat(4001), anonymous: true }, 'description'],
      [{ categoryCode: 'PAKN-GIAOTHONG-QD', description: 'Đường hỏng nặng trước cổng chợ.', anonymous: true }, 'attribute[loai_su_co]'],
      [{ categoryCode: 'PAKN-GIAOTHONG-QD', description: 'Đường hỏng nặng trước cổng chợ.', anonymous: true, attributes: { loai_su_co: 'bogus' } }, 'attribute[loai_su_co]'],
      [{ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Trường lạ trong yêu cầu gửi lên.', anonymous: true, surprise: 1 }, 'body'],
      [{ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Thiếu cách liên hệ với người gửi.', contactName: 'Lê Văn Cường' }, 'contactPhone'],
      [{ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Số điện thoại không đúng định dạng.', contactName: 'Lê Văn Cường', contactPhone: 'abc' }, 'contactPhone'],
      [{ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Kênh tiếp nhận chỉ dành cho cán bộ.', anonymous: true, channel: 'counter' }, 'channel'],
      [{ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Xã phường không tồn tại.', anonymous: true, communeCode: '000.99.99.H55' }, 'communeCode'],
    ];
    for (const [payload, field] of cases) {
      const r = await anonymous(payload);
      expect(r.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      const fields = r.json().error.fields;
      expect(fields.map((f: any) => f.field), JSON.stringify(fields)).toContain(field);
      expect(fields.every((f: any) => f.messageVi && f.message)).toBe(true);
    }
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() }, payload: '{"categoryCode":' });
    expect(bad.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('routes a signed-in citizen’s land feedback to the department and takes the contact from the profile', async () => {
    const r = await submitAs('congdan1', { categoryCode: 'PAKN-DATDAI-QD', description: 'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất nộp đã 40 ngày chưa có kết quả.', address: 'Tổ 5, phường Phan Đình Phùng' });
    const d = (await call(t.app, await login(t.app, 'congdan1'), { method: 'GET', url: `/api/v1/feedback/${r.id}` })).json();
    expect(d.competentUnit.id).toBe(unitId('000.00.13.H55'));
    expect(d.commune.id).toBe(unitId(PDP));
    expect(d.contact).toMatchObject({ name: 'Nguyễn Văn An', phone: '0912345678', email: 'an.nguyen@example.vn' });
    expect(d.allowedActions).toEqual(['comment']);
  });

  it('routes by a typed address when there is no pin', async () => {
    const r = await anonymous({ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Khói từ bãi đốt rác tự phát gần khu dân cư.', address: 'Tổ 3, phường Gia Sàng, tỉnh Thái Nguyên', anonymous: true });
    expect(r.statusCode).toBe(201);
    const d = (await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/track?code=${r.json().code}&secret=${r.json().trackingSecret}` })).json();
    expect(d.competentUnit.id).toBe(unitId(GS));
  });

  it('accepts photos in a multipart form: the original is kept privately, the public copy has no EXIF', async () => {
    const jpg = jpegWithExif();
    const form = multipart(
      { categoryCode: 'PAKN-GIAOTHONG-QD', description: 'Ổ gà lớn giữa đường, đọng nước khi mưa.', lat: String(PIN_PDP.lat), long: String(PIN_PDP.long), 'attribute[loai_su_co]': 'o_ga', contactName: 'Trần Văn Bảo', contactPhone: '0987000111' },
      [{ field: 'photos', name: 'o-ga.jpg', type: 'image/jpeg', data: jpg }],
    );
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', payload: form.payload, headers: { ...form.headers, 'x-forwarded-for': freshIp() } });
    expect(r.statusCode, r.body).toBe(201);
    const staff = await login(t.app, 'chuyenvien.pdp');
    const d = (await call(t.app, staff, { method: 'GET', url: `/api/v1/feedback/${r.json().id}` })).json();
    expect(d.attributes).toEqual({ loai_su_co: 'o_ga' });
    expect(d.media).toHaveLength(1);
    const original = await call(t.app, staff, { method: 'GET', url: d.media[0].url });
    expect(original.statusCode).toBe(200);
    expect(original.rawPayload.equals(jpg)).toBe(true);
    const pub = await t.app.inject({ method: 'GET', url: d.media[0].publicUrl });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toBe('image/jpeg');
    expect(pub.rawPayload.toString('latin1')).not.toContain('GPSLatitude');
    expect(pub.rawPayload.length).toBeLessThan(jpg.length);
    // Someone else cannot fetch the original.
    expect((await call(t.app, await login(t.app, 'congdan2'), { method: 'GET', url: d.media[0].url })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: d.media[0].url })).statusCode).toBe(401);
  });

  it('refuses a file that is not a photo', async () => {
    const before = await count();
    const form = multipart({ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Kèm tệp không phải ảnh chụp.', anonymous: 'true' }, [
      { field: 'photos', name: 'a.jpg', type: 'image/jpeg', data: Buffer.from('%PDF-1.7 not a photo') },
    ]);
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/feedback', payload: form.payload, headers: { ...form.headers, 'x-forwarded-for': freshIp() } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0].field).toBe('photos');
    expect(await count()).toBe(before);
  });

  it('limits anonymous submissions per address (signed-in users are not limited this way)', async () => {
    const ip = freshIp();
    const payload = { categoryCode: 'PAKN-MOITRUONG-QD', description: 'Tiếng ồn karaoke sau 23 giờ hằng đêm.', anonymous: true };
    expect((await anonymous(payload, ip)).statusCode).toBe(201);
    expect((await anonymous(payload, ip)).statusCode).toBe(201);
    const third = await anonymous(payload, ip);
    expect(third.statusCode).toBe(429);
    expect(third.json().error.messageVi).toMatch(/Quá nhiều/);
    const token = await login(t.app, 'congdan2');
    for (let i = 0; i < 3; i++) {
      const r = await call(t.app, token, { method: 'POST', url: '/api/v1/feedback', headers: { 'x-forwarded-for': ip }, payload });
      expect(r.statusCode).toBe(201);
    }
  });

  it('replays a retried submission with the same Idempotency-Key', async () => {
    const token = await login(t.app, 'congdan2');
    const payload = { categoryCode: 'PAKN-YTE-QD', description: 'Trạm y tế chưa niêm yết giá dịch vụ khám chữa bệnh.' };
    const a = await call(t.app, token, { method: 'POST', url: '/api/v1/feedback', headers: { 'idempotency-key': 'fb-retry-1' }, payload });
    const b = await call(t.app, token, { method: 'POST', url: '/api/v1/feedback', headers: { 'idempotency-key': 'fb-retry-1' }, payload });
    expect(a.statusCode).toBe(201);
    expect(b.json().code).toBe(a.json().code);
    expect((await t.db.query('select count(*)::int n from feedback where code=$1', [a.json().code])).rows[0].n).toBe(1);
  });

  it('replays a retried anonymous submission with the same Idempotency-Key, and refuses the key for another body', async () => {
    const payload = { categoryCode: 'PAKN-MOITRUONG-QD', description: 'Đèn đường ngõ 5 bị hỏng, buổi tối rất tối.', anonymous: true };
    const headers = { 'idempotency-key': 'anon-fb-retry-7f3a', 'x-forwarded-for': freshIp() };
    const a = await call(t.app, null, { method: 'POST', url: '/api/v1/feedback', headers, payload });
    const b = await call(t.app, null, { method: 'POST', url: '/api/v1/feedback', headers, payload });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().code).toBe(a.json().code);
    expect((await t.db.query('select count(*)::int n from feedback where code=$1', [a.json().code])).rows[0].n).toBe(1);
    const other = await call(t.app, null, { method: 'POST', url: '/api/v1/feedback', headers: { ...headers, 'x-forwarded-for': freshIp() }, payload: { ...payload, description: 'Một nội dung phản ánh khác hẳn.' } });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
  });
});

describe('handling: route → answer → publish → rate → reopen', () => {
  let id: string;
  let code: string;

  beforeAll(async () => {
    const r = await submitAs('congdan1', {
      categoryCode: 'PAKN-MOITRUONG-QD',
      description: 'Tôi là Nguyễn Văn An (0912345678): nước thải từ cơ sở sản xuất chảy ra mương chung.',
      ...PIN_PDP,
      attributes: { muc_do: 'nang' },
    });
    id = r.id;
    code = r.code;
  });

  it('shows the item to the responsible unit only, and to its sender', async () => {
    const mine = (await call(t.app, await login(t.app, 'congdan1'), { method: 'GET', url: '/api/v1/feedback' })).json();
    expect(mine.items.map((i: any) => i.code)).toContain(code);
    expect(mine.items.every((i: any) => i.sender === undefined)).toBe(true);
    const other = (await call(t.app, await login(t.app, 'congdan2'), { method: 'GET', url: '/api/v1/feedback' })).json();
    expect(other.items.map((i: any) => i.code)).not.toContain(code);
    expect((await call(t.app, await login(t.app, 'congdan2'), { method: 'GET', url: `/api/v1/feedback/${id}` })).statusCode).toBe(404);
    const unit = (await call(t.app, await login(t.app, 'chuyenvien.pdp'), { method: 'GET', url: '/api/v1/feedback?status=received' })).json();
    const row = unit.items.find((i: any) => i.code === code);
    expect(row.sender).toBe('Nguyễn Văn An');
    expect(row.currentDue.step).toBe('answer');
    const elsewhere = (await call(t.app, await login(t.app, 'chuyenvien'), { method: 'GET', url: '/api/v1/feedback' })).json();
    expect(elsewhere.items.map((i: any) => i.code)).not.toContain(code);
    expect((await call(t.app, await login(t.app, 'chuyenvien'), { method: 'GET', url: `/api/v1/feedback/${id}` })).statusCode).toBe(404);
    expect((await call(t.app, await login(t.app, 'tiepnhan'), { method: 'GET', url: `/api/v1/feedback/${id}` })).statusCode).toBe(404);
    expect((await call(t.app, await login(t.app, 'giamsat'), { method: 'GET', url: `/api/v1/feedback/${id}` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/feedback' })).statusCode).toBe(401);
    const badFilter = await call(t.app, await login(t.app, 'chuyenvien.pdp'), { method: 'GET', url: '/api/v1/feedback?status=nonsense' });
    expect(badFilter.statusCode).toBe(400);
  });

  it('is not public before publication', async () => {
    const pub = (await t.app.inject({ method: 'GET', url: '/api/v1/public/feedback?pageSize=200' })).json();
    expect(pub.items.map((i: any) => i.code)).not.toContain(code);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/${code}` })).statusCode).toBe(404);
  });

  it('assigns, with versions checked and illegal transitions explained', async () => {
    const staff = await login(t.app, 'chuyenvien.pdp');
    const d = (await call(t.app, staff, { method: 'GET', url: `/api/v1/feedback/${id}` })).json();
    expect(d.allowedActions).toContain('assign');
    expect(d.allowedActions).not.toContain('publish');
    const early = await call(t.app, await login(t.app, 'lanhdao.pdp'), { method: 'POST', url: `/api/v1/feedback/${id}/publish`, payload: { version: d.version } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('illegal_transition');
    expect(early.json().error.messageVi).toMatch(/Đã tiếp nhận/);
    const noVersion = await call(t.app, staff, { method: 'POST', url: `/api/v1/feedback/${id}/assign`, payload: {} });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.fields[0].field).toBe('version');
    const ok = await call(t.app, staff, { method: 'POST', url: `/api/v1/feedback/${id}/assign`, payload: { version: d.version } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'assigned', version: d.version + 1, handler: { name: 'Đặng Văn Hùng' } });
    const stale = await call(t.app, staff, { method: 'POST', url: `/api/v1/feedback/${id}/answer`, payload: { version: d.version, answer: 'x' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    const viaHeader = await call(t.app, staff, { method: 'POST', url: `/api/v1/feedback/${id}/classify`, headers: { 'if-match': `"${d.version}"` }, payload: { subclass: 'regulation_own' } });
    expect(viaHeader.statusCode).toBe(409);
  });

  it('rejects bad action input with field messages', async () => {
    const staff = await login(t.app, 'chuyenvien.pdp');
    const cases: [string, Record<string, unknown>, string][] = [
      ['answer', {}, 'answer'],
      ['answer', { answer: '' }, 'answer'],
      ['transfer', { reason: 'Sai thẩm quyền' }, 'toUnitId'],
      ['transfer', { toUnitId: '00000000-0000-0000-0000-000000000000', reason: 'x' }, 'toUnitId'],
      ['transfer', { toUnitId: 'not-a-uuid', reason: 'x' }, 'toUnitId'],
      ['refuse', {}, 'reason'],
      ['forward', { toBody: 'Bộ Xây dựng', reason: 'x', subclass: 'regulation_own' }, 'subclass'],
      ['classify', {}, 'subclass'],
      ['classify', { categoryCode: 'PAKN-NOPE' }, 'categoryCode'],
      ['merge', { targetCode: code }, 'targetCode'],
      ['merge', { targetCode: 'PAKN-000101-9999' }, 'targetCode'],
      ['assign', { handlerId: t.seed.users.get('chuyenvien') }, 'handlerId'],
      ['reclassify', { kind: 'gossip', reason: 'x' }, 'kind'],
      ['comment', { text: 'x'.repeat(4001) }, 'text'],
    ];
    for (const [path, body, field] of cases) {
      const r = await act(t.app, staff, id, path, body);
      expect(r.statusCode, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.json().error.fields.map((f: any) => f.field)).toContain(field);
    }
    const sameUnit = await act(t.app, staff, id, 'transfer', { toUnitId: unitId(PDP), reason: 'x' });
    expect(sameUnit.statusCode).toBe(409);
  });

  it('answers, and only a leader publishes', async () => {
    const staff = await login(t.app, 'chuyenvien.pdp');
    const a = await act(t.app, staff, id, 'answer', {
      answer: 'Kính gửi ông Nguyễn Văn An: UBND phường đã kiểm tra, yêu cầu cơ sở dừng xả thải và khắc phục. Liên hệ 0912345678 nếu cần.',
      summary: 'Đã kiểm tra, yêu cầu cơ sở dừng xả thải và khắc phục.',
    });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().status).toBe('answered');
    expect(a.json().dues.publish).toBeTruthy();
    const due = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/due?start=${encodeURIComponent(a.json().times.answered)}&amount=2&unit=working_days&office=${PDP}` });
    expect(a.json().dues.publish).toBe(due.json().due);
    expect((await act(t.app, staff, id, 'publish')).statusCode).toBe(403);
    const p = await act(t.app, await login(t.app, 'lanhdao.pdp'), id, 'publish');
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().status).toBe('published');
    expect(p.json().onTime).toEqual({ onTime: true, late: [], finished: true });
  });

  it('publishes without personal data: masked name, no phone, e-mail or ID, truncated coordinates', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/public/feedback?pageSize=200' });
    const item = list.json().items.find((i: any) => i.code === code);
    expect(item).toBeTruthy();
    expect(item.sender).toBe('Nguyễn V. A.');
    expect(item.location).toMatchObject({ lat: 21.593, long: 105.8445 });
    expect(item.answer.summary).toMatch(/dừng xả thải/);
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/${code}` });
    expect(one.statusCode).toBe(200);
    for (const body of [list.body, one.body]) {
      expect(body).not.toContain('0912345678');
      expect(body).not.toContain('an.nguyen@example.vn');
      expect(body).not.toContain('019090001234');
      expect(body).not.toContain('Nguyễn Văn An');
    }
    expect(one.json().timeline.map((e: any) => e.status)).toEqual(['open', 'investigating', 'in_progress', 'fixed']);
    const map = await t.app.inject({ method: 'GET', url: '/api/v1/public/feedback/map' });
    expect(map.headers['content-type']).toMatch(/application\/geo\+json/);
    const f = map.json().features.find((x: any) => x.properties.code === code);
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [105.8445, 21.593] });
    for (const x of map.json().features) {
      for (const c of x.geometry.coordinates) expect(Math.round(c * 1e4) / 1e4).toBeCloseTo(c, 10);
    }
    const nearby = await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/nearby?lat=21.5931&long=105.8446&category=PAKN-MOITRUONG-QD` });
    expect(nearby.json().items.map((i: any) => i.code)).toContain(code);
    const far = await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/nearby?lat=21.70&long=105.95` });
    expect(far.json().items.map((i: any) => i.code)).not.toContain(code);
  });

  it('takes one like or dislike per user or device', async () => {
    const vote = (payload: object, token: string | null = null) => call(t.app, token, { method: 'POST', url: `/api/v1/public/feedback/${code}/vote`, payload, headers: { 'x-forwarded-for': freshIp() } });
    expect((await vote({ vote: 'like', deviceId: 'device-aaaaaaaaaaaa-1' })).json()).toMatchObject({ likes: 1, dislikes: 0, dissatisfied: false });
    const again = await vote({ vote: 'dislike', deviceId: 'device-aaaaaaaaaaaa-1' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_voted');
    expect((await vote({ vote: 'dislike' }, await login(t.app, 'congdan2'))).json()).toMatchObject({ likes: 1, dislikes: 1, dissatisfied: false });
    expect((await vote({ vote: 'dislike' }, await login(t.app, 'congdan2'))).statusCode).toBe(409);
    expect((await vote({ vote: 'dislike', deviceId: 'device-bbbbbbbbbbbb-2' })).json()).toMatchObject({ likes: 1, dislikes: 2, dissatisfied: true });
    expect((await vote({ vote: 'meh', deviceId: 'device-cccccccccccc-3' })).statusCode).toBe(400);
    expect((await vote({ vote: 'like' })).statusCode).toBe(400);
    const unpublished = (await t.db.query(`select code from feedback where status='received' limit 1`)).rows[0].code;
    expect((await call(t.app, null, { method: 'POST', url: `/api/v1/public/feedback/${unpublished}/vote`, payload: { vote: 'like', deviceId: 'device-dddddddddddd-4' } })).statusCode).toBe(404);
  });

  it('lets the sender rate once (closing it) and reopen when they disagree', async () => {
    const owner = await login(t.app, 'congdan1');
    const d = (await call(t.app, owner, { method: 'GET', url: `/api/v1/feedback/${id}` })).json();
    expect(d.allowedActions).toEqual(['rate', 'reopen', 'comment']);
    expect(d.answer.text).toMatch(/Kính gửi/);
    expect((await act(t.app, await login(t.app, 'chuyenvien.pdp'), id, 'rate', { rating: 'satisfied' })).statusCode).toBe(403);
    const rated = await act(t.app, owner, id, 'rate', { rating: 'dissatisfied' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'closed', rating: { value: 'dissatisfied' }, votes: { likes: 1, dislikes: 3 } });
    const twice = await act(t.app, owner, id, 'rate', { rating: 'satisfied' });
    expect(twice.statusCode).toBe(409);
    expect((await act(t.app, owner, id, 'reopen', {})).statusCode).toBe(400);
    const reopened = await act(t.app, owner, id, 'reopen', { reason: 'Cơ sở vẫn xả thải vào ban đêm.' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'reopened', reopenCount: 1 });
    expect(reopened.json().dues.reopenAnswer).toBeTruthy();
    expect(reopened.json().currentDue.at).toBe(reopened.json().dues.reopenAnswer);
    // A second round: answer and publish again.
    expect((await act(t.app, await login(t.app, 'chuyenvien.pdp'), id, 'answer', { answer: 'Đã lập biên bản, đình chỉ hoạt động xả thải của cơ sở.' })).statusCode).toBe(200);
    const again = await act(t.app, await login(t.app, 'lanhdao.pdp'), id, 'publish');
    expect(again.json().status).toBe('published');
    const staffView = (await call(t.app, await login(t.app, 'chuyenvien.pdp'), { method: 'GET', url: `/api/v1/feedback/${id}` })).json();
    expect(staffView.timeline.map((e: any) => e.action)).toEqual(['submit', 'assign', 'answer', 'publish', 'rate', 'reopen', 'answer', 'publish']);
    expect(staffView.timeline[1].actorName).toBe('Đặng Văn Hùng');
    // Events are immutable: an append-only trigger refuses updates and deletes. (Only exercised on
    // PostgreSQL: on PGlite an exception raised in a trigger drops the socket connection.)
    const trg = await t.db.query(`select tgname from pg_trigger where tgrelid = 'feedback_events'::regclass and not tgisinternal`);
    expect(trg.rows.map((r: any) => r.tgname)).toContain('feedback_events_append_only');
    if (databaseKind() === 'postgres') {
      await expect(t.db.query('update feedback_events set reason=$1 where feedback_id=$2', ['x', id])).rejects.toThrow(/append-only/);
    }
  });
});

describe('transfer, refusal, supplements, forwarding, duplicates, letters, moderation', () => {
  it('transfers with a reason: the new unit’s clock starts at arrival and the old unit can no longer act', async () => {
    const r = await anonymous({ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Cống thoát nước bị tắc gây ngập khi mưa lớn.', ...PIN_PDP, anonymous: true });
    const id = r.json().id;
    const old = await login(t.app, 'chuyenvien.pdp');
    const tr = await act(t.app, old, id, 'transfer', { toUnitId: unitId(GS), reason: 'Vị trí thuộc địa bàn phường Gia Sàng' });
    expect(tr.statusCode, tr.body).toBe(200);
    expect(tr.json()).toMatchObject({ status: 'received', competentUnit: { id: unitId(GS) }, receivingUnit: { id: unitId(PDP) } });
    const due = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/due?start=${encodeURIComponent(tr.json().times.clockFrom)}&amount=15&unit=working_days&office=${GS}` });
    expect(tr.json().dues.answer).toBe(due.json().due);
    expect(tr.json().timeline.at(-1)).toMatchObject({ action: 'transfer', reason: 'Vị trí thuộc địa bàn phường Gia Sàng' });
    expect((await act(t.app, old, id, 'assign')).statusCode).toBe(403);
    expect((await act(t.app, await login(t.app, 'admin'), id, 'assign')).statusCode).toBe(200);
  });

  it('refuses with a reason the sender can read; refuses twice with 409', async () => {
    const r = await anonymous({ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Nội dung chung chung, không rõ địa điểm nào.', ...PIN_PDP, anonymous: true });
    const { id, code, trackingSecret } = r.json();
    const staff = await login(t.app, 'chuyenvien.pdp');
    const ref = await act(t.app, staff, id, 'refuse', { reason: 'Không xác định được địa điểm, nội dung phản ánh.' });
    expect(ref.json()).toMatchObject({ status: 'refused', subclass: 'rejected' });
    expect((await act(t.app, staff, id, 'refuse', { reason: 'lần hai' })).statusCode).toBe(409);
    const tracked = (await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/track?code=${code}&secret=${trackingSecret}` })).json();
    expect(tracked.refusalReason).toMatch(/Không xác định/);
    expect(tracked.timeline.find((e: any) => e.action === 'refuse').reason).toMatch(/Không xác định/);
  });

  it('asks for more information, which the anonymous sender supplies with the tracking secret', async () => {
    const r = await anonymous({ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Mùi hôi từ khu chăn nuôi gần trường học.', ...PIN_PDP, anonymous: true });
    const { id, code, trackingSecret } = r.json();
    const staff = await login(t.app, 'chuyenvien.pdp');
    const rq = await act(t.app, staff, id, 'request-supplement', { reason: 'Đề nghị cho biết địa chỉ cụ thể của khu chăn nuôi.' });
    expect(rq.json()).toMatchObject({ status: 'supplement_requested' });
    expect(rq.json().times.supplementRequested).toBeTruthy();
    const track = (await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/track?code=${code}&secret=${trackingSecret}` })).json();
    expect(track.supplementRequest).toMatch(/địa chỉ cụ thể/);
    expect(track.allowedActions).toEqual(['supplement', 'comment']);
    const wrong = await t.app.inject({ method: 'POST', url: `/api/v1/public/feedback/${code}/supplement`, payload: { secret: 'not-the-secret-123', version: track.version, text: 'x' } });
    expect(wrong.statusCode).toBe(404);
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/public/feedback/${code}/supplement`, payload: { secret: trackingSecret, version: track.version, text: 'Khu chăn nuôi ở cuối ngõ 45, gọi 0977 111 222.' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('supplemented');
    expect(ok.json().publicCopy.description).not.toContain('0977 111 222');
    expect(ok.json().description).toContain('cuối ngõ 45');
  });

  it('forwards out of competence, merges duplicates and reclassifies letters', async () => {
    const staff = await login(t.app, 'chuyenvien.pdp');
    const mk = async (description: string) => (await anonymous({ categoryCode: 'PAKN-MOITRUONG-QD', description, ...PIN_PDP, anonymous: true })).json().id as string;
    const a = await mk('Đề nghị sửa quy định về phí bảo vệ môi trường đối với nước thải.');
    const fw = await act(t.app, staff, a, 'forward', { toBody: 'Bộ Nông nghiệp và Môi trường', subclass: 'regulation_other', reason: 'Quy định do Chính phủ ban hành' });
    expect(fw.json()).toMatchObject({ status: 'forwarded', subclass: 'regulation_other', forwardedTo: 'Bộ Nông nghiệp và Môi trường' });
    const b = await mk('Rác thải ở đầu ngõ 12 vẫn chưa được thu gom, bốc mùi.');
    const target = (await t.db.query(`select code from feedback where status='received' and competent_unit_id=$1 and id<>$2 order by received_at limit 1`, [unitId(PDP), b])).rows[0].code;
    const mg = await act(t.app, staff, b, 'merge', { targetCode: target });
    expect(mg.json()).toMatchObject({ status: 'merged', mergedInto: target });
    const c = await mk('Cán bộ phường nhận tiền để bỏ qua vi phạm xây dựng của hàng xóm.');
    const rc = await act(t.app, staff, c, 'reclassify', { kind: 'denunciation', letterRef: 'DON-2026-001', reason: 'Nội dung tố cáo hành vi của công chức' });
    expect(rc.json()).toMatchObject({ status: 'reclassified', reclassifiedAs: 'denunciation', letterRef: 'DON-2026-001', visibility: 'private' });
    expect((await act(t.app, staff, c, 'answer', { answer: 'x' })).statusCode).toBe(409);
  });

  it('moderates the public copy with a reason and keeps the original', async () => {
    const r = await submitAs('congdan2', { categoryCode: 'PAKN-MOITRUONG-QD', description: 'Bãi rác tự phát ở bờ sông, ông Tư bán hàng xả rác mỗi ngày.', ...PIN_PDP });
    const id = r.id;
    const staff = await login(t.app, 'chuyenvien.pdp');
    const leader = await login(t.app, 'lanhdao.pdp');
    await act(t.app, staff, id, 'answer', { answer: 'Đã bố trí thu dọn bãi rác và lắp biển cấm đổ rác.' });
    await act(t.app, leader, id, 'publish');
    const listed = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/public/feedback?pageSize=200' })).json().items.map((i: any) => i.code);
    expect(await listed()).toContain(r.code);
    expect((await act(t.app, staff, id, 'moderate', { hidden: true, reason: 'x' })).statusCode).toBe(403);
    expect((await act(t.app, leader, id, 'moderate', { hidden: true })).statusCode).toBe(400);
    expect((await act(t.app, leader, id, 'moderate', { reason: 'Không có gì' })).statusCode).toBe(400);
    const edit = await act(t.app, leader, id, 'moderate', { publicDescription: 'Bãi rác tự phát ở bờ sông.', reason: 'Bỏ thông tin về người thứ ba' });
    expect(edit.json().moderation).toMatchObject({ state: 'edited', reason: 'Bỏ thông tin về người thứ ba' });
    expect(edit.json().moderation.original.publicDescription).toMatch(/ông Tư/);
    expect(edit.json().description).toMatch(/ông Tư/);
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/${r.code}` });
    expect(one.json().description).toBe('Bãi rác tự phát ở bờ sông.');
    const hide = await act(t.app, leader, id, 'moderate', { hidden: true, reason: 'Nội dung xúc phạm cá nhân' });
    expect(hide.json().moderationState).toBe('hidden');
    expect(await listed()).not.toContain(r.code);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/feedback/${r.code}` })).statusCode).toBe(404);
    expect(hide.json().moderation.original.publicDescription).toMatch(/ông Tư/);
    const unhide = await act(t.app, leader, id, 'moderate', { hidden: false, reason: 'Đã xem xét lại' });
    expect(unhide.json().moderationState).toBe('edited');
    expect(await listed()).toContain(r.code);
  });
});

describe('staff entry and operators’ tools', () => {
  it('lets counter staff enter feedback received by phone for a citizen without an account', async () => {
    const r = await call(t.app, await login(t.app, 'tiepnhan.pdp'), {
      method: 'POST',
      url: '/api/v1/feedback',
      payload: { categoryCode: 'PAKN-HOTICH-HV', description: 'Công dân phản ánh qua điện thoại về thái độ của công chức hộ tịch.', channel: 'phone', contactName: 'Lý Thị Hạnh', contactPhone: '0911222333' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const d = (await call(t.app, await login(t.app, 'chuyenvien.pdp'), { method: 'GET', url: `/api/v1/feedback/${r.json().id}` })).json();
    expect(d).toMatchObject({ channel: 'phone', class: 'conduct', receivingUnit: { id: unitId(PDP) } });
  });

  it('blocks abusive contacts (administrators manage the list)', async () => {
    const admin = await login(t.app, 'admin');
    expect((await call(t.app, await login(t.app, 'congdan1'), { method: 'POST', url: '/api/v1/feedback/blocklist', payload: { kind: 'phone', value: '0900000001', reason: 'spam' } })).statusCode).toBe(403);
    expect((await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback/blocklist', payload: { kind: 'phone', value: 'abc12', reason: 'spam' } })).statusCode).toBe(400);
    const b = await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback/blocklist', payload: { kind: 'phone', value: '0900 000 001', reason: 'Gửi hàng trăm phản ánh rác' } });
    expect(b.statusCode).toBe(201);
    expect((await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback/blocklist', payload: { kind: 'phone', value: '0900000001', reason: 'again' } })).statusCode).toBe(409);
    const r = await anonymous({ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Phản ánh từ số điện thoại bị chặn.', contactName: 'Người Gửi', contactPhone: '0900000001' });
    expect(r.statusCode).toBe(403);
    expect((await call(t.app, admin, { method: 'DELETE', url: `/api/v1/feedback/blocklist/${b.json().id}` })).statusCode).toBe(200);
    expect((await anonymous({ categoryCode: 'PAKN-MOITRUONG-QD', description: 'Phản ánh từ số điện thoại đã bỏ chặn.', contactName: 'Người Gửi', contactPhone: '0900000001' })).statusCode).toBe(201);
  });

  it('manages categories and routing rules (administrators only, bad input refused)', async () => {
    const admin = await login(t.app, 'admin');
    const citizen = await login(t.app, 'congdan1');
    const body = {
      code: 'PAKN-CAYXANH-QD',
      name: 'Cây xanh đô thị – về quy định',
      fieldCode: 'CAYXANH',
      fieldName: 'Cây xanh',
      class: 'regulation',
      attributes: [{ code: 'loai', datatype: 'singlevaluelist', required: true, variable: true, order: 1, description: 'Loại', values: [{ key: 'do', name: 'Cây đổ' }] }],
    };
    expect((await call(t.app, citizen, { method: 'POST', url: '/api/v1/feedback-categories', payload: body })).statusCode).toBe(403);
    expect((await call(t.app, null, { method: 'POST', url: '/api/v1/feedback-categories', payload: body })).statusCode).toBe(401);
    const badAttr = await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback-categories', payload: { ...body, attributes: [{ ...body.attributes[0], values: [] }] } });
    expect(badAttr.statusCode).toBe(400);
    expect(badAttr.json().error.fields[0].field).toBe('attributes.0.values');
    expect((await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback-categories', payload: { ...body, code: 'lower-case' } })).statusCode).toBe(400);
    const created = await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback-categories', payload: body });
    expect(created.statusCode, created.body).toBe(201);
    expect((await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback-categories', payload: body })).statusCode).toBe(409);
    const stale = await call(t.app, admin, { method: 'PATCH', url: '/api/v1/feedback-categories/PAKN-CAYXANH-QD', payload: { version: 9, name: 'Cây xanh' } });
    expect(stale.statusCode).toBe(409);
    const rule = await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback-categories/routing-rules', payload: { categoryCode: 'PAKN-CAYXANH-QD', targetUnitId: unitId('000.00.14.H55') } });
    expect(rule.statusCode, rule.body).toBe(201);
    expect((await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback-categories/routing-rules', payload: { targetUnitId: unitId('000.00.14.H55') } })).statusCode).toBe(400);
    expect((await call(t.app, citizen, { method: 'POST', url: '/api/v1/feedback-categories/routing-rules', payload: { categoryCode: 'PAKN-CAYXANH-QD', targetUnitId: unitId(GS) } })).statusCode).toBe(403);
    const sub = await anonymous({ categoryCode: 'PAKN-CAYXANH-QD', description: 'Cây xanh bị đổ chắn ngang đường sau bão.', ...PIN_PDP, anonymous: true, attributes: { loai: 'do' } });
    expect(sub.statusCode, sub.body).toBe(201);
    const d = (await call(t.app, admin, { method: 'GET', url: `/api/v1/feedback/${sub.json().id}` })).json();
    expect(d.competentUnit.id).toBe(unitId('000.00.14.H55'));
    const closed = await call(t.app, admin, { method: 'DELETE', url: `/api/v1/feedback-categories/routing-rules/${rule.json().id}` });
    expect(closed.statusCode).toBe(200);
    expect((await call(t.app, admin, { method: 'DELETE', url: `/api/v1/feedback-categories/routing-rules/${rule.json().id}` })).statusCode).toBe(409);
    const cur = (await t.app.inject({ method: 'GET', url: '/api/v1/feedback-categories/PAKN-CAYXANH-QD' })).json();
    const off = await call(t.app, admin, { method: 'PATCH', url: '/api/v1/feedback-categories/PAKN-CAYXANH-QD', payload: { version: cur.version, active: false } });
    expect(off.json()).toMatchObject({ active: false, version: cur.version + 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/feedback-categories' })).json().map((c: any) => c.code)).not.toContain('PAKN-CAYXANH-QD');
  });

  it('versions the deadline rules: a new version from a date closes the previous one', async () => {
    const admin = await login(t.app, 'admin');
    const cur = (await t.app.inject({ method: 'GET', url: '/api/v1/feedback/deadline-rules?date=2026-11-09' })).json();
    expect(cur.inForce.map((r: any) => [r.step, r.amount])).toEqual([
      ['refuse', 2],
      ['supplement', 5],
      ['forward', 5],
      ['answer', 15],
      ['publish', 2],
    ]);
    expect(cur.inForce.find((r: any) => r.step === 'answer')).toMatchObject({ legalBasis: expect.stringMatching(/QĐ 29\/2026/), evidence: 'to_verify' });
    const old = (await t.app.inject({ method: 'GET', url: '/api/v1/feedback/deadline-rules?date=2025-01-01' })).json();
    expect(old.inForce.find((r: any) => r.step === 'answer').legalBasis).toMatch(/QĐ 31\/2021/);
    const payload = { step: 'answer', amount: 10, effectiveFrom: '2027-01-01', legalBasis: 'Quyết định của UBND tỉnh (giả định trong kiểm thử)' };
    expect((await call(t.app, await login(t.app, 'lanhdao'), { method: 'POST', url: '/api/v1/feedback/deadline-rules', payload })).statusCode).toBe(403);
    expect((await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback/deadline-rules', payload: { ...payload, amount: -1 } })).statusCode).toBe(400);
    expect((await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback/deadline-rules', payload: { ...payload, effectiveFrom: '2020-01-01' } })).statusCode).toBe(400);
    const ok = await call(t.app, admin, { method: 'POST', url: '/api/v1/feedback/deadline-rules', payload });
    expect(ok.statusCode, ok.body).toBe(201);
    const later = (await t.app.inject({ method: 'GET', url: '/api/v1/feedback/deadline-rules?date=2027-02-01' })).json();
    expect(later.inForce.find((r: any) => r.step === 'answer').amount).toBe(10);
    const now = (await t.app.inject({ method: 'GET', url: '/api/v1/feedback/deadline-rules?date=2026-12-01' })).json();
    expect(now.inForce.find((r: any) => r.step === 'answer').amount).toBe(15);
    expect(now.history.filter((r: any) => r.step === 'answer')).toHaveLength(3);
  });

  it('issues Open311 keys shown once, lists them without the key, and revokes them', async () => {
    const admin = await login(t.app, 'admin');
    expect((await call(t.app, await login(t.app, 'lanhdao'), { method: 'GET', url: '/api/v1/open311-clients' })).statusCode).toBe(403);
    expect((await call(t.app, admin, { method: 'POST', url: '/api/v1/open311-clients', payload: { name: 'X' } })).statusCode).toBe(400);
    expect((await call(t.app, admin, { method: 'POST', url: '/api/v1/open311-clients', payload: { name: 'Ứng dụng', serviceCodes: ['PAKN-NOPE'] } })).statusCode).toBe(400);
    const r = await call(t.app, admin, { method: 'POST', url: '/api/v1/open311-clients', payload: { name: 'Ứng dụng Zalo mini app', serviceCodes: ['PAKN-MOITRUONG-QD'] } });
    expect(r.statusCode).toBe(201);
    const key = r.json().apiKey as string;
    expect(key.length).toBeGreaterThan(30);
    const list = await call(t.app, admin, { method: 'GET', url: '/api/v1/open311-clients' });
    expect(list.body).not.toContain(key);
    expect(list.json().map((c: any) => c.name)).toEqual(expect.arrayContaining(['Ứng dụng Zalo mini app', 'FixMyStreet Thái Nguyên (minh họa)']));
    const stored = (await t.db.query('select key_hash from open311_clients where id=$1', [r.json().id])).rows[0].key_hash;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(key);
    const demo = (await t.db.query(`select key_hash from open311_clients where name like 'FixMyStreet%'`)).rows[0].key_hash;
    expect(demo).not.toBe('demo-open311-key');
    const rev = await call(t.app, admin, { method: 'DELETE', url: `/api/v1/open311-clients/${r.json().id}?reason=${encodeURIComponent('Ngừng hợp tác')}` });
    expect(rev.statusCode).toBe(200);
    expect(rev.json().revokedAt).toMatch(/\+07:00$/);
    expect((await call(t.app, admin, { method: 'DELETE', url: `/api/v1/open311-clients/${r.json().id}` })).statusCode).toBe(409);
  });
});
