/**
 * Letters (xử lý đơn, TT 05/2021): intake from reception, post, letter box, online and forwarding
 * bodies; classification on every axis; split of mixed content; duplicates; and the outcomes
 * (propose acceptance → case, transfer, guidance, return of originals, archive, link). Every action
 * goes through the letter transition table and appends one event in the same transaction.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/types.js';
import { badRequest, fieldError, forbidden, notFound, type FieldError } from '../../http/errors.js';

import { localDateOf, parseInstant } from '../../core/calendar/index.js';
import {
  ARCHIVE_REASONS,
  LETTER_MACHINE,
  allowedActions,
  ARCHIVE_REASON_LABELS,
  eventActionLabel,
  type ArchiveReason,
  redactDenouncer,
  blindIndex,
  caseTypeOf,
  decide,
  denunciationTransferDue,
  duplicateKey,
  eligibility,
  isAnonymousDenunciation,
  isManySignatories,
  letterOutcomeDue,
  limitation,
  personKeyMaterial,
  respondentKey,
  suggestOutcome,
  transferReplyDue,
  vnFold,
  type ContentType,
  type FormChecks,
  type LetterAction,
  type LetterFacts,
  type LetterSource,
  type LetterStatus,
  type RuleSet,
} from '../../core/letters/index.js';
import { audit } from '../audit.js';
import {
  actionTime,
  insertWithEvent,
  updateWithEvent,
  actorUnit,
  calendarOf,
  checkVersion,
  clock,
  refusalError,
  ruleSetAt,
  ruleSetById,
  unitRow,
  type Actor,
  type LettersEnv,
} from './common.js';
import { canViewLetter, letterCaps } from './policy.js';
import { decryptIdentity, storeIdentity } from './protected.js';
import { findDuplicates, priorOutcomes, type DuplicateView } from './duplicates.js';
import { createCase } from './cases-service.js';

export interface SenderInput {
  name?: string | null;
  idNo?: string | null;
  address?: string | null;
  communeUnitId?: string | null;
  commune?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface LetterInput {
  unitId: string;
  source: LetterSource;
  receivedAt?: string;
  letterDate?: string | null;
  visitId?: string | null;
  forwarder?: { kind?: string | null; name: string; docNo?: string | null } | null;
  sender?: SenderInput | null;
  anonymous?: boolean;
  signatories?: { name: string; idNo?: string | null }[];
  signatoryCount?: number;
  respondent?: { name?: string | null; unit?: string | null; userId?: string | null } | null;
  contentType: ContentType;
  summary: string;
  content?: string | null;
  field?: string | null;
  addressees?: string[];
  hasOriginals?: boolean;
  originals?: { title: string }[];
  multiSite?: boolean;
}

interface InternalIntake {
  parentLetterId?: string;
  /** Share an existing protected identity (split parts of a denunciation). */
  identity?: { id: string; personKey: string | null };
  personKey?: string | null;
  /** Skip the scope check (split parts inherit the parent's; citizens submit online). */
  citizen?: boolean;
}

const PROTECTED_CONTENT: readonly ContentType[] = ['denunciation', 'mixed'];

export async function loadLetter(db: Queryable, tenantId: string, id: string, forUpdate = false): Promise<any | null> {
  const r = await db.query(
    `select l.*, u.name unit_name, u.code unit_code from letters l join units u on u.id = l.unit_id
      where l.tenant_id=$1 and l.id=$2 ${forUpdate ? 'for update of l' : ''}`,
    [tenantId, id],
  );
  return r.rows[0] ?? null;
}

/** Staff user with the given id in the tenant, or null. */
async function staffUser(db: Queryable, tenantId: string, id: string) {
  return (await db.query(`select id, full_name, kind from users where tenant_id=$1 and id=$2 and active`, [tenantId, id])).rows[0] ?? null;
}

/** A denounced person who is a user: the named user, or the one active staff user with that name. */
async function respondentUser(db: Queryable, tenantId: string, r: LetterInput['respondent']): Promise<string | null> {
  if (!r) return null;
  if (r.userId) return r.userId;
  if (!r.name || r.name.trim().split(/\s+/).length < 2) return null;
  const rows = (
    await db.query(`select id from users where tenant_id=$1 and kind='staff' and active and vn_fold(full_name) = vn_fold($2) limit 2`, [tenantId, r.name.trim()])
  ).rows;
  return rows.length === 1 ? rows[0].id : null;
}

