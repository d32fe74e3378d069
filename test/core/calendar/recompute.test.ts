import { describe, expect, it } from 'vitest';
import { type SpecialDay, type StoredClockInputs, isAffectedByChange, recomputeDue } from '../../../src/core/calendar/index.js';
import { at, calendarWith, local, vectorCalendar } from './helpers.js';

const cultureDay = (status: 'proposed' | 'confirmed'): SpecialDay => ({
  date: '2026-11-24',
  kind: 'holiday',
  name: 'Ngày Văn hóa Việt Nam',
  status,
  legalBasis: 'Luật sửa đổi Điều 112(1) BLLĐ (giả định)',
});
const inputs: StoredClockInputs = { receivedAt: at('2026-11-13 10:00'), amount: 7, unit: 'working_days' };
const before = vectorCalendar();
const after = calendarWith([cultureDay('confirmed')]);

describe('§2.4 recomputation after a calendar change', () => {
  it('24/11 added after receipt: a later due applies and the applicant is notified (not a reschedule)', () => {
    const r = recomputeDue({ inputs, oldCalendar: before, newCalendar: after, receivedBeforeChange: true, form01PrintedBeforeChange: true });
    expect(local(r.oldDue)).toBe('2026-11-24T10:00');
    expect(local(r.newDue)).toBe('2026-11-25T10:00');
    expect(local(r.appliedDue)).toBe('2026-11-25T10:00');
    expect(r).toMatchObject({ direction: 'later', changed: true, notifyApplicant: true, keptEarlierDue: false, provisional: false });
  });

  it('removing a holiday never shortens a printed date: max(old, new) for dossiers received before the change', () => {
    const r = recomputeDue({ inputs, oldCalendar: after, newCalendar: before, receivedBeforeChange: true, form01PrintedBeforeChange: true });
    expect(r.direction).toBe('earlier');
    expect(local(r.appliedDue)).toBe('2026-11-25T10:00');
    expect(r).toMatchObject({ keptEarlierDue: true, changed: false, notifyApplicant: false });
  });

  it('a printed Form 01 alone also protects the date', () => {
    const r = recomputeDue({ inputs, oldCalendar: after, newCalendar: before, receivedBeforeChange: false, form01PrintedBeforeChange: true });
    expect(local(r.appliedDue)).toBe('2026-11-25T10:00');
  });

  it('an unprotected dossier takes the earlier due', () => {
    const r = recomputeDue({ inputs, oldCalendar: after, newCalendar: before, receivedBeforeChange: false, form01PrintedBeforeChange: false });
    expect(local(r.appliedDue)).toBe('2026-11-24T10:00');
    expect(r.changed).toBe(true);
  });

  it('the previously applied due is the floor (two successive changes)', () => {
    const r = recomputeDue({
      inputs,
      oldCalendar: before,
      newCalendar: before,
      receivedBeforeChange: true,
      form01PrintedBeforeChange: true,
      currentDue: at('2026-11-25 10:00'),
    });
    expect(local(r.appliedDue)).toBe('2026-11-25T10:00');
  });

  it('is idempotent', () => {
    for (const [o, n, rb] of [[before, after, true], [after, before, true], [after, before, false]] as const) {
      const first = recomputeDue({ inputs, oldCalendar: o, newCalendar: n, receivedBeforeChange: rb, form01PrintedBeforeChange: rb });
      const second = recomputeDue({ inputs, oldCalendar: o, newCalendar: n, receivedBeforeChange: rb, form01PrintedBeforeChange: rb, currentDue: first.appliedDue });
      expect(second.appliedDue?.getTime()).toBe(first.appliedDue?.getTime());
      expect(second.changed).toBe(false);
    }
  });

  it('a proposed row makes the new due provisional', () => {
    const r = recomputeDue({ inputs, oldCalendar: before, newCalendar: calendarWith([cultureDay('proposed')]), receivedBeforeChange: true, form01PrintedBeforeChange: true });
    expect(r.provisional).toBe(true);
  });

  it('uses the legal (restart) due when there are pauses; an open pause defers', () => {
    const withPause: StoredClockInputs = {
      ...inputs,
      pauses: [{ from: at('2026-11-16 08:00'), to: at('2026-11-17 08:00'), reason: 'supplement' }],
    };
    const r = recomputeDue({ inputs: withPause, oldCalendar: before, newCalendar: after, receivedBeforeChange: true, form01PrintedBeforeChange: true });
    expect(local(r.oldDue)).toBe('2026-11-26T08:00');
    expect(local(r.newDue)).toBe('2026-11-27T08:00');
    const open = recomputeDue({
      inputs: { ...inputs, pauses: [{ from: at('2026-11-16 08:00'), to: null, reason: 'supplement' }] },
      oldCalendar: before,
      newCalendar: after,
      receivedBeforeChange: true,
      form01PrintedBeforeChange: true,
      currentDue: at('2026-11-24 10:00'),
    });
    expect(open).toMatchObject({ newDue: null, changed: false });
    expect(local(open.appliedDue)).toBe('2026-11-24T10:00');
  });

  it('isAffectedByChange: the changed date is in the clock interval or a pause window', () => {
    expect(isAffectedByChange(inputs, at('2026-11-24 10:00'), ['2026-11-24'])).toBe(true);
    expect(isAffectedByChange(inputs, at('2026-11-24 10:00'), ['2026-11-25'])).toBe(false);
    expect(isAffectedByChange(inputs, at('2026-11-24 10:00'), ['2026-11-12'])).toBe(false);
    expect(isAffectedByChange({ ...inputs, pauses: [{ from: at('2026-11-16 08:00'), to: null, reason: 'supplement' }] }, null, ['2027-01-04'])).toBe(true);
  });
});
