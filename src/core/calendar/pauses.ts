/**
 * Pauses and restarts (calendar.md §4.5). Pure: the three treatments are computed from the stored
 * inputs (receipt, duration, pause intervals) and reports name the rule they use.
 *
 * | Rule | Effect |
 * |---|---|
 * | legal (NĐ 61/2018 Art. 19(4)) | a completed supplement RESTARTS the clock: legal due = normalised completion + the FULL duration; payment / other legal pauses after that add the working time paused |
 * | pause (OpenCPS) | the original due moves forward by the working time spent paused (all reasons) |
 * | QĐ 766 indicator 2.1 | effective end = end − Σ(supplement completed − requested); on time iff ≤ due (NgayHenTra); more than one supplement ⇒ late. Elapsed time by default, working time as a variant (to verify) |
 *
 * While a pause is open the legal and pause dues are `null` (the clock is stopped); `frozen*Due`
 * give the due as it stood before the open pause (for "Tạm dừng" displays). A dossier that ends
 * during an open pause is classified with the pause start as its end against the frozen dues.
 */
import { classify } from './classify.js';
import { type DueResult, DeadlineInputError, computeDue } from './deadline.js';
import { MS_PER_DAY, VN_OFFSET_MS } from './time.js';
import type { Classification, ClassificationRule, DurationUnit, Pause } from './types.js';
import type { WorkingCalendar } from './working-calendar.js';

export interface PauseInput {
  receivedAt: Date;
  amount: number;
  unit: DurationUnit;
  cutoff?: string | null;
  pauses: readonly Pause[];
  /** End of processing, if ended. */
  endedAt?: Date | null;
  /** For an open dossier: the period end / now used by QĐ 766 (rule 3: not finished → period end). */
  asOf?: Date | null;
  /** The due QĐ 766 compares with (NgayHenTra as synced); default the original due. */
  index766Due?: Date | null;
  /** Window for a supplement request after receipt, in working days (default 3; NĐ 61 Art. 19(4)). */
  supplementWindowWorkingDays?: number;
  /** Classification rule for the verdicts (default `day`). */
  rule?: ClassificationRule;
}

export interface PauseVerdicts {
  legal: Classification;
  pause: Classification;
  index766: 'on_time' | 'late';
}

export interface PauseEvaluation {
  /** Clock start and due with no pause at all (Form 01's original due). */
  clockStart: Date;
  originalDue: Date;
  /** Legal rule: null while a pause is open. */
  legalDue: Date | null;
  /** Pause rule: null while a pause is open. */
  pauseDue: Date | null;
  /** Dues as they stand ignoring the open pause (equal to legalDue / pauseDue when none is open). */
  frozenLegalDue: Date;
  frozenPauseDue: Date;
  /** Legal rule: the normalised completion of the last completed supplement (the restart), if any. */
  restartedAt: Date | null;
  /** Legal rule: working minutes of payment / other legal pauses after the restart. */
  legalAddedWorkingMinutes: number;
  /** Pause rule: working minutes of all completed pauses (overlaps merged). */
  pausedWorkingMinutes: number;
  /** QĐ 766. */
  supplementCount: number;
  supplementElapsedMs: number;
  supplementWorkingMinutes: number;
  index766Due: Date;
  /** The end used by QĐ 766 (ended, else asOf; an open supplement's request time if earlier). Null if neither is given. */
  index766End: Date | null;
  /** `end − Σ(completed − requested)`, elapsed time (the default variant). */
  effectiveEnd766: Date | null;
  /** The same with working time subtracted (variant, to verify). */
  effectiveEnd766Working: Date | null;
  /** Default (elapsed) variant: more than one supplement, or effective end after the due. Null without an end. */
  index766Late: boolean | null;
  index766LateWorking: boolean | null;
  /** The pause still open, if any. */
  openPause: Pause | null;
  /** Indexes (into `pauses`) of supplement requests made after the 3-working-day window. */
  supplementsOutsideWindow: number[];
  /** A proposed special day lies between the receipt and the latest due. */
  provisional: boolean;
  /** When `endedAt` is given. */
  verdicts: PauseVerdicts | null;
}

