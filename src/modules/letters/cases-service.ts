/**
 * Cases (vụ việc): opened when a letter is accepted (thụ lý); complaints with first and second
 * instance, complex and remote-area periods, suspension and resumption (the period restarts) and
 * withdrawal; denunciations with extensions (≤ 1, or ≤ 2 if especially complex, each ≤ 30 days);
 * petitions and feedback. Deadlines only through the legal clock, from the rule set pinned at
 * receipt. Every action goes through the case type's transition table and appends one event.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/types.js';
import { badRequest, conflict, fieldError, notFound, type FieldError } from '../../http/errors.js';
import {
  allowedActions,
  caseMachine,
  caseTypeOf,
  complaintAcceptanceDue,
  complexityRecorded,
  decide,
  extendedDue,
  forwarderInformDue,
  maxExtensions,
  resolutionDue,
  resolutionPeriod,
  secondRequestDue,
  suspensionNoticeDue,
  vnFold,
  type CaseAction,
  type CaseFacts,
  type CaseType,
  type RuleSet,
} from '../../core/letters/index.js';
import {
  actionTime,
  actorUnit,
  insertWithEvent,
  updateWithEvent,
  calendarOf,
  checkVersion,
  clock,
  nextNumber,
  refusalError,
  ruleSetById,
  unitRow,
  type Actor,
  type LettersEnv,
} from './common.js';
import { canViewCase, caseCaps, type CaseAssignment } from './policy.js';

const TYPE_CODE: Record<CaseType, string> = { complaint: 'KN', denunciation: 'TC', petition: 'PA' };

export interface Warning {
  code: string;
  message: string;
  messageVi: string;
}

/** A case with its unit and its active assignments (`assignments`: [{user_id, role}]). */
export async function loadCase(db: Queryable, tenantId: string, id: string, forUpdate = false): Promise<any | null> {
  const r = await db.query(
    `select c.*, u.name unit_name, u.code unit_code,
            coalesce((select json_agg(json_build_object('user_id', a.user_id, 'role', a.role) order by a.id)
                        from case_assignments a where a.case_id = c.id and a.ended_at is null), '[]') assignments
       from cases c join units u on u.id = c.unit_id
      where c.tenant_id=$1 and c.id=$2 ${forUpdate ? 'for update of c' : ''}`,
    [tenantId, id],
  );
  return r.rows[0] ?? null;
}

export async function assignmentsOf(db: Queryable, caseId: string): Promise<(CaseAssignment & { full_name: string; assigned_at: Date })[]> {
  return (
    await db.query(
      `select a.user_id, a.role, a.assigned_at, u.full_name from case_assignments a join users u on u.id = a.user_id
        where a.case_id=$1 and a.ended_at is null order by a.id`,
      [caseId],
    )
  ).rows;
}

/**
 * Checks an assignee: an active staff user, never a barred (denounced) person. Assigning a direct
 * subordinate of the denounced person (a user with a role at a unit the denounced person leads)
 * gives a warning.
 */
async function checkAssignee(db: Queryable, tenantId: string, userId: string, barred: string[], field: string): Promise<Warning[]> {
  const u = (await db.query(`select id, kind from users where tenant_id=$1 and id=$2 and active`, [tenantId, userId])).rows[0];
  if (!u || u.kind !== 'staff') throw badRequest([fieldError(field, `${field} is not an active staff user`, `${field} không phải cán bộ đang hoạt động`)]);
  if (barred.includes(userId)) {
    throw conflict('assignee_excluded', 'The denounced person may not be assigned to the case', 'Không được phân công người bị tố cáo giải quyết vụ việc');
  }
  if (!barred.length) return [];
  const sub = await db.query(
    `select 1 from user_roles mine join user_roles theirs on theirs.unit_id = mine.unit_id
      where mine.user_id = $1 and theirs.user_id = any($2::uuid[]) and theirs.role = 'leader' and mine.role <> 'leader' limit 1`,
    [userId, barred],
  );
  return sub.rowCount
    ? [{ code: 'assignee_subordinate_of_respondent', message: 'The assignee works under the denounced person', messageVi: 'Người được phân công là cấp dưới trực tiếp của người bị tố cáo' }]
    : [];
}

