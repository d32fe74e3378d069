import { describe, expect, it } from 'vitest';
import {
  CalendarRangeError,
  DeadlineInputError,
  addWorkingDaysPeriod,
  computeDue,
  createWorkingCalendar,
  type SpecialDay,
} from '../../../src/core/calendar/index.js';
import { at, calendarWith, local, vectorCalendar } from './helpers.js';

const cal = vectorCalendar();
const due = (received: string, amount: number, unit: 'working_days' | 'working_hours' | 'same_day' = 'working_days', cutoff: string | null = null) =>
  computeDue(cal, { receivedAt: at(received), amount, unit, cutoff });

describe('§4.3 vectors V1–V12 (sessions 07:30–11:30, 13:00–17:00; the §2.2 calendar)', () => {
  it.each([
    ['V1', '2019-11-20 08:37', 25, 'working_days', null, '2019-12-25T08:37'],
    ['V2', '2026-11-09 10:00', 1, 'working_days', null, '2026-11-10T10:00'],
    ['V3', '2026-11-09 11:45', 1, 'working_days', null, '2026-11-10T11:30'],
    ['V4', '2026-11-09 06:50', 2, 'working_days', null, '2026-11-10T17:00'],
    ['V5', '2026-11-09 15:20', 1, 'working_days', '15:00', '2026-11-10T17:00'],
    ['V5 without cut-off', '2026-11-09 15:20', 1, 'working_days', null, '2026-11-10T15:20'],
    ['V6', '2026-11-13 16:30', 1, 'working_days', '15:00', '2026-11-16T17:00'],
    ['V6 without cut-off', '2026-11-13 16:30', 1, 'working_days', null, '2026-11-16T16:30'],
    ['V7', '2026-11-14 09:00', 1, 'working_days', null, '2026-11-16T17:00'],
    ['V8', '2026-02-12 09:00', 5, 'working_days', null, '2026-02-26T09:00'],
    ['V9', '2026-04-24 14:00', 3, 'working_days', null, '2026-05-04T14:00'],
    ['V10 (15/02/2025 is a make-up day)', '2025-02-14 10:00', 1, 'working_days', null, '2025-02-15T10:00'],
    ['V11', '2026-11-09 09:00', 0.5, 'working_days', null, '2026-11-09T14:30'],
    ['V12', '2026-11-09 14:00', 4, 'working_hours', null, '2026-11-10T08:30'],
  ] as const)('%s', (_name, received, amount, unit, cutoff, expected) => {
    expect(local(due(received, amount, unit, cutoff).due)).toBe(expected);
  });

  it('V3: the clock starts at 13:00 after a lunch-time receipt', () => {
    expect(local(due('2026-11-09 11:45', 1).clockStart)).toBe('2026-11-09T13:00');
  });

  it('V10 without the make-up day: Mon 17/02/2025 10:00', () => {
    const noMakeUp = createWorkingCalendar({ specialDays: [] });
    expect(local(computeDue(noMakeUp, { receivedAt: at('2025-02-14 10:00'), amount: 1, unit: 'working_days' }).due)).toBe('2025-02-17T10:00');
  });

  it('V10 is provisional: the 2025 schedule is "(to verify)" and stays proposed', () => {
    const r = due('2025-02-14 10:00', 1);
    expect(r.provisional).toBe(true);
    expect(r.steps.join('\n')).toContain('dự kiến');
    expect(r.steps.join('\n')).toContain('làm bù thứ Bảy 15/02/2025');
  });

  it('the 2026 vectors depend only on confirmed rows', () => {
    for (const [r, a] of [['2026-02-12 09:00', 5], ['2026-04-24 14:00', 3], ['2026-11-09 10:00', 1]] as const) {
      expect(due(r, a).provisional).toBe(false);
    }
  });

  it('working minutes of the result', () => {
    expect(due('2019-11-20 08:37', 25).workingMinutes).toBe(25 * 480);
    expect(due('2026-11-09 09:00', 0.5).workingMinutes).toBe(240);
    expect(due('2026-11-09 14:00', 4, 'working_hours').workingMinutes).toBe(240);
  });
});

