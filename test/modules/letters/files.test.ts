/**
 * Real files for letters (the scan and its enclosures) and for documents received at reception:
 * upload (multipart, several files, title, Idempotency-Key), download through GET /files/:id with
 * the same bytes and the sniffed type, refusals that write nothing, another unit's officer, the
 * citizen sender, and the protection of denouncers (names hidden, audited downloads with a
 * purpose, break-glass for supervisors).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../helpers/testApp.js';
import { as, createLetterUsers, daysAgo, U } from './helpers.js';

let t: TestApp;
const unit = (c: string) => t.seed.units.get(c)!;
const userId = async (name: string) => (await t.db.query('select id from users where username=$1', [name])).rows[0].id as string;

// ------------------------------------------------------------------ real content built here

/** A minimal valid one-page PDF (correct cross-reference offsets). */
function pdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 14 Tf 20 100 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A w×h RGB PNG filled with one colour. */
function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.concat(Array.from({ length: h }, () => Buffer.from([0, ...Array.from({ length: w }, () => rgb).flat()])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

type Part = { field: string; name: string; data: Buffer; type?: string } | { field: string; value: string };
function multipart(parts: Part[]) {
  const boundary = `----motcua${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('data' in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"; filename="${p.name}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'), p.data, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`, 'utf8'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(username: string, url: string, parts: Part[], headers: Record<string, string> = {}) {
  const m = multipart(parts);
  const token = await login(t.app, username);
  return t.app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, ...headers, authorization: `Bearer ${token}` } });
}
async function download(username: string, fileId: string, query = '') {
  const token = await login(t.app, username);
  return t.app.inject({ method: 'GET', url: `/api/v1/files/${fileId}${query}`, headers: { authorization: `Bearer ${token}` } });
}

/** Everything an upload could have written: file rows, attachment events, files on disk. */
async function footprint() {
  const rows = (await t.db.query('select count(*)::int n from files')).rows[0].n as number;
  const events = (await t.db.query(`select count(*)::int n from letter_events where action='file_attached'`)).rows[0].n as number;
  const onDisk = fs.existsSync(t.filesDir) ? fs.readdirSync(t.filesDir, { recursive: true }).filter((f) => fs.statSync(path.join(t.filesDir, String(f))).isFile()).length : 0;
  return { rows, events, onDisk };
}

const CHECKS = { vietnamese: true, dated: true, named: true, addressed: true, signed: true, namesRespondent: true, statesContent: true, statesReasons: true, statesRequest: true, namesViolation: true };
const SCAN = pdf('Don khieu nai - ban quet');
const PHOTO = png(3, 2, [200, 30, 30]);
let letterId: string;

beforeAll(async () => {
  t = await createTestApp();
  await createLetterUsers(t);
  const officer = await as(t.app, 'tiepcongdan');
  const r = await officer.post('/api/v1/letters', {
    unitId: unit(U.banTcd),
    source: 'post',
    receivedAt: daysAgo(2),
    sender: { name: 'Đoàn Thị Quyên', address: 'Tổ 3, phường Gia Sàng' },
    contentType: 'complaint',
    summary: 'Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng',
  });
  expect(r.statusCode, r.body).toBe(201);
  letterId = r.json().id;
});
afterAll(async () => t?.close());

