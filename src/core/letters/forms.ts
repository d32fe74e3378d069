/**
 * Printable forms of reception and letters as data (TT 04/2021, TT 05/2021, NĐ 154–156/2026):
 * each template lists the values it prints by reference; codes, titles and numbering come from the
 * case's rule set. The web app renders the print page from this data. A template addressed to the
 * denounced person (or to all parties) may not reference any protected field: building it FAILS
 * (§6.1). Denouncer fields on other forms always print "[được bảo vệ]". Pure.
 */
import type { FormDef, Rules } from './rules.js';
import { PROTECTED_TEXT } from './types.js';

export type Audience = 'citizen' | 'body' | 'internal' | 'respondent' | 'parties';

export interface TemplateField {
  ref: string;
  labelVi: string;
}

export interface FormTemplate {
  audience: Audience;
  fields: TemplateField[];
  /** A list printed as a table (documents, instructions). */
  table?: { ref: string; columns: { key: string; labelVi: string }[] };
}

/** References that identify the denouncer. */
export const PROTECTED_REFS = /^(denouncer|sender)\./;

export const FORM_TEMPLATES: Record<string, FormTemplate> = {
  refusal_notice: {
    audience: 'citizen',
    fields: [
      { ref: 'unit.name', labelVi: 'Cơ quan' },
      { ref: 'notice.no', labelVi: 'Số' },
      { ref: 'notice.date', labelVi: 'Ngày' },
      { ref: 'visitor.name', labelVi: 'Người được thông báo' },
      { ref: 'visitor.address', labelVi: 'Địa chỉ' },
      { ref: 'visit.date', labelVi: 'Ngày đến' },
      { ref: 'refusal.reason', labelVi: 'Lý do từ chối tiếp' },
      { ref: 'refusal.legalBasis', labelVi: 'Căn cứ' },
      { ref: 'officer.name', labelVi: 'Người tiếp công dân' },
    ],
  },
  documents_receipt: {
    audience: 'citizen',
    fields: [
      { ref: 'unit.name', labelVi: 'Cơ quan' },
      { ref: 'receipt.no', labelVi: 'Số' },
      { ref: 'receipt.date', labelVi: 'Ngày nhận' },
      { ref: 'visitor.name', labelVi: 'Người nộp' },
      { ref: 'visitor.idNo', labelVi: 'Số CCCD/CMND/Hộ chiếu' },
      { ref: 'visitor.address', labelVi: 'Địa chỉ' },
      { ref: 'officer.name', labelVi: 'Người nhận' },
    ],
    table: {
      ref: 'documents',
      columns: [
        { key: 'seq', labelVi: 'STT' },
        { key: 'title', labelVi: 'Tên thông tin, tài liệu, bằng chứng' },
        { key: 'pages', labelVi: 'Số trang' },
        { key: 'kind', labelVi: 'Bản gốc/bản sao' },
      ],
    },
  },
  conclusion_notice: {
    audience: 'body',
    fields: [
      { ref: 'unit.name', labelVi: 'Cơ quan' },
      { ref: 'notice.no', labelVi: 'Số' },
      { ref: 'notice.date', labelVi: 'Ngày' },
      { ref: 'session.date', labelVi: 'Ngày tiếp' },
      { ref: 'leader.name', labelVi: 'Người chủ trì tiếp' },
      { ref: 'leader.title', labelVi: 'Chức vụ' },
      { ref: 'summary', labelVi: 'Kết luận chung' },
    ],
    table: {
      ref: 'instructions',
      columns: [
        { key: 'seq', labelVi: 'STT' },
        { key: 'visit', labelVi: 'Vụ việc' },
        { key: 'instruction', labelVi: 'Ý kiến chỉ đạo' },
        { key: 'assignee', labelVi: 'Cơ quan, người thực hiện' },
        { key: 'due', labelVi: 'Thời hạn' },
        { key: 'status', labelVi: 'Kết quả' },
      ],
    },
  },
  propose_accept: {
    audience: 'internal',
    fields: [
      { ref: 'unit.name', labelVi: 'Cơ quan' },
      { ref: 'letter.code', labelVi: 'Số đơn' },
      { ref: 'letter.receivedAt', labelVi: 'Ngày nhận đơn' },
      { ref: 'letter.source', labelVi: 'Nguồn đơn' },
      { ref: 'sender.name', labelVi: 'Người viết đơn' },
      { ref: 'sender.address', labelVi: 'Địa chỉ' },
      { ref: 'letter.contentType', labelVi: 'Loại đơn' },
      { ref: 'letter.summary', labelVi: 'Nội dung đơn' },
      { ref: 'letter.respondent', labelVi: 'Người/cơ quan bị khiếu nại, tố cáo' },
      { ref: 'proposal.text', labelVi: 'Đề xuất' },
      { ref: 'officer.name', labelVi: 'Cán bộ xử lý đơn' },
    ],
  },
  transfer_complaint: transferTemplate(),
  transfer_denunciation: transferTemplate(),
  transfer_petition: transferTemplate(),
  guidance: {
    audience: 'citizen',
    fields: [
      { ref: 'unit.name', labelVi: 'Cơ quan' },
      { ref: 'doc.no', labelVi: 'Số' },
      { ref: 'doc.date', labelVi: 'Ngày' },
      { ref: 'sender.name', labelVi: 'Kính gửi' },
      { ref: 'sender.address', labelVi: 'Địa chỉ' },
      { ref: 'letter.receivedAt', labelVi: 'Ngày nhận đơn' },
      { ref: 'letter.summary', labelVi: 'Nội dung đơn' },
      { ref: 'guidance.to', labelVi: 'Đề nghị gửi đơn đến' },
      { ref: 'guidance.legalBasis', labelVi: 'Căn cứ' },
    ],
  },
  return_originals: {
    audience: 'citizen',
    fields: [
      { ref: 'unit.name', labelVi: 'Cơ quan' },
      { ref: 'doc.date', labelVi: 'Ngày' },
      { ref: 'sender.name', labelVi: 'Người nhận lại' },
      { ref: 'letter.code', labelVi: 'Số đơn' },
      { ref: 'return.reason', labelVi: 'Lý do trả lại' },
    ],
    table: { ref: 'originals', columns: [{ key: 'seq', labelVi: 'STT' }, { key: 'title', labelVi: 'Tên giấy tờ, tài liệu gốc' }] },
  },
  reminder: {
    audience: 'body',
    fields: [
      { ref: 'unit.name', labelVi: 'Cơ quan' },
      { ref: 'doc.date', labelVi: 'Ngày' },
      { ref: 'transfer.to', labelVi: 'Kính gửi' },
      { ref: 'transfer.docNo', labelVi: 'Phiếu chuyển đơn số' },
      { ref: 'transfer.date', labelVi: 'Ngày chuyển' },
      { ref: 'letter.code', labelVi: 'Số đơn' },
      { ref: 'letter.summary', labelVi: 'Nội dung' },
      { ref: 'reminder.count', labelVi: 'Lần đôn đốc' },
    ],
  },
  suspension: caseDecisionTemplate('parties'),
  resumption: caseDecisionTemplate('parties'),
  extension_decision: caseDecisionTemplate('parties'),
  notice_to_respondent: {
    audience: 'respondent',
    fields: [
      { ref: 'unit.name', labelVi: 'Cơ quan' },
      { ref: 'case.code', labelVi: 'Vụ việc' },
      { ref: 'case.acceptedAt', labelVi: 'Ngày thụ lý' },
      { ref: 'case.respondent', labelVi: 'Người bị tố cáo' },
      { ref: 'case.summary', labelVi: 'Nội dung tố cáo' },
      { ref: 'case.due', labelVi: 'Thời hạn giải quyết' },
    ],
  },
};

