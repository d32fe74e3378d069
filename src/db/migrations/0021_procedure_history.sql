-- Procedure catalogue, part 2: cases and history.
--  * A variant row is one version of one case (trường hợp) of a procedure: `case_code` names the
--    case ('default', 'can_xac_minh', …) so that a new version of a case closes exactly the previous
--    version of that same case. `position` orders the cases on the published sheet.
--  * Variant rows are immutable once written: only `effective_to` (closing) and `position`
--    (presentation order) may change, and `effective_to` only to close the row (set it, or move a
--    future closing date earlier), never to reopen or extend it.
--  * `procedure_events` is the append-only trail of every catalogue change (who, how, what).

alter table procedure_variants add column case_code text not null default 'default'
  check (case_code ~ '^[a-z0-9][a-z0-9_]{0,39}$');
alter table procedure_variants add column position int not null default 0;
alter table procedure_variants add column created_by uuid;
alter table procedure_variants add constraint procedure_variants_period check (effective_to is null or effective_to >= effective_from);
create index procedure_variants_case on procedure_variants(tenant_id, procedure_id, case_code, effective_from);

create or replace function procedure_variants_immutable() returns trigger language plpgsql as $$
begin
  if (new.id, new.tenant_id, new.procedure_id, new.case_code, new.name, new.processing_amount, new.processing_unit,
      new.online_processing_amount, new.sets_count, new.components, new.fees, new.process, new.legal_basis,
      new.effective_from, new.created_at, new.created_by)
     is distinct from
     (old.id, old.tenant_id, old.procedure_id, old.case_code, old.name, old.processing_amount, old.processing_unit,
      old.online_processing_amount, old.sets_count, old.components, old.fees, old.process, old.legal_basis,
      old.effective_from, old.created_at, old.created_by) then
    raise exception 'procedure_variants rows are immutable: insert a new version instead';
  end if;
  if old.effective_to is not null and (new.effective_to is null or new.effective_to > old.effective_to) then
    raise exception 'a closed procedure variant cannot be reopened or extended';
  end if;
  return new;
end $$;
create trigger procedure_variants_immutable before update on procedure_variants
  for each row execute function procedure_variants_immutable();

create table procedure_events (
  id bigserial primary key,
  tenant_id text not null,
  procedure_id uuid not null references procedures(id),
  variant_id uuid references procedure_variants(id),
  at timestamptz not null default now(),
  actor_id uuid,
  via text not null check (via in ('api', 'import', 'seed', 'cli')),
  action text not null check (action in ('created', 'updated', 'variant_added', 'variant_closed')),
  reason text,
  data jsonb not null default '{}'
);
create index procedure_events_procedure on procedure_events(tenant_id, procedure_id, id);
create trigger procedure_events_append_only before update or delete on procedure_events
  for each row execute function forbid_change();

create index procedures_status on procedures(tenant_id, status);
