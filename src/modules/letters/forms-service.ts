/**
 * Printable form data (TT 04/2021, TT 05/2021, NĐ 154–156/2026) for visits, sessions, letters and
 * cases. Values come from the record and its events; codes and titles from the pinned rule set.
 * Protected denouncers print "[được bảo vệ]"; a form addressed to the denounced person cannot
 * reference them at all (the core refuses to build it).
 */
import type { Queryable } from '../../db/types.js';
import { AppError, conflict } from '../../http/errors.js';
import { maskCitizenId } from '../../core/access/roles.js';
import { formatDateVi, formatInstantVi, localDateOf } from '../../core/calendar/index.js';
import {
  CONTENT_TYPE_LABELS,
  FormTemplateError,
  SOURCE_LABELS,
  buildForm,
  refusalGround,
  transferFormKey,
  type RenderedForm,
} from '../../core/letters/index.js';
import { ruleSetById, type Actor } from './common.js';

const d = (x: Date | null | undefined) => (x ? formatDateVi(localDateOf(new Date(x))) : '');
const t = (x: Date | null | undefined) => (x ? formatInstantVi(new Date(x)) : '');

function build(rules: any, key: string, values: Record<string, any>, protectedParty: boolean, rows?: Record<string, string | number>[]): RenderedForm {
  try {
    return buildForm(rules, key, values, { protectedParty, rows });
  } catch (err) {
    if (err instanceof FormTemplateError) throw conflict(err.code, err.message, err.messageVi);
    throw err;
  }
}

async function lastEvent(db: Queryable, entityId: string, action: string) {
  return (await db.query(`select * from letter_events where entity_id=$1 and action=$2 order by id desc limit 1`, [entityId, action])).rows[0] ?? null;
}

function notYet(what: string, whatVi: string): AppError {
  return conflict('form_not_available', `The form is available once ${what}`, `Biểu mẫu chỉ có sau khi ${whatVi}`);
}

export async function letterForm(db: Queryable, actor: Actor, l: any, key: string): Promise<RenderedForm> {
  const rs = await ruleSetById(db, l.rule_set_id);
  const officer = actor.user.fullName;
  const base: Record<string, any> = {
    'unit.name': l.unit_name,
    'letter.code': l.code,
    'letter.receivedAt': t(l.received_at),
    'letter.source': SOURCE_LABELS[l.source as keyof typeof SOURCE_LABELS]?.vi,
    'letter.contentType': CONTENT_TYPE_LABELS[l.content_type as keyof typeof CONTENT_TYPE_LABELS]?.vi,
    'letter.summary': l.summary,
    'letter.respondent': [l.respondent_name, l.respondent_unit].filter(Boolean).join(', '),
    'sender.name': l.anonymous ? 'Không rõ (nặc danh)' : l.sender_name,
    'sender.address': l.sender_address,
    'officer.name': officer,
  };
  switch (key) {
    case 'propose_accept': {
      if (!['proposed_accept', 'case_opened'].includes(l.status)) throw notYet('acceptance is proposed', 'đề xuất thụ lý');
      const e = await lastEvent(db, l.id, 'propose_accept');
      return build(rs.rules, 'propose_accept', { ...base, 'proposal.text': e?.data?.proposal ?? 'Đề xuất thụ lý giải quyết theo thẩm quyền' }, l.protected);
    }
    case 'transfer': {
      if (!l.transferred_to) throw notYet('the letter is transferred', 'chuyển đơn');
      const e = await lastEvent(db, l.id, 'transfer');
      const formKey = transferFormKey(l.content_type);
      return build(
        rs.rules,
        formKey,
        {
          ...base,
          'doc.no': l.transfer_doc_no,
          'doc.date': d(e?.at),
          'transfer.to': l.transferred_to,
          'transfer.legalBasis': rs.rules.forms[formKey]?.legalBasis,
          'transfer.note':
            l.content_type === 'denunciation'
              ? 'Đề nghị xem xét, giải quyết theo thẩm quyền; giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân khác của người tố cáo'
              : 'Đề nghị xem xét, giải quyết theo thẩm quyền và thông báo kết quả',
        },
        l.protected,
      );
    }
    case 'guidance': {
      if (!l.guided_to) throw notYet('the sender is guided', 'hướng dẫn');
      const e = await lastEvent(db, l.id, 'guide');
      return build(rs.rules, 'guidance', { ...base, 'doc.no': l.guidance_doc_no, 'doc.date': d(e?.at), 'guidance.to': l.guided_to, 'guidance.legalBasis': rs.rules.forms.guidance?.legalBasis }, l.protected);
    }
    case 'return_originals': {
      if (!l.originals_returned_at) throw notYet('the originals are returned', 'trả lại giấy tờ gốc');
      const rows = (l.originals ?? []).map((o: any, i: number) => ({ seq: i + 1, title: o.title }));
      return build(rs.rules, 'return_originals', { ...base, 'doc.date': d(l.originals_returned_at), 'return.reason': l.archive_reason ?? l.outcome ?? '' }, l.protected, rows);
    }
    case 'reminder': {
      if (!l.reminders_count) throw notYet('a reminder is sent', 'gửi văn bản đôn đốc');
      const e = await lastEvent(db, l.id, 'remind');
      const tr = await lastEvent(db, l.id, 'transfer');
      return build(
        rs.rules,
        'reminder',
        { ...base, 'doc.date': d(e?.at), 'transfer.to': l.transferred_to, 'transfer.docNo': l.transfer_doc_no, 'transfer.date': d(tr?.at), 'reminder.count': l.reminders_count },
        l.protected,
      );
    }
  }
  throw conflict('unknown_form', `Unknown form ${key}`, `Không có biểu mẫu ${key}`);
}

