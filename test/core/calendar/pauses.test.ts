import { describe, expect, it } from 'vitest';
import { DeadlineInputError, type Pause, evaluatePauses } from '../../../src/core/calendar/index.js';
import { at, local, vectorCalendar } from './helpers.js';

const cal = vectorCalendar();
const supplement = (from: string, to: string | null): Pause => ({ from: at(from), to: to === null ? null : at(to), reason: 'supplement' });

describe('§4.5 pauses and restarts', () => {
  const vector = {
    receivedAt: at('2026-11-02 08:00'),
    amount: 10,
    unit: 'working_days' as const,
    pauses: [supplement('2026-11-04 08:00', '2026-11-09 08:00')],
  };

  it('the vector: original Mon 16/11 08:00; restart Mon 23/11 08:00; pause Thu 19/11 08:00', () => {
    const e = evaluatePauses(cal, vector);
    expect(local(e.originalDue)).toBe('2026-11-16T08:00');
    expect(local(e.legalDue)).toBe('2026-11-23T08:00');
    expect(local(e.restartedAt)).toBe('2026-11-09T08:00');
    expect(local(e.pauseDue)).toBe('2026-11-19T08:00');
    expect(e.pausedWorkingMinutes).toBe(3 * 480);
    expect(e.supplementCount).toBe(1);
    expect(e.supplementsOutsideWindow).toEqual([]);
    expect(e.provisional).toBe(false);
  });

  it('resolved Fri 20/11 10:00: restart early, pause late, QĐ 766 (elapsed) on time', () => {
    const e = evaluatePauses(cal, { ...vector, endedAt: at('2026-11-20 10:00') });
    expect(local(e.effectiveEnd766)).toBe('2026-11-15T10:00');
    expect(e.supplementElapsedMs).toBe(5 * 86_400_000);
    expect(e.index766Late).toBe(false);
    expect(e.verdicts).toEqual({ legal: 'early', pause: 'late', index766: 'on_time' });
    // Working-time variant (to verify): 20/11 10:00 − 3 WD = Tue 17/11 10:00 > 16/11 08:00 → late.
    expect(e.supplementWorkingMinutes).toBe(1440);
    expect(local(e.effectiveEnd766Working)).toBe('2026-11-17T10:00');
    expect(e.index766LateWorking).toBe(true);
  });

  it('a second supplement: legal restart from the last completion, late under QĐ 766, flagged outside the window', () => {
    const e = evaluatePauses(cal, {
      ...vector,
      pauses: [...vector.pauses, supplement('2026-11-12 08:00', '2026-11-13 08:00')],
      endedAt: at('2026-11-20 10:00'),
    });
    expect(e.supplementCount).toBe(2);
    expect(local(e.legalDue)).toBe('2026-11-27T08:00');
    expect(e.index766Late).toBe(true);
    expect(e.verdicts?.index766).toBe('late');
    expect(e.supplementsOutsideWindow).toEqual([1]);
    expect(local(e.pauseDue)).toBe('2026-11-20T08:00'); // + 3 WD + 1 WD
  });

  it('a request outside the 3-working-day window is flagged', () => {
    const e = evaluatePauses(cal, { ...vector, pauses: [supplement('2026-11-05 08:01', '2026-11-06 08:00')] });
    expect(e.supplementsOutsideWindow).toEqual([0]);
    const inside = evaluatePauses(cal, { ...vector, pauses: [supplement('2026-11-05 08:00', '2026-11-06 08:00')] });
    expect(inside.supplementsOutsideWindow).toEqual([]);
  });

  it('a dossier that ends during a supplement: dues frozen, the request time is the end', () => {
    const e = evaluatePauses(cal, {
      ...vector,
      pauses: [supplement('2026-11-04 08:00', null)],
      endedAt: at('2026-11-25 10:00'),
    });
    expect(e.legalDue).toBeNull();
    expect(e.pauseDue).toBeNull();
    expect(local(e.frozenLegalDue)).toBe('2026-11-16T08:00');
    expect(e.openPause?.reason).toBe('supplement');
    expect(local(e.index766End)).toBe('2026-11-04T08:00');
    expect(e.index766Late).toBe(false);
    expect(e.verdicts).toEqual({ legal: 'early', pause: 'early', index766: 'on_time' });
  });

  it('still open and paused: QĐ 766 uses asOf (period end) unless a supplement is open', () => {
    const e = evaluatePauses(cal, { ...vector, asOf: at('2026-11-30 00:00') });
    expect(local(e.index766End)).toBe('2026-11-30T00:00');
    expect(e.index766Late).toBe(true); // 30/11 − 5 days = 25/11 > 16/11 08:00
    expect(evaluatePauses(cal, { ...vector, asOf: at('2026-11-20 10:00') }).index766Late).toBe(false);
    expect(evaluatePauses(cal, vector).index766Late).toBeNull(); // no end known
  });

  it('a payment pause across a holiday adds its working time (legal and pause rules alike)', () => {
    const e = evaluatePauses(cal, {
      receivedAt: at('2026-04-20 08:00'),
      amount: 10,
      unit: 'working_days',
      pauses: [{ from: at('2026-04-29 10:00'), to: at('2026-05-05 10:00'), reason: 'payment' }],
    });
    expect(local(e.originalDue)).toBe('2026-05-07T08:00');
    expect(e.legalAddedWorkingMinutes).toBe(960); // Wed 330 + Mon 480 + Tue 150; 30/04, 01/05 and the weekend add nothing
    expect(local(e.legalDue)).toBe('2026-05-11T08:00');
    expect(local(e.pauseDue)).toBe('2026-05-11T08:00');
    expect(e.supplementCount).toBe(0);
  });

  it('payment before a supplement restart does not count under the legal rule', () => {
    const e = evaluatePauses(cal, {
      ...vector,
      pauses: [{ from: at('2026-11-03 08:00'), to: at('2026-11-03 10:00'), reason: 'payment' }, ...vector.pauses],
    });
    expect(local(e.legalDue)).toBe('2026-11-23T08:00');
    expect(local(e.pauseDue)).toBe('2026-11-19T10:00');
  });

  it('an open payment pause: legal and pause dues are null, frozen dues kept', () => {
    const e = evaluatePauses(cal, { ...vector, pauses: [{ from: at('2026-11-05 09:00'), to: null, reason: 'payment' }] });
    expect(e.legalDue).toBeNull();
    expect(local(e.frozenPauseDue)).toBe('2026-11-16T08:00');
  });

  it('a zero-length pause changes nothing (pause rule, payment)', () => {
    const e = evaluatePauses(cal, { ...vector, pauses: [{ from: at('2026-11-05 09:00'), to: at('2026-11-05 09:00'), reason: 'payment' }] });
    expect(local(e.pauseDue)).toBe('2026-11-16T08:00');
    expect(local(e.legalDue)).toBe('2026-11-16T08:00');
  });

  it('a restart from a completion after the cut-off or on a weekend is normalised', () => {
    const e = evaluatePauses(cal, { ...vector, cutoff: '15:00', pauses: [supplement('2026-11-04 08:00', '2026-11-07 10:00')] });
    expect(local(e.restartedAt)).toBe('2026-11-09T07:30');
    expect(local(e.legalDue)).toBe('2026-11-20T17:00');
  });

  it('rejects malformed pauses', () => {
    expect(() => evaluatePauses(cal, { ...vector, pauses: [supplement('2026-11-05 08:00', '2026-11-04 08:00')] })).toThrow(DeadlineInputError);
    expect(() =>
      evaluatePauses(cal, { ...vector, pauses: [supplement('2026-11-04 08:00', null), supplement('2026-11-05 08:00', '2026-11-06 08:00')] }),
    ).toThrow(DeadlineInputError);
  });
});
