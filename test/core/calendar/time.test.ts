import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayNumberOf,
  dateOfDayNumber,
  formatHHMM,
  formatInstantVi,
  formatLocal,
  fromLocal,
  parseHHMM,
  parseInstant,
  parseLocalDate,
  toLocalParts,
  weekdayOf,
} from '../../../src/core/calendar/index.js';

describe('time helpers (Asia/Ho_Chi_Minh = fixed UTC+7)', () => {
  it('formatLocal emits +07:00', () => {
    expect(formatLocal(new Date('2026-11-10T08:20:00Z'))).toBe('2026-11-10T15:20:00+07:00');
    expect(formatLocal(new Date('2026-11-09T17:00:00Z'))).toBe('2026-11-10T00:00:00+07:00');
  });

  it('parseInstant: offset, Z, and no offset = local', () => {
    expect(parseInstant('2026-11-10T15:20:00+07:00')?.toISOString()).toBe('2026-11-10T08:20:00.000Z');
    expect(parseInstant('2026-11-10T08:20:00Z')?.toISOString()).toBe('2026-11-10T08:20:00.000Z');
    expect(parseInstant('2026-11-10T15:20')?.toISOString()).toBe('2026-11-10T08:20:00.000Z');
    expect(parseInstant('2026-11-10 15:20:30.5')?.toISOString()).toBe('2026-11-10T08:20:30.500Z');
    expect(parseInstant('2026-11-10T10:20:00+0200')?.toISOString()).toBe('2026-11-10T08:20:00.000Z');
    expect(parseInstant('2026-11-10T03:20:00-05:00')?.toISOString()).toBe('2026-11-10T08:20:00.000Z');
    expect(parseInstant('2026-11-10')?.toISOString()).toBe('2026-11-09T17:00:00.000Z');
    expect(parseInstant('2026-11-10T24:00')?.toISOString()).toBe('2026-11-10T17:00:00.000Z');
  });

  it.each(['', 'garbage', '2026-13-01', '2026-02-29T10:00', '2026-11-10T25:00', '2026-11-10T10:60', '2026-11-10T24:01', '2026-11-10T10:00+25:00'])(
    'parseInstant rejects %j',
    (s) => {
      expect(parseInstant(s)).toBeNull();
    },
  );

  it('local parts, weekday, addDays', () => {
    const p = toLocalParts(new Date('2026-11-09T16:59:30Z'));
    expect(p).toMatchObject({ date: '2026-11-09', hour: 23, minute: 59, second: 30, weekday: 1 });
    expect(p.minuteOfDay).toBe(1439.5);
    expect(weekdayOf('2026-11-24')).toBe(2);
    expect(weekdayOf('2030-02-02')).toBe(6);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(dateOfDayNumber(dayNumberOf('1900-01-01'))).toBe('1900-01-01');
  });

  it('fromLocal and HH:MM', () => {
    expect(fromLocal('2026-11-10', 450).toISOString()).toBe('2026-11-10T00:30:00.000Z');
    expect(parseHHMM('07:30')).toBe(450);
    expect(parseHHMM('24:00')).toBe(1440);
    expect(() => parseHHMM('7:30')).toThrow(RangeError);
    expect(formatHHMM(1020)).toBe('17:00');
    expect(parseLocalDate('2026-02-30')).toBeNull();
    expect(formatInstantVi(fromLocal('2026-04-29', 0), true)).toBe('24:00 thứ Ba 28/04/2026');
  });
});
