/**
 * Administrators' pages for the versioned letter rule sets (/quan-tri/bo-quy-dinh-don-thu): the
 * national versions, one version's parameters in words, and publishing a province version — first
 * refused by the server next to the changed field, then stored, in force from its date, and
 * refused again (409) when published twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs, checkPage, launchBrowser, openAs, PHONE, settled, signIn, startServer, type E2EBrowser, type E2EServer } from './harness.js';

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

const PATH = '/quan-tri/bo-quy-dinh-don-thu';
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const ddmmyyyy = (d: string) => d.split('-').reverse().join('/');
/** The national version in force today (the 2026 set from 1 July 2026). */
const nationalNow = () => (today() >= '2026-07-01' ? 'TCD-KNTC-2026' : 'TCD-KNTC-2014');

async function ruleSets(): Promise<any[]> {
  const r = await apiAs(server, 'admin', 'GET', '/api/v1/letters/rule-sets');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

const rowOf = (page: Page, code: string) => page.getByTestId('rs-list').locator('tr', { has: page.getByTestId(`rs-open-${code}`) });
const stateOf = (page: Page, code: string) => rowOf(page, code).locator('[data-state]').getAttribute('data-state');

describe('letter rule sets (administrators)', () => {
  it('lists the national versions, marks the one in force and shows a version’s parameters in words', async () => {
    const page = await openAs(browser, 'admin', '/can-bo');
    await page.locator('.staff-sider').getByRole('link', { name: 'Bộ quy định tiếp dân, đơn thư' }).click();
    await page.waitForURL((u) => u.pathname === PATH);
    await settled(page);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Bộ quy định tiếp công dân, xử lý đơn');
    const list = page.getByTestId('rs-list');
    expect(await list.locator('tbody tr').count()).toBe(2);
    const other = nationalNow() === 'TCD-KNTC-2026' ? 'TCD-KNTC-2014' : 'TCD-KNTC-2026';
    expect(await stateOf(page, nationalNow())).toBe('in_force');
    expect(await stateOf(page, other)).toBe(other === 'TCD-KNTC-2014' ? 'expired' : 'future');
    const row2014 = await rowOf(page, 'TCD-KNTC-2014').textContent();
    expect(row2014).toContain('Toàn quốc');
    expect(row2014).toContain('01/07/2014 – 01/07/2026');
    expect(row2014).toContain('Luật Tiếp công dân 42/2013/QH13');
    expect(row2014).toContain('Cần kiểm tra');
    // Without a choice the page shows the version in force.
    await expect.poll(() => page.locator('#rs-detail-h').textContent()).toBe(`${nationalNow()}: các tham số`);
    await checkPage(page, 'admin-rule-sets');

    await page.getByTestId('rs-open-TCD-KNTC-2014').click();
    await expect.poll(() => page.locator('#rs-detail-h').textContent()).toBe('TCD-KNTC-2014: các tham số');
    const id2014 = (await ruleSets()).find((s) => s.code === 'TCD-KNTC-2014').id;
    expect(new URL(page.url()).searchParams.get('ma')).toBe(id2014);
    const detail = page.getByTestId('rs-detail');
    const reply = await detail.locator('[data-testid=rs-reception] tr[data-param=reply]').textContent();
    expect(reply).toContain('Thời hạn trả lời người được tiếp');
    expect(reply).toContain('10 ngày làm việc');
    expect(reply).toContain('Luật Tiếp công dân 2013, Điều 28 khoản 1');
    expect(reply).toContain('Đã kiểm chứng');
    expect(await detail.locator('[data-testid=rs-reception] tr[data-param=refusalNotice]').textContent()).toContain('Cần kiểm tra');
    expect(await detail.locator('[data-testid=rs-reception] tr[data-param="periodic.commune"]').textContent()).toContain('Ít nhất 1 buổi mỗi tuần');
    const reps = await detail.locator('[data-testid=rs-reception] tr[data-param=representatives]').textContent();
    expect(reps).toContain('Đoàn từ 5 đến 10 người: 1–2 người đại diện');
    expect(reps).toContain('Đoàn từ 11 người trở lên: 1–5 người đại diện');
    expect(await detail.getByTestId('rs-refusal-reasons').locator('li').count()).toBe(12);
    expect(await detail.getByTestId('rs-refusal-reasons').textContent()).toContain('Phải thông báo bằng văn bản');
    expect(await detail.locator('[data-testid=rs-complaints] tr[data-param=firstInstance]').textContent()).toContain(
      'Bình thường 30 ngày; phức tạp 45 ngày; vùng sâu, vùng xa 45 ngày; vùng sâu, vùng xa và phức tạp 60 ngày',
    );
    expect(await detail.locator('[data-testid=rs-complaints] tr[data-param=secondInstance]').textContent()).toContain('Bình thường 45 ngày; phức tạp 60 ngày');
    expect(await detail.locator('[data-testid=rs-letters] tr[data-param=limitation]').textContent()).toContain('90 ngày');
    expect(await detail.locator('[data-testid=rs-denunciations] tr[data-param=extension]').textContent()).toContain('Mỗi lần tối đa 30 ngày; vụ việc phức tạp 1 lần, đặc biệt phức tạp 2 lần');
    expect(await detail.locator('[data-testid=rs-petitions]').textContent()).toContain('15 ngày');
    const form01 = await detail.locator('[data-testid=rs-forms] tr[data-form=refusal_notice]').textContent();
    expect(form01).toContain('Mẫu 01/TCD');
    expect(form01).toContain('Thông báo từ chối tiếp công dân');
    expect(await detail.getByTestId('rs-forms').locator('tbody tr').count()).toBe(15);
    expect(await detail.getByTestId('rs-protection').textContent()).toContain('20');
    expect(await detail.getByTestId('rs-reminders').textContent()).toContain('3');
    await checkPage(page, 'admin-rule-set-detail');

    // The same in English.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Reception and letters rule sets');
    await expect.poll(() => page.locator('#rs-detail-h').textContent()).toBe('TCD-KNTC-2014: parameters');
    expect(await detail.locator('[data-testid=rs-reception] tr[data-param=reply]').textContent()).toContain('10 working days');
    expect(await stateOf(page, 'TCD-KNTC-2014')).toBe(nationalNow() === 'TCD-KNTC-2014' ? 'in_force' : 'expired');
    expect(await rowOf(page, 'TCD-KNTC-2014').textContent()).toContain('To verify');
    await page.getByTestId('lang-vi').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Bộ quy định tiếp công dân, xử lý đơn');
    expect(browser.takeErrors()).toEqual([]);
  });

  // A long journey over a form of some 250 inputs, checked by axe twice: more time than the default.
  it('publishes a province version with a longer reply period: refused next to the field, then stored and in force from its date', async () => {
    const before = await ruleSets();
    const base = before.find((s) => s.code === nationalNow());
    const page = await openAs(browser, 'admin', PATH);
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/letters/rule-sets')) keys.push(r.headers()['idempotency-key'] ?? '');
    });
    await page.getByTestId('rs-publish').click();
    await page.waitForURL((u) => u.pathname === `${PATH}/moi`);
    await settled(page);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ban hành phiên bản bộ quy định của tỉnh');

    // A copy of the version in force.
    const amount = page.locator('#rule-set_rules_reception_reply_amount');
    expect(await amount.inputValue()).toBe('10');
    expect(await page.locator('#rule-set_name').inputValue()).toBe(base.name);
    expect(await page.locator('#rule-set_legalBasis').inputValue()).toBe(base.legalBasis);
    expect(await page.locator('#rule-set_rules_complaints_firstInstance_remoteComplex').inputValue()).toBe('60');
    expect(await page.locator('#rule-set_rules_forms_refusal_notice_code').inputValue()).toBe('Mẫu 01/TCD');
    expect(await page.locator('#rule-set_effectiveFrom').inputValue()).toBe(ddmmyyyy(today()));
    const code = await page.locator('#rule-set_code').inputValue();
    expect(code).toBe(`H55-TCD-KNTC-${today().slice(0, 4)}`);
    expect(await page.getByTestId('rs-kept-lists').textContent()).toContain('12 trường hợp từ chối tiếp');
    await checkPage(page, 'admin-rule-set-new');

    const name = 'Quy định tiếp công dân, xử lý đơn của tỉnh Thái Nguyên (thử)';
    const legalBasis = 'Quyết định số 01/2026/QĐ-UBND của UBND tỉnh Thái Nguyên (thử)';
    await page.locator('#rule-set_name').fill(name);
    await page.locator('#rule-set_legalBasis').fill(legalBasis);
    await page.locator('#rule-set_rules_reception_reply_legalBasis').fill('Luật Tiếp công dân, Điều 28; Quyết định 01/2026/QĐ-UBND (thử)');

    // A negative period: the server refuses it and its message is under the field.
    await amount.fill('-12');
    await page.getByTestId('rs-submit').click();
    const help = page.locator('#rule-set_rules_reception_reply_amount_help');
    await expect.poll(() => help.textContent()).toBe('Phải là số ngày nguyên dương');
    expect(await page.locator('.form-error[role=alert]').textContent()).toContain('Dữ liệu không hợp lệ');
    expect(await ruleSets()).toHaveLength(before.length);
    await checkPage(page, 'admin-rule-set-new-refused');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => help.textContent()).toBe('Must be a positive whole number of days');
    await page.getByTestId('lang-vi').click();
    await expect.poll(() => help.textContent()).toBe('Phải là số ngày nguyên dương');

    // The input survives a reload (draft), and the same Idempotency-Key is sent again.
    await page.reload();
    await settled(page);
    expect(await page.getByTestId('draft-restored').count()).toBe(1);
    expect(await page.locator('#rule-set_rules_reception_reply_amount').inputValue()).toBe('-12');
    expect(await page.locator('#rule-set_name').inputValue()).toBe(name);

    await page.locator('#rule-set_rules_reception_reply_amount').fill('12');
    await page.getByTestId('rs-submit').click();
    await page.waitForURL((u) => u.pathname === PATH && u.searchParams.has('ma'));
    await settled(page);
    await expect.poll(() => page.locator('#rs-detail-h').textContent()).toBe(`${code}: các tham số`);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[1]).toBe(keys[0]);

    // In the list, in force from today; the national version is replaced for this province.
    expect(await page.getByTestId('rs-list').locator('tbody tr').count()).toBe(before.length + 1);
    expect(await stateOf(page, code)).toBe('in_force');
    expect(await stateOf(page, nationalNow())).toBe('overridden');
    const row = await rowOf(page, code).textContent();
    expect(row).toContain('Của tỉnh');
    expect(row).toContain(`${ddmmyyyy(today())} – chưa xác định`);
    const reply = await page.locator('[data-testid=rs-reception] tr[data-param=reply]').textContent();
    expect(reply).toContain('12 ngày làm việc');
    expect(reply).toContain('Quyết định 01/2026/QĐ-UBND (thử)');

    // Stored as published: only the reply period differs from the copied version.
    const after = await ruleSets();
    const mine = after.filter((s) => s.code === code);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ tenantId: 'H55', name, legalBasis, effectiveFrom: today(), effectiveTo: null, evidence: base.evidence });
    expect(mine[0].id).toBe(new URL(page.url()).searchParams.get('ma'));
    expect(mine[0].rules.reception.reply).toEqual({ ...base.rules.reception.reply, amount: 12, legalBasis: 'Luật Tiếp công dân, Điều 28; Quyết định 01/2026/QĐ-UBND (thử)' });
    expect({ ...mine[0].rules, reception: { ...mine[0].rules.reception, reply: base.rules.reception.reply } }).toEqual(base.rules);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes('letter-rule-set')))).toEqual([]);

    // Published twice: 409, shown next to the code and the date.
    await page.getByTestId('rs-publish').click();
    await page.waitForURL((u) => u.pathname === `${PATH}/moi`);
    await settled(page);
    expect(await page.locator('#rule-set_rules_reception_reply_amount').inputValue()).toBe('12');
    expect(await page.locator('#rule-set_code').inputValue()).toBe(`${code}-2`);
    await page.locator('#rule-set_code').fill(code);
    await page.getByTestId('rs-submit').click();
    await expect.poll(() => page.locator('#rule-set_code_help').textContent()).toBe('Đã có bộ quy định của tỉnh mang mã này.');
    expect(await page.locator('#rule-set_effectiveFrom_help').textContent()).toBe(`Đã có bộ quy định của tỉnh có hiệu lực từ ngày này trở về sau (${code}).`);
    expect(await page.locator('.form-error[role=alert]').textContent()).toContain('Đã có bộ quy định cùng mã');
    expect((await ruleSets()).filter((s) => s.code === code)).toHaveLength(1);
    expect(browser.takeErrors()).toEqual([]);
  }, 360_000);

  it('fits a phone', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`/dang-nhap?next=${encodeURIComponent(PATH)}`);
    await signIn(page, 'admin');
    await settled(page);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Bộ quy định tiếp công dân, xử lý đơn');
    await expect.poll(() => page.getByTestId('rs-detail').count()).toBe(1);
    await checkPage(page, 'admin-rule-sets.phone');
    expect(browser.takeErrors()).toEqual([]);
  });
});
