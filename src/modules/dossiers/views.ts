/**
 * What the API returns: the dossier detail (with its control-slip steps, timeline, remaining time
 * and the actions THIS user may take), list items, the public tracking view, and SQL for lists
 * and queue counts. Lists are scoped in SQL by the user's units (`visibilitySql`).
 */
import type { AuthUser, Role } from '../../core/access/roles.js';
import { maskCitizenId, maskName } from '../../core/access/roles.js';
import {
  CLASSIFICATION_LABELS,
  type WorkingCalendar,
  formatInstantVi,
  formatLocal,
  remainingTime,
  toLocalParts,
} from '../../core/calendar/index.js';
import {
  OPEN_STATES,
  PAUSED_STATES,
  STATE_LABELS,
  TRANSITIONS,
  allowedActions,
  transitionOf,
  type DossierState,
} from '../../core/workflow/index.js';
import type { Queryable } from '../../db/types.js';
import { loadCalendar } from '../calendar/service.js';
import { appointmentOf, dossierFacts } from './engine.js';
import type { VariantInfo } from './catalogue.js';
import { actorFacts, visibilitySql } from './policy.js';
import type { Aggregate, DossierRow, DossierRules, EventRow } from './types.js';
import { DOSSIER_COLUMNS, EVENT_COLUMNS, fromDb } from './types.js';
import type { StatusLabel } from './rules.js';

export const iso = (d: Date | null | undefined): string | null => (d ? formatLocal(d) : null);

export const CHANNEL_LABELS: Record<number, { key: string; vi: string; en: string }> = {
  1: { key: 'counter', vi: 'Trực tiếp', en: 'In person' },
  2: { key: 'online', vi: 'Trực tuyến', en: 'Online' },
  3: { key: 'postal', vi: 'Bưu chính công ích', en: 'Postal' },
};

export const RETURN_LABELS: Record<string, string> = {
  counter: 'Nhận trực tiếp tại Bộ phận Một cửa',
  post: 'Nhận qua dịch vụ bưu chính công ích',
  online: 'Nhận kết quả trực tuyến',
};

export const DURATION_LABELS: Record<string, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  days: 'ngày',
  months: 'tháng',
  same_day: 'trong ngày',
};

const EXTRA_ACTION_LABELS: Record<string, { vi: string; en: string; publicVi?: string }> = {
  create_draft: { vi: 'Tạo hồ sơ nháp', en: 'Draft created' },
  register: { vi: 'Đăng ký hồ sơ', en: 'Registered', publicVi: 'Hồ sơ đã được đăng ký tại Bộ phận Một cửa' },
  attach_file: { vi: 'Đính kèm tệp', en: 'File attached' },
  due_recomputed: {
    vi: 'Tính lại hạn giải quyết',
    en: 'Due time recomputed',
    publicVi: 'Ngày hẹn trả kết quả được điều chỉnh do thay đổi lịch làm việc, ngày nghỉ',
  },
};

export function actionLabel(action: string): { vi: string; en: string } {
  const t = transitionOf(action);
  if (t) return { vi: t.labelVi, en: t.labelEn };
  return EXTRA_ACTION_LABELS[action] ?? { vi: action, en: action };
}

export function publicLine(action: string): string | null {
  const t = transitionOf(action);
  if (t) return t.publicVi;
  return EXTRA_ACTION_LABELS[action]?.publicVi ?? null;
}

export function durationText(d: Pick<DossierRow, 'durationAmount' | 'durationUnit'>): string {
  if (d.durationUnit === 'same_day') return 'Trong ngày';
  return `${String(d.durationAmount).replace('.', ',')} ${DURATION_LABELS[d.durationUnit] ?? d.durationUnit}`;
}

