/**
 * Excel exports (exceljs): the standard table (Vietnamese headers grouped like the official table:
 * "Nhận giải quyết / Kết quả giải quyết / Đang giải quyết", a title with unit and period, the
 * formula noted under it) and the dossier register (Sổ theo dõi hồ sơ, A4 landscape), written with
 * the streaming writer so that a long register never sits in memory as a workbook.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatDateVi, localDateOf } from '../../core/calendar/index.js';
import {
  TABLE_HEADER,
  formatDateTimeVi,
  headerDepth,
  headerLeaves,
  layoutHeader,
  periodLabelVi,
  type ColumnKey,
  type HeaderNode,
} from '../../core/reports/index.js';
import type { DossierReport, RegisterContext, RegisterRow } from './service.js';

const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The exported table: the standard columns plus the refusals at intake, reported separately. */
export const EXPORT_HEADER: HeaderNode[] = [
  ...TABLE_HEADER,
  { key: 'refusedAtIntake', labelVi: 'Từ chối tiếp nhận (thống kê riêng)', labelEn: 'Refused at intake (separate)' },
];

const BY_VI = { receiving: 'đơn vị tiếp nhận', competent: 'cơ quan chủ trì giải quyết' } as const;

function cellValue(row: Record<string, unknown>, key: ColumnKey): ExcelJS.CellValue {
  if (key === 'ontimePct') return row.ontimePct === null ? '—' : (row.ontimePct as number);
  return row[key] as number;
}