function transferTemplate(): FormTemplate {
  return {
    audience: 'body',
    fields: [
      { ref: 'unit.name', labelVi: 'Cơ quan chuyển đơn' },
      { ref: 'doc.no', labelVi: 'Số' },
      { ref: 'doc.date', labelVi: 'Ngày' },
      { ref: 'transfer.to', labelVi: 'Kính gửi' },
      { ref: 'letter.code', labelVi: 'Số đơn' },
      { ref: 'letter.receivedAt', labelVi: 'Ngày nhận đơn' },
      { ref: 'sender.name', labelVi: 'Người gửi đơn' },
      { ref: 'sender.address', labelVi: 'Địa chỉ' },
      { ref: 'letter.summary', labelVi: 'Nội dung đơn' },
      { ref: 'transfer.legalBasis', labelVi: 'Căn cứ' },
      { ref: 'transfer.note', labelVi: 'Đề nghị' },
    ],
  };
}

function caseDecisionTemplate(audience: Audience): FormTemplate {
  return {
    audience,
    fields: [
      { ref: 'unit.name', labelVi: 'Cơ quan' },
      { ref: 'doc.no', labelVi: 'Số quyết định' },
      { ref: 'doc.date', labelVi: 'Ngày' },
      { ref: 'case.code', labelVi: 'Vụ việc' },
      { ref: 'case.summary', labelVi: 'Nội dung' },
      { ref: 'decision.ground', labelVi: 'Lý do' },
      { ref: 'decision.dueBefore', labelVi: 'Thời hạn trước' },
      { ref: 'decision.dueAfter', labelVi: 'Thời hạn mới' },
      { ref: 'decision.legalBasis', labelVi: 'Căn cứ' },
    ],
  };
}

