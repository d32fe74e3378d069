import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, checkPage, launchBrowser, settled, startServer, type E2EBrowser, type E2EServer, openAs, receiveAtCounter } from './harness.js';

/**
 * Reports in the browser: the standard table and its Excel file, the dossier register with its
 * Excel file and its printed Mẫu 07 (page and PDF), and the administrator's procedure editor whose
 * change shows on the public sheet.
 */
let server: E2EServer;
let browser: E2EBrowser;
let procedureId = '';
const CENTRE = '000.00.01.H55';
/** The standard table's count columns, in the order of the page and the Excel file. */
const COUNTS = [
  'toProcess', 'carriedOver', 'received', 'receivedCounter', 'receivedOnline', 'receivedPostal',
  'resolved', 'early', 'onTime', 'late', 'refused', 'returned', 'notReturned',
  'inProgress', 'notYetDue', 'overdue', 'waitingSupplement', 'withdrawn', 'stopped',
];

/** Today and the first of this month in Hà Nội, as the report page's default period. */
function thisMonth(): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  return { from: `${today.slice(0, 7)}-01`, to: today };
}
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function receive(name: string) {
  return receiveAtCounter(server, procedureId, { kind: 'citizen', name, citizenId: '001099012345', phone: '0912345678', address: 'Số 5 Lương Ngọc Quyến, phường Phan Đình Phùng' });
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
  procedureId = (await server.app.inject({ method: 'GET', url: '/api/v1/procedures?q=2.000488' })).json().items[0].id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('reports', () => {
  it('shows the standard table as the API counts it and downloads the same figures as Excel', async () => {
    await receive('Trần Văn Báo');
    await receive('Phạm Thị Cáo');
    const { from, to } = thisMonth();
    const api = (await apiAs(server, 'tiepnhan', 'GET', `/api/v1/reports/dossiers?unit=${CENTRE}&from=${from}&to=${dayAfter(to)}`)).json();
    expect(api.total.received).toBeGreaterThanOrEqual(2);

    const page = await openAs(browser, 'tiepnhan', '/can-bo');
    await page.locator('.staff-sider').getByRole('link', { name: 'Báo cáo thống kê' }).click();
    await page.waitForURL(/\/can-bo\/bao-cao/);
    await page.getByTestId('report-table').waitFor();
    await settled(page);
    const shown = (await page.getByTestId('report-total').locator('td').allTextContents()).slice(1, 1 + COUNTS.length);
    expect(shown).toEqual(COUNTS.map((k) => String(api.total[k])));
    await checkPage(page, 'report');

    const xlsx = await download(page, 'report-excel');
    expect(xlsx.name).toBe(`bao-cao-ho-so-${CENTRE}-${from}-${dayAfter(to)}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as any);
    const ws = wb.worksheets[0];
    let totalRow: ExcelJS.Row | null = null;
    ws.eachRow((row) => {
      if (row.getCell(2).value === 'Tổng cộng') totalRow = row;
    });
    expect(totalRow).not.toBeNull();
    expect(COUNTS.map((_, i) => String(totalRow!.getCell(3 + i).value))).toEqual(shown);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('lists the register, downloads it as Excel, and prints it as Mẫu 07 on A4 landscape with its PDF', async () => {
    const { from, to } = thisMonth();
    const api = (await apiAs(server, 'tiepnhan', 'GET', `/api/v1/reports/register?unit=${CENTRE}&from=${from}&to=${dayAfter(to)}&pageSize=500`)).json();
    expect(api.total).toBeGreaterThanOrEqual(2);

    const page = await openAs(browser, 'tiepnhan', '/can-bo');
    await page.locator('.staff-sider').getByRole('link', { name: 'Sổ theo dõi hồ sơ' }).click();
    await page.waitForURL(/\/can-bo\/so-theo-doi/);
    await page.getByTestId('register-table').waitFor();
    await settled(page);
    expect(await page.getByTestId('register-count').textContent()).toContain(String(api.total));
    const codes = await page.getByTestId('register-table').locator('tbody th').allTextContents();
    expect(codes.map((c) => c.slice(0, api.rows[0].code.length))).toEqual(api.rows.slice(0, 50).map((r: any) => r.code));
    // Citizen ID numbers are never in the register.
    expect(await page.getByTestId('register-table').textContent()).not.toContain('001099012345');
    await checkPage(page, 'register');

    const xlsx = await download(page, 'register-excel');
    expect(xlsx.name).toBe(`so-theo-doi-ho-so-${CENTRE}-${from}-${dayAfter(to)}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as any);
    expect(String(wb.worksheets[0].getCell(8, 2).value)).toBe(api.rows[0].code);

    await page.getByTestId('register-print').click();
    await page.waitForURL(/\/can-bo\/so-theo-doi\/in\?/);
    await page.getByTestId('form-doc').waitFor();
    await settled(page);
    expect(await page.getByTestId('form-title').textContent()).toBe('SỔ THEO DÕI HỒ SƠ');
    const doc = page.getByTestId('form-doc');
    expect(await doc.textContent()).toContain('Mẫu số 07');
    expect(await doc.textContent()).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(await doc.textContent()).toContain(`Tổng số: ${api.total} hồ sơ.`);
    // The header row, the column numbers, then one row per dossier.
    expect(await doc.locator('table tbody tr').count()).toBe(api.total + 1);
    expect(await page.title()).toBe('Mẫu số 07 – Sổ theo dõi hồ sơ – Cổng dịch vụ công');
    await checkPage(page, 'register-print');
    const pdf = await download(page, 'form-pdf');
    expect(pdf.name).toBe(`so-theo-doi-ho-so-${CENTRE}-${from}-${dayAfter(to)}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes.toString('latin1')).toContain('/MediaBox [0 0 841.89 595.28]');
    expect(browser.takeErrors()).toEqual([]);
  });
});

describe('procedure editor', () => {
  it('an administrator’s new version of a case and a new legal basis show on the public sheet', async () => {
    const before = (await server.app.inject({ method: 'GET', url: `/api/v1/procedures/${procedureId}` })).json();
    const variant = before.variants[0];
    const newAmount = variant.processingTime.amount + 2;

    const page = await openAs(browser, 'admin', `/quan-tri/thu-tuc/${procedureId}`);
    await page.getByTestId('save-variant').waitFor();
    const variantForm = page.locator('form#variant');
    await variantForm.getByLabel('Thời hạn giải quyết').fill(String(newAmount));
    await page.getByTestId('save-variant').click();
    await expect.poll(() => page.getByText(`Đã lưu phiên bản mới của trường hợp “${variant.name}”.`).count()).toBeGreaterThan(0);
    await settled(page);

    const generalForm = page.locator('form#procedure');
    const basis = generalForm.getByLabel('Căn cứ pháp lý');
    const extra = 'Quyết định số 99/QĐ-UBND ngày 01/12/2026 của UBND tỉnh (kiểm thử)';
    await basis.fill(`${before.legalBasis}\n${extra}`);
    await page.getByTestId('save-general').click();
    await expect.poll(async () => (await server.app.inject({ method: 'GET', url: `/api/v1/procedures/${procedureId}` })).json().legalBasis).toContain(extra);
    await settled(page);
    await checkPage(page, 'procedure-editor');

    // The public sheet, without signing in.
    const citizen = await browser.newPage();
    await citizen.goto(`/thu-tuc/${procedureId}`);
    await settled(citizen);
    const after = (await server.app.inject({ method: 'GET', url: `/api/v1/procedures/${procedureId}` })).json();
    expect(after.variants[0].processingTime.amount).toBe(newAmount);
    expect(await citizen.getByTestId('processing-time').first().textContent()).toContain(String(newAmount));
    expect(await citizen.locator('article.sheet').textContent()).toContain(extra);
    expect(browser.takeErrors()).toEqual([]);
  });
});
