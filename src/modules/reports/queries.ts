/**
 * SQL of the dossier statistics.
 *
 * One aggregate statement reads, in a single (parallel) index-only scan of `dossiers_report_span`
 * (migration 0040), every dossier handled at some moment of the period, and counts them in two
 * levels:
 * 1. per (group, channel, end kind, class): FILTER counts of the period-dependent predicates of
 *    one-stop.md §9.2 (received in the period, ended before `to`, returned before `to`, and for
 *    the dossiers still open at `to`: overdue, waiting for the applicant). The class (early 0 /
 *    on time 1 / late 2) does not depend on the period: it is an index expression, stored in the
 *    index and never recomputed;
 * 2. per group: the counters of the standard table, as sums over those few hundred rows.
 * Grouping on columns and on indexed expressions (with statistics, migration 0040) keeps the
 * planner's group estimate small, hence a parallel partial aggregate; every FILTER costs a pass of
 * comparisons over each row, so there are as few as the rules allow.
 *
 * A second, small statement counts the refusals at intake from the event log.
 *
 * In progress is what did not end before `to`; resolved, withdrawn and stopped are the dossiers
 * that ended before `to` *with that end kind*. The invariant of §9.2 therefore fails when a dossier
 * has an end time without an end kind (a lifecycle bug), and the property test of
 * test/modules/reports checks every counter against a model of the rules.
 */
import type { Queryable } from '../../db/types.js';
import { emptyRaw, type Attribution, type GroupBy, type RawCounts, type ReportRule } from '../../core/reports/index.js';

export interface AggregateInput {
  tenantId: string;
  fromAt: Date;
  toAt: Date;
  /** min(to, now) decides "overdue"; `now` is passed in. */
  now: Date;
  /** Attributed units to keep; null = every unit of the tenant (no filter). */
  units: string[] | null;
  /** `unit` groups by the attributed unit itself; the caller rolls units up. */
  groupBy: GroupBy;
  rule: ReportRule;
  by: Attribution;
  /** Split of the non-late results (calendar.md §4.7): `day` from the index, `session` = the frozen class. */
  splitRule: 'day' | 'session';
}

export interface AggregateRow extends RawCounts {
  groupId: string | null;
}

/**
 * Class of a resolved dossier against its statistics due (original_due_at): 2 late iff
 * ended_at > due (every rule); 0 early iff it ended before the local day of the due, a due at
 * 00:00 being 24:00 of the previous day (core/calendar `classify`, rule `day`); 1 on time.
 * Must stay identical to the index expression of migration 0040 (a test compares them).
 */
export const CLASS_LEGAL_SQL =
  "(case when ended_at > original_due_at then 2 when ended_at < (date_trunc('day', (original_due_at at time zone 'Asia/Ho_Chi_Minh') - interval '1 microsecond') at time zone 'Asia/Ho_Chi_Minh') then 0 else 1 end)::smallint";

/**
 * QĐ 766 indicator 2.1 (indicators-766.md §4): the verdict frozen at the end of processing when
 * there is one; otherwise late when more than one supplement was requested or the end is after the
 * pause due (the due moved by the supplement waits). Early/on time by the same day rule.
 */
export const CLASS_766_SQL =
  "(case when coalesce(not index766_on_time, supplement_count > 1 or ended_at > coalesce(pause_due_at, original_due_at), false) then 2 when ended_at < (date_trunc('day', (coalesce(pause_due_at, original_due_at) at time zone 'Asia/Ho_Chi_Minh') - interval '1 microsecond') at time zone 'Asia/Ho_Chi_Minh') then 0 else 1 end)::smallint";

/** For migrated data under the `session` rule: the early/on-time split frozen in class_day. */
const CLASS_SESSION_SQL = "(case when ended_at > original_due_at then 2 when class_day = 'early' then 0 else 1 end)::smallint";

/** The attributed unit of a dossier row. */
export function attributionSql(by: Attribution, alias = 'd'): string {
  return by === 'competent' ? `coalesce(${alias}.competent_unit_id, ${alias}.receiving_unit_id)` : `${alias}.receiving_unit_id`;
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
}

