/**
 * Citizen reception (tiếp công dân, reception-and-letters.md §3): leader sessions (periodic, ad-hoc,
 * online) with registrations, visits recorded in the register, refusal with its notice, documents
 * received (Mẫu 02/TCD), letters created from what was heard, the reply within 10 working days, and
 * the leader's conclusion notice with tracked instructions.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/types.js';
import { badRequest, conflict, fieldError, forbidden, notFound, type FieldError } from '../../http/errors.js';
import { localDateOf, type WorkingCalendar } from '../../core/calendar/index.js';
import {
  VISIT_MACHINE,
  allowedActions,
  blindIndex,
  checkGroup,
  checkOnlineReason,
  decide,
  personKeyMaterial,
  refusalGround,
  refusalNoticeDue,
  visitReplyDue,
  vnFold,
  type ContentType,
  type VisitAction,
  type VisitFacts,
  type RuleSet,
  type VisitStatus,
} from '../../core/letters/index.js';
import {
  actionTime,
  actorUnit,
  appendEvent,
  insertWithEvent,
  updateWithEvent,
  calendarOf,
  checkVersion,
  clock,
  nextNumber,
  refusalError,
  ruleSetAt,
  ruleSetById,
  unitRow,
  type Actor,
  type EventInput,
  type LettersEnv,
} from './common.js';
import { canViewVisit, visitCaps } from './policy.js';
import { decryptIdentity, storeIdentity } from './protected.js';
import { receiveLetter } from './letters-service.js';

const PROTECTED_CONTENT: readonly string[] = ['denunciation', 'mixed'];

// ------------------------------------------------------------------ sessions

export interface SessionInput {
  unitId: string;
  kind: 'periodic' | 'ad_hoc' | 'online';
  leaderUserId?: string | null;
  leaderName: string;
  leaderTitle: string;
  isDeputy?: boolean;
  deputyReason?: string | null;
  roleOfUnit?: 'host' | 'supporting';
  scheduledOn: string;
  startTime?: string | null;
  endTime?: string | null;
  location?: string | null;
  published?: boolean;
  online?: { reason: string; platform?: string | null; points?: unknown[]; denouncerRequiresProtection?: boolean } | null;
  notes?: string | null;
  /** When the session was scheduled (recording after the fact); default now. */
  at?: string;
}

export async function loadSession(db: Queryable, tenantId: string, id: string, forUpdate = false) {
  return (
    await db.query(
      `select s.*, u.name unit_name, u.code unit_code from reception_sessions s join units u on u.id = s.unit_id
        where s.tenant_id=$1 and s.id=$2 ${forUpdate ? 'for update of s' : ''}`,
      [tenantId, id],
    )
  ).rows[0] ?? null;
}

function requireUnitStaff(actor: Actor, unitId: string) {
  if (!actor.scopes.officer.has(unitId) && !actor.scopes.leader.has(unitId)) {
    throw forbidden('You act only for units in your scope', 'Bạn chỉ thao tác với đơn vị thuộc phạm vi của mình');
  }
}

