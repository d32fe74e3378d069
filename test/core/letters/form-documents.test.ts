import { describe, expect, it } from 'vitest';
import { FORM_TEMPLATES, PROTECTED_TEXT, buildForm, letterFormDocument } from '../../../src/core/letters/index.js';
import type { FormBlock, FormDocument } from '../../../src/core/forms/document.js';
import { RULES_2014, RULES_2026 } from './fixtures.js';

const CTX = { parentAgency: 'UBND tỉnh Thái Nguyên', place: 'Thái Nguyên', today: '2026-12-07' };

/** Every text a printed document shows, in order (what the print page and the PDF draw). */
function textOf(doc: FormDocument): string {
  const block = (b: FormBlock): string[] => {
    switch (b.type) {
      case 'paragraph':
        return [b.text];
      case 'fields':
        return b.items.map((i) => `${i.label}: ${i.value}`);
      case 'table':
        return [b.columns.join(' | '), ...b.rows.map((r) => r.join(' | '))];
      case 'signatures':
        return b.items.flatMap((s) => [s.title, s.note ?? '', s.name ?? '']);
      case 'qr':
        return [b.caption];
    }
  };
  return [doc.formNumber, doc.formSet, doc.agency.parent, doc.agency.name, doc.docNumber ?? '', doc.placeDate, doc.title, doc.subtitle ?? '', ...doc.blocks.flatMap(block)].join('\n');
}

const LETTER = {
  'unit.name': 'Ban Tiếp công dân tỉnh',
  'letter.code': 'D-2026-00042',
  'letter.receivedAt': '09:15 thứ Hai 07/12/2026',
  'letter.source': 'Tiếp công dân',
  'letter.contentType': 'Tố cáo',
  'letter.summary': 'Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận',
  'letter.respondent': 'Ông Trần Văn Bị, UBND xã Đại Phúc',
  'sender.name': 'Phan Văn Tố',
  'sender.address': 'Xóm 3, xã Đại Phúc',
  'officer.name': 'Nguyễn Thị Tiếp',
};