/** The remaining-time display of an open dossier (calendar core, §4.8). */
export function remainingOf(d: DossierRow, agg: Pick<Aggregate, 'pauses'> | null, cal: WorkingCalendar, rules: Pick<DossierRules, 'dueSoonWorkingDays'>, now: Date) {
  if (!d.receivedAt || d.endedAt || !OPEN_STATES.includes(d.status)) return null;
  const due = appointmentOf(d);
  if (!due) return null;
  const open = agg?.pauses.find((p) => p.toAt === null) ?? null;
  const mpd = cal.minutesPerWorkingDayAt(toLocalParts(now).dayNumber);
  return remainingTime(cal, now, due, {
    paused: open ? { since: open.fromAt, reason: open.reason } : PAUSED_STATES.includes(d.status) ? { since: d.updatedAt, reason: 'supplement' } : null,
    dueSoonWorkingMinutes: rules.dueSoonWorkingDays * mpd,
  });
}

export interface ViewContext {
  now: Date;
  user: AuthUser;
  scopes: Map<Role, Set<string>>;
  calendar: WorkingCalendar;
  rules: DossierRules;
  variant: VariantInfo | null;
  label: (status: string, sub: string | null) => StatusLabel;
  unitName: (id: string | null) => { id: string; code: string; name: string } | null;
}

