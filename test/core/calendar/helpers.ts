import {
  type SpecialDay,
  OFFICIAL_SPECIAL_DAYS,
  createWorkingCalendar,
  formatLocal,
  parseInstant,
  specialDaysProvider,
} from '../../../src/core/calendar/index.js';
import type { WorkingCalendarOptions } from '../../../src/core/calendar/index.js';

/** A local instant, e.g. `at('2026-11-09 10:00')` (no offset = +07:00). */
export function at(s: string): Date {
  const d = parseInstant(s);
  if (d === null) throw new Error(`bad instant ${s}`);
  return d;
}

/** `'2026-11-10T10:00'` for readable expectations (seconds dropped when zero). */
export function local(d: Date | null): string | null {
  if (d === null) return null;
  const s = formatLocal(d).slice(0, 19);
  return s.endsWith(':00') ? s.slice(0, 16) : s;
}

/** The calendar of the vectors: default hours, the official 2025/2026 schedules, rules elsewhere. */
export function vectorCalendar(extra: Partial<WorkingCalendarOptions> = {}) {
  return createWorkingCalendar({
    specialDaysForYear: specialDaysProvider({ schedules: OFFICIAL_SPECIAL_DAYS }),
    ...extra,
  });
}

/**
 * A calendar with extra rows (e.g. a new holiday) on top of the official / rule rows of their
 * years. (Rows given for a year replace that year's generated rows, as the exceptions table
 * would hold the whole year.)
 */
export function calendarWith(rows: SpecialDay[]) {
  const provider = specialDaysProvider({ schedules: OFFICIAL_SPECIAL_DAYS });
  const years = [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))];
  return vectorCalendar({ specialDays: [...years.flatMap((y) => provider(y)), ...rows] });
}