describe('steps: a short Vietnamese explanation', () => {
  it('V5 names the cut-off and the clock start', () => {
    const s = due('2026-11-09 15:20', 1, 'working_days', '15:00').steps;
    expect(s[0]).toBe('Tiếp nhận lúc 15:20 thứ Hai 09/11/2026, sau giờ chốt 15:00: bắt đầu tính từ 07:30 thứ Ba 10/11/2026');
    expect(s).toContain('Cộng 1 ngày làm việc (8 giờ làm việc)');
    expect(s[s.length - 1]).toBe('Hạn giải quyết: 17:00 thứ Ba 10/11/2026');
  });

  it('V8 summarises the whole Tết break in one line', () => {
    const s = due('2026-02-12 09:00', 5).steps;
    expect(s).toContain('Bỏ qua ngày nghỉ lễ Tết Nguyên đán 14/02/2026–22/02/2026 (9 ngày)');
    expect(s.length).toBeLessThanOrEqual(5);
  });

  it('V9 lists the holidays and the compensatory day in one line, weekends in another', () => {
    const s = due('2026-04-24 14:00', 3).steps;
    expect(s).toContain(
      'Bỏ qua 4 ngày nghỉ lễ, nghỉ bù: Giỗ Tổ Hùng Vương 26/04/2026; nghỉ bù 27/04/2026; Ngày Chiến thắng 30/04/2026; Ngày Quốc tế Lao động 01/05/2026',
    );
    expect(s).toContain('Bỏ qua 3 ngày nghỉ cuối tuần');
  });

  it('a 60-working-day computation stays short (no line per day)', () => {
    expect(due('2026-01-05 08:00', 60).steps.length).toBeLessThanOrEqual(7);
  });

  it('Saturday counter, lunch and before-opening receipts are explained', () => {
    expect(due('2026-11-14 09:00', 1).steps[0]).toContain('giờ mở quầy thứ Bảy không tính');
    expect(due('2026-11-09 11:45', 1).steps[0]).toContain('bắt đầu tính từ 13:00 thứ Hai 09/11/2026');
    expect(due('2026-11-09 06:50', 1).steps[0]).toContain('trước giờ làm việc');
    expect(due('2026-02-16 09:00', 1).steps[0]).toContain('vào ngày nghỉ lễ Tết Nguyên đán');
  });

  it('steps are part of JSON output', () => {
    const json = JSON.parse(JSON.stringify(due('2026-11-09 10:00', 1)));
    expect(json.steps.length).toBeGreaterThan(1);
    expect(json.due).toBe('2026-11-10T03:00:00.000Z');
  });
});

describe('§5.1 receipt moments and §5.2 cut-off', () => {
  it.each([
    ['before opening', '2026-11-09 07:00', '2026-11-09T07:30'],
    ['at opening', '2026-11-09 07:30', '2026-11-09T07:30'],
    ['exactly 11:30 (end of the morning session)', '2026-11-09 11:30', '2026-11-09T13:00'],
    ['during lunch', '2026-11-09 12:15', '2026-11-09T13:00'],
    ['exactly 13:00', '2026-11-09 13:00', '2026-11-09T13:00'],
    ['exactly 17:00', '2026-11-09 17:00', '2026-11-10T07:30'],
    ['after closing', '2026-11-09 18:30', '2026-11-10T07:30'],
    ['23:59', '2026-11-09 23:59', '2026-11-10T07:30'],
    ['Saturday counter', '2026-11-14 09:00', '2026-11-16T07:30'],
    ['Sunday online', '2026-11-15 21:10', '2026-11-16T07:30'],
    ['holiday (Tết)', '2026-02-17 10:00', '2026-02-23T07:30'],
    ['compensatory day', '2026-04-27 09:00', '2026-04-28T07:30'],
  ])('%s → clock starts %s', (_n, received, start) => {
    expect(local(due(received, 1).clockStart)).toBe(start);
  });

  it('bridge day and make-up day (2025)', () => {
    expect(local(due('2025-05-02 09:00', 1).clockStart)).toBe('2025-05-05T07:30'); // bridge Fri 02/05/2025
    expect(local(due('2025-04-26 09:00', 1).clockStart)).toBe('2025-04-26T09:00'); // make-up Sat 26/04/2025
    expect(local(due('2025-04-26 09:00', 1).due)).toBe('2025-04-28T09:00');
  });

  it('15:00 is before the cut-off, 15:01 after (minute precision)', () => {
    expect(local(due('2026-11-09 15:00', 1, 'working_days', '15:00').due)).toBe('2026-11-10T15:00');
    expect(local(due('2026-11-09 15:00:59', 1, 'working_days', '15:00').clockStart)).toBe('2026-11-09T15:00:59');
    expect(local(due('2026-11-09 15:01', 1, 'working_days', '15:00').due)).toBe('2026-11-10T17:00');
  });

  it('a Friday receipt after the cut-off starts Monday', () => {
    expect(local(due('2026-11-13 15:05', 2, 'working_days', '15:00').due)).toBe('2026-11-17T17:00');
  });

  it('same-day procedures (§4.4): before the cut-off → that day\'s close; after → next working day\'s close', () => {
    expect(local(due('2026-11-09 10:00', 0, 'same_day', '15:00').due)).toBe('2026-11-09T17:00');
    expect(local(due('2026-11-09 15:00', 0, 'same_day', '15:00').due)).toBe('2026-11-09T17:00');
    expect(local(due('2026-11-09 15:01', 0, 'same_day', '15:00').due)).toBe('2026-11-10T17:00');
    expect(local(due('2026-11-13 15:30', 0, 'same_day', '15:00').due)).toBe('2026-11-16T17:00');
    expect(local(due('2026-11-09 15:30', 0, 'same_day', null).due)).toBe('2026-11-09T17:00');
    expect(local(due('2026-11-14 08:00', 0, 'same_day', '15:00').due)).toBe('2026-11-16T17:00');
  });
});

