/**
 * The deadline engine (calendar.md §4.2–4.4, §4.9). Pure: `now` is never read.
 *
 * Working units (`working_days`, `working_hours`): normalise the clock start (§4.2), convert the
 * duration to working minutes (days × `minutes_per_working_day` of the hours version in force on
 * the clock-start day; hours × 60) and take the FIRST instant at which the remaining minutes reach
 * 0 (a session end such as 11:30 or 17:00 is possible, the next session start never).
 *
 * `same_day` (§4.4, OpenCPS `afterHour`): the close of the clock-start day; after the cut-off the
 * clock starts the next working day, so the due is that day's close. `amount` is ignored.
 *
 * Calendar units `days` / `months` (§4.4, §4.9, Civil Code 2015 Arts 146–148): the receipt day is
 * not counted; the period ends at 24:00 of its last day, represented as 00:00 of the next local
 * day (formatted "24:00" of the last day in steps); a last day that is not a working day (weekend,
 * holiday, compensatory, bridge day, closure) rolls to 24:00 of the next working day; holidays
 * inside the period are counted unless `skipHolidays` (per-procedure flag, default off).
 * `closeOfLastDay` gives the closing time of that last day for display (§4.4).
 *
 * `steps` is computed lazily on first read (the engine itself never formats text).
 */
import {
  type LocalDate,
  MS_PER_DAY,
  VN_OFFSET_MS,
  dateOfDayNumber,
  daysInMonth,
  dayNumberFromYmd,
  formatDayVi,
  formatInstantVi,
  instantOf,
  parseHHMM,
  weekdayOfDayNumber,
  ymdOfDayNumber,
} from './time.js';
import type { DurationUnit } from './types.js';
import { type ClockStartInfo, type DayKind, type WorkingCalendar, MAX_SPAN_DAYS, CalendarRangeError } from './working-calendar.js';

export interface DueInput {
  /** Legal receipt time. */
  receivedAt: Date;
  /** Duration value (fractions allowed for working units: 0.5 WD = half a day). */
  amount: number;
  unit: DurationUnit;
  /** Procedure cut-off `'HH:MM'` (default none); minute precision: 15:00 is before, 15:01 after. */
  cutoff?: string | null;
  /** Calendar units only: do not count public holidays inside the period (default false). */
  skipHolidays?: boolean;
}

export interface DueResult {
  due: Date;
  /** When the clock started (normalised receipt; for calendar units, 00:00 of the first counted day). */
  clockStart: Date;
  /** Working minutes between `clockStart` and `due`. */
  workingMinutes: number;
  /** True if a `proposed` special day affected the computation (display "dự kiến"). */
  provisional: boolean;
  /** Short explanation in Vietnamese for the clerk (computed on first read). */
  readonly steps: string[];
  /** Calendar units: the (rolled) last day of the period. */
  lastDay?: LocalDate;
  /** Calendar units: closing time of the last day, for display (§4.4). */
  closeOfLastDay?: Date;
}

/** Invalid input to the engine (map to HTTP 400). */
export class DeadlineInputError extends RangeError {
  readonly code: string;
  readonly field: string;
  readonly messageVi: string;
  constructor(code: string, field: string, message: string, messageVi: string) {
    super(message);
    this.name = 'DeadlineInputError';
    this.code = code;
    this.field = field;
    this.messageVi = messageVi;
  }
}

const cutoffCache = new Map<string, number>();

/** `'HH:MM'` cut-off → minute of day (null for none). Throws `DeadlineInputError`. */
export function parseCutoff(cutoff: string | null | undefined): number | null {
  if (cutoff === null || cutoff === undefined || cutoff === '') return null;
  let m = cutoffCache.get(cutoff);
  if (m === undefined) {
    try {
      m = parseHHMM(cutoff);
    } catch {
      throw new DeadlineInputError('invalid_cutoff', 'cutoff', `Invalid cut-off time: ${cutoff}`, `Giờ chốt không hợp lệ: ${cutoff}`);
    }
    cutoffCache.set(cutoff, m);
  }
  return m;
}

function checkAmount(amount: number, integer: boolean): void {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0 || (integer && !Number.isInteger(amount))) {
    throw new DeadlineInputError(
      'invalid_amount',
      'amount',
      integer ? `Amount must be a non-negative integer: ${amount}` : `Amount must be a non-negative number: ${amount}`,
      integer ? `Thời hạn phải là số nguyên không âm: ${amount}` : `Thời hạn phải là số không âm: ${amount}`,
    );
  }
}

