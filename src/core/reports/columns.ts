/**
 * The standard dossier table (one-stop.md §9.1, the OpenCPS 20-column table, with the in-period
 * receipts split into the three channels and "stopped" shown beside "withdrawn"), as data: the
 * counters, their Vietnamese/English labels, their counting rule, and the grouped header used by
 * the Excel export ("Nhận giải quyết / Kết quả giải quyết / Đang giải quyết").
 */

/** The counters of a row, in API (camelCase) form. `code` in COLUMNS gives the §9 name. */
export interface DossierCounts {
  toProcess: number;
  carriedOver: number;
  received: number;
  receivedCounter: number;
  receivedOnline: number;
  receivedPostal: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  refused: number;
  returned: number;
  notReturned: number;
  inProgress: number;
  notYetDue: number;
  overdue: number;
  waitingSupplement: number;
  withdrawn: number;
  stopped: number;
  /** Reported separately; never part of `received` (§9.2). */
  refusedAtIntake: number;
}

export type CounterKey = keyof DossierCounts;

export type ColumnKey = CounterKey | 'ontimePct';

export interface ColumnDef {
  key: ColumnKey;
  /** The counter's name in one-stop.md §9. */
  code: string;
  labelVi: string;
  labelEn: string;
  /** The counting rule (§9.2), in English. */
  rule: string;
}

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'toProcess', code: 'to_process', labelVi: 'Tổng số', labelEn: 'Total to process', rule: 'carried_over + received' },
  { key: 'carriedOver', code: 'carried_over', labelVi: 'Kỳ trước chuyển qua', labelEn: 'Carried over', rule: 'received_at < from AND (ended_at IS NULL OR ended_at >= from)' },
  { key: 'received', code: 'received', labelVi: 'Tổng số', labelEn: 'Received in period', rule: 'from <= received_at < to' },
  { key: 'receivedCounter', code: 'received_counter', labelVi: 'Trực tiếp', labelEn: 'At the counter', rule: 'received in period, channel 1' },
  { key: 'receivedOnline', code: 'received_online', labelVi: 'Trực tuyến', labelEn: 'Online', rule: 'received in period, channel 2' },
  { key: 'receivedPostal', code: 'received_postal', labelVi: 'Bưu chính công ích', labelEn: 'Postal', rule: 'received in period, channel 3' },
  { key: 'resolved', code: 'resolved', labelVi: 'Tổng số', labelEn: 'Resolved', rule: 'from <= ended_at < to AND end_kind IN (resolved_approved, resolved_refused)' },
  { key: 'early', code: 'early', labelVi: 'Trước hạn', labelEn: 'Early', rule: 'resolved, not late, local date of ended_at before the local date of the due' },
  { key: 'onTime', code: 'on_time', labelVi: 'Đúng hạn', labelEn: 'On time', rule: 'resolved, not late, not early' },
  { key: 'late', code: 'late', labelVi: 'Quá hạn', labelEn: 'Late', rule: 'resolved AND ended_at > due' },
  { key: 'refused', code: 'refused', labelVi: 'Từ chối giải quyết', labelEn: 'Refused (after appraisal)', rule: 'resolved with end_kind = resolved_refused' },
  { key: 'returned', code: 'returned', labelVi: 'Đã trả kết quả', labelEn: 'Returned', rule: 'resolved AND returned_at < to' },
  { key: 'notReturned', code: 'not_returned', labelVi: 'Chưa trả kết quả', labelEn: 'Not yet returned', rule: 'resolved − returned' },
  { key: 'inProgress', code: 'in_progress', labelVi: 'Tổng số', labelEn: 'In progress', rule: 'received_at < to AND (ended_at IS NULL OR ended_at >= to)' },
  { key: 'notYetDue', code: 'not_yet_due', labelVi: 'Còn hạn', labelEn: 'Not yet due', rule: 'in progress, not waiting, not overdue' },
  { key: 'overdue', code: 'overdue', labelVi: 'Quá hạn', labelEn: 'Overdue', rule: 'in progress, not waiting, due < min(to, now)' },
  { key: 'waitingSupplement', code: 'waiting_supplement', labelVi: 'Tạm dừng, chờ bổ sung', labelEn: 'Waiting for the applicant', rule: 'in progress and a supplement or payment pause is open at to' },
  { key: 'withdrawn', code: 'withdrawn', labelVi: 'Rút không giải quyết', labelEn: 'Withdrawn', rule: 'from <= ended_at < to AND end_kind = withdrawn' },
  { key: 'stopped', code: 'stopped', labelVi: 'Dừng xử lý', labelEn: 'Stopped', rule: 'from <= ended_at < to AND end_kind = stopped' },
  { key: 'ontimePct', code: 'ontime_pct', labelVi: 'Tỉ lệ sớm và đúng hạn (%)', labelEn: 'Early and on-time rate (%)', rule: '(early + on_time) / resolved × 100' },
  { key: 'refusedAtIntake', code: 'refused_at_intake', labelVi: 'Từ chối tiếp nhận', labelEn: 'Refused at intake', rule: 'refused at intake in period (never part of received)' },
];

export const COLUMN_BY_KEY: ReadonlyMap<ColumnKey, ColumnDef> = new Map(COLUMNS.map((c) => [c.key, c]));

