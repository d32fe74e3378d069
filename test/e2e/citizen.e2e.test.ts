import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchBrowser, openAs, PHONE, settled, signIn, startServer, type E2EBrowser, type E2EServer } from './harness.js';

/**
 * A citizen applies online through the portal with real files, the counter accepts it, the
 * office asks for a supplement, the citizen answers it on their dossier page and the dossier goes
 * on being processed.
 */
let server: E2EServer;
let browser: E2EBrowser;
let procedureId: string;
let dossierId: string;

/** A small but real PDF (the server sniffs the type from the content). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function token(username: string): Promise<string> {
  const r = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'demo1234' } });
  return r.json().token;
}

async function detail(username: string, id: string) {
  const r = await server.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { authorization: `Bearer ${await token(username)}` } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

function openAsStaff(username: string, path: string) {
  return openAs(browser, username, path);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
  // Phiếu lý lịch tư pháp: received at the provincial centre, online allowed.
  procedureId = (await server.app.inject({ method: 'GET', url: '/api/v1/procedures?q=2.000488' })).json().items[0].id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('citizen: online submission and a supplement round trip', () => {
  it('applies online from the procedure sheet with files; missing files are refused next to the field', async () => {
    const page = await browser.newPage();
    await page.goto(`/thu-tuc/${procedureId}`);
    await settled(page);
    await page.getByTestId('apply-online').click();
    // Not signed in: the sign-in page, then back on the submission form.
    await page.waitForURL(/\/dang-nhap/);
    await signIn(page, 'congdan1');
    await page.waitForURL(new RegExp(`/ca-nhan/nop-ho-so/${procedureId}`));
    await settled(page);
    expect(await page.locator('#submit_applicant_name').inputValue()).toBe('Nguyễn Văn An');
    await checkPage(page, 'citizen-submit');

    const sheet = (await server.app.inject({ method: 'GET', url: `/api/v1/procedures/${procedureId}` })).json();
    const required = sheet.variants[0].components.filter((c: any) => c.required);
    expect(required.length).toBeGreaterThan(0);
    await page.locator('#submit_applicant_phone').fill('12');
    await page.getByTestId('submit-dossier').click();
    await expect.poll(() => page.locator('#submit_applicant_phone_help').textContent()).toContain('8–20 chữ số');
    await page.locator('#submit_applicant_phone').fill('0912345678');
    await page.locator('#submit_applicant_address').fill('Tổ 5, phường Phan Đình Phùng');
    await page.getByTestId('submit-dossier').click();
    await expect.poll(() => page.locator(`[id="file-${required[0].code}-help"]`).textContent()).toContain('Cần tải lên tệp');
    // Nothing was created yet.
    expect((await server.db.query("select count(*)::int as n from dossiers where status <> 'draft' and channel = 2")).rows[0].n).toBe(0);

    for (const c of required) await page.locator(`[id="file-${c.code}"]`).setInputFiles({ name: `${c.code}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await page.getByLabel('Qua dịch vụ bưu chính (tại địa chỉ)').check();
    await page.getByTestId('submit-dossier').click();
    await expect.poll(() => page.locator('#submit_returnAddress_help').textContent()).toContain('Cần nhập địa chỉ');
    await page.locator('#submit_returnAddress').fill('Tổ 5, phường Phan Đình Phùng, tỉnh Thái Nguyên');
    await page.getByTestId('submit-dossier').click();
    await page.waitForURL(/\/ca-nhan\/ho-so\/[0-9a-f-]{36}$/);
    await settled(page);
    dossierId = page.url().split('/').pop()!;
    const d = await detail('congdan1', dossierId);
    expect(d.status).toBe('submitted');
    expect(d.channel).toBe('online');
    expect(await page.locator('h1').textContent()).toBe(sheet.name);
    expect(await page.getByTestId('my-status').textContent()).toBe(d.statusLabel.vi);
    for (const c of required) expect(d.components.find((x: any) => x.code === c.code).files).toHaveLength(1);
    await checkPage(page, 'citizen-submitted');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('the submission form works on a phone', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`/dang-nhap?next=${encodeURIComponent(`/ca-nhan/nop-ho-so/${procedureId}`)}`);
    await signIn(page, 'congdan1');
    await settled(page);
    expect(await page.locator('#submit_applicant_name').isVisible()).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await checkPage(page, 'citizen-submit.phone');
  });

  it('the counter accepts it, the office asks for a supplement, the citizen answers and processing goes on', async () => {
    const counter = await openAsStaff('tiepnhan', `/can-bo/ho-so/${dossierId}`);
    await counter.getByTestId('action-accept').click();
    await counter.getByTestId('action-submit').click();
    await expect.poll(async () => (await detail('tiepnhan', dossierId)).status).toBe('received');
    await counter.close();
    // Hand-over to the competent department (not the subject of this test).
    const d0 = await detail('tiepnhan', dossierId);
    const tr = await server.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${dossierId}/actions/transfer`,
      headers: { authorization: `Bearer ${await token('tiepnhan')}` },
      payload: { version: d0.version },
    });
    expect(tr.statusCode, tr.body).toBe(200);

    const leader = await openAsStaff('lanhdao', `/can-bo/ho-so/${dossierId}`);
    await leader.getByTestId('action-request_supplement').click();
    await leader.locator('#dossier-action_items').getByRole('checkbox').first().check();
    await leader.getByLabel('Lý do').fill('Bản sao CCCD bị mờ, đề nghị nộp lại bản rõ nét');
    await leader.getByTestId('action-submit').click();
    await expect.poll(async () => (await detail('lanhdao', dossierId)).status).toBe('supplement_requested');
    await leader.close();
    const asked = (await detail('lanhdao', dossierId)).components[0];

    const page = await browser.newPage();
    await page.goto(`/dang-nhap?next=${encodeURIComponent(`/ca-nhan/ho-so/${dossierId}`)}`);
    await signIn(page, 'congdan1');
    await settled(page);
    const request = page.getByTestId('supplement-request');
    expect(await request.textContent()).toContain('Bản sao CCCD bị mờ');
    expect(await request.textContent()).toContain(asked.name);
    await checkPage(page, 'citizen-supplement');
    await page.locator(`[id="supp-${asked.code}"]`).setInputFiles({ name: 'bo-sung.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => request.textContent()).toContain('bo-sung.pdf');
    await page.getByTestId('action-complete_supplement').click();
    await page.getByTestId('action-submit').click();
    await expect.poll(async () => (await detail('congdan1', dossierId)).status).toBe('in_process');
    await settled(page);
    expect(await page.getByTestId('supplement-request').count()).toBe(0);
    const d = await detail('congdan1', dossierId);
    expect(d.components.find((c: any) => c.code === asked.code).files.map((f: any) => f.name)).toContain('bo-sung.pdf');
    expect(d.events.map((e: any) => e.action)).toEqual(expect.arrayContaining(['submit', 'accept', 'transfer', 'request_supplement', 'complete_supplement']));
    expect(browser.takeErrors()).toEqual([]);
  });
});
