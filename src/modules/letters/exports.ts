/**
 * Excel exports (exceljs): the letter list, the reception register (Sổ tiếp công dân, Mẫu 03/TCD,
 * 13 columns) and the report. Vietnamese headings; citizen IDs masked; protected identities print
 * "[được bảo vệ]" (they are never in the rows given here).
 */
import ExcelJS from 'exceljs';
import { formatDateVi, localDateOf, parseInstant } from '../../core/calendar/index.js';
import type { RegisterRow } from './register.js';
import type { LettersReport } from './reports.js';

const dateVi = (iso: string | null) => {
  if (!iso) return '';
  const t = parseInstant(iso);
  return t ? formatDateVi(localDateOf(t)) : '';
};

function header(ws: ExcelJS.Worksheet, title: string, subtitle: string, columns: { header: string; width: number }[]) {
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, columns.length);
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const row = ws.getRow(4);
  columns.forEach((c, i) => {
    row.getCell(i + 1).value = c.header;
    row.getCell(i + 1).font = { bold: true };
    row.getCell(i + 1).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    ws.getColumn(i + 1).width = c.width;
  });
}

export async function lettersWorkbook(items: any[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đơn');
  const cols = [
    { header: 'Số đơn', width: 28 },
    { header: 'Ngày nhận', width: 12 },
    { header: 'Nguồn đơn', width: 18 },
    { header: 'Người gửi', width: 24 },
    { header: 'CCCD', width: 16 },
    { header: 'Loại đơn', width: 12 },
    { header: 'Nội dung', width: 50 },
    { header: 'Người/cơ quan bị khiếu nại, tố cáo', width: 24 },
    { header: 'Trạng thái', width: 20 },
    { header: 'Hạn xử lý', width: 12 },
  ];
  header(ws, 'SỔ THEO DÕI XỬ LÝ ĐƠN', `Xuất ngày ${formatDateVi(localDateOf(new Date()))}`, cols);
  for (const l of items) {
    ws.addRow([l.code, dateVi(l.receivedAt), l.sourceLabel?.vi ?? l.source, l.senderName ?? 'Nặc danh', l.senderIdNo ?? '', l.contentTypeLabel?.vi ?? '', l.summary, l.respondentName ?? '', l.statusLabel?.vi ?? l.status, dateVi(l.dueAt)]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function registerWorkbook(unitName: string, year: number, rows: RegisterRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`So TCD ${year}`);
  const cols = [
    { header: '(1) STT', width: 6 },
    { header: '(2) Ngày tiếp', width: 12 },
    { header: '(3) Họ tên, địa chỉ', width: 30 },
    { header: '(4) CCCD/CMND/Hộ chiếu', width: 16 },
    { header: '(5) Nội dung vụ việc', width: 45 },
    { header: '(6) Phân loại đơn', width: 12 },
    { header: '(7) Số người cùng nội dung', width: 10 },
    { header: '(8) Cơ quan đã giải quyết', width: 20 },
    { header: '(9) Thuộc thẩm quyền', width: 10 },
    { header: '(10) Hướng dẫn', width: 22 },
    { header: '(11) Cơ quan, đơn vị thụ lý / chuyển đơn', width: 26 },
    { header: '(12) Theo dõi kết quả giải quyết', width: 26 },
    { header: '(13) Ghi chú', width: 22 },
  ];
  header(ws, 'SỔ TIẾP CÔNG DÂN', `${unitName} – năm ${year} (Mẫu 03/TCD)`, cols);
  for (const r of rows) {
    ws.addRow([r.no, dateVi(r.date), r.nameAddress, r.idNo ?? '', r.content ?? '', r.letterType ?? '', r.peopleCount, r.priorBodies ?? '', r.withinCompetence, r.guidance, r.handling, r.followUp, r.notes]);
  }
  ws.getRow(4).height = 45;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function reportWorkbook(report: LettersReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Bao cao');
  const cols = [
    { header: 'Chỉ tiêu', width: 60 },
    { header: 'Số liệu', width: 12 },
    { header: 'Tử số', width: 10 },
    { header: 'Mẫu số', width: 10 },
    { header: 'Tỷ lệ (%)', width: 10 },
    { header: 'Cùng kỳ năm trước', width: 16 },
  ];
  header(ws, 'BÁO CÁO CÔNG TÁC TIẾP CÔNG DÂN, XỬ LÝ ĐƠN', `${report.unit?.name ?? 'Toàn tỉnh'}: từ ${formatDateVi(report.from)} đến ${formatDateVi(report.to)}`, cols);
  for (const line of report.lines) {
    const prev = report.previous?.lines.find((p) => p.key === line.key);
    ws.addRow([
      line.labelVi,
      line.value,
      line.ratio?.numerator ?? '',
      line.ratio?.denominator ?? '',
      line.ratio?.percent ?? '',
      prev ? (prev.ratio?.percent ?? prev.value) : '',
    ]);
  }
  ws.addRow([]);
  ws.addRow(['Vụ việc quá hạn chưa giải quyết theo đơn vị (tại ngày báo cáo)']).font = { bold: true };
  for (const o of report.overdueByUnit) ws.addRow([o.unitName, o.count]);
  ws.addRow([]);
  ws.addRow(['Quy ước: ' + report.conventions.visits]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function casesWorkbook(items: any[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Vu viec');
  const cols = [
    { header: 'Mã vụ việc', width: 28 },
    { header: 'Loại', width: 14 },
    { header: 'Lần', width: 6 },
    { header: 'Đơn vị giải quyết', width: 30 },
    { header: 'Người khiếu nại/tố cáo', width: 20 },
    { header: 'Nội dung', width: 50 },
    { header: 'Ngày thụ lý', width: 12 },
    { header: 'Hạn giải quyết', width: 12 },
    { header: 'Trạng thái', width: 24 },
    { header: 'Quá hạn', width: 8 },
  ];
  header(ws, 'DANH SÁCH VỤ VIỆC', `Xuất ngày ${formatDateVi(localDateOf(new Date()))}`, cols);
  for (const c of items) {
    ws.addRow([
      c.code,
      c.typeLabel?.vi ?? c.type,
      c.instance,
      c.unitName ?? '',
      c.type === 'denunciation' ? '[được bảo vệ]' : '',
      c.summary,
      dateVi(c.acceptedAt),
      dateVi(c.dueAt),
      c.statusLabel?.vi ?? c.status,
      c.overdue ? 'x' : '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
