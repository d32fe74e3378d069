-- Citizen reception (reception-and-letters.md §3): reception offices and their published regular
-- schedule, leader sessions (periodic / ad-hoc / online) with registrations, visits recorded in the
-- register (Sổ tiếp công dân, Mẫu 03/TCD), documents received (Mẫu 02/TCD), refusals (Mẫu 01/TCD)
-- and the leader's conclusion notice with tracked instructions.

-- One append-only event log for the whole capability: visits, sessions, letters, cases.
create table letter_events (
  id bigserial primary key,
  tenant_id text not null,
  entity text not null check (entity in ('visit', 'session', 'letter', 'case', 'instruction')),
  entity_id uuid not null,
  action text not null,
  at timestamptz not null,                  -- when it legally happened
  recorded_at timestamptz not null default now(),
  actor_id uuid references users(id),
  actor_unit_id uuid references units(id),
  from_status text,
  to_status text,
  reason text,
  legal_basis text,
  form_key text,
  due_before timestamptz,
  due_after timestamptz,
  data jsonb not null default '{}'
);
create index letter_events_entity on letter_events(tenant_id, entity, entity_id, id);
create index letter_events_action on letter_events(tenant_id, action, at);
-- Reminders are idempotent: one per item, due instant and threshold.
create unique index letter_events_reminder on letter_events(tenant_id, entity_id, (data->>'reminderKey'))
  where action = 'due_reminder';
create trigger letter_events_append_only before update or delete on letter_events
  for each row execute function forbid_change();

-- Counters for register numbers (STT per unit per year) and codes.
create table letter_counters (
  tenant_id text not null,
  scope text not null,                      -- e.g. 'register:<unit>', 'letter:<unit>', 'case:<type>:<unit>'
  year int not null,
  last int not null default 0,
  primary key (tenant_id, scope, year)
);

-- Where and when regular reception happens (published on the portal).
create table reception_offices (
  tenant_id text not null,
  unit_id uuid not null references units(id),
  name text not null,
  address text not null,
  phone text,
  regular_schedule text not null,           -- e.g. 'Các ngày làm việc trong tuần: sáng 7h30–11h30, chiều 13h00–17h00'
  published boolean not null default true,
  version int not null default 1,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, unit_id)
);

-- Sessions of reception by a leader (periodic, ad-hoc) or online; regular reception needs none.
create table reception_sessions (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  unit_id uuid not null references units(id),
  rule_set_id uuid not null references letter_rule_sets(id),
  kind text not null check (kind in ('periodic', 'ad_hoc', 'online')),
  leader_user_id uuid references users(id),
  leader_name text not null,
  leader_title text not null,
  is_deputy boolean not null default false,
  deputy_reason text,
  role_of_unit text not null default 'host' check (role_of_unit in ('host', 'supporting')),
  scheduled_on date not null,
  start_time text,
  end_time text,
  location text,
  status text not null default 'scheduled' check (status in ('scheduled', 'held', 'cancelled')),
  published boolean not null default true,
  held_at timestamptz,
  cancelled_reason text,
  -- Online reception (NĐ 154/2026 Arts 16–24).
  online_reason text,
  online_platform text,
  online_points jsonb not null default '[]',  -- [{point, kind: central|component, participants: [..]}]
  recording_ref text,
  recording_sha256 text,
  started_at timestamptz,
  ended_at timestamptz,
  retention_class text,
  notes text,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  last_event_at timestamptz,                -- actions recorded after the fact may not precede it
  version int not null default 1
);
create index reception_sessions_unit on reception_sessions(tenant_id, unit_id, scheduled_on);