describe('§5.3 session ends and fractional days', () => {
  it('a due exactly at a session end is the end, never the next start', () => {
    expect(local(due('2026-11-09 07:30', 0.5).due)).toBe('2026-11-09T11:30');
    expect(local(due('2026-11-09 07:30', 1).due)).toBe('2026-11-09T17:00');
    expect(local(due('2026-11-09 13:00', 4, 'working_hours').due)).toBe('2026-11-09T17:00');
    expect(local(due('2026-11-09 09:30', 2, 'working_hours').due)).toBe('2026-11-09T11:30');
    expect(local(due('2026-11-13 13:00', 1).due)).toBe('2026-11-16T11:30'); // Fri 240 + Mon 240: 11:30, not 13:00
  });

  it('fractional amounts', () => {
    expect(local(due('2026-11-09 07:30', 0.25).due)).toBe('2026-11-09T09:30');
    expect(local(due('2026-11-09 10:00', 1.5).due)).toBe('2026-11-10T15:30'); // 720 min: Mon 330 + Tue 390
    expect(local(due('2026-11-09 09:00', 1.5, 'working_hours').due)).toBe('2026-11-09T10:30');
  });

  it('zero amount: the due is the clock start', () => {
    expect(local(due('2026-11-09 18:00', 0).due)).toBe('2026-11-10T07:30');
  });
});

describe('§5.4 spans', () => {
  it('Tết 2026: Thu 12/02 + 1 WD = Fri 13/02; + 2 WD = Mon 23/02', () => {
    expect(local(due('2026-02-12 09:00', 1).due)).toBe('2026-02-13T09:00');
    expect(local(due('2026-02-12 09:00', 2).due)).toBe('2026-02-23T09:00');
  });

  it('Tết 2025: Fri 24/01 + 1 WD = Mon 03/02 (25/01–02/02 off)', () => {
    expect(local(due('2025-01-24 09:00', 1).due)).toBe('2025-02-03T09:00');
  });

  it('30/4–1/5 2025 with the Sat 26/04 make-up day and the Fri 02/05 bridge day', () => {
    expect(local(due('2025-04-25 10:00', 1).due)).toBe('2025-04-26T10:00');
    expect(local(due('2025-04-29 10:00', 1).due)).toBe('2025-05-05T10:00');
  });

  it('2/9 and its adjacent day (2026: 01/09 proposed, 02/09 confirmed)', () => {
    const r = due('2026-08-31 10:00', 1);
    expect(local(r.due)).toBe('2026-09-03T10:00');
    expect(r.provisional).toBe(true);
  });

  it('2023 chained compensations (by rule): Fri 28/04 + 1 WD = Thu 04/05/2023', () => {
    const r = due('2023-04-28 10:00', 1);
    expect(local(r.due)).toBe('2023-05-04T10:00');
    expect(r.provisional).toBe(true); // rule-generated rows are proposed
    expect(r.steps.join('\n')).toContain('nghỉ bù 02/05/2023–03/05/2023');
  });

  it('year end: Thu 31/12/2026 + 1 WD skips 01/01/2027 (rule) and the weekend', () => {
    expect(local(due('2026-12-31 10:00', 1).due)).toBe('2027-01-04T10:00');
  });

  it('Giỗ Tổ on a Sunday (2026): Fri 24/04 + 1 WD = Tue 28/04', () => {
    expect(local(due('2026-04-24 10:00', 1).due)).toBe('2026-04-28T10:00');
  });

  it('fails loudly beyond 10 years', () => {
    expect(() => due('2026-01-05 08:00', 2700)).toThrow(CalendarRangeError);
    expect(() => due('2026-01-05 08:00', 2400)).not.toThrow();
  });
});