export async function createSession(tx: Queryable, env: LettersEnv, actor: Actor, input: SessionInput): Promise<any> {
  const unit = await unitRow(tx, env.tenantId, input.unitId, 'unitId', actor);
  requireUnitStaff(actor, unit.id);
  const rs = await ruleSetAt(tx, env.tenantId, new Date(`${input.scheduledOn}T08:00:00+07:00`), actor);
  const errors: FieldError[] = [];
  if (input.kind === 'periodic' && input.isDeputy) {
    const ex = rs.rules.reception.periodicDeputyException;
    if (!ex.allowed) {
      throw conflict(
        'deputy_not_allowed',
        `A periodic session is held by the head in person and cannot be delegated to a deputy (${ex.legalBasis})`,
        `Tiếp công dân định kỳ do người đứng đầu trực tiếp thực hiện, không ủy quyền cho cấp phó (${ex.legalBasis})`,
      );
    }
    if (ex.requiresReason && !input.deputyReason?.trim()) {
      errors.push(fieldError('deputyReason', 'State why a deputy receives instead of the head', 'Phải nêu lý do cấp phó tiếp thay người đứng đầu'));
    }
  }
  if (input.kind === 'online') {
    errors.push(...checkOnlineReason(rs.rules, input.online?.reason, !!input.online?.denouncerRequiresProtection).map((e) => ({ ...e, field: e.field === 'onlineReason' ? 'online.reason' : e.field })));
  } else if (input.online) {
    errors.push(fieldError('online', 'Online details belong to an online session', 'Thông tin trực tuyến chỉ dành cho buổi tiếp trực tuyến'));
  }
  if (input.leaderUserId) {
    const ok = await tx.query(
      `with recursive up as (select id, parent_id from units where id=$3 union all select u.id, u.parent_id from units u join up on u.id = up.parent_id)
       select 1 from user_roles r join users us on us.id = r.user_id where r.user_id=$1 and us.tenant_id=$2 and r.role='leader' and r.unit_id in (select id from up)`,
      [input.leaderUserId, env.tenantId, unit.id],
    );
    if (!ok.rowCount) errors.push(fieldError('leaderUserId', 'leaderUserId is not a leader of the unit', 'Người chủ trì không phải lãnh đạo của đơn vị'));
  }
  if (input.startTime && input.endTime && input.startTime >= input.endTime) errors.push(fieldError('endTime', 'endTime must be after startTime', 'Giờ kết thúc phải sau giờ bắt đầu'));
  if (errors.length) throw badRequest(errors);
  const scheduledAt = actionTime(input.at, actor.now, null);
  const sessionId = crypto.randomUUID();
  const s = await insertWithEvent(
    tx,
    env.tenantId,
      `insert into reception_sessions(id, tenant_id, unit_id, rule_set_id, kind, leader_user_id, leader_name, leader_title, is_deputy, deputy_reason,
         role_of_unit, scheduled_on, start_time, end_time, location, published, online_reason, online_platform, online_points, notes, created_by, last_event_at)
       values ($22,$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21) returning *`,
      [
        env.tenantId,
        unit.id,
        rs.id,
        input.kind,
        input.leaderUserId ?? null,
        input.leaderName,
        input.leaderTitle,
        !!input.isDeputy,
        input.deputyReason ?? null,
        input.roleOfUnit ?? 'host',
        input.scheduledOn,
        input.startTime ?? null,
        input.endTime ?? null,
        input.location ?? null,
        input.published ?? true,
        input.online?.reason ?? null,
        input.online?.platform ?? null,
        JSON.stringify(input.online?.points ?? []),
        input.notes ?? null,
        actor.user.id,
        scheduledAt,
        sessionId,
      ],
    {
      entity: 'session',
      entityId: sessionId,
      action: 'schedule',
      at: scheduledAt,
      actorId: actor.user.id,
      actorUnitId: actorUnit(actor, unit.id),
      to: 'scheduled',
      data: { kind: input.kind, scheduledOn: input.scheduledOn, ruleSet: rs.code },
    },
  );
  return { ...s, unit_name: unit.name, unit_code: unit.code };
}

