/**
 * Official public-sector holiday schedules (calendar.md §2.2), shipped as seed data for the
 * exceptions table. A year present here REPLACES the rule-generated rows of that year, so each
 * schedule lists every off day of the year, not only the swaps.
 *
 * Evidence marks follow calendar.md: an entry the doc marks "(to verify)" has
 * `evidence: 'to_verify'` and stays `status: 'proposed'` (dues that depend on it are flagged
 * provisional, "dự kiến") until an administrator confirms it against the official notice.
 * Entries the doc states plainly are `status: 'confirmed'`, `evidence: 'documented'`.
 * The number and date of each notice are not in the domain doc: they are left "cần đối chiếu"
 * (to be checked) in `legalBasis` rather than invented.
 */
import { type LocalDate, addDays } from './time.js';
import type { Evidence, SpecialDay, SpecialDayKind, SpecialDayStatus } from './types.js';

export interface OfficialSchedule {
  year: number;
  legalBasis: string;
  /** `to_verify` when the whole schedule is marked "(to verify)" in calendar.md. */
  evidence: Evidence;
  /** Items of the doc that cannot be encoded yet (e.g. proposals without dates). */
  notes: string[];
  days: SpecialDay[];
}

interface RowSpec {
  kind: SpecialDayKind;
  name: string;
  status: SpecialDayStatus;
  evidence: Evidence;
  legalBasis: string;
}

function rows(from: LocalDate, to: LocalDate, spec: RowSpec): SpecialDay[] {
  const out: SpecialDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    out.push({ date: d, ...spec, source: 'official_notice', scope: 'national_public_sector' });
  }
  return out;
}

const LC = 'Bộ luật Lao động số 45/2019/QH14, Điều 112';
const MOHA_2025 = 'Thông báo lịch nghỉ năm 2025 của Bộ Nội vụ đối với cán bộ, công chức, viên chức (số, ngày văn bản: cần đối chiếu)';
const MOHA_2026 = 'Thông báo lịch nghỉ năm 2026 của Bộ Nội vụ đối với cán bộ, công chức, viên chức (số, ngày văn bản: cần đối chiếu)';

const V25: Pick<RowSpec, 'status' | 'evidence'> = { status: 'proposed', evidence: 'to_verify' };
const C26: Pick<RowSpec, 'status' | 'evidence'> = { status: 'confirmed', evidence: 'documented' };

const SCHEDULE_2025: OfficialSchedule = {
  year: 2025,
  legalBasis: `${LC}; ${MOHA_2025}`,
  evidence: 'to_verify',
  notes: [
    'calendar.md marks the whole 2025 schedule "(to verify)": every row is proposed until confirmed.',
    '01/01/2025 is not listed in calendar.md §2.2; it is included from the statutory rule so the year stays complete.',
  ],
  days: [
    { date: '2025-01-01', kind: 'holiday', name: 'Tết Dương lịch', status: 'proposed', evidence: 'rule', legalBasis: `${LC} khoản 1`, source: 'rule', scope: 'national_public_sector' },
    ...rows('2025-01-25', '2025-01-26', { kind: 'holiday', name: 'Tết Nguyên đán', ...V25, legalBasis: MOHA_2025 }),
    ...rows('2025-01-27', '2025-01-27', { kind: 'bridge_off', name: 'Nghỉ hoán đổi dịp Tết Nguyên đán (làm bù thứ Bảy 15/02/2025)', ...V25, legalBasis: MOHA_2025 }),
    ...rows('2025-01-28', '2025-02-02', { kind: 'holiday', name: 'Tết Nguyên đán', ...V25, legalBasis: `${LC}; ${MOHA_2025}` }),
    ...rows('2025-02-15', '2025-02-15', { kind: 'make_up_workday', name: 'Làm bù cho thứ Hai 27/01/2025 (Tết Nguyên đán)', ...V25, legalBasis: MOHA_2025 }),
    ...rows('2025-04-07', '2025-04-07', { kind: 'holiday', name: 'Giỗ Tổ Hùng Vương', ...V25, legalBasis: `${LC}; ${MOHA_2025}` }),
    ...rows('2025-04-26', '2025-04-26', { kind: 'make_up_workday', name: 'Làm bù cho thứ Sáu 02/05/2025 (dịp 30/4 – 1/5)', ...V25, legalBasis: MOHA_2025 }),
    ...rows('2025-04-30', '2025-04-30', { kind: 'holiday', name: 'Ngày Chiến thắng', ...V25, legalBasis: `${LC}; ${MOHA_2025}` }),
    ...rows('2025-05-01', '2025-05-01', { kind: 'holiday', name: 'Ngày Quốc tế Lao động', ...V25, legalBasis: `${LC}; ${MOHA_2025}` }),
    ...rows('2025-05-02', '2025-05-02', { kind: 'bridge_off', name: 'Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/04/2025)', ...V25, legalBasis: MOHA_2025 }),
    ...rows('2025-05-03', '2025-05-04', { kind: 'holiday', name: 'Nghỉ lễ 30/4 – 1/5', ...V25, legalBasis: MOHA_2025 }),
    ...rows('2025-08-30', '2025-08-31', { kind: 'holiday', name: 'Quốc khánh', ...V25, legalBasis: MOHA_2025 }),
    ...rows('2025-09-01', '2025-09-02', { kind: 'holiday', name: 'Quốc khánh', ...V25, legalBasis: `${LC}; ${MOHA_2025}` }),
  ],
};

