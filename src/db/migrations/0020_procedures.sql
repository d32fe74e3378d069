-- Procedure catalogue (thủ tục hành chính). Descriptive data lives on `procedures`; everything that
-- binds a dossier (time limit, components, fees, process) lives on immutable, effective-dated
-- `procedure_variants` rows: a change closes the old row and inserts a new one, and a dossier keeps
-- the variant in force at its legal receipt time.

create table procedure_fields (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  code text not null,                      -- e.g. 'HT' or 'G03-GD10'
  name text not null,                      -- e.g. 'Hộ tịch'
  unique (tenant_id, code)
);

create table procedures (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  national_code text not null,             -- '1.001193' (opaque)
  portal_code text,                        -- '1.001193.000.00.00.H55'
  local_code text,
  name text not null,
  field_id uuid not null references procedure_fields(id),
  level text not null check (level in ('province', 'commune', 'ministry', 'vertical')),
  applicant_types text[] not null default '{citizen}',   -- citizen, organisation, business, foreigner, overseas
  online_level text not null default 'none' check (online_level in ('full', 'partial', 'none')),
  online_reason text,                      -- required for 'partial' (NĐ 224/2026 Art. 14)
  postal text not null default 'both' check (postal in ('none', 'send', 'receive', 'both')),
  cutoff_time text default '15:00' check (cutoff_time is null or cutoff_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  immediate_result boolean not null default false,
  result_documents text,                   -- names of the result documents
  paper_result boolean not null default true,
  steps_text text,                         -- trình tự thực hiện (published text)
  method_text text,                        -- cách thức thực hiện
  requirements_text text,                  -- yêu cầu, điều kiện
  legal_basis text not null,               -- căn cứ pháp lý
  publication_decision text,               -- quyết định công bố (number/date)
  status text not null default 'published' check (status in ('published', 'pending_removal', 'testing', 'withdrawn')),
  effective_from date not null,
  effective_to date,
  search_text text not null default '',    -- vn_fold(name || codes || field), maintained by the service
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, national_code)
);
create index procedures_search_trgm on procedures using gin (search_text gin_trgm_ops);
create index procedures_field on procedures(tenant_id, field_id);

-- Which units receive, decide or cooperate on a procedure.
create table procedure_units (
  tenant_id text not null,
  procedure_id uuid not null references procedures(id) on delete cascade,
  unit_id uuid not null references units(id),
  role text not null check (role in ('receiving', 'competent', 'cooperating')),
  primary key (tenant_id, procedure_id, unit_id, role)
);
create index procedure_units_unit on procedure_units(tenant_id, unit_id);

-- A case (trường hợp) of a procedure, versioned; rows are never edited once a dossier uses them.
--   components: [{code, name, originals, certifiedCopies, copies, required, template, fromPopulationDb}]
--   fees:       [{code, name, amount, kind: 'phi'|'le_phi', note}]
--   process:    {steps: [{code, name, role, unit: 'receiving'|'competent'|'<unit code>', budgetHours,
--                         phase, clock: 'runs'|'paused', parallelGroup?}],
--                transitions: [{action, from, to, reasonRequired?}]}
create table procedure_variants (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  procedure_id uuid not null references procedures(id) on delete cascade,
  name text not null default 'Trường hợp thông thường',
  processing_amount numeric not null check (processing_amount >= 0),
  processing_unit text not null check (processing_unit in ('working_days', 'working_hours', 'days', 'same_day', 'months')),
  online_processing_amount numeric,       -- may be shorter online
  sets_count int not null default 1,       -- số lượng hồ sơ (bộ)
  components jsonb not null default '[]',
  fees jsonb not null default '[]',
  process jsonb not null,
  legal_basis text not null,
  effective_from date not null,
  effective_to date,
  created_at timestamptz not null default now()
);
create index procedure_variants_proc on procedure_variants(tenant_id, procedure_id, effective_from);
