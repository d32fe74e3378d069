/**
 * Shared plumbing of the reception-and-letters capability: the environment (tenant, protection
 * keys), the acting user with their unit scopes, rule sets pinned by date, the legal clock of a
 * unit, the append-only event log, counters, and error mapping.
 */
import type { FastifyRequest } from 'fastify';
import type { AuthUser, Role } from '../../core/access/roles.js';
import type { Queryable } from '../../db/types.js';
import { AppError, badRequest, conflict, fieldError, forbidden, notFound, staleVersion, type FieldError } from '../../http/errors.js';
import { unitScope } from '../auth/scope.js';
import { loadCalendar } from '../calendar/service.js';
import { DeadlineInputError, CalendarRangeError, formatLocal, localDateOf, type WorkingCalendar } from '../../core/calendar/index.js';
import { deriveKeys, eventActionLabel, eventStatusLabel, ruleSetOn, type EventLabelSource, type ProtectionKeys, type Refusal, type RuleSet, type Rules } from '../../core/letters/index.js';

export interface LettersEnv {
  tenantId: string;
  keys: ProtectionKeys;
}

const keyCache = new Map<string, ProtectionKeys>();
export function envFor(tenantId: string, protectedDataKey: string): LettersEnv {
  let keys = keyCache.get(protectedDataKey);
  if (!keys) keyCache.set(protectedDataKey, (keys = deriveKeys(protectedDataKey)));
  return { tenantId, keys };
}

/** Units covered by each role of the capability (a grant covers the unit and its descendants). */
export interface Scopes {
  officer: Set<string>;
  leader: Set<string>;
  inspector: Set<string>;
  supervisor: Set<string>;
}

export interface Actor {
  user: AuthUser;
  ip: string | null;
  /** When the action legally happened (defaults to the request time). */
  now: Date;
  scopes: Scopes;
}

export const STAFF_ROLES: Role[] = ['reception_officer', 'leader', 'inspector', 'supervisor'];

export async function loadScopes(db: Queryable, user: AuthUser): Promise<Scopes> {
  const held = new Set(user.roles.map((r) => r.role));
  const get = async (r: Role) => new Set(held.has(r) ? await unitScope(db, user, [r]) : []);
  return { officer: await get('reception_officer'), leader: await get('leader'), inspector: await get('inspector'), supervisor: await get('supervisor') };
}

export async function actorOf(db: Queryable, user: AuthUser, request: FastifyRequest | null, now = new Date()): Promise<Actor> {
  return { user, ip: request?.ip ?? null, now, scopes: await loadScopes(db, user) };
}

/**
 * Per-actor memo of reference lookups (units, rule sets by date, calendars) for the life of one
 * request or one batch: an actor object lives for one request, so nothing stale outlives it.
 */
const memos = new WeakMap<Actor, Map<string, unknown>>();
export async function memo<T>(actor: Actor | undefined, key: string, fn: () => Promise<T>): Promise<T> {
  if (!actor) return fn();
  let m = memos.get(actor);
  if (!m) memos.set(actor, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  const v = await fn();
  m.set(key, v);
  return v;
}

export const union = (...sets: Set<string>[]): string[] => [...new Set(sets.flatMap((s) => [...s]))];

/** The unit the actor acts for on a record of `unitId` (the grant covering it), for event rows. */
export function actorUnit(actor: Actor, unitId: string | null): string | null {
  const all = [actor.scopes.officer, actor.scopes.leader, actor.scopes.inspector, actor.scopes.supervisor];
  if (unitId && all.some((s) => s.has(unitId))) {
    const g = actor.user.roles.find((r) => r.unitId === unitId);
    if (g) return unitId;
  }
  return actor.user.roles.find((r) => r.unitId)?.unitId ?? null;
}

// ------------------------------------------------------------------ rule sets

const ruleCache = new Map<string, RuleSet>();

function toRuleSet(r: any): RuleSet {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    code: r.code,
    name: r.name,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    legalBasis: r.legal_basis,
    evidence: r.evidence,
    rules: r.rules as Rules,
  };
}

/** A rule set by id (rows are immutable apart from closing; cached). */
export async function ruleSetById(db: Queryable, id: string): Promise<RuleSet> {
  const hit = ruleCache.get(id);
  if (hit) return hit;
  const r = (await db.query('select * from letter_rule_sets where id=$1', [id])).rows[0];
  if (!r) throw new AppError(500, 'rule_set_missing', 'The rule set of this record is missing', 'Thiếu bộ quy định áp dụng cho hồ sơ này');
  const rs = toRuleSet(r);
  ruleCache.set(id, rs);
  return rs;
}