describe('letter forms as printed documents', () => {
  it('prints every shipped form with the national heading, its agency, number, title and a signature', () => {
    for (const rules of [RULES_2014(), RULES_2026()]) {
      for (const key of Object.keys(FORM_TEMPLATES)) {
        const form = buildForm(rules, key, { ...LETTER, 'doc.no': '31/PC-BTCD', 'doc.date': '08/12/2026' }, { protectedParty: false, rows: [] });
        const doc = letterFormDocument(form, CTX);
        expect(doc.formNumber, key).toBe(rules.forms[key].code);
        expect(doc.title, key).toBe(rules.forms[key].titleVi);
        expect(doc.formSet, key).toBe(rules.forms[key].legalBasis);
        expect(doc.agency, key).toEqual({ parent: 'UBND tỉnh Thái Nguyên', name: 'Ban Tiếp công dân tỉnh' });
        expect(doc.paper).toBe('A4');
        expect(doc.placeDate, key).toMatch(/^Thái Nguyên, ngày \d{2} tháng \d{2} năm 2026$/);
        expect(doc.blocks.some((b) => b.type === 'signatures'), key).toBe(true);
        // The generic field list is only a fallback: every shipped form has its own wording.
        expect(doc.blocks.some((b) => b.type === 'fields'), key).toBe(false);
      }
    }
  });

  it('dates the form by its own document date, else by today', () => {
    const dated = letterFormDocument(buildForm(RULES_2026(), 'guidance', { ...LETTER, 'doc.no': '12/HD-BTCD', 'doc.date': '03/02/2027' }, { protectedParty: false }), CTX);
    expect(dated.placeDate).toBe('Thái Nguyên, ngày 03 tháng 02 năm 2027');
    expect(dated.docNumber).toBe('Số: 12/HD-BTCD');
    const undated = letterFormDocument(buildForm(RULES_2026(), 'propose_accept', LETTER, { protectedParty: false }), CTX);
    expect(undated.placeDate).toBe('Thái Nguyên, ngày 07 tháng 12 năm 2026');
    expect(undated.docNumber).toBe('Số: ……');
  });

  it('writes the template wording around the values (Mẫu 01 proposal, transfer, reminder)', () => {
    const proposal = textOf(letterFormDocument(buildForm(RULES_2026(), 'propose_accept', { ...LETTER, 'letter.contentType': 'Khiếu nại', 'proposal.text': 'Thụ lý giải quyết lần đầu' }, { protectedParty: false }), CTX));
    expect(proposal).toContain('Kính gửi: Thủ trưởng Ban Tiếp công dân tỉnh');
    expect(proposal).toContain('nhận được đơn (khiếu nại) của Ông/Bà Phan Văn Tố, địa chỉ: Xóm 3, xã Đại Phúc');
    expect(proposal).toContain('Đề xuất: Thụ lý giải quyết lần đầu.');
    expect(proposal).toContain('NGƯỜI ĐỀ XUẤT');

    const transfer = textOf(
      letterFormDocument(buildForm(RULES_2026(), 'transfer_complaint', { ...LETTER, 'transfer.to': 'Chủ tịch UBND xã Đại Phúc', 'transfer.legalBasis': 'TT 05/2021/TT-TTCP', 'transfer.note': 'Đề nghị xem xét' }, { protectedParty: false }), CTX),
    );
    expect(transfer).toContain('Kính gửi: Chủ tịch UBND xã Đại Phúc');
    expect(transfer).toContain('Căn cứ TT 05/2021/TT-TTCP, Ban Tiếp công dân tỉnh chuyển đơn (số đơn D-2026-00042) đến Chủ tịch UBND xã Đại Phúc.');
    // A complainant is told of the transfer.
    expect(transfer).toContain('- Ông/Bà Phan Văn Tố (để biết);');

    const reminder = textOf(letterFormDocument(buildForm(RULES_2026(), 'reminder', { ...LETTER, 'transfer.to': 'UBND xã Đại Phúc', 'transfer.docNo': '31/PC-BTCD', 'reminder.count': 2 }, { protectedParty: false }), CTX));
    expect(reminder).toContain('Phiếu chuyển đơn số 31/PC-BTCD');
    expect(reminder).toContain('Đây là lần đôn đốc thứ 2.');
  });

  it('never prints a protected denouncer: the redacted value is all the document has', () => {
    const values = { ...LETTER, 'transfer.to': 'Chủ tịch UBND xã Đại Phúc', 'transfer.legalBasis': 'Luật Tố cáo 2018', 'transfer.note': 'Giữ bí mật người tố cáo' };
    for (const key of ['propose_accept', 'transfer_denunciation', 'guidance', 'return_originals', 'reminder']) {
      const text = textOf(letterFormDocument(buildForm(RULES_2026(), key, values, { protectedParty: true, rows: [] }), CTX));
      expect(text, key).not.toContain('Phan Văn Tố');
      expect(text, key).not.toContain('Xóm 3');
    }
    const transfer = textOf(letterFormDocument(buildForm(RULES_2026(), 'transfer_denunciation', values, { protectedParty: true }), CTX));
    expect(transfer).toContain(PROTECTED_TEXT);
    // The transfer of a denunciation is not copied to the denouncer by name.
    expect(transfer).not.toContain('(để biết)');
  });

  it('prints the rows of a form with a table (documents received, instructions)', () => {
    const form = buildForm(
      RULES_2026(),
      'documents_receipt',
      { 'unit.name': 'Ban Tiếp công dân tỉnh', 'receipt.no': '7/BN', 'receipt.date': '07/12/2026', 'visitor.name': 'Lê Thị Hoa', 'officer.name': 'Nguyễn Thị Tiếp' },
      { protectedParty: false, rows: [{ seq: 1, title: 'Quyết định 12/QĐ-UBND', pages: 3, kind: 'Bản gốc' }] },
    );
    const doc = letterFormDocument(form, CTX);
    const table = doc.blocks.find((b) => b.type === 'table');
    expect(table).toMatchObject({ columns: ['STT', 'Tên thông tin, tài liệu, bằng chứng', 'Số trang', 'Bản gốc/bản sao'], rows: [['1', 'Quyết định 12/QĐ-UBND', '3', 'Bản gốc']] });
    const text = textOf(doc);
    expect(text).toContain('đã nhận của Ông/Bà Lê Thị Hoa');
    expect(text).toContain('NGƯỜI NỘP');
    expect(text).toContain('NGƯỜI NHẬN');
  });

  it('writes decisions as a decision: grounds, QUYẾT ĐỊNH, articles', () => {
    const doc = letterFormDocument(
      buildForm(RULES_2026(), 'suspension', { 'unit.name': 'UBND tỉnh Thái Nguyên', 'case.code': 'KN-2026-0007', 'case.summary': 'Khiếu nại quyết định thu hồi đất', 'doc.no': '5/QĐ-TĐC', 'doc.date': '10/12/2026', 'decision.ground': 'Chờ kết quả giám định', 'decision.dueBefore': '24:00 thứ Năm 14/01/2027', 'decision.legalBasis': 'Luật Khiếu nại' }, { protectedParty: false }),
      { ...CTX, parentAgency: '' },
    );
    const text = textOf(doc);
    expect(text).toContain('QUYẾT ĐỊNH:');
    expect(text).toContain('Điều 1. Tạm đình chỉ việc giải quyết vụ việc KN-2026-0007 kể từ ngày 10/12/2026.');
    expect(text).toContain('Lý do: Chờ kết quả giám định.');
    expect(doc.docNumber).toBe('Số: 5/QĐ-TĐC');
  });
});