function checkInstant(d: Date, field: string): void {
  if (!(d instanceof Date) || !Number.isFinite(d.getTime())) {
    throw new DeadlineInputError('invalid_instant', field, `Invalid instant: ${field}`, `Thời điểm không hợp lệ: ${field}`);
  }
}

const dayNumberOfInstant = (d: Date): number => Math.floor((d.getTime() + VN_OFFSET_MS) / MS_PER_DAY);

/**
 * Base of results that carry a lazily built explanation: `steps` is a getter on the prototype
 * (an accessor in an object literal costs V8 a slow path per object; this does not). `toJSON()`
 * includes `steps`; note that object spread (`{ ...result }`) copies the data fields only.
 */
class Explained {
  #explain: (() => string[]) | null;
  #steps: string[] | null = null;
  constructor(explain: () => string[]) {
    this.#explain = explain;
  }
  get steps(): string[] {
    if (this.#steps === null) {
      this.#steps = (this.#explain as () => string[])();
      this.#explain = null;
    }
    return this.#steps;
  }
  toJSON(): Record<string, unknown> {
    return { ...(this as object), steps: this.steps };
  }
}

class DueResultImpl extends Explained implements DueResult {
  due: Date;
  clockStart: Date;
  workingMinutes: number;
  provisional: boolean;
  declare lastDay?: LocalDate;
  declare closeOfLastDay?: Date;
  constructor(due: Date, clockStart: Date, workingMinutes: number, provisional: boolean, explain: () => string[]) {
    super(explain);
    this.due = due;
    this.clockStart = clockStart;
    this.workingMinutes = workingMinutes;
    this.provisional = provisional;
  }
}

class WorkingDaysPeriodImpl extends Explained implements WorkingDaysPeriod {
  lastDay: LocalDate;
  due: Date;
  provisional: boolean;
  constructor(lastDay: LocalDate, due: Date, provisional: boolean, explain: () => string[]) {
    super(explain);
    this.lastDay = lastDay;
    this.due = due;
    this.provisional = provisional;
  }
}

/** Computes a due (see the module comment for the rules). */
export function computeDue(cal: WorkingCalendar, input: DueInput): DueResult {
  checkInstant(input.receivedAt, 'receivedAt');
  const unit = input.unit;
  if (unit === 'working_days' || unit === 'working_hours') {
    checkAmount(input.amount, false);
    const { receivedAt, amount, cutoff: cutoffText } = input;
    const cutoff = parseCutoff(cutoffText);
    const st = cal.clockStart(receivedAt, cutoff);
    const minutes = unit === 'working_days' ? input.amount * cal.minutesPerWorkingDayAt(st.dayNumber) : input.amount * 60;
    const due = minutes > 0 ? cal.addFrom(st.dayNumber, st.minuteOfDay, minutes) : st.start;
    const provisional = cal.provisionalBetween(st.receiptDayNumber, dayNumberOfInstant(due));
    return new DueResultImpl(due, st.start, minutes, provisional, () =>
      explainWorking(cal, { receivedAt, amount, unit, cutoff: cutoffText }, st, minutes, due, provisional),
    );
  }
  if (unit === 'same_day') {
    const cutoff = parseCutoff(input.cutoff);
    const st = cal.clockStart(input.receivedAt, cutoff);
    const close = cal.closingMinute(st.dayNumber) as number;
    const due = instantOf(st.dayNumber, close);
    const workingMinutes = cal.workingMinutesBetween(st.start, due);
    const provisional = cal.provisionalBetween(st.receiptDayNumber, st.dayNumber);
    return new DueResultImpl(due, st.start, workingMinutes, provisional, () => [
      receiptLine(cal, input, st),
      'Thủ tục giải quyết trong ngày: hạn là cuối giờ làm việc của ngày bắt đầu tính',
      ...provisionalLine(provisional),
      `Hạn giải quyết: ${formatInstantVi(due)}`,
    ]);
  }
  if (unit === 'days' || unit === 'months') {
    checkAmount(input.amount, true);
    return calendarPeriod(cal, input);
  }
  throw new DeadlineInputError('invalid_unit', 'unit', `Unknown duration unit: ${String(unit)}`, `Đơn vị thời hạn không hợp lệ: ${String(unit)}`);
}

