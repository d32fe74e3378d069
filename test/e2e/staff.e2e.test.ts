import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, launchBrowser, PHONE, screenshot, settled, signIn, startServer, expectAccessible, type E2EBrowser, type E2EServer } from './harness.js';

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

/** Units of the database, straight from the API (what the browser did must be really stored). */
async function unitsNamed(name: string) {
  const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'demo1234' } });
  const token = login.json().token;
  const r = await server.app.inject({ method: 'GET', url: '/api/v1/units?all=true', headers: { authorization: `Bearer ${token}` } });
  return (r.json() as any[]).filter((u) => u.name === name);
}

async function pickTreeOption(page: Page, label: RegExp | string, search: string, option: string) {
  await page.getByLabel(label).click();
  await page.getByLabel(label).fill(search);
  await page.locator('.ant-select-tree-title', { hasText: option }).first().click();
}

describe('staff: sign-in and session', () => {
  it('sends an anonymous visitor of a staff page to sign-in, then to the staff home', async () => {
    const page = await browser.newPage();
    await page.goto('/can-bo');
    await page.waitForURL(/\/dang-nhap\?next=%2Fcan-bo/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Đăng nhập');
    await checkPage(page, 'sign-in');
    await signIn(page, 'tiepnhan');
    expect(new URL(page.url()).pathname).toBe('/can-bo');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Xin chào, Nguyễn Thị Hoa');
    const roles = await page.getByTestId('role-list').textContent();
    expect(roles).toContain('Cán bộ tiếp nhận');
    expect(roles).toContain('Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên');
    // A counter officer sees no administration entries.
    expect(await page.getByRole('link', { name: 'Đơn vị' }).count()).toBe(0);
    await checkPage(page, 'staff-home');
    // …and is refused the administration pages with a clear page, not a crash.
    await page.goto('/quan-tri/don-vi');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Không có quyền truy cập');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('shows a wrong password next to the form and keeps the user name', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('giamsat');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await page.keyboard.press('Enter');
    const alert = page.locator('.form-error[role=alert]');
    await expect.poll(() => alert.textContent()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    const fieldError = page.locator('#sign-in_password_help');
    await expect.poll(() => fieldError.textContent()).toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect(await page.getByLabel('Tên đăng nhập').inputValue()).toBe('giamsat');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await screenshot(page, 'sign-in-wrong-password');
    await expectAccessible(page, 'sign-in with error');
    // The same refusal in English after switching the language.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => fieldError.textContent()).toContain('Wrong user name or password');
    await page.getByTestId('lang-vi').click();
    await expect.poll(() => fieldError.textContent()).toContain('Sai tên đăng nhập hoặc mật khẩu');
  });

  it('after the session expires, sends the user to sign-in and back without losing what was typed', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fquan-tri%2Fdon-vi%2Fmoi');
    await signIn(page, 'admin');
    expect(new URL(page.url()).pathname).toBe('/quan-tri/don-vi/moi');
    await settled(page);
    await page.getByLabel('Mã định danh').fill('000.20.90.H55');
    await page.getByLabel('Tên đơn vị').fill('Ủy ban nhân dân xã Thử Nghiệm');
    await page.getByLabel('Địa chỉ').fill('Xóm Trung tâm, xã Thử Nghiệm');
    // The session ends (cookie gone, as after expiry or sign-out elsewhere).
    await browser.context.clearCookies();
    await page.getByTestId('unit-submit').click();
    await page.waitForURL(/\/dang-nhap\?next=%2Fquan-tri%2Fdon-vi%2Fmoi&expired=1/);
    await expect.poll(() => page.getByTestId('session-expired').textContent()).toContain('Phiên đăng nhập đã hết hạn');
    await screenshot(page, 'sign-in-session-expired');
    expect(await unitsNamed('Ủy ban nhân dân xã Thử Nghiệm')).toHaveLength(0);
    await signIn(page, 'admin');
    expect(new URL(page.url()).pathname).toBe('/quan-tri/don-vi/moi');
    await settled(page);
    expect(await page.getByLabel('Mã định danh').inputValue()).toBe('000.20.90.H55');
    expect(await page.getByLabel('Tên đơn vị').inputValue()).toBe('Ủy ban nhân dân xã Thử Nghiệm');
    expect(await page.getByLabel('Địa chỉ').inputValue()).toBe('Xóm Trung tâm, xã Thử Nghiệm');
    await expect.poll(() => page.getByTestId('draft-restored').count()).toBe(1);
    await page.getByTestId('unit-submit').click();
    await page.waitForURL((u) => u.pathname === '/quan-tri/don-vi');
    await settled(page);
    const created = await unitsNamed('Ủy ban nhân dân xã Thử Nghiệm');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ code: '000.20.90.H55', kind: 'commune', address: 'Xóm Trung tâm, xã Thử Nghiệm' });
    expect(browser.takeErrors()).toEqual([]);
  });
});