export interface OpenCaseInput {
  at: Date;
  resolvingUnitId: string;
  resolverUserId: string | null;
  verifierUserIds: string[];
  acceptanceDocNo?: string | null;
  remoteArea?: boolean;
  instance?: 1 | 2;
  parentCaseId?: string | null;
}

/** Opens a case from an accepted letter: the resolution clock starts at acceptance. */
export async function createCase(
  tx: Queryable,
  env: LettersEnv,
  actor: Actor,
  letter: any,
  input: OpenCaseInput,
): Promise<{ case: any; warnings: Warning[]; acceptanceLate: boolean | null }> {
  const type = caseTypeOf(letter.content_type);
  if (!type) throw conflict('no_case_type', 'A letter with mixed content must be split before a case is opened', 'Đơn nhiều nội dung phải được tách trước khi thụ lý');
  const errors: FieldError[] = [];
  const unit = await unitRow(tx, env.tenantId, input.resolvingUnitId, 'resolvingUnitId', actor);
  if (!actor.scopes.leader.has(unit.id)) {
    errors.push(fieldError('resolvingUnitId', 'A leader accepts cases only for units in their scope', 'Lãnh đạo chỉ thụ lý cho đơn vị thuộc phạm vi của mình'));
  }
  if (!input.acceptanceDocNo?.trim()) errors.push(fieldError('acceptanceDocNo', 'The acceptance decision or notice number is required', 'Phải ghi số quyết định/thông báo thụ lý'));
  if (errors.length) throw badRequest(errors);
  const rs = await ruleSetById(tx, letter.rule_set_id);
  const cal = await calendarOf(tx, env.tenantId, unit.id, actor);
  const barred: string[] = letter.barred_user_ids ?? [];
  const warnings: Warning[] = [];
  const resolver = input.resolverUserId ?? actor.user.id;
  warnings.push(...(await checkAssignee(tx, env.tenantId, resolver, barred, 'resolverUserId')));
  for (const [i, v] of input.verifierUserIds.entries()) warnings.push(...(await checkAssignee(tx, env.tenantId, v, barred, `verifierUserIds.${i}`)));

  // Remote area from the catalogue: the sender's commune, else the resolving unit.
  let remote = input.remoteArea ?? false;
  let remoteBasis: string | null = null;
  if (input.remoteArea === undefined) {
    const commune = letter.sender_commune_unit_id ? (await tx.query('select name, remote_area, legal_basis from units where id=$1', [letter.sender_commune_unit_id])).rows[0] : null;
    const src = commune?.remote_area ? commune : unit.remote_area ? unit : null;
    if (src) {
      remote = true;
      remoteBasis = `Danh mục đơn vị: ${src.name} thuộc vùng sâu, vùng xa${src.legal_basis ? ` (${src.legal_basis})` : ''}`;
    }
  } else if (remote) {
    remoteBasis = 'Xác định khi thụ lý';
  }
  const instance = input.instance ?? 1;
  const clockFacts = { type, instance, complex: false, remote };
  const due = clock(() => resolutionDue(cal, rs.rules, clockFacts, input.at));
  const period = resolutionPeriod(rs.rules, clockFacts);
  let acceptanceLate: boolean | null = null;
  if (type === 'complaint' && instance === 1) {
    const acc = clock(() => complaintAcceptanceDue(cal, rs.rules, new Date(letter.received_at)));
    acceptanceLate = input.at.getTime() > acc.due.getTime();
  }
  const year = Number(new Date(input.at.getTime() + 7 * 3600_000).toISOString().slice(0, 4));
  const seq = await nextNumber(tx, env.tenantId, `case:${type}:${unit.id}`, year);
  const code = `${unit.code}-${TYPE_CODE[type]}-${year}-${String(seq).padStart(4, '0')}`;
  const caseId = crypto.randomUUID();
  const c = await insertWithEvent(
    tx,
    env.tenantId,
    `insert into cases(id, tenant_id, code, type, instance, parent_case_id, letter_id, unit_id, rule_set_id, status, summary, field, respondent_name,
         protected, barred_user_ids, received_at, accepted_at, acceptance_doc_no, remote_area, remote_area_basis, period_amount, period_unit,
         clock_start_at, original_due_at, due_at, due_provisional, forwarded_by, search_text, last_event_at)
       values ($25,$1,$2,$3,$4,$5,$6,$7,$8,'accepted',$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$15,$21,$21,$22,$23,$24,$15) returning *`,
      [
        env.tenantId,
        code,
        type,
        instance,
        input.parentCaseId ?? null,
        letter.id,
        unit.id,
        rs.id,
        letter.summary,
        letter.field,
        letter.respondent_name,
        letter.protected,
        barred,
        letter.received_at,
        input.at,
        input.acceptanceDocNo ?? null,
        remote,
        remoteBasis,
        period.amount,
        period.unit,
        due.due,
        due.provisional,
        letter.forwarder_name,
        vnFold(`${code} ${letter.summary} ${letter.respondent_name ?? ''}`).slice(0, 4000),
        caseId,
      ],
    {
      entity: 'case',
      entityId: caseId,
      action: 'open',
      at: input.at,
      actorId: actor.user.id,
      actorUnitId: actorUnit(actor, unit.id),
      to: 'accepted',
      legalBasis: due.legalBasis,
      dueAfter: due.due,
      data: { letterId: letter.id, instance, remote, periodDays: period.amount, ruleSet: rs.code, acceptanceLate, warnings: warnings.map((w) => w.code) },
    },
  );
  await tx.query(`insert into case_assignments(tenant_id, case_id, user_id, role, assigned_at, assigned_by) values ($1,$2,$3,'resolver',$4,$5)`, [
    env.tenantId,
    c.id,
    resolver,
    input.at,
    actor.user.id,
  ]);
  for (const v of new Set(input.verifierUserIds)) {
    const isInspector = (await tx.query(`select 1 from user_roles where user_id=$1 and role='inspector'`, [v])).rowCount > 0;
    await tx.query(`insert into case_assignments(tenant_id, case_id, user_id, role, assigned_at, assigned_by) values ($1,$2,$3,$4,$5,$6) on conflict do nothing`, [
      env.tenantId,
      c.id,
      v,
      isInspector ? 'inspector' : 'verifier',
      input.at,
      actor.user.id,
    ]);
  }
  return { case: { ...c, unit_name: unit.name, unit_code: unit.code }, warnings, acceptanceLate };
}

