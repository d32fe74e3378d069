-- Letters (đơn, TT 05/2021) and cases (vụ việc: complaints, denunciations, petitions), the
-- encrypted store of protected identities and the inspection-information tasks of anonymous
-- denunciations (reception-and-letters.md §4–§7). Current-state rows are versioned; every change
-- appends a row to letter_events in the same transaction.

-- Denouncers' identities (and anything that identifies them) live only here, encrypted with
-- AES-256-GCM under a key derived from MOTCUA_PROTECTED_DATA_KEY. Each value is bound to its row
-- and field (associated data), so a ciphertext cannot be moved to another row. `person_key` is a
-- keyed blind index (HMAC) used for duplicate detection without decrypting.
create table protected_identities (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  kind text not null default 'denouncer' check (kind in ('denouncer')),
  key_version int not null default 1,
  name_enc text,
  id_no_enc text,
  address_enc text,
  phone_enc text,
  email_enc text,
  original_text_enc text,
  signature_ref_enc text,
  person_key text,
  created_at timestamptz not null default now()
);
create index protected_identities_person on protected_identities(tenant_id, person_key);

create table cases (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  code text not null,
  type text not null check (type in ('complaint', 'denunciation', 'petition')),
  instance smallint not null default 1 check (instance in (1, 2)),
  parent_case_id uuid references cases(id),
  letter_id uuid,                            -- the letter it was opened from
  unit_id uuid not null references units(id),   -- resolving unit
  rule_set_id uuid not null references letter_rule_sets(id),
  status text not null,
  status_before text,
  summary text not null,
  field text,
  respondent_name text,
  protected boolean not null default false,  -- denouncer identity protected
  barred_user_ids uuid[] not null default '{}',  -- denounced persons who are users: no access
  -- The legal clock: stored inputs and results.
  received_at timestamptz not null,          -- receipt of the letter
  accepted_at timestamptz,
  acceptance_doc_no text,
  remote_area boolean not null default false,
  remote_area_basis text,
  complex boolean not null default false,
  complex_criteria text[] not null default '{}',
  complex_doc_no text,
  complex_decided_by uuid references users(id),
  complex_decided_at timestamptz,
  especially_complex boolean not null default false,
  period_amount int,                         -- the full period (days) in force
  period_unit text,
  clock_start_at timestamptz,                -- acceptance, or the latest resumption (restart)
  original_due_at timestamptz,               -- due fixed at acceptance; never overwritten
  due_at timestamptz,                        -- current legal due
  due_provisional boolean not null default false,
  extensions int not null default 0,
  -- Results.
  verification_started_at timestamptz,
  dialogue_at timestamptz,
  decided_at timestamptz,
  decision_no text,
  decision_result text check (decision_result in ('upheld', 'partly_upheld', 'rejected')),
  concluded_at timestamptz,
  conclusion_no text,
  conclusion_result text check (conclusion_result in ('true', 'partly_true', 'false')),
  answered_at timestamptz,
  answer_doc_no text,
  second_request_due_at timestamptz,
  final_at timestamptz,
  court_filed_at timestamptz,
  withdrawn_at timestamptz,
  withdrawal_doc text,
  withdrawal_coerced boolean,
  terminated_at timestamptz,
  termination_ground text,
  enforcement_status text not null default 'none' check (enforcement_status in ('none', 'in_progress', 'done')),
  enforcement_note text,
  resolved_at timestamptz,                   -- first resolution (decision, conclusion, answer, withdrawal, termination)
  end_kind text,
  ended_late boolean,
  closed_at timestamptz,
  forwarded_by text,                         -- forwarder to be informed of the result
  search_text text not null default '',
  created_at timestamptz not null default now(),
  last_event_at timestamptz,
  version int not null default 1,
  unique (tenant_id, code)
);
create index cases_unit on cases(tenant_id, unit_id, status);
create index cases_open_due on cases(tenant_id, due_at) where resolved_at is null;
create index cases_letter on cases(letter_id);
create index cases_search on cases using gin (search_text gin_trgm_ops);

-- Who works on a case: the resolver, verifiers, assigned inspectors and named supervisors. Only
-- these read the protected identity.
create table case_assignments (
  id bigserial primary key,
  tenant_id text not null,
  case_id uuid not null references cases(id),
  user_id uuid not null references users(id),
  role text not null check (role in ('resolver', 'verifier', 'inspector', 'supervisor')),
  assigned_at timestamptz not null,
  assigned_by uuid references users(id),
  ended_at timestamptz
);
create unique index case_assignments_active on case_assignments(case_id, user_id, role) where ended_at is null;
create index case_assignments_user on case_assignments(tenant_id, user_id) where ended_at is null;

-- Complaint suspension / resumption pairs: the period restarts at resumption.
create table case_suspensions (
  id bigserial primary key,
  tenant_id text not null,
  case_id uuid not null references cases(id),
  suspended_at timestamptz not null,
  ground text not null,
  decision_no text not null,                 -- Mẫu 14a
  notice_due_at timestamptz not null,        -- sent within 3 working days
  due_before timestamptz not null,
  resumed_at timestamptz,
  resume_decision_no text,                   -- Mẫu 14b
  due_after timestamptz
);
create index case_suspensions_case on case_suspensions(case_id, suspended_at);

-- Denunciation extensions (≤ 1, or ≤ 2 if especially complex; each ≤ 30 days).
create table case_extensions (
  id bigserial primary key,
  tenant_id text not null,
  case_id uuid not null references cases(id),
  seq int not null,
  days int not null check (days >= 1),
  decision_no text not null,
  reason text not null,
  at timestamptz not null,
  due_before timestamptz not null,
  due_after timestamptz not null,
  unique (case_id, seq)
);

