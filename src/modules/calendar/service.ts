import type { Db, Queryable } from '../../db/types.js';
import { createWorkingCalendar, DEFAULT_WORKING_HOURS, type WorkingCalendar } from '../../core/calendar/working-calendar.js';
import { specialDaysProvider, statutorySpecialDays } from '../../core/calendar/holidays.js';
import { OFFICIAL_SPECIAL_DAYS } from '../../core/calendar/official-schedules.js';
import type { Session, SpecialDay, WorkingHoursVersion } from '../../core/calendar/types.js';
import type { IsoWeekday } from '../../core/calendar/time.js';
import { audit } from '../audit.js';
import { notifyCalendarChanged, type CalendarImpact } from './listeners.js';

/** A special-day row as stored (calendar.md §2.3). */
export interface SpecialDayRow extends SpecialDay {
  id: string;
  version: number;
  createdAt: Date;
  confirmedAt: Date | null;
}

// Calendars are rebuilt only when `calendar_state.version` moves, so every process (and the
// PostgreSQL deployment with several) sees an edit at once while the hot path stays one lookup.
const cache = new Map<string, WorkingCalendar>();
const CACHE_LIMIT = 500;

async function stateVersion(db: Queryable, tenantId: string): Promise<number> {
  const r = await db.query<{ version: number }>('select version from calendar_state where tenant_id=$1', [tenantId]);
  return r.rows[0]?.version ?? 0;
}

/** The unit and its ancestors, nearest first. */
async function unitChain(db: Queryable, tenantId: string, unitId: string | null): Promise<{ id: string; code: string }[]> {
  if (!unitId) {
    return (await db.query("select id, code from units where tenant_id=$1 and kind='province' and parent_id is null order by valid_from limit 1", [tenantId])).rows;
  }
  return (
    await db.query(
      `with recursive chain as (
         select id, code, parent_id, 0 as depth from units where tenant_id=$1 and id=$2
         union all
         select u.id, u.code, u.parent_id, c.depth + 1 from units u join chain c on u.id = c.parent_id
       ) select id, code from chain order by depth`,
      [tenantId, unitId],
    )
  ).rows;
}

/** A hypothetical edit, for previewing which open deadlines it would move. */
export interface CalendarEdit {
  add?: SpecialDay;
  removeId?: string;
  replace?: { id: string; with: Partial<SpecialDay> };
}

/** The calendar of a unit as it would be after `edit` (never cached). */
export async function loadCalendarWith(db: Queryable, tenantId: string, unitId: string | null, edit: CalendarEdit): Promise<WorkingCalendar> {
  const chain = await unitChain(db, tenantId, unitId);
  let days: SpecialDay[] = await specialDaysFor(db, tenantId, chain.map((u) => u.code));
  if (edit.removeId) days = days.filter((d) => (d as SpecialDayRow).id !== edit.removeId);
  if (edit.replace) days = days.map((d) => ((d as SpecialDayRow).id === edit.replace!.id ? { ...d, ...edit.replace!.with } : d));
  if (edit.add) days = [...days.filter((d) => !(d.date === edit.add!.date && d.scope === edit.add!.scope)), edit.add];
  return createWorkingCalendar({
    hours: await hoursFor(db, tenantId, chain.map((u) => u.id)),
    specialDays: days,
    specialDaysForYear: specialDaysProvider({ schedules: OFFICIAL_SPECIAL_DAYS }),
  });
}

