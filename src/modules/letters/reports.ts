/**
 * Reports of reception and letters (reception-and-letters.md §8), with the seed articles'
 * definitions. Every report is filtered by unit (with or without its children, within the reader's
 * scope) and by period; every rate carries its numerator and denominator; every figure has a
 * drill-down list (`drill`). Counting conventions:
 * - visits (lượt): received visits (not registrations, absences or refusals); the headcount
 *   convention (a group of N counts N) or one per visit, from the rule set in force at the period end;
 * - people (người): distinct identified visitors plus the other members of groups;
 * - cases (vụ việc): distinct cases reached from the visits / letters;
 * - letters (đơn): letter records received in the period; split parents are not counted (their parts are);
 * - within competence = competence 'own'; resolved = a case resolution, or for a letter without a
 *   case an outcome, by the report date; under verification = within competence and not resolved;
 * - handled = letters with an outcome by the report date / letters received;
 * - overdue by unit = cases past due and unresolved at the report date, by resolving unit.
 */
import type { Queryable } from '../../db/types.js';
import { addDays, fromLocal, localDateOf } from '../../core/calendar/index.js';
import { FIGURE_DEFINITIONS, ratio, type Ratio } from '../../core/letters/index.js';
import { ruleSetAt } from './common.js';

export interface ReportParams {
  tenantId: string;
  /** Units the report covers (already intersected with the reader's scope). */
  unitIds: string[];
  from: string;
  to: string;
  /** Report date: end of `to`, or now if earlier. */
  asOf: Date;
}

export interface Line {
  key: string;
  labelVi: string;
  labelEn: string;
  value: number;
  ratio?: Ratio;
  definitionVi: string;
  definitionEn: string;
}

export interface LettersReport {
  unit: { id: string; name: string } | null;
  from: string;
  to: string;
  asOf: string;
  conventions: { visits: string; visitCounting: 'headcount' | 'visits' };
  reception: Record<string, number>;
  letters: Record<string, number | Record<string, number>>;
  rates: { resolved: Ratio; underVerification: Ratio; handled: Ratio; onTime: Ratio };
  overdueByUnit: { unitId: string; unitName: string; count: number }[];
  overdueLettersByUnit: { unitId: string; unitName: string; count: number }[];
  instructions: { done: number; pending: number; overdue: number };
  sessions: { held: number; supporting: number; registrations: number; registrationsReceived: number };
  lines: Line[];
  previous?: LettersReport;
}

const RECEIVED_VISIT = `v.status in ('checked_in', 'heard', 'replied', 'closed')`;

/** SQL predicates of the letter figures (alias l, case c; $4 = report date). Shared by the report and the drill-down. */
export const LETTER_FIGURES: Record<string, string> = {
  received: 'true',
  notWithinCompetence: `l.competence = 'not_own'`,
  transferred: `l.outcome = 'transfer'`,
  withinCompetence: `l.competence = 'own'`,
  resolved: `l.competence = 'own' and ((c.id is not null and c.resolved_at is not null and c.resolved_at < $4) or (c.id is null and l.outcome is not null and l.outcome_at < $4))`,
  underVerification: `l.competence = 'own' and not ((c.id is not null and c.resolved_at is not null and c.resolved_at < $4) or (c.id is null and l.outcome is not null and l.outcome_at < $4))`,
  handled: `l.outcome is not null and l.outcome_at < $4`,
  pending: `(l.outcome is null or l.outcome_at >= $4)`,
  resolvedOnTime: `l.competence = 'own' and c.resolved_at < $4 and c.ended_late = false`,
  resolvedLate: `l.competence = 'own' and c.resolved_at < $4 and c.ended_late = true`,
  manySignatories: `l.many_signatories`,
  complex: `c.complex`,
};

export const VISIT_FIGURES: Record<string, string> = {
  visits: RECEIVED_VISIT,
  regular: `${RECEIVED_VISIT} and v.kind = 'regular'`,
  leaders: `${RECEIVED_VISIT} and v.kind in ('periodic', 'ad_hoc')`,
  online: `${RECEIVED_VISIT} and v.kind = 'online'`,
  massGroups: `${RECEIVED_VISIT} and v.mass_group`,
  refused: `v.status = 'refused'`,
};

function window(p: ReportParams): [Date, Date] {
  return [fromLocal(p.from, 0), fromLocal(addDays(p.to, 1), 0)];
}