function searchText(parts: (string | null | undefined)[]): string {
  return vnFold(parts.filter(Boolean).join(' ')).slice(0, 4000);
}

/** Logs a letter. Denouncers' identities go to the encrypted store; the letter keeps none of it. */
export async function receiveLetter(tx: Queryable, env: LettersEnv, actor: Actor, input: LetterInput, internal: InternalIntake = {}): Promise<any> {
  const errors: FieldError[] = [];
  const unit = await unitRow(tx, env.tenantId, input.unitId, 'unitId', actor);
  if (!internal.citizen && !actor.scopes.officer.has(unit.id) && !actor.scopes.leader.has(unit.id)) {
    throw forbidden('You may log letters only for units in your scope', 'Bạn chỉ được tiếp nhận đơn cho đơn vị thuộc phạm vi của mình');
  }
  const receivedAt = actionTime(input.receivedAt, actor.now, null, 'receivedAt');
  if (receivedAt.getTime() < Date.parse('2000-01-01T00:00:00Z')) errors.push(fieldError('receivedAt', 'receivedAt is too far in the past', 'receivedAt quá xa trong quá khứ'));
  const receivedDay = localDateOf(receivedAt);
  if (unit.valid_to && unit.valid_to <= receivedDay) {
    errors.push(fieldError('unitId', 'The unit no longer exists on the receipt date', 'Đơn vị không còn tồn tại vào ngày nhận đơn'));
  }
  if (input.source === 'forwarded' && !input.forwarder?.name) {
    errors.push(fieldError('forwarder.name', 'A forwarded letter names its forwarder', 'Đơn do cơ quan chuyển đến phải ghi cơ quan chuyển'));
  }
  if (input.source === 'reception' && !input.visitId) {
    errors.push(fieldError('visitId', 'A letter from reception names its visit', 'Đơn qua tiếp công dân phải gắn với lượt tiếp'));
  }
  if (input.visitId) {
    const v = (await tx.query('select unit_id from reception_visits where tenant_id=$1 and id=$2', [env.tenantId, input.visitId])).rows[0];
    if (!v) errors.push(fieldError('visitId', 'visitId is not a visit', 'visitId không phải lượt tiếp công dân'));
    else if (v.unit_id !== unit.id) errors.push(fieldError('visitId', 'The visit belongs to another unit', 'Lượt tiếp thuộc đơn vị khác'));
  }
  if (input.letterDate && input.letterDate > receivedDay) {
    errors.push(fieldError('letterDate', 'letterDate may not be after the receipt date', 'Ngày ghi trên đơn không được sau ngày nhận'));
  }
  let communeName: string | null = input.sender?.commune ?? null;
  if (input.sender?.communeUnitId) {
    const c = (await tx.query('select name, kind from units where tenant_id=$1 and id=$2', [env.tenantId, input.sender.communeUnitId])).rows[0];
    if (!c) errors.push(fieldError('sender.communeUnitId', 'sender.communeUnitId is not a unit', 'Xã/phường của người gửi không tồn tại'));
    else communeName = c.name;
  }
  if (input.respondent?.userId && !(await staffUser(tx, env.tenantId, input.respondent.userId))) {
    errors.push(fieldError('respondent.userId', 'respondent.userId is not a user', 'Người bị khiếu nại, tố cáo không phải người dùng của hệ thống'));
  }
  if (errors.length) throw badRequest(errors);

  const rs = await ruleSetAt(tx, env.tenantId, receivedAt, actor);
  const cal = await calendarOf(tx, env.tenantId, unit.id, actor);
  const anonymous = internal.identity ? false : !!input.anonymous || !input.sender?.name?.trim();
  const multiSite = !!input.multiSite;
  const due = clock(() => letterOutcomeDue(cal, rs.rules, { receivedAt, contentType: input.contentType, multiSite }));
  const transferDue = input.contentType === 'denunciation' ? clock(() => denunciationTransferDue(cal, rs.rules, receivedAt)).due : null;

  const signatories = input.signatories ?? [];
  const signatoryCount = input.signatoryCount ?? Math.max(anonymous ? 0 : 1, signatories.length);
  const material = anonymous ? null : personKeyMaterial({ idNos: [input.sender?.idNo, ...signatories.map((s) => s.idNo)], name: input.sender?.name, commune: communeName });
  const personKey = internal.identity ? internal.identity.personKey : internal.personKey !== undefined ? internal.personKey : blindIndex(env.keys, material);
  const respKey = respondentKey(input.respondent?.name, input.respondent?.unit);
  const barredUser = PROTECTED_CONTENT.includes(input.contentType) ? await respondentUser(tx, env.tenantId, input.respondent) : null;

  const id = crypto.randomUUID();
  let isProtected = false;
  let identityId: string | null = null;
  let summary = input.summary.trim();
  let content = input.content?.trim() || null;
  const sender = { ...(input.sender ?? {}) };
  if (internal.identity) {
    isProtected = true;
    identityId = internal.identity.id;
  } else if (PROTECTED_CONTENT.includes(input.contentType) && !anonymous) {
    const names = [sender.name, ...signatories.map((s) => s.name)];
    const stored = await storeIdentity(
      tx,
      env,
      { name: sender.name, idNo: sender.idNo, address: sender.address, phone: sender.phone, email: sender.email, originalText: [summary, content].filter(Boolean).join('\n\n') },
      material,
      {},
    );
    isProtected = true;
    identityId = stored.id;
    summary = redactDenouncer(summary, names);
    content = content ? redactDenouncer(content, names) : null;
  }
  if (isProtected) {
    for (const k of ['name', 'idNo', 'address', 'phone', 'email'] as const) sender[k] = null;
  }
  const year = Number(receivedDay.slice(0, 4));
  const codePrefix = `${unit.code}-DT-${year}-`;
  const many = isManySignatories(rs.rules, signatoryCount);
  const row = await insertWithEvent(
    tx,
    env.tenantId,
    `insert into letters(id, tenant_id, code, unit_id, rule_set_id, source, visit_id, parent_letter_id, forwarder_kind, forwarder_name, forwarder_doc_no,
         received_at, received_by, submitted_by_user_id, letter_date, protected, identity_id, anonymous, sender_name, sender_id_no, sender_address,
         sender_commune_unit_id, sender_phone, sender_email, signatory_count, signatories, respondent_name, respondent_unit, respondent_user_id,
         barred_user_ids, content_type, summary, content, field, addressees, has_originals, originals, multi_site, many_signatories, status, due_at,
         due_provisional, transfer_due_at, person_key, respondent_key, duplicate_key, search_text, last_event_at)
       values ($1,$2,$3 || lpad((select last from n)::text, 5, '0'),$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31,$32,$33,$34,$35,$36,$37,$38,$39,
               'received',$40,$41,$42,$43,$44,$45,vn_fold($3 || lpad((select last from n)::text, 5, '0')) || ' ' || $46,$12)
       returning *`,
    [
        id,
        env.tenantId,
        codePrefix,
        unit.id,
        rs.id,
        input.source,
        input.visitId ?? null,
        internal.parentLetterId ?? null,
        input.forwarder?.kind ?? null,
        input.forwarder?.name ?? null,
        input.forwarder?.docNo ?? null,
        receivedAt,
        internal.citizen ? null : actor.user.id,
        internal.citizen ? actor.user.id : null,
        input.letterDate ?? null,
        isProtected,
        identityId,
        anonymous,
        anonymous ? null : (sender.name ?? null),
        sender.idNo ?? null,
        sender.address ?? null,
        input.sender?.communeUnitId ?? null,
        sender.phone ?? null,
        sender.email ?? null,
        signatoryCount,
        JSON.stringify(isProtected ? [] : signatories),
        input.respondent?.name ?? null,
        input.respondent?.unit ?? null,
        barredUser,
        barredUser ? [barredUser] : [],
        input.contentType,
        summary,
        content,
        input.field ?? null,
        JSON.stringify(input.addressees ?? []),
        !!input.hasOriginals || (input.originals?.length ?? 0) > 0,
        JSON.stringify(input.originals ?? []),
        multiSite,
        many,
        due.due,
        due.provisional,
        transferDue,
        personKey,
        respKey,
        duplicateKey(personKey, respKey, input.contentType),
        searchText([summary, input.respondent?.name, input.respondent?.unit, isProtected ? null : sender.name, input.forwarder?.name]),
        `letter:${unit.id}`,
        year,
      ],
    {
    entity: 'letter',
    entityId: id,
    action: 'receive',
    at: receivedAt,
    actorId: actor.user.id,
    actorUnitId: internal.citizen ? null : actorUnit(actor, unit.id),
    to: 'received',
    legalBasis: due.legalBasis,
    dueAfter: due.due,
    data: { source: input.source, contentType: input.contentType, protected: isProtected, ruleSet: rs.code, parentLetterId: internal.parentLetterId ?? null, barredRespondent: !!barredUser },
  },
    true,
  );
  if (identityId && !internal.identity) await tx.query('update protected_identities set letter_id=$2 where id=$1', [identityId, id]);
  return { ...row, unit_name: unit.name, unit_code: unit.code };
}

