/**
 * Feedback reports (indicators-766.md 5.1–5.3, §11): received, on time (%) and satisfaction (%) by
 * unit or category, with numerators and denominators, Wilson 95% intervals, and rankings only for
 * groups with a minimum sample.
 *
 * Populations (each item counted once, by its first receipt date):
 * - received       = items received in the period, except duplicates merged into another item
 *                    and items reclassified as complaints or denunciations (shown separately);
 * - within competence (5.2 denominator) = received − items forwarded out of competence;
 * - on time (5.2 numerator) = within competence and every step within its limit, an item in
 *                    progress judged at the period end (`onTimeVerdict`);
 * - satisfied (5.3) = received − (dislikes > likes ∪ reopened ∪ late);
 * - rated satisfied = rated items (≥ 1 vote) that are not dissatisfied ÷ rated items.
 */
import ExcelJS from 'exceljs';
import type { Queryable } from '../../db/types.js';
import { formatLocal } from '../../core/calendar/index.js';
import { isDissatisfied, isRated, rankByWilson, ratePct, satisfactionVerdict, wilsonInterval } from '../../core/feedback/index.js';
import { verdictOf } from './views.js';

export interface ReportQuery {
  tenantId: string;
  /** Unit ids the reader may see (scope). */
  scope: string[];
  /** Restrict to this unit and its descendants (within scope). */
  unitIds: string[] | null;
  from: Date;
  to: Date;
  periodEnd: Date;
  groupBy: 'unit' | 'category';
  minSample: number;
}

export interface Proportion {
  x: number;
  n: number;
  pct: number | null;
  lowPct: number | null;
  highPct: number | null;
}

