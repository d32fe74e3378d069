/**
 * From the raw counts of the aggregate query to the counters of the standard table, the rate and
 * the invariant of one-stop.md §9.2: carried_over + received = resolved + withdrawn + stopped +
 * in_progress. Each side is counted by its own predicate in SQL, so the invariant is a real check
 * of the data (an ended dossier without an end kind, or ended before it was received, breaks it).
 */
import type { DossierCounts } from './columns.js';
import { formatRate, ratePct } from './rates.js';

/** What the aggregate query returns per group (each an independent count). */
export interface RawCounts {
  carriedOver: number;
  receivedCounter: number;
  receivedOnline: number;
  receivedPostal: number;
  resolvedApproved: number;
  resolvedRefused: number;
  early: number;
  late: number;
  returned: number;
  inProgress: number;
  overdue: number;
  waitingSupplement: number;
  withdrawn: number;
  stopped: number;
  refusedAtIntake: number;
}

export const RAW_KEYS: readonly (keyof RawCounts)[] = [
  'carriedOver',
  'receivedCounter',
  'receivedOnline',
  'receivedPostal',
  'resolvedApproved',
  'resolvedRefused',
  'early',
  'late',
  'returned',
  'inProgress',
  'overdue',
  'waitingSupplement',
  'withdrawn',
  'stopped',
  'refusedAtIntake',
];

export function emptyRaw(): RawCounts {
  return Object.fromEntries(RAW_KEYS.map((k) => [k, 0])) as unknown as RawCounts;
}

export function addRaw(a: RawCounts, b: RawCounts): RawCounts {
  return Object.fromEntries(RAW_KEYS.map((k) => [k, a[k] + b[k]])) as unknown as RawCounts;
}

export interface TableRow extends DossierCounts {
  /** (early + on_time) / resolved × 100, half-up to 2 decimals; null when nothing was resolved. */
  ontimePct: number | null;
  /** `'85.00'` or "—". */
  ontimePctText: string;
}

export interface InvariantCheck {
  holds: boolean;
  /** carried_over + received */
  left: number;
  /** resolved + withdrawn + stopped + in_progress */
  right: number;
}

export function invariant(c: Pick<DossierCounts, 'carriedOver' | 'received' | 'resolved' | 'withdrawn' | 'stopped' | 'inProgress'>): InvariantCheck {
  const left = c.carriedOver + c.received;
  const right = c.resolved + c.withdrawn + c.stopped + c.inProgress;
  return { holds: left === right, left, right };
}

/** The counters and the rate of one row. */
export function toRow(r: RawCounts): TableRow {
  for (const k of RAW_KEYS) {
    if (!Number.isSafeInteger(r[k]) || r[k] < 0) throw new RangeError(`count ${k} must be a non-negative integer, got ${r[k]}`);
  }
  const received = r.receivedCounter + r.receivedOnline + r.receivedPostal;
  const resolved = r.resolvedApproved + r.resolvedRefused;
  const onTime = resolved - r.early - r.late;
  const notYetDue = r.inProgress - r.waitingSupplement - r.overdue;
  if (onTime < 0) throw new RangeError('early + late exceed resolved');
  if (notYetDue < 0) throw new RangeError('waiting + overdue exceed in progress');
  if (r.returned > resolved) throw new RangeError('returned exceeds resolved');
  const ontimePct = ratePct(r.early + onTime, resolved);
  return {
    toProcess: r.carriedOver + received,
    carriedOver: r.carriedOver,
    received,
    receivedCounter: r.receivedCounter,
    receivedOnline: r.receivedOnline,
    receivedPostal: r.receivedPostal,
    resolved,
    early: r.early,
    onTime,
    late: r.late,
    refused: r.resolvedRefused,
    returned: r.returned,
    notReturned: resolved - r.returned,
    inProgress: r.inProgress,
    notYetDue,
    overdue: r.overdue,
    waitingSupplement: r.waitingSupplement,
    withdrawn: r.withdrawn,
    stopped: r.stopped,
    refusedAtIntake: r.refusedAtIntake,
    ontimePct,
    ontimePctText: formatRate(ontimePct),
  };
}
