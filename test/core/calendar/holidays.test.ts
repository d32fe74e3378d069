import { describe, expect, it } from 'vitest';
import {
  OFFICIAL_SCHEDULES,
  OFFICIAL_SPECIAL_DAYS,
  STATUTORY_HOLIDAY_RULES,
  type StatutoryHolidayRule,
  officialSpecialDayRows,
  specialDaysProvider,
  statutorySpecialDays,
  weekdayOf,
} from '../../../src/core/calendar/index.js';

const brief = (year: number, rules?: readonly StatutoryHolidayRule[]) =>
  statutorySpecialDays(year, rules ? { rules } : {}).map((r) => `${r.date} ${r.kind}`);

describe('statutory special days by rule (§2.1–2.3)', () => {
  it('2026: 11 statutory days, Tết = 30 Tết (16/02) + mùng 1–4, Giỗ Tổ Sun 26/04 → Mon 27/04 compensatory', () => {
    const rows = statutorySpecialDays(2026);
    expect(rows.filter((r) => r.kind === 'holiday')).toHaveLength(11);
    expect(brief(2026)).toEqual([
      '2026-01-01 holiday',
      '2026-02-16 holiday',
      '2026-02-17 holiday',
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday',
      '2026-04-26 holiday',
      '2026-04-27 compensatory_off',
      '2026-04-30 holiday',
      '2026-05-01 holiday',
      '2026-09-01 holiday',
      '2026-09-02 holiday',
    ]);
    for (const r of rows) {
      expect(r.source).toBe('rule');
      expect(r.status).toBe('proposed');
      expect(r.legalBasis).toMatch(/Bộ luật Lao động số 45\/2019\/QH14/);
    }
    expect(rows.find((r) => r.date === '2026-04-27')?.name).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026)');
    expect(rows.find((r) => r.date === '2026-04-27')?.legalBasis).toContain('Điều 111 khoản 3');
  });

  it('2023: chained compensations (Giỗ Tổ Sat 29/04, 30/4 Sun → Tue 02/05 and Wed 03/05)', () => {
    const rows = statutorySpecialDays(2023);
    const comp = rows.filter((r) => r.kind === 'compensatory_off').map((r) => `${r.date} ${r.name}`);
    expect(comp).toContain('2023-05-02 Nghỉ bù Giỗ Tổ Hùng Vương (29/04/2023)');
    expect(comp).toContain('2023-05-03 Nghỉ bù Ngày Chiến thắng (30/04/2023)');
    expect(weekdayOf('2023-04-29')).toBe(6);
  });

  it('2024: Tết Sat 10/02 → 09/02–13/02 with compensatory days Wed 14/02 and Thu 15/02', () => {
    expect(brief(2024).filter((r) => r.startsWith('2024-02'))).toEqual([
      '2024-02-09 holiday',
      '2024-02-10 holiday',
      '2024-02-11 holiday',
      '2024-02-12 holiday',
      '2024-02-13 holiday',
      '2024-02-14 compensatory_off',
      '2024-02-15 compensatory_off',
    ]);
  });

  it('2025: the Tết eve is 29 Tháng Chạp (Tue 28/01), Tết 28/01–01/02, Sat 01/02 → Mon 03/02', () => {
    expect(brief(2025).filter((r) => r.startsWith('2025-0') && r < '2025-03')).toEqual([
      '2025-01-01 holiday',
      '2025-01-28 holiday',
      '2025-01-29 holiday',
      '2025-01-30 holiday',
      '2025-01-31 holiday',
      '2025-02-01 holiday',
      '2025-02-03 compensatory_off',
    ]);
  });

  it('before 2021 (Labour Code 2012): Quốc khánh is one day', () => {
    const r2019 = statutorySpecialDays(2019);
    expect(r2019.filter((r) => r.kind === 'holiday')).toHaveLength(10);
    expect(r2019.some((r) => r.date === '2019-09-01')).toBe(false);
    expect(r2019[0].legalBasis).toContain('10/2012/QH13');
    expect(statutorySpecialDays(2010)).toEqual([]); // not modelled before 01/05/2013
  });

  it('the set of holidays is data: 24/11 "Ngày Văn hóa Việt Nam" is one more row', () => {
    const rules: StatutoryHolidayRule[] = [
      ...STATUTORY_HOLIDAY_RULES,
      {
        id: 'culture_day',
        name: 'Ngày Văn hóa Việt Nam',
        nameEn: 'Vietnamese Culture Day',
        kind: 'solar',
        month: 11,
        day: 24,
        days: 1,
        effectiveFrom: '2026-11-01',
        legalBasis: 'Bộ luật Lao động sửa đổi Điều 112 khoản 1 (giả định cho kiểm thử)',
      },
    ];
    expect(brief(2026, rules)).toContain('2026-11-24 holiday');
    expect(brief(2025, rules)).not.toContain('2025-11-24 holiday');
    // 24/11/2029 is a Saturday → compensatory Monday 26/11/2029.
    expect(brief(2029, rules)).toContain('2029-11-26 compensatory_off');
  });

  it('coinciding holidays give one row with both names', () => {
    const rules: StatutoryHolidayRule[] = [
      ...STATUTORY_HOLIDAY_RULES,
      { id: 'x', name: 'Ngày thử', nameEn: 'Test', kind: 'solar', month: 5, day: 1, days: 1, effectiveFrom: '2021-01-01', legalBasis: 'test' },
    ];
    const row = statutorySpecialDays(2026, { rules }).find((r) => r.date === '2026-05-01');
    expect(row?.name).toBe('Ngày Quốc tế Lao động / Ngày thử');
  });

  it('the Giỗ Tổ row follows the lunar calendar every year (never the leap month)', () => {
    expect(statutorySpecialDays(2023).find((r) => r.ruleId === 'hung_kings')?.date).toBe('2023-04-29');
    // 2031 has a leap month 3 (from 21/04): Giỗ Tổ is in the ordinary month 3, not 10/3 nhuận (30/04).
    expect(statutorySpecialDays(2031).find((r) => r.ruleId === 'hung_kings')?.date).toBe('2031-04-01');
  });
});