describe('files of a letter', () => {
  let pdfId: string;
  let pngId: string;

  it('uploads a real PDF and PNG in one request, lists them and logs one file_attached event each', async () => {
    const r = await upload('tiepcongdan', `/api/v1/letters/${letterId}/files`, [
      { field: 'files', name: 'don-khieu-nai.pdf', data: SCAN, type: 'application/pdf' },
      { field: 'files', name: 'anh-hien-truong.png', data: PHOTO, type: 'image/png' },
      { field: 'title', value: 'Bản quét đơn và ảnh kèm theo' },
    ]);
    expect(r.statusCode, r.body).toBe(201);
    const b = r.json();
    expect(b.attached).toBe(2);
    expect(b.mayUpload).toBe(true);
    expect(b.protected).toBe(false);
    expect(b.items.map((f: any) => [f.name, f.mime, f.sizeBytes, f.title])).toEqual([
      ['don-khieu-nai.pdf', 'application/pdf', SCAN.length, 'Bản quét đơn và ảnh kèm theo'],
      ['anh-hien-truong.png', 'image/png', PHOTO.length, 'Bản quét đơn và ảnh kèm theo'],
    ]);
    expect(b.items[0].uploadedBy).toBe('Phạm Thu Trang');
    [pdfId, pngId] = b.items.map((f: any) => f.id);

    const rows = (await t.db.query('select * from files where letter_id=$1 order by uploaded_at, id', [letterId])).rows;
    expect(rows).toHaveLength(2);
    expect(rows.every((x: any) => x.dossier_id === null && x.tenant_id === 'H55')).toBe(true);
    const ev = (await t.db.query(`select * from letter_events where entity='letter' and entity_id=$1 and action='file_attached' order by id`, [letterId])).rows;
    expect(ev.map((e: any) => e.data.fileId)).toEqual([pdfId, pngId]);
    expect(ev[0].actor_id).toBe(await userId('tiepcongdan'));
    expect(ev[0].actor_unit_id).toBe(unit(U.banTcd));
    // The history names the event; the event never carries the file name (it may name a denouncer).
    expect(JSON.stringify(ev.map((e: any) => e.data))).not.toContain('don-khieu-nai');
    const d = (await (await as(t.app, 'tiepcongdan')).get(`/api/v1/letters/${letterId}`)).json();
    expect(d.events.filter((e: any) => e.action === 'file_attached').map((e: any) => e.actionLabel.vi)).toEqual(['Đính kèm tệp (bản quét)', 'Đính kèm tệp (bản quét)']);

    const list = await (await as(t.app, 'tiepcongdan')).get(`/api/v1/letters/${letterId}/files`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((f: any) => f.id)).toEqual([pdfId, pngId]);
  });

  it('downloads the same bytes with the sniffed type, inline, for the officer and the supervisor', async () => {
    for (const who of ['tiepcongdan', 'giamsat', 'lanhdao.bantcd']) {
      const a = await download(who, pdfId);
      expect(a.statusCode, `${who} ${a.body.slice(0, 200)}`).toBe(200);
      expect(a.headers['content-type']).toBe('application/pdf');
      expect(String(a.headers['content-disposition'])).toMatch(/^inline; filename="don-khieu-nai\.pdf"/);
      expect(Buffer.compare(a.rawPayload, SCAN)).toBe(0);
      const b = await download(who, pngId);
      expect(b.statusCode).toBe(200);
      expect(b.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(b.rawPayload, PHOTO)).toBe(0);
    }
    // A supervisor reads but does not act on the letter: no upload.
    const sup = (await (await as(t.app, 'giamsat')).get(`/api/v1/letters/${letterId}/files`)).json();
    expect(sup.items).toHaveLength(2);
    expect(sup.mayUpload).toBe(false);
    const before = await footprint();
    const r = await upload('giamsat', `/api/v1/letters/${letterId}/files`, [{ field: 'files', name: 'x.png', data: png(1, 1, [1, 2, 3]) }]);
    expect(r.statusCode).toBe(403);
    expect(await footprint()).toEqual(before);
  });

  it('refuses an executable, an unknown type, a mismatched name, a too large file and a missing file with 400 in both languages, writing nothing', async () => {
    const before = await footprint();
    const url = `/api/v1/letters/${letterId}/files`;
    const exe = await upload('tiepcongdan', url, [{ field: 'files', name: 'don.pdf', data: EXE }]);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.code).toBe('executable_rejected');
    expect(exe.json().error.fields).toEqual([
      { field: 'files', message: 'don.pdf: file is an executable or script', messageVi: 'don.pdf: Tệp là chương trình thực thi hoặc mã lệnh' },
    ]);
    const txt = await upload('tiepcongdan', url, [{ field: 'files', name: 'ghi-chu.txt', data: Buffer.from('chỉ là văn bản, không phải bản quét\n') }]);
    expect(txt.statusCode).toBe(400);
    expect(txt.json().error.code).toBe('unsupported_file_type');
    expect(txt.json().error.fields[0].field).toBe('files');
    expect(txt.json().error.fields[0].messageVi).toMatch(/^ghi-chu\.txt: Loại tệp phải là: PDF/);
    const mismatch = await upload('tiepcongdan', url, [{ field: 'files', name: 'anh.jpg', data: png(2, 2, [0, 0, 0]) }]);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.code).toBe('type_mismatch');
    // One good file and one bad one: neither is kept.
    const mixed = await upload('tiepcongdan', url, [
      { field: 'files', name: 'tot.png', data: png(4, 4, [9, 9, 9]) },
      { field: 'files', name: 'setup.exe', data: EXE },
    ]);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.fields.map((f: any) => f.message)).toEqual(['setup.exe: file is an executable or script']);
    const big = Buffer.concat([SCAN, Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    const tooLarge = await upload('tiepcongdan', url, [{ field: 'files', name: 'lon.pdf', data: big }]);
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.json().error.code).toBe('file_too_large');
    expect(tooLarge.json().error.fields[0]).toEqual({ field: 'files', message: 'lon.pdf: file is larger than 2 MB', messageVi: 'lon.pdf: tệp lớn hơn 2 MB' });
    const none = await upload('tiepcongdan', url, [{ field: 'title', value: 'Không có tệp' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].field).toBe('files');
    expect(none.json().error.fields[0].messageVi).toBeTruthy();
    const json = await (await as(t.app, 'tiepcongdan')).post(url, { files: ['gia.pdf'] });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.fields[0].field).toBe('files');
    expect(await footprint()).toEqual(before);
  });

  it('is invisible to another unit’s officer, an administrator and a citizen (404), and refused to anonymous callers', async () => {
    const before = await footprint();
    for (const who of ['tcd.giasang', 'admin', 'congdan1']) {
      expect((await download(who, pdfId)).statusCode, who).toBe(404);
    }
    expect((await (await as(t.app, 'tcd.giasang')).get(`/api/v1/letters/${letterId}/files`)).statusCode).toBe(404);
    const r = await upload('tcd.giasang', `/api/v1/letters/${letterId}/files`, [{ field: 'files', name: 'a.png', data: png(5, 5, [5, 5, 5]) }]);
    expect(r.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/files/${pdfId}` })).statusCode).toBe(401);
    expect(await footprint()).toEqual(before);
  });

  it('creates one record for a retried upload with the same Idempotency-Key, and refuses other content under it', async () => {
    const photo = png(6, 6, [10, 120, 10]);
    const key = 'upload-retry-0001';
    const parts: Part[] = [{ field: 'files', name: 'phong-bi.png', data: photo }];
    const before = await footprint();
    const first = await upload('tiepcongdan', `/api/v1/letters/${letterId}/files`, parts, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    const second = await upload('tiepcongdan', `/api/v1/letters/${letterId}/files`, parts, { 'idempotency-key': key });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().attached).toBe(1);
    const after = await footprint();
    expect(after.rows - before.rows).toBe(1);
    expect(after.events - before.events).toBe(1);
    expect(after.onDisk - before.onDisk).toBe(1);
    const other = await upload('tiepcongdan', `/api/v1/letters/${letterId}/files`, [{ field: 'files', name: 'phong-bi.png', data: png(7, 7, [1, 1, 1]) }], { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(await footprint()).toEqual(after);
  });

  it('gives the citizen who sent a letter online none of the files staff attach to it', async () => {
    const citizen = await as(t.app, 'congdan1');
    const l = await citizen.post('/api/v1/letters/online', { unitId: unit(U.banTcd), contentType: 'petition', summary: 'Kiến nghị sửa chữa cầu dân sinh tổ 5' });
    expect(l.statusCode, l.body).toBe(201);
    const up = await upload('tiepcongdan', `/api/v1/letters/${l.json().id}/files`, [{ field: 'files', name: 'phieu-xu-ly.pdf', data: pdf('Phieu xu ly noi bo') }]);
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().items[0].id;
    const mine = await citizen.get(`/api/v1/letters/${l.json().id}/files`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ total: 0, hidden: 0, items: [], mayUpload: true });
    expect((await download('congdan1', fileId)).statusCode).toBe(404);
  });

  it('lets the online sender add documents while the letter waits for its outcome, and not afterwards', async () => {
    const citizen = await as(t.app, 'congdan1');
    const l = (await citizen.post('/api/v1/letters/online', { unitId: unit(U.banTcd), contentType: 'complaint', summary: 'Khiếu nại việc thu hồi đất không bồi thường tổ 7' })).json();
    const PROOF = pdf('Giay chung nhan quyen su dung dat');
    const up = await upload('congdan1', `/api/v1/letters/${l.id}/files`, [
      { field: 'files', name: 'so-do.pdf', data: PROOF },
      { field: 'title', value: 'Giấy chứng nhận quyền sử dụng đất' },
    ]);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ attached: 1, total: 1, protected: false, mayUpload: true, items: [{ name: 'so-do.pdf', title: 'Giấy chứng nhận quyền sử dụng đất', mime: 'application/pdf' }] });
    const mineId = up.json().items[0].id;
    const own = await download('congdan1', mineId);
    expect(own.statusCode).toBe(200);
    expect(Buffer.compare(own.rawPayload, PROOF)).toBe(0);
    // The officer sees the citizen's file and the event; the event names no one and no file.
    const staff = await (await as(t.app, 'tiepcongdan')).get(`/api/v1/letters/${l.id}/files`);
    expect(staff.json().items.map((f: any) => f.id)).toContain(mineId);
    const ev = (await t.db.query(`select actor_id, actor_unit_id, data from letter_events where entity_id=$1 and action='file_attached'`, [l.id])).rows;
    expect(ev).toHaveLength(1);
    expect(ev[0].actor_id).toBe(await userId('congdan1'));
    expect(JSON.stringify(ev[0].data)).not.toContain('so-do');
    // Another citizen cannot reach the letter at all.
    expect((await upload('congdan2', `/api/v1/letters/${l.id}/files`, [{ field: 'files', name: 'x.pdf', data: pdf('x') }])).statusCode).toBe(404);
    // Once the letter has its outcome (guided elsewhere), the sender adds nothing more.
    const officer = await as(t.app, 'tiepcongdan');
    const cur = (await officer.get(`/api/v1/letters/${l.id}`)).json();
    const cl = await officer.post(`/api/v1/letters/${l.id}/classify`, { version: cur.version, formChecks: CHECKS, competence: 'not_own', competentBody: 'Chủ tịch UBND phường Gia Sàng', competentSystem: 'administration' });
    expect(cl.statusCode, cl.body).toBe(200);
    const g = await officer.post(`/api/v1/letters/${l.id}/guide`, { version: cl.json().version, guidedTo: 'Chủ tịch UBND phường Gia Sàng' });
    expect(g.statusCode, g.body).toBe(200);
    const before = await footprint();
    const late = await upload('congdan1', `/api/v1/letters/${l.id}/files`, [{ field: 'files', name: 'bo-sung.pdf', data: pdf('Bo sung') }]);
    expect(late.statusCode).toBe(403);
    expect(late.json().error.messageVi).toBeTruthy();
    expect(await footprint()).toEqual(before);
    expect((await citizen.get(`/api/v1/letters/${l.id}/files`)).json()).toMatchObject({ total: 1, mayUpload: false });
  });

  it('keeps the files an online denouncer adds as protected as the denouncer', async () => {
    const citizen = await as(t.app, 'congdan1');
    const l = await citizen.post('/api/v1/letters/online', {
      unitId: unit(U.banTcd),
      contentType: 'denunciation',
      summary: 'Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục đất đai',
      respondent: { name: 'Lương Văn Địa' },
    });
    expect(l.statusCode, l.body).toBe(201);
    const up = await upload('congdan1', `/api/v1/letters/${l.json().id}/files`, [{ field: 'files', name: 'ghi-am-chuyen-tien.png', data: png(4, 4, [9, 9, 9]) }]);
    expect(up.statusCode, up.body).toBe(201);
    // The sender sees their own file plainly; the supervisor, not entitled, learns only that one exists.
    expect(up.json()).toMatchObject({ protected: false, total: 1, items: [{ name: 'ghi-am-chuyen-tien.png' }] });
    const sup = (await (await as(t.app, 'giamsat')).get(`/api/v1/letters/${l.json().id}/files`)).json();
    expect(sup).toMatchObject({ protected: true, total: 1, hidden: 1, items: [] });
    expect(JSON.stringify(sup)).not.toContain('ghi-am');
  });
});

describe('files of a protected letter (denunciation)', () => {
  const SIGNED = pdf('To cao - Pham Quoc Viet - chu ky');
  const NAME = 'To cao Pham Quoc Viet.pdf';
  let id: string;
  let fileId: string;
  const purpose = encodeURIComponent('Đối chiếu chữ ký người tố cáo');

  it('lists names only to the entitled officer; others see how many there are', async () => {
    const officer = await as(t.app, 'tiepcongdan');
    const l = await officer.post('/api/v1/letters', {
      unitId: unit(U.banTcd),
      source: 'post',
      sender: { name: 'Phạm Quốc Việt', idNo: '019087009999' },
      respondent: { name: 'Nguyễn Văn Tiêu', unit: 'UBND phường Gia Sàng' },
      contentType: 'denunciation',
      summary: 'Tố cáo cán bộ địa chính phường Gia Sàng nhận tiền khi cấp giấy chứng nhận',
    });
    expect(l.statusCode, l.body).toBe(201);
    expect(l.json().protected).toBe(true);
    id = l.json().id;
    const up = await upload('tiepcongdan', `/api/v1/letters/${id}/files`, [{ field: 'file', name: NAME, data: SIGNED }]);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ protected: true, entitled: true, hidden: 0 });
    fileId = up.json().items[0].id;
    expect(up.json().items[0]).toMatchObject({ name: NAME, protected: true });

    // A leader of the unit may act (attach) but is not entitled to the identity.
    const leaderUp = await upload('lanhdao.bantcd', `/api/v1/letters/${id}/files`, [{ field: 'files', name: 'Phong bi Pham Quoc Viet.png', data: png(8, 3, [40, 40, 40]) }]);
    expect(leaderUp.statusCode, leaderUp.body).toBe(201);
    expect(leaderUp.json()).toMatchObject({ attached: 1, entitled: false, total: 2, hidden: 2, items: [] });

    for (const who of ['giamsat', 'tcd.bantcd2', 'lanhdao.bantcd']) {
      const r = await (await as(t.app, who)).get(`/api/v1/letters/${id}/files`);
      expect(r.statusCode, who).toBe(200);
      expect(r.json()).toMatchObject({ protected: true, entitled: false, total: 2, hidden: 2, items: [] });
      expect(r.body).not.toMatch(/Pham Quoc Viet|To cao/);
      expect(r.json().mayBreakGlass).toBe(who === 'giamsat');
      const d = await (await as(t.app, who)).get(`/api/v1/letters/${id}`);
      expect(d.body).not.toMatch(/Pham Quoc Viet|Phạm Quốc Việt/);
    }
    const mine = (await officer.get(`/api/v1/letters/${id}/files`)).json();
    expect(mine.items.map((f: any) => f.name)).toEqual([NAME, 'Phong bi Pham Quoc Viet.png']);
  });

  it('refuses the download to users who are not entitled, auditing the refusal', async () => {
    for (const who of ['giamsat', 'tcd.bantcd2', 'lanhdao.bantcd']) {
      const noPurpose = await download(who, fileId);
      expect(noPurpose.statusCode, who).toBe(400);
      expect(noPurpose.json().error.fields[0].field).toBe('purpose');
      const r = await download(who, fileId, `?purpose=${purpose}`);
      expect(r.statusCode, who).toBe(403);
      expect(r.rawPayload.includes(Buffer.from('%PDF'))).toBe(false);
    }
    const denied = (await t.db.query(`select * from audit_log where action='protected.denied' and entity_id=$1`, [id])).rows;
    expect(denied).toHaveLength(3);
    expect(denied[0].data.fields).toEqual(['file']);
    expect((await t.db.query(`select count(*)::int n from audit_log where action like 'protected.read%' and entity_id=$1`, [id])).rows[0].n).toBe(0);
    // Another unit's officer does not even learn that the file exists.
    expect((await download('tcd.giasang', fileId, `?purpose=${purpose}`)).statusCode).toBe(404);
  });

  it('lets the entitled officer download only with a purpose, writing an audit_log row like an identity read', async () => {
    const noPurpose = await download('tiepcongdan', fileId);
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().error.fields[0]).toMatchObject({ field: 'purpose' });
    expect(noPurpose.json().error.fields[0].messageVi).toMatch(/mục đích/);
    const short = await download('tiepcongdan', fileId, '?purpose=xem');
    expect(short.statusCode).toBe(400);
    const r = await download('tiepcongdan', fileId, `?purpose=${purpose}`);
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(Buffer.compare(r.rawPayload, SIGNED)).toBe(0);
    const rows = (await t.db.query(`select * from audit_log where action='protected.read' and entity_id=$1 order by id`, [id])).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: await userId('tiepcongdan'), entity: 'letter', reason: 'Đối chiếu chữ ký người tố cáo' });
    expect(rows[0].data).toMatchObject({ field: 'file', fileId, letterId: id });
    expect(rows[0].ip).toBeTruthy();
  });

  it('lets a supervisor break the glass (list and download), audited and recorded on the letter', async () => {
    const sup = await as(t.app, 'giamsat');
    const reason = encodeURIComponent('Khẩn cấp: công an đề nghị đối chiếu chữ ký để bảo vệ người tố cáo');
    const list = await sup.get(`/api/v1/letters/${id}/files?breakGlass=true&purpose=${reason}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ breakGlass: true, hidden: 0 });
    expect(list.json().items.map((f: any) => f.id)).toContain(fileId);
    const r = await download('giamsat', fileId, `?breakGlass=true&purpose=${reason}`);
    expect(r.statusCode).toBe(200);
    expect(Buffer.compare(r.rawPayload, SIGNED)).toBe(0);
    const rows = (await t.db.query(`select * from audit_log where action='protected.read.break_glass' and entity_id=$1 order by id`, [id])).rows;
    expect(rows.map((x: any) => x.data.field)).toEqual(['files', 'file']);
    const ev = (await sup.get(`/api/v1/letters/${id}`)).json().events.filter((e: any) => e.action === 'protected_break_glass');
    expect(ev).toHaveLength(2);
    // A reception officer of the unit has no break-glass.
    expect((await (await as(t.app, 'tcd.bantcd2')).get(`/api/v1/letters/${id}/files?breakGlass=true&purpose=${reason}`)).statusCode).toBe(403);
  });
});