export class FormTemplateError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
  }
}

/** Refuses a template sent to the denounced person (or to all parties) that references a protected field. */
export function assertTemplateSafe(key: string, t: FormTemplate): void {
  if (t.audience !== 'respondent' && t.audience !== 'parties') return;
  const refs = [...t.fields.map((f) => f.ref), ...(t.table ? [t.table.ref] : [])];
  const bad = refs.filter((r) => PROTECTED_REFS.test(r));
  if (bad.length) {
    throw new FormTemplateError(
      'template_references_protected_field',
      `Form ${key} is sent to the denounced person or all parties and may not reference ${bad.join(', ')}`,
      `Biểu mẫu ${key} gửi người bị tố cáo hoặc các bên không được chứa trường được bảo vệ: ${bad.join(', ')}`,
    );
  }
}

export interface RenderedForm {
  key: string;
  code: string;
  titleVi: string;
  legalBasis: string;
  evidence: 'verified' | 'to_verify';
  audience: Audience;
  fields: { ref: string; labelVi: string; value: string }[];
  table?: { columns: { key: string; labelVi: string }[]; rows: Record<string, string | number>[] };
}

/**
 * Builds a form from its template and values. `protectedParty` marks a letter or case whose sender
 * is a protected denouncer: every `sender.*` / `denouncer.*` value then prints "[được bảo vệ]".
 */
export function buildForm(
  rules: Rules,
  key: string,
  values: Record<string, string | number | null | undefined>,
  opts: { protectedParty: boolean; rows?: Record<string, string | number>[]; template?: FormTemplate },
): RenderedForm {
  const t = opts.template ?? FORM_TEMPLATES[key];
  const def: FormDef | undefined = rules.forms[key];
  if (!t || !def) throw new FormTemplateError('unknown_form', `Unknown form ${key}`, `Không có biểu mẫu ${key}`);
  assertTemplateSafe(key, t);
  const fields = t.fields.map((f) => {
    const raw = values[f.ref];
    const value = opts.protectedParty && PROTECTED_REFS.test(f.ref) ? PROTECTED_TEXT : raw === null || raw === undefined ? '' : String(raw);
    return { ref: f.ref, labelVi: f.labelVi, value };
  });
  const out: RenderedForm = { key, code: def.code, titleVi: def.titleVi, legalBasis: def.legalBasis, evidence: def.evidence, audience: t.audience, fields };
  if (t.table) out.table = { columns: t.table.columns, rows: opts.rows ?? [] };
  return out;
}