/** The full detail of a dossier for a user who may see it. */
export async function detailView(db: Queryable, agg: Aggregate, ctx: ViewContext) {
  const d = agg.d;
  const events = (await db.query('select * from dossier_events where dossier_id=$1 order by seq', [d.id])).rows.map((r: any) => fromDb<EventRow>(EVENT_COLUMNS, r));
  const fileIds = agg.components.flatMap((c) => c.fileIds);
  const files = fileIds.length
    ? new Map((await db.query('select id, original_name, mime, size_bytes, sha256, uploaded_at from files where id = any($1::uuid[])', [fileIds])).rows.map((f: any) => [f.id, f]))
    : new Map();
  const userIds = [...new Set([d.handlerId, ...agg.steps.map((s) => s.assigneeId)].filter(Boolean))] as string[];
  const names = userIds.length
    ? new Map((await db.query('select id, full_name from users where id = any($1::uuid[])', [userIds])).rows.map((u: any) => [u.id, u.full_name]))
    : new Map<string, string>();
  let allowed: string[] = [];
  if (ctx.variant) {
    const facts = dossierFacts(agg, { now: ctx.now, calendar: ctx.calendar, rules: ctx.rules, variant: ctx.variant });
    allowed = allowedActions(facts, actorFacts(ctx.user, ctx.scopes, agg));
  }
  const lbl = ctx.label(d.status, d.subStatus);
  const remaining = remainingOf(d, agg, ctx.calendar, ctx.rules, ctx.now);
  const appointment = appointmentOf(d);
  const openPause = agg.pauses.find((p) => p.toAt === null) ?? null;
  return {
    ...listItem(d, ctx, { maskId: false }),
    publicLookupSecret: d.publicLookupSecret,
    applicant: {
      kind: d.applicantKind === 2 ? 'organisation' : 'citizen',
      name: d.applicantName,
      citizenId: d.applicantCitizenId,
      taxCode: d.applicantTaxCode,
      address: d.applicantAddress,
      phone: d.applicantPhone,
      email: d.applicantEmail,
      representativeName: d.representativeName,
      hasAccount: !!d.applicantUserId,
    },
    summary: d.summary,
    setsCount: d.setsCount,
    variantId: d.variantId,
    fieldId: d.fieldId,
    duration: { amount: d.durationAmount, unit: d.durationUnit, textVi: durationText(d), cutoffTime: d.cutoffTime },
    statusLabel: { vi: lbl.labelVi, en: lbl.labelEn },
    dvcStatus: lbl.dvcCode,
    holderUnit: ctx.unitName(d.holderUnitId),
    handler: d.handlerId ? { id: d.handlerId, name: names.get(d.handlerId) ?? null } : null,
    currentStep: d.currentStep,
    times: {
      submittedAt: iso(d.submittedAt),
      receivedAt: iso(d.receivedAt),
      clockStart: iso(d.clockStart),
      clockRestartAt: iso(d.clockRestartAt),
      dueAt: iso(d.dueAt),
      originalDueAt: iso(d.originalDueAt),
      rescheduledDueAt: iso(d.rescheduledDueAt),
      appointmentAt: iso(appointment),
      pauseDueAt: iso(d.pauseDueAt),
      transferredAt: iso(d.transferredAt),
      resolvedAt: iso(d.resolvedAt),
      endedAt: iso(d.endedAt),
      returnedAt: iso(d.returnedAt),
      deliveredAt: iso(d.deliveredAt),
      archivedAt: iso(d.archivedAt),
    },
    flags: {
      overdue: !!(remaining && remaining.state === 'overdue'),
      paused: !!openPause,
      rescheduled: d.rescheduleCount > 0,
      dueProvisional: d.dueProvisional,
      supplementFlagged: d.supplementFlagged,
      transferLate: d.transferLate,
      acceptanceLate: d.acceptanceLate,
    },
    counters: { supplementCount: d.supplementCount, intakeSupplementCount: d.intakeSupplementCount, rescheduleCount: d.rescheduleCount },
    result: {
      endKind: d.endKind,
      outcome: d.outcome,
      classDay: d.classDay,
      classLabelVi: d.classDay ? CLASSIFICATION_LABELS[d.classDay].vi : null,
      classRule: d.classRule,
      index766OnTime: d.index766OnTime,
      pausedElapsedSeconds: d.pausedElapsedSeconds,
      pausedWorkingMinutes: d.pausedWorkingMinutes,
      lateUnits: d.lateUnits.map((u) => ctx.unitName(u)),
    },
    remaining: remaining
      ? { state: remaining.state, textVi: remaining.textVi, textEn: remaining.textEn, labelVi: remaining.labelVi, labelEn: remaining.labelEn, workingMinutes: remaining.workingMinutes }
      : null,
    postal: {
      operator: d.postalOperator,
      slipNo: d.postalSlipNo,
      handoverNo: d.postalHandoverNo,
      handoverSignedAt: iso(d.postalHandoverSignedAt),
      senderAddress: d.postalSenderAddress,
      returnAddress: d.returnAddress,
      returnPhone: d.returnPhone,
      returnSlipNo: d.returnPostalSlipNo,
    },
    fees: d.fees,
    components: agg.components.map((c) => ({
      code: c.code,
      name: c.name,
      required: c.required,
      originals: c.originals,
      certifiedCopies: c.certifiedCopies,
      copies: c.copies,
      provided: c.provided,
      digitised: c.digitised,
      fromDataStore: c.fromDataStore,
      note: c.note,
      files: c.fileIds.map((id) => {
        const f: any = files.get(id);
        return { id, name: f?.original_name ?? null, mime: f?.mime ?? null, size: f ? Number(f.size_bytes) : null, sha256: f?.sha256 ?? null, url: `/api/v1/files/${id}` };
      }),
    })),
    steps: agg.steps.map((s) => ({
      id: s.id,
      seq: s.seq,
      kind: s.kind,
      code: s.stepCode,
      name: s.name,
      role: s.role,
      phase: s.phase,
      unit: ctx.unitName(s.unitId),
      assignee: s.assigneeId ? { id: s.assigneeId, name: names.get(s.assigneeId) ?? null } : null,
      task: s.task,
      lead: s.lead,
      status: s.status,
      receivedAt: iso(s.receivedAt),
      budgetMinutes: s.budgetMinutes,
      dueAt: iso(s.dueAt),
      endedAt: iso(s.endedAt),
      classification: s.classification,
      classificationLabelVi: s.classification ? CLASSIFICATION_LABELS[s.classification].vi : null,
      overrunMinutes: s.overrunMinutes,
      note: s.note,
    })),
    pauses: agg.pauses.map((p) => ({
      id: p.id,
      nth: p.nth,
      reason: p.reason,
      from: iso(p.fromAt),
      to: iso(p.toAt),
      note: p.note,
      items: p.items,
      lateRequest: p.lateRequest,
      justification: p.justification,
      dueBefore: iso(p.dueBefore),
      dueAfter: iso(p.dueAfter),
    })),
    events: events.map((e) => ({
      seq: e.seq,
      action: e.action,
      label: actionLabel(e.action),
      at: iso(e.at),
      actor: e.actorName,
      actorUnit: ctx.unitName(e.actorUnitId),
      fromState: e.fromState,
      toState: e.toState,
      step: e.stepCode,
      reason: e.reason,
      legalBasis: e.legalBasis,
      form: e.formKey ? { key: e.formKey, set: e.formSet, number: e.formNumber } : null,
      dueBefore: iso(e.dueBefore),
      dueAfter: iso(e.dueAfter),
      data: e.data,
    })),
    allowedActions: allowed.map((a) => {
      const t = transitionOf(a)!;
      return { action: a, path: a.replace(/_/g, '-'), labelVi: t.labelVi, labelEn: t.labelEn, requires: t.requires ?? [], form: t.form ?? null };
    }),
    forms: availableForms(d, events),
  };
}