describe('§5.5 hours', () => {
  it('custom make-up sessions (morning only)', () => {
    const rows: SpecialDay[] = [
      { date: '2026-11-14', kind: 'make_up_workday', name: 'Làm bù', status: 'confirmed', sessions: [{ start: '08:00', end: '11:00' }] },
    ];
    const c = calendarWith(rows);
    expect(c.workingMinutesOn('2026-11-14')).toBe(180);
    expect(local(computeDue(c, { receivedAt: at('2026-11-13 15:00'), amount: 4, unit: 'working_hours' }).due)).toBe('2026-11-14T10:00');
  });

  it('a make-up day without sessions uses the normal weekday sessions', () => {
    const c = calendarWith([{ date: '2026-11-14', kind: 'make_up_workday', name: 'Làm bù', status: 'confirmed' }]);
    expect(c.sessionsOn('2026-11-14').map((s) => `${s.start}-${s.end}`)).toEqual(['07:30-11:30', '13:00-17:00']);
  });

  it('per-unit hours (07:00–11:30, 13:30–16:30; 450 min/day)', () => {
    const c = createWorkingCalendar({
      hours: [
        {
          effectiveFrom: '2020-01-01',
          minutesPerWorkingDay: 450,
          sessions: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '16:30' }]])),
        },
      ],
    });
    expect(local(computeDue(c, { receivedAt: at('2026-11-09 06:00'), amount: 1, unit: 'working_days' }).due)).toBe('2026-11-09T16:30');
    expect(local(computeDue(c, { receivedAt: at('2026-11-09 11:40'), amount: 1, unit: 'working_days' }).due)).toBe('2026-11-10T11:30');
  });

  it('effective-dated hours changing mid-dossier', () => {
    const five = (sessions: { start: string; end: string }[]) => Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, sessions]));
    const c = createWorkingCalendar({
      hours: [
        { effectiveFrom: '2026-01-01', effectiveTo: '2026-11-11', minutesPerWorkingDay: 480, sessions: five([{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }]) },
        // From Wed 11/11/2026 (e.g. winter hours): 08:00–12:00, 13:30–17:30.
        { effectiveFrom: '2026-11-11', minutesPerWorkingDay: 480, sessions: five([{ start: '08:00', end: '12:00' }, { start: '13:30', end: '17:30' }]) },
      ],
    });
    // Mon 09/11 10:00 + 3 WD (1440 min): Mon 330 left, Tue 480 → 630 from Wed (new hours):
    // Wed 08:00–12:00 + 13:30–17:30 (480) → 150 on Thu → 10:30.
    expect(local(computeDue(c, { receivedAt: at('2026-11-09 10:00'), amount: 3, unit: 'working_days' }).due)).toBe('2026-11-12T10:30');
    // Same-time-N-days-later no longer holds across the change (the clock walks minutes).
    expect(local(computeDue(c, { receivedAt: at('2026-11-10 16:00'), amount: 1, unit: 'working_days' }).due)).toBe('2026-11-11T16:30');
    expect(c.sessionsOn('2026-11-10')[0].start).toBe('07:30');
    expect(c.sessionsOn('2026-11-11')[0].start).toBe('08:00');
  });

  it('rejects malformed hours', () => {
    expect(() => createWorkingCalendar({ hours: [{ effectiveFrom: '2026-01-01', minutesPerWorkingDay: 480, sessions: { 1: [{ start: '13:00', end: '11:00' }] } }] })).toThrow(RangeError);
    expect(() => createWorkingCalendar({ hours: [{ effectiveFrom: '2026-01-01', minutesPerWorkingDay: 0, sessions: {} }] })).toThrow(RangeError);
  });
});

describe('input validation (DeadlineInputError → HTTP 400)', () => {
  it.each([
    [{ amount: -1, unit: 'working_days' }, 'invalid_amount'],
    [{ amount: Number.NaN, unit: 'working_days' }, 'invalid_amount'],
    [{ amount: 1.5, unit: 'days' }, 'invalid_amount'],
    [{ amount: 1, unit: 'weeks' }, 'invalid_unit'],
    [{ amount: 1, unit: 'working_days', cutoff: '25:00' }, 'invalid_cutoff'],
  ])('%o → %s', (partial, code) => {
    expect(() => computeDue(cal, { receivedAt: at('2026-11-09 10:00'), ...(partial as object) } as never)).toThrow(
      expect.objectContaining({ code }),
    );
  });

  it('an invalid Date', () => {
    expect(() => computeDue(cal, { receivedAt: new Date(Number.NaN), amount: 1, unit: 'working_days' })).toThrow(DeadlineInputError);
  });
});