// ------------------------------------------------------------------ calendar-day periods

const HOLIDAY_KINDS: ReadonlySet<DayKind> = new Set<DayKind>(['holiday', 'compensatory_off', 'bridge_off', 'unit_closure']);

function calendarPeriod(cal: WorkingCalendar, input: DueInput): DueResult {
  const eventDn = dayNumberOfInstant(input.receivedAt);
  const n = input.amount;
  let lastDn: number;
  if (input.unit === 'months') {
    const { year, month, day } = ymdOfDayNumber(eventDn);
    const total = year * 12 + (month - 1) + n;
    const y = Math.floor(total / 12);
    const m = (total % 12) + 1;
    lastDn = dayNumberFromYmd(y, m, Math.min(day, daysInMonth(y, m)));
  } else if (input.skipHolidays) {
    lastDn = eventDn;
    let counted = 0;
    while (counted < n) {
      lastDn += 1;
      if (lastDn - eventDn > MAX_SPAN_DAYS) throw tooLong();
      if (!HOLIDAY_KINDS.has(cal.dayKindByNumber(lastDn))) counted += 1;
    }
  } else {
    lastDn = eventDn + n;
  }
  if (lastDn - eventDn > MAX_SPAN_DAYS) throw tooLong();
  const effectiveDn = cal.minutesOnDay(lastDn) > 0 ? lastDn : cal.workingDayOnOrAfter(lastDn);
  const due = instantOf(effectiveDn + 1, 0);
  const clockStart = instantOf(eventDn + 1, 0);
  const close = cal.closingMinute(effectiveDn) as number;
  const closeOfLastDay = instantOf(effectiveDn, close);
  const provisional = cal.provisionalBetween(input.skipHolidays ? eventDn + 1 : lastDn, effectiveDn);
  const workingMinutes = cal.workingMinutesBetween(clockStart, due);
  const result = new DueResultImpl(
    due,
    clockStart,
    workingMinutes,
    provisional,
    () => {
      const unitVi = input.unit === 'months' ? 'tháng' : 'ngày';
      const steps = [
        `Thời hạn ${n} ${unitVi} theo ngày lịch (Bộ luật Dân sự 2015, Điều 146–148): không tính ngày ${formatDayVi(dateOfDayNumber(eventDn))}, bắt đầu từ ${formatDayVi(dateOfDayNumber(eventDn + 1))}`,
      ];
      let holidaysInside = 0;
      for (let dn = eventDn + 1; dn < lastDn; dn++) if (HOLIDAY_KINDS.has(cal.dayKindByNumber(dn))) holidaysInside += 1;
      if (holidaysInside > 0) {
        steps.push(
          input.skipHolidays
            ? `Không tính ${holidaysInside} ngày nghỉ lễ trong thời hạn`
            : `${holidaysInside} ngày nghỉ lễ trong thời hạn vẫn được tính`,
        );
      }
      if (effectiveDn !== lastDn) {
        steps.push(
          `Ngày cuối cùng ${formatDayVi(dateOfDayNumber(lastDn))} là ${offLabel(cal, lastDn)}: chuyển sang ngày làm việc tiếp theo ${formatDayVi(dateOfDayNumber(effectiveDn))}`,
        );
      }
      steps.push(...provisionalLine(provisional));
      steps.push(`Hết hạn lúc ${formatInstantVi(due, true)}`);
      return steps;
    },
  );
  result.lastDay = dateOfDayNumber(effectiveDn);
  result.closeOfLastDay = closeOfLastDay;
  return result;
}

function tooLong(): CalendarRangeError {
  return new CalendarRangeError('beyond_10_years', 'The period exceeds 10 years', 'Thời hạn vượt quá 10 năm');
}

export interface WorkingDaysPeriod {
  /** The last working day of the period. */
  lastDay: LocalDate;
  /** Close of the last day. */
  due: Date;
  provisional: boolean;
  readonly steps: string[];
}

/**
 * "N ngày làm việc" periods of §4.9 (denunciation intake 7 WD, citizen-reception reply 10 WD):
 * whole working days counted from the working day after the event day, ending at the close of
 * the N-th one. `start` is the event instant or its local date.
 */