export async function sessionAction(tx: Queryable, env: LettersEnv, actor: Actor, id: string, action: 'hold' | 'cancel' | 'conclude', body: any): Promise<any> {
  const s = await loadSession(tx, env.tenantId, id, true);
  if (!s || !canViewVisit(actor, s.unit_id)) throw notFound('Reception session', 'Buổi tiếp công dân');
  requireUnitStaff(actor, s.unit_id);
  checkVersion(s.version, body.version);
  const at = actionTime(body.at, actor.now, s.last_event_at);
  const set: Record<string, unknown> = {};
  let to = s.status;
  const data: Record<string, unknown> = {};
  if (action === 'hold') {
    if (s.status !== 'scheduled') throw conflict('illegal_transition', 'Only a scheduled session can be held', 'Chỉ buổi tiếp đã lên lịch mới được ghi nhận đã tiếp');
    if (s.kind === 'online' && !(body.recordingRef && body.recordingSha256)) {
      throw badRequest([
        fieldError('recordingRef', 'An online session is recorded in full: give the recording reference and its SHA-256', 'Buổi tiếp trực tuyến phải được ghi hình toàn bộ: nhập mã bản ghi và mã băm SHA-256'),
      ]);
    }
    Object.assign(set, {
      held_at: at,
      started_at: body.startedAt ? new Date(body.startedAt) : null,
      ended_at: body.endedAt ? new Date(body.endedAt) : null,
      recording_ref: body.recordingRef ?? null,
      recording_sha256: body.recordingSha256 ?? null,
      retention_class: body.retentionClass ?? (s.kind === 'online' ? 'tcd_recording' : null),
      online_points: body.points ? JSON.stringify(body.points) : JSON.stringify(s.online_points ?? []),
    });
    to = 'held';
  } else if (action === 'cancel') {
    if (s.status !== 'scheduled') throw conflict('illegal_transition', 'Only a scheduled session can be cancelled', 'Chỉ buổi tiếp đã lên lịch mới được hủy');
    if (!body.reason?.trim()) throw badRequest([fieldError('reason', 'reason is required', 'Phải nêu lý do')]);
    set.cancelled_reason = body.reason;
    to = 'cancelled';
  } else {
    if (!actor.scopes.leader.has(s.unit_id)) throw forbidden('Only a leader issues the conclusion notice', 'Chỉ lãnh đạo ban hành thông báo kết luận');
    if (s.status !== 'held') throw conflict('session_not_held', 'The conclusion notice follows a session that was held', 'Thông báo kết luận chỉ ban hành sau buổi tiếp đã diễn ra');
    const exists = await tx.query('select 1 from reception_conclusions where session_id=$1', [id]);
    if (exists.rowCount) throw conflict('conclusion_exists', 'The conclusion notice was already issued', 'Đã ban hành thông báo kết luận');
    const errors: FieldError[] = [];
    const ins: any[] = body.instructions ?? [];
    for (const [i, x] of ins.entries()) {
      const u = (await tx.query('select 1 from units where tenant_id=$1 and id=$2', [env.tenantId, x.assigneeUnitId])).rowCount;
      if (!u) errors.push(fieldError(`instructions.${i}.assigneeUnitId`, 'not a unit', 'không phải đơn vị'));
      if (x.visitId) {
        const v = (await tx.query('select session_id from reception_visits where tenant_id=$1 and id=$2', [env.tenantId, x.visitId])).rows[0];
        if (!v || v.session_id !== id) errors.push(fieldError(`instructions.${i}.visitId`, 'not a visit of this session', 'không phải lượt tiếp của buổi này'));
      }
      if (x.caseId) {
        // A case reached by a visitor of this session, or one of the leader's own units.
        const c = (
          await tx.query(
            `select c.unit_id, exists (select 1 from letters l join reception_visits v on v.id = l.visit_id where l.case_id = c.id and v.session_id = $3) reached
               from cases c where c.tenant_id = $1 and c.id = $2`,
            [env.tenantId, x.caseId, id],
          )
        ).rows[0];
        if (!c || !(c.reached || actor.scopes.leader.has(c.unit_id))) {
          errors.push(fieldError(`instructions.${i}.caseId`, 'not a case of this session or of your units', 'không phải vụ việc của buổi tiếp này hoặc của đơn vị mình'));
        }
      }
      if (x.dueOn < localDateOf(at)) errors.push(fieldError(`instructions.${i}.dueOn`, 'dueOn may not be before the notice', 'thời hạn không được trước ngày thông báo'));
    }
    if (errors.length) throw badRequest(errors);
    const conc = (
      await tx.query(
        `insert into reception_conclusions(tenant_id, session_id, notice_no, issued_at, issued_by, summary) values ($1,$2,$3,$4,$5,$6) returning id`,
        [env.tenantId, id, body.noticeNo, at, actor.user.id, body.summary],
      )
    ).rows[0];
    for (const x of ins) {
      const r = (
        await tx.query(
          `insert into reception_instructions(tenant_id, conclusion_id, visit_id, case_id, instruction, assignee_unit_id, assignee_user_id, due_on)
           values ($1,$2,$3,$4,$5,$6,$7,$8) returning id`,
          [env.tenantId, conc.id, x.visitId ?? null, x.caseId ?? null, x.instruction, x.assigneeUnitId, x.assigneeUserId ?? null, x.dueOn],
        )
      ).rows[0];
      await appendEvent(tx, env.tenantId, { entity: 'instruction', entityId: r.id, action: 'instruct', at, actorId: actor.user.id, to: 'pending', data: { sessionId: id, dueOn: x.dueOn } });
    }
    data.conclusionId = conc.id;
    data.noticeNo = body.noticeNo;
    data.instructions = ins.length;
  }
  set.last_event_at = at;
  const updated = await updateWithEvent(tx, env.tenantId, 'reception_sessions', id, set, to, {
    entity: 'session',
    entityId: id,
    action,
    at,
    actorId: actor.user.id,
    actorUnitId: actorUnit(actor, s.unit_id),
    from: s.status,
    to,
    reason: body.reason ?? null,
    formKey: action === 'conclude' ? 'conclusion_notice' : null,
    data,
  });
  return { ...updated, unit_name: s.unit_name, unit_code: s.unit_code };
}

