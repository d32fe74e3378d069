-- Citizen feedback and petitions (phản ánh, kiến nghị – PAKN) and the Open311 GeoReport v2 API
-- (feedback.md). A feedback item is a current-state row (`feedback`, versioned) plus an immutable
-- event log (`feedback_events`); every action appends one event and updates the row in the same
-- transaction. Categories, routing rules and deadline rules are data with effective dates.

-- Categories: one per field × class, e.g. PAKN-DATDAI-QD (land, regulations). Each is one Open311
-- service (service_code = code, group = field name).
create table feedback_categories (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null references tenants(id),
  code text not null check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
  name text not null,
  description text not null default '',
  field_code text not null,                 -- lĩnh vực, e.g. 'DATDAI'
  field_name text not null,                 -- e.g. 'Đất đai' (Open311 group)
  class text not null check (class in ('regulation', 'conduct')),
  keywords text not null default '',
  allow_anonymous boolean not null default true,
  default_private boolean not null default false,
  duplicate_radius_m int not null default 200 check (duplicate_radius_m between 10 and 5000),
  -- Open311 service definition attributes: [{code, datatype, required, variable, order, description, datatype_description, values:[{key,name}]}]
  attributes jsonb not null default '[]',
  open311_type text not null default 'realtime' check (open311_type in ('realtime', 'batch')),
  default_unit_id uuid references units(id),   -- fallback routing when no rule matches
  active boolean not null default true,
  sort_order int not null default 0,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, code)
);