export async function reportWorkbook(report: DossierReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('Bao cao', { pageSetup: A4_LANDSCAPE });
  // Leaf columns left to right: column 3 onwards (1 = STT, 2 = the row label).
  const leaves = headerLeaves(EXPORT_HEADER);
  const width = 2 + leaves.length;
  const depth = headerDepth(EXPORT_HEADER);

  const title = (row: number, text: string, opts: Partial<ExcelJS.Font> = {}) => {
    ws.mergeCells(row, 1, row, width);
    const c = ws.getCell(row, 1);
    c.value = text;
    c.font = { size: 11, ...opts };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  title(1, 'BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', { bold: true, size: 14 });
  title(2, `Đơn vị: ${report.unit.name} (${report.unit.code})`, { bold: true });
  title(3, `Kỳ báo cáo: ${report.period.labelVi}`);
  title(
    4,
    `Thống kê theo ${report.groupLabel.vi.toLowerCase()}; hồ sơ tính tại ${BY_VI[report.by]}; số liệu tại thời điểm ${formatDateTimeVi(new Date(report.asOf))}`,
    { italic: true },
  );

  // Grouped header: rows 6 .. 6+depth-1, then the column numbers.
  const top = 6;
  const label = report.groupLabel.vi;
  const fixed = [
    { text: 'STT', col: 1 },
    { text: label, col: 2 },
  ];
  for (const f of fixed) {
    ws.mergeCells(top, f.col, top + depth - 1, f.col);
    ws.getCell(top, f.col).value = f.text;
  }
  for (const c of layoutHeader(EXPORT_HEADER, 2)) {
    const r0 = top + c.row;
    const r1 = top + c.endRow;
    const c0 = c.col + 1;
    const c1 = c.endCol + 1;
    if (r1 > r0 || c1 > c0) ws.mergeCells(r0, c0, r1, c1);
    ws.getCell(r0, c0).value = c.labelVi;
  }
  const numbers = ws.getRow(top + depth);
  for (let col = 1; col <= width; col++) numbers.getCell(col).value = `(${col})`;
  for (let r = top; r <= top + depth; r++) {
    const row = ws.getRow(r);
    row.height = r === top + depth ? 16 : 32;
    for (let col = 1; col <= width; col++) {
      const cell = row.getCell(col);
      cell.font = { bold: r < top + depth, italic: r === top + depth, size: 10 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
      if (r < top + depth) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    }
  }

  let r = top + depth + 1;
  const writeRow = (stt: number | string, name: string, row: Record<string, unknown>, bold = false) => {
    const xr = ws.getRow(r++);
    xr.getCell(1).value = stt;
    xr.getCell(2).value = name;
    leaves.forEach((c, i) => {
      const cell = xr.getCell(3 + i);
      cell.value = cellValue(row, c);
      if (c === 'ontimePct') cell.numFmt = '0.00';
    });
    for (let col = 1; col <= width; col++) {
      const cell = xr.getCell(col);
      cell.border = THIN;
      cell.font = { bold, size: 10 };
      cell.alignment = { vertical: 'middle', horizontal: col === 2 ? 'left' : 'center', wrapText: col === 2 };
    }
  };
  for (const row of report.rows) writeRow(row.stt, row.group.code ? `${row.group.name} (${row.group.code})` : row.group.name, row as unknown as Record<string, unknown>);
  writeRow('', 'Tổng cộng', report.total as unknown as Record<string, unknown>, true);

  r += 1;
  const note = (text: string, opts: Partial<ExcelJS.Font> = {}) => {
    ws.mergeCells(r, 1, r, width);
    const c = ws.getCell(r, 1);
    c.value = text;
    c.font = { size: 10, ...opts };
    c.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = 28;
    r += 1;
  };
  const f = report.formula;
  note(`Công thức: ${f.labelVi} = ${f.formulaVi}; làm tròn 2 chữ số thập phân (làm tròn lên từ 0,5); hiển thị "—" khi mẫu số bằng 0.`, { bold: true });
  note(`Quy tắc phân loại: ${report.ruleDescription.vi}`);
  for (const n of report.notes) note(n.vi, { italic: true });

  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 38;
  leaves.forEach((c, i) => (ws.getColumn(3 + i).width = c === 'ontimePct' || c === 'refusedAtIntake' ? 12 : 10));
  ws.pageSetup.printTitlesRow = `${top}:${top + depth}`;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: top + depth }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Columns of the register (Mẫu 06 TT 01/2018, Mẫu 07 TT 03/2025). */
export const REGISTER_COLUMNS: { header: string; key: keyof RegisterRow; width: number }[] = [
  { header: 'STT', key: 'stt', width: 6 },
  { header: 'Mã hồ sơ', key: 'code', width: 24 },
  { header: 'Tên TTHC', key: 'procedureName', width: 30 },
  { header: 'Số lượng hồ sơ (bộ)', key: 'setsCount', width: 9 },
  { header: 'Tên người nộp', key: 'applicantName', width: 20 },
  { header: 'Địa chỉ, số điện thoại', key: 'addressPhone', width: 28 },
  { header: 'Cơ quan chủ trì giải quyết', key: 'competentUnit', width: 22 },
  { header: 'Ngày nhận hồ sơ', key: 'receivedAt', width: 14 },
  { header: 'Ngày hẹn trả', key: 'dueAt', width: 14 },
  { header: 'Ngày chuyển hồ sơ', key: 'transferredAt', width: 14 },
  { header: 'Ngày nhận kết quả từ cơ quan giải quyết', key: 'resultReceivedAt', width: 16 },
  { header: 'Ngày trả kết quả', key: 'returnedAt', width: 14 },
  { header: 'Ký nhận', key: 'signature', width: 10 },
  { header: 'Ghi chú', key: 'note', width: 24 },
];

export async function registerWorkbook(ctx: RegisterContext, batches: AsyncIterable<RegisterRow[]>, exportedAt: Date): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('So theo doi ho so', { pageSetup: A4_LANDSCAPE });
  ws.columns = REGISTER_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const n = REGISTER_COLUMNS.length;
  const title = (row: number, text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, 1, row, n);
    const c = ws.getCell(row, 1);
    c.value = text;
    c.font = font;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  const form = ctx.formTitle;
  title(1, (form?.title ?? 'Sổ theo dõi hồ sơ').toUpperCase(), { bold: true, size: 14 });
  title(2, form ? `(${form.number ? `Mẫu số ${form.number}, ` : ''}${form.legalBasis})` : '', { italic: true, size: 10 });
  title(3, `Đơn vị: ${ctx.unit.name} (${ctx.unit.code})`, { bold: true, size: 11 });
  title(4, `Hồ sơ tiếp nhận ${periodLabelVi(ctx.period)}`, { size: 11 });
  for (let r = 1; r <= 4; r++) ws.getRow(r).commit();
  ws.getRow(5).commit();
  const head = ws.getRow(6);
  const nums = ws.getRow(7);
  REGISTER_COLUMNS.forEach((c, i) => {
    const h = head.getCell(i + 1);
    h.value = c.header;
    h.font = { bold: true, size: 10 };
    h.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    h.border = THIN;
    h.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    const x = nums.getCell(i + 1);
    x.value = `(${i + 1})`;
    x.font = { italic: true, size: 9 };
    x.alignment = { horizontal: 'center' };
    x.border = THIN;
  });
  head.height = 45;
  head.commit();
  nums.commit();
  ws.pageSetup.printTitlesRow = '6:7';
  let r = 8;
  let count = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      const xr = ws.getRow(r++);
      REGISTER_COLUMNS.forEach((c, i) => {
        const cell = xr.getCell(i + 1);
        cell.value = (row[c.key] ?? '') as ExcelJS.CellValue;
        cell.border = THIN;
        cell.font = { size: 10 };
        cell.alignment = { vertical: 'top', wrapText: true, horizontal: c.key === 'stt' || c.key === 'setsCount' ? 'center' : 'left' };
      });
      xr.commit();
      count++;
    }
  }
  const foot = ws.getRow(r + 1);
  foot.getCell(1).value = `Tổng số: ${count} hồ sơ. Ngày xuất: ${formatDateVi(localDateOf(exportedAt))}. Số CCCD của người nộp không in trong sổ.`;
  foot.getCell(1).font = { italic: true, size: 10 };
  foot.commit();
  await ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