export function addWorkingDaysPeriod(cal: WorkingCalendar, start: Date | LocalDate, workingDays: number): WorkingDaysPeriod {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new DeadlineInputError('invalid_amount', 'amount', `Working days must be a positive integer: ${workingDays}`, `Số ngày làm việc phải là số nguyên dương: ${workingDays}`);
  }
  let eventDn: number;
  if (typeof start === 'string') {
    const [y, m, d] = start.split('-').map(Number);
    eventDn = dayNumberFromYmd(y, m, d);
  } else {
    checkInstant(start, 'start');
    eventDn = dayNumberOfInstant(start);
  }
  let dn = eventDn;
  for (let k = 0; k < workingDays; k++) dn = cal.nextWorkingDayNumber(dn);
  const due = instantOf(dn, cal.closingMinute(dn) as number);
  const provisional = cal.provisionalBetween(eventDn, dn);
  const lastDn = dn;
  return new WorkingDaysPeriodImpl(dateOfDayNumber(dn), due, provisional, () => [
    `Thời hạn ${workingDays} ngày làm việc, tính từ ngày làm việc tiếp theo ${formatDayVi(dateOfDayNumber(cal.nextWorkingDayNumber(eventDn)))}`,
    ...skippedDaysLines(cal, eventDn + 1, lastDn),
    ...provisionalLine(provisional),
    `Hết hạn lúc ${formatInstantVi(due)}`,
  ]);
}

// ------------------------------------------------------------------ explanations

function numberVi(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(r).replace('.', ',');
}

/** `480 → '8 giờ'`, `270 → '4 giờ 30 phút'`, `45 → '45 phút'`. */
export function durationVi(minutes: number): string {
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} phút`;
  return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`;
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0].toLowerCase() + s.slice(1) : s;
}

function offLabel(cal: WorkingCalendar, dn: number): string {
  const kind = cal.dayKindByNumber(dn);
  const row = cal.decidingRowByNumber(dn);
  switch (kind) {
    case 'holiday':
      return `ngày nghỉ lễ ${row?.name ?? ''}`.trim();
    case 'compensatory_off':
      return row && /^nghỉ bù/i.test(row.name) ? `ngày ${lowerFirst(row.name)}` : `ngày nghỉ bù${row ? ` (${row.name})` : ''}`;
    case 'bridge_off':
      return 'ngày nghỉ hoán đổi';
    case 'unit_closure':
      return `ngày cơ quan tạm dừng làm việc${row ? ` (${row.name})` : ''}`;
    default: {
      const wd = weekdayOfDayNumber(dn);
      return wd >= 6 ? 'ngày nghỉ cuối tuần' : 'ngày không làm việc';
    }
  }
}

function receiptLine(cal: WorkingCalendar, input: DueInput, st: ClockStartInfo): string {
  const head = `Tiếp nhận lúc ${formatInstantVi(input.receivedAt)}`;
  const from = `bắt đầu tính từ ${formatInstantVi(st.start)}`;
  switch (st.reason) {
    case 'in_session':
      return `${head}, trong giờ làm việc: bắt đầu tính ngay`;
    case 'before_opening':
      return `${head}, trước giờ làm việc: ${from}`;
    case 'between_sessions':
      return `${head}, trong giờ nghỉ giữa hai buổi: ${from}`;
    case 'after_closing':
      return `${head}, sau giờ làm việc: ${from}`;
    case 'after_cutoff':
      return `${head}, sau giờ chốt ${input.cutoff}: ${from}`;
    default: {
      const wd = weekdayOfDayNumber(st.receiptDayNumber);
      const label =
        cal.dayKindByNumber(st.receiptDayNumber) === 'rest_day' && wd === 6
          ? 'ngày thứ Bảy (giờ mở quầy thứ Bảy không tính vào thời gian giải quyết)'
          : offLabel(cal, st.receiptDayNumber);
      return `${head}, vào ${label}: ${from}`;
    }
  }
}

function provisionalLine(provisional: boolean): string[] {
  return provisional ? ['Có ngày nghỉ/làm bù chưa được xác nhận chính thức: hạn là dự kiến'] : [];
}

interface Group {
  /** Label when it is the only group ("ngày nghỉ lễ Tết Nguyên đán"). */
  label: string;
  /** Label inside a list ("Tết Nguyên đán", "nghỉ bù"). */
  short: string;
  runs: [number, number][];
  days: number;
}

