import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkPage, chooseOption, launchBrowser, openAs, PHONE, settled, signIn, startServer, type E2EBrowser, type E2EServer } from './harness.js';

/**
 * Citizen reception and letters through the browser: a group visit → its letter (with a duplicate
 * candidate) → classification → proposal (printed Mẫu 01) → the leader accepts → verification →
 * decision; a transferred denunciation whose denouncer stays masked for a supervisor and is shown
 * to the receiving officer after a purpose; a leader's periodic session with a visitor, its
 * conclusion notice (printed) and an instruction completed and counted; a mixed letter split in
 * two; the verifier picked from the assignable staff; the public reception schedule.
 */
let server: E2EServer;
let browser: E2EBrowser;
const BAN_TCD = '000.00.19.H55';
const MEMBERS = ['Hoàng Văn Nam', 'Lê Thị Hà', 'Trần Văn Bảo', 'Ngô Thị Cúc', 'Đinh Văn Dũng', 'Vũ Thị Én'];

async function token(username: string): Promise<string> {
  const r = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'demo1234' } });
  return r.json().token;
}
async function apiCall(username: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const r = await server.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${await token(username)}` }, ...(payload ? { payload: payload as any } : {}) });
  if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json();
}
let banTcdId = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(server.baseUrl);
  const units = (await apiCall('admin', 'GET', '/units?all=true')) as any[];
  banTcdId = units.find((u) => u.code === BAN_TCD).id;
  // The demo has no leader of the provincial reception board: the administrator creates one.
  await apiCall('admin', 'POST', '/users', { username: 'lanhdao.bantcd', fullName: 'Vương Đình Huệ', password: 'demo1234', roles: [{ role: 'leader', unitId: banTcdId }] });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh tab (the harness closes the others) signed in as `username`, on `path`. */
function as(username: string, path: string): Promise<Page> {
  return openAs(browser, username, path);
}

async function act(page: Page, prefix: string, action: string, fill?: () => Promise<void>) {
  await page.getByTestId(`${prefix}-action-${action}`).click();
  if (fill) await fill();
  await page.getByTestId(`${prefix}-action-submit`).click();
  await settled(page);
}
async function pick(page: Page, id: string, option: string) {
  await chooseOption(page, page.locator(`#${id}`), option);
  expect(await page.locator(`.ant-form-item:has(#${id})`).textContent()).toContain(option);
}

