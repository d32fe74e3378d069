/**
 * Dossier statistics, the dossier register (Sổ theo dõi hồ sơ) and the leader dashboard.
 *
 * Who may see what: a report is about a unit and all its descendants (a province includes its
 * departments and communes). The caller must hold one of the report roles at that unit or at an
 * ancestor (`unitScope`); citizens never. The register also shows applicants, so it is limited to
 * the roles that handle dossiers (administrators, who have no access to dossiers, see the
 * statistics only), and a phone number is printed only when the dossier's receiving unit is in
 * the caller's own scope.
 */
import type { AuthUser, Role } from '../../core/access/roles.js';
import { hasRole } from '../../core/access/roles.js';
import {
  addDays,
  formatLocal,
  fromLocal,
  remainingTime,
  toLocalParts,
  type LocalDate,
  type WorkingCalendar,
} from '../../core/calendar/index.js';
import {
  COLUMNS,
  GROUP_LABELS,
  ONTIME_PCT,
  RULE_DESCRIPTIONS,
  addRaw,
  addressAndPhone,
  emptyRaw,
  formatDateTimeVi,
  formatDeadlineVi,
  invariant,
  maskPhone,
  parsePeriod,
  periodLabelEn,
  periodLabelVi,
  toRow,
  type Attribution,
  type GroupBy,
  type InvariantCheck,
  type Period,
  type RawCounts,
  type ReportRule,
  type TableRow,
} from '../../core/reports/index.js';
import type { Db, Queryable } from '../../db/types.js';
import { badRequest, fieldError, forbidden } from '../../http/errors.js';
import { unitScope } from '../auth/scope.js';
import { loadCalendar } from '../calendar/service.js';
import { aggregateCounts, attributionSql, groupLabels, subtree } from './queries.js';

/** Roles that may read the statistics of a unit in their scope. */
export const REPORT_ROLES: Role[] = ['leader', 'supervisor', 'admin', 'counter_officer'];
/** Roles that may read the register (it names applicants). */
export const REGISTER_ROLES: Role[] = ['leader', 'supervisor', 'counter_officer'];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  kind: string;
}

/** A unit by id or identifier code (the current unit holding the code); 400 when unknown. */
export async function resolveUnit(db: Queryable, tenantId: string, ref: string): Promise<UnitRef> {
  const r = UUID_RE.test(ref)
    ? await db.query('select id, code, name, kind from units where tenant_id = $1 and id = $2', [tenantId, ref])
    : await db.query(
        `select id, code, name, kind from units where tenant_id = $1 and code = $2
          order by (valid_to is null or valid_to > current_date) desc, valid_from desc limit 1`,
        [tenantId, ref],
      );
  const u = r.rows[0];
  if (!u) throw badRequest([fieldError('unit', `unit '${ref}' does not exist`, `Đơn vị '${ref}' không tồn tại`)]);
  return { id: u.id, code: u.code, name: u.name, kind: u.kind };
}

/**
 * The caller's scope for `roles`, after checking that it covers `unit`. Citizens and staff without
 * the roles, or whose grants do not cover the unit, get 403.
 */
export async function authorizeUnit(db: Queryable, user: AuthUser, unit: UnitRef, roles: Role[]): Promise<Set<string>> {
  const scope = new Set(await unitScope(db, user, roles));
  if (!scope.has(unit.id)) {
    throw forbidden(
      `You may not see the statistics of ${unit.name}: it is outside the units of your roles`,
      `Bạn không được xem số liệu của ${unit.name}: đơn vị này ngoài phạm vi được phân quyền`,
    );
  }
  return scope;
}

export function requireAnyRole(user: AuthUser, roles: Role[]): void {
  if (!hasRole(user, ...roles)) {
    throw forbidden('Reports are for staff of the units concerned', 'Báo cáo chỉ dành cho cán bộ của đơn vị liên quan');
  }
}

