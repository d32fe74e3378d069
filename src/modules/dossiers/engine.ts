/**
 * The dossier engine: applies one action of the transition table (src/core/workflow) to an
 * in-memory aggregate, computing every date with the legal clock (src/core/calendar) and
 * appending exactly one event. No I/O: the service loads the aggregate and the environment
 * (calendar, rules, variant, the actor's facts), calls `applyAction`, and persists the result in
 * the same transaction. The demo generator calls the same functions with explicit instants.
 */
import crypto from 'node:crypto';
import {
  type WorkingCalendar,
  type Pause,
  classify,
  classifyStep,
  computeDue,
  evaluatePauses,
  fromLocal,
  localDateOf,
  parseHHMM,
  stepDue,
  toLocalParts,
} from '../../core/calendar/index.js';
import {
  type ActorFacts,
  type DossierFacts,
  type Requirement,
  type TransitionDef,
  decide,
} from '../../core/workflow/index.js';
import { AppError, badRequest, fieldError, forbidden, staleVersion } from '../../http/errors.js';
import type { ComponentDef, ProcessStepDef, VariantInfo } from './catalogue.js';
import type { Aggregate, ComponentRow, DossierRow, DossierRules, EventRow, FormTemplate, PauseRow, StepRow } from './types.js';

export interface EngineActor {
  id: string | null;
  name: string;
  unitId: string | null;
}

export interface EngineEnv {
  /** The instant the action legally happens. */
  now: Date;
  actor: EngineActor;
  facts: ActorFacts;
  /** Every unit the actor's staff grants cover (for task ownership). */
  scopeUnits: ReadonlySet<string>;
  calendar: WorkingCalendar;
  calendarVersion: number;
  rules: DossierRules;
  variant: VariantInfo;
  forms: FormTemplate[];
  /** Unit id of a unit identifier code used in a process definition. */
  resolveUnit: (code: string) => string | null;
  /** Values allocated by the service inside the transaction (counters). */
  alloc?: { code?: { code: string; day: string; seq: number }; registerNo?: { year: number; no: number } };
}

export interface ActionInput {
  version?: number;
  reason?: string;
  legalBasis?: string;
  note?: string;
  justification?: string;
  items?: { code: string; note?: string }[];
  handler?: { id: string; name: string };
  toStep?: string;
  newDueAt?: Date;
  agencies?: { unitId: string; name?: string; task: string; budgetHours: number; lead?: boolean }[];
  mode?: 'sequential' | 'parallel';
  consultee?: { unitId?: string | null; name: string };
  responseWorkingDays?: number;
  responseDueAt?: Date;
  taskId?: string;
  answer?: string;
  fees?: { code?: string; name: string; amount: number; kind?: string }[];
  payment?: { method?: string; reference?: string; online?: 0 | 1 | 2 };
  postal?: { operator: string; slipNo: string; address?: string; phone?: string };
  returnMode?: 'counter' | 'online';
  recipientName?: string;
  authorised?: boolean;
  deliveredAt?: Date;
  notifyChannel?: string;
  components?: { code: string; provided?: boolean; originals?: number; certifiedCopies?: number; copies?: number }[];
}

const uuid = (): string => crypto.randomUUID();

// ------------------------------------------------------------------ facts

function processSteps(v: VariantInfo): { intake: ProcessStepDef | null; ret: ProcessStepDef | null; processing: ProcessStepDef[]; parallel: ProcessStepDef[] } {
  const steps = v.steps;
  const intake = steps.length && steps[0].unit === 'receiving' ? steps[0] : null;
  const last = steps[steps.length - 1];
  const ret = steps.length > 1 && last.unit === 'receiving' ? last : null;
  const middle = steps.filter((s) => s !== intake && s !== ret);
  return { intake, ret, processing: middle.filter((s) => !s.parallelGroup), parallel: middle.filter((s) => !!s.parallelGroup) };
}

/**
 * Where a `forward` from the current step leads (process definition transitions; without any
 * transition, the next non-parallel processing step in order). Several targets = a parallel fork.
 * The return step is never a forward target: the decision (approve / refuse) leads there.
 */
export function forwardTargets(agg: Aggregate, v: VariantInfo, from: string | null = agg.d.currentStep): ProcessStepDef[] {
  const { processing, ret } = processSteps(v);
  if (v.transitions.length) {
    return v.transitions
      .filter((t) => t.from === from && t.action === 'forward')
      .map((t) => v.steps.find((st) => st.code === t.to))
      .filter((st): st is ProcessStepDef => !!st && st !== ret && st !== v.steps[0]);
  }
  const idx = processing.findIndex((st) => st.code === from);
  return idx + 1 < processing.length ? [processing[idx + 1]] : [];
}

/** The single next step of a forward (or `toStep` if it is one of the targets); null when none or a fork. */
export function nextStepDef(agg: Aggregate, v: VariantInfo, toStep?: string | null): ProcessStepDef | null {
  const targets = forwardTargets(agg, v);
  if (toStep) return targets.find((t) => t.code === toStep && !t.parallelGroup) ?? null;
  return targets.length === 1 && !targets[0].parallelGroup ? targets[0] : null;
}

/** The members of the parallel group a forward from the current step forks into (empty if none). */
function forkTargets(agg: Aggregate, v: VariantInfo): ProcessStepDef[] {
  const targets = forwardTargets(agg, v);
  return targets.length > 0 && targets.every((t) => !!t.parallelGroup) ? targets : [];
}

/** Earlier steps the dossier may be sent back to from the current step. */
function sendBackTargets(agg: Aggregate, v: VariantInfo): ProcessStepDef[] {
  const { processing } = processSteps(v);
  const cur = agg.d.currentStep;
  if (v.transitions.length) {
    return v.transitions
      .filter((t) => t.from === cur && t.action === 'send_back')
      .map((t) => processing.find((st) => st.code === t.to))
      .filter((st): st is ProcessStepDef => !!st);
  }
  const idx = processing.findIndex((st) => st.code === cur);
  return idx > 0 ? processing.slice(0, idx).reverse() : [];
}

/** Whether the process allows the decision at the current step (any step when it declares no transitions). */
function canDecideAt(agg: Aggregate, v: VariantInfo): boolean {
  if (!v.transitions.length) return true;
  return v.transitions.some((t) => t.from === agg.d.currentStep && (t.action === 'approve' || t.action === 'refuse'));
}