// ------------------------------------------------------------------ actions

export interface LetterActionBody {
  version?: number;
  at?: string;
  [k: string]: any;
}

function facts(l: any, dups: DuplicateView[] | null, at: Date): LetterFacts {
  const prior = dups ? priorOutcomes(dups, l.content_type) : { priorDenunciationTransfer: null, priorGuidance: null };
  return {
    contentType: l.content_type,
    classified: !!l.classified_at,
    eligible: l.eligibility === null ? null : l.eligibility === 'eligible',
    ownCompetence: l.competence === null ? null : l.competence === 'own',
    anonymous: l.anonymous,
    hasOriginals: l.has_originals,
    originalsReturned: !!l.originals_returned_at,
    sentToManyInclCompetent: l.sent_to_many_incl_competent,
    priorDenunciationTransfer: prior.priorDenunciationTransfer,
    priorGuidance: prior.priorGuidance,
    escalated: l.preventive_escalation,
    now: at,
    transferReplyDue: l.transfer_reply_due_at,
  };
}

export async function duplicatesOf(db: Queryable, l: any): Promise<DuplicateView[]> {
  const rs = await ruleSetById(db, l.rule_set_id);
  return findDuplicates(db, {
    id: l.id,
    tenantId: l.tenant_id,
    personKey: l.person_key,
    respondentKey: l.respondent_key,
    contentType: l.content_type,
    summary: l.summary,
    threshold: rs.rules.letters.duplicateSimilarity,
  });
}