describe('files of documents received at reception', () => {
  let visitId: string;
  let documentId: string;
  it('attaches the scan of a received document (Mẫu 02/TCD) and follows the visit’s access', async () => {
    const officer = await as(t.app, 'tcd.pdp');
    const v = await officer.post('/api/v1/receptions', {
      unitId: unit(U.phuongPdp),
      kind: 'regular',
      visitor: { name: 'Chu Thị Lành', address: 'Tổ 4, phường Phan Đình Phùng' },
      hearing: { contentSummary: 'Kiến nghị về việc cấp giấy chứng nhận quyền sử dụng đất', contentType: 'petition' },
    });
    expect(v.statusCode, v.body).toBe(201);
    visitId = v.json().id;
    const docs = await officer.post(`/api/v1/receptions/${visitId}/documents`, { version: v.json().version, documents: [{ title: 'Giấy chứng nhận QSDĐ (bản sao)', pages: 2, original: false }] });
    expect(docs.statusCode, docs.body).toBe(200);
    documentId = docs.json().documents[0].id;
    const bad = await upload('tcd.pdp', `/api/v1/receptions/${visitId}/files`, [
      { field: 'files', name: 'gcn.pdf', data: pdf('GCN') },
      { field: 'documentId', value: '00000000-0000-4000-8000-000000000000' },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('documentId');
    const scan = pdf('Giay chung nhan QSDD - ban sao');
    const up = await upload('tcd.pdp', `/api/v1/receptions/${visitId}/files`, [
      { field: 'files', name: 'gcn.pdf', data: scan },
      { field: 'documentId', value: documentId },
    ]);
    expect(up.statusCode, up.body).toBe(201);
    const item = up.json().items[0];
    expect(item).toMatchObject({ name: 'gcn.pdf', mime: 'application/pdf', documentId, documentSeq: 1, documentTitle: 'Giấy chứng nhận QSDĐ (bản sao)' });
    const ev = (await t.db.query(`select * from letter_events where entity='visit' and entity_id=$1 and action='file_attached'`, [visitId])).rows;
    expect(ev).toHaveLength(1);
    expect(ev[0].data).toMatchObject({ fileId: item.id, documentId });
    const row = (await t.db.query('select * from files where id=$1', [item.id])).rows[0];
    expect(row).toMatchObject({ visit_id: visitId, reception_document_id: documentId, letter_id: null });
    const dl = await download('lanhdao.pdp', item.id);
    expect(dl.statusCode).toBe(200);
    expect(Buffer.compare(dl.rawPayload, scan)).toBe(0);
    for (const who of ['tcd.giasang', 'tiepcongdan', 'thanhtra.pdp']) expect((await download(who, item.id)).statusCode, who).toBe(404);
    expect((await (await as(t.app, 'tcd.giasang')).get(`/api/v1/receptions/${visitId}/files`)).statusCode).toBe(404);
  });

  it('protects the scans of a visit heard as a denunciation', async () => {
    const officer = await as(t.app, 'tcd.pdp');
    const v = await officer.post('/api/v1/receptions', {
      unitId: unit(U.phuongPdp),
      kind: 'regular',
      visitor: { name: 'Đào Văn Khởi', idNo: '019080007777', address: 'Tổ 1, phường Phan Đình Phùng' },
      hearing: { contentSummary: 'Tố cáo cán bộ địa chính phường nhận tiền', contentType: 'denunciation' },
    });
    expect(v.statusCode, v.body).toBe(201);
    const vid = v.json().id;
    const scan = pdf('Don to cao Dao Van Khoi');
    const up = await upload('tcd.pdp', `/api/v1/receptions/${vid}/files`, [{ field: 'files', name: 'Don to cao Dao Van Khoi.pdf', data: scan }]);
    expect(up.statusCode, up.body).toBe(201);
    const fid = up.json().items[0].id;
    const leader = await (await as(t.app, 'lanhdao.pdp')).get(`/api/v1/receptions/${vid}/files`);
    expect(leader.json()).toMatchObject({ protected: true, entitled: false, hidden: 1, items: [] });
    expect(leader.body).not.toContain('Dao Van Khoi');
    expect((await download('lanhdao.pdp', fid, `?purpose=${encodeURIComponent('Xem đơn tố cáo của công dân')}`)).statusCode).toBe(403);
    const ok = await download('tcd.pdp', fid, `?purpose=${encodeURIComponent('Lập biên bản làm việc với người tố cáo')}`);
    expect(ok.statusCode).toBe(200);
    expect(Buffer.compare(ok.rawPayload, scan)).toBe(0);
    const rows = (await t.db.query(`select * from audit_log where action='protected.read' and entity='visit' and entity_id=$1`, [vid])).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toMatchObject({ field: 'file', fileId: fid });
  });
});

describe('OpenAPI', () => {
  it('documents the upload (multipart) and list routes of letters and visits, and the download with a purpose', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const p of ['/api/v1/letters/{id}/files', '/api/v1/receptions/{id}/files']) {
      expect(Object.keys(doc.paths[p]).sort(), p).toEqual(['get', 'post']);
      const body = doc.paths[p].post.requestBody.content['multipart/form-data'].schema;
      expect(body.properties.files.type).toBe('array');
    }
    expect(doc.paths['/api/v1/receptions/{id}/files'].post.requestBody.content['multipart/form-data'].schema.properties.documentId).toBeTruthy();
    expect(doc.paths['/api/v1/files/{id}'].get.parameters.map((x: any) => x.name)).toEqual(expect.arrayContaining(['purpose', 'breakGlass']));
  });
});
