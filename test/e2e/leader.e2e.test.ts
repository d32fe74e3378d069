import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, checkPage, launchBrowser, settled, signIn, startServer, type E2EBrowser, type E2EServer } from './harness.js';

/** The leader's unit dashboard, and the administrator editing the holiday calendar with its preview. */
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

describe('leader dashboard', () => {
  it('shows the unit’s month, the on-time rate and what is overdue by step and by officer, as the API counts them', async () => {
    const page = await browser.newPage();
    await page.goto('/dang-nhap?next=%2Fcan-bo');
    await signIn(page, 'lanhdao');
    await settled(page);
    await page.locator('.staff-sider').getByRole('link', { name: 'Bảng điều khiển đơn vị' }).click();
    await page.waitForURL(/\/can-bo\/bang-dieu-khien/);
    await page.getByTestId('dashboard').waitFor();
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Bảng điều khiển đơn vị');

    const unitId = (await server.db.query("select r.unit_id from user_roles r join users u on u.id = r.user_id where u.username = 'lanhdao' and r.role = 'leader' order by r.unit_id limit 1")).rows[0]?.unit_id;
    const shownUnit = new URL(page.url()).searchParams.get('unit');
    const api = (await apiAs(server, 'lanhdao', 'GET', `/api/v1/reports/dashboard?unit=${shownUnit ?? unitId}`)).json();
    expect(await page.getByTestId('kpi-received').locator('.kpi-value').textContent()).toBe(String(api.month.received));
    expect(await page.getByTestId('kpi-resolved').locator('.kpi-value').textContent()).toBe(String(api.month.resolved));
    expect(await page.getByTestId('kpi-overdue').locator('.kpi-value').textContent()).toBe(String(api.overdueNow.total));
    expect(await page.getByTestId('kpi-due-soon').locator('.kpi-value').textContent()).toBe(String(api.dueSoon.total));
    expect(await page.getByTestId('kpi-ontime').locator('.kpi-value').textContent()).toBe(api.month.ontimePct === null ? '—' : `${api.month.ontimePctText} %`);
    if (api.overdueNow.byOfficer.length) {
      expect(await page.getByTestId('dashboard-by-officer').locator('tbody tr').count()).toBe(api.overdueNow.byOfficer.length);
    }
    if (api.overdueNow.byStep.length) {
      expect(await page.getByTestId('dashboard-by-step').locator('tbody tr').count()).toBe(api.overdueNow.byStep.length);
      await expect.poll(() => page.getByTestId('dashboard-chart-steps').locator('svg').count()).toBeGreaterThan(0);
    }
    if (api.overdueNow.items.length) {
      const first = page.getByTestId('dashboard-overdue').locator('tbody tr a').first();
      expect(await first.textContent()).toBe(api.overdueNow.items[0].code);
    }
    await checkPage(page, 'leader-dashboard');

    // A counter officer has no dashboard.
    const counter = await browser.newPage();
    await counter.goto('/dang-nhap?next=%2Fcan-bo%2Fbang-dieu-khien');
    await signIn(counter, 'tiepnhan');
    await settled(counter);
    expect(await counter.getByTestId('dashboard').count()).toBe(0);
    expect((await apiAs(server, 'tiepnhan', 'GET', `/api/v1/reports/dashboard?unit=${shownUnit ?? unitId}`)).statusCode).toBe(403);
    expect(browser.takeErrors()).toEqual([]);
  });
});