/** The rule set in force on the local date of `at` (the tenant's own set wins over the national one). */
export async function ruleSetAt(db: Queryable, tenantId: string, at: Date, actor?: Actor): Promise<RuleSet> {
  return memo(actor, `rs:${tenantId}:${localDateOf(at)}`, () => ruleSetAtUncached(db, tenantId, at));
}

async function ruleSetAtUncached(db: Queryable, tenantId: string, at: Date): Promise<RuleSet> {
  const date = localDateOf(at);
  const rows = (
    await db.query(
      `select * from letter_rule_sets where tenant_id in ('*', $1) and effective_from <= $2::date
          and (effective_to is null or effective_to > $2::date)`,
      [tenantId, date],
    )
  ).rows.map(toRuleSet);
  const rs = ruleSetOn(rows, date, tenantId);
  if (!rs) {
    throw badRequest([fieldError('receivedAt', `No rule set is in force on ${date}`, `Không có bộ quy định áp dụng vào ngày ${date}`)]);
  }
  return rs;
}

export function clearRuleCache(): void {
  ruleCache.clear();
}

// ------------------------------------------------------------------ clock

export async function calendarOf(db: Queryable, tenantId: string, unitId: string, actor?: Actor): Promise<WorkingCalendar> {
  return memo(actor, `cal:${tenantId}:${unitId}`, () => loadCalendar(db, tenantId, unitId));
}

/** Runs a legal-clock computation, turning its input errors into 400s. */
export function clock<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DeadlineInputError) throw badRequest([fieldError(err.field, err.message, err.messageVi)]);
    if (err instanceof CalendarRangeError) throw badRequest([fieldError('date', err.message, (err as any).messageVi ?? err.message)]);
    throw err;
  }
}

export const iso = (d: Date | null | undefined): string | null => (d ? formatLocal(d) : null);

// ------------------------------------------------------------------ events and counters

export interface EventInput {
  entity: 'visit' | 'session' | 'letter' | 'case' | 'instruction';
  entityId: string;
  action: string;
  at: Date;
  actorId: string | null;
  actorUnitId?: string | null;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  legalBasis?: string | null;
  formKey?: string | null;
  dueBefore?: Date | null;
  dueAfter?: Date | null;
  data?: Record<string, unknown>;
}

const EVENT_COLUMNS = `letter_events(tenant_id, entity, entity_id, action, at, actor_id, actor_unit_id, from_status, to_status, reason,
       legal_basis, form_key, due_before, due_after, data)`;

function eventValues(tenantId: string, e: EventInput): unknown[] {
  return [
      tenantId,
      e.entity,
      e.entityId,
      e.action,
      e.at,
      e.actorId,
      e.actorUnitId ?? null,
      e.from ?? null,
      e.to ?? null,
      e.reason ?? null,
      e.legalBasis ?? null,
      e.formKey ?? null,
      e.dueBefore ?? null,
      e.dueAfter ?? null,
      JSON.stringify(e.data ?? {}),
  ];
}

const placeholders = (from: number, n: number) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(',');

export async function appendEvent(tx: Queryable, tenantId: string, e: EventInput): Promise<void> {
  await tx.query(`insert into ${EVENT_COLUMNS} values (${placeholders(1, 15)})`, eventValues(tenantId, e));
}

type Table = 'letters' | 'cases' | 'reception_visits' | 'reception_sessions';

/**
 * Updates a current-state row (columns of `set`, the new status, version + 1) and appends its event
 * in ONE statement (a data-modifying CTE), so that the row and its history never diverge.
 * jsonb columns must be given as JSON text.
 */
export async function updateWithEvent(tx: Queryable, tenantId: string, table: Table, id: string, set: Record<string, unknown>, status: string, e: EventInput): Promise<any> {
  const cols = Object.keys(set);
  const params: unknown[] = [id, ...cols.map((c) => set[c]), status];
  const upd = `update ${table} set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}${cols.length ? ', ' : ''}status = $${cols.length + 2}, version = version + 1 where id = $1 returning *`;
  const ev = eventValues(tenantId, e);
  const sql = `with u as (${upd}), e as (insert into ${EVENT_COLUMNS} values (${placeholders(params.length + 1, ev.length)})) select * from u`;
  return (await tx.query(sql, [...params, ...ev])).rows[0];
}

/**
 * Inserts a row (`insertSql` … returning *, with `params`) and appends its first event in one
 * statement. `counter` numbers the row in the same statement: the CTE `n` holds the next value of
 * the counter (`(select last from n)` in `insertSql`), whose scope and year are the last two params.
 */
