/**
 * Early / on time / late (calendar.md §4.7).
 *
 * LATE iff `endedAt > due` under every rule (QĐ 766: on time iff NgayKetThucXuLy ≤ NgayHenTra);
 * the rules only split the non-late results, so `ontime_pct = (early + on time) / resolved` is
 * the same under every rule.
 * - `day` (default): early iff the local date of `endedAt` is before the local date of `due`.
 * - `session` (for migrated OpenCPS data): early iff `endedAt` is before the start of the
 *   half-day session that contains the due (with the calendar's configured hours).
 *
 * A due at exactly local midnight is "24:00" of the previous day (calendar-day periods), so its
 * date is that previous day.
 */
import { MS_PER_DAY, MS_PER_MINUTE, VN_OFFSET_MS, instantOf } from './time.js';
import type { Classification, ClassificationRule } from './types.js';
import type { WorkingCalendar } from './working-calendar.js';

export const CLASSIFICATION_LABELS: Record<Classification, { vi: string; en: string }> = {
  early: { vi: 'Trước hạn', en: 'Early' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Quá hạn', en: 'Late' },
};

export interface ClassifyOptions {
  rule?: ClassificationRule;
  /** Required for the `session` rule. */
  calendar?: WorkingCalendar;
}

/** Local day number and minute of day of a due, with 00:00 read as 24:00 of the previous day. */
function duePosition(due: Date): { dn: number; minute: number } {
  const local = due.getTime() + VN_OFFSET_MS;
  let dn = Math.floor(local / MS_PER_DAY);
  let minute = (local - dn * MS_PER_DAY) / MS_PER_MINUTE;
  if (minute === 0) {
    dn -= 1;
    minute = 1440;
  }
  return { dn, minute };
}

/** Classifies the end of processing against a due. */
export function classify(endedAt: Date, due: Date, options: ClassifyOptions = {}): Classification {
  const e = endedAt.getTime();
  const d = due.getTime();
  if (!Number.isFinite(e) || !Number.isFinite(d)) throw new RangeError('Invalid Date');
  if (e > d) return 'late';
  const rule = options.rule ?? 'day';
  const { dn, minute } = duePosition(due);
  let boundary: number; // epoch ms: ending before it is "early"
  if (rule === 'day') {
    boundary = instantOf(dn, 0).getTime();
  } else if (rule === 'session') {
    const cal = options.calendar;
    if (!cal) throw new RangeError('The session rule needs the working calendar');
    const info = cal.dayInfoByNumber(dn);
    let start = 0;
    for (const s of info.sessions) if (s.startMinute <= minute) start = s.startMinute;
    boundary = instantOf(dn, start).getTime();
  } else {
    throw new RangeError(`Unknown classification rule: ${String(rule)}`);
  }
  return e < boundary ? 'early' : 'on_time';
}

/** Whether a class counts as on time for rates (early or on time). */
export function isOnTime(c: Classification): boolean {
  return c !== 'late';
}