describe('staff: administration', () => {
  it('lists units as a tree, filters without diacritics, and refuses a duplicate code next to the field', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fquan-tri%2Fdon-vi');
    await signIn(page, 'admin');
    await settled(page);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Đơn vị');
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(20);
    await checkPage(page, 'admin-units');
    await page.getByLabel('Tìm đơn vị').fill('gia sang');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('Ủy ban nhân dân phường Gia Sàng');

    await page.getByTestId('new-unit').click();
    await page.waitForURL(/\/quan-tri\/don-vi\/moi$/);
    await settled(page);
    await checkPage(page, 'admin-unit-new');
    await page.getByLabel('Mã định danh').fill('000.20.02.H55');
    await page.getByLabel('Tên đơn vị').fill('Trùng mã');
    await page.getByTestId('unit-submit').click();
    const codeError = page.locator('#unit_code_help');
    await expect.poll(() => codeError.textContent()).toContain('Mã định danh đã được dùng cho một đơn vị đang hoạt động');
    expect(await page.getByLabel('Tên đơn vị').inputValue()).toBe('Trùng mã');
    await screenshot(page, 'admin-unit-duplicate-code');
    // Client-side check: a code with spaces never reaches the server.
    await page.getByLabel('Mã định danh').fill('có dấu cách');
    await page.getByTestId('unit-submit').click();
    await expect.poll(() => codeError.textContent()).toContain('Mã định danh gồm 3–40 ký tự');
  });

  it('edits a unit with its version and shows the edit page accessibly', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fquan-tri%2Fdon-vi');
    await signIn(page, 'admin');
    await settled(page);
    await page.getByLabel('Tìm đơn vị').fill('linh son');
    await page.locator('.ant-table-row a').first().click();
    await page.waitForURL(/\/quan-tri\/don-vi\/[0-9a-f-]{36}$/);
    await settled(page);
    await checkPage(page, 'admin-unit-edit');
    await page.getByLabel('Điện thoại').fill('0208 3855 123');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL((u) => u.pathname === '/quan-tri/don-vi');
    const [linhSon] = await unitsNamed('Ủy ban nhân dân phường Linh Sơn');
    expect(linhSon.phone).toBe('0208 3855 123');
    expect(linhSon.version).toBe(2);
  });

  it('creates a staff user with a role at a unit, who can then sign in', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fquan-tri%2Fnguoi-dung');
    await signIn(page, 'admin');
    await settled(page);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Người dùng và vai trò');
    await checkPage(page, 'admin-users');
    await page.getByTestId('new-user').click();
    await page.waitForURL(/\/quan-tri\/nguoi-dung\/moi$/);
    await settled(page);
    await checkPage(page, 'admin-user-new');
    await page.getByLabel('Tên đăng nhập').fill('tiepnhan.gs');
    await page.getByLabel('Mật khẩu ban đầu').fill('matkhau-2026');
    await page.getByLabel('Họ và tên').fill('Lương Thị Thu');
    await page.getByLabel('Chức danh').fill('Công chức Một cửa phường');
    // Submitting without a unit for the role: refused next to the unit field.
    await page.getByTestId('user-submit').click();
    await expect.poll(() => page.locator('#user_roles_0_unitId_help').textContent()).toContain('Hãy chọn đơn vị cho vai trò này');
    await pickTreeOption(page, 'Tại đơn vị (vai trò 1)', 'gia sang', 'Phường Gia Sàng');
    await page.getByTestId('user-submit').click();
    await page.waitForURL((u) => u.pathname === '/quan-tri/nguoi-dung');
    await settled(page);
    await page.getByLabel('Tìm người dùng').fill('luong thi');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('Cán bộ tiếp nhận · Phường Gia Sàng');

    // The role editor of that user.
    await page.locator('.ant-table-row a', { hasText: 'tiepnhan.gs' }).click();
    await page.waitForURL(/\/quan-tri\/nguoi-dung\/[0-9a-f-]{36}$/);
    await checkPage(page, 'admin-user-roles');

    // The new user signs in and sees the role.
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/dang-nhap/);
    await signIn(page, 'tiepnhan.gs', 'matkhau-2026');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Xin chào, Lương Thị Thu');
    expect(await page.getByTestId('role-list').textContent()).toContain('Ủy ban nhân dân phường Gia Sàng');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('shows the holiday calendar of a year with its legal basis', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fquan-tri%2Flich-nghi%3Fnam%3D2026');
    await signIn(page, 'admin');
    await settled(page);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Lịch nghỉ lễ và ngày làm việc');
    const table = await page.locator('.ant-table').textContent();
    expect(table).toContain('Quốc khánh');
    expect(table).toMatch(/02\/09\/2026/);
    await checkPage(page, 'admin-calendar');
  });
});

describe('staff: language and phone', () => {
  it('switches the interface to English and back, remembering the choice', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fcan-bo');
    await signIn(page, 'lanhdao');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Xin chào, Lê Quang Tiến');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hello, Lê Quang Tiến');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('role-list').textContent()).toContain('Leader');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Hello, Lê Quang Tiến');
    await checkPage(page, 'staff-home-en');
    await page.getByTestId('lang-vi').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Xin chào, Lê Quang Tiến');
    expect(await page.evaluate(() => localStorage.getItem('motcua.lang'))).toBe('vi');
  });

  it('collapses the side menu into a drawer on a phone', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto('/dang-nhap?next=%2Fcan-bo');
    await checkPage(page, 'sign-in.phone');
    await signIn(page, 'admin');
    await settled(page);
    expect(await page.locator('.staff-sider').count()).toBe(0);
    await checkPage(page, 'staff-home.phone');
    await page.getByRole('button', { name: 'Danh mục' }).click();
    await page.locator('.ant-drawer').getByRole('link', { name: 'Người dùng và vai trò' }).click();
    await page.waitForURL(/\/quan-tri\/nguoi-dung$/);
    await checkPage(page, 'admin-users.phone');
    expect(browser.takeErrors()).toEqual([]);
  });
});
