/**
 * Per-step budgets (calendar.md §4.6). Step due = normalised hand-over time + the step budget in
 * working minutes, moved forward by the working time the step spent paused (pause rule: a step
 * never restarts). An overrun does not move the dossier due, and later steps keep their budgets.
 */
import { type Classification, type ClassificationRule, type Pause } from './types.js';
import { classify } from './classify.js';
import { DeadlineInputError } from './deadline.js';
import { MS_PER_DAY, VN_OFFSET_MS } from './time.js';
import type { WorkingCalendar } from './working-calendar.js';

export interface StepDue {
  /** Normalised hand-over (the step clock start). */
  clockStart: Date;
  /** Null while a pause is open. */
  due: Date | null;
  /** The due ignoring the open pause. */
  frozenDue: Date;
  pausedWorkingMinutes: number;
  openPause: Pause | null;
  provisional: boolean;
}

const dayOf = (d: Date): number => Math.floor((d.getTime() + VN_OFFSET_MS) / MS_PER_DAY);

/** Due of a step handed over at `handedOverAt` with a budget of `budgetMinutes` working minutes. */
export function stepDue(cal: WorkingCalendar, handedOverAt: Date, budgetMinutes: number, pauses: readonly Pause[] = []): StepDue {
  if (!Number.isFinite(handedOverAt.getTime())) {
    throw new DeadlineInputError('invalid_instant', 'handedOverAt', 'Invalid hand-over time', 'Thời điểm chuyển bước không hợp lệ');
  }
  if (!Number.isFinite(budgetMinutes) || budgetMinutes < 0) {
    throw new DeadlineInputError('invalid_amount', 'budgetMinutes', 'The step budget must be a non-negative number', 'Thời gian của bước phải là số không âm');
  }
  const clockStart = cal.nextWorkingInstant(handedOverAt);
  const base = cal.addWorkingMinutes(clockStart, budgetMinutes);
  const startMs = clockStart.getTime();
  const intervals = pauses
    .filter((p) => p.to !== null)
    .map((p) => ({ from: Math.max(p.from.getTime(), startMs), to: (p.to as Date).getTime() }))
    .filter((i) => i.to > i.from)
    .sort((a, b) => a.from - b.from);
  let paused = 0;
  let curFrom = Number.NaN;
  let curTo = Number.NaN;
  const flush = (): void => {
    if (Number.isFinite(curFrom)) paused += cal.workingMinutesBetween(new Date(curFrom), new Date(curTo));
  };
  for (const i of intervals) {
    if (Number.isFinite(curTo) && i.from <= curTo) {
      curTo = Math.max(curTo, i.to);
    } else {
      flush();
      curFrom = i.from;
      curTo = i.to;
    }
  }
  flush();
  const frozenDue = paused > 0 ? cal.addWorkingMinutes(base, paused) : base;
  const openPause = pauses.find((p) => p.to === null) ?? null;
  return {
    clockStart,
    due: openPause ? null : frozenDue,
    frozenDue,
    pausedWorkingMinutes: paused,
    openPause,
    provisional: cal.provisionalBetween(dayOf(handedOverAt), dayOf(frozenDue)),
  };
}

export interface StepRecord {
  handedOverAt: Date;
  budgetMinutes: number;
  pauses?: readonly Pause[];
  endedAt: Date;
}

/** Classifies a finished step against its due (§4.7 rules; "step overdue" when late). */
export function classifyStep(
  cal: WorkingCalendar,
  step: StepRecord,
  options: { rule?: ClassificationRule } = {},
): { due: Date; classification: Classification } {
  const r = stepDue(cal, step.handedOverAt, step.budgetMinutes, step.pauses ?? []);
  const ended = r.openPause && r.openPause.from.getTime() < step.endedAt.getTime() ? r.openPause.from : step.endedAt;
  return { due: r.frozenDue, classification: classify(ended, r.frozenDue, { rule: options.rule ?? 'day', calendar: cal }) };
}

/** Σ step budgets ≤ the total duration (checked on save). */
export function checkStepBudgets(budgetMinutes: readonly number[], totalMinutes: number): { ok: boolean; sum: number; excess: number } {
  const sum = budgetMinutes.reduce((t, b) => t + b, 0);
  return { ok: sum <= totalMinutes, sum, excess: Math.max(0, sum - totalMinutes) };
}