-- Routing: the responsible unit by category and place (commune). The most specific current rule
-- wins (category + commune, then category, then commune), then the lower priority number.
create table feedback_routing_rules (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null references tenants(id),
  category_id uuid references feedback_categories(id),
  commune_unit_id uuid references units(id),
  target_unit_id uuid not null references units(id),
  priority int not null default 100,
  effective_from date not null default '2025-07-01',
  effective_to date,                        -- exclusive; rules are closed, never edited
  legal_basis text not null default '',
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index feedback_routing_rules_lookup on feedback_routing_rules(tenant_id, category_id, commune_unit_id);

-- Operational deadlines in working days (feedback.md §2; NĐ 20/2008 Art. 9 for forwarding).
-- tenant_id '*' = national rows; a tenant row set with the same rule_set wins. Rows are closed and
-- replaced, never edited.
create table feedback_deadline_rules (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  rule_set text not null default 'dvcqg',
  step text not null check (step in ('refuse', 'supplement', 'forward', 'answer', 'publish')),
  amount numeric not null check (amount > 0 and amount <= 365),
  unit text not null default 'working_days' check (unit in ('working_days', 'working_hours', 'days')),
  counted_from text not null check (counted_from in ('receipt', 'answer')),
  effective_from date not null,
  effective_to date,
  legal_basis text not null,
  evidence text not null default 'to_verify' check (evidence in ('verified', 'to_verify')),
  created_by uuid,
  created_at timestamptz not null default now()
);
create index feedback_deadline_rules_lookup on feedback_deadline_rules(tenant_id, rule_set, step, effective_from);

insert into feedback_deadline_rules(tenant_id, rule_set, step, amount, unit, counted_from, effective_from, effective_to, legal_basis, evidence) values
  ('*', 'dvcqg', 'refuse',     2, 'working_days', 'receipt', '2021-10-11', '2026-07-20', 'QĐ 31/2021/QĐ-TTg (Quy chế Cổng DVCQG); mô tả kỹ thuật chỉ số 766', 'to_verify'),
  ('*', 'dvcqg', 'supplement', 5, 'working_days', 'receipt', '2021-10-11', '2026-07-20', 'QĐ 31/2021/QĐ-TTg (Quy chế Cổng DVCQG); mô tả kỹ thuật chỉ số 766', 'to_verify'),
  ('*', 'dvcqg', 'forward',    5, 'working_days', 'receipt', '2021-10-11', '2026-07-20', 'NĐ 20/2008/NĐ-CP Điều 9 (sửa đổi bởi NĐ 48/2013, NĐ 92/2017)', 'to_verify'),
  ('*', 'dvcqg', 'answer',    15, 'working_days', 'receipt', '2021-10-11', '2026-07-20', 'QĐ 31/2021/QĐ-TTg (Quy chế Cổng DVCQG); mô tả kỹ thuật chỉ số 766', 'to_verify'),
  ('*', 'dvcqg', 'publish',    2, 'working_days', 'answer',  '2021-10-11', '2026-07-20', 'QĐ 31/2021/QĐ-TTg (Quy chế Cổng DVCQG); mô tả kỹ thuật chỉ số 766', 'to_verify'),
  ('*', 'dvcqg', 'refuse',     2, 'working_days', 'receipt', '2026-07-20', null, 'QĐ 29/2026/QĐ-TTg (thay thế QĐ 31/2021/QĐ-TTg từ 20/07/2026)', 'to_verify'),
  ('*', 'dvcqg', 'supplement', 5, 'working_days', 'receipt', '2026-07-20', null, 'QĐ 29/2026/QĐ-TTg (thay thế QĐ 31/2021/QĐ-TTg từ 20/07/2026)', 'to_verify'),
  ('*', 'dvcqg', 'forward',    5, 'working_days', 'receipt', '2026-07-20', null, 'NĐ 20/2008/NĐ-CP Điều 9 (sửa đổi bởi NĐ 48/2013, NĐ 92/2017)', 'to_verify'),
  ('*', 'dvcqg', 'answer',    15, 'working_days', 'receipt', '2026-07-20', null, 'QĐ 29/2026/QĐ-TTg (thay thế QĐ 31/2021/QĐ-TTg từ 20/07/2026)', 'to_verify'),
  ('*', 'dvcqg', 'publish',    2, 'working_days', 'answer',  '2026-07-20', null, 'QĐ 29/2026/QĐ-TTg (thay thế QĐ 31/2021/QĐ-TTg từ 20/07/2026)', 'to_verify');

-- Open311 API clients: keys are stored hashed (sha256); the key is shown once when issued.
create table open311_clients (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null references tenants(id),
  name text not null,
  contact text not null default '',
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  key_prefix text not null,                 -- first characters, to recognise a key in lists
  jurisdictions text[] not null default '{}',   -- empty = every jurisdiction of the tenant
  service_codes text[] not null default '{}',   -- empty = every service
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references users(id),
  revoke_reason text,
  last_used_at timestamptz
);
create index open311_clients_tenant on open311_clients(tenant_id);

-- Daily reference sequence: PAKN-YYMMDD-NNNN.
create table feedback_counters (
  tenant_id text not null,
  day date not null,
  seq int not null,
  primary key (tenant_id, day)
);

create table feedback (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null references tenants(id),
  code text not null,                       -- the reference given to the sender
  tracking_secret_hash text not null,       -- the reference alone never opens the item (anonymous senders)
  category_id uuid not null references feedback_categories(id),
  class text not null check (class in ('regulation', 'conduct')),
  -- NĐ 20/2008 Art. 9 classification, set by staff: rejected / conduct / regulation_own / regulation_other.
  subclass text check (subclass in ('rejected', 'conduct', 'regulation_own', 'regulation_other')),
  field_code text not null,
  channel text not null check (channel in ('portal', 'app', 'counter', 'post', 'phone', 'box', 'survey', 'email', 'voter_meeting')),
  title text not null,
  description text not null,
  attributes jsonb not null default '{}',   -- Open311 attribute values / category questions
  -- Location: a point (WGS84) and/or an address; the commune drives routing.
  lat numeric(9, 6) check (lat is null or lat between -90 and 90),
  lng numeric(9, 6) check (lng is null or lng between -180 and 180),
  address text,
  address_id text,
  commune_unit_id uuid references units(id),
  -- Sender (never shown publicly).
  submitter_user_id uuid references users(id),
  anonymous boolean not null default false,
  contact_name text,
  contact_phone text,
  contact_email text,
  contact_address text,
  open311_client_id uuid references open311_clients(id),
  open311_account_id text,
  open311_device_id text,
  -- Units.
  receiving_unit_id uuid not null references units(id),
  competent_unit_id uuid not null references units(id),
  handler_id uuid references users(id),
  forwarded_to text,                        -- external body when forwarded out of competence
  -- State.
  status text not null check (status in ('received', 'supplement_requested', 'supplemented', 'assigned', 'forwarded',
    'answered', 'published', 'closed', 'reopened', 'refused', 'merged', 'reclassified')),
  visibility text not null default 'public' check (visibility in ('public', 'private')),
  moderation_state text not null default 'none' check (moderation_state in ('none', 'edited', 'hidden')),
  moderation_reason text,
  moderation_original_data jsonb,           -- the original before the first moderation (kept forever)
  public_title text not null,               -- the public copy (personal data removed; moderated)
  public_description text not null,
  -- Clock: inputs and dues (derived with the legal clock from the rules in force at receipt).
  received_at timestamptz not null,         -- first receipt (counted once per period by it)
  clock_from timestamptz not null,          -- receipt, or arrival at the current unit after a transfer
  rule_set text not null default 'dvcqg',
  refuse_due_at timestamptz,
  supplement_due_at timestamptz,
  forward_due_at timestamptz,
  answer_due_at timestamptz,               -- first round (QĐ 766 verdicts use it)
  publish_due_at timestamptz,
  reopen_answer_due_at timestamptz,         -- a new answer after a continued complaint
  due_provisional boolean not null default false,
  -- Step times (first occurrences are kept for the QĐ 766 verdicts).
  refused_at timestamptz,
  refusal_reason text,
  first_supplement_requested_at timestamptz,
  supplement_count int not null default 0,
  supplement_request text,
  supplemented_at timestamptz,
  forwarded_at timestamptz,
  transfer_count int not null default 0,
  assigned_at timestamptz,
  answered_at timestamptz,
  first_answered_at timestamptz,
  answer_text text,
  answer_summary text,
  answered_by uuid references users(id),
  published_at timestamptz,
  first_published_at timestamptz,
  closed_at timestamptz,
  reopened_at timestamptz,
  reopen_count int not null default 0,
  merged_into_id uuid references feedback(id),
  reclassified_as text check (reclassified_as in ('complaint', 'denunciation')),
  letter_ref text,                          -- the letter record it became (reception-and-letters)
  -- The sender's rating of the answer (three-level scale) and the public likes/dislikes.
  rating text check (rating in ('very_satisfied', 'satisfied', 'dissatisfied')),
  rated_at timestamptz,
  likes int not null default 0,
  dislikes int not null default 0,
  search_text text not null default '',
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, code)
);
create index feedback_status on feedback(tenant_id, status);
create index feedback_competent on feedback(tenant_id, competent_unit_id, status);
create index feedback_received on feedback(tenant_id, received_at);
create index feedback_submitter on feedback(tenant_id, submitter_user_id);
create index feedback_category on feedback(tenant_id, category_id);
create index feedback_published on feedback(tenant_id, published_at) where published_at is not null;
create index feedback_open311 on feedback(tenant_id, open311_client_id);
create index feedback_search_trgm on feedback using gin (search_text gin_trgm_ops);

