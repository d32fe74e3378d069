/**
 * Report periods: P = [from, to) between local midnights in Asia/Ho_Chi_Minh (one-stop.md §9.2,
 * indicators-766.md §6). `to` is exclusive: a report of October 2026 is from=2026-10-01,
 * to=2026-11-01. Pure: the instants come from core/calendar.
 */
import { addDays, diffDays, formatDateVi, fromLocal, parseLocalDate, type LocalDate } from '../calendar/index.js';

export interface Period {
  from: LocalDate;
  /** Exclusive. */
  to: LocalDate;
  /** Local midnight starting `from`. */
  fromAt: Date;
  /** Local midnight starting `to` (exclusive end). */
  toAt: Date;
}

export interface PeriodError {
  field: 'from' | 'to';
  message: string;
  messageVi: string;
}

/** Longest period a report may cover (days). */
export const MAX_PERIOD_DAYS = 3660;

export function parsePeriod(from: string, to: string): { period: Period; errors: [] } | { period: null; errors: PeriodError[] } {
  const errors: PeriodError[] = [];
  const f = parseLocalDate(from);
  const t = parseLocalDate(to);
  if (!f) errors.push({ field: 'from', message: 'from must be a date YYYY-MM-DD', messageVi: 'from phải là ngày dạng YYYY-MM-DD' });
  if (!t) errors.push({ field: 'to', message: 'to must be a date YYYY-MM-DD', messageVi: 'to phải là ngày dạng YYYY-MM-DD' });
  if (f && t) {
    const days = diffDays(f, t);
    if (days <= 0) {
      errors.push({
        field: 'to',
        message: 'to must be after from (the period is [from, to), to exclusive)',
        messageVi: 'to phải sau from (kỳ báo cáo là [from, to), không tính ngày to)',
      });
    } else if (days > MAX_PERIOD_DAYS) {
      errors.push({
        field: 'to',
        message: `the period may not exceed ${MAX_PERIOD_DAYS} days`,
        messageVi: `kỳ báo cáo không được dài quá ${MAX_PERIOD_DAYS} ngày`,
      });
    }
    for (const [field, d] of [['from', f], ['to', t]] as const) {
      const y = Number(d.slice(0, 4));
      if (y < 1990 || y > 2200) errors.push({ field, message: `${field} must be between 1990 and 2200`, messageVi: `${field} phải trong khoảng năm 1990–2200` });
    }
  }
  if (errors.length || !f || !t) return { period: null, errors };
  return { period: { from: f, to: t, fromAt: fromLocal(f, 0), toAt: fromLocal(t, 0) }, errors: [] };
}

/** "từ ngày 01/10/2026 đến hết ngày 31/10/2026" (the exclusive end printed inclusively). */
export function periodLabelVi(p: Pick<Period, 'from' | 'to'>): string {
  return `từ ngày ${formatDateVi(p.from)} đến hết ngày ${formatDateVi(addDays(p.to, -1))}`;
}

export function periodLabelEn(p: Pick<Period, 'from' | 'to'>): string {
  return `${p.from} to ${addDays(p.to, -1)} inclusive`;
}
