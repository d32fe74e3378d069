/**
 * Reception and letter forms (TT 04/2021, TT 05/2021, NĐ 154–156/2026) as printed documents: the
 * national heading, the issuing agency and its number, place and date, the title, the wording of
 * the official template around the form's values, and the signature blocks. Built from the
 * `RenderedForm` (whose values are already redacted for protected denouncers), so nothing here can
 * print what the form data does not carry. The PDF renderer and the web print page draw the result.
 * Pure: no I/O.
 */
import type { FormBlock, FormDocument } from '../forms/document.js';
import { placeDate } from '../forms/document.js';
import type { RenderedForm } from './forms.js';

export interface LetterDocumentContext {
  /** The upper line of the agency block (the issuing unit's parent), e.g. 'UBND tỉnh Thái Nguyên'. */
  parentAgency: string;
  /** The place in the date line, e.g. 'Thái Nguyên'. */
  place: string;
  /** Local date used when the form carries no date of its own (YYYY-MM-DD). */
  today: string;
}

const BLANK = '…………………………';
const SIGN_HEAD = '(Ký, ghi rõ họ tên và đóng dấu)';
const SIGN = '(Ký, ghi rõ họ tên)';

/** 'dd/mm/yyyy' → 'yyyy-mm-dd', or null. */
function isoOf(vi: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(vi.trim()) ?? /(\d{2})\/(\d{2})\/(\d{4})$/.exec(vi.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

/** The date of a value printed as an instant ('09:15 thứ Hai 07/12/2026' → '07/12/2026'). */
function dateOnly(vi: string): string {
  return /(\d{2}\/\d{2}\/\d{4})$/.exec(vi.trim())?.[1] ?? vi;
}

export function letterFormDocument(form: RenderedForm, ctx: LetterDocumentContext): FormDocument {
  const raw = (ref: string) => form.fields.find((f) => f.ref === ref)?.value ?? '';
  const v = (ref: string) => raw(ref) || BLANK;
  const sentence = (ref: string) => v(ref).replace(/([^.!?…])$/, '$1.');
  const day = (ref: string) => (raw(ref) ? dateOnly(raw(ref)) : BLANK);
  const unit = raw('unit.name');
  const dateVi = raw('doc.date') || raw('notice.date') || raw('receipt.date');
  const date = (dateVi && isoOf(dateVi)) || ctx.today;
  const number = raw('doc.no') || raw('notice.no') || raw('receipt.no');
  const table = (widths?: number[]): FormBlock[] =>
    form.table ? [{ type: 'table', columns: form.table.columns.map((c) => c.labelVi), rows: form.table.rows.map((r) => form.table!.columns.map((c) => String(r[c.key] ?? ''))), widths }] : [];
  const p = (text: string, extra: Partial<Extract<FormBlock, { type: 'paragraph' }>> = {}): FormBlock => ({ type: 'paragraph', text, ...extra });
  const to = (addressee: string): FormBlock => p(`Kính gửi: ${addressee}`, { align: 'center', bold: true });
  const head = (title = 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ', name?: string): FormBlock => ({ type: 'signatures', items: [{ title, note: SIGN_HEAD, name }] });
  const recipients = (...lines: string[]): FormBlock => p(['Nơi nhận:', ...lines.map((l) => `- ${l};`), '- Lưu: VT, hồ sơ.'].join('\n'), { italic: true, align: 'left' });
  const received = `Ngày ${day('letter.receivedAt')}, ${unit || 'cơ quan'} nhận được đơn của Ông/Bà ${v('sender.name')}, địa chỉ: ${v('sender.address')}.`;

  let blocks: FormBlock[];
  let subtitle: string | undefined;
  switch (form.key) {
    case 'refusal_notice':
      blocks = [
        to(`Ông/Bà ${v('visitor.name')}`),
        p(`Địa chỉ: ${v('visitor.address')}.`),
        p(`Ngày ${v('visit.date')}, Ông/Bà đến ${unit} để khiếu nại, tố cáo, kiến nghị, phản ánh.`),
        p(`Căn cứ ${v('refusal.legalBasis')}, ${unit} thông báo từ chối tiếp Ông/Bà với lý do: ${v('refusal.reason')}.`),
        p('Thông báo này được giao cho Ông/Bà và lưu vào hồ sơ tiếp công dân.'),
        { type: 'signatures', items: [{ title: 'Người tiếp công dân', note: SIGN, name: raw('officer.name') || undefined }] },
      ];
      break;
    case 'documents_receipt':
      blocks = [
        p(`Vào ngày ${v('receipt.date')}, tại ${unit}, ${v('officer.name')} đã nhận của Ông/Bà ${v('visitor.name')}, số CCCD/CMND/Hộ chiếu: ${v('visitor.idNo')}, địa chỉ: ${v('visitor.address')} các thông tin, tài liệu, bằng chứng sau:`),
        ...table([0.6, 5, 1, 1.6]),
        p('Giấy biên nhận được lập thành 02 bản, mỗi bên giữ 01 bản.'),
        { type: 'signatures', items: [{ title: 'Người nộp', note: SIGN, name: raw('visitor.name') || undefined }, { title: 'Người nhận', note: SIGN, name: raw('officer.name') || undefined }] },
      ];
      break;
    case 'conclusion_notice':
      subtitle = `Kết luận của ${v('leader.title')} ${v('leader.name')} tại buổi tiếp công dân định kỳ ngày ${v('session.date')}`;
      blocks = [
        p(`Ngày ${v('session.date')}, ${v('leader.title')} ${v('leader.name')} đã chủ trì tiếp công dân tại ${unit}. Sau khi nghe công dân trình bày và ý kiến của các cơ quan, đơn vị có liên quan, người chủ trì tiếp công dân kết luận như sau:`),
        p(sentence('summary')),
        ...(form.table?.rows.length ? [p('Ý kiến chỉ đạo đối với từng vụ việc:'), ...table([0.5, 2.6, 3, 1.8, 1.1, 1.2])] : []),
        p(`${unit} thông báo để các cơ quan, đơn vị và cá nhân có liên quan biết, thực hiện và báo cáo kết quả trong thời hạn được giao./.`),
        recipients('Các cơ quan, đơn vị được giao', 'Công dân có liên quan'),
        { type: 'signatures', items: [{ title: 'Người chủ trì tiếp công dân', note: SIGN_HEAD, name: raw('leader.name') || undefined }] },
      ];
      break;
    case 'propose_accept':
      blocks = [
        to(`Thủ trưởng ${unit}`),
        p(`Ngày ${day('letter.receivedAt')}, ${unit} nhận được đơn (${v('letter.contentType').toLocaleLowerCase('vi')}) của Ông/Bà ${v('sender.name')}, địa chỉ: ${v('sender.address')}. Số đơn: ${v('letter.code')}; nguồn đơn: ${v('letter.source')}.`),
        p(`Nội dung đơn: ${sentence('letter.summary')}`),
        p(`Người, cơ quan, tổ chức bị khiếu nại, tố cáo: ${v('letter.respondent')}.`),
        p(`Qua nghiên cứu nội dung đơn, đối chiếu với quy định của pháp luật, đơn đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết của ${unit}.`),
        p(`Đề xuất: ${v('proposal.text')}.`),
        {
          type: 'signatures',
          items: [
            { title: 'Ý kiến phê duyệt của thủ trưởng', note: SIGN_HEAD },
            { title: 'Người đề xuất', note: SIGN, name: raw('officer.name') || undefined },
          ],
        },
      ];
      break;
    case 'transfer_complaint':
    case 'transfer_denunciation':
    case 'transfer_petition':
      blocks = [
        to(v('transfer.to')),
        p(received),
        p(`Nội dung đơn: ${sentence('letter.summary')}`),
        p(`Căn cứ ${v('transfer.legalBasis')}, ${unit} chuyển đơn (số đơn ${v('letter.code')}) đến ${v('transfer.to')}. ${v('transfer.note')}.`),
        recipients('Như trên', ...(form.key === 'transfer_denunciation' ? [] : [`Ông/Bà ${v('sender.name')} (để biết)`])),
        head(),
      ];
      break;
    case 'guidance':
      blocks = [
        to(`Ông/Bà ${v('sender.name')}`),
        p(`Địa chỉ: ${v('sender.address')}.`),
        p(`Ngày ${day('letter.receivedAt')}, ${unit} nhận được đơn của Ông/Bà với nội dung: ${sentence('letter.summary')}`),
        p(`Căn cứ ${v('guidance.legalBasis')}, nội dung đơn không thuộc thẩm quyền giải quyết của ${unit}. Đề nghị Ông/Bà gửi đơn đến ${v('guidance.to')} để được xem xét, giải quyết theo quy định của pháp luật.`),
        recipients('Như trên'),
        head(),
      ];
      break;
    case 'return_originals':
      blocks = [
        p(`${unit} trả lại Ông/Bà ${v('sender.name')} đơn số ${v('letter.code')} và các giấy tờ, tài liệu gốc kèm theo, gồm:`),
        ...table([0.6, 6]),
        p(`Lý do trả lại: ${v('return.reason')}.`),
        { type: 'signatures', items: [{ title: 'Người nhận lại', note: SIGN, name: raw('sender.name') || undefined }, { title: 'Người trả', note: SIGN, name: raw('officer.name') || undefined }] },
      ];
      break;
    case 'reminder':
      blocks = [
        to(v('transfer.to')),
        p(`Ngày ${v('transfer.date')}, ${unit} đã có Phiếu chuyển đơn số ${v('transfer.docNo')} chuyển đơn số ${v('letter.code')} đến ${v('transfer.to')} để xem xét, giải quyết theo thẩm quyền. Nội dung đơn: ${sentence('letter.summary')}`),
        p(`Đến nay đã quá thời hạn nhưng ${unit} chưa nhận được văn bản thông báo kết quả xem xét, giải quyết. Đây là lần đôn đốc thứ ${v('reminder.count')}.`),
        p(`Đề nghị ${v('transfer.to')} khẩn trương xem xét, giải quyết theo quy định của pháp luật và thông báo kết quả cho ${unit}./.`),
        recipients('Như trên'),
        head(),
      ];
      break;
    case 'suspension':
    case 'resumption':
    case 'extension_decision': {
      const article1 =
        form.key === 'suspension'
          ? `Điều 1. Tạm đình chỉ việc giải quyết vụ việc ${v('case.code')} kể từ ngày ${v('doc.date')}. Thời hạn giải quyết trước khi tạm đình chỉ: ${v('decision.dueBefore')}. ${v('decision.dueAfter')}.`
          : form.key === 'resumption'
            ? `Điều 1. Tiếp tục giải quyết vụ việc ${v('case.code')} kể từ ngày ${v('doc.date')}. Thời hạn giải quyết được tính lại đến ${v('decision.dueAfter')} (trước khi tạm đình chỉ: ${v('decision.dueBefore')}).`
            : `Điều 1. Gia hạn thời hạn giải quyết vụ việc ${v('case.code')} từ ${v('decision.dueBefore')} đến ${v('decision.dueAfter')}.`;
      blocks = [
        p(`Căn cứ ${v('decision.legalBasis')};`, { italic: true }),
        p(`Xét vụ việc ${v('case.code')}: ${v('case.summary')};`, { italic: true }),
        p(`Lý do: ${v('decision.ground')}.`, { italic: true }),
        p('QUYẾT ĐỊNH:', { align: 'center', bold: true }),
        p(article1),
        p('Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.'),
        recipients('Như Điều 2', 'Các bên có liên quan'),
        head('Thủ trưởng cơ quan'),
      ];
      break;
    }
    case 'notice_to_respondent':
      blocks = [
        to(`Ông/Bà ${v('case.respondent')}`),
        p(`Ngày ${v('case.acceptedAt')}, ${unit} đã thụ lý tố cáo (vụ việc ${v('case.code')}) đối với Ông/Bà với nội dung: ${sentence('case.summary')}`),
        p(`Thời hạn giải quyết tố cáo: ${v('case.due')}. Đề nghị Ông/Bà giải trình bằng văn bản và cung cấp thông tin, tài liệu, bằng chứng liên quan theo quy định của pháp luật.`),
        recipients('Như trên'),
        head(),
      ];
      break;
    default:
      blocks = [{ type: 'fields', items: form.fields.map((f) => ({ label: f.labelVi, value: f.value })) }, ...table()];
  }

  return {
    key: form.key,
    formSet: form.legalBasis,
    formNumber: form.code,
    paper: 'A4',
    orientation: 'portrait',
    agency: { parent: ctx.parentAgency, name: unit },
    docNumber: number ? `Số: ${number}` : 'Số: ……',
    placeDate: placeDate(ctx.place, date),
    title: form.titleVi,
    subtitle,
    // Signature titles are printed in capitals, as on the official templates.
    blocks: blocks.map((b) => (b.type === 'signatures' ? { ...b, items: b.items.map((i) => ({ ...i, title: i.title.toLocaleUpperCase('vi') })) } : b)),
  };
}
