import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchBrowser, PHONE, settled, signIn, startServer, type E2EBrowser, type E2EServer } from './harness.js';

let server: E2EServer;
let browser: E2EBrowser;
let dossier: { id: string; code: string };

async function token(username: string): Promise<string> {
  const r = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'demo1234' } });
  return r.json().token;
}

async function detail(username: string) {
  const r = await server.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}`, headers: { authorization: `Bearer ${await token(username)}` } });
  expect(r.statusCode).toBe(200);
  return r.json();
}

async function act(username: string, id: string, action: string, body: Record<string, unknown> = {}) {
  const d = (await server.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${await token(username)}` } })).json();
  const r = await server.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/actions/${action.replace(/_/g, '-')}`,
    headers: { authorization: `Bearer ${await token(username)}` },
    payload: { version: d.version, ...body },
  });
  expect(r.statusCode, `${username} ${action}: ${r.body}`).toBe(200);
}

/** Receives a dossier of a procedure (national code) at the counter officer's unit; returns its id and code. */
async function receive(nationalCode: string, officer: string, applicant: Record<string, string>) {
  const proc = (await server.app.inject({ method: 'GET', url: `/api/v1/procedures?q=${nationalCode}` })).json().items[0];
  const sheet = (await server.app.inject({ method: 'GET', url: `/api/v1/procedures/${proc.id}` })).json();
  const components = sheet.variants[0].components.map((c: any) => ({ code: c.code, originals: c.originals, certifiedCopies: c.certifiedCopies, copies: c.copies, provided: c.required }));
  const r = await server.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { authorization: `Bearer ${await token(officer)}` },
    payload: { procedureId: proc.id, applicant, components, outcome: 'accept' },
  });
  expect(r.statusCode, r.body).toBe(201);
  return { id: r.json().dossier.id as string, code: r.json().dossier.code as string };
}

/** Takes a commune dossier through its whole process to "returned", always with an action the table allows. */
async function driveToReturned(id: string) {
  const staff = ['tiepnhan.pdp', 'lanhdao.pdp', 'chuyenvien.pdp'];
  const handlerId = (await server.db.query("select id from users where username='chuyenvien.pdp'")).rows[0].id;
  const preferred = ['transfer', 'assign', 'forward', 'approve', 'return_result'];
  for (let i = 0; i < 20; i++) {
    const d = await detailOf(staff[0], id);
    if (d.status === 'returned') return;
    let done = false;
    for (const user of staff) {
      const allowed: string[] = (await detailOf(user, id)).allowedActions.map((a: any) => a.action);
      // (Re)assignment stays allowed; assign once, then move on.
      const action = preferred.find((a) => allowed.includes(a) && !(a === 'assign' && d.handler));
      if (!action) continue;
      await act(user, id, action, action === 'assign' ? { handlerId } : action === 'return_result' ? { returnMode: 'counter', recipientName: 'Nguyễn Văn An' } : {});
      done = true;
      break;
    }
    expect(done, `no one can move the dossier on (status ${d.status})`).toBe(true);
  }
  throw new Error('dossier not returned after 20 actions');
}

async function detailOf(username: string, id: string) {
  const r = await server.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${await token(username)}` } });
  expect(r.statusCode).toBe(200);
  return r.json();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
  // A dossier received at the provincial centre's counter (Phiếu lý lịch tư pháp, decided by Sở Tư pháp).
  const found = await server.app.inject({ method: 'GET', url: '/api/v1/procedures?q=2.000488' });
  expect(found.statusCode, found.body).toBe(200);
  const proc = found.json().items[0];
  const sheet = (await server.app.inject({ method: 'GET', url: `/api/v1/procedures/${proc.id}` })).json();
  const components = sheet.variants[0].components.map((c: any) => ({
    code: c.code,
    originals: c.originals,
    certifiedCopies: c.certifiedCopies,
    copies: c.copies,
    provided: c.required,
  }));
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
  dossier = { id: r.json().dossier.id, code: r.json().dossier.code };
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('staff: work queues and the dossier page', () => {
  it('shows queue counts in the menu and on the home page, and lists the new dossier', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fcan-bo');
    await signIn(page, 'tiepnhan');
    await settled(page);
    await expect.poll(() => page.locator('.staff-sider').getByTestId('count-new').textContent()).toContain('1');
    expect(await page.getByTestId('queue-cards').textContent()).toContain('Hồ sơ mới');
    await checkPage(page, 'staff-home-queues');
    await page.locator('.staff-sider').getByRole('link', { name: /Hồ sơ mới/ }).click();
    await page.waitForURL(/\/can-bo\/ho-so\?queue=new$/);
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Hồ sơ mới');
    const row = page.locator('.ant-table-row').first();
    expect(await row.textContent()).toContain(dossier.code);
    // Lists mask the citizen ID.
    expect(await row.textContent()).toContain('********4321');
    expect(await row.textContent()).not.toContain('019088004321');
    await checkPage(page, 'dossier-queue');
    // Search by code in another queue.
    await page.goto(`/can-bo/ho-so?queue=in_progress&q=${encodeURIComponent(dossier.code)}`);
    await settled(page);
    expect(await page.getByTestId('queue-total').textContent()).toBe('1 hồ sơ');
    await page.goto('/can-bo/ho-so?queue=in_progress&q=khong-co-ho-so-nay');
    await settled(page);
    expect(await page.locator('.ant-table').textContent()).toContain('Không có hồ sơ nào trong mục này');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('shows the dossier with its components, control slip, timeline and only the allowed actions; an action moves it on', async () => {
    const page = await browser.newPage();
    await page.goto(`/dang-nhap?next=${encodeURIComponent(`/can-bo/ho-so/${dossier.id}`)}`);
    await signIn(page, 'tiepnhan');
    await settled(page);
    expect(await page.locator('h1').textContent()).toContain(dossier.code);
    expect(await page.getByTestId('remaining').textContent()).toMatch(/Còn \d+ ngày/);
    expect(await page.getByTestId('components').textContent()).toContain('Tờ khai');
    expect(await page.getByTestId('control-slip').locator('tbody tr').count()).toBeGreaterThan(0);
    const actions = page.getByTestId('actions').getByRole('button');
    expect(await actions.allTextContents()).toEqual(['Chuyển cơ quan giải quyết', 'Yêu cầu rút hồ sơ']);
    await checkPage(page, 'dossier-detail');
    const eventsBefore = await page.getByTestId('timeline').locator('li').count();

    await page.getByTestId('action-transfer').click();
    await page.getByLabel('Ghi chú').fill('Chuyển Sở Tư pháp theo quy trình');
    await checkPage(page, 'dossier-action-transfer');
    await page.getByTestId('action-submit').click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Đang');
    await settled(page);
    expect(await page.getByTestId('timeline').locator('li').count()).toBe(eventsBefore + 1);
    expect(await page.getByTestId('timeline').textContent()).toContain('Chuyển cơ quan giải quyết');
    // The transfer is done: it is no longer offered.
    expect(await page.locator('[data-testid^=action-]').allTextContents()).not.toContain('Chuyển cơ quan giải quyết');
    const stored = await detail('tiepnhan');
    expect(stored.status).toBe('in_process');
    await expect.poll(() => page.locator('.staff-sider').getByTestId('count-new').textContent()).toContain('0');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('asks what an action requires, shows refusals, and a stale page gets 409 with a reload', async () => {
    const page = await browser.newPage();
    await page.goto(`/dang-nhap?next=${encodeURIComponent(`/can-bo/ho-so/${dossier.id}`)}`);
    await signIn(page, 'lanhdao');
    await settled(page);
    // Choosing a handler is offered (the unit's specialists and leaders are listed in the dialog).
    expect(await page.getByTestId('action-assign').isDisabled()).toBe(false);
    await page.getByTestId('action-request_supplement').click();
    await page.getByTestId('action-submit').click();
    await expect.poll(() => page.locator('#dossier-action_items_help').textContent()).toContain('Chọn ít nhất một thành phần');
    await expect.poll(() => page.locator('#dossier-action_reason_help').textContent()).toContain('Trường này là bắt buộc');
    await page.locator('#dossier-action_items').getByRole('checkbox').first().check();
    await page.getByLabel('Lý do').fill('Tờ khai thiếu chữ ký của người yêu cầu');
    // Meanwhile someone else acts on the dossier: the page's version is stale.
    const before = await detail('lanhdao');
    const other = await server.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${dossier.id}/actions/consult`,
      headers: { authorization: `Bearer ${await token('lanhdao')}` },
      payload: { version: before.version, reason: 'Xin ý kiến Công an tỉnh', consultee: { name: 'Công an tỉnh Thái Nguyên' }, responseWorkingDays: 5 },
    });
    expect(other.statusCode, other.body).toBe(200);
    await page.getByTestId('action-submit').click();
    const alert = page.locator('.ant-modal .form-error[role=alert]');
    await expect.poll(() => alert.textContent()).toContain('Hồ sơ đã được người khác cập nhật');
    expect(await page.getByLabel('Lý do').inputValue()).toBe('Tờ khai thiếu chữ ký của người yêu cầu');
    await page.getByRole('button', { name: 'Tải lại dữ liệu mới nhất (bỏ các thay đổi của bạn)' }).click();
    await settled(page);
    expect(await page.getByTestId('timeline').textContent()).toContain('Xin ý kiến Công an tỉnh');
    expect((await detail('lanhdao')).status).toBe('consulting');
    await page.setViewportSize(PHONE);
    await checkPage(page, 'dossier-detail.phone');
    expect(browser.takeErrors()).toEqual([]);
  });
});

describe('citizen: my dossiers', () => {
  it('lists the citizen’s dossiers, rates a returned one once, and requests the withdrawal of another', async () => {
    const an = { name: 'Nguyễn Văn An', citizenId: '019090001234', address: 'Tổ 5, phường Phan Đình Phùng', phone: '0912345678' };
    // A commune procedure (Cấp bản sao Trích lục hộ tịch) at phường Phan Đình Phùng.
    const returned = await receive('2.000635', 'tiepnhan.pdp', an);
    await driveToReturned(returned.id);
    const open = await receive('2.000635', 'tiepnhan.pdp', an);

    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fca-nhan%2Fho-so');
    await signIn(page, 'congdan1');
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Hồ sơ của tôi');
    const list = (await page.getByTestId('my-dossiers').textContent()) ?? '';
    expect(list).toContain(returned.code);
    expect(list).toContain(open.code);
    await checkPage(page, 'my-dossiers');

    await page.goto(`/ca-nhan/ho-so/${returned.id}`);
    await settled(page);
    expect(await page.getByTestId('my-status').textContent()).toBe('Đã trả kết quả');
    expect(await page.locator('h1').textContent()).toBe('Cấp bản sao Trích lục hộ tịch');
    await page.getByTestId('rate-submit').click();
    await expect.poll(() => page.locator('#rating_rating_help').textContent()).toContain('Hãy chọn một mức đánh giá');
    await checkPage(page, 'my-dossier-rate');
    await page.getByLabel('Rất hài lòng').check();
    await page.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình');
    await page.getByTestId('rate-submit').click();
    await expect.poll(() => page.getByTestId('my-rating').textContent()).toContain('Rất hài lòng');
    expect(await page.getByTestId('rate-submit').count()).toBe(0);
    const rating = await server.db.query('select rating from dossier_ratings where dossier_id=$1', [returned.id]);
    expect(rating.rows.map((r: any) => r.rating)).toEqual(['very_satisfied']);

    await page.goto(`/ca-nhan/ho-so/${open.id}`);
    await settled(page);
    await page.getByTestId('action-request_withdrawal').click();
    await page.getByTestId('action-submit').click();
    await expect.poll(() => page.locator('#dossier-action_reason_help').textContent()).toContain('Trường này là bắt buộc');
    await page.getByLabel('Lý do').fill('Tôi không còn nhu cầu cấp bản sao');
    await page.getByTestId('action-submit').click();
    await expect.poll(async () => (await detailOf('tiepnhan.pdp', open.id)).status).toBe('withdrawal_requested');
    await settled(page);
    expect(await page.getByTestId('my-status').textContent()).not.toBe('Đã tiếp nhận');
    await page.setViewportSize(PHONE);
    await checkPage(page, 'my-dossier.phone');
    expect(browser.takeErrors()).toEqual([]);
  });
});