function proportion(x: number, n: number): Proportion {
  const w = wilsonInterval(x, n);
  return { x, n, pct: ratePct(x, n), lowPct: w ? round2(w.low * 100) : null, highPct: w ? round2(w.high * 100) : null };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

interface Acc {
  key: { id: string; code: string; name: string };
  received: number;
  regulation: number;
  conduct: number;
  merged: number;
  reclassified: number;
  forwarded: number;
  withinCompetence: number;
  onTime: number;
  late: number;
  inProgress: number;
  dissatisfied: number;
  reopened: number;
  notSatisfied: number;
  rated: number;
  ratedSatisfied: number;
}

const empty = (key: Acc['key']): Acc => ({
  key,
  received: 0,
  regulation: 0,
  conduct: 0,
  merged: 0,
  reclassified: 0,
  forwarded: 0,
  withinCompetence: 0,
  onTime: 0,
  late: 0,
  inProgress: 0,
  dissatisfied: 0,
  reopened: 0,
  notSatisfied: 0,
  rated: 0,
  ratedSatisfied: 0,
});

/** Adds one item to a group. */
function add(a: Acc, row: any, periodEnd: Date): void {
  if (row.status === 'merged') {
    a.merged++;
    return;
  }
  if (row.status === 'reclassified') {
    a.reclassified++;
    return;
  }
  a.received++;
  if (row.class === 'conduct') a.conduct++;
  else a.regulation++;
  const v = verdictOf(row, periodEnd);
  if (!v.finished) a.inProgress++;
  const forwardedOut = !!row.forwarded_at;
  if (forwardedOut) a.forwarded++;
  else {
    a.withinCompetence++;
    if (v.onTime) a.onTime++;
    else a.late++;
  }
  const s = satisfactionVerdict({ likes: row.likes, dislikes: row.dislikes, reopenCount: row.reopen_count, late: !forwardedOut && !v.onTime });
  if (s.reasons.includes('dissatisfied')) a.dissatisfied++;
  if (s.reasons.includes('reopened')) a.reopened++;
  if (!s.satisfied) a.notSatisfied++;
  if (isRated(row.likes, row.dislikes)) {
    a.rated++;
    if (!isDissatisfied(row.likes, row.dislikes)) a.ratedSatisfied++;
  }
}

function finish(a: Acc) {
  return {
    key: a.key,
    received: a.received,
    byClass: {
      regulation: proportion(a.regulation, a.received),
      conduct: proportion(a.conduct, a.received),
    },
    excluded: { mergedDuplicates: a.merged, reclassifiedAsLetters: a.reclassified },
    forwardedOutOfCompetence: a.forwarded,
    inProgress: a.inProgress,
    onTime: proportion(a.onTime, a.withinCompetence),
    late: a.late,
    satisfaction: { ...proportion(a.received - a.notSatisfied, a.received), dissatisfied: a.dissatisfied, reopened: a.reopened, late: a.late },
    ratedSatisfaction: proportion(a.ratedSatisfied, a.rated),
  };
}

export type ReportGroup = ReturnType<typeof finish>;

export async function feedbackReport(q: Queryable, rq: ReportQuery) {
  const rows = (
    await q.query(
      `select f.status, f.class, f.likes, f.dislikes, f.reopen_count, f.refused_at, f.refuse_due_at, f.first_supplement_requested_at,
              f.supplement_due_at, f.forwarded_at, f.forward_due_at, f.first_answered_at, f.answer_due_at, f.first_published_at, f.publish_due_at,
              u.id unit_id, u.code unit_code, u.name unit_name, c.id category_id, c.code category_code, c.name category_name
         from feedback f
         join units u on u.id = f.competent_unit_id
         join feedback_categories c on c.id = f.category_id
        where f.tenant_id = $1 and f.received_at >= $2 and f.received_at < $3
          and f.competent_unit_id = any($4::uuid[])
          and ($5::uuid[] is null or f.competent_unit_id = any($5::uuid[]))`,
      [rq.tenantId, rq.from, rq.to, rq.scope, rq.unitIds],
    )
  ).rows;
  const groups = new Map<string, Acc>();
  const total = empty({ id: '*', code: '*', name: 'Tổng cộng' });
  for (const r of rows) {
    const key = rq.groupBy === 'unit' ? { id: r.unit_id, code: r.unit_code, name: r.unit_name } : { id: r.category_id, code: r.category_code, name: r.category_name };
    let g = groups.get(key.id);
    if (!g) groups.set(key.id, (g = empty(key)));
    add(g, r, rq.periodEnd);
    add(total, r, rq.periodEnd);
  }
  const list = [...groups.values()].map(finish).sort((a, b) => b.received - a.received || a.key.code.localeCompare(b.key.code));
  const onTimeRank = rankByWilson(
    list.map((g) => ({ key: g.key, x: g.onTime.x, n: g.onTime.n })),
    rq.minSample,
  );
  const satRank = rankByWilson(
    list.map((g) => ({ key: g.key, x: g.satisfaction.x, n: g.satisfaction.n })),
    rq.minSample,
  );
  return {
    period: { from: formatLocal(rq.from), to: formatLocal(rq.to), evaluatedAt: formatLocal(rq.periodEnd) },
    groupBy: rq.groupBy,
    ruleSet: 'dvcqg',
    method: {
      vi: 'Đúng hạn (chỉ số 5.2): mọi bước đã thực hiện trong thời hạn (từ chối ≤ 2, yêu cầu bổ sung lần đầu ≤ 5, trả lời ≤ 15, công khai ≤ 2 ngày làm việc sau trả lời); mẫu số là PAKN thuộc thẩm quyền. Hài lòng (chỉ số 5.3): tổng PAKN trừ PAKN không hài lòng (không hài lòng > hài lòng), bị phản ánh tiếp hoặc trễ hạn. Xếp hạng theo cận dưới khoảng tin cậy Wilson 95%, chỉ khi đủ cỡ mẫu tối thiểu.',
      en: 'On time (5.2): every step within its limit (refuse ≤ 2, first supplement request ≤ 5, answer ≤ 15, publish ≤ 2 working days after the answer); denominator: items within competence. Satisfied (5.3): all items minus those dissatisfied (dislikes > likes), reopened or late. Ranked by the lower bound of the Wilson 95% interval, only with the minimum sample.',
    },
    total: finish(total),
    groups: list,
    rankings: {
      minSample: rq.minSample,
      onTime: { ranked: onTimeRank.ranked, insufficientSample: onTimeRank.insufficient.map((r) => ({ key: r.key, n: r.n })) },
      satisfaction: { ranked: satRank.ranked, insufficientSample: satRank.insufficient.map((r) => ({ key: r.key, n: r.n })) },
    },
  };
}

export type FeedbackReport = Awaited<ReturnType<typeof feedbackReport>>;

const pct = (p: Proportion) => (p.pct === null ? 'N/A' : p.pct);

/** The report as an Excel workbook (Vietnamese headers). */
export async function reportWorkbook(r: FeedbackReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('PAKN');
  ws.addRow([`Báo cáo tiếp nhận, xử lý phản ánh, kiến nghị từ ${r.period.from.slice(0, 10)} đến ${r.period.to.slice(0, 10)}`]);
  ws.addRow([`Tính đến ${r.period.evaluatedAt}; bộ quy tắc thời hạn: ${r.ruleSet}`]);
  ws.addRow([]);
  const header = [
    r.groupBy === 'unit' ? 'Đơn vị' : 'Lĩnh vực',
    'Mã',
    'Tiếp nhận',
    'Về quy định',
    'Về hành vi',
    'Chuyển ngoài thẩm quyền',
    'Đang xử lý',
    'Đúng hạn (tử số)',
    'Thuộc thẩm quyền (mẫu số)',
    'Tỷ lệ đúng hạn (%)',
    'Khoảng tin cậy 95% (%)',
    'Hài lòng (tử số)',
    'Tổng PAKN (mẫu số)',
    'Tỷ lệ hài lòng (%)',
    'Khoảng tin cậy 95% (%)',
    'Không hài lòng',
    'Phản ánh tiếp',
    'Trễ hạn',
    'Đã đánh giá',
    'Hài lòng / đã đánh giá (%)',
  ];
  const h = ws.addRow(header);
  h.font = { bold: true };
  const line = (g: ReportGroup) => [
    g.key.name,
    g.key.code,
    g.received,
    g.byClass.regulation.x,
    g.byClass.conduct.x,
    g.forwardedOutOfCompetence,
    g.inProgress,
    g.onTime.x,
    g.onTime.n,
    pct(g.onTime),
    g.onTime.lowPct === null ? '' : `${g.onTime.lowPct} – ${g.onTime.highPct}`,
    g.satisfaction.x,
    g.satisfaction.n,
    pct(g.satisfaction),
    g.satisfaction.lowPct === null ? '' : `${g.satisfaction.lowPct} – ${g.satisfaction.highPct}`,
    g.satisfaction.dissatisfied,
    g.satisfaction.reopened,
    g.satisfaction.late,
    g.ratedSatisfaction.n,
    pct(g.ratedSatisfaction),
  ];
  for (const g of r.groups) ws.addRow(line(g));
  const t = ws.addRow(line(r.total));
  t.font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 45 : 14));

  const rk = wb.addWorksheet('Xếp hạng');
  rk.addRow([`Xếp hạng theo cận dưới khoảng tin cậy Wilson 95%; cỡ mẫu tối thiểu ${r.rankings.minSample}`]);
  for (const [title, table] of [
    ['Tỷ lệ đúng hạn', r.rankings.onTime],
    ['Tỷ lệ hài lòng', r.rankings.satisfaction],
  ] as const) {
    rk.addRow([]);
    rk.addRow([title]).font = { bold: true };
    rk.addRow(['Hạng', 'Tên', 'Tử số', 'Mẫu số', 'Tỷ lệ (%)', 'Cận dưới (%)', 'Cận trên (%)']).font = { bold: true };
    for (const x of table.ranked) rk.addRow([x.rank, x.key.name, x.x, x.n, x.pct, x.lowPct, x.highPct]);
    if (table.insufficientSample.length) {
      rk.addRow(['Chưa đủ cỡ mẫu (không xếp hạng)']);
      for (const x of table.insufficientSample) rk.addRow(['', x.key.name, '', x.n]);
    }
  }
  rk.columns.forEach((c, i) => (c.width = i === 1 ? 45 : 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