/** Form keys with data for this dossier (the latest event that produced each). */
export function availableForms(d: DossierRow, events: EventRow[]): string[] {
  const keys = new Set<string>();
  for (const e of events) if (e.formKey) keys.add(e.formKey);
  if (d.receivedAt) keys.add('control_slip');
  return [...keys];
}

export function listItem(d: DossierRow, ctx: Pick<ViewContext, 'label' | 'unitName'> & { now: Date }, opts: { maskId: boolean }) {
  const lbl = ctx.label(d.status, d.subStatus);
  const appointment = appointmentOf(d);
  const overdue = !!(appointment && OPEN_STATES.includes(d.status) && !PAUSED_STATES.includes(d.status) && appointment.getTime() < ctx.now.getTime());
  return {
    id: d.id,
    code: d.code,
    version: d.version,
    procedure: { id: d.procedureId, name: d.procedureName },
    applicantName: d.applicantName,
    applicantCitizenId: opts.maskId ? maskCitizenId(d.applicantCitizenId) : d.applicantCitizenId,
    channel: CHANNEL_LABELS[d.channel].key,
    channelLabel: CHANNEL_LABELS[d.channel].vi,
    returnChannel: d.returnChannel,
    status: d.status,
    subStatus: d.subStatus,
    statusLabelVi: lbl.labelVi,
    statusLabelEn: lbl.labelEn,
    receivingUnit: ctx.unitName(d.receivingUnitId),
    competentUnit: ctx.unitName(d.competentUnitId),
    submittedAt: iso(d.submittedAt),
    receivedAt: iso(d.receivedAt),
    dueAt: iso(d.dueAt),
    appointmentAt: iso(appointment),
    endedAt: iso(d.endedAt),
    returnedAt: iso(d.returnedAt),
    overdue,
    classDay: d.classDay,
  };
}

// ------------------------------------------------------------------ lists

export const QUEUES = ['new', 'in_progress', 'due_soon', 'overdue', 'waiting_supplement', 'waiting_interagency', 'ready_to_return', 'approval'] as const;
export type Queue = (typeof QUEUES)[number];

const RUNNING: DossierState[] = OPEN_STATES.filter((s) => !PAUSED_STATES.includes(s));