interface Interval {
  from: number;
  to: number;
}

function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = list.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else out.push({ ...i });
  }
  return out;
}

function workingMinutesOf(cal: WorkingCalendar, intervals: Interval[]): number {
  let t = 0;
  for (const i of intervals) t += cal.workingMinutesBetween(new Date(i.from), new Date(i.to));
  return t;
}

/** Validates and sorts pauses (keeps their input indexes). */
function checkPauses(pauses: readonly Pause[]): { p: Pause; index: number }[] {
  const list = pauses.map((p, index) => ({ p, index }));
  for (const { p, index } of list) {
    const f = p.from instanceof Date ? p.from.getTime() : Number.NaN;
    const t = p.to === null ? null : p.to instanceof Date ? p.to.getTime() : Number.NaN;
    if (!Number.isFinite(f) || (t !== null && !Number.isFinite(t))) {
      throw new DeadlineInputError('invalid_pause', `pauses[${index}]`, 'Invalid pause instant', 'Thời điểm tạm dừng không hợp lệ');
    }
    if (t !== null && t < f) {
      throw new DeadlineInputError('invalid_pause', `pauses[${index}]`, 'A pause must end after it starts', 'Thời điểm kết thúc tạm dừng phải sau thời điểm bắt đầu');
    }
    if (p.reason !== 'supplement' && p.reason !== 'payment' && p.reason !== 'other_legal') {
      throw new DeadlineInputError('invalid_pause', `pauses[${index}].reason`, `Unknown pause reason: ${String(p.reason)}`, `Lý do tạm dừng không hợp lệ: ${String(p.reason)}`);
    }
  }
  list.sort((a, b) => a.p.from.getTime() - b.p.from.getTime() || a.index - b.index);
  const open = list.filter((x) => x.p.to === null);
  if (open.length > 1 || (open.length === 1 && open[0] !== list[list.length - 1])) {
    throw new DeadlineInputError('invalid_pause', 'pauses', 'Only the last pause may be open', 'Chỉ lần tạm dừng cuối cùng được phép chưa kết thúc');
  }
  return list;
}

const dayOf = (d: Date): number => Math.floor((d.getTime() + VN_OFFSET_MS) / MS_PER_DAY);

