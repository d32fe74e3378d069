import type { FormBlock, FormDocument } from './document.js';

/**
 * Printed one-stop forms (TT 01/2018 and TT 03/2025: Mẫu 01–06) built from the form data the
 * dossier module returns (`GET /dossiers/:id/forms/:key`). Pure: no I/O.
 */
export interface DossierFormJson {
  key: string;
  formSet: string | null;
  number: string | null;
  title: string;
  paperSize: 'A4' | 'A5' | string;
  issuedAt: string | null;
  data: any;
}

export interface BuildOptions {
  /** Name of the province (upper line of the agency block), e.g. 'UBND tỉnh Thái Nguyên'. */
  parentAgency: string;
  /** Public base URL for the tracking QR code, e.g. 'https://dichvucong.thainguyen.gov.vn'. */
  publicUrl: string;
}

const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '…………………………' : String(v));
const two = (n: unknown) => String(n ?? 0).padStart(2, '0');
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** 'TT03_2025' → 'TT 03/2025/TT-VPCP' (the one-stop form sets are circulars of the Government Office). */
export function formSetLabel(code: string | null): string {
  const m = /^TT(\d+)_(\d{4})$/.exec(code ?? '');
  return m ? `TT ${m[1]}/${m[2]}/TT-VPCP` : (code ?? '');
}

function applicantFields(a: any): FormBlock {
  return {
    type: 'fields',
    items: [
      { label: 'Địa chỉ', value: dash(a?.address) },
      { label: 'Số điện thoại', value: dash(a?.phone) },
      { label: 'Email', value: dash(a?.email) },
    ],
  };
}

function signatures(list: any[] | undefined): FormBlock {
  return { type: 'signatures', items: (list ?? []).map((s) => ({ title: s.role, name: s.name ?? undefined, note: s.title ? `${s.title}\n(Ký, ghi rõ họ tên và đóng dấu)` : undefined })) };
}

