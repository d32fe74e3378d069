import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COLUMNS,
  NO_RATE,
  TABLE_HEADER,
  addressAndPhone,
  emptyRaw,
  formatDateTimeVi,
  formatDeadlineVi,
  formatRate,
  headerDepth,
  headerLeaves,
  invariant,
  layoutHeader,
  maskPhone,
  parsePeriod,
  periodLabelVi,
  ratePct,
  toRow,
} from '../../../src/core/reports/index.js';

describe('rates (one-stop.md §9.3)', () => {
  it('gives the test vector: early 12, on time 5, late 3 → 85.00', () => {
    const row = toRow({ ...emptyRaw(), receivedCounter: 20, resolvedApproved: 20, early: 12, late: 3 });
    expect(row.onTime).toBe(5);
    expect(row.ontimePct).toBe(85);
    expect(row.ontimePctText).toBe('85.00');
  });

  it('shows no rate for a zero denominator (never 100 %)', () => {
    expect(ratePct(0, 0)).toBeNull();
    expect(formatRate(null)).toBe(NO_RATE);
    expect(NO_RATE).toBe('—');
    const row = toRow({ ...emptyRaw(), receivedOnline: 3, inProgress: 3 });
    expect(row.ontimePct).toBeNull();
    expect(row.ontimePctText).toBe('—');
  });

  it('rounds half up on the exact value, not on a float', () => {
    expect(ratePct(201, 20000)).toBe(1.01); // 1.005 exactly: Math.round(1.005 * 100) / 100 gives 1
    expect(ratePct(1, 800)).toBe(0.13); // 0.125
    expect(ratePct(1, 3)).toBe(33.33);
    expect(ratePct(2, 3)).toBe(66.67);
    expect(ratePct(1, 8)).toBe(12.5);
    expect(formatRate(ratePct(1, 8))).toBe('12.50');
    expect(ratePct(7, 7)).toBe(100);
    expect(ratePct(0, 9)).toBe(0);
    expect(ratePct(1, 3, 0)).toBe(33);
  });

  it('is within half a unit of the last decimal, never beyond 100, for any counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (den, k) => {
        const num = k % (den + 1);
        const r = ratePct(num, den)!;
        const exact = (num * 100) / den;
        expect(Math.abs(r - exact)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Number.isInteger(Math.round(r * 100))).toBe(true);
        expect(Math.abs(r * 100 - Math.round(r * 100))).toBeLessThan(1e-6);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(100);
        // half-up: exactly half rounds away from zero
        if ((num * 10000 * 2) % den === 0 && ((num * 10000 * 2) / den) % 2 === 1) expect(r).toBeGreaterThan(exact);
      }),
    );
  });

  it('refuses counts that are not non-negative integers', () => {
    expect(() => ratePct(-1, 5)).toThrow(RangeError);
    expect(() => ratePct(1.5, 5)).toThrow(RangeError);
    expect(() => ratePct(1, Number.NaN)).toThrow(RangeError);
    expect(() => toRow({ ...emptyRaw(), resolvedApproved: 1, early: 1, late: 1 })).toThrow(/exceed/);
    expect(() => toRow({ ...emptyRaw(), inProgress: 1, waitingSupplement: 1, overdue: 1 })).toThrow(/exceed/);
  });
});

describe('table rows and the invariant (§9.2)', () => {
  it('derives the composite columns', () => {
    const row = toRow({
      ...emptyRaw(),
      carriedOver: 4,
      receivedCounter: 5,
      receivedOnline: 6,
      receivedPostal: 1,
      resolvedApproved: 7,
      resolvedRefused: 2,
      early: 3,
      late: 1,
      returned: 6,
      inProgress: 5,
      overdue: 2,
      waitingSupplement: 1,
      withdrawn: 1,
      stopped: 1,
      refusedAtIntake: 3,
    });
    expect(row).toMatchObject({
      toProcess: 16,
      received: 12,
      resolved: 9,
      onTime: 5,
      refused: 2,
      notReturned: 3,
      notYetDue: 2,
      refusedAtIntake: 3,
      ontimePct: 88.89,
    });
    expect(invariant(row)).toEqual({ holds: true, left: 16, right: 16 });
  });

  it('checks carried_over + received = resolved + withdrawn + stopped + in_progress', () => {
    expect(invariant({ carriedOver: 2, received: 7, resolved: 1, withdrawn: 1, stopped: 1, inProgress: 6 })).toEqual({ holds: true, left: 9, right: 9 });
    expect(invariant({ carriedOver: 2, received: 7, resolved: 1, withdrawn: 1, stopped: 1, inProgress: 5 })).toEqual({ holds: false, left: 9, right: 8 });
  });
});