function groupSql(q: Pick<AggregateInput, 'groupBy' | 'by'>): string {
  return q.groupBy === 'unit' ? attributionSql(q.by) : q.groupBy === 'field' ? 'd.field_id' : 'd.procedure_id';
}

/** The two statements of a report (exposed for EXPLAIN in the benchmark): the counts, and the refusals at intake. */
export function aggregateSql(q: AggregateInput): { counts: { sql: string; values: unknown[] }; refused: { sql: string; values: unknown[] } } {
  const attr = attributionSql(q.by);
  const group = groupSql(q);

  const p = new Params();
  const tenant = p.add(q.tenantId);
  const from = p.add(q.fromAt, '::timestamptz');
  const to = p.add(q.toAt, '::timestamptz');
  const horizon = `least(${to}, ${p.add(q.now, '::timestamptz')})`;
  const scope = q.units ? `and ${attr} = any(${p.add(q.units, '::uuid[]')})` : '';
  const cls = q.rule === 'index766' ? CLASS_766_SQL : q.splitRule === 'session' ? CLASS_SESSION_SQL : CLASS_LEGAL_SQL;
  const overdue = q.rule === 'index766' ? `(d.supplement_count > 1 or coalesce(d.pause_due_at, d.original_due_at) < ${horizon})` : `d.original_due_at < ${horizon}`;
  // Still open at `to` (not ended, or ended at/after it): the first key of the index, read from it.
  const open = `coalesce(d.ended_at, 'infinity'::timestamptz) >= ${to}`;
  // Paused for the applicant (supplement or payment) at the end of the period: a hashed subplan,
  // probed only for the dossiers still open (the conditions before it fail first for the others).
  const waiting = `d.id in (select pa.dossier_id from dossier_pauses pa
                     where pa.tenant_id = ${tenant} and coalesce(pa.to_at, 'infinity'::timestamptz) >= ${to}
                       and pa.from_at < ${to} and pa.reason in ('supplement', 'payment'))`;
  const resolved = `end_kind in ('resolved_approved', 'resolved_refused')`;
  const counts = `
    select group_id,
      sum(n) - sum(received) as carried_over,
      coalesce(sum(received) filter (where channel = 1), 0) as received_counter,
      coalesce(sum(received) filter (where channel = 2), 0) as received_online,
      coalesce(sum(received) filter (where channel = 3), 0) as received_postal,
      coalesce(sum(ended) filter (where end_kind = 'resolved_approved'), 0) as resolved_approved,
      coalesce(sum(ended) filter (where end_kind = 'resolved_refused'), 0) as resolved_refused,
      coalesce(sum(ended) filter (where ${resolved} and cls = 0), 0) as early,
      coalesce(sum(ended) filter (where ${resolved} and cls = 2), 0) as late,
      coalesce(sum(returned) filter (where ${resolved}), 0) as returned,
      coalesce(sum(ended) filter (where end_kind = 'withdrawn'), 0) as withdrawn,
      coalesce(sum(ended) filter (where end_kind = 'stopped'), 0) as stopped,
      sum(n) - sum(ended) as in_progress,
      sum(overdue) as overdue,
      sum(waiting) as waiting_supplement
    from (
      select ${group} as group_id, d.channel, d.end_kind, ${cls.replace(/\b(ended_at|original_due_at|pause_due_at|index766_on_time|supplement_count|class_day)\b/g, 'd.$1')} as cls,
        count(*) as n,
        count(*) filter (where d.received_at >= ${from}) as received,
        count(*) filter (where d.ended_at < ${to}) as ended,
        count(*) filter (where d.ended_at < ${to} and d.returned_at < ${to}) as returned,
        count(*) filter (where ${open} and ${overdue} and not (${waiting})) as overdue,
        count(*) filter (where ${open} and ${waiting}) as waiting
      from dossiers d
      where d.tenant_id = ${tenant} and d.origin_dossier_id is null and d.received_at is not null
        and d.received_at < ${to} and coalesce(d.ended_at, 'infinity'::timestamptz) >= ${from}
        ${scope}
      group by 1, 2, 3, 4
    ) g
    group by group_id`;

  const r = new Params();
  const rTenant = r.add(q.tenantId);
  const rFrom = r.add(q.fromAt, '::timestamptz');
  const rTo = r.add(q.toAt, '::timestamptz');
  const rScope = q.units ? `and ${attr} = any(${r.add(q.units, '::uuid[]')})` : '';
  const refused = `
    select ${group} as group_id, count(distinct d.id) as n
      from dossier_events ev join dossiers d on d.id = ev.dossier_id
     where ev.tenant_id = ${rTenant} and ev.action = 'refuse_intake' and ev.at >= ${rFrom} and ev.at < ${rTo}
       and d.tenant_id = ${rTenant} and d.status = 'refused_at_intake' and d.origin_dossier_id is null ${rScope}
     group by 1`;
  return { counts: { sql: counts, values: p.values }, refused: { sql: refused, values: r.values } };
}