describe('§4.9 calendar-day periods (Civil Code 2015 Arts 146–148)', () => {
  const period = (start: string, days: number, extra: object = {}) =>
    computeDue(cal, { receivedAt: at(start), amount: days, unit: 'days', ...extra });

  it('Wed 15/04/2026 + 30 days → 24:00 Fri 15/05/2026', () => {
    const r = period('2026-04-15 10:00', 30);
    expect(local(r.due)).toBe('2026-05-16T00:00');
    expect(r.lastDay).toBe('2026-05-15');
    expect(local(r.closeOfLastDay as Date)).toBe('2026-05-15T17:00');
    expect(r.steps[r.steps.length - 1]).toBe('Hết hạn lúc 24:00 thứ Sáu 15/05/2026');
  });

  it('Thu 26/03/2026 + 30 days: Sat 25/04 → Sun Giỗ Tổ → Mon compensatory → 24:00 Tue 28/04/2026', () => {
    const r = period('2026-03-26 09:00', 30);
    expect(local(r.due)).toBe('2026-04-29T00:00');
    expect(r.lastDay).toBe('2026-04-28');
    expect(r.steps.join('\n')).toContain('Ngày cuối cùng thứ Bảy 25/04/2026');
  });

  it('Thu 24/12/2026 + 10 days: Sun 03/01/2027 → 24:00 Mon 04/01/2027 (01/01 counted)', () => {
    const r = period('2026-12-24 15:00', 10);
    expect(local(r.due)).toBe('2027-01-05T00:00');
    expect(r.lastDay).toBe('2027-01-04');
  });

  it('Fri 13/11/2026 + 7 WD → close of Tue 24/11/2026; Wed 25/11 if 24/11 becomes a holiday', () => {
    const r = addWorkingDaysPeriod(cal, at('2026-11-13 10:00'), 7);
    expect(r.lastDay).toBe('2026-11-24');
    expect(local(r.due)).toBe('2026-11-24T17:00');
    const withCultureDay = calendarWith([
      { date: '2026-11-24', kind: 'holiday', name: 'Ngày Văn hóa Việt Nam', status: 'proposed', legalBasis: 'dự kiến sửa Điều 112(1) BLLĐ' },
    ]);
    const r2 = addWorkingDaysPeriod(withCultureDay, '2026-11-13', 7);
    expect(r2.lastDay).toBe('2026-11-25');
    expect(r2.provisional).toBe(true);
    expect(r2.steps[0]).toContain('thứ Hai 16/11/2026');
  });

  it('months: 31/01 + 1 month → the last day of February, rolled off a weekend', () => {
    const r = computeDue(cal, { receivedAt: at('2026-01-31 10:00'), amount: 1, unit: 'months' });
    // 28/02/2026 is a Saturday → Mon 02/03/2026.
    expect(r.lastDay).toBe('2026-03-02');
    expect(local(r.due)).toBe('2026-03-03T00:00');
    const leap = computeDue(cal, { receivedAt: at('2028-01-31 10:00'), amount: 1, unit: 'months' });
    expect(leap.lastDay).toBe('2028-02-29'); // Tuesday
    expect(local(computeDue(cal, { receivedAt: at('2026-04-15 10:00'), amount: 1, unit: 'months' }).due)).toBe('2026-05-16T00:00');
  });

  it('skipHolidays (per-procedure flag): holidays inside the period are not counted', () => {
    // No holiday between 27/03 and 25/04: same as without the flag.
    const r = period('2026-03-26 09:00', 30, { skipHolidays: true });
    expect(r.lastDay).toBe('2026-04-28');
    const r2 = period('2026-04-20 09:00', 15, { skipHolidays: true });
    // 26/04, 27/04, 30/04, 01/05 not counted: 21–25/04 (5), 28–29/04 (7), 02–09/05 (15) → Sat 09/05 → Mon 11/05.
    expect(r2.lastDay).toBe('2026-05-11');
  });

  it('a last day that is a rule-generated (proposed) holiday makes the period provisional', () => {
    const r = period('2027-04-06 10:00', 10); // 16/04/2027 Giỗ Tổ (Fri) by rule
    expect(r.lastDay).toBe('2027-04-19');
    expect(r.provisional).toBe(true);
  });
});