export async function visitForm(db: Queryable, v: any, key: string): Promise<RenderedForm> {
  const rs = await ruleSetById(db, v.rule_set_id);
  const base = {
    'unit.name': v.unit_name,
    'visitor.name': v.protected ? null : v.visitor_name,
    'visitor.address': v.protected ? null : v.visitor_address,
    'visitor.idNo': v.protected ? null : maskCitizenId(v.visitor_id_no),
    'visit.date': d(v.received_at),
    'officer.name': v.received_by_name,
  };
  const protectedParty = v.protected;
  if (key === 'refusal_notice') {
    if (!v.refusal_notice_no) throw notYet('the refusal notice is issued', 'ra thông báo từ chối tiếp');
    const g = refusalGround(rs.rules, v.refusal_reason);
    return buildVisit(rs.rules, 'refusal_notice', { ...base, 'notice.no': v.refusal_notice_no, 'notice.date': d(v.refusal_notice_at), 'refusal.reason': g?.labelVi ?? v.refusal_reason, 'refusal.legalBasis': rs.rules.forms.refusal_notice?.legalBasis }, protectedParty);
  }
  if (key === 'documents_receipt') {
    if (!v.documents_receipt_no) throw notYet('documents are received', 'nhận tài liệu');
    const docs = (await db.query('select seq, title, pages, original, received_at from reception_documents where visit_id=$1 order by seq', [v.id])).rows;
    return buildVisit(
      rs.rules,
      'documents_receipt',
      { ...base, 'receipt.no': v.documents_receipt_no, 'receipt.date': d(docs[0]?.received_at) },
      protectedParty,
      docs.map((x: any) => ({ seq: x.seq, title: x.title, pages: x.pages, kind: x.original ? 'Bản gốc' : 'Bản sao' })),
    );
  }
  throw conflict('unknown_form', `Unknown form ${key}`, `Không có biểu mẫu ${key}`);
}

/** Visit forms go to the visitor: a protected visitor's own copy still prints masked in the system's data. */
function buildVisit(rules: any, key: string, values: Record<string, any>, protectedParty: boolean, rows?: Record<string, string | number>[]) {
  const f = build(rules, key, values, false, rows);
  if (protectedParty) for (const x of f.fields) if (x.ref.startsWith('visitor.')) x.value = '[được bảo vệ]';
  return f;
}