-- A visit (lượt tiếp): one row of the register. Registrations for a leader session are visits in
-- status 'registered' until the person is received ('checked_in' …) or does not come ('absent').
create table reception_visits (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  unit_id uuid not null references units(id),
  session_id uuid references reception_sessions(id),
  rule_set_id uuid not null references letter_rule_sets(id),
  register_year int,
  register_no int,                          -- STT, per unit per year (column 1)
  kind text not null check (kind in ('regular', 'periodic', 'ad_hoc', 'online')),
  status text not null check (status in ('registered', 'absent', 'checked_in', 'refused', 'heard', 'replied', 'closed')),
  received_at timestamptz not null,         -- column 2
  received_by uuid references users(id),
  received_by_name text,
  -- Identity (column 3, 4). For a denunciation the identity lives in protected_identities only.
  protected boolean not null default false,
  identity_id uuid,
  visitor_name text,
  visitor_id_kind text check (visitor_id_kind in ('cccd', 'cmnd', 'passport', 'other')),
  visitor_id_no text,
  visitor_address text,
  visitor_phone text,
  person_key text,                          -- blind index of the person (distinct-people counts)
  representatives jsonb not null default '[]', -- [{name, idNo, kind: representative|lawyer|guardian, papers}]
  -- Group (column 7).
  people_count int not null default 1 check (people_count >= 1 and people_count <= 10000),
  mass_group boolean not null default false,
  group_representatives jsonb not null default '[]',
  group_appointment_doc text,
  group_members jsonb not null default '[]',
  -- Content (columns 5, 6, 8, 9).
  content_summary text,
  content_type text check (content_type in ('complaint', 'denunciation', 'petition', 'feedback', 'mixed', 'other')),
  field text,
  transcript text,
  read_back boolean not null default false,
  signature_ref text,
  prior_bodies text,
  within_competence boolean,
  -- Outcomes (columns 10, 11, 12, 13).
  outcomes text[] not null default '{}',    -- answered_directly, guided, letters_created, documents_received
  answer_text text,
  guidance_to text,
  guidance_doc_no text,
  handling_body text,
  handling_doc_no text,
  follow_up text,
  notes text,
  -- Refusal (Mẫu 01/TCD where required).
  refusal_reason text,
  refusal_note text,
  refusal_notice_required boolean not null default false,
  refusal_notice_due_at timestamptz,
  refusal_notice_no text,
  refusal_notice_at timestamptz,
  -- Documents received (Mẫu 02/TCD).
  documents_receipt_no text,
  -- Reply within 10 working days.
  reply_due_at timestamptz,
  replied_at timestamptz,
  reply_kind text check (reply_kind in ('accepted', 'needs_more_time', 'refused', 'transferred')),
  reply_doc_no text,
  -- Forwarded cases (Art. 27(2)).
  forwarded_by text,
  forwarded_doc_no text,
  -- Online reception.
  online_reason text,
  registration_case text,                   -- registrations: the case the person registered for
  case_id uuid,                             -- linked case, if any
  national_sync_status text not null default 'pending' check (national_sync_status in ('pending', 'synced', 'failed', 'not_required')),
  national_id text,
  retention_class text not null default 'tcd_register',
  closed_at timestamptz,
  search_text text not null default '',
  created_at timestamptz not null default now(),
  last_event_at timestamptz,
  version int not null default 1,
  unique (tenant_id, unit_id, register_year, register_no)
);
create index reception_visits_unit on reception_visits(tenant_id, unit_id, received_at);
create index reception_visits_session on reception_visits(session_id);
create index reception_visits_person on reception_visits(tenant_id, person_key);
create index reception_visits_search on reception_visits using gin (search_text gin_trgm_ops);

-- Documents handed over at reception (Mẫu 02/TCD); originals are tracked until returned.
create table reception_documents (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  visit_id uuid not null references reception_visits(id),
  seq int not null,
  title text not null,
  pages int not null check (pages >= 1 and pages <= 10000),
  original boolean not null,
  received_at timestamptz not null,
  returned_at timestamptz,
  unique (visit_id, seq)
);

-- The leader's conclusion notice after a session (NĐ 154/2026 Art. 25) and its tracked instructions.
create table reception_conclusions (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  session_id uuid not null unique references reception_sessions(id),
  notice_no text not null,
  issued_at timestamptz not null,
  issued_by uuid references users(id),
  summary text not null
);

create table reception_instructions (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  conclusion_id uuid not null references reception_conclusions(id),
  visit_id uuid references reception_visits(id),
  case_id uuid,
  instruction text not null,
  assignee_unit_id uuid not null references units(id),
  assignee_user_id uuid references users(id),
  due_on date not null,
  status text not null default 'pending' check (status in ('pending', 'done')),
  done_at timestamptz,
  done_note text,
  version int not null default 1
);
create index reception_instructions_unit on reception_instructions(tenant_id, assignee_unit_id, status);