/** The step after a parallel group (the join), from the forward transitions of its members. */
function joinStep(v: VariantInfo, group: string): ProcessStepDef | null {
  const members = v.steps.filter((st) => st.parallelGroup === group).map((st) => st.code);
  const t = v.transitions.find((x) => x.action === 'forward' && members.includes(x.from) && !members.includes(x.to));
  if (t) return v.steps.find((st) => st.code === t.to) ?? null;
  const last = Math.max(...members.map((c) => v.steps.findIndex((st) => st.code === c)));
  const next = v.steps[last + 1];
  return next && next !== processSteps(v).ret ? next : null;
}

function openTasks(agg: Aggregate): number {
  return agg.steps.filter((s) => s.kind === 'interagency' && (s.status === 'active' || s.status === 'pending')).length;
}

function openConsultations(agg: Aggregate): number {
  return agg.steps.filter((s) => s.kind === 'consultation' && s.status === 'active').length;
}

function mpd(cal: WorkingCalendar, at: Date): number {
  return cal.minutesPerWorkingDayAt(toLocalParts(at).dayNumber);
}

/** The appointment citizens see: a Form 04 date if later than the legal due, else the legal due. */
export function appointmentOf(d: DossierRow): Date | null {
  if (d.rescheduledDueAt && (!d.dueAt || d.rescheduledDueAt.getTime() > d.dueAt.getTime())) return d.rescheduledDueAt;
  return d.dueAt;
}

export function dossierFacts(agg: Aggregate, env: Pick<EngineEnv, 'now' | 'calendar' | 'rules' | 'variant'>): DossierFacts {
  const d = agg.d;
  let apologyWindowClosed = true;
  const due = appointmentOf(d);
  if (due) {
    const lead = env.rules.apologyMinLeadWorkingDays * mpd(env.calendar, due);
    const latest = env.calendar.addWorkingMinutes(due, -lead);
    apologyWindowClosed = env.now.getTime() > latest.getTime();
  }
  return {
    status: d.status,
    statusBefore: d.statusBefore,
    subStatus: d.subStatus,
    channel: d.channel,
    outcome: d.outcome,
    handlerId: d.handlerId,
    hasNextStep: forwardTargets(agg, env.variant).length > 0,
    forwardForks: forkTargets(agg, env.variant).length > 0,
    hasPreviousStep: sendBackTargets(agg, env.variant).length > 0,
    canDecide: canDecideAt(agg, env.variant),
    openTasks: openTasks(agg),
    openConsultations: openConsultations(agg),
    rescheduleCount: d.rescheduleCount,
    rescheduleMax: env.rules.rescheduleMax,
    apologyWindowClosed,
    supplementCount: d.supplementCount,
    supplementMax: env.rules.supplementMax,
  };
}

function provided(input: ActionInput): Set<Requirement> {
  const p = new Set<Requirement>();
  const text = (s: string | undefined) => typeof s === 'string' && s.trim().length > 0;
  if (text(input.reason)) p.add('reason');
  if (text(input.legalBasis)) p.add('legalBasis');
  if (input.items && input.items.length > 0) p.add('items');
  if (input.handler) p.add('handlerId');
  if (input.newDueAt) p.add('newDueAt');
  if (input.agencies && input.agencies.length > 0) p.add('agencies');
  if (input.consultee && text(input.consultee.name)) p.add('consultee');
  if (text(input.taskId)) p.add('taskId');
  if (input.postal && text(input.postal.operator) && text(input.postal.slipNo)) p.add('postal');
  if (input.fees && input.fees.length > 0) p.add('fees');
  return p;
}

// ------------------------------------------------------------------ helpers

