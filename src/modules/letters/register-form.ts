/**
 * Sổ tiếp công dân (Mẫu 03/TCD) as a printed register: the document model of every other printed
 * form, on A4 landscape, so the print page and the PDF draw the same sheet (the 13 columns and
 * their numbers, the rows as the register route returns them: CCCD masked, a protected
 * denouncer "[được bảo vệ]"), with the signatures of the keeper and the head of the unit.
 */
import { placeDate, placeOf, type FormDocument } from '../../core/forms/document.js';
import { formatDateVi, localDateOf } from '../../core/calendar/index.js';
import type { FormDef } from '../../core/letters/index.js';
import { REGISTER_COLUMNS, type RegisterRow } from './register.js';

/** Largest register one print page or PDF holds (a unit's year is a few hundred visits); Excel takes any. */
export const MAX_RECEPTION_REGISTER_PRINT_ROWS = 2_000;

/** Relative widths of the 13 columns on A4 landscape. */
const WIDTHS = [0.75, 1.05, 2, 1.2, 2.3, 0.95, 1.05, 1.2, 1.05, 1.15, 1.5, 1.6, 1.1];

const CELLS: ((r: RegisterRow) => string)[] = [
  (r) => String(r.no),
  (r) => (r.date ? formatDateVi(localDateOf(new Date(r.date))) : ''),
  (r) => r.nameAddress,
  (r) => r.idNo ?? '',
  (r) => r.content ?? '',
  (r) => r.letterType ?? '',
  (r) => String(r.peopleCount),
  (r) => r.priorBodies ?? '',
  (r) => r.withinCompetence,
  (r) => r.guidance,
  (r) => r.handling,
  (r) => r.followUp,
  (r) => r.notes,
];

export interface ReceptionRegisterInput {
  unitName: string;
  parentName: string;
  /** The tenant's name, e.g. 'Tỉnh Thái Nguyên' (the place in the date line). */
  tenantName: string;
  year: number;
  /** The register's form (code, title, legal basis) from the rule set in force. */
  form: FormDef | undefined;
  rows: RegisterRow[];
  printedAt: Date;
}

export function receptionRegisterDocument(input: ReceptionRegisterInput): FormDocument {
  return {
    key: 'register',
    formSet: input.form?.legalBasis ?? '',
    formNumber: input.form?.code ?? 'Mẫu 03/TCD',
    paper: 'A4',
    orientation: 'landscape',
    agency: { parent: input.parentName, name: input.unitName },
    placeDate: placeDate(placeOf(input.tenantName), localDateOf(input.printedAt)),
    title: input.form?.titleVi ?? 'Sổ tiếp công dân',
    subtitle: `Năm ${input.year} – ${input.unitName}`,
    blocks: [
      {
        type: 'table',
        columns: [...REGISTER_COLUMNS],
        widths: WIDTHS,
        rows: [REGISTER_COLUMNS.map((_, i) => `(${i + 1})`), ...input.rows.map((r) => CELLS.map((cell) => cell(r)))],
      },
      { type: 'paragraph', text: `Tổng số: ${input.rows.length} lượt tiếp.`, italic: true, align: 'left' },
      { type: 'signatures', items: [{ title: 'NGƯỜI VÀO SỔ', note: '(Ký, ghi rõ họ tên)' }, { title: 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ', note: '(Ký, ghi rõ họ tên và đóng dấu)' }] },
    ],
  };
}