export async function completeInstruction(tx: Queryable, env: LettersEnv, actor: Actor, id: string, body: { version?: number; note: string; at?: string }) {
  const r = (await tx.query('select * from reception_instructions where tenant_id=$1 and id=$2 for update', [env.tenantId, id])).rows[0];
  if (!r) throw notFound('Instruction', 'Ý kiến chỉ đạo');
  if (!actor.scopes.officer.has(r.assignee_unit_id) && !actor.scopes.leader.has(r.assignee_unit_id) && !actor.scopes.inspector.has(r.assignee_unit_id)) {
    throw notFound('Instruction', 'Ý kiến chỉ đạo');
  }
  checkVersion(r.version, body.version);
  if (r.status === 'done') throw conflict('illegal_transition', 'The instruction is already done', 'Ý kiến chỉ đạo đã được thực hiện');
  const at = actionTime(body.at, actor.now, null);
  const u = (
    await tx.query(`update reception_instructions set status='done', done_at=$2, done_note=$3, version=version+1 where id=$1 returning *`, [id, at, body.note])
  ).rows[0];
  await appendEvent(tx, env.tenantId, { entity: 'instruction', entityId: id, action: 'complete', at, actorId: actor.user.id, from: 'pending', to: 'done', data: { note: body.note } });
  return u;
}

// ------------------------------------------------------------------ visits

export interface VisitorInput {
  name: string;
  idKind?: 'cccd' | 'cmnd' | 'passport' | 'other';
  idNo?: string | null;
  address?: string | null;
  phone?: string | null;
}

export interface HearingInput {
  contentSummary: string;
  contentType: ContentType | 'other';
  field?: string | null;
  transcript?: string | null;
  readBack?: boolean;
  signatureRef?: string | null;
  priorBodies?: string | null;
  withinCompetence?: boolean | null;
  notes?: string | null;
}

export interface VisitInput {
  unitId: string;
  kind: 'regular' | 'periodic' | 'ad_hoc' | 'online';
  sessionId?: string | null;
  receivedAt?: string;
  registration?: boolean;
  registrationCase?: string | null;
  visitor: VisitorInput;
  representatives?: { name: string; idNo?: string | null; kind: 'representative' | 'lawyer' | 'guardian'; papers: string }[];
  group?: { peopleCount: number; representatives: { name: string }[]; appointmentDoc?: string | null; members?: string[]; signedByAll?: boolean } | null;
  forwardedBy?: string | null;
  forwardedDocNo?: string | null;
  hearing?: HearingInput | null;
}

export async function loadVisit(db: Queryable, tenantId: string, id: string, forUpdate = false) {
  return (
    await db.query(
      `select v.*, u.name unit_name, u.code unit_code from reception_visits v join units u on u.id = v.unit_id
        where v.tenant_id=$1 and v.id=$2 ${forUpdate ? 'for update of v' : ''}`,
      [tenantId, id],
    )
  ).rows[0] ?? null;
}

function checkIdNo(kind: string | undefined, idNo: string | null | undefined, field: string): FieldError[] {
  if (!idNo) return [];
  if ((kind ?? 'cccd') === 'cccd' && !/^\d{12}$/.test(idNo)) return [fieldError(field, 'A CCCD number has 12 digits', 'Số CCCD gồm 12 chữ số')];
  if (kind === 'cmnd' && !/^(\d{9}|\d{12})$/.test(idNo)) return [fieldError(field, 'A CMND number has 9 or 12 digits', 'Số CMND gồm 9 hoặc 12 chữ số')];
  if (kind === 'passport' && !/^[A-Z0-9]{6,12}$/i.test(idNo)) return [fieldError(field, 'A passport number has 6–12 letters or digits', 'Số hộ chiếu gồm 6–12 chữ cái hoặc chữ số')];
  return [];
}

