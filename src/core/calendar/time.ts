/**
 * Local time for Asia/Ho_Chi_Minh: a fixed UTC+7 offset (Vietnam has had no DST since 1975).
 * Nothing here reads the server's time zone or the clock: every function is plain arithmetic
 * on epoch milliseconds, so results are identical on a UTC server and on a laptop in Hanoi.
 */

/** Offset of Asia/Ho_Chi_Minh from UTC, in minutes. */
export const VN_OFFSET_MINUTES = 420;
export const VN_OFFSET_MS = VN_OFFSET_MINUTES * 60_000;
export const MS_PER_DAY = 86_400_000;
export const MS_PER_MINUTE = 60_000;

/** A local calendar date, `'YYYY-MM-DD'`. */
export type LocalDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalParts {
  date: LocalDate;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes since local midnight, with seconds as a fraction (e.g. 08:37:30 → 517.5). */
  minuteOfDay: number;
  weekday: IsoWeekday;
  /** Days since 1970-01-01 (local). */
  dayNumber: number;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** Days since 1970-01-01 of a local date (a `LocalDate` or y/m/d). */
export function dayNumberOf(date: LocalDate): number {
  const { year, month, day } = splitDate(date);
  return dayNumberFromYmd(year, month, day);
}

/** Days since 1970-01-01 of a proleptic Gregorian y/m/d (pure arithmetic, any year). */
export function dayNumberFromYmd(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `dayNumberFromYmd`. */
export function ymdOfDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Local date of a day number. */
export function dateOfDayNumber(dayNumber: number): LocalDate {
  const { year, month, day } = ymdOfDayNumber(dayNumber);
  return formatLocalDate(year, month, day);
}

/** ISO weekday of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): IsoWeekday {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1 as IsoWeekday;
}

export function splitDate(date: LocalDate): { year: number; month: number; day: number } {
  const parsed = parseLocalDate(date);
  if (parsed === null) throw new RangeError(`Invalid local date: ${date}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Validates a `'YYYY-MM-DD'` string; returns it or null. */
export function parseLocalDate(s: string): LocalDate | null {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return s;
}

export function isLocalDate(s: unknown): s is LocalDate {
  return typeof s === 'string' && parseLocalDate(s) !== null;
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** Local parts of an instant in Asia/Ho_Chi_Minh. */
export function toLocalParts(instant: Date): LocalParts {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid Date');
  const local = t + VN_OFFSET_MS;
  const dayNumber = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - dayNumber * MS_PER_DAY;
  const { year, month, day } = ymdOfDayNumber(dayNumber);
  const hour = Math.floor(msOfDay / 3_600_000);
  const minute = Math.floor(msOfDay / MS_PER_MINUTE) % 60;
  const second = Math.floor(msOfDay / 1000) % 60;
  const millisecond = msOfDay % 1000;
  return {
    date: formatLocalDate(year, month, day),
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    minuteOfDay: msOfDay / MS_PER_MINUTE,
    weekday: weekdayOfDayNumber(dayNumber),
    dayNumber,
  };
}

/** Local date of an instant. */
export function localDateOf(instant: Date): LocalDate {
  return dateOfDayNumber(Math.floor((instant.getTime() + VN_OFFSET_MS) / MS_PER_DAY));
}

/** The instant of `minuteOfDay` (may be fractional, may be 1440 = 24:00) on a local date. */
export function fromLocal(date: LocalDate, minuteOfDay: number): Date {
  return new Date(dayNumberOf(date) * MS_PER_DAY + Math.round(minuteOfDay * MS_PER_MINUTE) - VN_OFFSET_MS);
}

/** Instant of a day number + minute of day (internal fast path). */
export function instantOf(dayNumber: number, minuteOfDay: number): Date {
  return new Date(dayNumber * MS_PER_DAY + Math.round(minuteOfDay * MS_PER_MINUTE) - VN_OFFSET_MS);
}

/** `'2026-11-10T15:20:00+07:00'` (second precision; milliseconds are dropped). */
export function formatLocal(instant: Date): string {
  const p = toLocalParts(instant);
  return `${p.date}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}+07:00`;
}

const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses ISO 8601: `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH[:MM]]`. A string without an offset is
 * local time (+07:00); a date alone is local midnight. `24:00` is accepted as the end of the day.
 * Returns null for anything invalid (never an Invalid Date).
 */
export function parseInstant(s: string): Date | null {
  if (typeof s !== 'string') return null;
  const m = INSTANT_RE.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (hour > 24 || minute > 59 || second > 59) return null;
  if (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0)) return null;
  let offsetMinutes = VN_OFFSET_MINUTES;
  const off = m[8];
  if (off !== undefined) {
    if (off === 'Z' || off === 'z') {
      offsetMinutes = 0;
    } else {
      const sign = off[0] === '-' ? -1 : 1;
      const digits = off.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (oh > 23 || om > 59) return null;
      offsetMinutes = sign * (oh * 60 + om);
    }
  }
  const t =
    dayNumberFromYmd(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    ms -
    offsetMinutes * MS_PER_MINUTE;
  return Number.isFinite(t) ? new Date(t) : null;
}

/** ISO weekday of a local date. */
export function weekdayOf(date: LocalDate): IsoWeekday {
  return weekdayOfDayNumber(dayNumberOf(date));
}

/** `date` + `n` days. */
export function addDays(date: LocalDate, n: number): LocalDate {
  return dateOfDayNumber(dayNumberOf(date) + n);
}

/** Whole days from `a` to `b` (b − a). */
export function diffDays(a: LocalDate, b: LocalDate): number {
  return dayNumberOf(b) - dayNumberOf(a);
}

/** `'HH:MM'` → minutes of day (00:00..24:00). Throws RangeError on bad input. */
export function parseHHMM(s: string): number {
  const m = typeof s === 'string' ? /^(\d{2}):(\d{2})$/.exec(s) : null;
  if (!m) throw new RangeError(`Invalid time of day (HH:MM expected): ${String(s)}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) throw new RangeError(`Invalid time of day: ${s}`);
  return h * 60 + min;
}

/** Minutes of day → `'HH:MM'` (fractions are floored; 1440 → `'24:00'`). */
export function formatHHMM(minuteOfDay: number): string {
  const m = Math.floor(minuteOfDay + 1e-9);
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

export const WEEKDAY_VI: Record<IsoWeekday, string> = {
  1: 'thứ Hai',
  2: 'thứ Ba',
  3: 'thứ Tư',
  4: 'thứ Năm',
  5: 'thứ Sáu',
  6: 'thứ Bảy',
  7: 'Chủ nhật',
};

export const WEEKDAY_EN: Record<IsoWeekday, string> = {
  1: 'Mon',
  2: 'Tue',
  3: 'Wed',
  4: 'Thu',
  5: 'Fri',
  6: 'Sat',
  7: 'Sun',
};

/** `'09/11/2026'`. */
export function formatDateVi(date: LocalDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** `'thứ Hai 09/11/2026'`. */
export function formatDayVi(date: LocalDate): string {
  return `${WEEKDAY_VI[weekdayOf(date)]} ${formatDateVi(date)}`;
}

/**
 * `'15:20 thứ Hai 09/11/2026'`. An instant at exactly local midnight is shown as
 * `'24:00'` of the previous day when `endOfDay` is set (used for deadlines: "hết 24:00").
 */
export function formatInstantVi(instant: Date, endOfDay = false): string {
  const p = toLocalParts(instant);
  if (endOfDay && p.minuteOfDay === 0) {
    return `24:00 ${formatDayVi(dateOfDayNumber(p.dayNumber - 1))}`;
  }
  return `${formatHHMM(p.minuteOfDay)} ${formatDayVi(p.date)}`;
}
