import { describe, expect, it } from 'vitest';
import {
  CLASSIFICATION_LABELS,
  checkStepBudgets,
  classify,
  classifyStep,
  computeDue,
  remainingTime,
  stepDue,
} from '../../../src/core/calendar/index.js';
import { at, local, vectorCalendar } from './helpers.js';

const cal = vectorCalendar();

describe('§4.7 early / on time / late', () => {
  const due = at('2026-11-10 15:20');
  it.each([
    ['2026-11-09 16:00', 'early', 'early'],
    ['2026-11-10 08:00', 'on_time', 'early'],
    ['2026-11-10 15:20', 'on_time', 'on_time'],
    ['2026-11-10 15:21', 'late', 'late'],
  ])('ended %s → day: %s, session: %s', (ended, day, session) => {
    expect(classify(at(ended), due)).toBe(day);
    expect(classify(at(ended), due, { rule: 'session', calendar: cal })).toBe(session);
  });

  it('late iff ended > due, under every rule (one second after)', () => {
    expect(classify(at('2026-11-10 15:20:01'), due)).toBe('late');
    expect(classify(at('2026-11-10 15:20:01'), due, { rule: 'session', calendar: cal })).toBe('late');
  });

  it('session rule: a due at 11:30 belongs to the morning session', () => {
    const d = at('2026-11-10 11:30');
    expect(classify(at('2026-11-10 07:29'), d, { rule: 'session', calendar: cal })).toBe('early');
    expect(classify(at('2026-11-10 07:30'), d, { rule: 'session', calendar: cal })).toBe('on_time');
  });

  it('a 24:00 due (calendar-day period) belongs to its last day', () => {
    const r = computeDue(cal, { receivedAt: at('2026-04-15 10:00'), amount: 30, unit: 'days' });
    expect(classify(at('2026-05-15 20:00'), r.due)).toBe('on_time');
    expect(classify(at('2026-05-14 20:00'), r.due)).toBe('early');
    expect(classify(at('2026-05-16 00:00:01'), r.due)).toBe('late');
  });

  it('labels', () => {
    expect(CLASSIFICATION_LABELS.on_time.vi).toBe('Đúng hạn');
  });

  it('the session rule needs the calendar', () => {
    expect(() => classify(at('2026-11-10 08:00'), due, { rule: 'session' })).toThrow(RangeError);
  });
});

describe('§4.8 remaining-time display', () => {
  it.each([
    ['2026-11-10 14:00', '2026-11-12 17:00', 'remaining', 19 * 60, 'Còn 2 ngày 3 giờ', '2 days 3 hours left'],
    ['2026-11-10 10:00', '2026-11-09 10:00', 'overdue', 480, 'Quá hạn 1 ngày', '1 day overdue'],
    ['2026-11-13 16:15', '2026-11-13 17:00', 'due_soon', 45, 'Còn 45 phút', '45 minutes left'],
  ])('now %s, due %s → %s', (now, due, state, minutes, vi, en) => {
    const r = remainingTime(cal, at(now), at(due));
    expect(r.state).toBe(state);
    expect(r.workingMinutes).toBe(minutes);
    expect(r.textVi).toBe(vi);
    expect(r.textEn).toBe(en);
  });

  it('across a weekend', () => {
    const r = remainingTime(cal, at('2026-11-13 16:00'), at('2026-11-16 10:00'));
    expect(r).toMatchObject({ state: 'due_soon', workingMinutes: 210, days: 0, hours: 3, minutes: 30, textVi: 'Còn 3 giờ', labelVi: 'Sắp đến hạn' });
    const o = remainingTime(cal, at('2026-11-16 08:00'), at('2026-11-13 16:00'));
    expect(o).toMatchObject({ state: 'overdue', workingMinutes: 90, textVi: 'Quá hạn 1 giờ', textEn: '1 hour overdue' });
    const w = remainingTime(cal, at('2026-11-14 10:00'), at('2026-11-13 17:00'));
    expect(w).toMatchObject({ state: 'overdue', workingMinutes: 0, textVi: 'Đã quá hạn' });
  });

  it('more than one working day left is "remaining"; exactly 2 days', () => {
    expect(remainingTime(cal, at('2026-11-09 10:00'), at('2026-11-11 10:00'))).toMatchObject({ state: 'remaining', textVi: 'Còn 2 ngày', textEn: '2 days left' });
  });

  it('paused: the remainder is frozen at the pause start', () => {
    const r = remainingTime(cal, at('2026-11-20 10:00'), at('2026-11-12 17:00'), { paused: { since: at('2026-11-10 14:00'), reason: 'supplement' } });
    expect(r).toMatchObject({ state: 'paused', workingMinutes: 19 * 60, days: 2, hours: 3, textVi: 'Tạm dừng – chờ bổ sung', textEn: 'Paused – awaiting supplement' });
  });
});

describe('§4.6 per-step budgets', () => {
  it('step due = normalised hand-over + budget, moved by paused working time', () => {
    expect(local(stepDue(cal, at('2026-11-09 15:00'), 480).due)).toBe('2026-11-10T15:00');
    expect(local(stepDue(cal, at('2026-11-09 18:00'), 240).due)).toBe('2026-11-10T11:30');
    const paused = stepDue(cal, at('2026-11-09 15:00'), 480, [{ from: at('2026-11-09 16:00'), to: at('2026-11-10 08:30'), reason: 'other_legal' }]);
    expect(paused.pausedWorkingMinutes).toBe(120);
    expect(local(paused.due)).toBe('2026-11-10T17:00');
    const open = stepDue(cal, at('2026-11-09 15:00'), 480, [{ from: at('2026-11-09 16:00'), to: null, reason: 'supplement' }]);
    expect(open.due).toBeNull();
    expect(local(open.frozenDue)).toBe('2026-11-10T15:00');
  });

  it('classifies a step; an overrun is "late" (step overdue)', () => {
    expect(classifyStep(cal, { handedOverAt: at('2026-11-09 15:00'), budgetMinutes: 480, endedAt: at('2026-11-10 15:00') }).classification).toBe('on_time');
    expect(classifyStep(cal, { handedOverAt: at('2026-11-09 15:00'), budgetMinutes: 480, endedAt: at('2026-11-10 15:01') }).classification).toBe('late');
  });

  it('Σ budgets ≤ total', () => {
    expect(checkStepBudgets([960, 2400, 960], 4800)).toEqual({ ok: true, sum: 4320, excess: 0 });
    expect(checkStepBudgets([2400, 2880], 4800)).toEqual({ ok: false, sum: 5280, excess: 480 });
  });
});