describe('periods', () => {
  it('turns local dates into local midnights, `to` exclusive', () => {
    const r = parsePeriod('2026-10-01', '2026-11-01');
    expect(r.errors).toEqual([]);
    expect(r.period!.fromAt.toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(r.period!.toAt.toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(periodLabelVi(r.period!)).toBe('từ ngày 01/10/2026 đến hết ngày 31/10/2026');
  });

  it('refuses an empty or reversed period, impossible dates and overlong periods, field by field', () => {
    expect(parsePeriod('2026-11-01', '2026-10-01').errors.map((e) => e.field)).toEqual(['to']);
    expect(parsePeriod('2026-10-01', '2026-10-01').errors.map((e) => e.field)).toEqual(['to']);
    expect(parsePeriod('2026-02-30', '2026-03-01').errors.map((e) => e.field)).toEqual(['from']);
    expect(parsePeriod('2026-01-01', 'soon').errors.map((e) => e.field)).toEqual(['to']);
    expect(parsePeriod('2000-01-01', '2026-01-01').errors[0].message).toMatch(/may not exceed/);
    for (const e of parsePeriod('x', 'y').errors) expect(e.messageVi).toBeTruthy();
  });
});

describe('grouped header of the printed table', () => {
  it('has the 20 standard columns under the three official groups', () => {
    expect(headerLeaves()).toEqual([
      'toProcess', 'carriedOver', 'received', 'receivedCounter', 'receivedOnline', 'receivedPostal',
      'resolved', 'early', 'onTime', 'late', 'refused', 'returned', 'notReturned',
      'inProgress', 'notYetDue', 'overdue', 'waitingSupplement', 'withdrawn', 'stopped', 'ontimePct',
    ]);
    expect(TABLE_HEADER.map((n) => n.labelVi).slice(0, 3)).toEqual(['Nhận giải quyết', 'Kết quả giải quyết', 'Đang giải quyết']);
    expect(headerDepth()).toBe(3);
    for (const k of headerLeaves()) expect(COLUMNS.find((c) => c.key === k)).toBeTruthy();
  });

  it('lays groups across their leaves and leaves down to the last header row', () => {
    const cells = layoutHeader(TABLE_HEADER, 2);
    const byLabel = (l: string, row: number) => cells.find((c) => c.labelVi === l && c.row === row)!;
    expect(byLabel('Nhận giải quyết', 0)).toMatchObject({ col: 2, endCol: 7, endRow: 0 });
    expect(byLabel('Nhận trong kỳ', 1)).toMatchObject({ col: 4, endCol: 7, endRow: 1 });
    expect(byLabel('Kết quả giải quyết', 0)).toMatchObject({ col: 8, endCol: 14 });
    expect(byLabel('Đang giải quyết', 0)).toMatchObject({ col: 15, endCol: 18 });
    expect(cells.find((c) => c.key === 'withdrawn')).toMatchObject({ row: 0, endRow: 2, col: 19, endCol: 19 });
    expect(cells.find((c) => c.key === 'receivedOnline')).toMatchObject({ row: 2, endRow: 2, col: 6 });
    // No two cells overlap.
    const seen = new Set<string>();
    for (const c of cells) {
      for (let r = c.row; r <= c.endRow; r++) {
        for (let k = c.col; k <= c.endCol; k++) {
          const key = `${r}:${k}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
      }
    }
    expect(seen.size).toBe(3 * 20);
  });
});

describe('printed values', () => {
  it('prints local date and time dd/MM/yyyy HH:mm', () => {
    expect(formatDateTimeVi(new Date('2026-09-30T17:00:00Z'))).toBe('01/10/2026 00:00');
    expect(formatDateTimeVi(new Date('2026-11-10T08:20:59Z'))).toBe('10/11/2026 15:20');
    // An end-of-day deadline is the last minute of its day, not the first of the next.
    expect(formatDeadlineVi(new Date('2026-12-15T17:00:00Z'))).toBe('15/12/2026 24:00');
    expect(formatDeadlineVi(new Date('2026-12-31T17:00:00Z'))).toBe('31/12/2026 24:00');
    expect(formatDeadlineVi(new Date('2026-11-10T10:00:00Z'))).toBe('10/11/2026 17:00');
    expect(formatDeadlineVi(null)).toBe('');
    expect(formatDateTimeVi(null)).toBe('');
  });

  it('masks phone numbers and joins the address column', () => {
    expect(maskPhone('0912345678')).toBe('*******678');
    expect(maskPhone('091 234 5678')).toBe('*******678');
    expect(maskPhone(null)).toBeNull();
    expect(addressAndPhone('Tổ 5', '0912345678')).toBe('Tổ 5 – 0912345678');
    expect(addressAndPhone(null, '0912345678')).toBe('0912345678');
    expect(addressAndPhone('Tổ 5', null)).toBe('Tổ 5');
  });
});
