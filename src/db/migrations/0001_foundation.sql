-- Foundation: extensions, Vietnamese search folding, tenants, units, users, sessions, audit,
-- idempotency and versioned legal parameters. Every table carries tenant_id (the province).

create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- Immutable wrapper so that folded text can be indexed: 'Đăng ký khai sinh' -> 'dang ky khai sinh'.
create or replace function vn_fold(t text) returns text
  language sql immutable parallel safe strict
  as $$ select lower(public.unaccent('public.unaccent'::regdictionary, replace(replace(t, 'đ', 'd'), 'Đ', 'D'))) $$;

create table tenants (
  id text primary key,                  -- level-1 unit code, e.g. 'H55'
  name text not null,
  portal_domain text,
  created_at timestamptz not null default now()
);

-- Units as a versioned tree (QCVN 102 identifier kept as an opaque string).
create table units (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null references tenants(id),
  code text not null,                   -- identifier code, e.g. '000.00.00.H55'
  name text not null,
  short_name text,
  kind text not null check (kind in ('province', 'department', 'commune', 'division', 'service_centre', 'other')),
  parent_id uuid references units(id),
  valid_from date not null default '2025-07-01',
  valid_to date,                        -- exclusive; null = still valid
  remote_area boolean not null default false,
  address text,
  phone text,
  legal_basis text,
  version int not null default 1,
  created_at timestamptz not null default now(),
  unique (tenant_id, code, valid_from)
);
create index units_parent on units(tenant_id, parent_id);

-- Predecessor -> successor map (2025 reorganisation merged communes).
create table unit_predecessors (
  tenant_id text not null,
  unit_id uuid not null references units(id),
  predecessor_id uuid not null references units(id),
  primary key (tenant_id, unit_id, predecessor_id)
);

create table users (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null references tenants(id),
  username text not null,
  password_hash text not null,
  full_name text not null,
  kind text not null check (kind in ('staff', 'citizen', 'business')),
  citizen_id text,                      -- CCCD, 12 digits (citizens)
  tax_code text,                        -- businesses
  email text,
  phone text,
  address text,
  title text,                           -- job title (chức danh) for staff
  active boolean not null default true,
  version int not null default 1,
  created_at timestamptz not null default now(),
  unique (tenant_id, username)
);
create unique index users_citizen_id on users(tenant_id, citizen_id) where citizen_id is not null;

-- A role held at a unit; it covers that unit and its descendants.
create table user_roles (
  tenant_id text not null,
  user_id uuid not null references users(id) on delete cascade,
  role text not null check (role in ('admin', 'counter_officer', 'specialist', 'leader', 'reception_officer',
                                     'inspector', 'supervisor', 'citizen')),
  unit_id uuid references units(id),    -- null for citizens
  id bigserial primary key
);
create unique index user_roles_grant on user_roles(tenant_id, user_id, role, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Sessions for the browser cookie and bearer tokens for API clients: only a hash is stored.
create table sessions (
  token_hash text primary key,
  tenant_id text not null,
  user_id uuid not null references users(id) on delete cascade,
  kind text not null default 'session' check (kind in ('session', 'api_token')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user on sessions(user_id);

-- Append-only audit log of administrative changes and of every read of protected data.
create table audit_log (
  id bigserial primary key,
  tenant_id text not null,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_unit_id uuid,
  action text not null,
  entity text not null,
  entity_id text,
  reason text,
  ip text,
  data jsonb not null default '{}'
);
create index audit_log_entity on audit_log(tenant_id, entity, entity_id);

create or replace function forbid_change() returns trigger language plpgsql as $$
begin
  raise exception 'append-only table %', tg_table_name;
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function forbid_change();

-- A retried request with the same Idempotency-Key replays the first response.
create table idempotency_keys (
  tenant_id text not null,
  user_id uuid not null,
  key text not null,
  route text not null,
  request_hash text not null,
  status_code int not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id, key)
);

-- Legal parameters as versioned data: rows are closed and replaced, never edited.
create table legal_parameters (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  key text not null,
  scope text not null default 'national',   -- national | province:<code> | unit:<code> | procedure:<code>
  value jsonb not null,
  effective_from date not null,
  effective_to date,
  legal_basis text not null,
  evidence text not null default 'verified' check (evidence in ('verified', 'to_verify')),
  created_by uuid,
  created_at timestamptz not null default now()
);
create index legal_parameters_key on legal_parameters(tenant_id, key, effective_from);
