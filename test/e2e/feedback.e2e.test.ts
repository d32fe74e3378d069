import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchBrowser, PHONE, settled, signIn, startServer, type E2EBrowser, type E2EServer } from './harness.js';
import { jpegWithExif } from '../modules/feedback/helpers.js';

/** One citizen journey through the browser: submit (phone) → route → answer → publish → rate. */
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

async function row(code: string) {
  return (await server.db.query('select f.*, u.code unit_code from feedback f join units u on u.id=f.competent_unit_id where f.code=$1', [code])).rows[0];
}

describe('feedback: submit → route → answer → publish → rate', () => {
  let code = '';
  let secret = '';

  it('a citizen sends feedback with a photo from a phone, without an account', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto('/phan-anh');
    await settled(page);
    await page.getByTestId('fb-submit-link').click();
    await page.waitForURL(/\/phan-anh\/gui$/);
    await settled(page);
    await checkPage(page, 'feedback-submit-phone');
    await page.getByLabel('Lĩnh vực phản ánh').click();
    await page.getByLabel('Lĩnh vực phản ánh').fill('Môi trường – về quy định');
    await page.locator('.ant-select-item-option', { hasText: 'Môi trường – về quy định' }).first().click();
    await page.getByLabel('Nội dung phản ánh').fill('Rác thải sinh hoạt tập kết ở đầu ngõ 12 đã nhiều ngày không được thu gom, bốc mùi.');
    await page.getByLabel('Địa chỉ nơi xảy ra sự việc').fill('Ngõ 12, tổ 5, phường Phan Đình Phùng');
    // Pin near the city centre on the plot.
    const map = page.getByTestId('province-map');
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.5, y: box.height * 0.7 } });
    await expect.poll(() => page.getByTestId('map-pin').count()).toBe(1);
    expect(Number(await page.getByLabel('Vĩ độ').inputValue())).toBeGreaterThan(21.3);
    await page.locator('#fb-photos').setInputFiles({ name: 'rac.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif() });
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Mai');
    await page.getByLabel('Số điện thoại').fill('0912000111');
    await page.getByTestId('fb-send').click();
    await expect.poll(() => page.getByTestId('sent-code').count(), { timeout: 15_000 }).toBe(1);
    code = (await page.getByTestId('sent-code').textContent())!.trim();
    secret = (await page.getByTestId('sent-secret').textContent())!.trim();
    expect(code).toMatch(/^PAKN-\d{6}-\d{4}$/);
    await checkPage(page, 'feedback-sent-phone');
    const r = await row(code);
    expect(r).toMatchObject({ status: 'received', channel: 'portal', unit_code: '000.20.01.H55', contact_name: 'Nguyễn Thị Mai' });
    expect(Number(r.lat)).toBeGreaterThan(21.3);
    expect((await server.db.query('select count(*)::int n from feedback_media where feedback_id=$1', [r.id])).rows[0].n).toBe(1);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('reaches the responsible ward, whose officer takes it and answers', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fcan-bo%2Fphan-anh');
    await signIn(page, 'chuyenvien.pdp');
    await settled(page);
    await checkPage(page, 'feedback-inbox');
    await page.locator('.ant-table-row a', { hasText: code }).click();
    await settled(page);
    expect(await page.getByTestId('fb-unit').textContent()).toBe('Ủy ban nhân dân phường Phan Đình Phùng');
    await checkPage(page, 'feedback-handle');
    await page.getByTestId('fb-action-assign').click();
    await page.getByTestId('fb-action-submit').click();
    await expect.poll(async () => (await row(code)).status).toBe('assigned');
    await page.getByTestId('fb-action-answer').click();
    await page.getByLabel('Kết quả trả lời').fill('UBND phường đã chỉ đạo tổ thu gom xử lý trong ngày và bố trí thêm lượt thu gom buổi tối.');
    await page.getByLabel('Tóm tắt công khai').fill('Đã thu gom, bố trí thêm lượt thu gom buổi tối.');
    await page.getByTestId('fb-action-submit').click();
    await expect.poll(async () => (await row(code)).status).toBe('answered');
    // A specialist may not publish: the button is not offered.
    await settled(page);
    expect(await page.getByTestId('fb-action-publish').count()).toBe(0);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('the ward’s leader publishes the answer, which appears without personal data', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fcan-bo%2Fphan-anh');
    await signIn(page, 'lanhdao.pdp');
    await settled(page);
    await page.locator('.ant-table-row a', { hasText: code }).click();
    await settled(page);
    await page.getByTestId('fb-action-publish').click();
    await page.getByTestId('fb-action-submit').click();
    await expect.poll(async () => (await row(code)).status).toBe('published');

    const pub = await browser.newPage(PHONE);
    await pub.goto('/phan-anh');
    await settled(pub);
    await pub.locator('[data-testid=fb-public-list] a', { hasText: 'Rác thải sinh hoạt' }).first().click();
    await settled(pub);
    expect(await pub.getByTestId('fb-sender').textContent()).toBe('Nguyễn T. M.');
    expect(await pub.getByTestId('fb-answer').textContent()).toContain('lượt thu gom buổi tối');
    const html = await pub.content();
    expect(html).not.toContain('0912000111');
    expect(html).not.toContain('Nguyễn Thị Mai');
    await checkPage(pub, 'feedback-public-item-phone');
    await pub.getByTestId('fb-like').click();
    await expect.poll(async () => (await row(code)).likes).toBe(1);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('the sender follows it with the reference and secret and rates the answer', async () => {
    const page = await browser.newPage(PHONE);
    await page.goto(`/phan-anh/theo-doi?code=${encodeURIComponent(code)}&secret=${encodeURIComponent(secret)}`);
    await settled(page);
    expect(await page.getByTestId('fb-detail-answer').textContent()).toContain('lượt thu gom');
    await checkPage(page, 'feedback-track-phone');
    await page.getByTestId('fb-action-rate').click();
    await page.getByLabel('Hài lòng', { exact: true }).check();
    await page.getByTestId('fb-action-submit').click();
    await expect.poll(async () => (await row(code)).status).toBe('closed');
    const r = await row(code);
    expect(r.rating).toBe('satisfied');
    expect(r.likes).toBe(2);
    const events = (await server.db.query('select action from feedback_events where feedback_id=$1 order by id', [r.id])).rows.map((e: any) => e.action);
    expect(events).toEqual(['submit', 'assign', 'answer', 'publish', 'rate']);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('shows the report to the supervisor', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fcan-bo%2Fphan-anh%2Fbao-cao');
    await signIn(page, 'giamsat');
    await settled(page);
    const table = page.getByTestId('fb-report-table');
    await expect.poll(() => table.textContent()).toContain('Ủy ban nhân dân phường Phan Đình Phùng');
    await checkPage(page, 'feedback-report');
    expect(browser.takeErrors()).toEqual([]);
  });
});
