import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPage,
  expectAccessible,
  launchBrowser,
  PHONE,
  screenshot,
  scriptsLoadedBy,
  seriousViolations,
  settled,
  startServer,
  type E2EBrowser,
  type E2EServer,
} from './harness.js';

/** The citizen portal's first load may carry at most this much gzipped JavaScript (issue 4). */
const BUDGET_BYTES = 300 * 1024;

let server: E2EServer;
let browser: E2EBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function token(username: string): Promise<string> {
  const r = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'demo1234' } });
  expect(r.statusCode).toBe(200);
  return r.json().token;
}

/** A dossier received at the provincial centre's counter, through the real API. */
async function receiveDossier(): Promise<{ code: string }> {
  const list = await server.app.inject({ method: 'GET', url: '/api/v1/procedures?q=2.000488' });
  const proc = list.json().items[0];
  expect(proc.name).toMatch(/^Cấp Phiếu lý lịch tư pháp/);
  const sheet = (await server.app.inject({ method: 'GET', url: `/api/v1/procedures/${proc.id}` })).json();
  const components = sheet.variants[0].components
    .filter((c: any) => c.required)
    .map((c: any) => ({ code: c.code, originals: c.originals, certifiedCopies: c.certifiedCopies, copies: c.copies, provided: true }));
  const r = await server.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { authorization: `Bearer ${await token('tiepnhan')}` },
    payload: {
      procedureId: proc.id,
      applicant: { name: 'Phạm Văn Khánh', citizenId: '019088004321', address: 'Tổ 3, phường Gia Sàng', phone: '0911222333' },
      components,
      outcome: 'accept',
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  return { code: r.json().dossier.code };
}

describe('portal: home and catalogue', () => {
  it('loads the home page within the 300 KB gzipped JavaScript budget, without staff code', async () => {
    const page = await browser.newPage();
    const scripts = await scriptsLoadedBy(page, '/');
    const total = scripts.reduce((s, x) => s + x.gzipBytes, 0);
    const table = scripts
      .sort((a, b) => b.gzipBytes - a.gzipBytes)
      .map((s) => `  ${(s.gzipBytes / 1024).toFixed(1).padStart(7)} KB gz  ${(s.bytes / 1024).toFixed(1).padStart(7)} KB  ${new URL(s.url).pathname}`)
      .join('\n');
    console.log(`portal first load: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)\n${table}`);
    expect(scripts.length).toBeGreaterThan(1);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    // Staff pages, tables, date pickers and charts are not part of the portal's first load.
    const names = scripts.map((s) => new URL(s.url).pathname);
    expect(names.filter((n) => /StaffLayout|StaffHome|Units|Users|HolidayCalendar|table-|date-picker|echarts/i.test(n))).toEqual([]);
  });

  it('shows the home page with the province, the fields and a search box', async () => {
    const page = await browser.newPage();
    await page.goto('/');
    await settled(page);
    await expect.poll(() => page.locator('.brand-sub').textContent()).toBe('Ủy ban nhân dân tỉnh Thái Nguyên');
    expect(await page.locator('h1').textContent()).toBe('Thủ tục hành chính – nhanh, minh bạch, đúng hẹn');
    const fields = await page.locator('.field-grid').textContent();
    expect(fields).toContain('Hộ tịch');
    expect(await page.getByTestId('procedure-list').locator('li').count()).toBe(6);
    await checkPage(page, 'portal-home');
    await page.setViewportSize(PHONE);
    await checkPage(page, 'portal-home.phone');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('finds a procedure typed without diacritics and opens its sheet', async () => {
    const page = await browser.newPage();
    await page.goto('/');
    await settled(page);
    await page.getByLabel('Tìm thủ tục hành chính').fill('dang ky khai sinh');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/thu-tuc\?q=dang(%20|\+)ky(%20|\+)khai(%20|\+)sinh/);
    await settled(page);
    const first = page.getByTestId('procedure-list').locator('h3').first();
    expect(await first.textContent()).toBe('Đăng ký khai sinh');
    expect(await page.getByTestId('result-count').textContent()).toMatch(/thủ tục phù hợp với “dang ky khai sinh”/);
    await checkPage(page, 'catalogue-search');

    // By national code, and by field.
    await page.getByLabel('Tìm thủ tục hành chính').fill('1.000894');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/thu-tuc\?q=1\.000894/);
    await settled(page);
    await expect.poll(() => page.getByTestId('procedure-list').locator('h3').first().textContent()).toBe('Đăng ký kết hôn');

    await page.goto('/thu-tuc?q=khai%20sinh');
    await settled(page);
    await page.getByTestId('procedure-list').getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).click();
    await page.waitForURL(/\/thu-tuc\/[0-9a-f-]{36}$/);
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Đăng ký khai sinh');
    const sheet = await page.locator('article.sheet').textContent();
    expect(sheet).toContain('Thành phần hồ sơ');
    expect(sheet).toContain('Căn cứ pháp lý');
    expect(sheet).toContain('Ủy ban nhân dân phường Phan Đình Phùng');
    expect(await page.title()).toBe('Đăng ký khai sinh – Cổng dịch vụ công');
    await checkPage(page, 'procedure-sheet');
    await page.setViewportSize(PHONE);
    await checkPage(page, 'procedure-sheet.phone');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('filters the catalogue by field and pages through it', async () => {
    const page = await browser.newPage();
    await page.goto('/thu-tuc?field=HT');
    await settled(page);
    const items = page.getByTestId('procedure-list').locator('li');
    expect(await items.count()).toBeGreaterThan(5);
    for (const text of await items.allTextContents()) expect(text).toContain('Hộ tịch');
    await page.goto('/thu-tuc');
    await settled(page);
    expect(await page.getByTestId('result-count').textContent()).toMatch(/^\d+ thủ tục$/);
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL(/page=2/);
    await settled(page);
    expect(await items.count()).toBeGreaterThan(0);
    await page.setViewportSize(PHONE);
    await checkPage(page, 'catalogue.phone');
  });
});

describe('portal: tracking', () => {
  it('checks the code format next to the field and says when a dossier does not exist', async () => {
    const page = await browser.newPage();
    await page.goto('/tra-cuu');
    await settled(page);
    await checkPage(page, 'track');
    await page.getByLabel(/Mã hồ sơ/).fill('abc');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#track-code-error').textContent()).toContain('Mã hồ sơ có dạng');
    expect(await page.getByLabel(/Mã hồ sơ/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/Mã hồ sơ/).fill('000.00.01.H55-261109-9999');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tra-cuu\/000\.00\.01\.H55-261109-9999$/);
    await settled(page);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Không tìm thấy hồ sơ có mã 000.00.01.H55-261109-9999');
    await checkPage(page, 'track-not-found');
  });

  it('opens a dossier from its QR link with a plain-language timeline and no personal data', async () => {
    const { code } = await receiveDossier();
    const page = await browser.newPage();
    await page.goto(`/tra-cuu/${code}`);
    await settled(page);
    const result = page.getByTestId('track-result');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(code);
    expect(text).toContain('Cấp Phiếu lý lịch tư pháp');
    expect(text).toContain('Phạm V. K.');
    expect(text).not.toContain('Phạm Văn Khánh');
    expect(text).not.toContain('019088004321');
    expect(text).not.toContain('0911222333');
    expect(text).toContain('Hẹn trả kết quả');
    expect(await result.locator('.timeline li').count()).toBeGreaterThan(0);
    await checkPage(page, 'track-result');
    await page.setViewportSize(PHONE);
    await checkPage(page, 'track-result.phone');
    expect(browser.takeErrors()).toEqual([]);
  });
});

describe('portal: accounts and language', () => {
  it('registers a citizen: client checks next to the fields, server refusal above the form, input kept', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-ky');
    await settled(page);
    await checkPage(page, 'register');
    await page.getByLabel('Họ và tên').fill('Hoàng Thị Mơ');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('12345');
    await page.getByLabel('Tên đăng nhập').fill('congdan1');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('matkhau-an-toan');
    await page.getByLabel('Nhập lại mật khẩu').fill('matkhau-an-toan');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await expect.poll(() => page.locator('#register_citizenId_help').textContent()).toContain('Số CCCD phải gồm đúng 12 chữ số');
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('019199007777');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    // The user name is taken: the server's 409 appears above the form, nothing typed is lost.
    await expect.poll(() => page.locator('.form-error[role=alert]').textContent()).toContain('đã tồn tại');
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Hoàng Thị Mơ');
    await screenshot(page, 'register-refused');
    await expectAccessible(page, 'register refused');
    await page.getByLabel('Tên đăng nhập').fill('hoangthimo');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('matkhau-an-toan');
    await page.getByLabel('Nhập lại mật khẩu').fill('matkhau-an-toan');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => page.locator('.account-name').textContent()).toBe('Hoàng Thị Mơ');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('switches the portal to English and back, and keeps the choice after a reload', async () => {
    const page = await browser.newPage();
    await page.goto('/thu-tuc?q=khai%20sinh');
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Thủ tục hành chính');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Administrative procedures');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('result-count').textContent()).toMatch(/match “khai sinh”/);
    await page.reload();
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Administrative procedures');
    await checkPage(page, 'catalogue-en');
    await page.getByTestId('lang-vi').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Thủ tục hành chính');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  });

  it('shows a clear page for an unknown address', async () => {
    const page = await browser.newPage();
    await page.goto('/khong-co-trang-nay');
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy trang');
    await checkPage(page, 'not-found');
  });

  it('the accessibility check finds what it is there to find (a control check of the harness)', async () => {
    const page = await browser.newPage();
    await page.goto('/khong-co-trang-nay');
    await settled(page);
    await page.evaluate(() => {
      const bad = document.createElement('div');
      bad.innerHTML = '<button id="no-name"><svg width="10" height="10"></svg></button><p id="faint" style="color:#ccc;background:#fff">Chữ mờ khó đọc</p><img id="no-alt" src="/favicon.ico">';
      document.querySelector('main, #root')!.appendChild(bad);
    });
    const found = await seriousViolations(page);
    expect(found.map((f) => f.id).sort()).toEqual(expect.arrayContaining(['button-name', 'color-contrast', 'image-alt']));
    expect(found.flatMap((f) => f.targets)).toEqual(expect.arrayContaining(['#no-name', '#faint', '#no-alt']));
  });
});
