import type { Db } from '../../db/types.js';
import type { WorkingCalendar } from '../../core/calendar/working-calendar.js';

/** One open record whose due time a calendar change moves (calendar.md §2.4). */
export interface CalendarImpact {
  kind: string;            // 'dossier', 'case', 'feedback', …
  id: string;
  code: string | null;
  oldDue: string;
  newDue: string;
  appliedDue: string;
}

/**
 * Capabilities with open deadlines register here; the calendar calls them after every change
 * (apply: recompute, log `due_recomputed`) and for the administrator's preview (dry run with a
 * hypothetical calendar). The calendar knows nothing of their tables.
 */
export interface CalendarChangeListener {
  name: string;
  apply(db: Db, tenantId: string, changeId: string): Promise<CalendarImpact[]>;
  preview(db: Db, tenantId: string, calendarFor: (unitId: string | null) => Promise<WorkingCalendar>): Promise<CalendarImpact[]>;
}

export const CALENDAR_LISTENERS: CalendarChangeListener[] = [];

export async function notifyCalendarChanged(db: Db, tenantId: string, changeId: string): Promise<CalendarImpact[]> {
  const out: CalendarImpact[] = [];
  for (const l of CALENDAR_LISTENERS) out.push(...(await l.apply(db, tenantId, changeId)));
  return out;
}

export async function previewCalendarChange(
  db: Db,
  tenantId: string,
  calendarFor: (unitId: string | null) => Promise<WorkingCalendar>,
): Promise<CalendarImpact[]> {
  const out: CalendarImpact[] = [];
  for (const l of CALENDAR_LISTENERS) out.push(...(await l.preview(db, tenantId, calendarFor)));
  return out;
}
