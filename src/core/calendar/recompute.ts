/**
 * Recomputing in-flight deadlines after a change of the exceptions table (calendar.md §2.4).
 * Pure: the caller supplies the stored inputs, the calendar before and after the change, and
 * the facts that decide which result applies.
 *
 * - Later due: apply it and notify the applicant (not a Form 04 reschedule).
 * - Earlier due: a dossier received before the change was published, or whose Form 01 was
 *   printed before it, keeps max(old, new) — a printed date never moves earlier. Otherwise the
 *   earlier due applies.
 * - Closed dossiers are never recomputed (the caller does not call this for them).
 *
 * Idempotent: feeding `appliedDue` back as `currentDue` with the same calendars returns the same
 * `appliedDue`.
 */
import { computeDue } from './deadline.js';
import { evaluatePauses } from './pauses.js';
import { type LocalDate, localDateOf } from './time.js';
import type { DurationUnit, Pause } from './types.js';
import type { WorkingCalendar } from './working-calendar.js';

/** The stored inputs from which a dossier's due is derived (never the due itself). */
export interface StoredClockInputs {
  receivedAt: Date;
  amount: number;
  unit: DurationUnit;
  cutoff?: string | null;
  skipHolidays?: boolean;
  pauses?: readonly Pause[];
}

export interface RecomputeInput {
  inputs: StoredClockInputs;
  oldCalendar: WorkingCalendar;
  newCalendar: WorkingCalendar;
  /** The dossier was received before the change was published. */
  receivedBeforeChange: boolean;
  /** A Form 01 carrying the due was printed before the change. */
  form01PrintedBeforeChange: boolean;
  /** The due currently applied (stored); default: the due under `oldCalendar`. */
  currentDue?: Date | null;
}

export interface RecomputeResult {
  /** Due under the old calendar (null while a pause is open). */
  oldDue: Date | null;
  /** Due under the new calendar (null while a pause is open). */
  newDue: Date | null;
  /** The due to store. */
  appliedDue: Date | null;
  /** new vs the previously applied due. */
  direction: 'later' | 'earlier' | 'unchanged';
  /** appliedDue differs from the previously applied due (log `due_recomputed`). */
  changed: boolean;
  /** A later due was applied: notify the applicant (not a reschedule). */
  notifyApplicant: boolean;
  /** An earlier due was refused to protect a receipt/printed Form 01. */
  keptEarlierDue: boolean;
  provisional: boolean;
}

/** The citizen-facing (legal) due of stored inputs under a calendar. */
export function legalDueOf(cal: WorkingCalendar, inputs: StoredClockInputs): { due: Date | null; provisional: boolean } {
  const base = {
    receivedAt: inputs.receivedAt,
    amount: inputs.amount,
    unit: inputs.unit,
    cutoff: inputs.cutoff ?? null,
    skipHolidays: inputs.skipHolidays ?? false,
  };
  if (inputs.pauses && inputs.pauses.length > 0) {
    const e = evaluatePauses(cal, { ...base, pauses: inputs.pauses });
    return { due: e.legalDue, provisional: e.provisional };
  }
  const r = computeDue(cal, base);
  return { due: r.due, provisional: r.provisional };
}

export function recomputeDue(input: RecomputeInput): RecomputeResult {
  const before = legalDueOf(input.oldCalendar, input.inputs);
  const after = legalDueOf(input.newCalendar, input.inputs);
  const oldDue = before.due;
  const newDue = after.due;
  const previous = input.currentDue ?? oldDue;
  if (newDue === null || previous === null) {
    // A pause is open: nothing to apply until the clock runs again (recompute on resumption).
    return {
      oldDue,
      newDue,
      appliedDue: previous ?? newDue,
      direction: 'unchanged',
      changed: false,
      notifyApplicant: false,
      keptEarlierDue: false,
      provisional: after.provisional,
    };
  }
  const p = previous.getTime();
  const n = newDue.getTime();
  const direction = n > p ? 'later' : n < p ? 'earlier' : 'unchanged';
  const protectedDue = input.receivedBeforeChange || input.form01PrintedBeforeChange;
  const keptEarlierDue = direction === 'earlier' && protectedDue;
  const appliedDue = keptEarlierDue ? previous : newDue;
  return {
    oldDue,
    newDue,
    appliedDue,
    direction,
    changed: appliedDue.getTime() !== p,
    notifyApplicant: appliedDue.getTime() > p,
    keptEarlierDue,
    provisional: after.provisional,
  };
}

/**
 * Whether a change of the given dates can affect a dossier: a changed date lies in the clock
 * interval [receipt date, due date] or in a pause window (an open pause reaches indefinitely).
 */
export function isAffectedByChange(
  inputs: StoredClockInputs,
  due: Date | null,
  changedDates: readonly LocalDate[],
): boolean {
  const from = localDateOf(inputs.receivedAt);
  let open = due === null;
  let to: LocalDate | null = due ? localDateOf(due) : null;
  for (const p of inputs.pauses ?? []) {
    if (p.to === null) open = true;
    else {
      const d = localDateOf(p.to);
      if (to === null || d > to) to = d;
    }
  }
  return changedDates.some((d) => d >= from && (open || (to !== null && d <= to)));
}