export function buildDossierForm(form: DossierFormJson, opts: BuildOptions): FormDocument {
  const d = form.data ?? {};
  const base = {
    key: form.key,
    formSet: formSetLabel(form.formSet),
    formNumber: !form.number ? '' : /^mẫu/i.test(form.number) ? form.number : `Mẫu số ${form.number}`,
    paper: (form.paperSize === 'A5' ? 'A5' : 'A4') as 'A4' | 'A5',
    orientation: 'portrait' as const,
    agency: { parent: opts.parentAgency, name: d.agency ?? '' },
    placeDate: d.placeDate ?? '',
    title: form.title,
  };
  switch (form.key) {
    case 'receipt': {
      const tracking = `${opts.publicUrl.replace(/\/$/, '')}/tra-cuu/${encodeURIComponent(d.code ?? '')}`;
      const blocks: FormBlock[] = [
        { type: 'paragraph', text: `${d.receivedBy ?? ''} tiếp nhận hồ sơ của: ${dash(d.applicant?.name)}` },
        applicantFields(d.applicant),
        { type: 'paragraph', text: `Nội dung yêu cầu giải quyết: ${dash(d.requestContent)}` },
        { type: 'paragraph', text: '1. Thành phần hồ sơ nộp gồm:' },
        {
          type: 'table',
          columns: ['STT', 'Tên giấy tờ', 'Bản chính', 'Bản sao chứng thực', 'Bản sao/chụp'],
          widths: [0.6, 5, 1.2, 1.6, 1.4],
          rows: (d.components ?? []).map((c: any) => [String(c.no), c.name + (c.fromDataStore ? ' (lấy từ kho dữ liệu)' : ''), two(c.originals), two(c.certifiedCopies), two(c.copies)]),
        },
        { type: 'paragraph', text: `2. Số lượng hồ sơ: ${two(d.setsCount)} bộ.` },
        { type: 'paragraph', text: `3. Thời gian giải quyết hồ sơ theo quy định: ${dash(d.legalDuration?.textVi)}.` },
        { type: 'paragraph', text: `4. Thời gian nhận hồ sơ: ${dash(d.receivedAtTextVi)}.` },
        { type: 'paragraph', text: `5. Thời gian trả kết quả giải quyết hồ sơ: ${dash(d.appointmentTextVi)}${d.appointmentProvisional ? ' (dự kiến)' : ''}.` },
        { type: 'paragraph', text: `6. Đăng ký nhận kết quả tại: ${dash(d.returnAt)}${d.returnAddress ? ` – ${d.returnAddress}` : ''}.` },
      ];
      const fees = (d.fees ?? []) as any[];
      if (fees.length) {
        blocks.push({ type: 'paragraph', text: `Phí, lệ phí: ${fees.map((f) => `${f.name}: ${Number(f.amount ?? 0).toLocaleString('vi-VN')} đồng`).join('; ')}.` });
      }
      if (d.register?.textVi) blocks.push({ type: 'paragraph', text: `Vào Sổ theo dõi hồ sơ, ${d.register.textVi}.`, italic: true });
      blocks.push({ type: 'qr', text: tracking, caption: `Tra cứu tình trạng hồ sơ: quét mã hoặc truy cập ${tracking}` });
      blocks.push(signatures(d.signatures));
      return { ...base, subtitle: `Mã hồ sơ: ${dash(d.code)}`, blocks };
    }
    case 'supplement_request':
      return {
        ...base,
        subtitle: d.code ? `Mã hồ sơ: ${d.code}` : undefined,
        blocks: [
          { type: 'paragraph', text: `${dash(d.intro)}.` },
          applicantFields(d.applicant),
          { type: 'paragraph', text: `Nội dung yêu cầu giải quyết: ${dash(d.requestContent)}` },
          { type: 'paragraph', text: 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:' },
          {
            type: 'table',
            columns: ['STT', 'Tên giấy tờ', 'Bản chính', 'Bản sao chứng thực', 'Bản sao/chụp', 'Ghi chú'],
            widths: [0.6, 4, 1.1, 1.5, 1.3, 2],
            rows: (d.items ?? []).map((it: any) => [String(it.no), it.name, two(it.originals), two(it.certifiedCopies), two(it.copies), it.note ?? '']),
          },
          { type: 'paragraph', text: `Lý do: ${dash(d.reason)}` },
          { type: 'paragraph', text: `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ${dash(d.contact?.name)} – ${dash(d.contact?.unit)}, số điện thoại ${dash(d.contact?.phone)} để được hướng dẫn.` },
          signatures(d.signatures),
        ],
      };
    case 'intake_refusal':
      return {
        ...base,
        subtitle: d.code ? `Mã hồ sơ: ${d.code}` : undefined,
        blocks: [
          { type: 'paragraph', text: `${d.agency ?? 'Bộ phận Một cửa'} tiếp nhận hồ sơ của: ${dash(d.applicant?.name)}` },
          applicantFields(d.applicant),
          { type: 'paragraph', text: `Nội dung yêu cầu giải quyết: ${dash(d.requestContent)}` },
          { type: 'paragraph', text: dash(d.statement) },
          { type: 'paragraph', text: dash(d.reason), bold: true },
          { type: 'paragraph', text: 'Xin thông báo để Ông/Bà được biết và thực hiện.' },
          signatures(d.signatures),
        ],
      };
    case 'apology_extension':
      return {
        ...base,
        docNumber: `Số: ${d.numberText ?? '…/PXL'}`,
        blocks: [
          { type: 'paragraph', text: `Kính gửi: ${dash(d.addressee)}`, align: 'center', bold: true },
          { type: 'paragraph', text: `${upperFirst(dash(d.receivedDateTextVi))}, ${d.agency ?? 'cơ quan'} tiếp nhận hồ sơ đề nghị giải quyết thủ tục ${dash(d.requestContent)} của Ông/Bà (mã hồ sơ ${dash(d.code)}).` },
          { type: 'paragraph', text: `Thời gian hẹn trả kết quả giải quyết hồ sơ: ${dash(d.originalAppointmentTextVi)}.` },
          { type: 'paragraph', text: dash(d.statement) },
          { type: 'paragraph', text: `Lý do: ${dash(d.reason)}` },
          // TT 01/2018 Mẫu 04 apologises and sets the new date; TT 03/2025 Mẫu 04 asks the applicant to agree to the extension.
          {
            type: 'paragraph',
            text: form.formSet === 'TT01_2018'
              ? `${dash(d.apology)} ${d.agency ?? 'Cơ quan'} ${dash(d.newAppointmentTextVi)}.`
              : `${dash(d.apology)} Ông/Bà vui lòng đồng ý gia hạn thời gian giải quyết; ${d.agency ?? 'cơ quan'} ${dash(d.newAppointmentTextVi)}.`,
          },
          { type: 'paragraph', text: 'Xin trân trọng cảm ơn./.' },
          signatures(d.signatures),
        ],
      };
    case 'stop_notice':
      return {
        ...base,
        subtitle: d.code ? `Mã hồ sơ: ${d.code}` : undefined,
        blocks: [
          { type: 'paragraph', text: `Kính gửi: ${dash(d.applicant?.name)}`, align: 'center', bold: true },
          { type: 'paragraph', text: `${d.agency ?? 'Cơ quan giải quyết'} thông báo dừng giải quyết hồ sơ đề nghị thực hiện thủ tục ${dash(d.procedureName)} (mã hồ sơ ${dash(d.code)}).` },
          { type: 'paragraph', text: `Lý do dừng giải quyết: ${dash(d.reason)}` },
          { type: 'paragraph', text: `Căn cứ pháp lý: ${dash(d.legalBasis)}` },
          { type: 'paragraph', text: 'Xin thông báo để Ông/Bà được biết./.' },
          signatures(d.signatures),
        ],
      };
    case 'control_slip':
      return {
        ...base,
        agency: { parent: opts.parentAgency, name: d.leadAgency ?? '' },
        subtitle: `Mã hồ sơ: ${dash(d.code)}${d.receiptRef ? `\n(${d.receiptRef})` : ''}`,
        blocks: [
          { type: 'fields', items: [
            { label: 'Cơ quan chủ trì giải quyết', value: dash(d.leadAgency) },
            { label: 'Cơ quan phối hợp giải quyết', value: (d.cooperatingAgencies ?? []).filter(Boolean).join('; ') || 'Không' },
            { label: 'Ngày hẹn trả kết quả', value: dash(d.appointmentDateVi) },
          ] },
          {
            type: 'table',
            columns: d.columns ?? ['Tên cơ quan', 'Thời gian giao, nhận hồ sơ', 'Kết quả giải quyết hồ sơ', 'Ghi chú'],
            widths: [2.2, 4, 2, 1.6],
            rows: (d.rows ?? []).map((r: any) => [`${r.no}. ${dash(r.agency)}\n${r.stepName ?? ''}`, `${dash(r.handover)}\n${r.signatures ?? ''}`, r.result ?? '', r.note ?? '']),
          },
          ...(d.result ? [{ type: 'paragraph' as const, text: `Kết quả: ${d.result}`, bold: true }] : []),
        ],
      };
    default:
      throw new RangeError(`unknown form ${form.key}`);
  }
}