/** Computes the legal, pause and QĐ 766 treatments of a dossier's pauses. */
export function evaluatePauses(cal: WorkingCalendar, input: PauseInput): PauseEvaluation {
  const base = { amount: input.amount, unit: input.unit, cutoff: input.cutoff ?? null };
  const original: DueResult = computeDue(cal, { receivedAt: input.receivedAt, ...base });
  const list = checkPauses(input.pauses);
  const openEntry = list.find((x) => x.p.to === null) ?? null;
  const openPause = openEntry ? openEntry.p : null;
  const supplements = list.filter((x) => x.p.reason === 'supplement');
  const completedSupplements = supplements.filter((x) => x.p.to !== null);
  const clockStartMs = original.clockStart.getTime();

  // --- legal rule: restart after the last completed supplement, then add other pauses.
  const last = completedSupplements[completedSupplements.length - 1];
  const restart = last ? computeDue(cal, { receivedAt: last.p.to as Date, ...base }) : null;
  const legalBase = restart ?? original;
  const legalFrom = legalBase.clockStart.getTime();
  const otherAfterBase = mergeIntervals(
    list
      .filter((x) => x.p.reason !== 'supplement' && x.p.to !== null)
      .map((x) => ({ from: Math.max(x.p.from.getTime(), legalFrom), to: (x.p.to as Date).getTime() })),
  );
  const legalAdded = workingMinutesOf(cal, otherAfterBase);
  const frozenLegalDue = legalAdded > 0 ? cal.addWorkingMinutes(legalBase.due, legalAdded) : legalBase.due;
  const legalDue = openPause ? null : frozenLegalDue;

  // --- pause rule: the original due moves forward by the working time paused.
  const allCompleted = mergeIntervals(
    list
      .filter((x) => x.p.to !== null)
      .map((x) => ({ from: Math.max(x.p.from.getTime(), clockStartMs), to: (x.p.to as Date).getTime() })),
  );
  const paused = workingMinutesOf(cal, allCompleted);
  const frozenPauseDue = paused > 0 ? cal.addWorkingMinutes(original.due, paused) : original.due;
  const pauseDue = openPause ? null : frozenPauseDue;

  // --- QĐ 766 indicator 2.1.
  const index766Due = input.index766Due ?? original.due;
  let end: Date | null = input.endedAt ?? input.asOf ?? null;
  const openSupplement = openPause && openPause.reason === 'supplement' ? openPause : null;
  if (end && openSupplement && openSupplement.from.getTime() < end.getTime()) end = openSupplement.from;
  // Supplement windows (requested → completed), cut at the end when one is known.
  const endMs = end ? end.getTime() : Number.POSITIVE_INFINITY;
  const supplementWindows = mergeIntervals(
    supplements
      .filter((x) => x.p.to !== null && x.p.from.getTime() < endMs)
      .map((x) => ({ from: x.p.from.getTime(), to: Math.min((x.p.to as Date).getTime(), endMs) })),
  );
  let elapsedMs = 0;
  for (const w of supplementWindows) elapsedMs += w.to - w.from;
  const workingMin = workingMinutesOf(cal, supplementWindows);
  const supplementCount = supplements.length;
  const effectiveEnd766 = end ? new Date(end.getTime() - elapsedMs) : null;
  const effectiveEnd766Working = end ? (workingMin > 0 ? cal.addWorkingMinutes(end, -workingMin) : end) : null;
  const tooMany = supplementCount > 1;
  const index766Late = effectiveEnd766 ? tooMany || effectiveEnd766.getTime() > index766Due.getTime() : tooMany ? true : null;
  const index766LateWorking = effectiveEnd766Working
    ? tooMany || effectiveEnd766Working.getTime() > index766Due.getTime()
    : tooMany
      ? true
      : null;

  // --- supplement window (flag only).
  const windowDays = input.supplementWindowWorkingDays ?? 3;
  const windowEnd = computeDue(cal, { receivedAt: input.receivedAt, amount: windowDays, unit: 'working_days', cutoff: base.cutoff }).due;
  const supplementsOutsideWindow = supplements
    .filter((x) => x.p.from.getTime() > windowEnd.getTime())
    .map((x) => x.index)
    .sort((a, b) => a - b);

  // --- provisional: any proposed day between the receipt and the latest due / pause end.
  let lastMs = Math.max(frozenLegalDue.getTime(), frozenPauseDue.getTime(), index766Due.getTime());
  for (const x of list) if (x.p.to) lastMs = Math.max(lastMs, x.p.to.getTime());
  const provisional =
    original.provisional || (restart?.provisional ?? false) || cal.provisionalBetween(dayOf(input.receivedAt), dayOf(new Date(lastMs)));

  let verdicts: PauseVerdicts | null = null;
  if (input.endedAt) {
    const ended = input.endedAt;
    const rule = input.rule ?? 'day';
    const stoppedAt = openPause && openPause.from.getTime() < ended.getTime() ? openPause.from : ended;
    verdicts = {
      legal: classify(stoppedAt, frozenLegalDue, { rule, calendar: cal }),
      pause: classify(stoppedAt, frozenPauseDue, { rule, calendar: cal }),
      index766: index766Late ? 'late' : 'on_time',
    };
  }

  return {
    clockStart: original.clockStart,
    originalDue: original.due,
    legalDue,
    pauseDue,
    frozenLegalDue,
    frozenPauseDue,
    restartedAt: restart ? restart.clockStart : null,
    legalAddedWorkingMinutes: legalAdded,
    pausedWorkingMinutes: paused,
    supplementCount,
    supplementElapsedMs: elapsedMs,
    supplementWorkingMinutes: workingMin,
    index766Due,
    index766End: end,
    effectiveEnd766,
    effectiveEnd766Working,
    index766Late,
    index766LateWorking,
    openPause,
    supplementsOutsideWindow,
    provisional,
    verdicts,
  };
}