/** What the user may do now, and the outcome the classification points to. */
export async function letterAffordances(db: Queryable, actor: Actor, l: any, dups: DuplicateView[]) {
  const caps = letterCaps(actor, l);
  const f = facts(l, dups, actor.now);
  const actions = allowedActions(LETTER_MACHINE, l.status as LetterStatus, caps, f);
  const suggestion =
    l.classified_at && ['classified', 'received'].includes(l.status)
      ? suggestOutcome({
          contentType: l.content_type,
          anonymous: l.anonymous && l.content_type === 'denunciation',
          eligible: l.eligibility === 'eligible',
          ownCompetence: l.competence === 'own',
          sentToManyInclCompetent: l.sent_to_many_incl_competent,
          priorDenunciationTransfer: !!f.priorDenunciationTransfer,
          priorGuidance: !!f.priorGuidance,
          mustApplyInPerson: false,
        })
      : null;
  const suggested = suggestion
    ? {
        ...suggestion,
        label: eventActionLabel(LETTER_MACHINE, suggestion.action),
        reasonLabel: 'reason' in suggestion && suggestion.reason ? ARCHIVE_REASON_LABELS[suggestion.reason as ArchiveReason] ?? null : null,
      }
    : null;
  return { allowedActions: actions, suggestion: suggested };
}

const OUTCOME_OF: Partial<Record<LetterAction, string>> = {
  open_case: 'accept',
  link: 'link',
  transfer: 'transfer',
  guide: 'guide',
  archive: 'archive',
  split: 'split',
};