/** Records a visit (or a registration for a leader session); with `hearing`, also what was heard. */
export async function recordVisit(tx: Queryable, env: LettersEnv, actor: Actor, input: VisitInput): Promise<any> {
  const unit = await unitRow(tx, env.tenantId, input.unitId, 'unitId', actor);
  requireUnitStaff(actor, unit.id);
  const receivedAt = actionTime(input.receivedAt, actor.now, null, 'receivedAt');
  const errors: FieldError[] = [];
  let session: any = null;
  if (input.kind === 'regular') {
    if (input.sessionId) errors.push(fieldError('sessionId', 'Regular reception has no leader session', 'Tiếp thường xuyên không gắn với buổi tiếp của lãnh đạo'));
    if (input.registration) errors.push(fieldError('registration', 'Registrations are taken for leader sessions', 'Chỉ đăng ký tiếp cho buổi tiếp của lãnh đạo'));
  } else {
    if (!input.sessionId) errors.push(fieldError('sessionId', `A ${input.kind} visit belongs to a session`, 'Lượt tiếp định kỳ, đột xuất, trực tuyến phải gắn với buổi tiếp'));
    else {
      session = await loadSession(tx, env.tenantId, input.sessionId);
      if (!session) errors.push(fieldError('sessionId', 'sessionId is not a session', 'sessionId không phải buổi tiếp'));
      else if (session.unit_id !== unit.id) errors.push(fieldError('sessionId', 'The session belongs to another unit', 'Buổi tiếp thuộc đơn vị khác'));
      else if (session.kind !== input.kind) errors.push(fieldError('kind', `The session is ${session.kind}`, `Buổi tiếp thuộc loại ${session.kind}`));
      else if (session.status === 'cancelled') errors.push(fieldError('sessionId', 'The session was cancelled', 'Buổi tiếp đã bị hủy'));
    }
  }
  if (!input.visitor?.name?.trim()) errors.push(fieldError('visitor.name', 'The visitor’s name is required', 'Phải ghi họ tên người được tiếp'));
  errors.push(...checkIdNo(input.visitor?.idKind, input.visitor?.idNo, 'visitor.idNo'));
  for (const [i, r] of (input.representatives ?? []).entries()) {
    if (!r.papers?.trim()) errors.push(fieldError(`representatives.${i}.papers`, 'A representative or lawyer shows their papers', 'Người đại diện, luật sư phải xuất trình giấy tờ hợp lệ'));
  }
  const rs = await ruleSetAt(tx, env.tenantId, receivedAt, actor);
  const people = input.group?.peopleCount ?? 1;
  let massGroup = false;
  if (people >= 2 || input.group) {
    const g = checkGroup(rs.rules, {
      peopleCount: people,
      representatives: input.group?.representatives ?? [],
      appointmentDoc: input.group?.appointmentDoc,
      members: input.group?.members,
      signedByAll: input.group?.signedByAll,
    });
    massGroup = g.massGroup;
    errors.push(...g.errors);
  }
  if (errors.length) throw badRequest(errors);

  const registration = !!input.registration;
  const year = Number(localDateOf(receivedAt).slice(0, 4));
  const material = personKeyMaterial({ idNos: [input.visitor.idNo], name: input.visitor.name, commune: input.visitor.address });
  const visitId = crypto.randomUUID();
  const cols: Record<string, unknown> = {
    id: visitId,
    tenant_id: env.tenantId,
    unit_id: unit.id,
    session_id: session?.id ?? null,
    rule_set_id: rs.id,
    register_year: registration ? null : year,
    kind: input.kind,
    status: registration ? 'registered' : 'checked_in',
    received_at: receivedAt,
    received_by: actor.user.id,
    received_by_name: actor.user.fullName,
    visitor_name: input.visitor.name.trim(),
    visitor_id_kind: input.visitor.idKind ?? (input.visitor.idNo ? 'cccd' : null),
    visitor_id_no: input.visitor.idNo ?? null,
    visitor_address: input.visitor.address ?? null,
    visitor_phone: input.visitor.phone ?? null,
    person_key: blindIndex(env.keys, material),
    representatives: JSON.stringify(input.representatives ?? []),
    people_count: people,
    mass_group: massGroup,
    group_representatives: JSON.stringify(input.group?.representatives ?? []),
    group_appointment_doc: input.group?.appointmentDoc ?? null,
    group_members: JSON.stringify(input.group?.members ?? []),
    forwarded_by: input.forwardedBy ?? null,
    forwarded_doc_no: input.forwardedDocNo ?? null,
    online_reason: session?.online_reason ?? null,
    registration_case: input.registrationCase ?? null,
    search_text: vnFold(`${input.visitor.name} ${input.visitor.address ?? ''}`),
    last_event_at: receivedAt,
  };
  const events: EventInput[] = [
    {
      entity: 'visit',
      entityId: visitId,
      action: registration ? 'register' : 'check_in',
      at: receivedAt,
      actorId: actor.user.id,
      actorUnitId: actorUnit(actor, unit.id),
      to: registration ? 'registered' : 'checked_in',
      data: { kind: input.kind, sessionId: session?.id ?? null, massGroup, peopleCount: people, ruleSet: rs.code },
    },
  ];
  // What was heard goes into the same insert, unless a denouncer's identity must first be stored.
  const hearNow = input.hearing && !registration && !PROTECTED_CONTENT.includes(input.hearing.contentType);
  if (hearNow) {
    const cal = await calendarOf(tx, env.tenantId, unit.id, actor);
    const h = await hearing(tx, env, { ...cols, received_at: receivedAt, protected: false, notes: null }, input.hearing, rs, cal);
    Object.assign(cols, h.set, { status: 'heard' });
    events.push({
      entity: 'visit',
      entityId: visitId,
      action: 'hear',
      at: receivedAt,
      actorId: actor.user.id,
      actorUnitId: actorUnit(actor, unit.id),
      from: 'checked_in',
      to: 'heard',
      dueAfter: h.dueAfter,
      data: h.data,
    });
  }
  const names = Object.keys(cols);
  const params = names.map((c) => cols[c]);
  const values = names.map((_, i) => `$${i + 1}`);
  if (!registration) {
    names.push('register_no');
    values.push('(select last from n)');
    params.push(`register:${unit.id}`, year);
  }
  const v = await insertWithEvent(tx, env.tenantId, `insert into reception_visits(${names.join(', ')}) values (${values.join(', ')}) returning *`, params, events, !registration);
  if (input.hearing && !registration && !hearNow) {
    const cal = await calendarOf(tx, env.tenantId, unit.id, actor);
    const h = await hearing(tx, env, v, input.hearing, rs, cal);
    const heard = await updateWithEvent(tx, env.tenantId, 'reception_visits', v.id, h.set, 'heard', {
      entity: 'visit',
      entityId: v.id,
      action: 'hear',
      at: receivedAt,
      actorId: actor.user.id,
      actorUnitId: actorUnit(actor, unit.id),
      from: 'checked_in',
      to: 'heard',
      dueAfter: h.dueAfter,
      data: h.data,
    });
    return { ...heard, unit_name: unit.name, unit_code: unit.code };
  }
  return { ...v, unit_name: unit.name, unit_code: unit.code };
}