function runsText(runs: [number, number][]): string {
  return runs
    .map(([a, b]) => {
      const da = dateOfDayNumber(a);
      const fa = `${da.slice(8, 10)}/${da.slice(5, 7)}/${da.slice(0, 4)}`;
      if (a === b) return fa;
      const db = dateOfDayNumber(b);
      return `${fa}–${db.slice(8, 10)}/${db.slice(5, 7)}/${db.slice(0, 4)}`;
    })
    .join(', ');
}

function groupLabels(cal: WorkingCalendar, dn: number, kind: DayKind): { label: string; short: string } {
  const row = cal.decidingRowByNumber(dn);
  switch (kind) {
    case 'holiday':
      return { label: `ngày nghỉ lễ ${row?.name ?? ''}`.trim(), short: row?.name ?? 'nghỉ lễ' };
    case 'compensatory_off':
      return { label: 'ngày nghỉ bù', short: 'nghỉ bù' };
    case 'bridge_off':
      return { label: 'ngày nghỉ hoán đổi', short: 'nghỉ hoán đổi' };
    default:
      return {
        label: `ngày cơ quan tạm dừng làm việc${row ? ` (${row.name})` : ''}`,
        short: `tạm dừng làm việc${row ? ` (${row.name})` : ''}`,
      };
  }
}

/** Summary lines for the non-working and make-up days in [dnA, dnB] (few lines, never one per day). */
function skippedDaysLines(cal: WorkingCalendar, dnA: number, dnB: number): string[] {
  let weekend = 0;
  const groups = new Map<string, Group>();
  const order: Group[] = [];
  const makeUps: string[] = [];
  for (let dn = dnA; dn <= dnB; dn++) {
    const kind = cal.dayKindByNumber(dn);
    const working = cal.minutesOnDay(dn) > 0;
    if (kind === 'rest_day') {
      weekend += 1;
      continue;
    }
    if (kind === 'make_up_workday') {
      if (working) makeUps.push(formatDayVi(dateOfDayNumber(dn)));
      continue;
    }
    if (kind === 'workday' || working) continue;
    const { label, short } = groupLabels(cal, dn, kind);
    let g = groups.get(short);
    if (!g) {
      g = { label, short, runs: [], days: 0 };
      groups.set(short, g);
      order.push(g);
    }
    const last = g.runs[g.runs.length - 1];
    if (last && last[1] === dn - 1) last[1] = dn;
    else g.runs.push([dn, dn]);
    g.days += 1;
  }
  const lines: string[] = [];
  if (order.length === 1) {
    const g = order[0];
    lines.push(`Bỏ qua ${g.label} ${runsText(g.runs)}${g.days > 1 ? ` (${g.days} ngày)` : ''}`);
  } else if (order.length > 1) {
    const MAX_PARTS = 4;
    const parts = order.slice(0, MAX_PARTS).map((g) => `${g.short} ${runsText(g.runs)}`);
    const rest = order.slice(MAX_PARTS).reduce((t, g) => t + g.days, 0);
    const total = order.reduce((t, g) => t + g.days, 0);
    lines.push(`Bỏ qua ${total} ngày nghỉ lễ, nghỉ bù: ${parts.join('; ')}${rest > 0 ? ` và ${rest} ngày khác` : ''}`);
  }
  if (weekend > 0) lines.push(`Bỏ qua ${weekend} ngày nghỉ cuối tuần`);
  if (makeUps.length > 0) {
    lines.push(makeUps.length <= 2 ? `Tính ngày làm bù ${makeUps.join(', ')}` : `Tính ${makeUps.length} ngày làm bù`);
  }
  return lines;
}

function explainWorking(
  cal: WorkingCalendar,
  input: DueInput,
  st: ClockStartInfo,
  minutes: number,
  due: Date,
  provisional: boolean,
): string[] {
  const steps = [receiptLine(cal, input, st)];
  if (input.unit === 'working_days') {
    steps.push(`Cộng ${numberVi(input.amount)} ngày làm việc (${durationVi(minutes)} làm việc)`);
  } else {
    steps.push(`Cộng ${durationVi(minutes)} làm việc`);
  }
  const dueDn = dayNumberOfInstant(due);
  steps.push(...skippedDaysLines(cal, st.dayNumber, dueDn));
  steps.push(...provisionalLine(provisional));
  steps.push(`Hạn giải quyết: ${formatInstantVi(due)}`);
  return steps;
}
