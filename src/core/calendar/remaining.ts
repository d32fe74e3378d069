/**
 * Remaining / overdue working time for displays (calendar.md §4.8). `now` is passed in.
 *
 * Remaining = working minutes from `now` to the due, converted with `minutes_per_working_day`
 * (of the hours in force on `now`'s date unless given). Text drops zero parts; under one hour it
 * shows minutes. Overdue uses the working time past the due. While paused, the remainder is frozen
 * at the pause start. "Sắp đến hạn" (`due_soon`) at ≤ 1 working day by default.
 */
import type { PauseReason } from './types.js';
import type { WorkingCalendar } from './working-calendar.js';
import { MS_PER_DAY, VN_OFFSET_MS } from './time.js';

export type RemainingState = 'remaining' | 'overdue' | 'paused' | 'due_soon';

export interface RemainingTime {
  state: RemainingState;
  /** Working minutes left (remaining, due_soon, paused) or past the due (overdue); never negative. */
  workingMinutes: number;
  days: number;
  hours: number;
  minutes: number;
  textVi: string;
  textEn: string;
  /** Badge: "Sắp đến hạn", "Quá hạn", "Tạm dừng", "Trong hạn". */
  labelVi: string;
  labelEn: string;
}

export interface RemainingOptions {
  /** The open pause, if the dossier or step is paused: the remainder is frozen at `since`. */
  paused?: { since: Date; reason: PauseReason } | null;
  /** "Due soon" threshold in working minutes (default: one working day). */
  dueSoonWorkingMinutes?: number;
  /** Override `minutes_per_working_day`. */
  minutesPerWorkingDay?: number;
}

const PAUSE_TEXT: Record<PauseReason, { vi: string; en: string }> = {
  supplement: { vi: 'Tạm dừng – chờ bổ sung', en: 'Paused – awaiting supplement' },
  payment: { vi: 'Tạm dừng – chờ thực hiện nghĩa vụ tài chính', en: 'Paused – awaiting payment' },
  other_legal: { vi: 'Tạm dừng theo quy định', en: 'Paused (legal ground)' },
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Splits working minutes into days / hours / minutes (floored). */
export function splitWorkingMinutes(workingMinutes: number, minutesPerWorkingDay: number): { days: number; hours: number; minutes: number } {
  const total = Math.floor(Math.abs(workingMinutes) + 1e-9);
  const days = Math.floor(total / minutesPerWorkingDay);
  const rest = total - days * minutesPerWorkingDay;
  const hours = Math.floor(rest / 60);
  return { days, hours, minutes: Math.floor(rest - hours * 60) };
}

/** `'2 ngày 3 giờ'`, `'45 phút'` (zero parts dropped; minutes only under one hour). */
export function formatWorkingDurationVi(p: { days: number; hours: number; minutes: number }): string {
  if (p.days === 0 && p.hours === 0) return `${p.minutes} phút`;
  const parts: string[] = [];
  if (p.days > 0) parts.push(`${p.days} ngày`);
  if (p.hours > 0) parts.push(`${p.hours} giờ`);
  return parts.join(' ');
}

/** `'2 days 3 hours'`, `'45 minutes'`. */
export function formatWorkingDurationEn(p: { days: number; hours: number; minutes: number }): string {
  if (p.days === 0 && p.hours === 0) return plural(p.minutes, 'minute', 'minutes');
  const parts: string[] = [];
  if (p.days > 0) parts.push(plural(p.days, 'day', 'days'));
  if (p.hours > 0) parts.push(plural(p.hours, 'hour', 'hours'));
  return parts.join(' ');
}

/** Remaining (or overdue) working time at `now` for a due. */
export function remainingTime(cal: WorkingCalendar, now: Date, due: Date, options: RemainingOptions = {}): RemainingTime {
  const mpd =
    options.minutesPerWorkingDay ?? cal.minutesPerWorkingDayAt(Math.floor((now.getTime() + VN_OFFSET_MS) / MS_PER_DAY));
  const dueSoon = options.dueSoonWorkingMinutes ?? mpd;
  if (options.paused) {
    const frozen = Math.max(0, cal.workingMinutesBetween(options.paused.since, due));
    const parts = splitWorkingMinutes(frozen, mpd);
    const t = PAUSE_TEXT[options.paused.reason];
    return { state: 'paused', workingMinutes: frozen, ...parts, textVi: t.vi, textEn: t.en, labelVi: 'Tạm dừng', labelEn: 'Paused' };
  }
  if (now.getTime() > due.getTime()) {
    const past = Math.max(0, cal.workingMinutesBetween(due, now));
    const parts = splitWorkingMinutes(past, mpd);
    const none = past < 1;
    return {
      state: 'overdue',
      workingMinutes: past,
      ...parts,
      textVi: none ? 'Đã quá hạn' : `Quá hạn ${formatWorkingDurationVi(parts)}`,
      textEn: none ? 'Overdue' : `${formatWorkingDurationEn(parts)} overdue`,
      labelVi: 'Quá hạn',
      labelEn: 'Overdue',
    };
  }
  const left = Math.max(0, cal.workingMinutesBetween(now, due));
  const parts = splitWorkingMinutes(left, mpd);
  const soon = left <= dueSoon;
  return {
    state: soon ? 'due_soon' : 'remaining',
    workingMinutes: left,
    ...parts,
    textVi: `Còn ${formatWorkingDurationVi(parts)}`,
    textEn: `${formatWorkingDurationEn(parts)} left`,
    labelVi: soon ? 'Sắp đến hạn' : 'Trong hạn',
    labelEn: soon ? 'Due soon' : 'On track',
  };
}