export async function runLetterAction(tx: Queryable, env: LettersEnv, actor: Actor, id: string, action: LetterAction, body: LetterActionBody): Promise<{ letter: any; extra: Record<string, unknown> }> {
  const l = await loadLetter(tx, env.tenantId, id, true);
  if (!l || !(await canViewLetter(tx, actor, l))) throw notFound('Letter', 'Đơn');
  checkVersion(l.version, body.version);
  const at = actionTime(body.at, actor.now, l.last_event_at);
  const caps = letterCaps(actor, l);
  const needsDups = action === 'transfer' || action === 'guide';
  const dups = needsDups ? await duplicatesOf(tx, l) : null;
  const d = decide(LETTER_MACHINE, l.status as LetterStatus, action, caps, facts(l, dups, at));
  if (!d.ok) throw refusalError(d.status, d.refusal);
  if (d.transition.needsReason && !(typeof body.reason === 'string' && body.reason.trim())) {
    throw badRequest([fieldError('reason', 'reason is required for this action', 'Phải nêu lý do cho thao tác này')]);
  }
  const rs = await ruleSetById(tx, l.rule_set_id);
  const cal = await calendarOf(tx, env.tenantId, l.unit_id, actor);
  const set: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  const legalBasis: string | null = d.transition.legalBasis ?? null;
  let formKey: string | null = null;
  let dueAfter: Date | null = null;
  const outcome = OUTCOME_OF[action];
  if (outcome && !(action === 'return_originals')) {
    set.outcome = outcome;
    set.outcome_at = at;
    set.outcome_by = actor.user.id;
    set.outcome_late = l.due_at ? at.getTime() > new Date(l.due_at).getTime() : false;
  }

  switch (action) {
    case 'classify':
      Object.assign(set, await classification(tx, env, actor, l, body, rs, cal, at, data));
      break;
    case 'split': {
      const parts: any[] = body.parts ?? [];
      if (parts.length < 2) throw badRequest([fieldError('parts', 'A split makes at least two letters', 'Phải tách thành ít nhất hai đơn')]);
      const bad = parts.findIndex((p) => p.contentType === 'mixed');
      if (bad >= 0) throw badRequest([fieldError(`parts.${bad}.contentType`, 'Each part has one content type', 'Mỗi phần chỉ có một loại nội dung')]);
      const identity = l.identity_id ? await decryptIdentity(tx, env, l.identity_id) : null;
      const created: any[] = [];
      for (const p of parts) {
        const keepProtected = !!l.identity_id && p.contentType === 'denunciation';
        if (l.identity_id && !keepProtected) {
          await audit(tx, {
            tenantId: env.tenantId,
            actorId: actor.user.id,
            action: 'protected.declassify',
            entity: 'letter',
            entityId: l.id,
            reason: `Tách đơn: phần ${p.contentType} không thuộc diện bảo vệ người tố cáo`,
            ip: actor.ip,
          });
        }
        const sender = l.identity_id ? (keepProtected ? null : { name: identity?.name, idNo: identity?.idNo, address: identity?.address, phone: identity?.phone, email: identity?.email }) : {
          name: l.sender_name,
          idNo: l.sender_id_no,
          address: l.sender_address,
          communeUnitId: l.sender_commune_unit_id,
          phone: l.sender_phone,
          email: l.sender_email,
        };
        const child = await receiveLetter(
          tx,
          env,
          actor,
          {
            unitId: l.unit_id,
            source: l.source,
            receivedAt: l.received_at.toISOString(),
            letterDate: l.letter_date,
            visitId: l.visit_id,
            forwarder: l.forwarder_name ? { kind: l.forwarder_kind, name: l.forwarder_name, docNo: l.forwarder_doc_no } : null,
            sender: keepProtected ? null : sender,
            anonymous: l.anonymous,
            signatories: l.signatories,
            signatoryCount: l.signatory_count,
            respondent: { name: p.respondentName ?? l.respondent_name, unit: p.respondentUnit ?? l.respondent_unit, userId: p.contentType === 'denunciation' ? l.respondent_user_id : null },
            contentType: p.contentType,
            summary: p.summary,
            content: p.content ?? null,
            field: p.field ?? l.field,
            addressees: l.addressees,
            hasOriginals: l.has_originals,
            originals: l.originals,
            multiSite: l.multi_site,
          },
          { parentLetterId: l.id, identity: keepProtected ? { id: l.identity_id, personKey: l.person_key } : undefined, personKey: l.person_key },
        );
        created.push({ id: child.id, code: child.code, contentType: child.content_type });
      }
      data.parts = created;
      extra.parts = created;
      break;
    }
    case 'propose_accept':
      set.proposal_doc_no = body.proposalDocNo ?? null;
      data.proposal = body.proposal ?? null;
      formKey = 'propose_accept';
      break;
    case 'decline_proposal':
      break;
    case 'open_case': {
      const c = await createCase(tx, env, actor, l, {
        at,
        resolvingUnitId: body.resolvingUnitId ?? l.unit_id,
        resolverUserId: body.resolverUserId ?? null,
        verifierUserIds: body.verifierUserIds ?? [],
        acceptanceDocNo: body.acceptanceDocNo,
        remoteArea: body.remoteArea,
      });
      set.case_id = c.case.id;
      data.caseId = c.case.id;
      data.caseCode = c.case.code;
      extra.case = { id: c.case.id, code: c.case.code };
      extra.warnings = c.warnings;
      if (c.acceptanceLate !== null) data.acceptanceLate = c.acceptanceLate;
      break;
    }
    case 'link': {
      if (!body.caseId) throw badRequest([fieldError('caseId', 'caseId is required', 'Phải chọn vụ việc để gộp')]);
      const c = (await tx.query('select id, code, type, barred_user_ids from cases where tenant_id=$1 and id=$2', [env.tenantId, body.caseId])).rows[0];
      if (!c) throw badRequest([fieldError('caseId', 'caseId is not a case', 'caseId không phải vụ việc')]);
      const t = caseTypeOf(l.content_type);
      if (t && c.type !== t) throw badRequest([fieldError('caseId', 'The case is of another type', 'Vụ việc khác loại với đơn')]);
      set.case_id = c.id;
      set.linked = true;
      data.caseId = c.id;
      data.caseCode = c.code;
      break;
    }
    case 'transfer': {
      if (!body.to?.trim()) throw badRequest([fieldError('to', 'Name the competent body', 'Phải ghi cơ quan có thẩm quyền')]);
      if (body.toUnitId) await unitRow(tx, env.tenantId, body.toUnitId, 'toUnitId', actor);
      const reply = clock(() => transferReplyDue(cal, rs.rules, at));
      set.transferred_to = body.to.trim();
      set.transferred_unit_id = body.toUnitId ?? null;
      set.transfer_doc_no = body.docNo ?? null;
      set.transfer_reply_due_at = reply.due;
      formKey = l.content_type === 'complaint' ? 'transfer_complaint' : l.content_type === 'denunciation' ? 'transfer_denunciation' : 'transfer_petition';
      dueAfter = reply.due;
      if (l.transfer_due_at) data.transferLate = at.getTime() > new Date(l.transfer_due_at).getTime();
      data.to = body.to;
      break;
    }
    case 'remind':
      set.reminders_count = l.reminders_count + 1;
      formKey = 'reminder';
      data.docNo = body.docNo ?? null;
      data.count = l.reminders_count + 1;
      break;
    case 'record_reply':
      if (!body.summary?.trim()) throw badRequest([fieldError('summary', 'Summarise the reply', 'Phải tóm tắt kết quả trả lời')]);
      set.reply_received_at = at;
      set.reply_summary = body.summary.trim();
      break;
    case 'guide':
      if (!body.guidedTo?.trim()) throw badRequest([fieldError('guidedTo', 'Name the body the sender is guided to', 'Phải ghi cơ quan hướng dẫn người gửi đến')]);
      set.guided_to = body.guidedTo.trim();
      set.guidance_doc_no = body.docNo ?? null;
      formKey = 'guidance';
      break;
    case 'return_originals':
      set.originals_returned_at = at;
      formKey = 'return_originals';
      if (l.status === 'classified') {
        set.outcome = 'return_originals';
        set.outcome_at = at;
        set.outcome_by = actor.user.id;
        set.outcome_late = l.due_at ? at.getTime() > new Date(l.due_at).getTime() : false;
      }
      break;
    case 'archive': {
      const reason = body.reason;
      if (!(ARCHIVE_REASONS as readonly string[]).includes(reason)) {
        throw badRequest([fieldError('reason', `reason must be one of: ${ARCHIVE_REASONS.join(', ')}`, `Lý do lưu đơn phải là một trong: ${ARCHIVE_REASONS.join(', ')}`)]);
      }
      if (reason === 'anonymous' && !(l.content_type === 'denunciation' && l.anonymous)) {
        throw badRequest([fieldError('reason', 'Only an anonymous denunciation is archived as anonymous', 'Chỉ đơn tố cáo nặc danh mới lưu với lý do nặc danh')]);
      }
      set.archive_reason = reason;
      data.note = body.note ?? null;
      if (body.relatedLetterId) data.relatedLetterId = body.relatedLetterId;
      if (body.inspectionTask) {
        if (reason !== 'anonymous') throw badRequest([fieldError('inspectionTask', 'Only an anonymous denunciation gives information for inspection', 'Chỉ đơn tố cáo nặc danh mới chuyển thành thông tin phục vụ thanh tra')]);
        const task = (
          await tx.query(
            `insert into inspection_info_tasks(tenant_id, letter_id, unit_id, summary, created_by, created_at) values ($1,$2,$3,$4,$5,$6) returning id`,
            [env.tenantId, l.id, body.inspectionTask.unitId ?? l.unit_id, redactDenouncer(String(body.inspectionTask.summary ?? l.summary), []), actor.user.id, at],
          )
        ).rows[0];
        data.inspectionTaskId = task.id;
        extra.inspectionTaskId = task.id;
      }
      break;
    }
    case 'escalate':
      set.preventive_escalation = true;
      set.escalated_at = at;
      break;
    case 'close':
      set.closed_at = at;
      break;
  }

  set.last_event_at = at;
  for (const c of Object.keys(set)) if (JSONB_COLUMNS.has(c) && set[c] !== null) set[c] = JSON.stringify(set[c]);
  const updated = await updateWithEvent(tx, env.tenantId, 'letters', id, set, d.to, {
    entity: 'letter',
    entityId: id,
    action,
    at,
    actorId: actor.user.id,
    actorUnitId: actorUnit(actor, l.unit_id),
    from: l.status,
    to: d.to,
    reason: typeof body.reason === 'string' ? body.reason : null,
    legalBasis,
    formKey,
    dueAfter,
    data,
  });
  return { letter: { ...updated, unit_name: l.unit_name, unit_code: l.unit_code }, extra };
}

