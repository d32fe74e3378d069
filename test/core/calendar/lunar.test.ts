import { describe, expect, it } from 'vitest';
import {
  LunarDateError,
  jdFromDate,
  jdToDate,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  newMoonJd,
  solarToLunar,
  weekdayOf,
} from '../../../src/core/calendar/index.js';

const ymd = (s: { year: number; month: number; day: number }) =>
  `${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;

// calendar.md §3.3: Tết and Giỗ Tổ, Vietnam (UTC+7) vs China (UTC+8).
const TET: [number, string, string, string][] = [
  // year, Tết VN, Tết China, Giỗ Tổ VN
  [1968, '1968-01-29', '1968-01-30', '1968-04-07'],
  [1985, '1985-01-21', '1985-02-20', '1985-04-29'],
  [2007, '2007-02-17', '2007-02-18', '2007-04-26'],
  [2024, '2024-02-10', '2024-02-10', '2024-04-18'],
  [2025, '2025-01-29', '2025-01-29', '2025-04-07'],
  [2026, '2026-02-17', '2026-02-17', '2026-04-26'],
  [2027, '2027-02-06', '2027-02-06', '2027-04-16'],
  [2028, '2028-01-26', '2028-01-26', '2028-04-04'],
  [2030, '2030-02-02', '2030-02-03', '2030-04-12'],
];
const WEEKDAY: Record<number, [number, number]> = {
  // Tết weekday, Giỗ Tổ weekday (ISO)
  1968: [1, 7],
  1985: [1, 1],
  2007: [6, 4],
  2024: [6, 4],
  2025: [3, 1],
  2026: [2, 7],
  2027: [6, 5],
  2028: [3, 2],
  2030: [6, 5],
};

describe('lunar calendar (Hồ Ngọc Đức, UTC+7) — calendar.md §3.3', () => {
  it.each(TET)('%i: Tết and Giỗ Tổ in Vietnam', (year, tetVn, _tetCn, gioTo) => {
    expect(ymd(lunarToSolar(1, 1, year))).toBe(tetVn);
    expect(ymd(lunarToSolar(10, 3, year))).toBe(gioTo);
    expect(weekdayOf(tetVn)).toBe(WEEKDAY[year][0]);
    expect(weekdayOf(gioTo)).toBe(WEEKDAY[year][1]);
    expect(solarToLunar(...(tetVn.split('-').map(Number) as [number, number, number]))).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it.each(TET)('%i: the same algorithm at UTC+8 gives the China column (Giỗ Tổ identical)', (year, _tetVn, tetCn, gioTo) => {
    expect(ymd(lunarToSolar(1, 1, year, false, 8))).toBe(tetCn);
    expect(ymd(lunarToSolar(10, 3, year, false, 8))).toBe(gioTo);
  });

  it('1985: Vietnam has leap month 2 from 21/03/1985; China has leap month 10 in 1984', () => {
    expect(leapMonthOf(1985)).toBe(2);
    expect(ymd(lunarToSolar(1, 2, 1985, true))).toBe('1985-03-21');
    expect(solarToLunar(1985, 3, 21)).toEqual({ day: 1, month: 2, year: 1985, leap: true });
    expect(leapMonthOf(1984)).toBe(0);
    expect(leapMonthOf(1984, 8)).toBe(10);
    expect(leapMonthOf(1985, 8)).toBe(0);
  });

  it.each([
    [2020, 4, '2020-05-23'],
    [2023, 2, '2023-03-22'],
    [2025, 6, '2025-07-25'],
    [2028, 5, '2028-06-23'],
    [2031, 3, '2031-04-21'],
  ])('%i: leap month %i from %s', (year, month, start) => {
    expect(leapMonthOf(year)).toBe(month);
    expect(ymd(lunarToSolar(1, month, year, true))).toBe(start);
    const [y, m, d] = start.split('-').map(Number);
    expect(solarToLunar(y, m, d)).toEqual({ day: 1, month, year, leap: true });
  });

  it('2031: leap month 3 starts 21/04 in Vietnam and 22/04 in China', () => {
    expect(ymd(lunarToSolar(1, 3, 2031, true, 8))).toBe('2031-04-22');
  });

  it('2026 and 2024 have no leap month', () => {
    expect(leapMonthOf(2026)).toBe(0);
    expect(leapMonthOf(2024)).toBe(0);
  });

  it.each([
    [2024, 2, 9, { day: 30, month: 12, year: 2023, leap: false }],
    [2025, 1, 28, { day: 29, month: 12, year: 2024, leap: false }],
    [2026, 2, 14, { day: 27, month: 12, year: 2025, leap: false }],
    [2026, 2, 22, { day: 6, month: 1, year: 2026, leap: false }],
  ])('solar → lunar %i-%i-%i', (y, m, d, expected) => {
    expect(solarToLunar(y, m, d)).toEqual(expected);
  });

  it('2030: the new moon of Tết falls at about 23:07 on 02/02 in UTC+7 (00:07 on 03/02 in UTC+8)', () => {
    const jdn = jdFromDate(2, 2, 2030);
    const k = Math.round((jdn - 2415021.076998695) / 29.530588853);
    const jd = newMoonJd(k);
    const localDays = jd + 0.5 + 7 / 24;
    expect(Math.floor(localDays)).toBe(jdn);
    const minutes = (localDays - Math.floor(localDays)) * 1440;
    expect(minutes).toBeGreaterThan(23 * 60);
    expect(minutes).toBeLessThan(23 * 60 + 20);
  });

  it('rejects a leap flag on a month that is not leap (LunarDateError → HTTP 400)', () => {
    expect(() => lunarToSolar(1, 5, 2026, true)).toThrow(LunarDateError);
    try {
      lunarToSolar(1, 5, 2025, true); // 2025's leap month is 6
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LunarDateError);
      expect((e as LunarDateError).code).toBe('not_leap_month');
      expect((e as LunarDateError).messageVi).toContain('không phải tháng nhuận');
    }
  });

  it('rejects an invalid month or day', () => {
    expect(() => lunarToSolar(1, 13, 2026)).toThrow(expect.objectContaining({ code: 'invalid_month' }));
    expect(() => lunarToSolar(0, 1, 2026)).toThrow(expect.objectContaining({ code: 'invalid_day' }));
    expect(() => lunarToSolar(31, 1, 2026)).toThrow(expect.objectContaining({ code: 'invalid_day' }));
    // Tháng Chạp of 2024 (Ất Tỵ eve) has 29 days: 28/01/2025 = 29/12.
    expect(lunarMonthLength(12, 2024)).toBe(29);
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(expect.objectContaining({ code: 'invalid_day' }));
    expect(lunarMonthLength(12, 2023)).toBe(30);
  });

  it('INT is floor: JDN and its inverse', () => {
    expect(jdFromDate(1, 1, 2000)).toBe(2451545);
    expect(jdToDate(2451545)).toEqual({ year: 2000, month: 1, day: 1 });
    expect(jdFromDate(4, 10, 1582)).toBe(2299160); // last Julian day
    expect(jdToDate(2299161)).toEqual({ year: 1582, month: 10, day: 15 });
  });
});
