-- One-stop dossiers (one-stop.md §4–§10, calendar.md §4). A dossier is a current-state row
-- (`dossiers`, versioned) plus an immutable event log (`dossier_events`); every action appends one
-- event and updates the row in the same transaction. Everything the statistics of one-stop.md §9.2
-- need is a plain, indexed column of `dossiers`:
--   carried_over / received / in_progress : received_at, ended_at (+ channel 1/2/3)
--   resolved / early / on_time / late     : ended_at, end_kind, class_day
--   refused / withdrawn / stopped         : end_kind
--   returned / not_returned               : returned_at
--   waiting_supplement                    : dossier_pauses (from_at, to_at) or status
--   overdue / not_yet_due                 : due_at (legal, citizen-facing), original_due_at (statistics)
--   QĐ 766 indicator 2.1                  : index766_on_time, supplement_count, paused_elapsed_seconds
-- Inter-agency children (origin_dossier_id is not null) are never counted as received.

-- Uploaded files: content-addressed on disk (config.filesDir/<sha256[0:2]>/<sha256>), one row per upload.
create table files (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint not null check (size_bytes >= 0),
  mime text not null,                       -- sniffed from the content, never taken from the client
  ext text not null,
  original_name text not null,
  storage_path text not null,               -- relative to config.filesDir
  uploaded_by uuid references users(id),
  uploaded_at timestamptz not null default now(),
  dossier_id uuid,                          -- owner (access follows the dossier)
  component_code text
);
create index files_sha on files(sha256);
create index files_dossier on files(tenant_id, dossier_id);