function caseFacts(c: any, rs: RuleSet, at: Date, body: any): CaseFacts {
  const ext = rs.rules.denunciations.extension;
  return {
    now: at,
    instance: c.instance,
    dueAt: c.due_at,
    secondRequestDue: c.second_request_due_at,
    statusBefore: c.status_before,
    suspensionAvailable: rs.rules.complaints.suspensionAvailable,
    extensions: c.extensions,
    maxExtensions: maxExtensions(rs.rules, c.complex, c.especially_complex),
    maxExtensionDays: ext.maxDays,
    requestedDays: typeof body?.days === 'number' ? body.days : undefined,
    enforcementStatus: c.enforcement_status,
    decisionResult: c.decision_result,
  };
}

export async function caseAffordances(db: Queryable, actor: Actor, c: any) {
  const rs = await ruleSetById(db, c.rule_set_id);
  const asg = await assignmentsOf(db, c.id);
  const caps = caseCaps(actor, c, asg);
  return allowedActions(caseMachine(c.type), c.status, caps, caseFacts(c, rs, actor.now, null));
}

/** A resolution ends the clock: whether it ended late, and (for forwarded cases) when the forwarder must be told. */
function resolutionColumns(c: any, at: Date, endKind: string, cal: any, rs: RuleSet, data: Record<string, unknown>): Record<string, unknown> {
  const late = c.due_at ? at.getTime() > new Date(c.due_at).getTime() : false;
  if (c.forwarded_by) data.informForwarderDue = clock(() => forwarderInformDue(cal, rs.rules, at)).due.toISOString();
  data.late = late;
  return c.resolved_at ? { end_kind: endKind } : { resolved_at: at, ended_late: late, end_kind: endKind };
}

