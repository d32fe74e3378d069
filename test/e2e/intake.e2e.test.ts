import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseInstant } from '../../src/core/calendar/index.js';
import { dossierClock } from '../../src/modules/dossiers/service.js';
import { apiAs, checkPage, chooseOption, launchBrowser, PHONE, settled, startServer, type E2EBrowser, type E2EServer, openAs, receiveAtCounter } from './harness.js';

/**
 * Counter intake to the printed receipt, processing by the specialist and the leader to the
 * returned result, and a late dossier with an apology (Mẫu 04). The server's dossier clock is
 * fixed so that the legal deadlines do not depend on the day the tests run.
 */
let server: E2EServer;
let browser: E2EBrowser;
const realNow = dossierClock.now;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
let procedureId = '';
let received: { id: string; code: string } | null = null;

function clockAt(local: string): Date {
  const d = parseInstant(local) as Date;
  dossierClock.now = () => d;
  return d;
}

async function detail(id: string, username = 'tiepnhan') {
  const r = await apiAs(server, username, 'GET', `/api/v1/dossiers/${id}`);
  expect(r.statusCode).toBe(200);
  return r.json();
}

/** Opens the action's dialog on the dossier page, lets `fill` answer it, submits and waits for the page to reload. */
async function actInPage(page: Page, action: string, fill?: (page: Page) => Promise<void>) {
  const before = await page.getByTestId('timeline').locator('li').count();
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-submit').waitFor();
  if (fill) await fill(page);
  await page.getByTestId('action-submit').click();
  try {
    await expect.poll(() => page.getByTestId('timeline').locator('li').count(), { timeout: 30_000 }).toBeGreaterThan(before);
  } catch (e) {
    const refusals = await page.locator('.ant-modal .ant-form-item-explain-error, .ant-modal [role=alert]').allTextContents();
    throw new Error(`${action}: the timeline did not grow; the dialog says: ${refusals.join(' | ') || '(nothing)'}`, { cause: e });
  }
  await settled(page);
}

async function offered(page: Page): Promise<string[]> {
  const ids = await page.getByTestId('actions').locator('button:not([disabled])').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.filter((x) => x.startsWith('action-')).map((x) => x.slice('action-'.length));
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
  clockAt('2026-12-07T09:00'); // a Monday
  procedureId = (await server.app.inject({ method: 'GET', url: '/api/v1/procedures?q=2.000488' })).json().items[0].id;
  // The same person's earlier dossier, which the counter look-up finds by CCCD.
  await receiveAtCounter(server, procedureId, { name: 'Hoàng Thị Lan', citizenId: '019188007777', address: 'Số 5, phường Phan Đình Phùng', phone: '0988777666' });
});
afterAll(async () => {
  dossierClock.now = realNow;
  await browser?.close();
  await server?.close();
});