async function visitFacts(db: Queryable, v: any): Promise<VisitFacts> {
  const letters = (await db.query('select count(*)::int n from letters where visit_id=$1', [v.id])).rows[0].n as number;
  const held = (await db.query('select count(*)::int n from reception_documents where visit_id=$1 and original and returned_at is null', [v.id])).rows[0].n as number;
  return {
    refusalNoticeRequired: v.refusal_notice_required,
    refusalNoticePending: v.refusal_notice_required && !v.refusal_notice_at,
    outcomes: v.outcomes ?? [],
    lettersCount: letters,
    originalsHeld: held,
  };
}

export async function visitAffordances(db: Queryable, actor: Actor, v: any) {
  return allowedActions(VISIT_MACHINE, v.status as VisitStatus, visitCaps(actor, v.unit_id), await visitFacts(db, v));
}

/** The columns set by hearing a visit (content, the 10-working-day reply due; a denouncer's identity moves to the encrypted store). */
async function hearing(tx: Queryable, env: LettersEnv, v: any, body: any, rs: RuleSet, cal: WorkingCalendar) {
  const need = (field: string, ok: boolean, en: string, vi: string) => {
    if (!ok) throw badRequest([fieldError(field, en, vi)]);
  };
  need('contentSummary', typeof body.contentSummary === 'string' && body.contentSummary.trim().length >= 3, 'contentSummary is required', 'Phải ghi tóm tắt nội dung');
  if (body.transcript) {
    need('readBack', body.readBack === true, 'A transcript is read back to the visitor', 'Biên bản ghi lời trình bày phải được đọc lại cho người trình bày nghe');
    need('signatureRef', !!body.signatureRef, 'A transcript is signed or finger-printed by the visitor', 'Biên bản phải có chữ ký hoặc điểm chỉ của người trình bày');
  }
  const due = clock(() => visitReplyDue(cal, rs.rules, new Date(v.received_at)));
  const set: Record<string, unknown> = {
    content_summary: body.contentSummary.trim(),
    content_type: body.contentType,
    field: body.field ?? null,
    transcript: body.transcript ?? null,
    read_back: !!body.readBack,
    signature_ref: body.signatureRef ?? null,
    prior_bodies: body.priorBodies ?? null,
    within_competence: body.withinCompetence ?? null,
    notes: body.notes ?? v.notes,
    reply_due_at: due.due,
  };
  const data: Record<string, unknown> = { contentType: body.contentType };
  if (PROTECTED_CONTENT.includes(body.contentType) && !v.protected) {
    const stored = await storeIdentity(
      tx,
      env,
      { name: v.visitor_name, idNo: v.visitor_id_no, address: v.visitor_address, phone: v.visitor_phone, signatureRef: body.signatureRef ?? null },
      personKeyMaterial({ idNos: [v.visitor_id_no], name: v.visitor_name, commune: v.visitor_address }),
      { visitId: v.id },
    );
    Object.assign(set, {
      protected: true,
      identity_id: stored.id,
      visitor_name: null,
      visitor_id_no: null,
      visitor_address: null,
      visitor_phone: null,
      signature_ref: null,
      group_representatives: JSON.stringify([]),
      group_members: JSON.stringify([]),
      search_text: '',
    });
    data.protected = true;
  }
  return { set, data, dueAfter: due.due };
}