/** The working calendar of a unit: its (or its nearest ancestor's) hours, and the special days in scope. */
export async function loadCalendar(db: Queryable, tenantId: string, unitId: string | null): Promise<WorkingCalendar> {
  const version = await stateVersion(db, tenantId);
  const key = `${tenantId}|${unitId ?? '-'}|${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const chain = await unitChain(db, tenantId, unitId);
  const cal = createWorkingCalendar({
    hours: await hoursFor(db, tenantId, chain.map((u) => u.id)),
    specialDays: await specialDaysFor(db, tenantId, chain.map((u) => u.code)),
    specialDaysForYear: specialDaysProvider({ schedules: OFFICIAL_SPECIAL_DAYS }),
  });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, cal);
  return cal;
}

async function hoursFor(db: Queryable, tenantId: string, chainIds: string[]): Promise<WorkingHoursVersion[]> {
  const rows = (
    await db.query(
      `select unit_id, effective_from, effective_to, sessions, minutes_per_working_day, legal_basis
         from working_hours where tenant_id=$1 and (unit_id = any($2::uuid[]) or unit_id is null)
        order by effective_from`,
      [tenantId, chainIds],
    )
  ).rows;
  // The nearest unit in the chain with its own hours wins; then the province default (unit_id null).
  for (const id of [...chainIds, null]) {
    const own = rows.filter((r: any) => r.unit_id === id);
    if (own.length) return own.map(toHoursVersion);
  }
  return [DEFAULT_WORKING_HOURS];
}

export function toHoursVersion(r: any): WorkingHoursVersion {
  const sessions: Partial<Record<IsoWeekday, Session[]>> = {};
  for (const [wd, list] of Object.entries(r.sessions ?? {})) sessions[Number(wd) as IsoWeekday] = list as Session[];
  return { effectiveFrom: r.effective_from, effectiveTo: r.effective_to, sessions, minutesPerWorkingDay: r.minutes_per_working_day, legalBasis: r.legal_basis };
}

async function specialDaysFor(db: Queryable, tenantId: string, chainCodes: string[]): Promise<SpecialDay[]> {
  const scopes = ['national_public_sector', `province:${tenantId}`, ...chainCodes.map((c) => `unit:${c}`)];
  const rows = (
    await db.query(`select * from special_days where tenant_id=$1 and removed_at is null and scope = any($2::text[]) order by day`, [tenantId, scopes])
  ).rows;
  return rows.map(toSpecialDay);
}

export function toSpecialDay(r: any): SpecialDayRow {
  return {
    id: r.id,
    date: r.day,
    kind: r.kind,
    name: r.name,
    scope: r.scope,
    sessions: r.sessions,
    legalBasis: r.legal_basis,
    source: r.source,
    status: r.status,
    evidence: r.evidence === 'to_verify' ? 'to_verify' : undefined,
    version: r.version,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
  };
}

/** Special days of a year: the table's rows if the year has any, otherwise the statutory days by rule. */
export async function specialDaysOfYear(
  db: Queryable,
  tenantId: string,
  year: number,
  unitCode: string | null,
): Promise<{ source: 'table' | 'rule'; days: (SpecialDay & { id?: string; version?: number })[] }> {
  const scopes = ['national_public_sector', `province:${tenantId}`, ...(unitCode ? [`unit:${unitCode}`] : [])];
  const rows = (
    await db.query(
      `select * from special_days where tenant_id=$1 and removed_at is null and scope = any($2::text[])
          and day >= make_date($3,1,1) and day < make_date($3 + 1,1,1) order by day`,
      [tenantId, scopes, year],
    )
  ).rows;
  if (rows.length) return { source: 'table', days: rows.map(toSpecialDay) };
  const official = OFFICIAL_SPECIAL_DAYS[year];
  return { source: 'rule', days: official?.length ? official.map((d) => ({ ...d })) : statutorySpecialDays(year) };
}

async function bump(tx: Queryable, tenantId: string): Promise<void> {
  await tx.query(
    `insert into calendar_state(tenant_id, version) values ($1, 1)
       on conflict (tenant_id) do update set version = calendar_state.version + 1`,
    [tenantId],
  );
}

export interface Actor {
  tenantId: string;
  userId: string | null;
  ip?: string | null;
}

async function recordChange(
  tx: Queryable,
  actor: Actor,
  c: { action: string; specialDayId?: string | null; days: string[]; before?: unknown; after?: unknown; reason?: string | null },
): Promise<string> {
  const id = (
    await tx.query(
      `insert into calendar_changes(tenant_id, actor_id, action, special_day_id, days, before, after, reason)
       values ($1,$2,$3,$4,$5::date[],$6,$7,$8) returning id`,
      [actor.tenantId, actor.userId, c.action, c.specialDayId ?? null, c.days, c.before ? JSON.stringify(c.before) : null, c.after ? JSON.stringify(c.after) : null, c.reason ?? null],
    )
  ).rows[0].id as string;
  await bump(tx, actor.tenantId);
  await audit(tx, { tenantId: actor.tenantId, actorId: actor.userId, action: `calendar.${c.action}`, entity: 'calendar', entityId: id, reason: c.reason, ip: actor.ip, data: { days: c.days, before: c.before, after: c.after } });
  return id;
}

/**
 * Fills a year with the statutory days by rule (status `proposed`), keeping rows that already
 * exist on those dates. Administrators then edit the year to the official schedule.
 */
export async function generateYear(db: Db, actor: Actor, year: number): Promise<{ changeId: string; created: SpecialDayRow[]; impact: CalendarImpact[] }> {
  const rules = statutorySpecialDays(year);
  const result = await db.tx(async (tx) => {
    const created: SpecialDayRow[] = [];
    for (const d of rules) {
      const r = await tx.query(
        `insert into special_days(tenant_id, day, kind, name, scope, legal_basis, source, status, created_by)
         values ($1,$2,$3,$4,'national_public_sector',$5,'rule','proposed',$6)
         on conflict (tenant_id, day, scope) where removed_at is null do nothing returning *`,
        [actor.tenantId, d.date, d.kind, d.name, d.legalBasis, actor.userId],
      );
      if (r.rows[0]) created.push(toSpecialDay(r.rows[0]));
    }
    await tx.query('insert into calendar_years(tenant_id, year, generated_by) values ($1,$2,$3) on conflict do nothing', [actor.tenantId, year, actor.userId]);
    const changeId = await recordChange(tx, actor, { action: 'generate', days: created.map((c) => c.date), after: created.map((c) => ({ date: c.date, kind: c.kind })) });
    return { changeId, created };
  });
  const impact = result.created.length ? await notifyCalendarChanged(db, actor.tenantId, result.changeId) : [];
  return { ...result, impact };
}

export interface SpecialDayInput {
  date: string;
  kind: SpecialDay['kind'];
  name: string;
  scope?: string;
  sessions?: Session[] | null;
  legalBasis: string;
  status?: 'proposed' | 'confirmed';
  source?: 'official_notice' | 'manual';
}

export async function addSpecialDay(db: Db, actor: Actor, input: SpecialDayInput, reason: string | null) {
  const result = await db.tx(async (tx) => {
    const r = (
      await tx.query(
        `insert into special_days(tenant_id, day, kind, name, scope, sessions, legal_basis, source, status, created_by, confirmed_by, confirmed_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9::text,$10::uuid, case when $9::text='confirmed' then $10::uuid end, case when $9::text='confirmed' then now() end)
         on conflict (tenant_id, day, scope) where removed_at is null do nothing returning *`,
        [actor.tenantId, input.date, input.kind, input.name, input.scope ?? 'national_public_sector', input.sessions ? JSON.stringify(input.sessions) : null, input.legalBasis, input.source ?? 'manual', input.status ?? 'proposed', actor.userId],
      )
    ).rows[0];
    if (!r) return null;
    const row = toSpecialDay(r);
    const changeId = await recordChange(tx, actor, { action: 'add', specialDayId: row.id, days: [row.date], after: row, reason });
    return { row, changeId };
  });
  if (!result) return null;
  return { ...result, impact: await notifyCalendarChanged(db, actor.tenantId, result.changeId) };
}

export async function updateSpecialDay(
  db: Db,
  actor: Actor,
  id: string,
  version: number,
  patch: Partial<Omit<SpecialDayInput, 'date' | 'scope'>>,
  reason: string | null,
): Promise<{ row: SpecialDayRow; changeId: string; impact: CalendarImpact[] } | 'not_found' | 'stale'> {
  const result = await db.tx(async (tx) => {
    const cur = (await tx.query('select * from special_days where tenant_id=$1 and id=$2 and removed_at is null for update', [actor.tenantId, id])).rows[0];
    if (!cur) return 'not_found' as const;
    if (cur.version !== version) return 'stale' as const;
    const confirming = patch.status === 'confirmed' && cur.status !== 'confirmed';
    const r = (
      await tx.query(
        `update special_days set kind=coalesce($2,kind), name=coalesce($3,name),
            sessions=case when $4::boolean then $5::jsonb else sessions end, legal_basis=coalesce($6,legal_basis),
            status=coalesce($7,status), source=coalesce($8,source),
            confirmed_by=case when $9::boolean then $10::uuid else confirmed_by end, confirmed_at=case when $9::boolean then now() else confirmed_at end,
            version=version+1
          where id=$1 returning *`,
        [id, patch.kind ?? null, patch.name ?? null, 'sessions' in patch, patch.sessions ? JSON.stringify(patch.sessions) : null, patch.legalBasis ?? null, patch.status ?? null, patch.source ?? null, confirming, actor.userId],
      )
    ).rows[0];
    const row = toSpecialDay(r);
    const changeId = await recordChange(tx, actor, { action: confirming && Object.keys(patch).length === 1 ? 'confirm' : 'update', specialDayId: id, days: [row.date], before: toSpecialDay(cur), after: row, reason });
    return { row, changeId };
  });
  if (typeof result === 'string') return result;
  return { ...result, impact: await notifyCalendarChanged(db, actor.tenantId, result.changeId) };
}

export async function removeSpecialDay(db: Db, actor: Actor, id: string, version: number, reason: string) {
  const result = await db.tx(async (tx) => {
    const cur = (await tx.query('select * from special_days where tenant_id=$1 and id=$2 and removed_at is null for update', [actor.tenantId, id])).rows[0];
    if (!cur) return 'not_found' as const;
    if (cur.version !== version) return 'stale' as const;
    await tx.query('update special_days set removed_at=now(), version=version+1 where id=$1', [id]);
    const changeId = await recordChange(tx, actor, { action: 'remove', specialDayId: id, days: [cur.day], before: toSpecialDay(cur), reason });
    return { changeId };
  });
  if (typeof result === 'string') return result;
  return { ...result, impact: await notifyCalendarChanged(db, actor.tenantId, result.changeId) };
}

export interface HoursInput {
  unitId: string | null;
  effectiveFrom: string;
  sessions: Partial<Record<string, Session[]>>;
  minutesPerWorkingDay: number;
  counterSessions?: Partial<Record<string, Session[]>>;
  legalBasis: string;
}

/** A new version of a unit's office hours; the previous open version is closed the day before. */
export async function addHoursVersion(db: Db, actor: Actor, input: HoursInput) {
  const result = await db.tx(async (tx) => {
    await tx.query(
      `update working_hours set effective_to=$3 where tenant_id=$1 and unit_id is not distinct from $2
          and effective_to is null and effective_from < $3`,
      [actor.tenantId, input.unitId, input.effectiveFrom],
    );
    const r = (
      await tx.query(
        `insert into working_hours(tenant_id, unit_id, effective_from, sessions, minutes_per_working_day, counter_sessions, legal_basis, created_by)
         values ($1,$2,$3,$4,$5,$6,$7,$8) returning *`,
        [actor.tenantId, input.unitId, input.effectiveFrom, JSON.stringify(input.sessions), input.minutesPerWorkingDay, JSON.stringify(input.counterSessions ?? {}), input.legalBasis, actor.userId],
      )
    ).rows[0];
    const changeId = await recordChange(tx, actor, { action: 'hours', days: [input.effectiveFrom], after: input });
    return { row: r, changeId };
  });
  return { ...result, impact: await notifyCalendarChanged(db, actor.tenantId, result.changeId) };
}

/** Office-hours versions of a unit as stored (own rows, else the nearest ancestor's, else the default). */
export async function hoursOf(db: Queryable, tenantId: string, unitId: string | null) {
  const chain = await unitChain(db, tenantId, unitId);
  return hoursFor(db, tenantId, chain.map((u) => u.id));
}