describe('official schedules (§2.2)', () => {
  it('2026: Tết Sat 14/02 → Sun 22/02 confirmed, Mon 27/04 compensatory confirmed', () => {
    const s = OFFICIAL_SCHEDULES[2026];
    const tet = s.days.filter((d) => d.name === 'Tết Nguyên đán');
    expect(tet.map((d) => d.date)).toEqual(['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']);
    expect(tet.every((d) => d.status === 'confirmed')).toBe(true);
    expect(s.days.find((d) => d.date === '2026-04-27')).toMatchObject({ kind: 'compensatory_off', status: 'confirmed' });
    expect(s.days.find((d) => d.date === '2026-09-01')).toMatchObject({ status: 'proposed', evidence: 'to_verify' });
  });

  it('2025: to verify; Mon 27/01 off, worked back Sat 15/02; Fri 02/05 off, worked back Sat 26/04', () => {
    const s = OFFICIAL_SCHEDULES[2025];
    expect(s.evidence).toBe('to_verify');
    const by = (d: string) => s.days.find((x) => x.date === d);
    expect(by('2025-01-27')).toMatchObject({ kind: 'bridge_off', evidence: 'to_verify', status: 'proposed' });
    expect(by('2025-02-15')).toMatchObject({ kind: 'make_up_workday', evidence: 'to_verify' });
    expect(by('2025-05-02')).toMatchObject({ kind: 'bridge_off' });
    expect(by('2025-04-26')).toMatchObject({ kind: 'make_up_workday' });
    expect(by('2025-04-07')).toMatchObject({ kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' });
    expect(by('2025-09-01')).toMatchObject({ kind: 'holiday', name: 'Quốc khánh' });
    expect(s.days.every((d) => d.legalBasis && d.legalBasis.length > 0)).toBe(true);
  });

  it('the provider uses the official schedule of a year, else the rule', () => {
    const p = specialDaysProvider({ schedules: OFFICIAL_SPECIAL_DAYS });
    expect(p(2026).some((d) => d.date === '2026-02-14')).toBe(true);
    expect(p(2027).every((d) => d.source === 'rule')).toBe(true);
    expect(officialSpecialDayRows()[0].date).toBe('2025-01-01');
  });
});