/** A node of the grouped header: a group (children) or a leaf column (key). */
export interface HeaderNode {
  labelVi: string;
  labelEn: string;
  key?: ColumnKey;
  children?: HeaderNode[];
}

const leaf = (key: ColumnKey): HeaderNode => {
  const c = COLUMN_BY_KEY.get(key)!;
  return { key, labelVi: c.labelVi, labelEn: c.labelEn };
};

/** The header of the printed table after the STT and row-label columns. */
export const TABLE_HEADER: readonly HeaderNode[] = [
  {
    labelVi: 'Nhận giải quyết',
    labelEn: 'To process',
    children: [
      leaf('toProcess'),
      leaf('carriedOver'),
      {
        labelVi: 'Nhận trong kỳ',
        labelEn: 'Received in period',
        children: [leaf('received'), leaf('receivedCounter'), leaf('receivedOnline'), leaf('receivedPostal')],
      },
    ],
  },
  {
    labelVi: 'Kết quả giải quyết',
    labelEn: 'Resolved',
    children: [leaf('resolved'), leaf('early'), leaf('onTime'), leaf('late'), leaf('refused'), leaf('returned'), leaf('notReturned')],
  },
  {
    labelVi: 'Đang giải quyết',
    labelEn: 'In progress',
    children: [leaf('inProgress'), leaf('notYetDue'), leaf('overdue'), leaf('waitingSupplement')],
  },
  leaf('withdrawn'),
  leaf('stopped'),
  leaf('ontimePct'),
];

/** The leaf columns of a header, left to right. */
export function headerLeaves(nodes: readonly HeaderNode[] = TABLE_HEADER): ColumnKey[] {
  const out: ColumnKey[] = [];
  const walk = (n: HeaderNode) => {
    if (n.children?.length) n.children.forEach(walk);
    else if (n.key) out.push(n.key);
  };
  nodes.forEach(walk);
  return out;
}

/** Depth of a header (1 for a flat header). */
export function headerDepth(nodes: readonly HeaderNode[] = TABLE_HEADER): number {
  let d = 0;
  for (const n of nodes) d = Math.max(d, 1 + (n.children?.length ? headerDepth(n.children) : 0));
  return d;
}

/** A merged cell of a laid-out header: 0-based row/column, inclusive ends. */
export interface HeaderCell {
  labelVi: string;
  labelEn: string;
  key?: ColumnKey;
  row: number;
  col: number;
  endRow: number;
  endCol: number;
}

/**
 * Lays a header tree out as merged cells: a group spans its leaves horizontally; a leaf spans
 * down to the last header row. Column 0 is the first column of the tree (`firstCol` shifts it).
 */
export function layoutHeader(nodes: readonly HeaderNode[] = TABLE_HEADER, firstCol = 0): HeaderCell[] {
  const depth = headerDepth(nodes);
  const cells: HeaderCell[] = [];
  let col = firstCol;
  const place = (n: HeaderNode, row: number) => {
    if (n.children?.length) {
      const start = col;
      n.children.forEach((c) => place(c, row + 1));
      cells.push({ labelVi: n.labelVi, labelEn: n.labelEn, row, col: start, endRow: row, endCol: col - 1 });
    } else {
      cells.push({ labelVi: n.labelVi, labelEn: n.labelEn, key: n.key, row, col, endRow: depth - 1, endCol: col });
      col += 1;
    }
  };
  nodes.forEach((n) => place(n, 0));
  return cells.sort((a, b) => a.row - b.row || a.col - b.col);
}

/** What a report row is grouped by. */
export type GroupBy = 'field' | 'unit' | 'procedure';
export const GROUP_BYS: readonly GroupBy[] = ['field', 'unit', 'procedure'];

export const GROUP_LABELS: Record<GroupBy, { vi: string; en: string }> = {
  field: { vi: 'Lĩnh vực', en: 'Field' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  procedure: { vi: 'Thủ tục hành chính', en: 'Procedure' },
};

/** Which verdict classifies a resolved dossier (indicators-766.md §7.1: reports say which). */
export type ReportRule = 'legal' | 'index766';
export const REPORT_RULES: readonly ReportRule[] = ['legal', 'index766'];

/** Which unit a dossier is attributed to. */
export type Attribution = 'receiving' | 'competent';
export const ATTRIBUTIONS: readonly Attribution[] = ['receiving', 'competent'];

export const RULE_DESCRIPTIONS: Record<ReportRule, { vi: string; en: string }> = {
  legal: {
    vi: 'Trễ hạn khi thời điểm kết thúc xử lý sau ngày hẹn trả ban đầu (original_due_at, ghi nhận lúc tiếp nhận; không theo ngày hẹn lại hay thời hạn tính lại sau bổ sung). Trước hạn/Đúng hạn theo quy tắc ngày.',
    en: 'Late when processing ended after the original due (original_due_at, fixed at receipt; neither a Form 04 new date nor a restart after a supplement moves it). Early/on time by the day rule.',
  },
  index766: {
    vi: 'Theo chỉ số 2.1 QĐ 766: trừ thời gian chờ bổ sung (hạn tạm dừng), yêu cầu bổ sung quá một lần tính là trễ hạn; dùng kết luận đã chốt khi kết thúc xử lý.',
    en: 'QĐ 766 indicator 2.1: supplement waits subtracted (the pause due), more than one supplement request counts as late; the verdict frozen at the end of processing is used.',
  },
};
