import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  type SpecialDay,
  computeDue,
  createWorkingCalendar,
  evaluatePauses,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  recomputeDue,
  solarToLunar,
  specialDaysProvider,
  OFFICIAL_SPECIAL_DAYS,
  toLocalParts,
  dateOfDayNumber,
  dayNumberOf,
} from '../../../src/core/calendar/index.js';
import { vectorCalendar } from './helpers.js';

const cal = vectorCalendar();
const FROM = Date.parse('2024-12-31T17:00:00Z'); // 01/01/2025 00:00 local
const TO = Date.parse('2027-12-31T17:00:00Z');
const instant = fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((m) => new Date(m * 60_000));
const amountWd = fc.integer({ min: 0, max: 120 }).map((h) => h / 2); // 0..60 WD in half days
const cutoff = fc.constantFrom(null, '15:00', '16:00');
const minutes = fc.integer({ min: 1, max: 60 * 480 });
const RUNS = { numRuns: 400 };

const sessionPosition = (d: Date) => {
  const p = toLocalParts(d);
  return { sessions: cal.sessionsOn(p.date), m: p.minuteOfDay };
};

describe('properties of the deadline engine (fast-check)', () => {
  it('a due is a working instant: inside a session or at its end, never a session start', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 120 }), cutoff, (receivedAt, halfDays, c) => {
        const r = computeDue(cal, { receivedAt, amount: halfDays / 2, unit: 'working_days', cutoff: c });
        const { sessions, m } = sessionPosition(r.due);
        return sessions.some((s) => m > s.startMinute && m <= s.endMinute);
      }),
      RUNS,
    );
  });

  it('adding a then b equals adding a + b (working minutes, from a working start)', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (t, a, b) => {
        const s = cal.nextWorkingInstant(t);
        const ab = cal.addWorkingMinutes(cal.addWorkingMinutes(s, a), b);
        return ab.getTime() === cal.addWorkingMinutes(s, a + b).getTime();
      }),
      RUNS,
    );
  });

  it('workingMinutesBetween inverts addWorkingMinutes', () => {
    fc.assert(
      fc.property(instant, minutes, (t, a) => {
        const s = cal.nextWorkingInstant(t);
        return cal.workingMinutesBetween(s, cal.addWorkingMinutes(s, a)) === a;
      }),
      RUNS,
    );
  });

  it('the due is monotone in the receipt time and in the amount', () => {
    fc.assert(
      fc.property(instant, instant, amountWd, amountWd, cutoff, (t1, t2, a1, a2, c) => {
        const [r1, r2] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const [x1, x2] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const d = (receivedAt: Date, amount: number) => computeDue(cal, { receivedAt, amount, unit: 'working_days', cutoff: c }).due.getTime();
        return d(r1, x1) <= d(r2, x1) && d(r1, x1) <= d(r1, x2);
      }),
      RUNS,
    );
  });

  it('hours and days agree: n working days = 8n working hours (480 min/day)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), (receivedAt, n) => {
        const a = computeDue(cal, { receivedAt, amount: n, unit: 'working_days' }).due.getTime();
        return a === computeDue(cal, { receivedAt, amount: n * 8, unit: 'working_hours' }).due.getTime();
      }),
      RUNS,
    );
  });

  it('a zero-length pause changes nothing', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 30 * 24 * 60 }), fc.constantFrom('supplement', 'payment', 'other_legal'), (receivedAt, amount, offset, reason) => {
        const at = new Date(receivedAt.getTime() + offset * 60_000);
        const base = evaluatePauses(cal, { receivedAt, amount, unit: 'working_days', pauses: [] });
        const e = evaluatePauses(cal, { receivedAt, amount, unit: 'working_days', pauses: [{ from: at, to: at, reason: reason as 'payment' }] });
        const samePause = e.pauseDue?.getTime() === base.pauseDue?.getTime();
        // Under the legal rule a completed supplement is a restart, even an instant one: only payment / other pauses are neutral.
        const sameLegal = reason === 'supplement' || e.legalDue?.getTime() === base.legalDue?.getTime();
        return samePause && sameLegal && e.effectiveEnd766 === null;
      }),
      RUNS,
    );
  });

  const holidayDate = fc.integer({ min: dayNumberOf('2025-01-01'), max: dayNumberOf('2027-12-31') }).map(dateOfDayNumber);

  // Rows given for a year replace that year's rule rows, so both calendars carry the same
  // explicit rows for the year of the extra holiday; they differ only by that holiday.
  const provider = specialDaysProvider({ schedules: OFFICIAL_SPECIAL_DAYS });
  const rowsOf = (date: string) => [...provider(Number(date.slice(0, 4)))];

  it('adding a holiday never makes a due earlier (working and calendar-day units)', () => {
    fc.assert(
      fc.property(instant, amountWd, holidayDate, cutoff, fc.constantFrom('working_days', 'days'), (receivedAt, amount, date, c, unit) => {
        const extra: SpecialDay = { date, kind: 'holiday', name: 'Ngày nghỉ thêm', status: 'confirmed' };
        const plain = createWorkingCalendar({ specialDays: rowsOf(date), specialDaysForYear: provider });
        const withHoliday = createWorkingCalendar({ specialDays: [...rowsOf(date), extra], specialDaysForYear: provider });
        const input = { receivedAt, amount: unit === 'days' ? Math.round(amount) : amount, unit: unit as 'days', cutoff: c };
        return computeDue(withHoliday, input).due.getTime() >= computeDue(plain, input).due.getTime();
      }),
      { numRuns: 200 },
    );
  });

  it('recomputation is idempotent and never moves a protected due earlier', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), holidayDate, fc.boolean(), fc.boolean(), (receivedAt, amount, date, add, protectedDue) => {
        const extra: SpecialDay = { date, kind: 'holiday', name: 'x', status: 'confirmed' };
        const a = createWorkingCalendar({ specialDays: rowsOf(date), specialDaysForYear: provider });
        const b = createWorkingCalendar({ specialDays: [...rowsOf(date), extra], specialDaysForYear: provider });
        const [oldCalendar, newCalendar] = add ? [a, b] : [b, a];
        const inputs = { receivedAt, amount, unit: 'working_days' as const };
        const args = { inputs, oldCalendar, newCalendar, receivedBeforeChange: protectedDue, form01PrintedBeforeChange: false };
        const first = recomputeDue(args);
        const second = recomputeDue({ ...args, currentDue: first.appliedDue });
        const okIdem = second.appliedDue?.getTime() === first.appliedDue?.getTime() && !second.changed;
        const okProtected = !protectedDue || (first.appliedDue as Date).getTime() >= (first.oldDue as Date).getTime();
        return okIdem && okProtected;
      }),
      { numRuns: 200 },
    );
  });

  it('the lazily built tables give the same dues whatever the order of use', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, amountWd), { minLength: 2, maxLength: 8 }), (calls) => {
        const warm = vectorCalendar();
        const results = calls.map(([receivedAt, amount]) => computeDue(warm, { receivedAt, amount, unit: 'working_days' }).due.getTime());
        return calls.every(([receivedAt, amount], i) => computeDue(vectorCalendar(), { receivedAt, amount, unit: 'working_days' }).due.getTime() === results[i]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('properties of the lunar calendar', () => {
  it('lunar → solar → lunar is the identity (incl. leap months and 30-day months)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 30 }), fc.boolean(), (year, month, day, wantLeap) => {
        const leap = wantLeap && leapMonthOf(year) === month;
        const len = lunarMonthLength(month, year, leap);
        const d = Math.min(day, len);
        const s = lunarToSolar(d, month, year, leap);
        const back = solarToLunar(s.year, s.month, s.day);
        return back.day === d && back.month === month && back.year === year && back.leap === leap;
      }),
      { numRuns: 2000 },
    );
  });
});

