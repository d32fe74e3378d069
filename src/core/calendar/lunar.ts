/**
 * Vietnamese lunar calendar (âm lịch), after Hồ Ngọc Đức's published algorithm
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/), computed for UTC+7 (105°E).
 *
 * Vietnam uses the same astronomical rules as China but for UTC+7, so a new moon or a major
 * solar term between 23:00 and 24:00 Vietnam time falls on a different day than in a Chinese
 * (UTC+8) calendar; this can move month 11 or the leap month (1985: Vietnam has leap month 2,
 * China leap month 10 of 1984). Never use a Chinese-calendar library, never the server zone.
 *
 * `INT` in the published algorithm is floor, not truncation (Math.trunc / `| 0` are wrong for
 * negative numbers). The time zone is always passed explicitly (default 7).
 *
 * Invalid lunar dates: `lunarToSolar` THROWS a `LunarDateError` (a RangeError with a `code`)
 * for a leap flag on a month that is not leap in that year, a month outside 1..12, or a day
 * outside the month (29 or 30 days). The HTTP layer maps `LunarDateError` to a 400.
 */

/** Vietnam: UTC+7. */
export const VIETNAM_TIME_ZONE = 7;

export interface LunarDate {
  /** 1..30 */
  day: number;
  /** 1..12 */
  month: number;
  /** Lunar year (the year of its mùng 1 tháng Giêng). */
  year: number;
  /** True for the intercalary month (tháng nhuận), which repeats `month`. */
  leap: boolean;
}

export interface SolarDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

export type LunarDateErrorCode = 'not_leap_month' | 'invalid_month' | 'invalid_day' | 'invalid_year';

/** Thrown by `lunarToSolar` for a lunar date that does not exist. Map to HTTP 400. */
export class LunarDateError extends RangeError {
  readonly code: LunarDateErrorCode;
  readonly messageVi: string;
  constructor(code: LunarDateErrorCode, message: string, messageVi: string) {
    super(message);
    this.name = 'LunarDateError';
    this.code = code;
    this.messageVi = messageVi;
  }
}

const INT = Math.floor;
const PI = Math.PI;
/** Mean synodic month, days. */
const SYNODIC_MONTH = 29.530588853;
/** New moon near 1 Jan 1900 (JD). */
const NEW_MOON_1900 = 2415021.076998695;

/** Julian Day Number of a date (Gregorian from 15/10/1582, Julian before). */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) {
    jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  }
  return jd;
}

/** Inverse of `jdFromDate`. */
export function jdToDate(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  const day = e - INT((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * INT(m / 10);
  const year = b * 100 + d - 4800 + INT(m / 10);
  return { year, month, day };
}

/** Instant (JD, UT) of the k-th new moon after the one near 1 Jan 1900 (Meeus's series). */
export function newMoonJd(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let Jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  Jd1 = Jd1 + 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  let deltat: number;
  if (T < -11) {
    deltat = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3;
  } else {
    deltat = -0.000278 + 0.000265 * T + 0.000262 * T2;
  }
  return Jd1 + C1 - deltat;
}

/** Sun's true longitude (radians, 0..2π) at instant `jdn` (JD, UT). */
export function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - PI * 2 * INT(L / (PI * 2));
  return L;
}

/** Sector 0..11 of the sun's longitude at the local midnight starting day `dayNumber`. */
function sunSector(dayNumber: number, timeZone: number): number {
  return INT((sunLongitude(dayNumber - 0.5 - timeZone / 24) / PI) * 6);
}

/** Local day (JDN) of the k-th new moon. */
function newMoonDay(k: number, timeZone: number): number {
  return INT(newMoonJd(k) + 0.5 + timeZone / 24);
}

// Memoisation of per-year values (pure functions of their arguments).
const month11Cache = new Map<string, number>();
const leapOffsetCache = new Map<string, number>();

/** JDN of the first day of lunar month 11 (the month containing the winter solstice) of year `yy`. */
export function lunarMonth11(yy: number, timeZone: number = VIETNAM_TIME_ZONE): number {
  const key = `${yy}:${timeZone}`;
  const cached = month11Cache.get(key);
  if (cached !== undefined) return cached;
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / SYNODIC_MONTH);
  let nm = newMoonDay(k, timeZone);
  if (sunSector(nm, timeZone) >= 9) {
    nm = newMoonDay(k - 1, timeZone);
  }
  month11Cache.set(key, nm);
  return nm;
}

/** Offset (in months after month 11 starting at `a11`) of the leap month of a 13-month year. */
function leapMonthOffset(a11: number, timeZone: number): number {
  const key = `${a11}:${timeZone}`;
  const cached = leapOffsetCache.get(key);
  if (cached !== undefined) return cached;
  const k = INT((a11 - NEW_MOON_1900) / SYNODIC_MONTH + 0.5);
  let last: number;
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  leapOffsetCache.set(key, i - 1);
  return i - 1;
}

function checkYear(y: number): void {
  if (!Number.isInteger(y) || y < 1 || y > 9999) {
    throw new LunarDateError('invalid_year', `Year out of range: ${y}`, `Năm không hợp lệ: ${y}`);
  }
}

