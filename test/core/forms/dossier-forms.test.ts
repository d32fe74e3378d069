import { describe, expect, it } from 'vitest';
import { buildDossierForm, formSetLabel, type DossierFormJson } from '../../../src/core/forms/dossier-forms.js';
import { placeOf, provinceAgency } from '../../../src/core/forms/document.js';

const OPTS = { parentAgency: 'UBND tỉnh Thái Nguyên', publicUrl: 'https://dichvucong.example.vn' };

function apology(formSet: string, number: string, title: string): DossierFormJson {
  return {
    key: 'apology_extension',
    formSet,
    number,
    title,
    paperSize: 'A4',
    issuedAt: '2026-12-16T03:00:00Z',
    data: {
      agency: 'Sở Tư pháp',
      numberText: '…/PXL',
      addressee: 'Đỗ Minh Châu',
      code: '000.00.01.H55-261207-0004',
      receivedDateTextVi: 'ngày 07 tháng 12 năm 2026',
      requestContent: 'Cấp Phiếu lý lịch tư pháp',
      originalAppointmentTextVi: 'ngày 17 tháng 12 năm 2026',
      statement: 'Tuy nhiên đến nay, Sở Tư pháp chưa trả kết quả đúng hạn cho Ông/Bà.',
      reason: 'Chờ kết quả xác minh của Công an tỉnh',
      apology: 'Sở Tư pháp xin lỗi Ông/Bà vì sự chậm trễ này.',
      newAppointmentTextVi: 'sẽ trả kết quả vào ngày 23 tháng 12 năm 2026',
      signatures: [{ role: 'THỦ TRƯỞNG CƠ QUAN', name: 'Lê Quang Tiến', title: 'Giám đốc Sở' }],
      placeDate: 'Thái Nguyên, ngày 16 tháng 12 năm 2026',
    },
  };
}

const texts = (f: ReturnType<typeof buildDossierForm>) => f.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));

describe('one-stop forms as printed documents', () => {
  it('heads forms with the province committee and dates them in the province', () => {
    expect(provinceAgency('Tỉnh Thái Nguyên')).toBe('UBND tỉnh Thái Nguyên');
    expect(provinceAgency('Thành phố Hà Nội')).toBe('UBND thành phố Hà Nội');
    expect(provinceAgency('')).toBe('');
    expect(placeOf('Tỉnh Thái Nguyên')).toBe('Thái Nguyên');
    expect(placeOf('Thành phố Hà Nội')).toBe('Hà Nội');
  });

  it('names the form set as the circular, not its code', () => {
    expect(formSetLabel('TT03_2025')).toBe('TT 03/2025/TT-VPCP');
    expect(formSetLabel('TT01_2018')).toBe('TT 01/2018/TT-VPCP');
    expect(formSetLabel(null)).toBe('');
    expect(buildDossierForm(apology('TT03_2025', '04', 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết'), OPTS).formSet).toBe('TT 03/2025/TT-VPCP');
  });

  it('Mẫu 04 of TT 03/2025 asks the applicant to agree to the extension; Mẫu 04 of TT 01/2018 apologises and sets the new date', () => {
    const tt03 = texts(buildDossierForm(apology('TT03_2025', '04', 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết'), OPTS));
    const tt01 = texts(buildDossierForm(apology('TT01_2018', '04', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả'), OPTS));
    expect(tt03.join('\n')).toContain('Ông/Bà vui lòng đồng ý gia hạn thời gian giải quyết; Sở Tư pháp sẽ trả kết quả vào ngày 23 tháng 12 năm 2026.');
    expect(tt01.join('\n')).toContain('Sở Tư pháp xin lỗi Ông/Bà vì sự chậm trễ này. Sở Tư pháp sẽ trả kết quả vào ngày 23 tháng 12 năm 2026.');
    expect(tt01.join('\n')).not.toContain('gia hạn');
    for (const t of [tt01, tt03]) {
      expect(t.some((x) => x.startsWith('Ngày 07 tháng 12 năm 2026, Sở Tư pháp tiếp nhận hồ sơ'))).toBe(true);
      expect(t.join('\n')).not.toMatch(/ngày ngày/i);
    }
  });
});