export async function insertWithEvent(tx: Queryable, tenantId: string, insertSql: string, params: unknown[], events: EventInput | EventInput[], counter = false): Promise<any> {
  const list = Array.isArray(events) ? events : [events];
  const ev = list.flatMap((e) => eventValues(tenantId, e));
  const n = counter
    ? `n as (insert into letter_counters(tenant_id, scope, year, last) values ($${params.length + ev.length + 1}, $${params.length - 1}, $${params.length}, 1)
         on conflict (tenant_id, scope, year) do update set last = letter_counters.last + 1 returning last), `
    : '';
  const rows = list.map((_, i) => `(${placeholders(params.length + 1 + i * 15, 15)})`).join(', ');
  const sql = `with ${n}r as (${insertSql}), e as (insert into ${EVENT_COLUMNS} values ${rows}) select * from r`;
  return (await tx.query(sql, counter ? [...params, ...ev, tenantId] : [...params, ...ev])).rows[0];
}

export async function nextNumber(tx: Queryable, tenantId: string, scope: string, year: number): Promise<number> {
  const r = await tx.query(
    `insert into letter_counters(tenant_id, scope, year, last) values ($1,$2,$3,1)
     on conflict (tenant_id, scope, year) do update set last = letter_counters.last + 1 returning last`,
    [tenantId, scope, year],
  );
  return r.rows[0].last as number;
}

/** The history of a record, each event with its readable name and status names (`machine`: the record's lifecycle). */
export async function eventsOf(db: Queryable, tenantId: string, entity: string, id: string, machine: EventLabelSource | null) {
  const rows = (
    await db.query(
      `select e.*, u.full_name actor_name, u.kind actor_kind from letter_events e left join users u on u.id = e.actor_id
        where e.tenant_id=$1 and e.entity=$2 and e.entity_id=$3 order by e.id`,
      [tenantId, entity, id],
    )
  ).rows;
  return rows.map((e: any) => ({
    action: e.action,
    actionLabel: eventActionLabel(machine, e.action),
    at: iso(e.at),
    // A citizen's own online step names no one: the sender may be a protected denouncer.
    actor: e.actor_kind === 'staff' ? (e.actor_name ?? null) : e.actor_kind ? 'Công dân (trực tuyến)' : null,
    from: e.from_status,
    to: e.to_status,
    fromLabel: eventStatusLabel(machine, e.from_status),
    toLabel: eventStatusLabel(machine, e.to_status),
    reason: e.reason,
    legalBasis: e.legal_basis,
    formKey: e.form_key,
    dueBefore: iso(e.due_before),
    dueAfter: iso(e.due_after),
    data: e.data,
  }));
}

// ------------------------------------------------------------------ checks and errors

/** The version the client read must be the current one. */
export function checkVersion(current: number, given: number | undefined): void {
  if (given !== undefined && current !== given) throw staleVersion();
}

/** A machine refusal as an HTTP error. */
export function refusalError(status: 400 | 403 | 409, r: Refusal): AppError {
  if (status === 403) return forbidden(r.message, r.messageVi);
  if (status === 400) return new AppError(400, r.code, r.message, r.messageVi);
  return conflict(r.code, r.message, r.messageVi);
}

/**
 * The legal time of an action: `at` from the body (recording after the fact) must not be in the
 * future nor before the record's last event; default now.
 */
export function actionTime(given: string | undefined, now: Date, notBefore: Date | null, field = 'at'): Date {
  if (!given) return now;
  const t = new Date(given);
  if (!Number.isFinite(t.getTime())) throw badRequest([fieldError(field, `${field} must be an ISO 8601 instant`, `${field} phải là thời điểm ISO 8601`)]);
  if (t.getTime() > now.getTime() + 60_000) throw badRequest([fieldError(field, `${field} may not be in the future`, `${field} không được ở tương lai`)]);
  if (notBefore && t.getTime() < notBefore.getTime()) {
    throw badRequest([fieldError(field, `${field} may not be before the previous step (${formatLocal(notBefore)})`, `${field} không được trước bước trước đó (${formatLocal(notBefore)})`)]);
  }
  return t;
}

export function fail(fields: FieldError[]): never {
  throw badRequest(fields);
}

export { notFound };

/** The unit row (current) or a 400 naming the field. */
export async function unitRow(db: Queryable, tenantId: string, unitId: string, field: string, actor?: Actor): Promise<any> {
  const r = await memo(actor, `unit:${tenantId}:${unitId}`, async () => (await db.query('select * from units where tenant_id=$1 and id=$2', [tenantId, unitId])).rows[0]);
  if (!r) throw badRequest([fieldError(field, `${field} is not a unit`, `${field} không phải là đơn vị`)]);
  return r;
}

