import type { SeedContext } from '../../db/seed.js';
import { officialSpecialDayRows } from '../../core/calendar/official-schedules.js';
import { statutorySpecialDays } from '../../core/calendar/holidays.js';
import { DEFAULT_WORKING_HOURS } from '../../core/calendar/working-calendar.js';

/**
 * Demo calendar: the province's office hours (Mon–Fri 07:30–11:30, 13:00–17:00; Saturday-morning
 * counter at the provincial centre), the official 2025–2026 public-sector schedules, and 2027
 * pre-filled by rule (proposed, awaiting the Prime Minister's decision).
 */
export async function seedCalendar(ctx: SeedContext): Promise<void> {
  const { db, tenantId } = ctx;
  await db.tx(async (tx) => {
    const has = await tx.query('select 1 from working_hours where tenant_id=$1 limit 1', [tenantId]);
    if (!has.rowCount) {
      await tx.query(
        `insert into working_hours(tenant_id, unit_id, effective_from, sessions, minutes_per_working_day, counter_sessions, legal_basis)
         values ($1, null, '2018-01-01', $2, 480, '{}', 'QĐ 188/1999/QĐ-TTg; quy định giờ làm việc của UBND tỉnh (dữ liệu minh họa)')`,
        [tenantId, JSON.stringify(DEFAULT_WORKING_HOURS.sessions)],
      );
      const centre = ctx.units.get('000.00.01.H55');
      if (centre) {
        await tx.query(
          `insert into working_hours(tenant_id, unit_id, effective_from, sessions, minutes_per_working_day, counter_sessions, legal_basis)
           values ($1, $2, '2025-07-01', $3, 480, $4, 'Quy chế hoạt động Trung tâm Phục vụ hành chính công tỉnh (dữ liệu minh họa)')`,
          [tenantId, centre, JSON.stringify(DEFAULT_WORKING_HOURS.sessions), JSON.stringify({ 6: [{ start: '07:30', end: '11:30' }] })],
        );
      }
    }
    const rows = [...officialSpecialDayRows(), ...statutorySpecialDays(2027)];
    for (const d of rows) {
      await tx.query(
        `insert into special_days(tenant_id, day, kind, name, scope, sessions, legal_basis, source, status, evidence, confirmed_at)
         values ($1,$2,$3,$4,'national_public_sector',$5,$6,$7,$8,$9, case when $8='confirmed' then now() end)
         on conflict (tenant_id, day, scope) where removed_at is null do nothing`,
        [tenantId, d.date, d.kind, d.name, d.sessions ? JSON.stringify(d.sessions) : null, d.legalBasis ?? '', d.source ?? 'rule', d.status, d.evidence === 'to_verify' ? 'to_verify' : 'verified'],
      );
    }
    for (const y of [2025, 2026, 2027]) {
      await tx.query('insert into calendar_years(tenant_id, year) values ($1,$2) on conflict do nothing', [tenantId, y]);
    }
    await tx.query('insert into calendar_state(tenant_id, version) values ($1, 1) on conflict (tenant_id) do nothing', [tenantId]);
  });
}