describe('counter intake', () => {
  it('finds the procedure without diacritics, looks up the applicant, shows the appointment live, and prints Mẫu 01 with its QR code', async () => {
    clockAt('2026-12-07T09:30');
    const page = await openAs(browser, 'tiepnhan', '/can-bo/tiep-nhan');
    expect(await page.locator('h1').textContent()).toBe('Tiếp nhận hồ sơ');
    await expect.poll(() => page.locator('.staff-sider').getByRole('link', { name: 'Tiếp nhận hồ sơ' }).count()).toBe(1);
    await page.locator('#intake_procedureId').fill('ly lich tu phap');
    const option = page.locator('.ant-select-item-option', { hasText: '2.000488' });
    await option.first().waitFor();
    await option.first().click();
    await page.getByTestId('intake-components').waitFor();
    const live = (await (await apiAs(server, 'tiepnhan', 'GET', `/api/v1/dossiers/appointment?procedureId=${procedureId}`)).json()) as { appointmentAt: string };
    await expect.poll(() => page.getByTestId('intake-appointment-at').getAttribute('data-at')).toBe(live.appointmentAt);
    await checkPage(page, 'counter-intake');

    // Refusals next to the fields; nothing is created.
    await page.getByTestId('intake-accept').click();
    await expect.poll(() => page.locator('#intake_applicant_name_help').textContent()).toContain('Cần nhập họ và tên');
    await page.getByTestId('intake-cccd').fill('01918800');
    await page.getByTestId('intake-lookup').click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Số CCCD phải gồm 12 chữ số' }).count()).toBeGreaterThan(0);

    // The same person's earlier dossier fills the applicant.
    await page.getByTestId('intake-cccd').fill('019188007777');
    await page.getByTestId('intake-cccd').press('Enter');
    await expect.poll(() => page.getByTestId('intake-name').inputValue()).toBe('Hoàng Thị Lan');
    expect(await page.getByTestId('intake-earlier').textContent()).toContain('Hồ sơ trước của người này (1)');

    // Required documents not ticked: refused on the screen.
    await page.getByTestId('intake-accept').click();
    await expect.poll(() => page.getByTestId('intake-missing').textContent()).toContain('Còn thiếu giấy tờ bắt buộc');
    for (const box of await page.locator('[data-testid^=provided-] input[type=checkbox], input[type=checkbox][data-testid^=provided-]').all()) await box.check();
    const firstScan = page.locator('[data-testid^=scan-]').first();
    const scanCode = ((await firstScan.getAttribute('data-testid')) ?? '').slice('scan-'.length);
    await firstScan.setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByLabel('Qua dịch vụ bưu chính công ích').check();
    await page.getByTestId('intake-accept').click();
    await expect.poll(() => page.locator('#intake_returnAddress_help').textContent()).toContain('Cần nhập địa chỉ nhận kết quả');
    await page.getByTestId('intake-return-address').fill('Số 5, phường Phan Đình Phùng, tỉnh Thái Nguyên');
    await page.getByTestId('intake-accept').click();

    await page.waitForURL(/\/can-bo\/ho-so\/[0-9a-f-]{36}\/bieu-mau\/receipt$/);
    await settled(page);
    const id = page.url().split('/ho-so/')[1]!.split('/')[0]!;
    const d = await detail(id);
    received = { id, code: d.code };
    expect(d.applicant.name).toBe('Hoàng Thị Lan');
    expect(d.returnChannel).toBe('post');
    expect(new Date(d.appointmentAt).toISOString()).toBe(new Date(live.appointmentAt).toISOString());
    expect(d.components.find((c: any) => c.code === scanCode).files.length).toBe(1);

    // The printed receipt: national heading, title, the appointment, the QR code to public tracking.
    const form = page.getByTestId('form-doc');
    expect(await form.textContent()).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(await form.textContent()).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(await page.getByTestId('form-title').textContent()).toContain('TIẾP NHẬN HỒ SƠ');
    expect(await form.textContent()).toContain(`Mã hồ sơ: ${d.code}`);
    expect(await form.textContent()).toContain('Hoàng Thị Lan');
    expect(await form.textContent()).toContain('qua dịch vụ bưu chính công ích');
    const qr = page.getByTestId('form-qr');
    const qrText = (await qr.getAttribute('data-qr-text')) ?? '';
    expect(qrText.endsWith(`/tra-cuu/${d.code}`)).toBe(true);
    await expect.poll(() => qr.locator('svg').count()).toBe(1);
    await checkPage(page, 'form-receipt');
    // The print stylesheet hides the app around the form.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.staff-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('form-doc').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    const pdf = await page.request.get(`/api/v1/dossiers/${id}/forms/receipt/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Scanning the QR code opens public tracking of this dossier (no sign-in).
    const anon = await browser.newPage(PHONE);
    await anon.goto(new URL(qrText).pathname);
    await settled(anon);
    expect(await anon.locator('main').textContent()).toContain(d.code);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('asks for a supplement at the counter and prints Mẫu 02', async () => {
    clockAt('2026-12-07T10:00');
    const page = await openAs(browser, 'tiepnhan', '/can-bo/tiep-nhan');
    await page.locator('#intake_procedureId').fill('2.000488');
    await page.locator('.ant-select-item-option', { hasText: '2.000488' }).first().click();
    await page.getByTestId('intake-components').waitFor();
    await page.getByTestId('intake-name').fill('Trần Văn Bình');
    await page.getByTestId('intake-supplement').click();
    await page.locator('.ant-modal .ant-btn-primary').click();
    await expect.poll(() => page.locator('#intake-outcome_reason_help').textContent()).toContain('Cần nêu lý do');
    await page.locator('.ant-modal .ant-checkbox-input').first().check();
    await page.getByTestId('intake-reason').fill('Tờ khai chưa ghi đủ nơi cư trú');
    await checkPage(page, 'counter-intake-supplement');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.waitForURL(/\/bieu-mau\/supplement_request$/);
    await settled(page);
    expect(await page.getByTestId('form-title').textContent()).toContain('BỔ SUNG');
    expect(await page.getByTestId('form-doc').textContent()).toContain('Tờ khai chưa ghi đủ nơi cư trú');
    await checkPage(page, 'form-supplement-request');
    expect(browser.takeErrors()).toEqual([]);
  });
});

describe('processing', () => {
  it('the specialist and the leader take the dossier to its result in the browser, and the counter returns it', async () => {
    expect(received).not.toBeNull();
    const { id } = received!;
    const preferred = ['transfer', 'assign', 'forward', 'approve', 'return_result'];
    const done: string[] = [];
    let page: Page;
    for (let i = 0; i < 14; i++) {
      clockAt(`2026-12-0${8 + Math.floor(i / 4)}T${String(8 + (i % 4) * 2).padStart(2, '0')}:00`);
      if ((await detail(id)).status === 'returned') break;
      // Whose turn it is comes from the server; the action itself is taken in that user's browser.
      let next: { user: string; action: string } | null = null;
      for (const user of ['tiepnhan', 'lanhdao', 'chuyenvien', 'chuyenvien.ca']) {
        const allowed: string[] = (await detail(id, user)).allowedActions.map((a: any) => a.action);
        const action = preferred.find((a) => allowed.includes(a) && !(a === 'assign' && done.includes('assign')));
        if (action) {
          next = { user, action };
          break;
        }
      }
      expect(next, `nobody can move the dossier on; done: ${done.join(', ')}`).not.toBeNull();
      page = await openAs(browser, next!.user, `/can-bo/ho-so/${id}`);
      expect(await offered(page)).toContain(next!.action);
      await actInPage(page, next!.action, async (p) => {
        if (next!.action === 'assign') {
          await chooseOption(p, p.getByTestId('action-handler'));
          await checkPage(p, 'dossier-assign');
        }
      });
      done.push(next!.action);
    }
    const d = await detail(id);
    expect(d.status).toBe('returned');
    expect(done).toEqual(expect.arrayContaining(['transfer', 'assign', 'forward', 'approve', 'return_result']));
    expect(d.handler?.name ?? '').not.toBe('');
    page = await openAs(browser, 'lanhdao', `/can-bo/ho-so/${id}`);
    // Returned: nothing is left to do but archive it.
    expect((await offered(page)).filter((a) => a !== 'archive')).toEqual([]);
    const slip = await page.getByTestId('control-slip').textContent();
    expect(slip).toMatch(/Sớm hạn|Đúng hạn|Trước hạn/);
    await page.getByTestId('form-link-control_slip').click();
    await page.waitForURL(/\/bieu-mau\/control_slip$/);
    await settled(page);
    expect(await page.getByTestId('form-title').textContent()).toContain('PHIẾU KIỂM SOÁT');
    await checkPage(page, 'form-control-slip');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('a late dossier: the leader apologises and sets a new date (Mẫu 04); returned after the first date it counts as late', async () => {
    clockAt('2026-12-07T14:00');
    const { id } = await receiveAtCounter(server, procedureId, { name: 'Đỗ Minh Châu', citizenId: '019190008888' });
    const api = async (user: string, action: string, body: Record<string, unknown> = {}) => {
      const r = await apiAs(server, user, 'POST', `/api/v1/dossiers/${id}/actions/${action.replace(/_/g, '-')}`, { version: (await detail(id, user)).version, ...body });
      expect(r.statusCode, r.body).toBe(200);
    };
    await api('tiepnhan', 'transfer');
    const first = await detail(id);
    const firstDue = new Date(first.appointmentAt);
    // Two working days before the date, the leader sees it will be late.
    const page = await openAs(browser, 'lanhdao', `/can-bo/ho-so/${id}`);
    await page.getByTestId('action-apologise_reschedule').click();
    await page.getByLabel('Lý do').fill('Chờ kết quả xác minh của cơ quan công an');
    const newDate = new Date(firstDue.getTime() + 5 * 86_400_000);
    const vn = new Date(newDate.getTime() + 7 * 3_600_000).toISOString();
    const typed = `${vn.slice(8, 10)}/${vn.slice(5, 7)}/${vn.slice(0, 4)} 16:00`;
    const picker = page.locator('#dossier-action_newDueAt');
    await picker.click();
    await picker.fill(typed);
    // Enter would submit the dialog at once; the picker's OK keeps it open for checking.
    await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    await expect.poll(() => picker.inputValue()).toBe(typed);
    await checkPage(page, 'dossier-apology');
    await page.getByTestId('action-submit').click();
    await expect.poll(() => page.getByTestId('timeline').textContent(), { timeout: 15_000 }).toContain('Xin lỗi và hẹn lại ngày trả');
    await settled(page);
    const after = await detail(id);
    expect(new Date(after.appointmentAt).getTime()).toBeGreaterThan(firstDue.getTime());
    await page.getByTestId('form-link-apology_extension').click();
    await page.waitForURL(/\/bieu-mau\/apology_extension$/);
    await settled(page);
    const text = (await page.getByTestId('form-doc').textContent()) ?? '';
    expect(text).toContain('Kính gửi: Đỗ Minh Châu');
    expect(text).toContain('Chờ kết quả xác minh của cơ quan công an');
    expect(text).toContain('xin lỗi');
    await checkPage(page, 'form-apology');

    // The result comes after the first date (but before the new one).
    dossierClock.now = () => new Date(firstDue.getTime() + 2 * 86_400_000);
    const handlerId = (await server.db.query("select id from users where username='chuyenvien'")).rows[0].id;
    await api('lanhdao', 'assign', { handlerId });
    await api('chuyenvien', 'forward');
    await api('chuyenvien.ca', 'forward'); // the police's verification (liên thông)
    await api('lanhdao', 'approve');
    for (let i = 0; i < 3 && (await detail(id)).status !== 'returned'; i++) {
      const allowed: string[] = (await detail(id)).allowedActions.map((a: any) => a.action);
      if (allowed.includes('return_result')) await api('tiepnhan', 'return_result', { returnMode: 'counter', recipientName: 'Đỗ Minh Châu' });
      else if (allowed.includes('forward')) await api('tiepnhan', 'forward');
      else break;
    }
    const end = await detail(id);
    expect(end.status).toBe('returned');
    expect(end.classDay).toBe('late');
    await page.goto(`/can-bo/ho-so/${id}`);
    await settled(page);
    expect(await page.getByTestId('control-slip').textContent()).toContain('Quá hạn');
    expect(browser.takeErrors()).toEqual([]);
  });
});