create table letters (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  code text not null,
  unit_id uuid not null references units(id),   -- the unit that received and handles it
  rule_set_id uuid not null references letter_rule_sets(id),
  source text not null check (source in ('reception', 'post', 'direct_drop', 'online', 'forwarded')),
  visit_id uuid references reception_visits(id),
  parent_letter_id uuid references letters(id),   -- split parts of a mixed letter
  forwarder_kind text,
  forwarder_name text,
  forwarder_doc_no text,
  received_at timestamptz not null,
  received_by uuid references users(id),
  submitted_by_user_id uuid references users(id),  -- a citizen who submitted online
  letter_date date,
  -- Sender. Null here when protected (denunciations) or anonymous.
  protected boolean not null default false,
  identity_id uuid references protected_identities(id),
  anonymous boolean not null default false,
  sender_name text,
  sender_id_no text,
  sender_address text,
  sender_commune_unit_id uuid references units(id),
  sender_phone text,
  sender_email text,
  signatory_count int not null default 1 check (signatory_count >= 0 and signatory_count <= 100000),
  signatories jsonb not null default '[]',
  respondent_name text,
  respondent_unit text,
  respondent_user_id uuid references users(id),
  barred_user_ids uuid[] not null default '{}',
  -- Content.
  content_type text not null check (content_type in ('complaint', 'denunciation', 'petition', 'feedback', 'mixed')),
  summary text not null,
  content text,
  field text,
  addressees jsonb not null default '[]',     -- bodies the letter was sent to
  -- Classification (TT 05/2021 Art. 6).
  classified_at timestamptz,
  form_checks jsonb not null default '{}',
  eligibility text check (eligibility in ('eligible', 'not_eligible')),
  ineligible_reasons text[] not null default '{}',
  competence text check (competence in ('own', 'not_own')),
  competent_body text,
  competent_unit_id uuid references units(id),
  many_signatories boolean not null default false,
  has_originals boolean not null default false,
  originals jsonb not null default '[]',
  originals_returned_at timestamptz,
  competent_system text check (competent_system in ('administration', 'elected', 'judicial', 'party', 'public_service', 'state_enterprise')),
  sent_to_many_incl_competent boolean not null default false,
  multi_site boolean not null default false,
  decision_known_at date,                     -- complaints: when the decision or act became known
  excluded_days int not null default 0,       -- limitation: days lost to objective obstacles
  excluded_reason text,
  -- State and clock.
  status text not null,
  due_at timestamptz,                         -- outcome due (10 WD; denunciations 7/10 WD)
  due_provisional boolean not null default false,
  transfer_due_at timestamptz,                -- denunciations: transfer within 5 WD
  outcome text check (outcome in ('accept', 'transfer', 'guide', 'return_originals', 'archive', 'link', 'split')),
  outcome_at timestamptz,
  outcome_by uuid references users(id),
  outcome_late boolean,
  archive_reason text,
  transferred_to text,
  transferred_unit_id uuid references units(id),
  transfer_doc_no text,
  transfer_reply_due_at timestamptz,
  reminders_count int not null default 0,
  reply_received_at timestamptz,
  reply_summary text,
  guided_to text,
  guidance_doc_no text,
  proposal_doc_no text,
  case_id uuid references cases(id),
  linked boolean not null default false,      -- linked to an existing case (counts as a letter, not a new case)
  -- Duplicate detection.
  person_key text,
  respondent_key text,
  duplicate_key text,
  preventive_escalation boolean not null default false,
  escalated_at timestamptz,
  sensitive boolean not null default false,
  national_sync_status text not null default 'pending' check (national_sync_status in ('pending', 'synced', 'failed', 'not_required')),
  national_id text,
  retention_class text not null default 'letters',
  closed_at timestamptz,
  search_text text not null default '',
  created_at timestamptz not null default now(),
  last_event_at timestamptz,
  version int not null default 1,
  unique (tenant_id, code)
);
create index letters_unit on letters(tenant_id, unit_id, received_at);
create index letters_received on letters(tenant_id, received_at);
create index letters_status on letters(tenant_id, status);
create index letters_person on letters(tenant_id, person_key);
create index letters_dupkey on letters(tenant_id, duplicate_key);
create index letters_respondent on letters(tenant_id, respondent_key, content_type);
create index letters_visit on letters(visit_id);
create index letters_case on letters(case_id);
create index letters_submitter on letters(tenant_id, submitted_by_user_id);
create index letters_open_due on letters(tenant_id, due_at) where outcome is null;
create index letters_search on letters using gin (search_text gin_trgm_ops);

alter table cases add constraint cases_letter_fk foreign key (letter_id) references letters(id);
alter table reception_visits add constraint reception_visits_case_fk foreign key (case_id) references cases(id);
alter table reception_instructions add constraint reception_instructions_case_fk foreign key (case_id) references cases(id);
alter table protected_identities add column letter_id uuid references letters(id);
alter table protected_identities add column visit_id uuid references reception_visits(id);

-- Anonymous denunciations that identify a violator with evidence: information for inspection,
-- without any personal data (§6.2).
create table inspection_info_tasks (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  letter_id uuid not null references letters(id),
  unit_id uuid not null references units(id),
  summary text not null,
  status text not null default 'open' check (status in ('open', 'done')),
  created_by uuid references users(id),
  created_at timestamptz not null
);
create index inspection_info_tasks_unit on inspection_info_tasks(tenant_id, unit_id, status);