export async function runCaseAction(
  tx: Queryable,
  env: LettersEnv,
  actor: Actor,
  id: string,
  action: CaseAction,
  body: any,
): Promise<{ case: any; extra: Record<string, unknown> }> {
  const c = await loadCase(tx, env.tenantId, id, true);
  if (!c) throw notFound('Case', 'Vụ việc');
  const asg: CaseAssignment[] = c.assignments;
  if (!canViewCase(actor, c, asg)) throw notFound('Case', 'Vụ việc');
  checkVersion(c.version, body.version);
  const at = actionTime(body.at, actor.now, c.last_event_at);
  const rs = await ruleSetById(tx, c.rule_set_id);
  const caps = caseCaps(actor, c, asg);
  const m = caseMachine(c.type);
  const d = decide(m, c.status, action, caps, caseFacts(c, rs, at, body));
  if (!d.ok) throw refusalError(d.status, d.refusal);
  if (d.transition.needsReason && !(typeof body.reason === 'string' && body.reason.trim())) {
    throw badRequest([fieldError('reason', 'reason is required for this action', 'Phải nêu lý do cho thao tác này')]);
  }
  const cal = await calendarOf(tx, env.tenantId, c.unit_id, actor);
  const set: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  let dueAfter: Date | null = null;
  let formKey: string | null = null;
  let legalBasis = d.transition.legalBasis ?? null;
  const need = (field: string, ok: boolean, en: string, vi: string) => {
    if (!ok) throw badRequest([fieldError(field, en, vi)]);
  };

  switch (action) {
    case 'assign': {
      need('userId', typeof body.userId === 'string', 'userId is required', 'Phải chọn người được phân công');
      const role = body.role ?? 'verifier';
      need('role', ['resolver', 'verifier', 'inspector', 'supervisor'].includes(role), 'role must be resolver, verifier, inspector or supervisor', 'Vai trò phải là resolver, verifier, inspector hoặc supervisor');
      const warnings = await checkAssignee(tx, env.tenantId, body.userId, c.barred_user_ids, 'userId');
      if (role === 'resolver') await tx.query(`update case_assignments set ended_at=$2 where case_id=$1 and role='resolver' and ended_at is null`, [id, at]);
      await tx.query(
        `insert into case_assignments(tenant_id, case_id, user_id, role, assigned_at, assigned_by) values ($1,$2,$3,$4,$5,$6) on conflict do nothing`,
        [env.tenantId, id, body.userId, role, at, actor.user.id],
      );
      data.userId = body.userId;
      data.role = role;
      extra.warnings = warnings;
      break;
    }
    case 'record_complexity': {
      const criteria: string[] = body.criteria ?? [];
      const unknown = criteria.filter((x) => !rs.rules.complaints.complexCriteria.includes(x));
      need('criteria', unknown.length === 0, `Unknown criteria: ${unknown.join(', ')}`, `Tiêu chí không hợp lệ: ${unknown.join(', ')}`);
      const complex = body.complex !== false;
      if (complex) {
        need('criteria', criteria.length > 0, 'Tick at least one criterion', 'Phải chọn ít nhất một tiêu chí');
        need('docNo', !!body.docNo?.trim(), 'The written decision (document number) is required', 'Phải có văn bản xác định vụ việc phức tạp (số văn bản)');
      }
      const recorded = complexityRecorded({ complex, criteria, docNo: body.docNo ?? null, decidedBy: actor.user.id }, rs.rules);
      Object.assign(set, {
        complex: recorded,
        especially_complex: recorded && c.type === 'denunciation' && !!body.especiallyComplex,
        complex_criteria: criteria,
        complex_doc_no: body.docNo ?? null,
        complex_decided_by: actor.user.id,
        complex_decided_at: at,
      });
      legalBasis = rs.rules.complaints.complexLegalBasis;
      if (c.type === 'complaint' && recorded !== c.complex && c.status !== 'suspended') {
        const f = { type: c.type as CaseType, instance: c.instance, complex: recorded, remote: c.remote_area };
        const due = clock(() => resolutionDue(cal, rs.rules, f, new Date(c.clock_start_at)));
        set.due_at = due.due;
        set.due_provisional = due.provisional;
        set.period_amount = due.amount;
        dueAfter = due.due;
      }
      break;
    }
    case 'start_verification':
      set.verification_started_at = at;
      break;
    case 'hold_dialogue':
      set.dialogue_at = at;
      data.minutes = body.minutes ?? null;
      break;
    case 'suspend': {
      need('decisionNo', !!body.decisionNo?.trim(), 'The suspension decision number (Form 14a) is required', 'Phải ghi số quyết định tạm đình chỉ (Mẫu 14a)');
      const notice = clock(() => suspensionNoticeDue(cal, rs.rules, at));
      await tx.query(
        `insert into case_suspensions(tenant_id, case_id, suspended_at, ground, decision_no, notice_due_at, due_before) values ($1,$2,$3,$4,$5,$6,$7)`,
        [env.tenantId, id, at, body.reason, body.decisionNo, notice.due, c.due_at],
      );
      set.status_before = c.status;
      formKey = 'suspension';
      data.noticeDue = notice.due.toISOString();
      data.decisionNo = body.decisionNo;
      break;
    }
    case 'resume': {
      need('decisionNo', !!body.decisionNo?.trim(), 'The resumption decision number (Form 14b) is required', 'Phải ghi số quyết định tiếp tục giải quyết (Mẫu 14b)');
      const f = { type: c.type as CaseType, instance: c.instance, complex: c.complex, remote: c.remote_area };
      const due = clock(() => resolutionDue(cal, rs.rules, f, at));
      await tx.query(
        `update case_suspensions set resumed_at=$2, resume_decision_no=$3, due_after=$4 where case_id=$1 and resumed_at is null`,
        [id, at, body.decisionNo, due.due],
      );
      Object.assign(set, { clock_start_at: at, due_at: due.due, due_provisional: due.provisional, status_before: null });
      dueAfter = due.due;
      formKey = 'resumption';
      data.decisionNo = body.decisionNo;
      data.restart = true;
      break;
    }
    case 'extend': {
      need('days', Number.isInteger(body.days), 'days is required', 'Phải ghi số ngày gia hạn');
      need('decisionNo', !!body.decisionNo?.trim(), 'The extension decision number is required', 'Phải ghi số quyết định gia hạn');
      const due = clock(() => extendedDue(cal, rs.rules, new Date(c.due_at), body.days));
      await tx.query(
        `insert into case_extensions(tenant_id, case_id, seq, days, decision_no, reason, at, due_before, due_after) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
        [env.tenantId, id, c.extensions + 1, body.days, body.decisionNo, body.reason, at, c.due_at, due.due],
      );
      Object.assign(set, { extensions: c.extensions + 1, due_at: due.due, due_provisional: due.provisional });
      dueAfter = due.due;
      formKey = 'extension_decision';
      data.days = body.days;
      data.decisionNo = body.decisionNo;
      break;
    }
    case 'decide': {
      need('decisionNo', !!body.decisionNo?.trim(), 'The decision number is required', 'Phải ghi số quyết định giải quyết khiếu nại');
      need('result', ['upheld', 'partly_upheld', 'rejected'].includes(body.result), 'result must be upheld, partly_upheld or rejected', 'Kết quả phải là upheld, partly_upheld hoặc rejected');
      Object.assign(set, { decided_at: at, decision_no: body.decisionNo, decision_result: body.result }, resolutionColumns(c, at, 'decided', cal, rs, data));
      if (c.instance === 1) {
        const w = clock(() => secondRequestDue(cal, rs.rules, at, c.remote_area));
        set.second_request_due_at = w.due;
        data.secondRequestDue = w.due.toISOString();
      }
      if (body.result !== 'rejected') set.enforcement_status = 'in_progress';
      break;
    }
    case 'conclude':
      need('conclusionNo', !!body.conclusionNo?.trim(), 'The conclusion number is required', 'Phải ghi số kết luận nội dung tố cáo');
      need('result', ['true', 'partly_true', 'false'].includes(body.result), 'result must be true, partly_true or false', 'Kết quả phải là true, partly_true hoặc false');
      Object.assign(set, { concluded_at: at, conclusion_no: body.conclusionNo, conclusion_result: body.result }, resolutionColumns(c, at, 'concluded', cal, rs, data));
      break;
    case 'handle_conclusion':
      set.enforcement_status = body.result === 'false' ? 'done' : 'in_progress';
      data.note = body.note ?? null;
      break;
    case 'answer':
      need('docNo', !!body.docNo?.trim(), 'The answer document number is required', 'Phải ghi số văn bản trả lời');
      Object.assign(set, { answered_at: at, answer_doc_no: body.docNo }, resolutionColumns(c, at, 'answered', cal, rs, data));
      break;
    case 'withdraw':
      need('document', !!body.document?.trim(), 'The written withdrawal is required', 'Phải có đơn rút (văn bản)');
      Object.assign(set, { withdrawn_at: at, withdrawal_doc: body.document, withdrawal_coerced: !!body.coerced });
      if (c.type === 'complaint') Object.assign(set, resolutionColumns(c, at, 'withdrawn', cal, rs, data));
      break;
    case 'terminate':
      Object.assign(set, { terminated_at: at, termination_ground: body.reason }, resolutionColumns(c, at, 'terminated', cal, rs, data));
      break;
    case 'continue':
      data.coerced = !!body.coerced;
      break;
    case 'request_second_instance': {
      data.requestDocNo = body.docNo ?? null;
      data.higherBody = body.higherBody ?? null;
      if (!c.resolved_at) set.end_kind = 'escalated';
      if (body.openAt?.unitId) {
        const letter = (await tx.query('select * from letters where id=$1', [c.letter_id])).rows[0];
        const second = await createCase(tx, env, actor, letter, {
          at,
          resolvingUnitId: body.openAt.unitId,
          resolverUserId: body.openAt.resolverUserId ?? null,
          verifierUserIds: body.openAt.verifierUserIds ?? [],
          acceptanceDocNo: body.openAt.acceptanceDocNo,
          remoteArea: c.remote_area,
          instance: 2,
          parentCaseId: c.id,
        });
        data.secondCaseId = second.case.id;
        extra.secondCase = { id: second.case.id, code: second.case.code };
      }
      break;
    }
    case 'file_court':
      data.court = body.court ?? null;
      set.court_filed_at = at;
      if (!c.resolved_at) set.end_kind = 'court';
      break;
    case 'finalize':
      set.final_at = at;
      break;
    case 'record_enforcement':
      need('status', ['in_progress', 'done'].includes(body.status), 'status must be in_progress or done', 'Trạng thái phải là in_progress hoặc done');
      set.enforcement_status = body.status;
      set.enforcement_note = body.note ?? null;
      break;
    case 'close':
      set.closed_at = at;
      break;
  }

  set.last_event_at = at;
  const updated = await updateWithEvent(tx, env.tenantId, 'cases', id, set, d.to, {
    entity: 'case',
    entityId: id,
    action,
    at,
    actorId: actor.user.id,
    actorUnitId: actorUnit(actor, c.unit_id),
    from: c.status,
    to: d.to,
    reason: typeof body.reason === 'string' ? body.reason : null,
    legalBasis,
    formKey,
    dueBefore: dueAfter ? c.due_at : null,
    dueAfter,
    data,
  });
  return { case: { ...updated, unit_name: c.unit_name, unit_code: c.unit_code }, extra };
}