describe('holiday calendar', () => {
  it('adds a day off: the preview lists the dossiers in progress whose deadline moves, and saving moves it', async () => {
    // A dossier received now under a deadline in working days.
    const candidates = (
      await server.db.query(
        `select p.id from procedures p join procedure_variants v on v.procedure_id = p.id
          where p.level = 'province' and v.processing_unit = 'working_days' and v.processing_amount >= 5 order by p.name`,
      )
    ).rows.map((r: any) => r.id as string);
    let dossier: { id: string; code: string; appointmentAt: string } | null = null;
    for (const procedureId of candidates) {
      const sheet = (await server.app.inject({ method: 'GET', url: `/api/v1/procedures/${procedureId}` })).json();
      const variant = sheet.variants?.find((v: any) => v.processingUnit === 'working_days') ?? sheet.variants?.[0];
      if (!variant) continue;
      const components = variant.components.map((c: any) => ({ code: c.code, originals: c.originals, certifiedCopies: c.certifiedCopies, copies: c.copies, provided: c.required }));
      const r = await apiAs(server, 'tiepnhan', 'POST', '/api/v1/dossiers', { procedureId, variantId: variant.id, applicant: { name: 'Phan Văn Đức', citizenId: '019187004444' }, components, outcome: 'accept' });
      if (r.statusCode === 201) {
        const d = r.json().dossier;
        dossier = { id: d.id, code: d.code, appointmentAt: (await (await apiAs(server, 'tiepnhan', 'GET', `/api/v1/dossiers/${d.id}`)).json()).appointmentAt };
        break;
      }
    }
    expect(dossier, 'no province procedure in working days could be received').not.toBeNull();
    // The first weekday at least two days from now that is a working day before the appointment.
    const vnDate = (t: number) => new Date(t + 7 * 3_600_000).toISOString().slice(0, 10);
    let day = Date.now() + 2 * 86_400_000;
    while ([0, 6].includes(new Date(day + 7 * 3_600_000).getUTCDay())) day += 86_400_000;
    const date = vnDate(day);
    expect(date < vnDate(new Date(dossier!.appointmentAt).getTime())).toBe(true);
    const year = date.slice(0, 4);
    const typed = `${date.slice(8, 10)}/${date.slice(5, 7)}/${year}`;
    const expected = (
      await apiAs(server, 'admin', 'POST', '/api/v1/calendar/preview', { add: { date, kind: 'holiday', name: 'Nghỉ đột xuất do bão', legalBasis: 'Công điện số 12/CĐ-UBND', status: 'confirmed' } })
    ).json();
    const mine = expected.items.find((i: any) => i.id === dossier!.id);
    expect(mine, JSON.stringify(expected).slice(0, 400)).toBeTruthy();

    const page = await browser.newPage();
    await page.goto(`/dang-nhap?next=${encodeURIComponent(`/quan-tri/lich-nghi?nam=${year}`)}`);
    await signIn(page, 'admin');
    await settled(page);
    await page.getByRole('button', { name: 'Thêm ngày đặc biệt' }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.waitFor();
    // Refused next to the fields first.
    await page.getByTestId('save-day').click();
    await expect.poll(() => dialog.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    const picker = page.locator('#special-day_date');
    await picker.click();
    await picker.fill(typed);
    await picker.press('Enter');
    await expect.poll(() => picker.inputValue()).toBe(typed);
    // The kind stays "Ngày lễ, Tết": a day off for the whole province.
    await page.locator('#special-day_name').fill('Nghỉ đột xuất do bão');
    await page.locator('#special-day_legalBasis').fill('Công điện số 12/CĐ-UBND');
    await page.locator('#special-day_status').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Đã xác nhận' }).click();
    await page.getByTestId('preview-day').click();
    await expect.poll(() => dialog.getByTestId('impact-table').textContent()).toContain(dossier!.code);
    await checkPage(page, 'admin-calendar-preview');
    await page.getByTestId('save-day').click();
    await expect.poll(() => page.locator('.ant-modal').getByTestId('impact-table').textContent()).toContain(dossier!.code);
    const after = (await (await apiAs(server, 'tiepnhan', 'GET', `/api/v1/dossiers/${dossier!.id}`)).json()).appointmentAt;
    expect(new Date(after).toISOString()).toBe(new Date(mine.appliedDue).toISOString());
    expect(new Date(after).getTime()).toBeGreaterThan(new Date(dossier!.appointmentAt).getTime());
    expect(browser.takeErrors()).toEqual([]);
  });
});