const SCHEDULE_2026: OfficialSchedule = {
  year: 2026,
  legalBasis: `${LC}; ${MOHA_2026}`,
  evidence: 'documented',
  notes: [
    'Tết Dương lịch: a 4-day break by swap was proposed (to verify); no swap dates are given, so only 01/01 is encoded.',
    'Quốc khánh: 02/09 + 01/09 or 03/09; a 5-day break was proposed (to verify). 01/09 (the rule default) is encoded as proposed.',
  ],
  days: [
    ...rows('2026-01-01', '2026-01-01', { kind: 'holiday', name: 'Tết Dương lịch', ...C26, legalBasis: `${LC}; ${MOHA_2026}` }),
    ...rows('2026-02-14', '2026-02-22', { kind: 'holiday', name: 'Tết Nguyên đán', ...C26, legalBasis: `${LC}; ${MOHA_2026}` }),
    ...rows('2026-04-26', '2026-04-26', { kind: 'holiday', name: 'Giỗ Tổ Hùng Vương', ...C26, legalBasis: `${LC}; ${MOHA_2026}` }),
    ...rows('2026-04-27', '2026-04-27', { kind: 'compensatory_off', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026)', ...C26, legalBasis: `Bộ luật Lao động số 45/2019/QH14, Điều 111 khoản 3; ${MOHA_2026}` }),
    ...rows('2026-04-30', '2026-04-30', { kind: 'holiday', name: 'Ngày Chiến thắng', ...C26, legalBasis: `${LC}; ${MOHA_2026}` }),
    ...rows('2026-05-01', '2026-05-01', { kind: 'holiday', name: 'Ngày Quốc tế Lao động', ...C26, legalBasis: `${LC}; ${MOHA_2026}` }),
    ...rows('2026-09-01', '2026-09-01', { kind: 'holiday', name: 'Quốc khánh (ngày liền kề)', status: 'proposed', evidence: 'to_verify', legalBasis: `${LC}; ${MOHA_2026}` }),
    ...rows('2026-09-02', '2026-09-02', { kind: 'holiday', name: 'Quốc khánh', ...C26, legalBasis: `${LC}; ${MOHA_2026}` }),
  ],
};

export const OFFICIAL_SCHEDULES: Readonly<Record<number, OfficialSchedule>> = {
  2025: SCHEDULE_2025,
  2026: SCHEDULE_2026,
};

/** Official special-day rows per year (for `specialDaysProvider({ schedules })`). */
export const OFFICIAL_SPECIAL_DAYS: Readonly<Record<number, readonly SpecialDay[]>> = Object.fromEntries(
  Object.values(OFFICIAL_SCHEDULES).map((s) => [s.year, s.days]),
);

/** All official rows, flattened and sorted by date (seed for the exceptions table). */
export function officialSpecialDayRows(): SpecialDay[] {
  return Object.values(OFFICIAL_SCHEDULES)
    .flatMap((s) => s.days.map((d) => ({ ...d })))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