export async function aggregateCounts(db: Queryable, q: AggregateInput): Promise<AggregateRow[]> {
  const { counts, refused } = aggregateSql(q);
  const [agg, ref] = await Promise.all([db.query(counts.sql, counts.values), db.query(refused.sql, refused.values)]);
  const byGroup = new Map<string | null, AggregateRow>();
  const rowOf = (g: string | null): AggregateRow => {
    let row = byGroup.get(g);
    if (!row) byGroup.set(g, (row = { groupId: g, ...emptyRaw() }));
    return row;
  };
  for (const x of agg.rows as any[]) {
    Object.assign(rowOf(x.group_id), {
      carriedOver: Number(x.carried_over),
      receivedCounter: Number(x.received_counter),
      receivedOnline: Number(x.received_online),
      receivedPostal: Number(x.received_postal),
      resolvedApproved: Number(x.resolved_approved),
      resolvedRefused: Number(x.resolved_refused),
      early: Number(x.early),
      late: Number(x.late),
      returned: Number(x.returned),
      inProgress: Number(x.in_progress),
      overdue: Number(x.overdue),
      waitingSupplement: Number(x.waiting_supplement),
      withdrawn: Number(x.withdrawn),
      stopped: Number(x.stopped),
    });
  }
  for (const x of ref.rows as any[]) rowOf(x.group_id).refusedAtIntake = Number(x.n);
  return [...byGroup.values()];
}

/**
 * The units of a subtree, each with the direct child of the root it rolls up to (the root maps to
 * itself), and whether the subtree is every unit of the tenant (then no unit filter is needed).
 */
export async function subtree(
  db: Queryable,
  tenantId: string,
  rootId: string,
): Promise<{ units: { id: string; groupId: string; code: string; name: string; kind: string; depth: number }[]; wholeTenant: boolean }> {
  const r = await db.query(
    `with recursive t as (
       select id, id as group_id, 0 as depth from units where tenant_id = $1 and id = $2
       union all
       select u.id, case when t.depth = 0 then u.id else t.group_id end, t.depth + 1
         from units u join t on u.parent_id = t.id where u.tenant_id = $1 and t.depth < 20
     )
     select t.id, t.group_id, t.depth, u.code, u.name, u.kind, (select count(*) from units where tenant_id = $1)::int as tenant_units
       from t join units u on u.id = t.id order by t.depth, u.code`,
    [tenantId, rootId],
  );
  const units = r.rows.map((x: any) => ({ id: x.id, groupId: x.group_id, code: x.code, name: x.name, kind: x.kind, depth: Number(x.depth) }));
  return { units, wholeTenant: r.rows.length > 0 && r.rows.length === Number(r.rows[0].tenant_units) };
}

/** Labels of fields or procedures by id. */
export async function groupLabels(db: Queryable, tenantId: string, groupBy: 'field' | 'procedure', ids: string[]): Promise<Map<string, { code: string; name: string }>> {
  if (!ids.length) return new Map();
  const sql =
    groupBy === 'field'
      ? 'select id, code, name from procedure_fields where tenant_id = $1 and id = any($2::uuid[])'
      : 'select id, national_code as code, name from procedures where tenant_id = $1 and id = any($2::uuid[])';
  const r = await db.query(sql, [tenantId, ids]);
  return new Map(r.rows.map((x: any) => [x.id, { code: x.code, name: x.name }]));
}