export async function runVisitAction(tx: Queryable, env: LettersEnv, actor: Actor, id: string, action: VisitAction, body: any): Promise<{ visit: any; extra: Record<string, unknown> }> {
  const v = await loadVisit(tx, env.tenantId, id, true);
  if (!v || !canViewVisit(actor, v.unit_id)) throw notFound('Visit', 'Lượt tiếp công dân');
  checkVersion(v.version, body.version);
  const at = actionTime(body.at, actor.now, v.last_event_at);
  const d = decide(VISIT_MACHINE, v.status as VisitStatus, action, visitCaps(actor, v.unit_id), await visitFacts(tx, v));
  if (!d.ok) throw refusalError(d.status, d.refusal);
  const rs = await ruleSetById(tx, v.rule_set_id);
  const cal = await calendarOf(tx, env.tenantId, v.unit_id, actor);
  const set: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  let formKey: string | null = null;
  let dueAfter: Date | null = null;
  const outcomes = new Set<string>(v.outcomes ?? []);
  const need = (field: string, ok: boolean, en: string, vi: string) => {
    if (!ok) throw badRequest([fieldError(field, en, vi)]);
  };

  switch (action) {
    case 'check_in': {
      const year = Number(localDateOf(at).slice(0, 4));
      Object.assign(set, { register_year: year, register_no: await nextNumber(tx, env.tenantId, `register:${v.unit_id}`, year), received_at: at });
      break;
    }
    case 'mark_absent':
      break;
    case 'refuse': {
      const ground = refusalGround(rs.rules, body.reason);
      need('reason', !!ground, `reason must be one of: ${rs.rules.reception.refusalReasons.map((r) => r.code).join(', ')}`, `Lý do từ chối phải là một trong: ${rs.rules.reception.refusalReasons.map((r) => r.code).join(', ')}`);
      Object.assign(set, { refusal_reason: body.reason, refusal_note: body.note ?? null, refusal_notice_required: ground!.noticeRequired });
      if (ground!.noticeRequired) {
        const due = clock(() => refusalNoticeDue(cal, rs.rules, at));
        set.refusal_notice_due_at = due.due;
        dueAfter = due.due;
      }
      data.ground = ground!.labelVi;
      break;
    }
    case 'issue_refusal_notice':
      need('noticeNo', !!body.noticeNo?.trim(), 'The notice number is required', 'Phải ghi số thông báo');
      Object.assign(set, { refusal_notice_no: body.noticeNo, refusal_notice_at: at });
      formKey = 'refusal_notice';
      data.late = v.refusal_notice_due_at ? at.getTime() > new Date(v.refusal_notice_due_at).getTime() : false;
      break;
    case 'hear': {
      const h = await hearing(tx, env, v, body, rs, cal);
      Object.assign(set, h.set);
      Object.assign(data, h.data);
      dueAfter = h.dueAfter;
      break;
    }
    case 'answer':
      need('answerText', !!body.answerText?.trim(), 'answerText is required', 'Phải ghi nội dung trả lời');
      set.answer_text = body.answerText.trim();
      outcomes.add('answered_directly');
      break;
    case 'guide':
      need('guidanceTo', !!body.guidanceTo?.trim(), 'guidanceTo is required', 'Phải ghi cơ quan hướng dẫn đến');
      Object.assign(set, { guidance_to: body.guidanceTo.trim(), guidance_doc_no: body.docNo ?? null });
      outcomes.add('guided');
      break;
    case 'create_letters': {
      const parts: any[] = body.parts ?? [];
      need('parts', parts.length >= 1, 'At least one letter', 'Phải tạo ít nhất một đơn');
      const identity = v.identity_id ? await decryptIdentity(tx, env, v.identity_id) : null;
      const sender = identity
        ? { name: identity.name, idNo: identity.idNo, address: identity.address, phone: identity.phone }
        : { name: v.visitor_name, idNo: v.visitor_id_no, address: v.visitor_address, phone: v.visitor_phone };
      const created: any[] = [];
      for (const p of parts) {
        const l = await receiveLetter(tx, env, { ...actor, now: at }, {
          unitId: v.unit_id,
          source: 'reception',
          receivedAt: at.toISOString(),
          visitId: v.id,
          sender,
          signatoryCount: Math.max(1, v.people_count),
          respondent: p.respondent ?? null,
          contentType: p.contentType,
          summary: p.summary,
          content: p.content ?? null,
          field: p.field ?? v.field,
          hasOriginals: p.hasOriginals ?? false,
          originals: p.originals ?? [],
          multiSite: p.multiSite ?? false,
        });
        created.push({ id: l.id, code: l.code, contentType: l.content_type });
      }
      outcomes.add('letters_created');
      data.letters = created;
      extra.letters = created;
      break;
    }
    case 'receive_documents': {
      const docs: any[] = body.documents ?? [];
      need('documents', docs.length >= 1, 'List at least one document', 'Phải liệt kê ít nhất một tài liệu');
      const start = (await tx.query('select coalesce(max(seq),0)::int n from reception_documents where visit_id=$1', [id])).rows[0].n as number;
      for (const [i, doc] of docs.entries()) {
        await tx.query(`insert into reception_documents(tenant_id, visit_id, seq, title, pages, original, received_at) values ($1,$2,$3,$4,$5,$6,$7)`, [
          env.tenantId,
          id,
          start + i + 1,
          doc.title,
          doc.pages,
          !!doc.original,
          at,
        ]);
      }
      if (!v.documents_receipt_no) {
        const n = await nextNumber(tx, env.tenantId, `receipt:${v.unit_id}`, Number(localDateOf(at).slice(0, 4)));
        set.documents_receipt_no = `${n}/BN-TCD`;
      }
      outcomes.add('documents_received');
      formKey = 'documents_receipt';
      data.count = docs.length;
      break;
    }
    case 'return_documents': {
      const ids: string[] | undefined = body.documentIds;
      const r = await tx.query(
        `update reception_documents set returned_at=$2 where visit_id=$1 and original and returned_at is null and ($3::uuid[] is null or id = any($3::uuid[])) returning id`,
        [id, at, ids ?? null],
      );
      need('documentIds', r.rowCount > 0, 'No original to return among these documents', 'Không có tài liệu gốc nào để trả');
      data.returned = r.rowCount;
      break;
    }
    case 'reply':
      need('kind', ['accepted', 'needs_more_time', 'refused', 'transferred'].includes(body.kind), 'kind must be accepted, needs_more_time, refused or transferred', 'Hình thức trả lời phải là accepted, needs_more_time, refused hoặc transferred');
      Object.assign(set, {
        replied_at: at,
        reply_kind: body.kind,
        reply_doc_no: body.docNo ?? null,
        handling_body: body.handlingBody ?? v.handling_body,
        handling_doc_no: body.handlingDocNo ?? v.handling_doc_no,
      });
      data.late = v.reply_due_at ? at.getTime() > new Date(v.reply_due_at).getTime() : false;
      break;
    case 'close':
      set.closed_at = at;
      if (body.followUp) set.follow_up = body.followUp;
      break;
  }
  set.outcomes = [...outcomes];
  set.last_event_at = at;
  const updated = await updateWithEvent(tx, env.tenantId, 'reception_visits', id, set, d.to, {
    entity: 'visit',
    entityId: id,
    action,
    at,
    actorId: actor.user.id,
    actorUnitId: actorUnit(actor, v.unit_id),
    from: v.status,
    to: d.to,
    reason: typeof body.reason === 'string' ? body.reason : null,
    legalBasis: d.transition.legalBasis ?? null,
    formKey,
    dueAfter,
    data,
  });
  return { visit: { ...updated, unit_name: v.unit_name, unit_code: v.unit_code }, extra };
}
