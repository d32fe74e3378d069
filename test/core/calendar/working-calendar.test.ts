import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_HOURS, createWorkingCalendar, statutorySpecialDays } from '../../../src/core/calendar/index.js';
import { at, calendarWith, local, vectorCalendar } from './helpers.js';

describe('WorkingCalendar', () => {
  const cal = vectorCalendar();

  it('default hours: Mon–Fri 07:30–11:30 + 13:00–17:00, 480 min; Saturday is not working time', () => {
    expect(DEFAULT_WORKING_HOURS.minutesPerWorkingDay).toBe(480);
    expect(cal.isWorkingDay('2026-11-09')).toBe(true);
    expect(cal.workingMinutesOn('2026-11-09')).toBe(480);
    expect(cal.isWorkingDay('2026-11-14')).toBe(false);
    expect(cal.sessionsOn('2026-11-14')).toEqual([]);
    expect(cal.minutesPerWorkingDayOn('2026-11-09')).toBe(480);
  });

  it('day info names the deciding row', () => {
    const d = cal.dayInfo('2026-02-16');
    expect(d).toMatchObject({ working: false, kind: 'holiday', provisional: false });
    expect(d.decidingRow?.name).toBe('Tết Nguyên đán');
    expect(cal.dayInfo('2025-02-15')).toMatchObject({ working: true, kind: 'make_up_workday', provisional: true, workingMinutes: 480 });
    expect(cal.dayInfo('2026-11-14').kind).toBe('rest_day');
  });

  it('a year with no holiday rows gets the statutory days by rule (proposed)', () => {
    expect(cal.isWorkingDay('2027-02-08')).toBe(false); // mùng 3 Tết 2027 (Tết = Sat 06/02)
    const rule = statutorySpecialDays(2027).filter((r) => r.kind === 'holiday').map((r) => r.date);
    for (const d of rule) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.dayInfo(rule[1]).provisional).toBe(true);
  });

  it('rows given for a year replace the rule for that year; other kinds merge with the rule', () => {
    const onlyClosure = createWorkingCalendar({
      specialDays: [{ date: '2027-03-10', kind: 'unit_closure', name: 'Bão số 3', status: 'confirmed', legalBasis: 'QĐ UBND tỉnh' }],
      specialDaysForYear: (y) => statutorySpecialDays(y),
    });
    expect(onlyClosure.isWorkingDay('2027-03-10')).toBe(false);
    expect(onlyClosure.isWorkingDay('2027-01-01')).toBe(false); // rule still applies
    const replaced = createWorkingCalendar({
      specialDays: [{ date: '2027-01-01', kind: 'holiday', name: 'Tết Dương lịch', status: 'confirmed' }],
      specialDaysForYear: (y) => statutorySpecialDays(y),
    });
    expect(replaced.isWorkingDay('2027-04-16')).toBe(true); // Giỗ Tổ not listed → working
  });

  it('an off row with sessions is a partial closure; precedence of off kinds over make-up', () => {
    const c = calendarWith([
      { date: '2026-11-12', kind: 'unit_closure', name: 'Đóng cửa buổi chiều', status: 'confirmed', sessions: [{ start: '07:30', end: '11:30' }] },
      { date: '2026-11-13', kind: 'make_up_workday', name: 'x', status: 'confirmed' },
      { date: '2026-11-13', kind: 'unit_closure', name: 'y', status: 'confirmed' },
    ]);
    expect(c.workingMinutesOn('2026-11-12')).toBe(240);
    expect(c.isWorkingDay('2026-11-13')).toBe(false);
  });

  it('nextWorkingInstant, open/close, working instants, minutes between', () => {
    expect(local(cal.nextWorkingInstant(at('2026-11-09 11:30')))).toBe('2026-11-09T13:00');
    expect(local(cal.nextWorkingInstant(at('2026-11-13 17:00')))).toBe('2026-11-16T07:30');
    expect(local(cal.nextWorkingInstant(at('2026-11-09 09:15')))).toBe('2026-11-09T09:15');
    expect(local(cal.closeOf('2026-11-09'))).toBe('2026-11-09T17:00');
    expect(cal.closeOf('2026-11-14')).toBeNull();
    expect(local(cal.openingOf('2026-11-09'))).toBe('2026-11-09T07:30');
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(cal.isWorkingInstant(at('2026-11-09 17:00'))).toBe(true);
    expect(cal.isWorkingInstant(at('2026-11-09 12:00'))).toBe(false);
    expect(cal.workingMinutesBetween(at('2026-11-09 10:00'), at('2026-11-10 10:00'))).toBe(480);
    expect(cal.workingMinutesBetween(at('2026-11-10 10:00'), at('2026-11-09 10:00'))).toBe(-480);
    expect(cal.workingMinutesBetween(at('2026-02-12 09:00'), at('2026-02-26 09:00'))).toBe(5 * 480);
  });

  it('addWorkingMinutes forward and backward', () => {
    expect(local(cal.addWorkingMinutes(at('2026-11-09 10:00'), 480))).toBe('2026-11-10T10:00');
    expect(local(cal.addWorkingMinutes(at('2026-11-10 10:00'), -480))).toBe('2026-11-09T10:00');
    expect(local(cal.addWorkingMinutes(at('2026-11-16 07:30'), -60))).toBe('2026-11-13T16:00');
    // Backwards gives the EARLIEST instant at that working position: Thu 17:00 (= Fri 07:30).
    expect(local(cal.addWorkingMinutes(at('2026-11-16 07:30'), -480))).toBe('2026-11-12T17:00');
    expect(local(cal.addWorkingMinutes(at('2026-01-02 08:00'), -60))).toBe('2025-12-31T16:30');
  });

  it('rejects years outside 1900–2200', () => {
    expect(() => cal.isWorkingDay('1899-12-31')).toThrow(RangeError);
  });

  it('the provisional flag is exact: a proposed row on a weekend that changes nothing is not provisional', () => {
    const c = createWorkingCalendar({
      specialDays: [{ date: '2026-11-15', kind: 'holiday', name: 'x', status: 'proposed' }],
    });
    expect(c.isProvisionalBetween('2026-11-14', '2026-11-16')).toBe(false);
    const c2 = createWorkingCalendar({
      specialDays: [{ date: '2026-11-16', kind: 'holiday', name: 'x', status: 'proposed' }],
    });
    expect(c2.isProvisionalBetween('2026-11-14', '2026-11-16')).toBe(true);
  });
});