/** Solar (Gregorian) date → Vietnamese lunar date. */
export function solarToLunar(yy: number, mm: number, dd: number, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  checkYear(yy);
  const dayNumber = jdFromDate(dd, mm, yy);
  // The published code tries new moons k+1 then k. When the true new moon k falls later than
  // the mean estimate (e.g. 07/05/2054, 09/04/2062) the day precedes both and the published code
  // returns day 0; stepping back one more lunation fixes it (round trip 1900–2099: 0 mismatches).
  let k = INT((dayNumber - NEW_MOON_1900) / SYNODIC_MONTH) + 1;
  let monthStart = newMoonDay(k, timeZone);
  while (monthStart > dayNumber) {
    k -= 1;
    monthStart = newMoonDay(k, timeZone);
  }
  let a11 = lunarMonth11(yy, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = lunarMonth11(yy - 1, timeZone);
  } else {
    lunarYear = yy + 1;
    b11 = lunarMonth11(yy + 1, timeZone);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: lunarDay, month: lunarMonth, year: lunarYear, leap };
}

/**
 * The leap month number (1..12) of lunar year `lunarYear`, or 0 when the year has 12 months.
 * (The leap month repeats this number.)
 */
export function leapMonthOf(lunarYear: number, timeZone: number = VIETNAM_TIME_ZONE): number {
  checkYear(lunarYear);
  // Months 1..10 of lunar year Y lie between month 11 of Y-1 and month 11 of Y; a leap month in
  // 11/12 of year Y lies after month 11 of Y. Check both intervals.
  const a = lunarMonth11(lunarYear - 1, timeZone);
  const b = lunarMonth11(lunarYear, timeZone);
  if (b - a > 365) {
    const m = leapNumber(leapMonthOffset(a, timeZone));
    if (m >= 1 && m <= 10) return m;
  }
  const c = lunarMonth11(lunarYear + 1, timeZone);
  if (c - b > 365) {
    const m = leapNumber(leapMonthOffset(b, timeZone));
    if (m >= 11) return m;
  }
  return 0;
}

function leapNumber(leapOff: number): number {
  let m = leapOff - 2;
  if (m <= 0) m += 12;
  return m;
}

function monthStartJd(lunarMonth: number, lunarYear: number, leap: boolean, timeZone: number): number {
  let a11: number;
  let b11: number;
  if (lunarMonth < 11) {
    a11 = lunarMonth11(lunarYear - 1, timeZone);
    b11 = lunarMonth11(lunarYear, timeZone);
  } else {
    a11 = lunarMonth11(lunarYear, timeZone);
    b11 = lunarMonth11(lunarYear + 1, timeZone);
  }
  const k = INT(0.5 + (a11 - NEW_MOON_1900) / SYNODIC_MONTH);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  let isLeapYear = false;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, timeZone);
    const leapMonth = leapNumber(leapOff);
    isLeapYear = true;
    if (leap && lunarMonth !== leapMonth) {
      throw notLeap(lunarMonth, lunarYear);
    } else if (leap || off >= leapOff) {
      off += 1;
    }
  }
  if (leap && !isLeapYear) throw notLeap(lunarMonth, lunarYear);
  return newMoonDay(k + off, timeZone);
}

function notLeap(month: number, year: number): LunarDateError {
  return new LunarDateError(
    'not_leap_month',
    `Lunar month ${month} of ${year} is not a leap month`,
    `Tháng ${month} năm ${year} âm lịch không phải tháng nhuận`,
  );
}

/** Number of days (29 or 30) of a lunar month. Throws `LunarDateError` if it does not exist. */
export function lunarMonthLength(
  lunarMonth: number,
  lunarYear: number,
  leap = false,
  timeZone: number = VIETNAM_TIME_ZONE,
): number {
  checkYear(lunarYear);
  if (!Number.isInteger(lunarMonth) || lunarMonth < 1 || lunarMonth > 12) {
    throw new LunarDateError('invalid_month', `Invalid lunar month: ${lunarMonth}`, `Tháng âm lịch không hợp lệ: ${lunarMonth}`);
  }
  const start = monthStartJd(lunarMonth, lunarYear, leap, timeZone);
  // The next new moon after `start`.
  const k = INT((start - NEW_MOON_1900) / SYNODIC_MONTH + 0.5);
  let next = newMoonDay(k + 1, timeZone);
  if (next <= start) next = newMoonDay(k + 2, timeZone);
  return next - start;
}

/**
 * Lunar date → solar (Gregorian) date. Throws `LunarDateError` when the lunar date does not exist
 * (`not_leap_month`, `invalid_month`, `invalid_day`, `invalid_year`).
 */
export function lunarToSolar(
  day: number,
  month: number,
  year: number,
  leap = false,
  timeZone: number = VIETNAM_TIME_ZONE,
): SolarDate {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new LunarDateError('invalid_month', `Invalid lunar month: ${month}`, `Tháng âm lịch không hợp lệ: ${month}`);
  }
  if (!Number.isInteger(day) || day < 1 || day > 30) {
    throw new LunarDateError('invalid_day', `Invalid lunar day: ${day}`, `Ngày âm lịch không hợp lệ: ${day}`);
  }
  const start = monthStartJd(month, year, leap, timeZone);
  if (day === 30 && lunarMonthLength(month, year, leap, timeZone) < 30) {
    throw new LunarDateError(
      'invalid_day',
      `Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has 29 days`,
      `Tháng ${month}${leap ? ' nhuận' : ''} năm ${year} âm lịch chỉ có 29 ngày`,
    );
  }
  return jdToDate(start + day - 1);
}