export async function lettersReport(db: Queryable, p: ReportParams, unit: { id: string; name: string } | null, withPrevious: boolean): Promise<LettersReport> {
  const [start, end] = window(p);
  const rs = await ruleSetAt(db, p.tenantId, new Date(Math.min(end.getTime() - 1, p.asOf.getTime())));
  const counting = rs.rules.reports.visitCounting;
  const n = counting === 'headcount' ? 'v.people_count' : '1';
  const base = [p.tenantId, p.unitIds, start, end];

  const vis = (
    await db.query(
      `select
         coalesce(sum(${n}) filter (where ${VISIT_FIGURES.visits}), 0)::int visits,
         coalesce(sum(${n}) filter (where ${VISIT_FIGURES.regular}), 0)::int regular,
         coalesce(sum(${n}) filter (where ${VISIT_FIGURES.leaders}), 0)::int leaders,
         coalesce(sum(${n}) filter (where ${VISIT_FIGURES.online}), 0)::int online,
         count(*) filter (where ${VISIT_FIGURES.visits})::int visit_records,
         count(*) filter (where ${VISIT_FIGURES.massGroups})::int mass_groups,
         count(*) filter (where ${VISIT_FIGURES.refused})::int refused,
         (count(distinct v.person_key) filter (where ${RECEIVED_VISIT} and v.person_key is not null)
           + count(*) filter (where ${RECEIVED_VISIT} and v.person_key is null)
           + coalesce(sum(v.people_count - 1) filter (where ${RECEIVED_VISIT}), 0))::int people
       from reception_visits v
      where v.tenant_id = $1 and v.unit_id = any($2::uuid[]) and v.received_at >= $3 and v.received_at < $4`,
      base,
    )
  ).rows[0];
  const visitCases = (
    await db.query(
      `select count(distinct x.case_id)::int n from (
          select v.case_id from reception_visits v where v.tenant_id=$1 and v.unit_id = any($2::uuid[]) and v.received_at >= $3 and v.received_at < $4 and v.case_id is not null and ${RECEIVED_VISIT}
          union all
          select l.case_id from letters l join reception_visits v on v.id = l.visit_id
           where v.tenant_id=$1 and v.unit_id = any($2::uuid[]) and v.received_at >= $3 and v.received_at < $4 and l.case_id is not null and ${RECEIVED_VISIT}) x`,
      base,
    )
  ).rows[0].n as number;
  const sess = (
    await db.query(
      `select count(*) filter (where s.status = 'held')::int held, count(*) filter (where s.status = 'held' and s.role_of_unit = 'supporting')::int supporting
         from reception_sessions s where s.tenant_id=$1 and s.unit_id = any($2::uuid[]) and s.scheduled_on >= $3::date and s.scheduled_on <= $4::date`,
      [p.tenantId, p.unitIds, p.from, p.to],
    )
  ).rows[0];
  const reg = (
    await db.query(
      `select count(*)::int registrations, count(*) filter (where v.status not in ('registered', 'absent'))::int received
         from reception_visits v where v.tenant_id=$1 and v.unit_id = any($2::uuid[]) and v.received_at >= $3 and v.received_at < $4
          and exists (select 1 from letter_events e where e.entity_id = v.id and e.action = 'register')`,
      base,
    )
  ).rows[0];

  const lp = [p.tenantId, p.unitIds, start, p.asOf.getTime() < end.getTime() ? p.asOf : end, end];
  const figs = Object.entries(LETTER_FIGURES);
  const lt = (
    await db.query(
      `select ${figs.map(([k, sql]) => `count(*) filter (where ${sql})::int "${k}"`).join(', ')}
         from letters l left join cases c on c.id = l.case_id
        where l.tenant_id = $1 and l.unit_id = any($2::uuid[]) and l.received_at >= $3 and l.received_at < $5 and l.status <> 'split'`,
      lp,
    )
  ).rows[0];
  const bySource = Object.fromEntries(
    (
      await db.query(
        `select l.source k, count(*)::int n from letters l where l.tenant_id=$1 and l.unit_id = any($2::uuid[]) and l.received_at >= $3 and l.received_at < $4 and l.status <> 'split' group by 1`,
        base,
      )
    ).rows.map((r: any) => [r.k, r.n]),
  );
  const byType = Object.fromEntries(
    (
      await db.query(
        `select l.content_type k, count(*)::int n from letters l where l.tenant_id=$1 and l.unit_id = any($2::uuid[]) and l.received_at >= $3 and l.received_at < $4 and l.status <> 'split' group by 1`,
        base,
      )
    ).rows.map((r: any) => [r.k, r.n]),
  );
  const byOutcome = Object.fromEntries(
    (
      await db.query(
        `select coalesce(l.outcome, 'pending') k, count(*)::int n from letters l where l.tenant_id=$1 and l.unit_id = any($2::uuid[]) and l.received_at >= $3 and l.received_at < $4 and l.status <> 'split' group by 1`,
        base,
      )
    ).rows.map((r: any) => [r.k, r.n]),
  );
  const casesOpened = (
    await db.query(`select count(*)::int n from cases c where c.tenant_id=$1 and c.unit_id = any($2::uuid[]) and c.accepted_at >= $3 and c.accepted_at < $4`, base)
  ).rows[0].n as number;
  const asOf = lp[3] as Date;
  const overdue = (
    await db.query(
      `select c.unit_id, u.name, count(*)::int n from cases c join units u on u.id = c.unit_id
        where c.tenant_id=$1 and c.unit_id = any($2::uuid[]) and c.due_at < $3 and (c.resolved_at is null or c.resolved_at >= $3)
          and c.end_kind is distinct from 'escalated' and c.end_kind is distinct from 'court' and c.accepted_at < $3
        group by 1, 2 order by 3 desc, 2`,
      [p.tenantId, p.unitIds, asOf],
    )
  ).rows.map((r: any) => ({ unitId: r.unit_id, unitName: r.name, count: r.n }));
  const overdueLetters = (
    await db.query(
      `select l.unit_id, u.name, count(*)::int n from letters l join units u on u.id = l.unit_id
        where l.tenant_id=$1 and l.unit_id = any($2::uuid[]) and l.due_at < $3 and (l.outcome is null or l.outcome_at >= $3) and l.status <> 'split' and l.received_at < $3
        group by 1, 2 order by 3 desc, 2`,
      [p.tenantId, p.unitIds, asOf],
    )
  ).rows.map((r: any) => ({ unitId: r.unit_id, unitName: r.name, count: r.n }));
  const ins = (
    await db.query(
      `select count(*) filter (where i.status = 'done')::int done,
              count(*) filter (where i.status = 'pending' and i.due_on >= $4::date)::int pending,
              count(*) filter (where i.status = 'pending' and i.due_on < $4::date)::int overdue
         from reception_instructions i join reception_conclusions rc on rc.id = i.conclusion_id
        where i.tenant_id=$1 and i.assignee_unit_id = any($2::uuid[]) and rc.issued_at >= $3 and rc.issued_at < $5`,
      [p.tenantId, p.unitIds, start, localDateOf(asOf), end],
    )
  ).rows[0];

  const rates = {
    resolved: ratio(lt.resolved, lt.withinCompetence),
    underVerification: ratio(lt.underVerification, lt.withinCompetence),
    handled: ratio(lt.handled, lt.received),
    onTime: ratio(lt.resolvedOnTime, lt.resolvedOnTime + lt.resolvedLate),
  };
  const line = (key: string, labelVi: string, labelEn: string, value: number, r?: Ratio): Line => ({
    key,
    labelVi,
    labelEn,
    value,
    ratio: r,
    definitionVi: FIGURE_DEFINITIONS[key]?.vi ?? labelVi,
    definitionEn: FIGURE_DEFINITIONS[key]?.en ?? labelEn,
  });
  const lines: Line[] = [
    line('visits', 'Số lượt tiếp công dân', 'Visits', vis.visits),
    line('visitsRegular', '– Tiếp thường xuyên', '– regular', vis.regular),
    line('visitsLeaders', '– Tiếp định kỳ và đột xuất của lãnh đạo', '– periodic and ad hoc by leaders', vis.leaders),
    line('visitsOnline', '– Tiếp trực tuyến', '– online', vis.online),
    line('people', 'Số người được tiếp', 'People received', vis.people),
    line('cases', 'Số vụ việc', 'Cases', visitCases),
    line('massGroups', 'Số đoàn đông người', 'Mass groups', vis.mass_groups),
    line('refused', 'Số lượt từ chối tiếp', 'Refusals', vis.refused),
    line('leaderSessions', 'Số buổi tiếp của lãnh đạo', 'Leader sessions held', sess.held),
    line('lettersReceived', 'Tổng số đơn tiếp nhận', 'Letters received', lt.received),
    line('notWithinCompetence', '– Đơn không thuộc thẩm quyền', '– not within competence', lt.notWithinCompetence),
    line('transferred', '– Đơn đã chuyển cơ quan có thẩm quyền', '– transferred', lt.transferred),
    line('withinCompetence', '– Đơn thuộc thẩm quyền giải quyết', '– within competence', lt.withinCompetence),
    line('resolved', 'Đã giải quyết xong', 'Resolved', lt.resolved, rates.resolved),
    line('underVerification', 'Đang kiểm tra, xác minh', 'Under verification', lt.underVerification, rates.underVerification),
    line('handled', 'Đơn đã xử lý', 'Letters handled', lt.handled, rates.handled),
    line('onTime', 'Giải quyết đúng hạn', 'Resolved on time', lt.resolvedOnTime, rates.onTime),
    line('overdue', 'Vụ việc quá hạn chưa giải quyết', 'Overdue unresolved cases', overdue.reduce((s: number, o: any) => s + o.count, 0)),
  ];
  const report: LettersReport = {
    unit,
    from: p.from,
    to: p.to,
    asOf: asOf.toISOString(),
    conventions: {
      visitCounting: counting,
      visits:
        counting === 'headcount'
          ? 'Lượt tiếp tính theo số người (đoàn N người tính N lượt); quy ước cần xác nhận theo hướng dẫn của tỉnh'
          : 'Lượt tiếp tính mỗi lần tiếp là một lượt',
    },
    reception: {
      visits: vis.visits,
      regular: vis.regular,
      leaders: vis.leaders,
      online: vis.online,
      visitRecords: vis.visit_records,
      people: vis.people,
      cases: visitCases,
      massGroups: vis.mass_groups,
      refused: vis.refused,
    },
    letters: {
      received: lt.received,
      notWithinCompetence: lt.notWithinCompetence,
      transferred: lt.transferred,
      withinCompetence: lt.withinCompetence,
      resolved: lt.resolved,
      underVerification: lt.underVerification,
      handled: lt.handled,
      pending: lt.pending,
      manySignatories: lt.manySignatories,
      casesOpened,
      bySource,
      byContentType: byType,
      byOutcome,
    },
    rates,
    overdueByUnit: overdue,
    overdueLettersByUnit: overdueLetters,
    instructions: ins,
    sessions: { held: sess.held, supporting: sess.supporting, registrations: reg.registrations, registrationsReceived: reg.received },
    lines,
  };
  if (withPrevious) {
    const shift = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`.replace(/-02-29$/, '-02-28');
    const prevTo = shift(p.to);
    report.previous = await lettersReport(db, { ...p, from: shift(p.from), to: prevTo, asOf: fromLocal(addDays(prevTo, 1), 0) }, unit, false);
  }
  return report;
}

/** Drill-down: the records behind one figure. */
export async function drill(db: Queryable, p: ReportParams, figure: string, limit: number): Promise<{ kind: 'letters' | 'visits'; ids: string[]; rows: any[] } | null> {
  const [start, end] = window(p);
  const asOf = p.asOf.getTime() < end.getTime() ? p.asOf : end;
  if (LETTER_FIGURES[figure]) {
    const rows = (
      await db.query(
        `select l.*, u.name unit_name from letters l join units u on u.id = l.unit_id left join cases c on c.id = l.case_id
          where l.tenant_id = $1 and l.unit_id = any($2::uuid[]) and l.received_at >= $3 and l.received_at < $5 and l.status <> 'split'
            and $4::timestamptz is not null and ${LETTER_FIGURES[figure]} order by l.received_at, l.code limit $6`,
        [p.tenantId, p.unitIds, start, asOf, end, limit],
      )
    ).rows;
    return { kind: 'letters', ids: rows.map((r: any) => r.id), rows };
  }
  if (VISIT_FIGURES[figure]) {
    const rows = (
      await db.query(
        `select v.*, u.name unit_name from reception_visits v join units u on u.id = v.unit_id
          where v.tenant_id = $1 and v.unit_id = any($2::uuid[]) and v.received_at >= $3 and v.received_at < $4 and ${VISIT_FIGURES[figure]}
          order by v.received_at limit $5`,
        [p.tenantId, p.unitIds, start, end, limit],
      )
    ).rows;
    return { kind: 'visits', ids: rows.map((r: any) => r.id), rows };
  }
  return null;
}
