/**
 * The dossier register (Sổ theo dõi hồ sơ, Mẫu 06 TT 01/2018 / Mẫu 07 TT 03/2025) as a printed
 * form: the same document model the one-stop forms use, so the web print page and the PDF draw
 * the same A4-landscape sheet with the national heading.
 */
import { placeDate, placeOf, provinceAgency, type FormDocument } from '../../core/forms/document.js';
import { periodLabelVi } from '../../core/reports/index.js';
import { localDateOf } from '../../core/calendar/time.js';
import { REGISTER_COLUMNS } from './excel.js';
import type { RegisterContext, RegisterRow } from './service.js';

/** Longest register one print page or PDF may hold (about a hundred A4 pages); Excel takes more. */
export const MAX_REGISTER_PRINT_ROWS = 2_000;

export interface RegisterFormOptions {
  /** The tenant's name, e.g. 'Tỉnh Thái Nguyên'. */
  tenantName: string;
  printedAt: Date;
}

export function registerDocument(ctx: RegisterContext, rows: RegisterRow[], opts: RegisterFormOptions): FormDocument {
  const province = placeOf(opts.tenantName);
  const parent = provinceAgency(opts.tenantName);
  const form = ctx.formTitle;
  const cell = (r: RegisterRow, key: keyof RegisterRow) => {
    if (key === 'code') return [r.code ?? '', r.registerBook ?? ''].filter(Boolean).join('\n');
    return String(r[key] ?? '');
  };
  return {
    key: 'register',
    formSet: form?.legalBasis ?? '',
    formNumber: form?.number ? `Mẫu số ${form.number}` : 'Sổ theo dõi hồ sơ',
    paper: 'A4',
    orientation: 'landscape',
    agency: { parent, name: ctx.unit.name },
    placeDate: placeDate(province, localDateOf(opts.printedAt)),
    title: form?.title ?? 'Sổ theo dõi hồ sơ',
    subtitle: `Hồ sơ tiếp nhận ${periodLabelVi(ctx.period)} – đơn vị ${ctx.unit.name} (${ctx.unit.code})`,
    blocks: [
      {
        type: 'table',
        columns: REGISTER_COLUMNS.map((c) => c.header),
        widths: REGISTER_COLUMNS.map((c) => c.width),
        rows: [REGISTER_COLUMNS.map((_, i) => `(${i + 1})`), ...rows.map((r) => REGISTER_COLUMNS.map((c) => cell(r, c.key)))],
      },
      { type: 'paragraph', text: `Tổng số: ${rows.length} hồ sơ.`, italic: true, align: 'left' },
      { type: 'signatures', items: [{ title: 'Người lập sổ' }, { title: 'Thủ trưởng đơn vị', note: '(Ký, ghi rõ họ tên và đóng dấu)' }] },
    ],
  };
}
