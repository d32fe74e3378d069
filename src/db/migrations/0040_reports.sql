-- Dossier statistics (one-stop.md §9): indexes and planner statistics only; no column of
-- `dossiers` is added or changed.
--
-- The standard table counts, for a period P = [from, to), every dossier handled at some moment of
-- P: received_at < to AND (ended_at IS NULL OR ended_at >= from). That set is one range of the
-- expression coalesce(ended_at, 'infinity') >= from, with received_at < to checked inside the same
-- index. Everything the aggregate reads is in the index, so a report is a single (parallel)
-- index-only scan, whatever the width of the dossier rows.
--
-- The two last key columns are the class of a resolved dossier, which does not depend on the
-- period: 0 early, 1 on time, 2 late, against the statistics due (original_due_at) and under
-- QĐ 766 indicator 2.1 (pause due, frozen verdict, more than one supplement request = late). They
-- are stored here so that no time-zone conversion is done per row at query time; "early" is the
-- `day` rule of core/calendar classify (a due at 00:00 belongs to the previous day, hence the
-- microsecond). The expressions must stay identical to CLASS_LEGAL_SQL and CLASS_766_SQL in
-- src/modules/reports/queries.ts (test/modules/reports checks it).
--
-- Partial: inter-agency children (origin_dossier_id) are never counted (one-stop.md §9.4), and
-- dossiers never legally received (drafts, refused at intake) have no received_at.
create index dossiers_report_span on dossiers (
    tenant_id,
    (coalesce(ended_at, 'infinity'::timestamptz)),
    received_at,
    ((case when ended_at > original_due_at then 2 when ended_at < (date_trunc('day', (original_due_at at time zone 'Asia/Ho_Chi_Minh') - interval '1 microsecond') at time zone 'Asia/Ho_Chi_Minh') then 0 else 1 end)::smallint),
    ((case when coalesce(not index766_on_time, supplement_count > 1 or ended_at > coalesce(pause_due_at, original_due_at), false) then 2 when ended_at < (date_trunc('day', (coalesce(pause_due_at, original_due_at) at time zone 'Asia/Ho_Chi_Minh') - interval '1 microsecond') at time zone 'Asia/Ho_Chi_Minh') then 0 else 1 end)::smallint)
  )
  include (id, receiving_unit_id, competent_unit_id, field_id, procedure_id, channel, end_kind, ended_at, returned_at,
           original_due_at, pause_due_at, index766_on_time, supplement_count)
  where origin_dossier_id is null and received_at is not null;

-- The aggregate groups by (row, channel, end kind, class). Statistics on the class expressions and
-- on the competent attribution let the planner see that these are a few values, not one per row:
-- it then aggregates in parallel workers instead of sorting every row.
create statistics dossiers_report_class_legal on
  ((case when ended_at > original_due_at then 2 when ended_at < (date_trunc('day', (original_due_at at time zone 'Asia/Ho_Chi_Minh') - interval '1 microsecond') at time zone 'Asia/Ho_Chi_Minh') then 0 else 1 end)::smallint)
  from dossiers;
create statistics dossiers_report_class_766 on
  ((case when coalesce(not index766_on_time, supplement_count > 1 or ended_at > coalesce(pause_due_at, original_due_at), false) then 2 when ended_at < (date_trunc('day', (coalesce(pause_due_at, original_due_at) at time zone 'Asia/Ho_Chi_Minh') - interval '1 microsecond') at time zone 'Asia/Ho_Chi_Minh') then 0 else 1 end)::smallint)
  from dossiers;
create statistics dossiers_report_competent_unit on (coalesce(competent_unit_id, receiving_unit_id)) from dossiers;

-- Attribution by competent unit (`by=competent`, falling back to the receiving unit): the register
-- of a competent unit lists its dossiers by receipt time.
create index dossiers_report_competent on dossiers (tenant_id, (coalesce(competent_unit_id, receiving_unit_id)), received_at)
  where origin_dossier_id is null and received_at is not null;

-- "Waiting for the applicant at `to`": pauses still open at an instant are one range of
-- coalesce(to_at, 'infinity') >= to.
create index dossier_pauses_report on dossier_pauses (tenant_id, (coalesce(to_at, 'infinity'::timestamptz)))
  include (from_at, reason, dossier_id);

-- Refusals at intake are dated by their `refuse_intake` event; the dossiers they join to (a final
-- state) are found in this small index instead of the table.
create index dossiers_report_refused on dossiers (id)
  include (tenant_id, receiving_unit_id, competent_unit_id, field_id, procedure_id)
  where status = 'refused_at_intake' and origin_dossier_id is null;
