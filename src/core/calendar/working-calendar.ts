/**
 * The working calendar of a unit: office-hours versions + the exceptions table (calendar.md §1–2).
 *
 * Built from data only. Per-day values (sessions, working minutes, kind, provisional flag) are
 * precomputed into typed arrays for whole years, with cumulative working minutes, so that adding
 * working time is a binary search over days plus a walk through one day's sessions.
 * Years are materialised lazily (a pure memoisation: the same inputs always give the same table).
 *
 * Conventions:
 * - All times are Asia/Ho_Chi_Minh local (fixed UTC+7); instants are `Date`s.
 * - Sessions are half-open `[start, end)` for "is the clock running", but a due can land exactly
 *   on a session end (11:30, 17:00): the first instant the remaining minutes reach 0.
 * - Saturday-counter hours are not working time: only `WorkingHoursVersion.sessions` count.
 * - A year with no `holiday`/`compensatory_off` row in `specialDays` gets its rows from
 *   `specialDaysForYear(year)` (e.g. the statutory days by rule); other kinds (closures, make-up
 *   days, bridge days) given for that year are merged on top.
 * - Several rows on one date: an off kind wins (unit_closure > holiday > compensatory_off >
 *   bridge_off) over `make_up_workday`. An off row with `sessions` keeps those sessions open.
 * - A make-up day works its row's sessions, else the weekday's own sessions, else the version's
 *   `makeUpSessions`, else the Monday sessions.
 * - A day is "provisional" when its proposed rows change its sessions compared with the
 *   confirmed rows alone.
 */
import {
  type IsoWeekday,
  type LocalDate,
  MS_PER_DAY,
  MS_PER_MINUTE,
  VN_OFFSET_MS,
  dateOfDayNumber,
  dayNumberFromYmd,
  dayNumberOf,
  formatHHMM,
  instantOf,
  parseHHMM,
  parseLocalDate,
  weekdayOfDayNumber,
  ymdOfDayNumber,
} from './time.js';
import type { Session, SessionRange, SpecialDay, SpecialDayKind, WorkingHoursVersion } from './types.js';

export const DEFAULT_SESSIONS: readonly Session[] = [
  { start: '07:30', end: '11:30' },
  { start: '13:00', end: '17:00' },
];

/** OpenCPS default `07:30-11:30,13:00-17:00`, Monday–Friday, 480 minutes per working day. */
export const DEFAULT_WORKING_HOURS: WorkingHoursVersion = {
  effectiveFrom: '1900-01-01',
  sessions: {
    1: [...DEFAULT_SESSIONS],
    2: [...DEFAULT_SESSIONS],
    3: [...DEFAULT_SESSIONS],
    4: [...DEFAULT_SESSIONS],
    5: [...DEFAULT_SESSIONS],
  },
  minutesPerWorkingDay: 480,
  legalBasis: 'Mặc định (OpenCPS): 07:30–11:30, 13:00–17:00, thứ Hai – thứ Sáu',
};

/** Years the calendar accepts. */
export const MIN_CALENDAR_YEAR = 1900;
export const MAX_CALENDAR_YEAR = 2200;
/** Dues further than this from the clock start fail loudly. */
export const MAX_SPAN_DAYS = 3653;

/** Thrown for an instant outside the supported years or a due beyond 10 years. */
export class CalendarRangeError extends RangeError {
  readonly code: 'out_of_range' | 'beyond_10_years' | 'no_working_time';
  readonly messageVi: string;
  constructor(code: CalendarRangeError['code'], message: string, messageVi: string) {
    super(message);
    this.name = 'CalendarRangeError';
    this.code = code;
    this.messageVi = messageVi;
  }
}

/** What a day is, after applying hours and special days. */
export type DayKind = 'workday' | 'rest_day' | SpecialDayKind;

