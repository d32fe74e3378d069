-- The working calendar as data (calendar.md §1–2): office hours per unit with effective dates,
-- special days per year with their legal basis and status, and an append-only change log.

-- Office hours; unit_id null = the province default. Sessions per ISO weekday (1 = Monday):
-- {"1": [{"start": "07:30", "end": "11:30"}, {"start": "13:00", "end": "17:00"}], ..., "6": [], "7": []}
create table working_hours (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  unit_id uuid references units(id),
  effective_from date not null,
  effective_to date,
  sessions jsonb not null,
  minutes_per_working_day int not null default 480 check (minutes_per_working_day between 60 and 1440),
  -- Saturday-morning counters are open for receipt but are not working time (calendar.md §1).
  counter_sessions jsonb not null default '{}',
  legal_basis text not null,
  created_by uuid,
  created_at timestamptz not null default now()
);
create index working_hours_unit on working_hours(tenant_id, unit_id, effective_from);

create table special_days (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  day date not null,
  kind text not null check (kind in ('holiday', 'compensatory_off', 'bridge_off', 'make_up_workday', 'unit_closure')),
  name text not null,
  scope text not null default 'national_public_sector',   -- national_public_sector | province:<code> | unit:<code>
  sessions jsonb,                                          -- make-up days with their own sessions
  legal_basis text not null default '',
  source text not null default 'manual' check (source in ('rule', 'official_notice', 'manual')),
  status text not null default 'proposed' check (status in ('proposed', 'confirmed')),
  evidence text not null default 'verified' check (evidence in ('verified', 'to_verify')),
  created_by uuid,
  created_at timestamptz not null default now(),
  confirmed_by uuid,
  confirmed_at timestamptz,
  removed_at timestamptz,                                  -- rows are retired, never deleted
  version int not null default 1
);
create unique index special_days_current on special_days(tenant_id, day, scope) where removed_at is null;
create index special_days_year on special_days(tenant_id, day);

-- Which years have been generated or edited (a year without rows gets the statutory days by rule).
create table calendar_years (
  tenant_id text not null,
  year int not null,
  generated_at timestamptz not null default now(),
  generated_by uuid,
  primary key (tenant_id, year)
);

-- One row per edit; its id is carried by the due_recomputed events it causes.
create table calendar_changes (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,
  at timestamptz not null default now(),
  actor_id uuid,
  action text not null,                 -- generate | add | update | confirm | remove | hours
  special_day_id uuid references special_days(id),
  days date[] not null default '{}',
  before jsonb,
  after jsonb,
  reason text
);
create trigger calendar_changes_append_only before update or delete on calendar_changes
  for each row execute function forbid_change();

-- A counter bumped by every change, so that every process can cache calendars safely.
create table calendar_state (
  tenant_id text primary key,
  version bigint not null default 0
);