export async function sessionForm(db: Queryable, s: any): Promise<RenderedForm> {
  const rs = await ruleSetById(db, s.rule_set_id);
  const c = (await db.query('select * from reception_conclusions where session_id=$1', [s.id])).rows[0];
  if (!c) throw notYet('the conclusion notice is issued', 'ban hành thông báo kết luận');
  const ins = (
    await db.query(
      `select i.*, u.name unit_name, v.register_no, v.content_summary, c.code case_code from reception_instructions i join units u on u.id = i.assignee_unit_id
         left join reception_visits v on v.id = i.visit_id left join cases c on c.id = i.case_id where i.conclusion_id=$1 order by i.due_on, i.id`,
      [c.id],
    )
  ).rows;
  return build(
    rs.rules,
    'conclusion_notice',
    { 'unit.name': s.unit_name, 'notice.no': c.notice_no, 'notice.date': d(c.issued_at), 'session.date': formatDateVi(s.scheduled_on), 'leader.name': s.leader_name, 'leader.title': s.leader_title, summary: c.summary },
    false,
    ins.map((x: any, i: number) => ({
      seq: i + 1,
      visit: [x.content_summary ? `STT ${x.register_no ?? ''}: ${x.content_summary}` : '', x.case_code ? `Vụ việc ${x.case_code}` : ''].filter(Boolean).join('\n'),
      instruction: x.instruction,
      assignee: x.unit_name,
      due: formatDateVi(x.due_on),
      status: x.status === 'done' ? 'Đã thực hiện' : 'Chưa thực hiện',
    })),
  );
}

export async function caseForm(db: Queryable, c: any, key: string): Promise<RenderedForm> {
  const rs = await ruleSetById(db, c.rule_set_id);
  const base = { 'unit.name': c.unit_name, 'case.code': c.code, 'case.summary': c.summary };
  if (key === 'notice_to_respondent') {
    if (c.type !== 'denunciation') throw conflict('form_not_applicable', 'Only for denunciations', 'Chỉ áp dụng cho vụ việc tố cáo');
    return build(rs.rules, key, { ...base, 'case.acceptedAt': d(c.accepted_at), 'case.respondent': c.respondent_name, 'case.due': t(c.due_at) }, false);
  }
  if (key === 'suspension' || key === 'resumption') {
    const s = (await db.query('select * from case_suspensions where case_id=$1 order by id desc limit 1', [c.id])).rows[0];
    if (!s || (key === 'resumption' && !s.resumed_at)) throw notYet(key === 'suspension' ? 'the case is suspended' : 'the case is resumed', key === 'suspension' ? 'tạm đình chỉ' : 'tiếp tục giải quyết');
    return build(
      rs.rules,
      key,
      {
        ...base,
        'doc.no': key === 'suspension' ? s.decision_no : s.resume_decision_no,
        'doc.date': d(key === 'suspension' ? s.suspended_at : s.resumed_at),
        'decision.ground': s.ground,
        'decision.dueBefore': t(s.due_before),
        'decision.dueAfter': key === 'resumption' ? t(s.due_after) : 'Thời hạn giải quyết được tính lại từ ngày tiếp tục giải quyết',
        'decision.legalBasis': rs.rules.forms[key]?.legalBasis,
      },
      false,
    );
  }
  if (key === 'extension_decision') {
    const x = (await db.query('select * from case_extensions where case_id=$1 order by seq desc limit 1', [c.id])).rows[0];
    if (!x) throw notYet('the resolution period is extended', 'gia hạn');
    return build(
      rs.rules,
      key,
      { ...base, 'doc.no': x.decision_no, 'doc.date': d(x.at), 'decision.ground': x.reason, 'decision.dueBefore': t(x.due_before), 'decision.dueAfter': t(x.due_after), 'decision.legalBasis': rs.rules.forms[key]?.legalBasis },
      false,
    );
  }
  throw conflict('unknown_form', `Unknown form ${key}`, `Không có biểu mẫu ${key}`);
}
