import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, checkPage, launchBrowser, openAs, settled, startServer, type E2EBrowser, type E2EServer } from './harness.js';

/**
 * Scanned files of a letter through the browser: the reception officer logs a letter, a refused
 * file shows its error next to the upload control (Vietnamese, then English), then a PDF scan and
 * a photo are uploaded with the page's control and opened in the browser from the list. The scan
 * of a denunciation opens only after a purpose (audited); a supervisor sees only how many files
 * there are until breaking the glass.
 */
let server: E2EServer;
let browser: E2EBrowser;

function pdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function png(w: number, h: number): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    td.copy(out, 4);
    out.writeUInt32BE(crc(td), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.concat(Array.from({ length: h }, (_, y) => Buffer.from([0, ...Array.from({ length: w }, (_x, x) => [x * 8, y * 8, 120]).flat()])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('files of a letter', () => {
  it('a reception officer uploads a scan with the page’s control and opens it in the browser', { timeout: 240_000 }, async () => {
    const page = await openAs(browser, 'tiepcongdan', '/can-bo/don-thu');
    await page.getByTestId('lt-new-letter').click();
    await page.locator('#lt-intake_senderName').fill('Lưu Thị Bản Quét');
    await page.locator('#lt-intake_summary').fill('Khiếu nại việc thu phí trông giữ xe tại chợ phường');
    await page.getByTestId('lt-intake-submit').click();
    await page.waitForURL(/\/can-bo\/don-thu\/[0-9a-f-]{36}$/);
    await settled(page);
    const letterId = page.url().split('/').pop()!;
    const card = page.getByTestId('lt-files');
    await expect.poll(() => card.getByTestId('lt-files-none').count()).toBe(1);
    const input = card.locator('input[type=file]');

    // A file that is not a scan: refused by the server, the message next to the control, in both languages.
    await input.setInputFiles({ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('chỉ là văn bản, không phải PDF\n') });
    await page.getByTestId('lt-files-submit').click();
    const help = page.locator('#lt-files_files_help');
    await expect.poll(() => help.textContent()).toContain('ghi-chu.pdf: Loại tệp phải là: PDF');
    await page.getByTestId('lang-en').click();
    await page.waitForSelector('html[lang=en]', { timeout: 30_000 });
    await expect.poll(() => help.textContent()).toContain('ghi-chu.pdf: file type must be one of');
    await page.getByTestId('lang-vi').click();
    await page.waitForSelector('html[lang=vi]', { timeout: 30_000 });
    await expect.poll(() => help.textContent()).toContain('Loại tệp phải là');
    expect((await server.db.query('select count(*)::int n from files where letter_id=$1', [letterId])).rows[0].n).toBe(0);

    // The real scan and a photo, chosen with the same control (the refused file removed first).
    await card.locator('.ant-upload-list-item-action').first().click();
    await expect.poll(() => card.locator('.ant-upload-list-item').count()).toBe(0);
    const scan = pdf('Don khieu nai - ban quet');
    const photo = png(24, 16);
    await input.setInputFiles([
      { name: 'don-khieu-nai.pdf', mimeType: 'application/pdf', buffer: scan },
      { name: 'anh-ve-xe.png', mimeType: 'image/png', buffer: photo },
    ]);
    await page.locator('#lt-files_title').fill('Bản quét đơn');
    await page.getByTestId('lt-files-submit').click();
    await expect.poll(() => page.getByTestId('lt-files-done').count()).toBe(1);
    await settled(page);
    const links = card.getByTestId('lt-files-open');
    await expect.poll(() => links.allTextContents()).toEqual(['don-khieu-nai.pdf', 'anh-ve-xe.png']);
    expect(await help.count()).toBe(0);
    const rows = (await server.db.query('select original_name, mime, size_bytes from files where letter_id=$1 order by uploaded_at', [letterId])).rows;
    expect(rows.map((r: any) => [r.original_name, r.mime, Number(r.size_bytes)])).toEqual([
      ['don-khieu-nai.pdf', 'application/pdf', scan.length],
      ['anh-ve-xe.png', 'image/png', photo.length],
    ]);
    await checkPage(page, 'letter-files');

    // Opening a file: a new tab served inline with its sniffed type (the photo renders as an image).
    const isFile = (r: { url(): string }) => r.url().includes('/api/v1/files/');
    const [photoTab, photoResponse] = await Promise.all([page.context().waitForEvent('page'), page.context().waitForEvent('response', isFile), links.nth(1).click()]);
    expect(photoResponse.status()).toBe(200);
    expect(photoResponse.headers()['content-type']).toBe('image/png');
    expect(photoResponse.headers()['content-disposition']).toMatch(/^inline;/);
    await expect.poll(() => photoTab.evaluate(() => (document.querySelector('img') as HTMLImageElement | null)?.naturalWidth ?? 0)).toBe(24);
    await photoTab.close();

    const [pdfTab, pdfResponse] = await Promise.all([page.context().waitForEvent('page'), page.context().waitForEvent('response', isFile), links.nth(0).click()]);
    expect(pdfResponse.status()).toBe(200);
    expect(pdfResponse.headers()['content-type']).toBe('application/pdf');
    expect(pdfResponse.headers()['content-disposition']).toMatch(/^inline; filename="don-khieu-nai\.pdf"/);
    // Chromium shows it in its PDF viewer (a document of type application/pdf), not as a download.
    await pdfTab.waitForLoadState();
    await expect.poll(() => pdfTab.evaluate(() => document.contentType)).toBe('application/pdf');
    const href = (await links.nth(0).getAttribute('href'))!;
    const again = await page.request.get(href);
    expect(again.status()).toBe(200);
    expect(Buffer.compare(await again.body(), scan)).toBe(0);
    await pdfTab.close();

    // The history names the attachments.
    await expect.poll(() => page.getByTestId('lt-events').textContent()).toContain('Đính kèm tệp (bản quét)');
    expect(browser.takeErrors()).toEqual([]);
  });
  it('the scan of a denunciation opens only with a purpose; a supervisor sees how many until breaking the glass', { timeout: 240_000 }, async () => {
    const units = (await apiAs(server, 'admin', 'GET', '/api/v1/units?all=true')).json() as any[];
    const created = await apiAs(server, 'tiepcongdan', 'POST', '/api/v1/letters', {
      unitId: units.find((u) => u.code === '000.00.19.H55').id,
      source: 'post',
      sender: { name: 'Hà Văn Tố', idNo: '019088001122' },
      respondent: { name: 'Nguyễn Văn Bị', unit: 'UBND xã' },
      contentType: 'denunciation',
      summary: 'Tố cáo cán bộ xã thu tiền trái quy định khi xác nhận hồ sơ',
    });
    expect(created.statusCode, created.body).toBe(201);
    const letterId = created.json().id as string;
    const page = await openAs(browser, 'tiepcongdan', `/can-bo/don-thu/${letterId}`);
    const card = page.getByTestId('lt-files');
    const scan = pdf('To cao - Ha Van To - chu ky');
    await card.locator('input[type=file]').setInputFiles({ name: 'to-cao-ha-van-to.pdf', mimeType: 'application/pdf', buffer: scan });
    await page.getByTestId('lt-files-submit').click();
    await expect.poll(() => page.getByTestId('lt-files-done').count()).toBe(1);
    await settled(page);
    const link = card.getByTestId('lt-files-open');
    await expect.poll(() => link.textContent()).toBe('to-cao-ha-van-to.pdf');
    // Without a purpose the file does not open; the reason is given next to the purpose field.
    const tabs = page.context().pages().length;
    await link.click();
    await expect.poll(() => page.locator('#lt-files-purpose-error').textContent()).toContain('ít nhất 10 ký tự');
    expect(page.context().pages().length).toBe(tabs);
    await page.locator('#lt-files-purpose').fill('Đối chiếu chữ ký trên đơn tố cáo');
    const [tab, response] = await Promise.all([page.context().waitForEvent('page'), page.context().waitForEvent('response', (r) => r.url().includes('/api/v1/files/')), link.click()]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    await tab.close();
    const audit = (await server.db.query(`select actor_id, reason, data from audit_log where action='protected.read' and entity_id=$1`, [letterId])).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0].reason).toBe('Đối chiếu chữ ký trên đơn tố cáo');
    expect(audit[0].data.field).toBe('file');

    // The supervisor: only the count, then the list through break-glass (audited).
    const sup = await openAs(browser, 'giamsat', `/can-bo/don-thu/${letterId}`);
    const supCard = sup.getByTestId('lt-files');
    await expect.poll(() => supCard.getByTestId('lt-files-hidden').textContent()).toContain('Có 1 tệp được bảo vệ');
    expect(await supCard.getByTestId('lt-files-open').count()).toBe(0);
    expect(await sup.locator('body').textContent()).not.toContain('to-cao-ha-van-to');
    await checkPage(sup, 'letter-files-protected');
    await sup.locator('#lt-files-purpose').fill('Khẩn cấp: cơ quan công an đề nghị đối chiếu chữ ký');
    await sup.getByTestId('lt-files-break-glass').click();
    await expect.poll(() => supCard.getByTestId('lt-files-open').textContent()).toBe('to-cao-ha-van-to.pdf');
    expect((await server.db.query(`select count(*)::int n from audit_log where action='protected.read.break_glass' and entity_id=$1`, [letterId])).rows[0].n).toBe(1);
    expect(browser.takeErrors()).toEqual([]);
  });
});