const KIND_CODES: readonly DayKind[] = [
  'workday',
  'rest_day',
  'holiday',
  'compensatory_off',
  'bridge_off',
  'unit_closure',
  'make_up_workday',
];
const K_WORKDAY = 0;
const K_REST = 1;
const OFF_PRECEDENCE: Record<SpecialDayKind, number> = {
  unit_closure: 5,
  holiday: 4,
  compensatory_off: 3,
  bridge_off: 2,
  make_up_workday: 0,
};

export interface DayInfo {
  date: LocalDate;
  weekday: IsoWeekday;
  working: boolean;
  kind: DayKind;
  sessions: SessionRange[];
  workingMinutes: number;
  minutesPerWorkingDay: number;
  /** The rows of the exceptions table that apply to this date (given + rule-generated). */
  specialDays: SpecialDay[];
  /** The row that decided the day, if any. */
  decidingRow: SpecialDay | null;
  provisional: boolean;
}

export interface WorkingCalendarOptions {
  /** Office-hours versions; default `[DEFAULT_WORKING_HOURS]`. Gaps fall back to the default. */
  hours?: readonly WorkingHoursVersion[];
  /** Rows of the exceptions table (any years). */
  specialDays?: readonly SpecialDay[];
  /** Rows for a year that has no holiday row in `specialDays` (e.g. `specialDaysProvider()`). */
  specialDaysForYear?: (year: number) => readonly SpecialDay[];
}

interface NormVersion {
  fromDn: number;
  toDn: number;
  byWeekday: Int32Array[]; // index 1..7
  makeUp: Int32Array;
  mpd: number;
}

/** How the clock start was normalised (for explanations). */
export type ClockStartReason =
  | 'in_session'
  | 'before_opening'
  | 'between_sessions'
  | 'after_closing'
  | 'after_cutoff'
  | 'non_working_day';

export interface ClockStartInfo {
  /** The instant the clock starts. */
  start: Date;
  /** Local day number and minute of day of `start`. */
  dayNumber: number;
  minuteOfDay: number;
  /** Local day number and minute of day of the receipt. */
  receiptDayNumber: number;
  receiptMinuteOfDay: number;
  reason: ClockStartReason;
}

const EMPTY = new Int32Array(0);

function sessionsToFlat(sessions: readonly Session[] | undefined | null, what: string): Int32Array {
  if (!sessions || sessions.length === 0) return EMPTY;
  const flat = new Int32Array(sessions.length * 2);
  let prevEnd = -1;
  sessions.forEach((s, i) => {
    const a = parseHHMM(s.start);
    const b = parseHHMM(s.end);
    if (!(a < b)) throw new RangeError(`${what}: session ${s.start}-${s.end} must start before it ends`);
    if (a < prevEnd) throw new RangeError(`${what}: sessions must be sorted and must not overlap`);
    prevEnd = b;
    flat[2 * i] = a;
    flat[2 * i + 1] = b;
  });
  return flat;
}

function flatMinutes(flat: Int32Array): number {
  let t = 0;
  for (let j = 0; j < flat.length; j += 2) t += flat[j + 1] - flat[j];
  return t;
}