describe('reception and letters', () => {
  it('records a group visit, takes in and classifies its letter with the duplicate beside it, prints Mẫu 01, and resolves the complaint', { timeout: 240_000 }, async () => {
    const summary = 'Khiếu nại quyết định thu hồi đất số 12/QĐ-UBND tại tổ 7';
    // An earlier letter of the same person on the same matter: the duplicate candidate.
    const earlier = await apiCall('tiepcongdan', 'POST', '/letters', { unitId: banTcdId, source: 'post', sender: { name: 'Hoàng Văn Nam', idNo: '019085001111' }, contentType: 'complaint', summary });

    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fcan-bo%2Ftiep-cong-dan');
    await signIn(page, 'tiepcongdan');
    await settled(page);
    expect(await page.getByRole('link', { name: 'Tiếp công dân' }).count()).toBeGreaterThan(0);
    await checkPage(page, 'letters-receptions');
    await page.getByTestId('lt-new-visit').click();
    await page.locator('#lt-visit_name').fill('Hoàng Văn Nam');
    await page.locator('#lt-visit_idNo').fill('019085001111');
    await page.locator('#lt-visit_group_peopleCount').fill('6');
    await page.locator('#lt-visit_group_members').fill(MEMBERS.join('\n'));
    await page.locator('#lt-visit_group_appointmentDoc').fill('Văn bản cử đại diện ngày 01/12');
    await page.locator('#lt-visit_group_signedByAll').check();
    // A group of 6: three representatives are too many (Art. 29); the refusal is shown next to the field.
    await page.locator('#lt-visit_group_representatives').fill(MEMBERS.slice(0, 3).join('\n'));
    await page.locator('#lt-visit_contentSummary').fill(summary);
    await page.locator('#lt-visit_withinCompetence').check();
    await page.getByTestId('lt-visit-submit').click();
    await expect.poll(() => page.locator('#lt-visit_group_representatives_help').textContent()).toContain('từ 1 đến 2 người đại diện');
    expect(new URL(page.url()).pathname).toBe('/can-bo/tiep-cong-dan');
    await page.locator('#lt-visit_group_representatives').fill(MEMBERS.slice(0, 2).join('\n'));
    await page.getByTestId('lt-visit-submit').click();
    await page.waitForURL(/\/can-bo\/tiep-cong-dan\/[0-9a-f-]{36}$/);
    await settled(page);
    const visitId = page.url().split('/').pop()!;
    const visit = await apiCall('tiepcongdan', 'GET', `/receptions/${visitId}`);
    expect(visit).toMatchObject({ status: 'heard', peopleCount: 6, massGroup: true, visitorIdNo: '********1111' });
    await checkPage(page, 'letters-visit');

    // Documents handed over → Mẫu 02/TCD print page.
    await act(page, 'lt-visit', 'receive_documents', async () => {
      await page.locator('#lt-visit-action_docTitle').fill('Quyết định 12/QĐ-UBND (bản gốc)');
      await page.locator('#lt-visit-action_docPages').fill('3');
      await page.locator('#lt-visit-action_docOriginal').check();
    });
    await page.getByTestId('lt-form-documents_receipt').click();
    await expect.poll(() => page.getByTestId('lt-form-code').textContent()).toContain('02/TCD');
    expect(await page.getByTestId('lt-form').textContent()).toContain('Quyết định 12/QĐ-UBND (bản gốc)');
    await checkPage(page, 'letters-form-receipt');

    // The register (Mẫu 03/TCD) printed on A4 landscape, with this visit's row; and its PDF.
    await page.goto('/can-bo/tiep-cong-dan');
    await settled(page);
    await page.getByTestId('lt-register-print-link').click();
    await page.waitForURL(/\/can-bo\/tiep-cong-dan\/so\/in\?/);
    await expect.poll(() => page.getByTestId('lt-register-print').locator('tbody tr').count()).toBeGreaterThan(1);
    const register = page.getByTestId('lt-register-print');
    expect(await register.locator('thead th').count()).toBe(13);
    expect(await register.locator('[data-testid="form-title"]').textContent()).toBe('SỔ TIẾP CÔNG DÂN');
    const visitRow = register.locator('tbody tr', { hasText: 'Hoàng Văn Nam' });
    expect(await visitRow.count()).toBe(1);
    expect(await visitRow.textContent()).toContain('********1111');
    expect(await visitRow.textContent()).not.toContain('019085001111');
    await checkPage(page, 'letters-register-print');
    const registerPdf = await page.request.get(new URL(page.url()).search.replace(/^\?/, '/api/v1/receptions/register.pdf?'));
    expect(registerPdf.status()).toBe(200);
    expect((await registerPdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.goto(`/can-bo/tiep-cong-dan/${visitId}`);
    await settled(page);

    // The statement becomes a letter.
    await act(page, 'lt-visit', 'create_letters', async () => {
      await pick(page, 'lt-visit-action_contentType', 'Khiếu nại');
      await page.locator('#lt-visit-action_summary').fill(summary);
    });
    await page.getByTestId('lt-visit-letter').first().click();
    await page.waitForURL(/\/can-bo\/don-thu\/[0-9a-f-]{36}$/);
    await settled(page);
    const letterId = page.url().split('/').pop()!;
    // The earlier letter is shown beside it as a duplicate candidate.
    await expect.poll(() => page.getByTestId('lt-duplicates').textContent()).toContain(earlier.code);

    await act(page, 'lt', 'classify', async () => {
      for (const box of await page.locator('#lt-action_formChecks input[type=checkbox]').all()) await box.check();
      await page.locator('#lt-action_competence').getByText('Thuộc thẩm quyền', { exact: true }).click();
    });
    await expect.poll(async () => (await apiCall('tiepcongdan', 'GET', `/letters/${letterId}`)).status).toBe('classified');
    expect(await page.getByTestId('lt-suggestion').textContent()).toContain('Đề xuất thụ lý');
    await act(page, 'lt', 'propose_accept', async () => {
      await page.locator('#lt-action_proposal').fill('Đề xuất Trưởng ban thụ lý giải quyết');
    });
    await expect.poll(() => page.getByTestId('lt-letter-status').textContent()).toMatch(/đề xuất/i);
    await checkPage(page, 'letters-letter');
    await page.getByTestId('lt-form-propose_accept').click();
    await expect.poll(() => page.getByTestId('lt-form-code').textContent()).toContain('Mẫu 01');
    const proposal = (await page.getByTestId('lt-form').textContent()) ?? '';
    // The printed Mẫu 01: national heading, agency, title, the template's wording around the values.
    expect(proposal).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(proposal).toContain('PHIẾU ĐỀ XUẤT THỤ LÝ ĐƠN');
    expect(proposal).toContain('Hoàng Văn Nam');
    expect(proposal).toContain('Đề xuất: Đề xuất Trưởng ban thụ lý giải quyết');
    expect(proposal).toMatch(/Thái Nguyên, ngày \d{2} tháng \d{2} năm \d{4}/);
    const proposalPdf = await page.request.get(`/api/v1/letters/${letterId}/forms/propose_accept/pdf`);
    expect(proposalPdf.status()).toBe(200);
    expect(proposalPdf.headers()['content-type']).toBe('application/pdf');
    expect((await proposalPdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await checkPage(page, 'letters-form-propose');

    // The leader accepts (thụ lý): the case opens with its 30-day clock.
    let leader = await as('lanhdao.bantcd', `/can-bo/don-thu/${letterId}`);
    await act(leader, 'lt', 'open_case', async () => {
      await leader.locator('#lt-action_acceptanceDocNo').fill('15/TB-BTCD');
    });
    await leader.getByTestId('lt-case-link').click();
    await leader.waitForURL(/\/can-bo\/vu-viec\/[0-9a-f-]{36}$/);
    await settled(leader);
    const caseId = leader.url().split('/').pop()!;
    await expect.poll(() => leader.getByTestId('lt-case-remaining').textContent()).toMatch(/còn \d+ ngày/);
    // The inspector of the provincial inspectorate is picked from the list and assigned as verifier.
    await pick(leader, 'lt-assign_userId', 'Hoàng Đức Thắng');
    await leader.getByTestId('lt-assign-submit').click();
    await settled(leader);
    await expect.poll(() => leader.getByTestId('lt-case-assignments').textContent()).toContain('Hoàng Đức Thắng (Người xác minh)');
    await checkPage(leader, 'letters-case-assign');
    const assigned = await apiCall('lanhdao.bantcd', 'GET', `/cases/${caseId}`);
    expect(assigned.assignments).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Hoàng Đức Thắng', role: 'verifier' })]));

    let inspector = await as('thanhtra', `/can-bo/vu-viec/${caseId}`);
    await act(inspector, 'lt-case', 'start_verification');
    await expect.poll(async () => (await apiCall('thanhtra', 'GET', `/cases/${caseId}`)).status).toBe('verifying');
    await checkPage(inspector, 'letters-case');

    leader = await as('lanhdao.bantcd', `/can-bo/vu-viec/${caseId}`);
    await act(leader, 'lt-case', 'decide', async () => {
      await leader.locator('#lt-case-action_decisionNo').fill('20/QĐ-BTCD');
      await leader.locator('#lt-case-action_result').getByText('Đúng một phần').click();
    });
    await expect.poll(async () => (await apiCall('lanhdao.bantcd', 'GET', `/cases/${caseId}`)).status).toBe('decided');
    inspector = await as('thanhtra', `/can-bo/vu-viec/${caseId}`);
    await act(inspector, 'lt-case', 'record_enforcement', async () => {
      await inspector.locator('#lt-case-action_status').getByText('Đang thi hành').click();
      await inspector.locator('#lt-case-action_note').fill('UBND phường đang sửa đổi quyết định');
    });
    const c = await apiCall('lanhdao.bantcd', 'GET', `/cases/${caseId}`);
    expect(c).toMatchObject({ status: 'decided', decision: { no: '20/QĐ-BTCD', result: 'partly_upheld' } });
    expect(c.events.map((e: any) => e.action)).toEqual(expect.arrayContaining(['open', 'assign', 'start_verification', 'decide', 'record_enforcement']));
    expect(browser.takeErrors()).toEqual([]);
  });

  it('transfers a denunciation once; its denouncer stays masked for a supervisor and is shown to the receiving officer with a purpose', { timeout: 180_000 }, async () => {
    const l = await apiCall('tiepcongdan', 'POST', '/letters', {
      unitId: banTcdId,
      source: 'post',
      sender: { name: 'Phan Văn Tố', idNo: '019070002222', address: 'Xóm 3, xã Đại Phúc' },
      respondent: { name: 'Cán bộ địa chính xã Đại Phúc' },
      contentType: 'denunciation',
      summary: 'Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục đất đai',
    });
    const page = await browser.newPage();
    await page.goto(`/dang-nhap?next=${encodeURIComponent(`/can-bo/don-thu/${l.id}`)}`);
    await signIn(page, 'tiepcongdan');
    await settled(page);
    await expect.poll(() => page.getByTestId('lt-sender').textContent()).toContain('[được bảo vệ]');
    await act(page, 'lt', 'classify', async () => {
      for (const box of await page.locator('#lt-action_formChecks input[type=checkbox]').all()) await box.check();
      await page.locator('#lt-action_competence').getByText('Không thuộc thẩm quyền').click();
      await page.locator('#lt-action_competentBody').fill('Chủ tịch UBND xã Đại Phúc');
    });
    await act(page, 'lt', 'transfer', async () => {
      await page.locator('#lt-action_to').fill('Chủ tịch UBND xã Đại Phúc');
      await page.locator('#lt-action_docNo').fill('31/PC-BTCD');
    });
    await expect.poll(async () => (await apiCall('tiepcongdan', 'GET', `/letters/${l.id}`)).status).toBe('transferred');
    await page.getByTestId('lt-form-transfer').click();
    await expect.poll(() => page.getByTestId('lt-form-code').textContent()).toContain('Mẫu 03');
    const printed = await page.getByTestId('lt-form').textContent();
    expect(printed).toContain('PHIẾU CHUYỂN ĐƠN TỐ CÁO');
    expect(printed).toContain('Kính gửi: Chủ tịch UBND xã Đại Phúc');
    expect(printed).toContain('[được bảo vệ]');
    expect(printed).not.toContain('Phan Văn Tố');
    await checkPage(page, 'letters-form-transfer');

    // A supervisor reads the letter but not the denouncer.
    const sup = await as('giamsat', `/can-bo/don-thu/${l.id}`);
    expect(await sup.getByTestId('lt-sender').textContent()).toContain('[được bảo vệ]');
    expect(await sup.locator('main').textContent()).not.toContain('Phan Văn Tố');
    await sup.locator('#lt-purpose').fill('Kiểm tra việc chuyển đơn tố cáo');
    await sup.getByTestId('lt-reveal-submit').click();
    await expect.poll(() => sup.locator('[data-testid=lt-reveal] [role=alert]').count()).toBe(1);
    expect(await sup.getByTestId('lt-identity').count()).toBe(0);

    // The officer who received it may see it after giving a purpose; the read is logged.
    const officer = await as('tiepcongdan', `/can-bo/don-thu/${l.id}`);
    await officer.locator('#lt-purpose').fill('Thông báo cho người tố cáo về việc chuyển đơn');
    await officer.getByTestId('lt-reveal-submit').click();
    await expect.poll(() => officer.getByTestId('lt-identity').textContent()).toContain('Phan Văn Tố');
    const audit = await server.db.query("select reason from audit_log where action = 'protected.read' and entity_id = $1", [l.id]);
    expect(audit.rows.length).toBeGreaterThan(0);
    expect(audit.rows[0].reason).toBe('Thông báo cho người tố cáo về việc chuyển đơn');
    const denied = await server.db.query("select count(*)::int n from audit_log where action = 'protected.denied' and entity_id = $1", [l.id]);
    expect(denied.rows[0].n).toBeGreaterThan(0);

    // The report of the unit counts the transferred letter, and its Excel file downloads.
    await officer.goto('/can-bo/don-thu/bao-cao');
    await settled(officer);
    await expect.poll(() => officer.getByTestId('lt-report').locator('tbody tr').count()).toBeGreaterThan(5);
    await checkPage(officer, 'letters-report');
    const href = await officer.getByTestId('lt-report-xlsx').getAttribute('href');
    const xlsx = await officer.request.get(href!);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

    // The letter page on a phone: still masked, still readable.
    const phone = await browser.newPage(PHONE);
    await phone.goto(`/dang-nhap?next=${encodeURIComponent(`/can-bo/don-thu/${l.id}`)}`);
    await signIn(phone, 'tiepcongdan');
    await settled(phone);
    await expect.poll(() => phone.getByTestId('lt-sender').textContent()).toContain('[được bảo vệ]');
    await checkPage(phone, 'letters-letter.phone');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('a leader schedules a periodic session, a visitor is received in it, the conclusion notice gives an instruction that is completed and counted', { timeout: 240_000 }, async () => {
    const page = await as('lanhdao', '/can-bo/tiep-cong-dan/buoi-tiep');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Buổi tiếp công dân của lãnh đạo');
    await checkPage(page, 'letters-sessions');
    await page.getByTestId('lt-new-session').click();
    await pick(page, 'lt-session_unitId', 'Sở Xây dựng');
    await expect.poll(() => page.locator('#lt-session_leaderName').inputValue()).toBe('Lê Quang Tiến');
    expect(await page.locator('#lt-session_presideSelf').isChecked()).toBe(true);
    await page.locator('#lt-session_leaderTitle').fill('Giám đốc Sở Xây dựng');
    await page.locator('#lt-session_startTime').fill('08:00');
    await page.locator('#lt-session_endTime').fill('11:00');
    await page.locator('#lt-session_location').fill('Phòng tiếp công dân Sở Xây dựng');
    await page.getByTestId('lt-session-submit').click();
    await page.waitForURL(/\/can-bo\/tiep-cong-dan\/buoi-tiep\/[0-9a-f-]{36}$/);
    await settled(page);
    const sessionId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('lt-session-status').textContent()).toBe('Đã lên lịch');
    await checkPage(page, 'letters-session');

    // A visitor is received in the session.
    await page.locator('#lt-session-visit_name').fill('Trịnh Thị Xuân');
    await page.locator('#lt-session-visit_idNo').fill('019088004444');
    await page.locator('#lt-session-visit_contentSummary').fill('Kiến nghị cấp phép xây dựng nhà ở bị chậm');
    await pick(page, 'lt-session-visit_contentType', 'Kiến nghị');
    await page.getByTestId('lt-session-visit-submit').click();
    await settled(page);
    await expect.poll(() => page.getByTestId('lt-session-visits').textContent()).toContain('Trịnh Thị Xuân');

    // Held, then the conclusion notice with one instruction for a named person of the unit.
    await act(page, 'lt-session', 'hold');
    await expect.poll(() => page.getByTestId('lt-session-status').textContent()).toBe('Đã tiếp');
    await page.locator('#lt-conclusion_noticeNo').fill('25/TB-SXD');
    await page.locator('#lt-conclusion_summary').fill('Giao Phòng Quản lý xây dựng rà soát hồ sơ cấp phép của bà Xuân');
    await page.locator('#lt-conclusion_instructions_0_instruction').fill('Rà soát hồ sơ cấp phép, trả lời công dân bằng văn bản');
    await pick(page, 'lt-conclusion_instructions_0_assigneeUserId', 'Lê Quang Tiến');
    await pick(page, 'lt-conclusion_instructions_0_visitId', 'Trịnh Thị Xuân');
    await checkPage(page, 'letters-session-conclusion-form');
    await page.getByTestId('lt-conclusion-submit').click();
    await settled(page);
    await expect.poll(() => page.getByTestId('lt-conclusion-no').textContent()).toBe('25/TB-SXD');
    expect(await page.getByTestId('lt-conclusion-instructions').textContent()).toContain('Đang thực hiện');
    const s = await apiCall('lanhdao', 'GET', `/receptions/sessions/${sessionId}`);
    expect(s).toMatchObject({ status: 'held', conclusion: { noticeNo: '25/TB-SXD' } });
    expect(s.conclusion.instructions).toHaveLength(1);
    expect(s.conclusion.instructions[0].visitId).toBe(s.visits[0].id);

    // The printable conclusion notice.
    await page.getByTestId('lt-form-conclusion_notice').click();
    await page.waitForURL(/\/can-bo\/bieu-mau\/session\//);
    await expect.poll(() => page.getByTestId('lt-form').textContent()).toContain('Rà soát hồ sơ cấp phép, trả lời công dân bằng văn bản');
    expect(await page.getByTestId('lt-form').textContent()).toContain('25/TB-SXD');
    await checkPage(page, 'letters-form-conclusion');

    // The instruction is followed up and completed; the unit's figures and the compliance show it.
    await page.goto('/can-bo/tiep-cong-dan/chi-dao');
    await settled(page);
    const ins = (await apiCall('lanhdao', 'GET', '/receptions/instructions')).items.find((x: any) => x.noticeNo === '25/TB-SXD');
    await expect.poll(() => page.getByTestId('lt-instructions').textContent()).toContain('Rà soát hồ sơ cấp phép');
    await checkPage(page, 'letters-instructions');
    await page.getByTestId(`lt-ins-complete-${ins.id}`).click();
    await page.getByTestId('lt-ins-note').fill('Đã rà soát, có văn bản trả lời số 40/SXD');
    await page.getByTestId('lt-ins-complete-submit').click();
    await settled(page);
    await expect.poll(async () => (await apiCall('lanhdao', 'GET', '/receptions/instructions?status=done')).items.map((x: any) => x.id)).toContain(ins.id);
    await expect.poll(() => page.getByTestId('lt-instructions').locator('tr', { hasText: 'Rà soát hồ sơ cấp phép' }).textContent()).toContain('Đã thực hiện');
    const unitRow = page.getByTestId('lt-ins-by-unit').locator('tbody tr', { hasText: 'Sở Xây dựng' });
    expect((await unitRow.locator('td').allTextContents()).slice(1)).toEqual(['1', '0', '0', '0']);
    const comp = page.getByTestId('lt-compliance').locator('tbody tr', { hasText: 'Sở Xây dựng' });
    const cells = await comp.locator('td').allTextContents();
    expect(cells[3]).toBe('1');
    expect(cells[5]).toContain('Đạt');
    expect(cells[5]).not.toContain('Chưa đạt');
    await checkPage(page, 'letters-instructions-done');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('splits a letter with mixed content into two letters', { timeout: 120_000 }, async () => {
    const l = await apiCall('tiepcongdan', 'POST', '/letters', {
      unitId: banTcdId,
      source: 'post',
      sender: { name: 'Lò Văn Tách', idNo: '019075005555', address: 'Xóm 1, xã Đại Phúc' },
      contentType: 'mixed',
      summary: 'Khiếu nại quyết định bồi thường và kiến nghị sửa đường liên xóm',
    });
    const page = await as('tiepcongdan', `/can-bo/don-thu/${l.id}`);
    await expect.poll(() => page.getByTestId('lt-split').count()).toBe(1);
    await checkPage(page, 'letters-split');
    // Part 1: complaint (the default); part 2 becomes a petition.
    await page.locator('#lt-split_parts_0_summary').fill('Khiếu nại quyết định bồi thường khi thu hồi đất');
    await pick(page, 'lt-split_parts_1_contentType', 'Kiến nghị');
    await page.locator('#lt-split_parts_1_summary').fill('Kiến nghị sửa chữa đường liên xóm bị sạt lở');
    await page.getByTestId('lt-split-submit').click();
    await settled(page);
    await expect.poll(() => page.getByTestId('lt-parts').locator('li').count()).toBe(2);
    expect(await page.getByTestId('lt-split').count()).toBe(0);
    await expect.poll(() => page.getByTestId('lt-letter-status').textContent()).toMatch(/tách/i);
    const d = await apiCall('tiepcongdan', 'GET', `/letters/${l.id}`);
    expect(d.status).toBe('split');
    expect(d.parts.map((p: any) => p.contentType).sort()).toEqual(['complaint', 'petition']);
    await checkPage(page, 'letters-split-done');
    await page.getByTestId('lt-parts').locator('a').first().click();
    await page.waitForURL((u) => !u.pathname.endsWith(l.id));
    await settled(page);
    await expect.poll(() => page.getByTestId('lt-summary').textContent()).toMatch(/Khiếu nại quyết định bồi thường|Kiến nghị sửa chữa/);
    expect(browser.takeErrors()).toEqual([]);
  });

  it('refuses a visit on a ground of the rule set, named in its wording, and asks for the written notice (Mẫu 01/TCD)', { timeout: 120_000 }, async () => {
    const v = (await apiCall('tiepcongdan', 'POST', '/receptions', { unitId: banTcdId, kind: 'regular', visitor: { name: 'Ông Lặp Lại', idNo: '019060001111' } })) as any;
    const ground = v.refusalReasons.find((g: any) => g.code === 'repeat_no_new_facts');
    expect(ground.noticeRequired).toBe(true);
    const page = await as('tiepcongdan', `/can-bo/tiep-cong-dan/${v.id}`);
    await act(page, 'lt-visit', 'refuse', async () => {
      await pick(page, 'lt-visit-action_reason', ground.label.vi);
      await checkPage(page, 'letters-visit-refuse');
    });
    await expect.poll(() => page.getByTestId('lt-visit-refusal').textContent()).toContain(ground.label.vi);
    expect(await page.getByTestId('lt-events').textContent()).toContain(ground.label.vi);
    expect(await page.getByTestId('lt-visit-action-issue_refusal_notice').count()).toBe(1);
    expect(((await apiCall('tiepcongdan', 'GET', `/receptions/${v.id}`)) as any).refusal).toMatchObject({ reason: 'repeat_no_new_facts', noticeRequired: true });
    // In English, the same ground in the rule set's English wording.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('lt-visit-refusal').textContent()).toContain(ground.label.en);
    await page.getByTestId('lang-vi').click();
    await page.waitForSelector('html[lang=vi]');
    expect(browser.takeErrors()).toEqual([]);
  });

  it('a citizen sends a denunciation online from a phone; it reaches the office as an online letter with the denouncer protected', { timeout: 180_000 }, async () => {
    const page = await browser.newPage(PHONE);
    await page.goto('/dang-nhap?next=%2Fca-nhan%2Fdon-thu');
    await signIn(page, 'congdan1');
    await page.waitForURL(/\/ca-nhan\/don-thu$/);
    await settled(page);
    await page.getByTestId('letter-new').click();
    await page.waitForURL(/\/ca-nhan\/gui-don$/);
    await settled(page);
    await page.getByLabel('Tố cáo', { exact: true }).check();
    expect(await page.getByTestId('letter-denunciation-note').textContent()).toContain('giữ bí mật');
    // Nothing chosen or written: refused next to the fields, before any request.
    await page.getByTestId('letter-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBeGreaterThanOrEqual(2);
    await pick(page, 'letter-online_unitId', 'Ban Tiếp công dân');
    const summary = 'Tố cáo cán bộ địa chính nhận tiền khi giải quyết hồ sơ đất đai';
    await page.getByLabel('Tóm tắt nội dung').fill(summary);
    await page.getByLabel('Nội dung đầy đủ').fill('Ngày 02/12/2026, tại trụ sở phường, cán bộ địa chính đề nghị nộp thêm tiền ngoài quy định.');
    await checkPage(page, 'citizen-letter-form.phone');
    await page.getByTestId('letter-submit').click();
    await page.waitForURL(/\/ca-nhan\/don-thu\?sent=/);
    await settled(page);
    const code = new URL(page.url()).searchParams.get('sent')!;
    expect(await page.getByTestId('letter-sent').textContent()).toContain(code);
    expect(await page.getByTestId('my-letters').textContent()).toContain(summary);
    // The letter just sent is open with its attachments: the sender adds a scan of the evidence.
    const files = page.getByTestId('my-letters').getByTestId('lt-files');
    await expect.poll(() => files.getByTestId('lt-files-none').count()).toBe(1);
    const evidence = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
    await files.locator('input[type=file]').setInputFiles({ name: 'bien-nhan-tien.pdf', mimeType: 'application/pdf', buffer: evidence });
    await page.getByTestId('lt-files-submit').click();
    await expect.poll(() => files.getByTestId('lt-files-open').allTextContents()).toEqual(['bien-nhan-tien.pdf']);
    await checkPage(page, 'citizen-letters.phone');

    const list = (await apiCall('tiepcongdan', 'GET', `/letters?q=${encodeURIComponent(code)}`)) as any;
    const item = list.items.find((x: any) => x.code === code);
    expect(item).toBeTruthy();
    const letter = (await apiCall('tiepcongdan', 'GET', `/letters/${item.id}`)) as any;
    expect(letter.source).toBe('online');
    expect(letter.contentType).toBe('denunciation');
    expect(letter.protected).toBeTruthy();
    expect(JSON.stringify(letter)).not.toContain('Nguyễn Văn An');
    // The evidence is stored, and protected like the denouncer: the supervisor learns only that it exists.
    const stored = (await server.db.query('select original_name, size_bytes from files where letter_id=$1', [item.id])).rows;
    expect(stored.map((r: any) => [r.original_name, Number(r.size_bytes)])).toEqual([['bien-nhan-tien.pdf', evidence.length]]);
    const seen = (await apiCall('giamsat', 'GET', `/letters/${item.id}/files`)) as any;
    expect(seen).toMatchObject({ protected: true, total: 1, hidden: 1, items: [] });
    expect(browser.takeErrors()).toEqual([]);
  });

  it('shows the public reception schedule without sign-in, at desktop and phone size', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Lịch tiếp công dân' }).click();
    await page.waitForURL(/\/lich-tiep-cong-dan$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Lịch tiếp công dân');
    await expect.poll(() => page.getByTestId('lt-offices').locator('li').count()).toBeGreaterThan(0);
    await checkPage(page, 'letters-schedule');
    const phone = await browser.newPage(PHONE);
    await phone.goto('/lich-tiep-cong-dan');
    await expect.poll(() => phone.getByTestId('lt-offices').locator('li').count()).toBeGreaterThan(0);
    await checkPage(phone, 'letters-schedule.phone');
    expect(browser.takeErrors()).toEqual([]);
  });
});