export function periodOrThrow(from: string, to: string): Period {
  const r = parsePeriod(from, to);
  if (!r.period) throw badRequest(r.errors.map((e) => fieldError(e.field, e.message, e.messageVi)));
  return r.period;
}

/** The split rule of the non-late results in force at the end of the period (legal parameter). */
async function classificationRule(db: Queryable, tenantId: string, day: LocalDate): Promise<'day' | 'session'> {
  const r = await db.query(
    `select value from legal_parameters where tenant_id in ($1, '*') and key = 'dossier.classification_rule'
        and effective_from <= $2::date and (effective_to is null or effective_to > $2::date)
      order by (tenant_id = '*'), effective_from desc limit 1`,
    [tenantId, day],
  );
  return r.rows[0]?.value?.rule === 'session' ? 'session' : 'day';
}

async function dueSoonWorkingDays(db: Queryable, tenantId: string, day: LocalDate): Promise<{ days: number; basis: string | null }> {
  const r = await db.query(
    `select value, legal_basis from legal_parameters where tenant_id in ($1, '*') and key = 'dossier.due_soon'
        and effective_from <= $2::date and (effective_to is null or effective_to > $2::date)
      order by (tenant_id = '*'), effective_from desc limit 1`,
    [tenantId, day],
  );
  const days = Number(r.rows[0]?.value?.workingDays);
  return Number.isFinite(days) && days > 0 ? { days, basis: r.rows[0].legal_basis } : { days: 1, basis: null };
}

// ---------------------------------------------------------------------------------------------
// The standard table

export interface ReportParams {
  unit: string;
  from: string;
  to: string;
  groupBy: GroupBy;
  rule: ReportRule;
  by: Attribution;
}

export interface ReportRow extends TableRow {
  stt: number;
  group: { id: string | null; code: string | null; name: string };
  invariant: InvariantCheck;
}

export interface DossierReport {
  unit: UnitRef;
  period: { from: string; to: string; fromAt: string; toAt: string; labelVi: string; labelEn: string };
  groupBy: GroupBy;
  groupLabel: { vi: string; en: string };
  rule: ReportRule;
  ruleDescription: { vi: string; en: string };
  splitRule: 'day' | 'session';
  by: Attribution;
  asOf: string;
  /** min(to, now): the instant "overdue" is measured at. */
  overdueAt: string;
  formula: typeof ONTIME_PCT;
  columns: typeof COLUMNS;
  rows: ReportRow[];
  total: TableRow & { invariant: InvariantCheck };
  notes: { vi: string; en: string }[];
}

const NOTES: { vi: string; en: string }[] = [
  {
    vi: 'Kỳ báo cáo [từ, đến) tính theo nửa đêm giờ Việt Nam (Asia/Ho_Chi_Minh); "Đang giải quyết" là trạng thái tại thời điểm cuối kỳ.',
    en: 'Period [from, to) between local midnights (Asia/Ho_Chi_Minh); "in progress" is the state at the end of the period.',
  },
  {
    vi: 'Hồ sơ liên thông (hồ sơ con) không được tính lại; mỗi yêu cầu của người dân chỉ tính một lần tại hồ sơ gốc.',
    en: 'Inter-agency child dossiers are never counted again; each request counts once, at its origin dossier.',
  },
  {
    vi: 'Hồ sơ từ chối tiếp nhận được thống kê riêng, không tính vào số hồ sơ nhận trong kỳ.',
    en: 'Dossiers refused at intake are reported separately and never counted as received.',
  },
  {
    vi: 'Hồ sơ rút và dừng xử lý không tính vào tỉ lệ sớm và đúng hạn.',
    en: 'Withdrawn and stopped dossiers are excluded from the on-time rate.',
  },
];