function sameFlat(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function flatToRanges(flat: Int32Array): SessionRange[] {
  const out: SessionRange[] = [];
  for (let j = 0; j < flat.length; j += 2) {
    out.push({ start: formatHHMM(flat[j]), end: formatHHMM(flat[j + 1]), startMinute: flat[j], endMinute: flat[j + 1] });
  }
  return out;
}

function normaliseVersion(v: WorkingHoursVersion): NormVersion {
  const from = parseLocalDate(v.effectiveFrom);
  if (from === null) throw new RangeError(`Invalid effectiveFrom: ${v.effectiveFrom}`);
  let toDn = Number.POSITIVE_INFINITY;
  if (v.effectiveTo !== undefined && v.effectiveTo !== null) {
    if (parseLocalDate(v.effectiveTo) === null) throw new RangeError(`Invalid effectiveTo: ${v.effectiveTo}`);
    toDn = dayNumberOf(v.effectiveTo);
  }
  if (!(v.minutesPerWorkingDay > 0) || !Number.isFinite(v.minutesPerWorkingDay)) {
    throw new RangeError('minutesPerWorkingDay must be a positive number');
  }
  const byWeekday: Int32Array[] = [EMPTY];
  for (let wd = 1; wd <= 7; wd++) {
    byWeekday.push(sessionsToFlat(v.sessions[wd as IsoWeekday], `hours from ${v.effectiveFrom}, weekday ${wd}`));
  }
  let makeUp = sessionsToFlat(v.makeUpSessions, `make-up sessions from ${v.effectiveFrom}`);
  if (makeUp.length === 0) {
    for (let wd = 1; wd <= 5 && makeUp.length === 0; wd++) makeUp = byWeekday[wd];
  }
  return { fromDn: dayNumberOf(from), toDn, byWeekday, makeUp, mpd: v.minutesPerWorkingDay };
}

export class WorkingCalendar {
  private readonly versions: NormVersion[];
  private readonly defaultVersion: NormVersion;
  private readonly givenRows = new Map<number, SpecialDay[]>();
  private readonly coveredYears = new Set<number>();
  private readonly ruleRows = new Map<number, SpecialDay[]>();
  private readonly ruleYears = new Set<number>();
  private readonly provider?: (year: number) => readonly SpecialDay[];
  private readonly customSessions = new Map<string, Int32Array>();

  // Day table over [y0-01-01, y1-12-31]; index i = dayNumber - base.
  private y0 = 0;
  private y1 = -1;
  private base = 0;
  private n = 0;
  /** Working minutes per day. */
  private mins = new Float64Array(0);
  /** cum[i] = working minutes of days [0, i). */
  private cum = new Float64Array(1);
  /** prov[i] = number of provisional days in [0, i). */
  private prov = new Int32Array(1);
  /** First working day index >= i, or -1 if none before the table end. */
  private nextWork = new Int32Array(0);
  /** Last working day index <= i, or -1. */
  private prevWork = new Int32Array(0);
  private sess: Int32Array[] = [];
  private kind = new Uint8Array(0);
  private mpd = new Float64Array(0);
  private rows: (SpecialDay[] | undefined)[] = [];
  private decider: (SpecialDay | null)[] = [];

  constructor(options: WorkingCalendarOptions = {}) {
    const hours = options.hours && options.hours.length > 0 ? options.hours : [DEFAULT_WORKING_HOURS];
    this.versions = hours.map(normaliseVersion).sort((a, b) => a.fromDn - b.fromDn);
    for (let i = 1; i < this.versions.length; i++) {
      if (this.versions[i - 1].toDn > this.versions[i].fromDn) throw new RangeError('Working-hours versions overlap');
    }
    this.defaultVersion = normaliseVersion(DEFAULT_WORKING_HOURS);
    this.provider = options.specialDaysForYear;
    for (const row of options.specialDays ?? []) {
      if (parseLocalDate(row.date) === null) throw new RangeError(`Invalid special-day date: ${row.date}`);
      const dn = dayNumberOf(row.date);
      const list = this.givenRows.get(dn);
      if (list) list.push(row);
      else this.givenRows.set(dn, [row]);
      if (row.kind === 'holiday' || row.kind === 'compensatory_off') this.coveredYears.add(Number(row.date.slice(0, 4)));
    }
  }

  // ---------------------------------------------------------------- table

  private versionAt(dn: number): NormVersion {
    const vs = this.versions;
    for (let i = vs.length - 1; i >= 0; i--) {
      const v = vs[i];
      if (dn >= v.fromDn) return dn < v.toDn ? v : this.defaultVersion;
    }
    return this.defaultVersion;
  }

  private rowsForDay(dn: number, year: number): SpecialDay[] | undefined {
    const given = this.givenRows.get(dn);
    if (this.coveredYears.has(year) || !this.provider) return given;
    const rule = this.ruleRows.get(dn);
    if (!rule) return given;
    return given ? [...rule, ...given] : rule;
  }

  private loadRuleYear(year: number): void {
    if (!this.provider || this.coveredYears.has(year) || this.ruleYears.has(year)) return;
    this.ruleYears.add(year);
    for (const row of this.provider(year)) {
      if (parseLocalDate(row.date) === null) continue;
      const dn = dayNumberOf(row.date);
      const list = this.ruleRows.get(dn);
      if (list) list.push(row);
      else this.ruleRows.set(dn, [row]);
    }
  }

  private rowSessions(row: SpecialDay): Int32Array {
    const key = JSON.stringify(row.sessions);
    let flat = this.customSessions.get(key);
    if (!flat) {
      flat = sessionsToFlat(row.sessions, `special day ${row.date}`);
      this.customSessions.set(key, flat);
    }
    return flat;
  }

  /** Sessions + kind + deciding row of a day for a set of rows. */
  private resolveDay(
    weekday: IsoWeekday,
    v: NormVersion,
    rows: readonly SpecialDay[] | undefined,
  ): { flat: Int32Array; kind: number; decider: SpecialDay | null } {
    const normal = v.byWeekday[weekday];
    if (!rows || rows.length === 0) return { flat: normal, kind: normal.length > 0 ? K_WORKDAY : K_REST, decider: null };
    let best: SpecialDay | null = null;
    let bestP = -1;
    for (const r of rows) {
      const p = OFF_PRECEDENCE[r.kind];
      if (p > bestP) {
        best = r;
        bestP = p;
      }
    }
    if (!best) return { flat: normal, kind: normal.length > 0 ? K_WORKDAY : K_REST, decider: null };
    const kind = KIND_CODES.indexOf(best.kind);
    if (best.kind === 'make_up_workday') {
      const flat = best.sessions && best.sessions.length > 0 ? this.rowSessions(best) : normal.length > 0 ? normal : v.makeUp;
      return { flat, kind, decider: best };
    }
    const flat = best.sessions && best.sessions.length > 0 ? this.rowSessions(best) : EMPTY;
    return { flat, kind, decider: best };
  }

  private ensureYears(ya: number, yb: number): void {
    if (ya >= this.y0 && yb <= this.y1) return;
    if (ya < MIN_CALENDAR_YEAR || yb > MAX_CALENDAR_YEAR) {
      throw new CalendarRangeError(
        'out_of_range',
        `Date outside the supported years ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`,
        `Ngày nằm ngoài khoảng năm được hỗ trợ ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`,
      );
    }
    const y0 = this.y1 < this.y0 ? ya : Math.min(this.y0, ya);
    const y1 = this.y1 < this.y0 ? yb : Math.max(this.y1, yb);
    for (let y = y0; y <= y1; y++) this.loadRuleYear(y);
    const base = dayNumberFromYmd(y0, 1, 1);
    const n = dayNumberFromYmd(y1 + 1, 1, 1) - base;
    const mins = new Float64Array(n);
    const cum = new Float64Array(n + 1);
    const prov = new Int32Array(n + 1);
    const nextWork = new Int32Array(n);
    const prevWork = new Int32Array(n);
    const sess: Int32Array[] = new Array(n);
    const kind = new Uint8Array(n);
    const mpd = new Float64Array(n);
    const rows: (SpecialDay[] | undefined)[] = new Array(n);
    const decider: (SpecialDay | null)[] = new Array(n);
    let year = y0;
    let nextYearDn = dayNumberFromYmd(y0 + 1, 1, 1);
    for (let i = 0; i < n; i++) {
      const dn = base + i;
      if (dn >= nextYearDn) {
        year += 1;
        nextYearDn = dayNumberFromYmd(year + 1, 1, 1);
      }
      const v = this.versionAt(dn);
      const wd = weekdayOfDayNumber(dn);
      const dayRows = this.rowsForDay(dn, year);
      const r = this.resolveDay(wd, v, dayRows);
      let provisional = false;
      if (dayRows && dayRows.some((x) => x.status === 'proposed')) {
        const confirmedOnly = this.resolveDay(
          wd,
          v,
          dayRows.filter((x) => x.status !== 'proposed'),
        );
        provisional = !sameFlat(confirmedOnly.flat, r.flat);
      }
      const m = flatMinutes(r.flat);
      mins[i] = m;
      cum[i + 1] = cum[i] + m;
      prov[i + 1] = prov[i] + (provisional ? 1 : 0);
      sess[i] = r.flat;
      kind[i] = r.kind;
      mpd[i] = v.mpd;
      rows[i] = dayRows;
      decider[i] = r.decider;
    }
    let next = -1;
    for (let i = n - 1; i >= 0; i--) {
      if (mins[i] > 0) next = i;
      nextWork[i] = next;
    }
    let prev = -1;
    for (let i = 0; i < n; i++) {
      if (mins[i] > 0) prev = i;
      prevWork[i] = prev;
    }
    this.y0 = y0;
    this.y1 = y1;
    this.base = base;
    this.n = n;
    this.mins = mins;
    this.cum = cum;
    this.prov = prov;
    this.nextWork = nextWork;
    this.prevWork = prevWork;
    this.sess = sess;
    this.kind = kind;
    this.mpd = mpd;
    this.rows = rows;
    this.decider = decider;
  }

  /** Table index of a day number, materialising its year (and the next one) if needed. */
  private indexOf(dn: number): number {
    let i = dn - this.base;
    if (i < 0 || i >= this.n) {
      const y = ymdOfDayNumber(dn).year;
      this.ensureYears(y, Math.min(y + 1, MAX_CALENDAR_YEAR));
      i = dn - this.base;
    }
    return i;
  }

  private extendForward(): void {
    if (this.y1 >= MAX_CALENDAR_YEAR) {
      throw new CalendarRangeError('out_of_range', 'Due date beyond the supported years', 'Hạn vượt quá khoảng năm được hỗ trợ');
    }
    this.ensureYears(this.y0, this.y1 + 1);
  }

  private extendBackward(): void {
    if (this.y0 <= MIN_CALENDAR_YEAR) {
      throw new CalendarRangeError('out_of_range', 'Date before the supported years', 'Ngày trước khoảng năm được hỗ trợ');
    }
    this.ensureYears(this.y0 - 1, this.y1);
  }

  /** Index of the first working day at or after index i (extending the table as needed). */
  private firstWorkingIndexFrom(i: number, limitDn: number): number {
    for (;;) {
      if (i >= this.n) {
        if (this.base + i > limitDn) return -1;
        this.extendForward();
        continue;
      }
      const w = this.nextWork[i];
      if (w >= 0) return this.base + w > limitDn ? -1 : w;
      if (this.base + this.n > limitDn) return -1;
      this.extendForward();
    }
  }

  /** Working minutes of day i before minute m. */
  private minutesBefore(i: number, m: number): number {
    const s = this.sess[i];
    let t = 0;
    for (let j = 0; j < s.length; j += 2) {
      const a = s[j];
      const b = s[j + 1];
      if (m <= a) break;
      t += (m < b ? m : b) - a;
    }
    return t;
  }

  // ---------------------------------------------------------------- internal fast API

  /**
   * Clock-start normalisation (calendar.md §4.2). `cutoffMinute` = minute of day of the
   * procedure's cut-off, or null. Compared at minute precision: 15:00:59 is not after 15:00.
   * @internal used by deadline.ts
   */
  clockStart(receivedAt: Date, cutoffMinute: number | null): ClockStartInfo {
    const t = receivedAt.getTime();
    if (!Number.isFinite(t)) throw new RangeError('Invalid receipt time');
    const local = t + VN_OFFSET_MS;
    const dn = Math.floor(local / MS_PER_DAY);
    const m = (local - dn * MS_PER_DAY) / MS_PER_MINUTE;
    let i = this.indexOf(dn);
    const s = this.sess[i];
    const limit = dn + MAX_SPAN_DAYS;
    let reason: ClockStartReason;
    if (s.length === 0) {
      reason = 'non_working_day';
    } else if (m >= s[s.length - 1]) {
      reason = 'after_closing';
    } else if (cutoffMinute !== null && Math.floor(m) > cutoffMinute) {
      reason = 'after_cutoff';
    } else {
      for (let j = 0; j < s.length; j += 2) {
        if (m < s[j + 1]) {
          if (m >= s[j]) {
            return { start: receivedAt, dayNumber: dn, minuteOfDay: m, receiptDayNumber: dn, receiptMinuteOfDay: m, reason: 'in_session' };
          }
          return {
            start: instantOf(dn, s[j]),
            dayNumber: dn,
            minuteOfDay: s[j],
            receiptDayNumber: dn,
            receiptMinuteOfDay: m,
            reason: j === 0 ? 'before_opening' : 'between_sessions',
          };
        }
      }
      reason = 'after_closing';
    }
    const w = this.firstWorkingIndexFrom(i + 1, limit);
    if (w < 0) throw noWorkingTime();
    i = w;
    const wdn = this.base + i;
    const open = this.sess[i][0];
    return { start: instantOf(wdn, open), dayNumber: wdn, minuteOfDay: open, receiptDayNumber: dn, receiptMinuteOfDay: m, reason };
  }

  /** Minutes per working day in force on a day number. @internal */
  minutesPerWorkingDayAt(dn: number): number {
    const idx = this.indexOf(dn);
    return this.mpd[idx];
  }

  /**
   * The first instant at which `minutes` (> 0) working minutes have elapsed after position
   * (dn, minuteOfDay). Throws beyond 10 years. @internal
   */
  addFrom(dn: number, minuteOfDay: number, minutes: number): Date {
    let i = this.indexOf(dn);
    const limitDn = dn + MAX_SPAN_DAYS;
    const target = this.cum[i] + this.minutesBefore(i, minuteOfDay) + minutes;
    while (this.cum[this.n] < target) {
      if (this.base + this.n > limitDn) throw beyondTenYears();
      this.extendForward();
    }
    // Smallest k >= i with cum[k + 1] >= target.
    const cum = this.cum;
    let lo = i;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid + 1] >= target) hi = mid;
      else lo = mid + 1;
    }
    i = lo;
    if (this.base + i > limitDn) throw beyondTenYears();
    return this.instantAtRemainder(i, target - cum[i]);
  }

  /** The instant of day i where `r` (0 < r <= mins[i]) working minutes of the day have elapsed. */
  private instantAtRemainder(i: number, r: number): Date {
    const s = this.sess[i];
    for (let j = 0; j < s.length; j += 2) {
      const len = s[j + 1] - s[j];
      if (r <= len + 1e-9) return instantOf(this.base + i, s[j] + Math.min(r, len));
      r -= len;
    }
    return instantOf(this.base + i, s[s.length - 1]);
  }

  /** Whether any provisional day lies in [dnA, dnB]. @internal */
  provisionalBetween(dnA: number, dnB: number): boolean {
    if (dnB < dnA) return false;
    this.indexOf(dnA);
    this.indexOf(dnB); // may extend the table forward; the base stays
    return this.prov[dnB - this.base + 1] - this.prov[dnA - this.base] > 0;
  }

  /** Day number of the first working day strictly after dn. @internal */
  nextWorkingDayNumber(dn: number): number {
    const i = this.indexOf(dn);
    const w = this.firstWorkingIndexFrom(i + 1, dn + MAX_SPAN_DAYS);
    if (w < 0) throw noWorkingTime();
    return this.base + w;
  }

  /** Day number of the first working day at or after dn. @internal */
  workingDayOnOrAfter(dn: number): number {
    const i = this.indexOf(dn);
    const w = this.firstWorkingIndexFrom(i, dn + MAX_SPAN_DAYS);
    if (w < 0) throw noWorkingTime();
    return this.base + w;
  }

  /** Closing minute (last session end) of a day number, or null for a day without sessions. @internal */
  closingMinute(dn: number): number | null {
    const idx = this.indexOf(dn);
    const s = this.sess[idx];
    return s.length === 0 ? null : s[s.length - 1];
  }

  /** Opening minute of a day number, or null. @internal */
  openingMinute(dn: number): number | null {
    const idx = this.indexOf(dn);
    const s = this.sess[idx];
    return s.length === 0 ? null : s[0];
  }

  /** Working minutes on a day number. @internal */
  minutesOnDay(dn: number): number {
    const idx = this.indexOf(dn);
    return this.mins[idx];
  }

  /** Day info by day number. @internal */
  dayInfoByNumber(dn: number): DayInfo {
    const i = this.indexOf(dn);
    const kind = KIND_CODES[this.kind[i]];
    return {
      date: dateOfDayNumber(dn),
      weekday: weekdayOfDayNumber(dn),
      working: this.mins[i] > 0,
      kind,
      sessions: flatToRanges(this.sess[i]),
      workingMinutes: this.mins[i],
      minutesPerWorkingDay: this.mpd[i],
      specialDays: this.rows[i] ? [...(this.rows[i] as SpecialDay[])] : [],
      decidingRow: this.decider[i],
      provisional: this.prov[i + 1] - this.prov[i] > 0,
    };
  }

  /** Kind code of a day number without allocation. @internal */
  dayKindByNumber(dn: number): DayKind {
    const idx = this.indexOf(dn);
    return KIND_CODES[this.kind[idx]];
  }

  /** Deciding row of a day number (null for a plain workday / rest day). @internal */
  decidingRowByNumber(dn: number): SpecialDay | null {
    const idx = this.indexOf(dn);
    return this.decider[idx];
  }

  // ---------------------------------------------------------------- public API

  /** Whether a local date has working time. */
  isWorkingDay(date: LocalDate): boolean {
    const idx = this.indexOf(dayNumberOf(date));
    return this.mins[idx] > 0;
  }

  /** The working sessions of a date (make-up days use the normal weekday sessions unless the row gives some). */
  sessionsOn(date: LocalDate): SessionRange[] {
    const idx = this.indexOf(dayNumberOf(date));
    return flatToRanges(this.sess[idx]);
  }

  /** Working minutes of a date. */
  workingMinutesOn(date: LocalDate): number {
    const idx = this.indexOf(dayNumberOf(date));
    return this.mins[idx];
  }

  /** `minutes_per_working_day` of the hours version in force on a date. */
  minutesPerWorkingDayOn(date: LocalDate): number {
    const idx = this.indexOf(dayNumberOf(date));
    return this.mpd[idx];
  }

  /** Everything known about a date. */
  dayInfo(date: LocalDate): DayInfo {
    return this.dayInfoByNumber(dayNumberOf(date));
  }

  /** Special-day rows applying to a date (given rows and, for uncovered years, rule rows). */
  specialDaysOn(date: LocalDate): SpecialDay[] {
    const i = this.indexOf(dayNumberOf(date));
    return this.rows[i] ? [...(this.rows[i] as SpecialDay[])] : [];
  }

  /** Whether any day in [from, to] depends on a `proposed` row. */
  isProvisionalBetween(from: LocalDate, to: LocalDate): boolean {
    return this.provisionalBetween(dayNumberOf(from), dayNumberOf(to));
  }

  /**
   * The first instant >= `instant` at which the clock runs: `instant` itself inside a session,
   * otherwise the next session start (a session end such as 11:30 moves to 13:00).
   */
  nextWorkingInstant(instant: Date): Date {
    return this.clockStart(instant, null).start;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return dateOfDayNumber(this.nextWorkingDayNumber(dayNumberOf(date)));
  }

  /** The opening instant of a date, or null when it has no sessions. */
  openingOf(date: LocalDate): Date | null {
    const dn = dayNumberOf(date);
    const m = this.openingMinute(dn);
    return m === null ? null : instantOf(dn, m);
  }

  /** The closing instant (end of the last session) of a date, or null. */
  closeOf(date: LocalDate): Date | null {
    const dn = dayNumberOf(date);
    const m = this.closingMinute(dn);
    return m === null ? null : instantOf(dn, m);
  }

  /** Whether an instant lies inside a session or exactly at one of its ends, on a working day. */
  isWorkingInstant(instant: Date): boolean {
    const local = instant.getTime() + VN_OFFSET_MS;
    const dn = Math.floor(local / MS_PER_DAY);
    const m = (local - dn * MS_PER_DAY) / MS_PER_MINUTE;
    const idx = this.indexOf(dn);
    const s = this.sess[idx];
    for (let j = 0; j < s.length; j += 2) if (m >= s[j] && m <= s[j + 1]) return true;
    return false;
  }

  /** Working minutes between two instants (negative when `to` is before `from`). */
  workingMinutesBetween(from: Date, to: Date): number {
    const la = from.getTime() + VN_OFFSET_MS;
    const lb = to.getTime() + VN_OFFSET_MS;
    if (!Number.isFinite(la) || !Number.isFinite(lb)) throw new RangeError('Invalid Date');
    const da = Math.floor(la / MS_PER_DAY);
    const db = Math.floor(lb / MS_PER_DAY);
    const ya = ymdOfDayNumber(Math.min(da, db)).year;
    const yb = ymdOfDayNumber(Math.max(da, db)).year;
    this.ensureYears(ya, yb);
    const ia = da - this.base;
    const ib = db - this.base;
    const wa = this.cum[ia] + this.minutesBefore(ia, (la - da * MS_PER_DAY) / MS_PER_MINUTE);
    const wb = this.cum[ib] + this.minutesBefore(ib, (lb - db * MS_PER_DAY) / MS_PER_MINUTE);
    return wb - wa;
  }

  /**
   * Adds working minutes to an instant: the FIRST instant at which `minutes` working minutes have
   * elapsed after `start` (a session end is possible, the next session start never). With
   * `minutes = 0` the result is `start`. Negative minutes go back: the earliest instant from which
   * `-minutes` working minutes lead to `start`'s working position. Throws beyond 10 years.
   */
  addWorkingMinutes(start: Date, minutes: number): Date {
    if (!Number.isFinite(minutes)) throw new RangeError('minutes must be finite');
    if (minutes === 0) return start;
    const local = start.getTime() + VN_OFFSET_MS;
    if (!Number.isFinite(local)) throw new RangeError('Invalid Date');
    const dn = Math.floor(local / MS_PER_DAY);
    const m = (local - dn * MS_PER_DAY) / MS_PER_MINUTE;
    if (minutes > 0) return this.addFrom(dn, m, minutes);
    // Backwards.
    const limitDn = dn - MAX_SPAN_DAYS;
    this.indexOf(dn);
    for (;;) {
      const i = dn - this.base;
      const target = this.cum[i] + this.minutesBefore(i, m) + minutes;
      if (target <= 0) {
        if (this.base < limitDn) throw beyondTenYears();
        this.extendBackward();
        continue;
      }
      const cum = this.cum;
      let lo = 0;
      let hi = i;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cum[mid + 1] >= target) hi = mid;
        else lo = mid + 1;
      }
      return this.instantAtRemainder(lo, target - cum[lo]);
    }
  }

  /** Years currently materialised (for diagnostics and benchmarks). */
  get materialisedYears(): [number, number] {
    return [this.y0, this.y1];
  }

  /** Pre-materialise a range of years (optional; tables are otherwise built lazily). */
  prepare(fromYear: number, toYear: number): this {
    this.ensureYears(fromYear, toYear);
    return this;
  }
}

function beyondTenYears(): CalendarRangeError {
  return new CalendarRangeError(
    'beyond_10_years',
    'The due date would be more than 10 years after the clock start',
    'Hạn giải quyết vượt quá 10 năm kể từ thời điểm bắt đầu tính',
  );
}

function noWorkingTime(): CalendarRangeError {
  return new CalendarRangeError(
    'no_working_time',
    'No working day within 10 years (check the office hours)',
    'Không có ngày làm việc nào trong 10 năm (kiểm tra giờ làm việc)',
  );
}

/** Builds a working calendar from data. */
export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  return new WorkingCalendar(options);
}