/** SQL predicate of a queue (alias `d`); `p` appends parameters. */
function queueSql(q: Queue, p: (v: unknown) => string, scopeUnits: string[], now: Date, soon: Date): string {
  switch (q) {
    case 'new': {
      const s = p(scopeUnits);
      return `((d.status in ('submitted','received') and d.receiving_unit_id = any(${s}::uuid[])) or (d.status = 'in_process' and d.handler_id is null and d.holder_unit_id = any(${s}::uuid[])))`;
    }
    case 'in_progress':
      return `d.status = any(${p(OPEN_STATES)}::text[])`;
    case 'due_soon':
      return `(d.status = any(${p(RUNNING)}::text[]) and coalesce(greatest(d.rescheduled_due_at, d.due_at), d.due_at) between ${p(now)}::timestamptz and ${p(soon)}::timestamptz)`;
    case 'overdue':
      return `(d.status = any(${p(RUNNING)}::text[]) and coalesce(greatest(d.rescheduled_due_at, d.due_at), d.due_at) < ${p(now)}::timestamptz)`;
    case 'waiting_supplement':
      return `d.status in ('supplement_requested', 'intake_supplement', 'payment_requested')`;
    case 'waiting_interagency':
      return `d.status in ('interagency', 'consulting')`;
    case 'ready_to_return':
      return `d.status in ('resolved', 'returning_by_post')`;
    case 'approval':
      return `(d.status = 'in_process' and d.sub_status = 'approving')`;
  }
}

export interface ListQuery {
  queue?: Queue;
  q?: string;
  procedure?: string;
  unit?: string;
  status?: string;
  channel?: 'counter' | 'online' | 'postal';
  from?: string;
  to?: string;
  sort?: string;
  page?: number;
  pageSize?: number;
}

const SORTS: Record<string, string> = {
  received_at: 'd.received_at',
  due_at: 'd.due_at',
  code: 'd.code',
  updated_at: 'd.updated_at',
  submitted_at: 'd.submitted_at',
  applicant: 'd.applicant_name',
};

export async function dueSoonThreshold(db: Queryable, user: AuthUser, scopeUnits: string[], rules: DossierRules, now: Date): Promise<{ cal: WorkingCalendar; soon: Date }> {
  const unit = user.roles.find((r) => r.unitId && scopeUnits.includes(r.unitId))?.unitId ?? null;
  const cal = await loadCalendar(db, user.tenantId, unit);
  const mpd = cal.minutesPerWorkingDayAt(toLocalParts(now).dayNumber);
  return { cal, soon: cal.addWorkingMinutes(now, rules.dueSoonWorkingDays * mpd) };
}

export async function listDossiers(
  db: Queryable,
  user: AuthUser,
  scopeUnits: string[],
  query: ListQuery,
  now: Date,
  soon: Date,
  extra?: { citizenOnly?: boolean; applicantCitizenId?: string },
): Promise<{ rows: DossierRow[]; total: number }> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [`d.tenant_id = ${p(user.tenantId)}`];
  where.push(extra?.citizenOnly ? visibilitySql(user, [], params) : visibilitySql(user, scopeUnits, params));
  if (extra?.applicantCitizenId) where.push(`d.applicant_citizen_id = ${p(extra.applicantCitizenId)}`);
  if (query.queue) where.push(queueSql(query.queue, p, scopeUnits, now, soon));
  if (query.q) where.push(`d.search_text like '%' || vn_fold(${p(query.q)}) || '%'`);
  if (query.procedure) where.push(`d.procedure_id = ${p(query.procedure)}::uuid`);
  if (query.unit) {
    const u = p(query.unit);
    where.push(`(d.receiving_unit_id = ${u}::uuid or d.competent_unit_id = ${u}::uuid)`);
  }
  if (query.status) where.push(`d.status = ${p(query.status)}`);
  if (query.channel) where.push(`d.channel = ${p({ counter: 1, online: 2, postal: 3 }[query.channel])}`);
  if (query.from) where.push(`coalesce(d.received_at, d.submitted_at, d.created_at) >= (${p(query.from)}::date::timestamp at time zone 'Asia/Ho_Chi_Minh')`);
  if (query.to) where.push(`coalesce(d.received_at, d.submitted_at, d.created_at) < ((${p(query.to)}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh')`);
  const sortKey = (query.sort ?? '-received_at').replace(/^-/, '');
  const desc = (query.sort ?? '-received_at').startsWith('-');
  const orderCol = SORTS[sortKey] ?? 'd.received_at';
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const whereSql = where.join(' and ');
  const total = Number((await db.query(`select count(*)::int n from dossiers d where ${whereSql}`, params)).rows[0].n);
  const rows = (
    await db.query(
      `select d.* from dossiers d where ${whereSql}
        order by ${orderCol} ${desc ? 'desc' : 'asc'} nulls last, d.created_at desc, d.id
        limit ${pageSize} offset ${(page - 1) * pageSize}`,
      params,
    )
  ).rows.map((r: any) => fromDb<DossierRow>(DOSSIER_COLUMNS, r));
  return { rows, total };
}