export async function dossierReport(db: Db, user: AuthUser, params: ReportParams, now: Date): Promise<DossierReport> {
  requireAnyRole(user, REPORT_ROLES);
  const period = periodOrThrow(params.from, params.to);
  const unit = await resolveUnit(db, user.tenantId, params.unit);
  await authorizeUnit(db, user, unit, REPORT_ROLES);
  const { units: tree, wholeTenant } = await subtree(db, user.tenantId, unit.id);
  const splitRule = params.rule === 'legal' ? await classificationRule(db, user.tenantId, addDays(period.to, -1)) : 'day';
  const raw = await aggregateCounts(db, {
    tenantId: user.tenantId,
    fromAt: period.fromAt,
    toAt: period.toAt,
    now,
    units: wholeTenant ? null : tree.map((u) => u.id),
    groupBy: params.groupBy,
    rule: params.rule,
    by: params.by,
    splitRule,
  });

  let groups: { id: string | null; code: string | null; name: string; raw: RawCounts }[];
  if (params.groupBy === 'unit') {
    // Every direct child of the unit is a row (zeros included), the unit's own dossiers first; a
    // deeper unit rolls up into the child it descends from.
    const rollUp = new Map(tree.map((u) => [u.id, u.groupId]));
    const sums = new Map<string, RawCounts>();
    for (const r of raw) {
      const g = r.groupId ? rollUp.get(r.groupId) : undefined;
      if (!g) continue; // not in the subtree: cannot happen with the unit filter, kept for safety
      sums.set(g, addRaw(sums.get(g) ?? emptyRaw(), r));
    }
    groups = tree
      .filter((u) => u.depth <= 1)
      .map((u) => ({ id: u.id, code: u.code, name: u.name, raw: sums.get(u.id) ?? emptyRaw() }));
  } else {
    const labels = await groupLabels(
      db,
      user.tenantId,
      params.groupBy,
      raw.map((r) => r.groupId).filter((x): x is string => !!x),
    );
    groups = raw
      .map((r) => {
        const l = r.groupId ? labels.get(r.groupId) : undefined;
        return {
          id: r.groupId,
          code: l?.code ?? null,
          name: l?.name ?? (params.groupBy === 'field' ? 'Chưa xác định lĩnh vực' : 'Chưa xác định thủ tục'),
          raw: r,
        };
      })
      .sort((a, b) => (a.code === null ? 1 : b.code === null ? -1 : a.code.localeCompare(b.code, 'vi')));
  }
  const rows: ReportRow[] = groups.map((g, i) => {
    const row = toRow(g.raw);
    return { stt: i + 1, group: { id: g.id, code: g.code, name: g.name }, ...row, invariant: invariant(row) };
  });
  const totalRaw = groups.reduce((acc, g) => addRaw(acc, g.raw), emptyRaw());
  const total = toRow(totalRaw);
  return {
    unit,
    period: {
      from: period.from,
      to: period.to,
      fromAt: formatLocal(period.fromAt),
      toAt: formatLocal(period.toAt),
      labelVi: periodLabelVi(period),
      labelEn: periodLabelEn(period),
    },
    groupBy: params.groupBy,
    groupLabel: GROUP_LABELS[params.groupBy],
    rule: params.rule,
    ruleDescription: RULE_DESCRIPTIONS[params.rule],
    splitRule,
    by: params.by,
    asOf: formatLocal(now),
    overdueAt: formatLocal(now.getTime() < period.toAt.getTime() ? now : period.toAt),
    formula: ONTIME_PCT,
    columns: COLUMNS,
    rows,
    total: { ...total, invariant: invariant(total) },
    notes: [
      ...NOTES,
      params.by === 'receiving'
        ? { vi: 'Hồ sơ được tính tại đơn vị tiếp nhận (và các đơn vị cấp trên của đơn vị đó).', en: 'Dossiers are attributed to their receiving unit (and its ancestors).' }
        : {
            vi: 'Hồ sơ được tính tại cơ quan chủ trì giải quyết (nếu chưa xác định thì tại đơn vị tiếp nhận).',
            en: 'Dossiers are attributed to their competent unit (the receiving unit when none is set).',
          },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The register (Sổ theo dõi hồ sơ, Mẫu 06 TT 01/2018 / Mẫu 07 TT 03/2025)

export interface RegisterParams {
  unit: string;
  from: string;
  to: string;
  by: Attribution;
}

export interface RegisterRow {
  stt: number;
  id: string;
  code: string | null;
  registerBook: string | null;
  procedureName: string;
  setsCount: number;
  applicantName: string;
  addressPhone: string;
  competentUnit: string;
  receivedAt: string;
  dueAt: string;
  transferredAt: string;
  resultReceivedAt: string;
  returnedAt: string;
  signature: string;
  note: string;
}

export interface RegisterContext {
  unit: UnitRef;
  period: Period;
  by: Attribution;
  /** The caller's own scope: a phone is shown when the receiving unit is in it. */
  scope: Set<string>;
  units: string[] | null;
  formTitle: { number: string | null; title: string; legalBasis: string } | null;
}

export async function registerContext(db: Db, user: AuthUser, params: RegisterParams): Promise<RegisterContext> {
  requireAnyRole(user, REGISTER_ROLES);
  const period = periodOrThrow(params.from, params.to);
  const unit = await resolveUnit(db, user.tenantId, params.unit);
  const scope = await authorizeUnit(db, user, unit, REGISTER_ROLES);
  const { units: tree, wholeTenant } = await subtree(db, user.tenantId, unit.id);
  // The register form in force when the period ends (Mẫu 06 TT 01/2018, then Mẫu 07 TT 03/2025).
  const lastDay = addDays(period.to, -1);
  const form = (
    await db.query(
      `select number, title, legal_basis from dossier_form_templates
        where tenant_id in ($1, '*') and key = 'register' and effective_from <= $2::date and (effective_to is null or effective_to > $2::date)
        order by (tenant_id = '*'), effective_from desc limit 1`,
      [user.tenantId, lastDay],
    )
  ).rows[0];
  return {
    unit,
    period,
    by: params.by,
    scope,
    units: wholeTenant ? null : tree.map((u) => u.id),
    formTitle: form ? { number: form.number, title: form.title, legalBasis: form.legal_basis } : null,
  };
}

function registerWhere(ctx: RegisterContext, tenantId: string, values: unknown[]): string {
  values.push(tenantId, ctx.period.fromAt, ctx.period.toAt);
  let sql = `d.tenant_id = $1 and d.origin_dossier_id is null and d.received_at >= $2 and d.received_at < $3`;
  if (ctx.units) {
    values.push(ctx.units);
    sql += ` and ${attributionSql(ctx.by)} = any($${values.length}::uuid[])`;
  }
  return sql;
}

const REGISTER_SELECT = `
  d.id, d.code, d.register_year, d.register_no, d.procedure_name, d.sets_count, d.applicant_name, d.applicant_address,
  d.applicant_phone, d.representative_name, d.receiving_unit_id, coalesce(cu.name, ru.name) as competent_name,
  d.received_at, d.original_due_at, d.due_at, d.rescheduled_due_at, d.transferred_at, d.resolved_at, d.returned_at,
  d.channel, d.return_channel, d.end_kind, d.ended_at`;

function registerNote(r: any): string {
  const parts: string[] = [];
  if (r.channel === 2) parts.push('Nộp trực tuyến');
  if (r.channel === 3) parts.push('Nộp qua BCCI');
  if (r.representative_name) parts.push(`Người được ủy quyền: ${r.representative_name}`);
  if (r.rescheduled_due_at) parts.push(`Hẹn lại: ${formatDeadlineVi(r.rescheduled_due_at)}`);
  if (r.end_kind === 'resolved_refused') parts.push('Từ chối giải quyết');
  if (r.end_kind === 'withdrawn') parts.push('Rút hồ sơ');
  if (r.end_kind === 'stopped') parts.push('Dừng giải quyết');
  if (r.ended_at && r.original_due_at && r.ended_at.getTime() > r.original_due_at.getTime() && String(r.end_kind).startsWith('resolved')) parts.push('Quá hạn');
  if (r.return_channel === 'post') parts.push('Trả qua BCCI');
  if (r.return_channel === 'online') parts.push('Trả trực tuyến');
  return parts.join('; ');
}

function toRegisterRow(r: any, stt: number, scope: Set<string>): RegisterRow {
  const phone = scope.has(r.receiving_unit_id) ? r.applicant_phone : maskPhone(r.applicant_phone);
  return {
    stt,
    id: r.id,
    code: r.code,
    registerBook: r.register_no ? `Quyển ${r.register_year} – số ${r.register_no}` : null,
    procedureName: r.procedure_name,
    setsCount: Number(r.sets_count),
    applicantName: r.applicant_name,
    addressPhone: addressAndPhone(r.applicant_address, phone),
    competentUnit: r.competent_name ?? '',
    receivedAt: formatDateTimeVi(r.received_at),
    // The appointment written on Form 01; a Form 04 date is noted in "Ghi chú".
    dueAt: formatDeadlineVi(r.original_due_at ?? r.due_at),
    transferredAt: formatDateTimeVi(r.transferred_at),
    resultReceivedAt: formatDateTimeVi(r.resolved_at),
    returnedAt: formatDateTimeVi(r.returned_at),
    signature: '',
    note: registerNote(r),
  };
}

export async function registerCount(db: Queryable, tenantId: string, ctx: RegisterContext): Promise<number> {
  const values: unknown[] = [];
  const where = registerWhere(ctx, tenantId, values);
  return Number((await db.query(`select count(*)::int as n from dossiers d where ${where}`, values)).rows[0].n);
}

export async function registerPage(db: Queryable, tenantId: string, ctx: RegisterContext, offset: number, limit: number): Promise<RegisterRow[]> {
  const values: unknown[] = [];
  const where = registerWhere(ctx, tenantId, values);
  values.push(limit, offset);
  const r = await db.query(
    `select ${REGISTER_SELECT}
       from dossiers d left join units cu on cu.id = d.competent_unit_id left join units ru on ru.id = d.receiving_unit_id
      where ${where}
      order by d.received_at, d.register_no nulls last, d.id
      limit $${values.length - 1} offset $${values.length}`,
    values,
  );
  return r.rows.map((row: any, i: number) => toRegisterRow(row, offset + i + 1, ctx.scope));
}

/** All rows of the register in order, in batches (keyset on received_at, register_no, id). */
export async function* registerBatches(db: Queryable, tenantId: string, ctx: RegisterContext, batch = 2000): AsyncGenerator<RegisterRow[]> {
  let after: { at: Date; no: number | null; id: string } | null = null;
  let stt = 0;
  for (;;) {
    const values: unknown[] = [];
    let where = registerWhere(ctx, tenantId, values);
    if (after) {
      values.push(after.at, after.no ?? 2147483647, after.id);
      const [a, n, i] = [values.length - 2, values.length - 1, values.length];
      where += ` and (d.received_at, coalesce(d.register_no, 2147483647), d.id) > ($${a}::timestamptz, $${n}::int, $${i}::uuid)`;
    }
    values.push(batch);
    const r = await db.query(
      `select ${REGISTER_SELECT}
         from dossiers d left join units cu on cu.id = d.competent_unit_id left join units ru on ru.id = d.receiving_unit_id
        where ${where}
        order by d.received_at, coalesce(d.register_no, 2147483647), d.id
        limit $${values.length}`,
      values,
    );
    if (!r.rows.length) return;
    yield r.rows.map((row: any) => toRegisterRow(row, ++stt, ctx.scope));
    const last: any = r.rows[r.rows.length - 1];
    after = { at: last.received_at, no: last.register_no, id: last.id };
    if (r.rows.length < batch) return;
  }
}

// ---------------------------------------------------------------------------------------------
// Leader dashboard

export interface DashboardItem {
  id: string;
  code: string | null;
  procedureName: string;
  dueAt: string;
  handler: string | null;
  remainingVi: string;
  remainingEn: string;
}

export interface Dashboard {
  unit: UnitRef;
  by: Attribution;
  asOf: string;
  month: { from: string; to: string; labelVi: string } & TableRow;
  overdueNow: {
    total: number;
    byStep: { stepCode: string; stepName: string; unitId: string | null; unitName: string | null; active: number; stepsOverdue: number; dossiersOverdue: number }[];
    byOfficer: { handlerId: string | null; handlerName: string; overdue: number; oldestDueAt: string }[];
    items: DashboardItem[];
  };
  dueSoon: { total: number; workingDays: number; until: string; legalBasis: string | null; items: DashboardItem[] };
  notes: { vi: string; en: string }[];
}

const ITEM_LIMIT = 50;

export async function dashboard(db: Db, user: AuthUser, params: { unit: string; by: Attribution }, now: Date): Promise<Dashboard> {
  requireAnyRole(user, REPORT_ROLES);
  const unit = await resolveUnit(db, user.tenantId, params.unit);
  await authorizeUnit(db, user, unit, REPORT_ROLES);
  const { units: tree, wholeTenant } = await subtree(db, user.tenantId, unit.id);
  const unitIds = tree.map((u) => u.id);

  // This month (local): [first day, first day of next month), counted with the report's rules.
  const p = toLocalParts(now);
  const monthFrom = `${p.date.slice(0, 7)}-01`;
  const monthTo = p.month === 12 ? `${p.year + 1}-01-01` : `${p.year}-${String(p.month + 1).padStart(2, '0')}-01`;
  const splitRule = await classificationRule(db, user.tenantId, p.date);
  const monthRaw = await aggregateCounts(db, {
    tenantId: user.tenantId,
    fromAt: fromLocal(monthFrom, 0),
    toAt: fromLocal(monthTo, 0),
    now,
    units: wholeTenant ? null : unitIds,
    groupBy: 'field',
    rule: 'legal',
    by: params.by,
    splitRule,
  });
  const month = toRow(monthRaw.reduce((acc, r) => addRaw(acc, r), emptyRaw()));

  // Operational dues: the appointment the office must meet now (a Form 04 date if later).
  const attr = attributionSql(params.by);
  const appointment = 'greatest(d.due_at, d.rescheduled_due_at)';
  const notPaused = `not exists (select 1 from dossier_pauses pa where pa.dossier_id = d.id and pa.to_at is null and pa.reason in ('supplement', 'payment'))`;
  const openInScope = `d.tenant_id = $1 and d.origin_dossier_id is null and d.received_at is not null and d.ended_at is null and ${attr} = any($2::uuid[])`;
  const cal: WorkingCalendar = await loadCalendar(db, user.tenantId, unit.id);
  const soon = await dueSoonWorkingDays(db, user.tenantId, p.date);
  const until = cal.addWorkingMinutes(now, soon.days * cal.minutesPerWorkingDayAt(p.dayNumber));

  const [byOfficer, byStep, overdueItems, soonItems, soonTotal] = await Promise.all([
    db.query(
      `select d.handler_id, u.full_name, count(*)::int as n, min(${appointment}) as oldest
         from dossiers d left join users u on u.id = d.handler_id
        where ${openInScope} and ${appointment} < $3 and ${notPaused}
        group by d.handler_id, u.full_name order by n desc, u.full_name nulls last`,
      [user.tenantId, unitIds, now],
    ),
    db.query(
      `select s.step_code, s.name, s.unit_id, un.name as unit_name, count(*)::int as active,
              count(*) filter (where s.due_at < $3)::int as steps_overdue,
              count(*) filter (where ${appointment} < $3 and ${notPaused})::int as dossiers_overdue
         from dossier_steps s join dossiers d on d.id = s.dossier_id left join units un on un.id = s.unit_id
        where s.tenant_id = $1 and s.status = 'active' and d.tenant_id = $1 and d.ended_at is null and d.origin_dossier_id is null
          and (s.unit_id = any($2::uuid[]) or ${attr} = any($2::uuid[]))
        group by s.step_code, s.name, s.unit_id, un.name
       having count(*) filter (where s.due_at < $3) > 0 or count(*) filter (where ${appointment} < $3 and ${notPaused}) > 0
        order by steps_overdue desc, dossiers_overdue desc, s.step_code`,
      [user.tenantId, unitIds, now],
    ),
    db.query(
      `select d.id, d.code, d.procedure_name, ${appointment} as due, u.full_name
         from dossiers d left join users u on u.id = d.handler_id
        where ${openInScope} and ${appointment} < $3 and ${notPaused}
        order by due, d.id limit ${ITEM_LIMIT}`,
      [user.tenantId, unitIds, now],
    ),
    db.query(
      `select d.id, d.code, d.procedure_name, ${appointment} as due, u.full_name
         from dossiers d left join users u on u.id = d.handler_id
        where ${openInScope} and ${appointment} >= $3 and ${appointment} <= $4 and ${notPaused}
        order by due, d.id limit ${ITEM_LIMIT}`,
      [user.tenantId, unitIds, now, until],
    ),
    db.query(
      `select count(*)::int as n from dossiers d
        where ${openInScope} and ${appointment} >= $3 and ${appointment} <= $4 and ${notPaused}`,
      [user.tenantId, unitIds, now, until],
    ),
  ]);
  const item = (r: any): DashboardItem => {
    const rt = remainingTime(cal, now, r.due);
    return { id: r.id, code: r.code, procedureName: r.procedure_name, dueAt: formatLocal(r.due), handler: r.full_name ?? null, remainingVi: rt.textVi, remainingEn: rt.textEn };
  };
  const officers = byOfficer.rows.map((r: any) => ({
    handlerId: r.handler_id,
    handlerName: r.full_name ?? 'Chưa phân công',
    overdue: Number(r.n),
    oldestDueAt: formatLocal(r.oldest),
  }));
  return {
    unit,
    by: params.by,
    asOf: formatLocal(now),
    month: { from: monthFrom, to: monthTo, labelVi: periodLabelVi({ from: monthFrom, to: monthTo }), ...month },
    overdueNow: {
      total: officers.reduce((s, o) => s + o.overdue, 0),
      byStep: byStep.rows.map((r: any) => ({
        stepCode: r.step_code,
        stepName: r.name,
        unitId: r.unit_id,
        unitName: r.unit_name,
        active: Number(r.active),
        stepsOverdue: Number(r.steps_overdue),
        dossiersOverdue: Number(r.dossiers_overdue),
      })),
      byOfficer: officers,
      items: overdueItems.rows.map(item),
    },
    dueSoon: { total: Number(soonTotal.rows[0].n), workingDays: soon.days, until: formatLocal(until), legalBasis: soon.basis, items: soonItems.rows.map(item) },
    notes: [
      {
        vi: `Tháng này: ${periodLabelVi({ from: monthFrom, to: monthTo })}, tính như báo cáo tổng hợp (trễ hạn so với ngày hẹn ban đầu).`,
        en: 'This month is counted like the standard report (lateness against the original due).',
      },
      {
        vi: 'Quá hạn và sắp đến hạn tính theo ngày hẹn trả hiện hành (kể cả ngày hẹn lại theo Mẫu 04); hồ sơ đang chờ bổ sung hoặc chờ nộp phí không tính.',
        en: 'Overdue and due-soon use the appointment in force now (a Form 04 date included); dossiers waiting for a supplement or a payment are left out.',
      },
    ],
  };
}