/** Reference: a plain walk through the sessions, one day at a time (no tables, no binary search). */
function referenceDue(receivedAt: Date, minutes: number, cutoffMinute: number | null): number {
  let p = toLocalParts(receivedAt);
  let date = p.date;
  let m = p.minuteOfDay;
  let sessions = cal.sessionsOn(date);
  const afterCutoff = cutoffMinute !== null && sessions.length > 0 && Math.floor(m) > cutoffMinute;
  if (afterCutoff || !sessions.some((s) => m < s.endMinute)) {
    do {
      p = toLocalParts(new Date(receivedAt.getTime() + 86_400_000));
      receivedAt = new Date(receivedAt.getTime() + 86_400_000);
      date = p.date;
      sessions = cal.sessionsOn(date);
    } while (sessions.length === 0);
    m = sessions[0].startMinute;
  }
  let remaining = minutes;
  for (;;) {
    for (const s of sessions) {
      if (m >= s.endMinute) continue;
      const begin = Math.max(m, s.startMinute);
      if (remaining <= s.endMinute - begin) return Date.parse(`${date}T00:00:00+07:00`) + Math.round((begin + remaining) * 60_000);
      remaining -= s.endMinute - begin;
    }
    receivedAt = new Date(receivedAt.getTime() + 86_400_000);
    date = toLocalParts(receivedAt).date;
    sessions = cal.sessionsOn(date);
    m = 0;
  }
}

describe('differential test against a plain session walk', () => {
  it('computeDue equals the reference for random receipts, amounts and cut-offs', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 * 480 }), fc.constantFrom(null, 900, 960), (receivedAt, minutes, c) => {
        const r = computeDue(cal, { receivedAt, amount: minutes / 60, unit: 'working_hours', cutoff: c === null ? null : c === 900 ? '15:00' : '16:00' });
        return Math.abs(r.due.getTime() - referenceDue(receivedAt, minutes, c)) <= 1;
      }),
      { numRuns: 300 },
    );
  });
});