export async function queueCounts(db: Queryable, user: AuthUser, scopeUnits: string[], now: Date, soon: Date): Promise<Record<Queue, number>> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = `d.tenant_id = ${p(user.tenantId)} and ${visibilitySql(user, scopeUnits, params)}`;
  const cols = QUEUES.map((q) => `count(*) filter (where ${queueSql(q, p, scopeUnits, now, soon)})::int as ${q}`);
  const r = (await db.query(`select ${cols.join(', ')} from dossiers d where ${where}`, params)).rows[0];
  return Object.fromEntries(QUEUES.map((q) => [q, Number(r[q])])) as Record<Queue, number>;
}

// ------------------------------------------------------------------ public tracking

/** Public tracking: status, plain-language timeline, appointment, procedure, unit; the name masked; nothing else personal. */
/**
 * Public tracking in one statement (it is the most requested route): the dossier, its receiving
 * unit, its public status label (the tenant's own label before the national one, the sub-status's
 * before the status's) and its public events (the `public_timeline` read model, appended with the
 * events in service.ts).
 */
export async function publicView(db: Queryable, tenantId: string, code: string) {
  const r = (
    await db.query(
      `select d.*, u.name as receiving_unit_name,
              (select s.public_label_vi from dossier_status_codes s
                where s.tenant_id in (d.tenant_id, '*') and s.status = d.status and s.sub_status in (coalesce(d.sub_status, ''), '')
                order by (s.sub_status = coalesce(d.sub_status, '')) desc, (s.tenant_id = '*') limit 1) as public_status_label
         from dossiers d join units u on u.id = d.receiving_unit_id
        where d.tenant_id = $1 and d.code = $2 and d.status <> 'draft'`,
      [tenantId, code],
      { name: 'dossiers.public_view' },
    )
  ).rows[0];
  if (!r) return null;
  const d = fromDb<DossierRow>(DOSSIER_COLUMNS, r);
  const events = (r.public_timeline as { action: string; at: string }[]).map((e) => ({ action: e.action, at: new Date(e.at) }));
  const appointment = appointmentOf(d);
  return {
    code: d.code,
    procedureName: d.procedureName,
    receivingUnit: r.receiving_unit_name as string,
    applicantName: maskName(d.applicantName),
    channel: CHANNEL_LABELS[d.channel].vi,
    status: d.status,
    statusLabel: (r.public_status_label as string | null) ?? d.status,
    receivedAt: iso(d.receivedAt),
    appointmentAt: iso(appointment),
    appointmentText: appointment ? formatInstantVi(appointment) : null,
    rescheduled: d.rescheduleCount > 0,
    resultReadyAt: iso(d.resolvedAt),
    returnedAt: iso(d.returnedAt),
    timeline: events
      .map((e) => ({ at: iso(e.at), text: publicLine(e.action) }))
      .filter((e): e is { at: string; text: string } => !!e.text),
  };
}

/** Labels of every state and action (for the web and docs). */
export function vocabulary() {
  return {
    states: Object.entries(STATE_LABELS).map(([state, l]) => ({ state, ...l })),
    actions: TRANSITIONS.map((t) => ({ action: t.action, path: t.action.replace(/_/g, '-'), labelVi: t.labelVi, labelEn: t.labelEn, from: t.from, requires: t.requires ?? [], form: t.form ?? null })),
    queues: QUEUES,
  };
}