/** Classification on every axis (TT 05/2021 Art. 6). Returns the columns to set. */
async function classification(tx: Queryable, env: LettersEnv, actor: Actor, l: any, body: any, rs: RuleSet, cal: any, at: Date, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const contentType: ContentType = body.contentType ?? l.content_type;
  const checks: FormChecks = body.formChecks ?? {};
  const set: Record<string, unknown> = { classified_at: at, form_checks: checks, content_type: contentType };
  const errors: FieldError[] = [];
  if (body.competence === 'not_own' && !body.competentBody && !body.competentUnitId && contentType !== 'mixed') {
    errors.push(fieldError('competentBody', 'Name the competent body when the letter is not within competence', 'Phải ghi cơ quan có thẩm quyền khi đơn không thuộc thẩm quyền'));
  }
  if (body.competentUnitId) await unitRow(tx, env.tenantId, body.competentUnitId, 'competentUnitId', actor);
  let knownAt: Date | null = null;
  if (body.decisionKnownAt) {
    knownAt = parseInstant(body.decisionKnownAt);
    if (!knownAt) errors.push(fieldError('decisionKnownAt', 'decisionKnownAt must be a date', 'decisionKnownAt phải là ngày'));
    else if (knownAt.getTime() > new Date(l.received_at).getTime()) errors.push(fieldError('decisionKnownAt', 'decisionKnownAt may not be after the receipt', 'Ngày biết quyết định không được sau ngày nhận đơn'));
  }
  const excluded = body.excludedDays ?? l.excluded_days ?? 0;
  if (excluded > 0 && !body.excludedReason && !l.excluded_reason) {
    errors.push(fieldError('excludedReason', 'State why days are excluded from the limitation', 'Phải nêu lý do không tính thời gian vào thời hiệu'));
  }
  if (errors.length) throw badRequest(errors);

  // A letter that turns out to be a denunciation: its sender's identity moves to the encrypted store.
  if (contentType === 'denunciation' && !l.protected && !l.anonymous && l.sender_name) {
    const names = [l.sender_name, ...(l.signatories ?? []).map((s: any) => s.name)];
    const commune = l.sender_commune_unit_id ? (await tx.query('select name from units where id=$1', [l.sender_commune_unit_id])).rows[0]?.name : null;
    const material = personKeyMaterial({ idNos: [l.sender_id_no, ...(l.signatories ?? []).map((s: any) => s.idNo)], name: l.sender_name, commune });
    const stored = await storeIdentity(
      tx,
      env,
      { name: l.sender_name, idNo: l.sender_id_no, address: l.sender_address, phone: l.sender_phone, email: l.sender_email, originalText: [l.summary, l.content].filter(Boolean).join('\n\n') },
      material,
      { letterId: l.id },
    );
    Object.assign(set, {
      protected: true,
      identity_id: stored.id,
      sender_name: null,
      sender_id_no: null,
      sender_address: null,
      sender_phone: null,
      sender_email: null,
      signatories: [],
      summary: redactDenouncer(l.summary, names),
      content: l.content ? redactDenouncer(l.content, names) : null,
      search_text: searchText([l.code, redactDenouncer(l.summary, names), l.respondent_name, l.respondent_unit]),
    });
    data.protectedNow = true;
  }
  if (body.respondent) {
    set.respondent_name = body.respondent.name ?? l.respondent_name;
    set.respondent_unit = body.respondent.unit ?? l.respondent_unit;
    set.respondent_key = respondentKey(set.respondent_name as string, set.respondent_unit as string);
  }
  if (contentType === 'denunciation' || contentType === 'mixed') {
    const u = await respondentUser(tx, env.tenantId, body.respondent ?? { name: l.respondent_name, userId: l.respondent_user_id });
    if (u) {
      set.respondent_user_id = u;
      set.barred_user_ids = [...new Set([...(l.barred_user_ids ?? []), u])];
    }
  }
  let timeBarred = false;
  if (contentType === 'complaint' && knownAt) {
    const lim = clock(() => limitation(cal, rs.rules, knownAt as Date, excluded, new Date(l.received_at)));
    timeBarred = lim.expired;
    data.limitationDue = lim.due.toISOString();
  }
  const anonymous = isAnonymousDenunciation(contentType, checks, !l.anonymous) || (l.anonymous && contentType === 'denunciation');
  const el = eligibility({ contentType, checks, alreadyHandled: !!body.alreadyHandled, timeBarred });
  const signatoryCount = body.signatoryCount ?? l.signatory_count;
  Object.assign(set, {
    anonymous: l.anonymous || anonymous,
    eligibility: el.eligible ? 'eligible' : 'not_eligible',
    ineligible_reasons: el.reasons,
    competence: body.competence ?? null,
    competent_body: body.competentBody ?? null,
    competent_unit_id: body.competentUnitId ?? null,
    competent_system: body.competentSystem ?? null,
    signatory_count: signatoryCount,
    many_signatories: isManySignatories(rs.rules, signatoryCount),
    has_originals: body.hasOriginals ?? l.has_originals,
    originals: body.originals ?? l.originals,
    sent_to_many_incl_competent: !!body.sentToManyInclCompetent,
    multi_site: body.multiSite ?? l.multi_site,
    decision_known_at: body.decisionKnownAt ? localDateOf(knownAt as Date) : l.decision_known_at,
    excluded_days: excluded,
    excluded_reason: body.excludedReason ?? l.excluded_reason,
    field: body.field ?? l.field,
    addressees: body.addressees ?? l.addressees,
  });
  // The outcome clock depends on the content (denunciations: 7/10 working days).
  if (contentType !== l.content_type || (body.multiSite !== undefined && body.multiSite !== l.multi_site)) {
    const due = clock(() => letterOutcomeDue(cal, rs.rules, { receivedAt: new Date(l.received_at), contentType, multiSite: set.multi_site as boolean }));
    set.due_at = due.due;
    set.due_provisional = due.provisional;
    set.transfer_due_at = contentType === 'denunciation' ? clock(() => denunciationTransferDue(cal, rs.rules, new Date(l.received_at))).due : null;
    data.dueBefore = l.due_at;
    data.dueAfter = due.due.toISOString();
  }
  const personKey = (set.protected ? (await tx.query('select person_key from protected_identities where id=$1', [set.identity_id])).rows[0]?.person_key : l.person_key) ?? null;
  set.person_key = personKey;
  set.duplicate_key = duplicateKey(personKey, (set.respondent_key as string | undefined) ?? l.respondent_key, contentType);
  data.eligibility = set.eligibility;
  data.reasons = el.reasons;
  data.competence = set.competence;
  return set;
}

/** jsonb columns of `letters` (values are sent as JSON text). */
const JSONB_COLUMNS = new Set(['form_checks', 'originals', 'addressees', 'signatories']);