-- One immutable row per action; its id is the Open311 update_id (stable).
create table feedback_events (
  id bigserial primary key,
  tenant_id text not null,
  feedback_id uuid not null references feedback(id),
  action text not null,
  from_status text,
  to_status text not null,
  actor_id uuid references users(id),
  actor_kind text not null check (actor_kind in ('staff', 'citizen', 'anonymous', 'open311', 'system')),
  actor_unit_id uuid references units(id),
  open311_client_id uuid references open311_clients(id),
  at timestamptz not null,
  reason text,
  legal_basis text,
  data jsonb not null default '{}',
  public_note text,                         -- the text shown publicly / in the Open311 updates feed
  is_public boolean not null default false,
  extended_status text                      -- mySociety extended status of the update
);
create index feedback_events_item on feedback_events(feedback_id, id);
create index feedback_events_public on feedback_events(tenant_id, at) where is_public;
create unique index feedback_events_client_update on feedback_events(open311_client_id, (data->>'clientUpdateId'))
  where open311_client_id is not null and data ? 'clientUpdateId';
create trigger feedback_events_append_only before update or delete on feedback_events
  for each row execute function forbid_change();

-- Photos: the original is private; the public copy has its EXIF/XMP (APP1) segments removed.
create table feedback_media (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  feedback_id uuid not null references feedback(id),
  mime text not null,
  size_bytes bigint not null,
  sha256 text not null,
  original_path text,                       -- relative to config.filesDir; null for an external URL
  public_path text,
  public_sha256 text,
  external_url text,                        -- media_url given by an Open311 client
  original_name text not null default '',
  hidden boolean not null default false,    -- moderation
  uploaded_by uuid references users(id),
  uploaded_at timestamptz not null default now()
);
create index feedback_media_item on feedback_media(feedback_id);

-- One vote per user or device per item.
create table feedback_votes (
  tenant_id text not null,
  feedback_id uuid not null references feedback(id),
  voter_key text not null,                  -- 'user:<uuid>' or 'device:<sha256>'
  vote text not null check (vote in ('like', 'dislike')),
  at timestamptz not null default now(),
  primary key (feedback_id, voter_key)
);

-- Open311 tokens (categories of type 'batch'): the token resolves to the request id.
create table open311_tokens (
  token text primary key,
  tenant_id text not null,
  client_id uuid not null references open311_clients(id),
  feedback_id uuid references feedback(id),
  created_at timestamptz not null default now()
);

-- Places for routing by point or address: a commune's centre and radius (a deployment may load
-- boundaries later; the nearest centre within its radius decides).
create table feedback_places (
  tenant_id text not null,
  unit_id uuid not null references units(id),
  lat numeric(9, 6) not null,
  lng numeric(9, 6) not null,
  radius_m int not null default 5000 check (radius_m > 0),
  primary key (tenant_id, unit_id)
);

-- Abuse list (feedback.md §4.10): submissions from a blocked e-mail or phone are refused.
create table feedback_blocklist (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  kind text not null check (kind in ('email', 'phone')),
  value text not null,
  reason text not null,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (tenant_id, kind, value)
);