export function formFor(forms: FormTemplate[], key: string, at: Date): FormTemplate | null {
  const day = localDateOf(at);
  const candidates = forms.filter((f) => f.key === key && f.effectiveFrom <= day && (!f.effectiveTo || f.effectiveTo > day));
  // A tenant's own template wins over the national one.
  candidates.sort((a, b) => (a.tenantId === '*' ? 1 : 0) - (b.tenantId === '*' ? 1 : 0) || (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  return candidates[0] ?? null;
}

function pushEvent(agg: Aggregate, env: EngineEnv, e: Partial<EventRow> & { action: string }): EventRow {
  agg.lastSeq += 1;
  const form = e.formKey ? formFor(env.forms, e.formKey, env.now) : null;
  const ev: EventRow = {
    seq: agg.lastSeq,
    action: e.action,
    at: env.now,
    actorId: env.actor.id,
    actorName: env.actor.name,
    actorUnitId: env.actor.unitId,
    fromState: e.fromState ?? null,
    toState: e.toState ?? null,
    stepCode: e.stepCode ?? agg.d.currentStep,
    reason: e.reason ?? null,
    legalBasis: e.legalBasis ?? null,
    formKey: e.formKey ?? null,
    formSet: form?.formSet ?? null,
    formNumber: form?.number ?? null,
    dueBefore: e.dueBefore ?? null,
    dueAfter: e.dueAfter ?? null,
    ruleVersion: `variant:${env.variant.id}`,
    public: e.public ?? false,
    data: e.data ?? {},
  };
  agg.events.push(ev);
  return ev;
}

function markStep(agg: Aggregate, s: StepRow): void {
  agg.dirtySteps.add(s.id);
}

function pausesOf(agg: Aggregate): Pause[] {
  return agg.pauses.map((p) => ({ from: p.fromAt, to: p.toAt, reason: p.reason }));
}

function durationOf(d: DossierRow) {
  return { amount: d.durationAmount, unit: d.durationUnit, cutoff: d.cutoffTime };
}

function openStep(
  agg: Aggregate,
  env: EngineEnv,
  s: Pick<StepRow, 'kind' | 'stepCode' | 'name'> & Partial<StepRow>,
): StepRow {
  const seq = agg.steps.reduce((m, x) => Math.max(m, x.seq), 0) + 1;
  const active = (s.status ?? 'active') === 'active';
  const receivedAt = active ? (s.receivedAt ?? env.now) : null;
  const budget = s.budgetMinutes ?? null;
  let clockStart: Date | null = null;
  let dueAt: Date | null = s.dueAt ?? null;
  if (receivedAt && budget !== null && !s.dueAt) {
    const r = stepDue(env.calendar, receivedAt, budget);
    clockStart = r.clockStart;
    dueAt = r.frozenDue;
  } else if (receivedAt) {
    clockStart = env.calendar.nextWorkingInstant(receivedAt);
  }
  const row: StepRow = {
    id: uuid(),
    seq,
    kind: s.kind,
    stepCode: s.stepCode,
    name: s.name,
    role: s.role ?? null,
    phase: s.phase ?? null,
    parallelGroup: s.parallelGroup ?? null,
    unitId: s.unitId ?? null,
    assigneeId: s.assigneeId ?? null,
    task: s.task ?? null,
    lead: s.lead ?? false,
    status: s.status ?? 'active',
    receivedAt,
    clockStart,
    budgetMinutes: budget,
    dueAt,
    endedAt: null,
    classification: null,
    overrunMinutes: null,
    handedBy: s.handedBy ?? env.actor.id,
    receivedBy: null,
    note: s.note ?? null,
    childDossierId: null,
  };
  agg.steps.push(row);
  markStep(agg, row);
  return row;
}

function activateStep(agg: Aggregate, env: EngineEnv, s: StepRow): void {
  s.status = 'active';
  s.receivedAt = env.now;
  if (s.budgetMinutes !== null) {
    const r = stepDue(env.calendar, env.now, s.budgetMinutes);
    s.clockStart = r.clockStart;
    s.dueAt = r.frozenDue;
  } else {
    s.clockStart = env.calendar.nextWorkingInstant(env.now);
  }
  s.handedBy = env.actor.id;
  markStep(agg, s);
}

function closeStep(agg: Aggregate, env: EngineEnv, s: StepRow, status: 'done' | 'cancelled' = 'done', note?: string | null): void {
  s.status = status;
  s.endedAt = env.now;
  s.receivedBy = s.receivedBy ?? null;
  if (note) s.note = note;
  if (status === 'done' && s.receivedAt) {
    if (s.budgetMinutes !== null) {
      const pauses = pausesOf(agg).filter((p) => (p.to ?? env.now).getTime() > (s.receivedAt as Date).getTime());
      const r = classifyStep(env.calendar, { handedOverAt: s.receivedAt, budgetMinutes: s.budgetMinutes, pauses, endedAt: env.now }, { rule: env.rules.classificationRule });
      s.dueAt = r.due;
      s.classification = r.classification;
      s.overrunMinutes = r.classification === 'late' ? Math.round(env.calendar.workingMinutesBetween(r.due, env.now)) : 0;
    } else if (s.dueAt) {
      s.classification = classify(env.now, s.dueAt, { rule: env.rules.classificationRule, calendar: env.calendar });
      s.overrunMinutes = s.classification === 'late' ? Math.round(env.calendar.workingMinutesBetween(s.dueAt, env.now)) : 0;
    }
  }
  markStep(agg, s);
}

function currentStepRow(agg: Aggregate): StepRow | null {
  if (agg.d.currentStepId) {
    const s = agg.steps.find((x) => x.id === agg.d.currentStepId);
    if (s && s.status === 'active') return s;
  }
  return null;
}

function unitOfDef(d: DossierRow, env: EngineEnv, def: ProcessStepDef): string | null {
  if (def.unit === 'receiving') return d.receivingUnitId;
  if (def.unit === 'competent') return d.competentUnitId ?? d.receivingUnitId;
  return env.resolveUnit(def.unit) ?? d.competentUnitId ?? d.receivingUnitId;
}

function budgetOf(def: ProcessStepDef | null): number | null {
  return def && def.budgetHours !== null && def.budgetHours !== undefined ? Math.round(def.budgetHours * 60) : null;
}

function subStatusFor(def: ProcessStepDef): string {
  if (def.subStatus) return def.subStatus;
  if (def.role === 'leader') return 'approving';
  if (def.role === 'specialist') return 'appraising';
  return 'assigned';
}

function enterStep(agg: Aggregate, env: EngineEnv, def: ProcessStepDef, kind: StepRow['kind']): StepRow {
  const d = agg.d;
  const unitId = unitOfDef(d, env, def);
  const keepHandler = def.role === 'specialist' && d.handlerId && unitId === d.holderUnitId;
  const row = openStep(agg, env, {
    kind,
    stepCode: def.code,
    name: def.name,
    role: def.role,
    phase: def.phase ?? null,
    unitId,
    budgetMinutes: budgetOf(def),
    assigneeId: keepHandler ? d.handlerId : null,
  });
  d.currentStep = def.code;
  d.currentStepId = row.id;
  d.holderUnitId = unitId;
  d.holders = keepHandler && d.handlerId ? [d.handlerId] : [];
  return row;
}

const SIDE_STATES: string[] = ['supplement_requested', 'payment_requested', 'consulting', 'interagency'];

const SYNTHETIC_PROCESS: ProcessStepDef = { code: 'XL', name: 'Xử lý hồ sơ', role: 'specialist', unit: 'competent', budgetHours: null };
const SYNTHETIC_INTAKE: ProcessStepDef = { code: 'TN', name: 'Tiếp nhận hồ sơ', role: 'counter_officer', unit: 'receiving', budgetHours: null };
const SYNTHETIC_RETURN: ProcessStepDef = { code: 'TKQ', name: 'Trả kết quả', role: 'counter_officer', unit: 'receiving', budgetHours: null };

function closePauseIfOpen(agg: Aggregate, env: EngineEnv): void {
  const open = agg.pauses.find((p) => p.toAt === null);
  if (open) {
    open.toAt = env.now;
    open.completedBy = env.actor.id;
    agg.dirtyPauses.add(open.id);
  }
}

function cancelActiveSteps(agg: Aggregate, env: EngineEnv): void {
  for (const s of agg.steps) if (s.status === 'active' || s.status === 'pending') closeStep(agg, env, s, 'cancelled');
}

/** The legal and pause dues and the QĐ 766 counters after a pause completes or the dossier ends. */
function applyPauseEvaluation(agg: Aggregate, env: EngineEnv, endedAt: Date | null) {
  const d = agg.d;
  const e = evaluatePauses(env.calendar, {
    receivedAt: d.receivedAt as Date,
    ...durationOf(d),
    pauses: pausesOf(agg),
    endedAt,
    index766Due: d.originalDueAt,
    supplementWindowWorkingDays: env.rules.supplementWindowWorkingDays,
    rule: env.rules.classificationRule,
  });
  d.dueAt = e.frozenLegalDue;
  d.pauseDueAt = e.frozenPauseDue;
  d.clockRestartAt = e.restartedAt;
  d.pausedElapsedSeconds = Math.round(e.supplementElapsedMs / 1000);
  d.pausedWorkingMinutes = Math.round(e.pausedWorkingMinutes);
  d.dueProvisional = e.provisional;
  return e;
}

function itemsChecked(v: VariantInfo, items: { code: string; note?: string }[]): { code: string; name: string; note: string | null }[] {
  const published = new Map<string, ComponentDef>(v.components.map((c) => [c.code, c]));
  const bad = items.map((it, i) => ({ it, i })).filter(({ it }) => !published.has(it.code));
  if (bad.length) {
    throw badRequest(
      bad.map(({ it, i }) =>
        fieldError(
          `items.${i}.code`,
          `items.${i}.code '${it.code}' is not a published component of this procedure`,
          `Thành phần '${it.code}' không có trong danh mục thành phần hồ sơ đã công bố của thủ tục (không được yêu cầu thêm giấy tờ ngoài quy định)`,
        ),
      ),
      'A supplement may only name published components',
      'Chỉ được yêu cầu bổ sung các thành phần hồ sơ đã công bố',
    );
  }
  return items.map((it) => ({ code: it.code, name: (published.get(it.code) as ComponentDef).name, note: it.note ?? null }));
}

function transferDeadline(env: EngineEnv, receivedAt: Date): Date {
  const cal = env.calendar;
  const p = toLocalParts(receivedAt);
  const cutoff = parseHHMM(env.rules.transferCutoff);
  if (cal.isWorkingDay(p.date) && p.minuteOfDay <= cutoff) {
    const close = cal.closeOf(p.date);
    if (close && close.getTime() >= receivedAt.getTime()) return close;
  }
  const next = cal.nextWorkingDay(p.date);
  const sessions = cal.sessionsOn(next);
  return sessions.length ? fromLocal(next, sessions[0].endMinute) : (cal.closeOf(next) as Date);
}

// ------------------------------------------------------------------ the action

export interface ActionResult {
  def: TransitionDef;
  event: EventRow;
}

/**
 * Applies `action` to the aggregate (mutating it) or throws an AppError: 404 unknown action,
 * 409 stale version / illegal transition / guard, 403 not an actor, 400 missing or bad input.
 */
export function applyAction(agg: Aggregate, action: string, input: ActionInput, env: EngineEnv): ActionResult {
  const d = agg.d;
  if (input.version !== undefined && input.version !== d.version) throw staleVersion();
  const facts = dossierFacts(agg, env);
  const decision = decide(action, facts, env.facts, provided(input));
  if (!decision.ok) {
    if (decision.status === 403) throw forbidden(decision.message, decision.messageVi);
    throw new AppError(decision.status, decision.code, decision.message, decision.messageVi, decision.fields ?? []);
  }
  const def = decision.def;
  const from = d.status;
  let to = decision.to;
  const now = env.now;
  const ev: Partial<EventRow> & { action: string } = {
    action,
    fromState: from,
    reason: input.reason?.trim() || null,
    legalBasis: input.legalBasis?.trim() || null,
    formKey: def.form ?? null,
    public: def.public,
    data: {},
  };
  const data = ev.data as Record<string, unknown>;
  const dueBefore = d.dueAt;
  if (input.note) data.note = input.note;

  switch (def.action) {
    case 'submit': {
      if (!env.alloc?.code) throw new Error('submit needs an allocated code');
      checkRequiredComponents(agg);
      d.code = env.alloc.code.code;
      d.codeDay = env.alloc.code.day;
      d.codeSeq = env.alloc.code.seq;
      d.submittedAt = now;
      data.code = d.code;
      break;
    }
    case 'accept': {
      if (!env.alloc?.registerNo) throw new Error('accept needs an allocated register number');
      if (d.channel === 2 && d.submittedAt) {
        const waited = env.calendar.workingMinutesBetween(d.submittedAt, now);
        d.acceptanceLate = waited > env.rules.onlineAcceptanceFlagWorkingDays * mpd(env.calendar, now);
        data.acceptanceLate = d.acceptanceLate;
      }
      const receivedAt = d.channel === 3 && d.submittedAt ? d.submittedAt : now;
      fixReceipt(agg, env, receivedAt);
      d.registerYear = env.alloc.registerNo.year;
      d.registerNo = env.alloc.registerNo.no;
      const { intake } = processSteps(env.variant);
      const def0 = intake ?? SYNTHETIC_INTAKE;
      const row = openStep(agg, env, {
        kind: 'intake',
        stepCode: def0.code,
        name: def0.name,
        role: def0.role,
        phase: def0.phase ?? null,
        unitId: d.receivingUnitId,
        receivedAt,
        budgetMinutes: budgetOf(intake),
        assigneeId: env.actor.id,
      });
      d.currentStep = def0.code;
      d.currentStepId = row.id;
      d.holderUnitId = d.receivingUnitId;
      d.holders = env.actor.id ? [env.actor.id] : [];
      data.receivedAt = receivedAt.toISOString();
      data.registerNo = d.registerNo;
      break;
    }
    case 'request_intake_supplement': {
      const items = itemsChecked(env.variant, input.items ?? []);
      d.intakeSupplementCount += 1;
      data.items = items;
      data.nth = d.intakeSupplementCount;
      data.flagged = d.intakeSupplementCount > 1;
      break;
    }
    case 'resubmit': {
      updateComponents(agg, input.components);
      if (d.channel !== 2) checkRequiredComponents(agg);
      // Postal: the legal submission time becomes the receipt of the complete supplement.
      d.submittedAt = now;
      break;
    }
    case 'refuse_intake':
    case 'withdraw': {
      cancelActiveSteps(agg, env);
      d.holders = [];
      break;
    }
    case 'transfer': {
      const intakeRow = currentStepRow(agg);
      if (intakeRow) closeStep(agg, env, intakeRow);
      d.transferredAt = now;
      if (d.channel !== 2 && d.receivedAt) {
        const deadline = transferDeadline(env, d.receivedAt);
        d.transferLate = now.getTime() > deadline.getTime();
        data.transferDeadline = deadline.toISOString();
        data.transferLate = d.transferLate;
      }
      const ps = processSteps(env.variant);
      const intakeCode = ps.intake?.code ?? agg.d.currentStep;
      const next = forwardTargets(agg, env.variant, intakeCode).find((x) => !x.parallelGroup) ?? ps.processing[0] ?? SYNTHETIC_PROCESS;
      enterStep(agg, env, next, 'process');
      d.subStatus = null;
      data.toUnitId = d.holderUnitId;
      break;
    }
    case 'assign': {
      const h = input.handler as { id: string; name: string };
      d.handlerId = h.id;
      d.holders = [h.id];
      const cur = currentStepRow(agg);
      if (cur) {
        cur.assigneeId = h.id;
        markStep(agg, cur);
      }
      data.handlerId = h.id;
      data.handlerName = h.name;
      break;
    }
    case 'forward': {
      const fork = forkTargets(agg, env.variant);
      const cur = currentStepRow(agg);
      if (fork.length) {
        // Electronic inter-agency processing: every member of the group at once, each with its own deadline.
        if (cur) closeStep(agg, env, cur, 'done', input.note ?? null);
        for (const m of fork) {
          openStep(agg, env, {
            kind: 'interagency',
            stepCode: m.code,
            name: m.name,
            role: m.role,
            phase: m.phase ?? null,
            parallelGroup: m.parallelGroup ?? null,
            unitId: unitOfDef(d, env, m),
            task: m.task ?? m.name,
            budgetMinutes: budgetOf(m),
          });
        }
        d.currentStep = fork[0].parallelGroup as string;
        d.currentStepId = null;
        d.subStatus = fork[0].subStatus ?? 'verifying';
        data.fork = fork.map((m) => m.code);
        break;
      }
      const next = nextStepDef(agg, env.variant, input.toStep ?? null);
      if (!next) {
        throw badRequest([fieldError('toStep', `toStep '${input.toStep}' is not a next step of this process`, `Bước '${input.toStep}' không phải bước tiếp theo của quy trình`)]);
      }
      if (cur) closeStep(agg, env, cur, 'done', input.note ?? null);
      enterStep(agg, env, next, next.unit === 'receiving' || next.unit === 'competent' ? 'process' : 'interagency');
      d.subStatus = subStatusFor(next);
      data.toStep = next.code;
      data.toUnitId = d.holderUnitId;
      break;
    }
    case 'send_back': {
      const targets = sendBackTargets(agg, env.variant);
      const back = input.toStep ? targets.find((x) => x.code === input.toStep) : targets[0];
      if (!back) {
        throw badRequest([fieldError('toStep', `toStep '${input.toStep}' is not an earlier step the process allows`, `Không được trả lại hồ sơ về bước '${input.toStep}'`)]);
      }
      const cur = currentStepRow(agg);
      if (cur) closeStep(agg, env, cur, 'done', input.reason ?? null);
      enterStep(agg, env, back, 'process');
      d.subStatus = subStatusFor(back);
      data.toStep = back.code;
      break;
    }
    case 'consult': {
      const c = input.consultee as { unitId?: string | null; name: string };
      let dueAt: Date | null = input.responseDueAt ?? null;
      if (!dueAt) {
        const days = input.responseWorkingDays;
        if (!days) {
          throw badRequest([fieldError('responseWorkingDays', 'responseWorkingDays or responseDueAt is required (the response deadline)', 'Cần nêu thời hạn trả lời (số ngày làm việc hoặc thời điểm)')]);
        }
        dueAt = computeDue(env.calendar, { receivedAt: now, amount: days, unit: 'working_days' }).due;
      } else if (dueAt.getTime() <= now.getTime()) {
        throw badRequest([fieldError('responseDueAt', 'responseDueAt must be in the future', 'Thời hạn trả lời phải sau thời điểm hiện tại')]);
      }
      openStep(agg, env, { kind: 'consultation', stepCode: 'LYK', name: c.name, unitId: c.unitId ?? null, task: input.reason ?? null, dueAt });
      data.consultee = c;
      data.responseDueAt = dueAt.toISOString();
      break;
    }
    case 'answer_consultation': {
      const open = agg.steps.filter((s) => s.kind === 'consultation' && s.status === 'active');
      const target = input.taskId ? open.find((s) => s.id === input.taskId) : open[0];
      if (!target) throw badRequest([fieldError('taskId', 'taskId is not an open consultation of this dossier', 'Không có yêu cầu lấy ý kiến này')]);
      closeStep(agg, env, target, 'done', input.answer ?? input.note ?? null);
      if (open.length > 1) to = 'consulting';
      data.taskId = target.id;
      data.lateAnswer = target.classification === 'late';
      break;
    }
    case 'send_interagency': {
      const mode = input.mode ?? 'parallel';
      const agencies = input.agencies ?? [];
      agencies.forEach((a, i) => {
        openStep(agg, env, {
          kind: 'interagency',
          stepCode: `LT${i + 1}`,
          name: a.name ?? a.task,
          unitId: a.unitId,
          task: a.task,
          lead: !!a.lead,
          budgetMinutes: Math.round(a.budgetHours * 60),
          parallelGroup: mode === 'parallel' ? 'LT' : null,
          status: mode === 'parallel' || i === 0 ? 'active' : 'pending',
        });
      });
      data.mode = mode;
      data.agencies = agencies;
      break;
    }
    case 'complete_interagency_task': {
      const task = agg.steps.find((s) => s.id === input.taskId && s.kind === 'interagency');
      if (!task || task.status !== 'active') {
        throw badRequest([fieldError('taskId', 'taskId is not an active inter-agency task of this dossier', 'Phần việc liên thông không tồn tại hoặc chưa đến lượt xử lý')]);
      }
      if (!task.unitId || !env.scopeUnits.has(task.unitId)) {
        throw forbidden('This task belongs to another agency', 'Phần việc liên thông này thuộc cơ quan khác');
      }
      closeStep(agg, env, task, 'done', input.note ?? null);
      const pending = agg.steps.filter((s) => s.kind === 'interagency' && s.status === 'pending').sort((a, b) => a.seq - b.seq);
      if (pending.length) activateStep(agg, env, pending[0]);
      const remaining = openTasks(agg);
      to = remaining === 0 ? 'in_process' : 'interagency';
      if (remaining === 0 && task.parallelGroup && task.parallelGroup === d.currentStep) {
        // The last member of a process-defined parallel group: join at the step after the group.
        const join = joinStep(env.variant, task.parallelGroup);
        if (join) {
          enterStep(agg, env, join, 'process');
          d.subStatus = subStatusFor(join);
          data.joinStep = join.code;
        }
      }
      data.taskId = task.id;
      data.unitId = task.unitId;
      data.classification = task.classification;
      if (pending.length) data.nextTaskId = pending[0].id;
      break;
    }
    case 'request_supplement': {
      const items = itemsChecked(env.variant, input.items ?? []);
      const windowEnd = computeDue(env.calendar, {
        receivedAt: d.receivedAt as Date,
        amount: env.rules.supplementWindowWorkingDays,
        unit: 'working_days',
        cutoff: d.cutoffTime,
      }).due;
      const late = now.getTime() > windowEnd.getTime();
      if (late && !(input.justification && input.justification.trim())) {
        throw badRequest(
          [
            fieldError(
              'justification',
              `justification is required: the request comes after the ${env.rules.supplementWindowWorkingDays}-working-day window`,
              `Cần nêu lý do: yêu cầu bổ sung sau thời hạn ${env.rules.supplementWindowWorkingDays} ngày làm việc kể từ ngày tiếp nhận`,
            ),
          ],
          'A late supplement request needs a justification',
          'Yêu cầu bổ sung quá hạn cần nêu lý do',
        );
      }
      const nth = d.supplementCount + 1;
      const flagged = late || nth >= env.rules.supplementFlagFrom;
      const p: PauseRow = {
        id: uuid(),
        nth,
        reason: 'supplement',
        fromAt: now,
        toAt: null,
        note: input.reason ?? null,
        legalBasis: input.legalBasis ?? null,
        items,
        requestedBy: env.actor.id,
        requestedUnitId: env.actor.unitId,
        completedBy: null,
        lateRequest: late,
        justification: input.justification ?? null,
        dueBefore: d.dueAt,
        dueAfter: null,
      };
      agg.pauses.push(p);
      agg.dirtyPauses.add(p.id);
      d.supplementCount = nth;
      d.supplementFlagged = d.supplementFlagged || flagged;
      data.items = items;
      data.nth = nth;
      data.lateRequest = late;
      data.windowEnd = windowEnd.toISOString();
      data.flagged = flagged;
      if (input.justification) data.justification = input.justification;
      break;
    }
    case 'complete_supplement':
    case 'confirm_payment': {
      const open = agg.pauses.find((p) => p.toAt === null);
      if (open) {
        open.toAt = now;
        open.completedBy = env.actor.id;
        agg.dirtyPauses.add(open.id);
      }
      if (def.action === 'complete_supplement') updateComponents(agg, input.components);
      if (def.action === 'confirm_payment' && input.payment) {
        d.onlinePayment = input.payment.online ?? d.onlinePayment;
        data.payment = input.payment;
      }
      const e = applyPauseEvaluation(agg, env, null);
      if (open) {
        open.dueAfter = d.dueAt;
        agg.dirtyPauses.add(open.id);
      }
      to = 'in_process';
      data.legalDue = e.frozenLegalDue.toISOString();
      data.pauseDue = e.frozenPauseDue.toISOString();
      data.restartedAt = e.restartedAt?.toISOString() ?? null;
      data.supplementElapsedSeconds = Math.round(e.supplementElapsedMs / 1000);
      data.supplementWorkingMinutes = Math.round(e.supplementWorkingMinutes);
      break;
    }
    case 'request_payment': {
      const fees = input.fees ?? [];
      const p: PauseRow = {
        id: uuid(),
        nth: agg.pauses.filter((x) => x.reason === 'payment').length + 1,
        reason: 'payment',
        fromAt: now,
        toAt: null,
        note: input.reason ?? null,
        legalBasis: input.legalBasis ?? null,
        items: fees,
        requestedBy: env.actor.id,
        requestedUnitId: env.actor.unitId,
        completedBy: null,
        lateRequest: false,
        justification: null,
        dueBefore: d.dueAt,
        dueAfter: null,
      };
      agg.pauses.push(p);
      agg.dirtyPauses.add(p.id);
      d.fees = fees;
      data.fees = fees;
      break;
    }
    case 'apologise_reschedule': {
      const newDue = input.newDueAt as Date;
      const current = appointmentOf(d) as Date;
      if (newDue.getTime() <= current.getTime()) {
        throw badRequest([fieldError('newDueAt', 'newDueAt must be later than the current appointment', 'Ngày hẹn trả mới phải sau ngày hẹn hiện tại')]);
      }
      d.rescheduledDueAt = newDue;
      d.rescheduleCount += 1;
      ev.dueBefore = current;
      ev.dueAfter = newDue;
      data.originalDueAt = d.originalDueAt?.toISOString() ?? null;
      break;
    }
    case 'approve':
    case 'refuse': {
      const cur = currentStepRow(agg);
      if (cur) closeStep(agg, env, cur, 'done', input.note ?? null);
      endProcessing(agg, env, def.action === 'approve' ? 'resolved_approved' : 'resolved_refused');
      d.outcome = def.action === 'approve' ? 'approved' : 'refused';
      const retDef = processSteps(env.variant).ret ?? SYNTHETIC_RETURN;
      enterStep(agg, env, retDef, 'return');
      d.subStatus = null;
      const appointment = appointmentOf(d);
      data.earlyReturnNotice = appointment ? localDateOf(now) < localDateOf(appointment) : false;
      data.classDay = d.classDay;
      data.index766OnTime = d.index766OnTime;
      break;
    }
    case 'stop':
    case 'confirm_withdrawal': {
      closePauseIfOpen(agg, env);
      cancelActiveSteps(agg, env);
      endProcessing(agg, env, def.action === 'stop' ? 'stopped' : 'withdrawn');
      d.holders = [];
      d.subStatus = null;
      break;
    }
    case 'request_withdrawal': {
      d.statusBefore = from;
      break;
    }
    case 'cancel_withdrawal': {
      to = d.statusBefore ?? 'in_process';
      break;
    }
    case 'notify_result': {
      data.channel = input.notifyChannel ?? 'portal';
      break;
    }
    case 'return_result':
    case 'confirm_delivery': {
      let at = now;
      if (def.action === 'confirm_delivery' && input.deliveredAt) {
        if (input.deliveredAt.getTime() > now.getTime()) {
          throw badRequest([fieldError('deliveredAt', 'deliveredAt cannot be in the future', 'Thời điểm phát không được ở tương lai')]);
        }
        at = input.deliveredAt;
      }
      if (def.action === 'confirm_delivery') d.deliveredAt = at;
      d.returnedAt = at;
      const cur = currentStepRow(agg);
      if (cur) closeStep(agg, env, cur);
      d.holders = [];
      data.mode = def.action === 'confirm_delivery' ? 'post' : (input.returnMode ?? 'counter');
      if (input.recipientName) data.recipientName = input.recipientName;
      if (input.authorised) data.authorised = true;
      break;
    }
    case 'send_by_post': {
      const p = input.postal as NonNullable<ActionInput['postal']>;
      d.returnPostalSlipNo = p.slipNo;
      d.returnAddress = p.address ?? d.returnAddress;
      d.returnPhone = p.phone ?? d.returnPhone;
      data.operator = p.operator;
      data.slipNo = p.slipNo;
      break;
    }
    case 'archive': {
      d.archivedAt = now;
      break;
    }
  }

  // `statusBefore` remembers where a withdrawal request came from (cancel_withdrawal returns there);
  // side states (pause, consultation, inter-agency) always return to in_process.
  if (def.action !== 'request_withdrawal') d.statusBefore = SIDE_STATES.includes(to) ? 'in_process' : null;
  if (def.subStatus !== undefined) d.subStatus = def.subStatus;
  d.status = to;
  d.updatedAt = now;
  ev.toState = to;
  ev.dueBefore = ev.dueBefore ?? dueBefore;
  ev.dueAfter = ev.dueAfter ?? d.dueAt;
  const event = pushEvent(agg, env, ev);
  return { def, event };
}

function fixReceipt(agg: Aggregate, env: EngineEnv, receivedAt: Date): void {
  const d = agg.d;
  const v = env.variant;
  d.variantId = v.id;
  d.durationAmount = d.channel === 2 && v.onlineProcessingAmount !== null ? v.onlineProcessingAmount : v.processingAmount;
  d.durationUnit = v.processingUnit;
  d.receivedAt = receivedAt;
  const r = computeDue(env.calendar, { receivedAt, ...durationOf(d) });
  d.clockStart = r.clockStart;
  d.dueAt = r.due;
  d.originalDueAt = r.due;
  d.pauseDueAt = r.due;
  d.dueProvisional = r.provisional;
}

function endProcessing(agg: Aggregate, env: EngineEnv, kind: NonNullable<DossierRow['endKind']>): void {
  const d = agg.d;
  const now = env.now;
  d.endedAt = now;
  d.endKind = kind;
  if (kind === 'resolved_approved' || kind === 'resolved_refused') {
    d.resolvedAt = now;
    const e = applyPauseEvaluation(agg, env, now);
    const v = e.verdicts;
    if (v) {
      d.classDay = v.legal;
      d.index766OnTime = env.rules.index766Measure === 'working' ? e.index766LateWorking === false : v.index766 === 'on_time';
    }
    d.classRule = env.rules.classificationRule;
    d.classCalendarVersion = env.calendarVersion;
    d.lateUnits = [...new Set(agg.steps.filter((s) => s.classification === 'late' && s.unitId).map((s) => s.unitId as string))];
  }
}

function checkRequiredComponents(agg: Aggregate): void {
  const online = agg.d.channel === 2;
  const missing = agg.components.filter((c) => c.required && !(c.fileIds.length > 0 || c.fromDataStore || (!online && c.provided)));
  if (missing.length) {
    throw badRequest(
      missing.map((c) =>
        fieldError(
          `components.${c.code}`,
          `component '${c.name}' is required: attach a file${online ? ' or reuse it from the data store' : ''}`,
          `Thành phần "${c.name}" là bắt buộc: cần đính kèm tệp${online ? ' hoặc sử dụng lại từ kho dữ liệu' : ''}`,
        ),
      ),
      'Required components are missing',
      'Còn thiếu thành phần hồ sơ bắt buộc',
    );
  }
}

function updateComponents(agg: Aggregate, list: ActionInput['components']): void {
  if (!list) return;
  list.forEach((u, i) => {
    const c = agg.components.find((x) => x.code === u.code);
    if (!c) {
      throw badRequest([fieldError(`components.${i}.code`, `components.${i}.code '${u.code}' is not a component of this dossier`, `Thành phần '${u.code}' không thuộc hồ sơ này`)]);
    }
    if (u.provided !== undefined) c.provided = u.provided;
    if (u.originals !== undefined) c.originals = u.originals;
    if (u.certifiedCopies !== undefined) c.certifiedCopies = u.certifiedCopies;
    if (u.copies !== undefined) c.copies = u.copies;
    agg.dirtyComponents.add(c.id);
  });
}

// ------------------------------------------------------------------ creation

export interface NewDossierInput {
  id?: string;
  tenantId: string;
  procedure: { id: string; name: string; fieldId: string | null; cutoffTime: string | null };
  receivingUnitId: string;
  competentUnitId: string | null;
  channel: 1 | 2 | 3;
  returnChannel: 'counter' | 'post' | 'online';
  applicant: {
    kind: 1 | 2;
    name: string;
    citizenId?: string | null;
    taxCode?: string | null;
    address?: string | null;
    phone?: string | null;
    email?: string | null;
    userId?: string | null;
    representativeName?: string | null;
  };
  summary?: string | null;
  setsCount?: number;
  components: { code: string; originals?: number; certifiedCopies?: number; copies?: number; provided?: boolean; fromDataStore?: boolean; note?: string | null }[];
  returnAddress?: string | null;
  returnPhone?: string | null;
  postal?: { operator: string; slipNo: string; handoverNo: string; signedAt: Date; senderAddress?: string | null } | null;
  vneidVerified?: boolean;
  lookupSecret: string;
}

/**
 * Builds a new aggregate: a citizen's draft (online) or a registration at the counter / from the
 * post (status `submitted`, with its code). Components follow the variant's published list; a
 * component code that is not published is a 400.
 */
export function createAggregate(input: NewDossierInput, env: EngineEnv): Aggregate {
  const v = env.variant;
  const now = env.now;
  const published = new Map(v.components.map((c, i) => [c.code, { c, i }]));
  const bad = input.components.map((c, i) => ({ c, i })).filter(({ c }) => !published.has(c.code));
  if (bad.length) {
    throw badRequest(
      bad.map(({ c, i }) => fieldError(`components.${i}.code`, `components.${i}.code '${c.code}' is not a published component of this procedure`, `Thành phần '${c.code}' không có trong danh mục thành phần hồ sơ của thủ tục`)),
    );
  }
  const given = new Map(input.components.map((c) => [c.code, c]));
  if (given.size !== input.components.length) {
    throw badRequest([fieldError('components', 'a component is listed twice', 'Có thành phần hồ sơ bị lặp')]);
  }
  const components: ComponentRow[] = v.components.map((c, position) => {
    const g = given.get(c.code);
    const counts = g ? { originals: g.originals ?? 0, certifiedCopies: g.certifiedCopies ?? 0, copies: g.copies ?? 0 } : { originals: 0, certifiedCopies: 0, copies: 0 };
    const providedFlag = g ? (g.provided ?? counts.originals + counts.certifiedCopies + counts.copies > 0) : false;
    return {
      id: uuid(),
      position,
      code: c.code,
      name: c.name,
      required: c.required,
      ...counts,
      provided: providedFlag || !!g?.fromDataStore,
      digitised: false,
      fromDataStore: !!g?.fromDataStore,
      fileIds: [],
      note: g?.note ?? null,
    };
  });
  const isDraft = input.channel === 2;
  const postal = input.postal ?? null;
  const d: DossierRow = {
    id: input.id ?? uuid(),
    tenantId: input.tenantId,
    code: null,
    codeDay: null,
    codeSeq: null,
    registerYear: null,
    registerNo: null,
    publicLookupSecret: input.lookupSecret,
    procedureId: input.procedure.id,
    variantId: v.id,
    fieldId: input.procedure.fieldId,
    procedureName: input.procedure.name,
    receivingUnitId: input.receivingUnitId,
    competentUnitId: input.competentUnitId,
    channel: input.channel,
    returnChannel: input.returnChannel,
    status: isDraft ? 'draft' : 'submitted',
    subStatus: null,
    statusBefore: null,
    applicantKind: input.applicant.kind,
    applicantName: input.applicant.name.trim(),
    applicantCitizenId: input.applicant.citizenId ?? null,
    applicantTaxCode: input.applicant.taxCode ?? null,
    applicantAddress: input.applicant.address ?? null,
    applicantPhone: input.applicant.phone ?? null,
    applicantEmail: input.applicant.email ?? null,
    applicantUserId: input.applicant.userId ?? null,
    representativeName: input.applicant.representativeName ?? null,
    summary: input.summary ?? null,
    setsCount: input.setsCount ?? v.setsCount,
    durationAmount: input.channel === 2 && v.onlineProcessingAmount !== null ? v.onlineProcessingAmount : v.processingAmount,
    durationUnit: v.processingUnit,
    cutoffTime: input.procedure.cutoffTime,
    calendarUnitId: input.receivingUnitId,
    submittedAt: isDraft ? null : postal ? postal.signedAt : now,
    receivedAt: null,
    clockStart: null,
    clockRestartAt: null,
    dueAt: null,
    originalDueAt: null,
    rescheduledDueAt: null,
    rescheduleCount: 0,
    pauseDueAt: null,
    dueProvisional: false,
    supplementCount: 0,
    supplementFlagged: false,
    intakeSupplementCount: 0,
    pausedElapsedSeconds: 0,
    pausedWorkingMinutes: 0,
    transferredAt: null,
    transferLate: false,
    acceptanceLate: false,
    resolvedAt: null,
    endedAt: null,
    endKind: null,
    outcome: null,
    classDay: null,
    classRule: null,
    classCalendarVersion: null,
    index766OnTime: null,
    lateUnits: [],
    returnedAt: null,
    archivedAt: null,
    originDossierId: null,
    currentStep: null,
    currentStepId: null,
    holderUnitId: input.receivingUnitId,
    holders: [],
    handlerId: null,
    postalOperator: postal?.operator ?? null,
    postalSlipNo: postal?.slipNo ?? null,
    postalHandoverNo: postal?.handoverNo ?? null,
    postalHandoverSignedAt: postal?.signedAt ?? null,
    postalSenderAddress: postal?.senderAddress ?? null,
    returnAddress: input.returnAddress ?? null,
    returnPhone: input.returnPhone ?? null,
    returnPostalSlipNo: null,
    deliveredAt: null,
    fees: v.fees,
    onlinePayment: 0,
    vneidVerified: !!input.vneidVerified,
    hasDigitisedComponent: false,
    resultCode: null,
    resultFileId: null,
    version: 1,
    createdBy: env.actor.id,
    createdAt: now,
    updatedAt: now,
  };
  const agg: Aggregate = {
    d,
    steps: [],
    pauses: [],
    components,
    events: [],
    lastSeq: 0,
    isNew: true,
    loadedVersion: 0,
    dirtySteps: new Set(),
    dirtyPauses: new Set(),
    dirtyComponents: new Set(),
  };
  if (!isDraft) {
    if (!env.alloc?.code) throw new Error('registration needs an allocated code');
    d.code = env.alloc.code.code;
    d.codeDay = env.alloc.code.day;
    d.codeSeq = env.alloc.code.seq;
  }
  pushEvent(agg, env, {
    action: isDraft ? 'create_draft' : 'register',
    fromState: null,
    toState: d.status,
    public: !isDraft,
    data: {
      channel: d.channel,
      ...(d.code ? { code: d.code } : {}),
      ...(postal ? { postal: { operator: postal.operator, slipNo: postal.slipNo, handoverNo: postal.handoverNo, signedAt: postal.signedAt.toISOString() } } : {}),
    },
  });
  return agg;
}

/** The time an action may legally be dated (demo data and postal records pass explicit instants). */
export function assertNotBefore(agg: Aggregate, at: Date): void {
  const last = agg.events[agg.events.length - 1]?.at;
  if (last && at.getTime() < last.getTime()) throw new RangeError('actions must be applied in time order');
}

/** Working-minute helper for the service (due-soon thresholds). */
export function workingDayMinutes(cal: WorkingCalendar, at: Date): number {
  return mpd(cal, at);
}