create table dossiers (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null references tenants(id),
  -- Code `<receiving unit identifier>-YYMMDD-XXXX` (one-stop.md §6); null only for drafts.
  code text,
  code_day date,                            -- the date part (Asia/Ho_Chi_Minh)
  code_seq int,                             -- the per-unit daily sequence
  register_year int,                        -- Sổ theo dõi hồ sơ: Quyển số (year) …
  register_no int,                          -- … Số thứ tự (continuous through the year)
  public_lookup_secret text not null,       -- the code alone never opens the dossier
  -- Procedure, bound at legal receipt (the variant in force then).
  procedure_id uuid not null references procedures(id),
  variant_id uuid not null references procedure_variants(id),
  field_id uuid references procedure_fields(id),
  procedure_name text not null,             -- as published when received (Form 01 prints it)
  -- Units: the receiving unit issues the code and Form 01; the competent unit decides.
  receiving_unit_id uuid not null references units(id),
  competent_unit_id uuid references units(id),
  channel smallint not null check (channel in (1, 2, 3)),          -- KenhThucHien: 1 counter, 2 online, 3 postal
  return_channel text not null default 'counter' check (return_channel in ('counter', 'post', 'online')),
  status text not null check (status in ('draft', 'awaiting_postal_pickup', 'submitted', 'intake_supplement',
    'refused_at_intake', 'received', 'in_process', 'consulting', 'interagency', 'supplement_requested',
    'payment_requested', 'resolved', 'returning_by_post', 'returned', 'withdrawal_requested', 'withdrawn',
    'stopped', 'archived')),
  sub_status text,                          -- in_process: assigned / appraising / verifying / approving
  status_before text,                       -- the open state a pause / consultation / withdrawal request returns to
  -- Applicant (LoaiDoiTuong 1 citizen, 2 organisation).
  applicant_kind smallint not null default 1 check (applicant_kind in (1, 2)),
  applicant_name text not null,
  applicant_citizen_id text,
  applicant_tax_code text,
  applicant_address text,
  applicant_phone text,
  applicant_email text,
  applicant_user_id uuid references users(id),   -- online: the submitting account
  representative_name text,                 -- người được ủy quyền, if any
  summary text,                             -- TrichYeuHoSo / Nội dung yêu cầu giải quyết
  sets_count int not null default 1,
  -- Stored inputs of the legal clock (calendar.md §4.1); due times are derived from them.
  duration_amount numeric not null,
  duration_unit text not null check (duration_unit in ('working_days', 'working_hours', 'days', 'same_day', 'months')),
  cutoff_time text,
  calendar_unit_id uuid references units(id),     -- whose calendar counts (the receiving unit)
  submitted_at timestamptz,                 -- NgayNopHoSo (online/postal submission; postal = hand-over signature)
  received_at timestamptz,                  -- legal receipt time (NgayTiepNhan)
  clock_start timestamptz,                  -- normalised start of the (latest) legal clock
  clock_restart_at timestamptz,             -- completion of the last supplement (legal restart), if any
  due_at timestamptz,                       -- legal due shown to citizens (NgayHenTra; restart rule)
  original_due_at timestamptz,              -- due fixed at receipt; never overwritten (statistics)
  rescheduled_due_at timestamptz,           -- Form 04 new appointment
  reschedule_count int not null default 0,
  pause_due_at timestamptz,                 -- the "pause" treatment (due moved by paused working time)
  due_provisional boolean not null default false,   -- depends on proposed (unconfirmed) special days
  supplement_count int not null default 0,  -- appraisal-stage supplement requests
  supplement_flagged boolean not null default false, -- a request after the 3-working-day window, or a second one
  intake_supplement_count int not null default 0,
  paused_elapsed_seconds bigint not null default 0,  -- Σ (completed − requested), for QĐ 766 (elapsed)
  paused_working_minutes int not null default 0,     -- the same in working minutes
  transferred_at timestamptz,               -- hand-over from the one-stop office to the competent unit
  transfer_late boolean not null default false,
  acceptance_late boolean not null default false,    -- online: accepted > N working days after submission
  resolved_at timestamptz,                  -- result (or refusal) reached the one-stop office
  ended_at timestamptz,                     -- end of processing (§9.2; resolved / withdrawn / stopped)
  end_kind text check (end_kind in ('resolved_approved', 'resolved_refused', 'withdrawn', 'stopped')),
  outcome text check (outcome in ('approved', 'refused')),
  class_day text check (class_day in ('early', 'on_time', 'late')),  -- frozen when processing ends
  class_rule text,                          -- the classification rule id used ('day' / 'session')
  class_calendar_version bigint,
  index766_on_time boolean,                 -- QĐ 766 2.1 verdict, frozen at end
  late_units uuid[] not null default '{}',  -- units whose steps overran (blame)
  returned_at timestamptz,
  archived_at timestamptz,
  -- Inter-agency: a child dossier is the same request; never counted as received, never synced.
  origin_dossier_id uuid references dossiers(id),
  -- Where the dossier is now.
  current_step text,
  current_step_id uuid,
  holder_unit_id uuid references units(id),
  holders uuid[] not null default '{}',     -- users currently holding it
  handler_id uuid references users(id),     -- assigned specialist (chuyên viên thụ lý)
  -- Postal (QĐ 45/2016): submission and return.
  postal_operator text,
  postal_slip_no text,
  postal_handover_no text,
  postal_handover_signed_at timestamptz,
  postal_sender_address text,
  return_address text,
  return_phone text,
  return_postal_slip_no text,
  delivered_at timestamptz,
  -- Fees and indicator inputs (one-stop.md §11).
  fees jsonb not null default '[]',
  online_payment smallint not null default 0 check (online_payment in (0, 1, 2)),
  vneid_verified boolean not null default false,
  has_digitised_component boolean not null default false,
  result_code text,
  result_file_id uuid references files(id),
  search_text text not null default '',     -- vn_fold(code, applicant, procedure), maintained by the service
  version int not null default 1,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index dossiers_code on dossiers(tenant_id, code) where code is not null;
create index dossiers_received on dossiers(tenant_id, receiving_unit_id, received_at);
create index dossiers_received_at on dossiers(tenant_id, received_at);
create index dossiers_ended on dossiers(tenant_id, ended_at);
create index dossiers_status on dossiers(tenant_id, status);
create index dossiers_competent on dossiers(tenant_id, competent_unit_id, status);
create index dossiers_holder on dossiers(tenant_id, holder_unit_id, status);
create index dossiers_procedure on dossiers(tenant_id, procedure_id);
create index dossiers_field on dossiers(tenant_id, field_id);
create index dossiers_open_due on dossiers(tenant_id, due_at) where ended_at is null;
create index dossiers_applicant_user on dossiers(tenant_id, applicant_user_id);
create index dossiers_applicant_cid on dossiers(tenant_id, applicant_citizen_id);
create index dossiers_origin on dossiers(origin_dossier_id) where origin_dossier_id is not null;
create index dossiers_search_trgm on dossiers using gin (search_text gin_trgm_ops);

alter table files add constraint files_dossier_fk foreign key (dossier_id) references dossiers(id);

-- The immutable log: one row per action, in order (seq per dossier).
create table dossier_events (
  id bigserial primary key,
  tenant_id text not null,
  dossier_id uuid not null references dossiers(id),
  seq int not null,
  action text not null,                     -- the transition (accept, assign, request_supplement, …) or due_recomputed
  at timestamptz not null,                  -- when it legally happened
  recorded_at timestamptz not null default now(),
  actor_id uuid references users(id),
  actor_name text,
  actor_unit_id uuid references units(id),
  from_state text,
  to_state text,
  step_code text,
  reason text,
  legal_basis text,
  form_key text,                            -- receipt / supplement_request / intake_refusal / apology_extension / stop_notice / control_slip
  form_set text,
  form_number text,
  due_before timestamptz,
  due_after timestamptz,
  rule_version text,                        -- the process / variant the action followed
  public boolean not null default true,     -- shown on the public tracking timeline
  data jsonb not null default '{}',
  unique (dossier_id, seq)
);
create index dossier_events_tenant_at on dossier_events(tenant_id, at);
create index dossier_events_action on dossier_events(tenant_id, action, at);
create trigger dossier_events_append_only before update or delete on dossier_events
  for each row execute function forbid_change();

-- Per-step / per-agency hand-overs (the control slip), consultations and inter-agency tasks.
create table dossier_steps (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  dossier_id uuid not null references dossiers(id),
  seq int not null,
  kind text not null default 'process' check (kind in ('intake', 'process', 'interagency', 'consultation', 'return')),
  step_code text not null,
  name text not null,
  role text,
  phase text,
  parallel_group text,
  unit_id uuid references units(id),
  assignee_id uuid references users(id),
  task text,
  lead boolean not null default false,      -- inter-agency: the lead agency
  status text not null default 'active' check (status in ('pending', 'active', 'done', 'cancelled')),
  received_at timestamptz,                  -- hand-over to this unit
  clock_start timestamptz,
  budget_minutes int,                       -- working minutes
  due_at timestamptz,                       -- step_received_at + budget (working time)
  ended_at timestamptz,                     -- handed on
  classification text check (classification in ('early', 'on_time', 'late')),
  overrun_minutes int,                      -- working minutes past the step due (blame)
  handed_by uuid references users(id),
  received_by uuid references users(id),
  note text,
  child_dossier_id uuid references dossiers(id),
  created_at timestamptz not null default now(),
  unique (dossier_id, seq)
);
create index dossier_steps_unit on dossier_steps(tenant_id, unit_id, ended_at);
create index dossier_steps_open on dossier_steps(tenant_id, unit_id) where status = 'active';

-- Pauses of the legal clock (supplement during appraisal, payment, other legal ground).
create table dossier_pauses (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  dossier_id uuid not null references dossiers(id),
  nth int not null,                         -- 1st, 2nd … request of this reason
  reason text not null check (reason in ('supplement', 'payment', 'other_legal')),
  from_at timestamptz not null,
  to_at timestamptz,                        -- null while open
  note text,                                -- the reason given to the applicant
  legal_basis text,
  items jsonb not null default '[]',        -- requested published components
  requested_by uuid references users(id),
  requested_unit_id uuid references units(id),
  completed_by uuid references users(id),
  late_request boolean not null default false,   -- after the supplement window
  justification text,                       -- required when late
  due_before timestamptz,
  due_after timestamptz
);
create index dossier_pauses_dossier on dossier_pauses(dossier_id, from_at);
create index dossier_pauses_open on dossier_pauses(tenant_id, from_at) where to_at is null;

-- The component checklist (published components of the variant) with counts and files.
create table dossier_components (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  dossier_id uuid not null references dossiers(id),
  position int not null,
  code text not null,
  name text not null,
  required boolean not null default true,
  originals int not null default 0 check (originals >= 0),
  certified_copies int not null default 0 check (certified_copies >= 0),
  copies int not null default 0 check (copies >= 0),
  provided boolean not null default false,
  digitised boolean not null default false,
  from_data_store boolean not null default false,
  file_ids uuid[] not null default '{}',
  note text,
  unique (dossier_id, code)
);

-- Gap-free per-unit daily code sequence: incremented in the transaction that inserts the dossier.
create table dossier_code_counters (
  tenant_id text not null,
  unit_id uuid not null references units(id),
  day date not null,
  last_value int not null,
  primary key (tenant_id, unit_id, day)
);

-- Register (Sổ theo dõi hồ sơ) numbering, continuous through the year per receiving unit.
create table dossier_register_counters (
  tenant_id text not null,
  unit_id uuid not null references units(id),
  year int not null,
  last_value int not null,
  primary key (tenant_id, unit_id, year)
);

-- One citizen rating per dossier, opened at return.
create table dossier_ratings (
  tenant_id text not null,
  dossier_id uuid primary key references dossiers(id),
  rating text not null check (rating in ('very_satisfied', 'satisfied', 'dissatisfied')),
  channel text not null default 'online' check (channel in ('online', 'counter_device', 'paper')),
  comment text,
  rated_by uuid references users(id),
  officer_id uuid references users(id),     -- the officer who returned the result
  unit_id uuid references units(id),
  at timestamptz not null default now()
);
create index dossier_ratings_unit on dossier_ratings(tenant_id, unit_id, at);

-- Forms as data (one-stop.md §7): numbering and titles per form set, by issue date.
-- tenant_id '*' = national rows; a tenant may add its own rows, which win.
create table dossier_form_templates (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null default '*',
  form_set text not null,                   -- TT01_2018 / TT03_2025
  key text not null,
  number text,                              -- '01' … ; null when the set has no such form
  title text not null,
  paper_size text not null default 'A5',
  effective_from date not null,
  effective_to date,
  legal_basis text not null,
  evidence text not null default 'verified' check (evidence in ('verified', 'to_verify')),
  labels jsonb not null default '{}',
  unique (tenant_id, form_set, key)
);

-- Status (+ sub-status) → DVCQG TrangThaiHoSo and labels; editable; sub-status rows match first.
create table dossier_status_codes (
  tenant_id text not null default '*',
  status text not null,
  sub_status text not null default '',
  dvc_code int,
  label_vi text not null,
  label_en text not null,
  public_label_vi text not null,
  primary key (tenant_id, status, sub_status)
);
