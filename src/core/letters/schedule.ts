/**
 * Periodic reception by heads (reception-and-letters.md §3.1): the minimum number of sessions per
 * period for the unit level comes from the rule set; a report compares sessions held with sessions
 * required per leader unit and warns before the period ends. Pure.
 */
import { addDays, weekdayOf, type LocalDate } from '../calendar/index.js';
import type { PeriodicRule, Rules } from './rules.js';

export type UnitLevel = 'province' | 'department' | 'commune';

/** The reception level of a unit kind (divisions and centres follow their department). */
export function unitLevel(kind: string): UnitLevel | null {
  if (kind === 'province') return 'province';
  if (kind === 'commune') return 'commune';
  if (kind === 'department') return 'department';
  return null;
}

export function periodicRequirement(rules: Rules, kind: string): PeriodicRule | null {
  const lvl = unitLevel(kind);
  return lvl ? rules.reception.periodic[lvl] : null;
}

/** The period (ISO week from Monday, or calendar month) containing a date: [from, to). */
export function periodBounds(date: LocalDate, period: 'week' | 'month'): { from: LocalDate; to: LocalDate } {
  if (period === 'week') {
    const from = addDays(date, 1 - weekdayOf(date));
    return { from, to: addDays(from, 7) };
  }
  const [y, m] = date.split('-').map(Number);
  const from = `${y}-${String(m).padStart(2, '0')}-01`;
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return { from, to: `${ny}-${String(nm).padStart(2, '0')}-01` };
}

export interface Compliance {
  period: 'week' | 'month';
  from: LocalDate;
  to: LocalDate;
  required: number;
  held: number;
  scheduled: number;
  met: boolean;
  /** Not met, and the period ends within `warnDays` days of `today`. */
  warning: boolean;
  daysLeft: number;
}

export function compliance(rule: PeriodicRule, today: LocalDate, held: number, scheduled: number, warnDays = 7): Compliance {
  const { from, to } = periodBounds(today, rule.period);
  const daysLeft = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const met = held >= rule.minSessions;
  return { period: rule.period, from, to, required: rule.minSessions, held, scheduled, met, warning: !met && daysLeft <= warnDays, daysLeft };
}
