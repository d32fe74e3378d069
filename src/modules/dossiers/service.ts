/**
 * Dossier transactions: intake on every channel, actions of the transition table, file uploads,
 * and the recomputation of open deadlines after calendar edits. Each write loads the aggregate
 * (row locked), lets the engine apply the rule, and persists the row, its parts and the appended
 * events in ONE transaction; the version written is the version read + 1 (stale → 409).
 */
import crypto from 'node:crypto';
import type { AuthUser, Role } from '../../core/access/roles.js';
import { isValidCitizenId } from '../../core/access/roles.js';
import { type WorkingCalendar, evaluatePauses, localDateOf, parseInstant, recomputeDue, stepDue, toLocalParts } from '../../core/calendar/index.js';
import { formatDossierCode, lookupSecretFrom } from '../../core/codes/index.js';
import { OPEN_STATES, mayAttachFile, mayEditDraft, transitionOf } from '../../core/workflow/index.js';
import type { Db, Queryable } from '../../db/types.js';
import { AppError, badRequest, fieldError, forbidden, notFound, staleVersion, type FieldError } from '../../http/errors.js';
import { loadCalendar } from '../calendar/service.js';
import { loadUser } from '../auth/sessions.js';
import { unitScope } from '../auth/scope.js';
import { discardIfUnreferenced, insertFileRow, writeContent } from '../files/storage.js';
import { getProcedure, getVariant, variantInForceAt, type ProcedureInfo, type VariantInfo } from './catalogue.js';
import { type ActionInput, type EngineActor, type EngineEnv, applyAction, createAggregate, type NewDossierInput } from './engine.js';
import { actorFacts, allUnits, canView, roleScopes } from './policy.js';
import { loadForms, loadRules } from './rules.js';
import {
  type Aggregate,
  COMPONENT_COLUMNS,
  DOSSIER_COLUMNS,
  type DossierRow,
  type DossierRules,
  EVENT_COLUMNS,
  type FormTemplate,
  PAUSE_COLUMNS,
  type PauseRow,
  STEP_COLUMNS,
  type StepRow,
  type ComponentRow,
  fromDb,
  insertSql,
  updateSql,
} from './types.js';

/**
 * The instant the API stamps on actions. Tests may replace `now` to replay legal scenarios on fixed
 * dates; the engine and the calendar core never read the clock themselves.
 */
export const dossierClock = { now: (): Date => new Date() };

// ------------------------------------------------------------------ persistence

/**
 * `search_text` as SQL's `vn_fold` computes it (lower case, Vietnamese diacritics removed, đ → d),
 * built in JS so that a write is one statement.
 */
export function foldVi(s: string): string {
  return s.replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function searchText(d: DossierRow): string {
  return foldVi([d.code ?? '', d.applicantName, d.procedureName, d.applicantCitizenId ?? '', d.applicantTaxCode ?? ''].join(' '));
}

/** Loads a dossier with its steps, pauses and components in one query (`forUpdate` locks the row). */
export async function loadAggregate(db: Queryable, tenantId: string, id: string, forUpdate = false): Promise<Aggregate | null> {
  const r = (
    await db.query(
      `select d.*,
              (select coalesce(max(seq), 0) from dossier_events e where e.dossier_id = d.id) as last_seq,
              (select coalesce(json_agg(s order by s.seq), '[]') from dossier_steps s where s.dossier_id = d.id) as steps_json,
              (select coalesce(json_agg(p order by p.from_at), '[]') from dossier_pauses p where p.dossier_id = d.id) as pauses_json,
              (select coalesce(json_agg(c order by c.position), '[]') from dossier_components c where c.dossier_id = d.id) as components_json
         from dossiers d where d.tenant_id = $1 and d.id = $2 ${forUpdate ? 'for update of d' : ''}`,
      [tenantId, id],
    )
  ).rows[0];
  if (!r) return null;
  const d = fromDb<DossierRow>(DOSSIER_COLUMNS, r);
  return {
    d,
    steps: (r.steps_json as any[]).map((s) => fromDb<StepRow>(STEP_COLUMNS, s)),
    pauses: (r.pauses_json as any[]).map((p) => fromDb<PauseRow>(PAUSE_COLUMNS, p)),
    components: (r.components_json as any[]).map((c) => fromDb<ComponentRow>(COMPONENT_COLUMNS, c)),
    events: [],
    lastSeq: Number(r.last_seq),
    isNew: false,
    loadedVersion: d.version,
    dirtySteps: new Set(),
    dirtyPauses: new Set(),
    dirtyComponents: new Set(),
  };
}

function upsert<T>(table: string, columns: any[], rows: T[], extra: { column: string; cast?: string; value: (r: T) => unknown }[]) {
  const q = insertSql<T>(table, columns, rows, extra);
  const sets = columns.filter((c: any) => c[1] !== 'id').map((c: any) => `${c[1]}=excluded.${c[1]}`);
  return { text: `${q.text} on conflict (id) do update set ${sets.join(', ')}`, values: q.values };
}

/** Rows per multi-row statement, under PostgreSQL's 65,535 parameters. */
function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(30_000 / columns));
}
function chunks<T>(list: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

/** Writes a unit of work: the row (insert, or update guarded by the version read), parts and events. */
export async function persist(tx: Queryable, agg: Aggregate): Promise<void> {
  await persistMany(tx, [agg]);
}

/** Writes several aggregates with multi-row statements (the demo generator's batches). */
export async function persistMany(tx: Queryable, aggs: Aggregate[]): Promise<void> {
  const fresh = aggs.filter((a) => a.isNew);
  const old = aggs.filter((a) => !a.isNew);
  for (const a of fresh) a.d.version = 1;
  for (const part of chunks(fresh, rowsPerStatement(DOSSIER_COLUMNS.length + 1))) {
    const q = insertSql('dossiers', DOSSIER_COLUMNS, part.map((a) => a.d), [{ column: 'search_text', value: (d) => searchText(d) }]);
    await tx.query(q.text, q.values);
  }
  for (const a of old) {
    a.d.version = a.loadedVersion + 1;
    const q = updateSql('dossiers', DOSSIER_COLUMNS, a.d, ['id', 'tenant_id', 'created_at', 'created_by']);
    q.values.push(searchText(a.d));
    q.text = q.text.replace(' where id=$1', `, search_text=$${q.values.length} where id=$1`);
    q.values.push(a.loadedVersion);
    const r = await tx.query(`${q.text} and version=$${q.values.length}`, q.values);
    if (r.rowCount !== 1) throw staleVersion();
  }
  const tenantOf = (a: Aggregate) => a.d.tenantId;
  const comps = aggs.flatMap((a) => a.components.filter((c) => a.isNew || a.dirtyComponents.has(c.id)).map((c) => ({ ...c, _a: a })));
  for (const part of chunks(comps, rowsPerStatement(COMPONENT_COLUMNS.length + 2))) {
    const q = upsert('dossier_components', COMPONENT_COLUMNS, part, [
      { column: 'tenant_id', value: (c: any) => tenantOf(c._a) },
      { column: 'dossier_id', cast: '::uuid', value: (c: any) => c._a.d.id },
    ]);
    await tx.query(q.text, q.values);
  }
  const steps = aggs.flatMap((a) => a.steps.filter((s) => a.dirtySteps.has(s.id)).map((s) => ({ ...s, _a: a })));
  for (const part of chunks(steps, rowsPerStatement(STEP_COLUMNS.length + 2))) {
    const q = upsert('dossier_steps', STEP_COLUMNS, part, [
      { column: 'tenant_id', value: (s: any) => tenantOf(s._a) },
      { column: 'dossier_id', cast: '::uuid', value: (s: any) => s._a.d.id },
    ]);
    await tx.query(q.text, q.values);
  }
  const pauses = aggs.flatMap((a) => a.pauses.filter((p) => a.dirtyPauses.has(p.id)).map((p) => ({ ...p, _a: a })));
  for (const part of chunks(pauses, rowsPerStatement(PAUSE_COLUMNS.length + 2))) {
    const q = upsert('dossier_pauses', PAUSE_COLUMNS, part, [
      { column: 'tenant_id', value: (p: any) => tenantOf(p._a) },
      { column: 'dossier_id', cast: '::uuid', value: (p: any) => p._a.d.id },
    ]);
    await tx.query(q.text, q.values);
  }
  const events = aggs.flatMap((a) => a.events.map((e) => ({ ...e, _a: a })));
  for (const part of chunks(events, rowsPerStatement(EVENT_COLUMNS.length + 2))) {
    const q = insertSql('dossier_events', EVENT_COLUMNS, part, [
      { column: 'tenant_id', value: (e: any) => tenantOf(e._a) },
      { column: 'dossier_id', cast: '::uuid', value: (e: any) => e._a.d.id },
    ]);
    await tx.query(q.text, q.values);
  }
  const timelines = aggs
    .map((a) => ({ id: a.d.id, items: a.events.filter((e) => e.public).map((e) => ({ action: e.action, at: e.at.toISOString() })) }))
    .filter((t) => t.items.length > 0);
  if (timelines.length > 0) {
    await tx.query(
      `update dossiers d set public_timeline = d.public_timeline || v.items
         from (select unnest($1::uuid[]) id, unnest($2::jsonb[]) items) v where d.id = v.id`,
      [timelines.map((t) => t.id), timelines.map((t) => JSON.stringify(t.items))],
    );
  }
  for (const a of aggs) {
    a.isNew = false;
    a.loadedVersion = a.d.version;
    a.events = [];
    a.dirtySteps.clear();
    a.dirtyPauses.clear();
    a.dirtyComponents.clear();
  }
}

// ------------------------------------------------------------------ counters

/**
 * Takes `count` consecutive values of the receiving unit's daily sequence: the counter row is
 * incremented in the caller's transaction (row lock until commit), so codes are unique and
 * gap-free under concurrency; a rolled-back transaction gives its values back. Never MAX()+1.
 */
export async function allocateCodes(tx: Queryable, tenantId: string, unitId: string, unitCode: string, at: Date, width: number, count = 1) {
  const day = localDateOf(at);
  const r = await tx.query(
    `insert into dossier_code_counters(tenant_id, unit_id, day, last_value) values ($1,$2,$3,$4)
     on conflict (tenant_id, unit_id, day) do update set last_value = dossier_code_counters.last_value + excluded.last_value
     returning last_value`,
    [tenantId, unitId, day, count],
  );
  const last = Number(r.rows[0].last_value);
  const out: { code: string; day: string; seq: number }[] = [];
  for (let seq = last - count + 1; seq <= last; seq++) out.push({ code: formatDossierCode(unitCode, day, seq, width), day, seq });
  return out;
}

/** The register (Sổ theo dõi hồ sơ) number, continuous through the year per receiving unit. */
export async function allocateRegisterNos(tx: Queryable, tenantId: string, unitId: string, at: Date, count = 1) {
  const year = toLocalParts(at).year;
  const r = await tx.query(
    `insert into dossier_register_counters(tenant_id, unit_id, year, last_value) values ($1,$2,$3,$4)
     on conflict (tenant_id, unit_id, year) do update set last_value = dossier_register_counters.last_value + excluded.last_value
     returning last_value`,
    [tenantId, unitId, year, count],
  );
  const last = Number(r.rows[0].last_value);
  return Array.from({ length: count }, (_, i) => ({ year, no: last - count + 1 + i }));
}

export function newLookupSecret(): string {
  return lookupSecretFrom(crypto.randomBytes(8));
}

// ------------------------------------------------------------------ environment

interface UnitInfo {
  id: string;
  code: string;
  name: string;
  kind: string;
}
const unitCache = new Map<string, { at: number; byId: Map<string, UnitInfo>; byCode: Map<string, UnitInfo> }>();

/** Current units of a tenant (cached for a minute). */
export async function unitsOf(db: Queryable, tenantId: string) {
  const hit = unitCache.get(tenantId);
  if (hit && Date.now() - hit.at < 60_000) return hit;
  const rows = (await db.query('select id, code, name, kind, valid_to from units where tenant_id=$1 order by valid_from', [tenantId])).rows;
  const byId = new Map<string, UnitInfo>();
  const byCode = new Map<string, UnitInfo>();
  for (const r of rows) {
    const u = { id: r.id, code: r.code, name: r.name, kind: r.kind };
    byId.set(r.id, u);
    if (!r.valid_to) byCode.set(r.code, u);
  }
  const entry = { at: Date.now(), byId, byCode };
  unitCache.set(tenantId, entry);
  return entry;
}

export async function calendarVersion(db: Queryable, tenantId: string): Promise<number> {
  const r = await db.query('select version from calendar_state where tenant_id=$1', [tenantId]);
  return Number(r.rows[0]?.version ?? 0);
}

export interface ServiceActor {
  user: AuthUser;
  scopes: Map<Role, Set<string>>;
}

export function engineActor(user: AuthUser, unitId: string | null): EngineActor {
  return { id: user.id, name: user.fullName, unitId };
}

/** The unit the user acts for on this dossier (the first of their grants that covers it). */
function actingUnit(a: ServiceActor, agg: Aggregate): string | null {
  const d = agg.d;
  for (const u of [d.holderUnitId, d.receivingUnitId, d.competentUnitId, ...agg.steps.map((s) => s.unitId)]) {
    if (u && allUnits(a.scopes).has(u)) return u;
  }
  return null;
}

export interface LoadedContext {
  rules: DossierRules;
  forms: FormTemplate[];
  calendar: WorkingCalendar;
  calendarVersion: number;
  resolveUnit: (code: string) => string | null;
}

export async function loadContext(db: Queryable, tenantId: string, calendarUnitId: string | null, at: Date): Promise<LoadedContext> {
  const [rules, forms, calendar, version, units] = [
    await loadRules(db, tenantId, at),
    await loadForms(db, tenantId),
    await loadCalendar(db, tenantId, calendarUnitId),
    await calendarVersion(db, tenantId),
    await unitsOf(db, tenantId),
  ];
  return { rules, forms, calendar, calendarVersion: version, resolveUnit: (code) => units.byCode.get(code)?.id ?? null };
}

function envFor(ctx: LoadedContext, a: ServiceActor, agg: Aggregate, variant: VariantInfo, now: Date): EngineEnv {
  const facts = actorFacts(a.user, a.scopes, agg);
  return {
    now,
    actor: engineActor(a.user, actingUnit(a, agg)),
    facts,
    scopeUnits: allUnits(a.scopes),
    calendar: ctx.calendar,
    calendarVersion: ctx.calendarVersion,
    rules: ctx.rules,
    variant,
    forms: ctx.forms,
    resolveUnit: ctx.resolveUnit,
  };
}

// ------------------------------------------------------------------ intake

export interface ApplicantBody {
  kind?: 'citizen' | 'organisation';
  name: string;
  citizenId?: string;
  taxCode?: string;
  address?: string;
  phone?: string;
  email?: string;
  representativeName?: string;
}

export interface IntakeBody {
  procedureId: string;
  variantId?: string;
  channel?: 'counter' | 'postal';
  receivingUnitId?: string;
  competentUnitId?: string;
  applicant: ApplicantBody;
  summary?: string;
  setsCount?: number;
  components: { code: string; originals?: number; certifiedCopies?: number; copies?: number; provided?: boolean; fromDataStore?: boolean; note?: string }[];
  returnChannel?: 'counter' | 'post' | 'online';
  returnAddress?: string;
  returnPhone?: string;
  postal?: { operator: string; slipNo: string; handoverNo: string; signedAt: string; senderAddress?: string };
  outcome: 'accept' | 'supplement' | 'refuse';
  reason?: string;
  items?: { code: string; note?: string }[];
}

function applicantChecks(a: ApplicantBody, prefix = 'applicant'): FieldError[] {
  const f: FieldError[] = [];
  const kind = a.kind ?? 'citizen';
  if (kind === 'citizen' && a.citizenId !== undefined && !isValidCitizenId(a.citizenId)) {
    f.push(fieldError(`${prefix}.citizenId`, `${prefix}.citizenId must be 12 digits`, 'Số CCCD phải gồm 12 chữ số'));
  }
  if (kind === 'organisation' && !a.taxCode) {
    f.push(fieldError(`${prefix}.taxCode`, `${prefix}.taxCode is required for an organisation`, 'Tổ chức cần có mã số thuế'));
  }
  if (a.taxCode !== undefined && !/^\d{10}(-\d{3})?$/.test(a.taxCode)) {
    f.push(fieldError(`${prefix}.taxCode`, `${prefix}.taxCode must be 10 digits (or 10-3)`, 'Mã số thuế phải gồm 10 chữ số (hoặc 10-3)'));
  }
  if (!a.name.trim()) f.push(fieldError(`${prefix}.name`, `${prefix}.name is required`, 'Cần nhập họ tên người nộp'));
  return f;
}

async function procedureFor(tx: Queryable, tenantId: string, procedureId: string): Promise<ProcedureInfo> {
  const p = await getProcedure(tx, tenantId, procedureId);
  if (!p) throw badRequest([fieldError('procedureId', 'procedureId does not exist', 'Thủ tục hành chính không tồn tại')]);
  if (p.status !== 'published') {
    throw badRequest([fieldError('procedureId', 'the procedure is not published for intake', 'Thủ tục hành chính không còn được tiếp nhận (chưa công bố hoặc đã bãi bỏ)')]);
  }
  return p;
}

function competentUnitFor(p: ProcedureInfo, receivingUnitId: string, requested?: string): string | null {
  const competent = p.units.filter((u) => u.role === 'competent').map((u) => u.unitId);
  if (requested) {
    if (competent.length && !competent.includes(requested)) {
      throw badRequest([fieldError('competentUnitId', 'competentUnitId is not a competent unit of this procedure', 'Đơn vị này không có thẩm quyền giải quyết thủ tục')]);
    }
    return requested;
  }
  if (competent.includes(receivingUnitId)) return receivingUnitId;
  return competent[0] ?? receivingUnitId;
}

/**
 * Registration at the counter or from the post: the dossier gets its code, then the officer's
 * outcome applies (accept → Form 01, supplement → Form 02, refuse → Form 03) in the same transaction.
 */
/**
 * Counter intake (Mẫu 01, 02 or 03). With `dryRun` nothing is allocated or written: the counter
 * screen's live appointment runs exactly this path, so what it shows is what the receipt prints.
 */
export async function registerIntake(tx: Queryable, a: ServiceActor, body: IntakeBody, now: Date, opts: { dryRun?: boolean } = {}): Promise<{ agg: Aggregate; formKey: string }> {
  const tenantId = a.user.tenantId;
  const errors = applicantChecks(body.applicant);
  const channel: 1 | 3 = body.channel === 'postal' ? 3 : 1;
  let signedAt: Date | null = null;
  if (channel === 3) {
    if (!body.postal) errors.push(fieldError('postal', 'postal (hand-over record) is required for a postal dossier', 'Cần nhập thông tin biên bản giao nhận của bưu chính'));
    else {
      signedAt = parseInstant(body.postal.signedAt);
      if (!signedAt) errors.push(fieldError('postal.signedAt', 'postal.signedAt must be a date-time', 'Thời điểm ký biên bản giao nhận không hợp lệ'));
      else if (signedAt.getTime() > now.getTime()) errors.push(fieldError('postal.signedAt', 'postal.signedAt cannot be in the future', 'Thời điểm ký biên bản không được ở tương lai'));
      else if (now.getTime() - signedAt.getTime() > 60 * 86_400_000) errors.push(fieldError('postal.signedAt', 'postal.signedAt is more than 60 days ago', 'Thời điểm ký biên bản đã quá 60 ngày'));
    }
  } else if (body.postal) {
    errors.push(fieldError('postal', 'postal is only for channel "postal"', 'Thông tin bưu chính chỉ dùng cho hồ sơ nộp qua bưu chính'));
  }
  if ((body.returnChannel ?? 'counter') === 'post' && !body.returnAddress) {
    errors.push(fieldError('returnAddress', 'returnAddress is required to return the result by post', 'Cần nhập địa chỉ nhận kết quả qua bưu chính'));
  }
  if (body.outcome !== 'accept' && !(body.reason && body.reason.trim())) {
    errors.push(fieldError('reason', 'reason is required for a supplement request or a refusal', 'Cần nêu lý do yêu cầu bổ sung hoặc từ chối'));
  }
  if (body.outcome === 'supplement' && !(body.items && body.items.length)) {
    errors.push(fieldError('items', 'items must list the components to supplement', 'Cần nêu thành phần hồ sơ cần bổ sung'));
  }
  const counterUnits = a.scopes.get('counter_officer') ?? new Set<string>();
  const receivingUnitId = body.receivingUnitId ?? a.user.roles.find((r) => r.role === 'counter_officer' && r.unitId)?.unitId ?? null;
  if (!receivingUnitId || !counterUnits.has(receivingUnitId)) {
    errors.push(fieldError('receivingUnitId', 'receivingUnitId must be a unit where you receive dossiers', 'Đơn vị tiếp nhận phải là đơn vị bạn được giao tiếp nhận hồ sơ'));
  }
  if (errors.length) throw badRequest(errors);
  const procedure = await procedureFor(tx, tenantId, body.procedureId);
  if (channel === 3 && !(procedure.postal === 'send' || procedure.postal === 'both')) {
    throw badRequest([fieldError('channel', 'this procedure cannot be submitted by post', 'Thủ tục này không được nộp hồ sơ qua bưu chính (yêu cầu có mặt trực tiếp)')]);
  }
  const receiptAt = signedAt ?? now;
  const variant = await variantInForceAt(tx, tenantId, procedure.id, receiptAt, body.variantId ?? null);
  if (!variant) throw badRequest([fieldError(body.variantId ? 'variantId' : 'procedureId', 'no case of this procedure is in force at the receipt time', 'Không có trường hợp của thủ tục có hiệu lực tại thời điểm tiếp nhận')]);
  const competentUnitId = competentUnitFor(procedure, receivingUnitId as string, body.competentUnitId);
  const units = await unitsOf(tx, tenantId);
  if (competentUnitId && !units.byId.has(competentUnitId)) throw badRequest([fieldError('competentUnitId', 'competentUnitId does not exist', 'Đơn vị giải quyết không tồn tại')]);
  const ctx = await loadContext(tx, tenantId, receivingUnitId, now);
  const unit = units.byId.get(receivingUnitId as string) as UnitInfo;
  const [code] = opts.dryRun
    ? [{ code: formatDossierCode(unit.code, localDateOf(now), 1, ctx.rules.codeWidth), day: localDateOf(now), seq: 1 }]
    : await allocateCodes(tx, tenantId, unit.id, unit.code, now, ctx.rules.codeWidth);
  const input: NewDossierInput = {
    tenantId,
    procedure: { id: procedure.id, name: procedure.name, fieldId: procedure.fieldId, cutoffTime: procedure.cutoffTime },
    receivingUnitId: receivingUnitId as string,
    competentUnitId,
    channel,
    returnChannel: body.returnChannel ?? 'counter',
    applicant: {
      kind: body.applicant.kind === 'organisation' ? 2 : 1,
      name: body.applicant.name,
      citizenId: body.applicant.citizenId ?? null,
      taxCode: body.applicant.taxCode ?? null,
      address: body.applicant.address ?? null,
      phone: body.applicant.phone ?? null,
      email: body.applicant.email ?? null,
      representativeName: body.applicant.representativeName ?? null,
      userId: body.applicant.citizenId && !opts.dryRun ? await citizenAccount(tx, tenantId, body.applicant.citizenId) : null,
    },
    summary: body.summary ?? null,
    setsCount: body.setsCount,
    components: body.components,
    returnAddress: body.returnAddress ?? null,
    returnPhone: body.returnPhone ?? null,
    postal: body.postal && signedAt ? { ...body.postal, signedAt, senderAddress: body.postal.senderAddress ?? null } : null,
    lookupSecret: newLookupSecret(),
  };
  const provisional: Aggregate = { d: { receivingUnitId, holderUnitId: receivingUnitId, competentUnitId } as DossierRow, steps: [] } as unknown as Aggregate;
  const env = envFor(ctx, a, provisional, variant, now);
  env.actor.unitId = receivingUnitId;
  env.alloc = { code };
  const agg = createAggregate(input, env);
  const facts = actorFacts(a.user, a.scopes, agg);
  let formKey = 'receipt';
  if (body.outcome === 'accept') {
    const [registerNo] = opts.dryRun ? [{ year: toLocalParts(receiptAt).year, no: 1 }] : await allocateRegisterNos(tx, tenantId, unit.id, receiptAt);
    applyAction(agg, 'accept', {}, { ...env, facts, alloc: { registerNo } });
  } else if (body.outcome === 'supplement') {
    applyAction(agg, 'request_intake_supplement', { reason: body.reason, items: body.items }, { ...env, facts });
    formKey = 'supplement_request';
  } else {
    applyAction(agg, 'refuse_intake', { reason: body.reason }, { ...env, facts });
    formKey = 'intake_refusal';
  }
  if (!opts.dryRun) await persist(tx, agg);
  return { agg, formKey };
}

/** The citizen account registered with this CCCD, if any (so the citizen sees the dossier online). */
async function citizenAccount(tx: Queryable, tenantId: string, citizenId: string): Promise<string | null> {
  const r = await tx.query("select id from users where tenant_id=$1 and citizen_id=$2 and kind <> 'staff' and active", [tenantId, citizenId]);
  return r.rows[0]?.id ?? null;
}

export interface DraftBody {
  procedureId: string;
  variantId?: string;
  receivingUnitId: string;
  summary?: string;
  applicant?: Partial<ApplicantBody>;
  components?: IntakeBody['components'];
  returnChannel?: 'counter' | 'post' | 'online';
  returnAddress?: string;
  returnPhone?: string;
}

/** A citizen's online draft (no code yet: the code is assigned at submission). */
export async function createDraft(tx: Queryable, a: ServiceActor, body: DraftBody, now: Date): Promise<Aggregate> {
  const user = a.user;
  const tenantId = user.tenantId;
  const procedure = await procedureFor(tx, tenantId, body.procedureId);
  if (procedure.onlineLevel === 'none') {
    throw badRequest([fieldError('procedureId', 'this procedure is not offered online', 'Thủ tục này chưa cung cấp dịch vụ công trực tuyến')]);
  }
  const units = await unitsOf(tx, tenantId);
  const receiving = procedure.units.filter((u) => u.role === 'receiving').map((u) => u.unitId);
  const unit = units.byId.get(body.receivingUnitId);
  if (!unit || (receiving.length ? !receiving.includes(unit.id) : !['service_centre', 'commune'].includes(unit.kind))) {
    throw badRequest([fieldError('receivingUnitId', 'receivingUnitId does not receive this procedure', 'Đơn vị này không tiếp nhận thủ tục đã chọn')]);
  }
  const ap = body.applicant ?? {};
  const applicant: ApplicantBody = {
    kind: user.kind === 'business' ? 'organisation' : 'citizen',
    name: ap.name ?? user.fullName,
    citizenId: user.citizenId ?? undefined,
    taxCode: user.taxCode ?? undefined,
    address: ap.address,
    phone: ap.phone,
    email: ap.email,
    representativeName: ap.representativeName,
  };
  const errors = applicantChecks(applicant);
  if ((body.returnChannel ?? 'online') === 'post' && !body.returnAddress) {
    errors.push(fieldError('returnAddress', 'returnAddress is required to return the result by post', 'Cần nhập địa chỉ nhận kết quả qua bưu chính'));
  }
  if (errors.length) throw badRequest(errors);
  const variant = await variantInForceAt(tx, tenantId, procedure.id, now, body.variantId ?? null);
  if (!variant) throw badRequest([fieldError(body.variantId ? 'variantId' : 'procedureId', 'no case of this procedure is in force', 'Không có trường hợp của thủ tục đang có hiệu lực')]);
  const ctx = await loadContext(tx, tenantId, unit.id, now);
  const input: NewDossierInput = {
    tenantId,
    procedure: { id: procedure.id, name: procedure.name, fieldId: procedure.fieldId, cutoffTime: procedure.cutoffTime },
    receivingUnitId: unit.id,
    competentUnitId: competentUnitFor(procedure, unit.id),
    channel: 2,
    returnChannel: body.returnChannel ?? 'online',
    applicant: {
      kind: applicant.kind === 'organisation' ? 2 : 1,
      name: applicant.name,
      citizenId: applicant.citizenId ?? null,
      taxCode: applicant.taxCode ?? null,
      address: applicant.address ?? null,
      phone: applicant.phone ?? null,
      email: applicant.email ?? null,
      representativeName: applicant.representativeName ?? null,
      userId: user.id,
    },
    summary: body.summary ?? null,
    components: body.components ?? [],
    returnAddress: body.returnAddress ?? null,
    returnPhone: body.returnPhone ?? null,
    lookupSecret: newLookupSecret(),
  };
  const provisional = { d: { receivingUnitId: unit.id, holderUnitId: unit.id, applicantUserId: user.id, status: 'draft' }, steps: [] } as unknown as Aggregate;
  const env = envFor(ctx, a, provisional, variant, now);
  const agg = createAggregate(input, env);
  await persist(tx, agg);
  return agg;
}

/** Updates a draft (applicant only, with the version read). */
export async function updateDraft(tx: Queryable, a: ServiceActor, id: string, body: Partial<DraftBody> & { version: number }, now: Date): Promise<Aggregate> {
  const agg = await loadVisible(tx, a, id, true);
  const facts = actorFacts(a.user, a.scopes, agg);
  if (!mayEditDraft(agg.d.status, facts)) {
    if (!facts.isApplicant) throw forbidden();
    throw new AppError(409, 'illegal_transition', 'Only a draft can be edited', 'Chỉ sửa được hồ sơ nháp');
  }
  if (agg.d.version !== body.version) throw staleVersion();
  const d = agg.d;
  if (body.summary !== undefined) d.summary = body.summary;
  if (body.returnChannel !== undefined) d.returnChannel = body.returnChannel;
  if (body.returnAddress !== undefined) d.returnAddress = body.returnAddress;
  if (body.returnPhone !== undefined) d.returnPhone = body.returnPhone;
  if (body.applicant) {
    if (body.applicant.address !== undefined) d.applicantAddress = body.applicant.address;
    if (body.applicant.phone !== undefined) d.applicantPhone = body.applicant.phone;
    if (body.applicant.email !== undefined) d.applicantEmail = body.applicant.email;
    if (body.applicant.representativeName !== undefined) d.representativeName = body.applicant.representativeName;
  }
  if (d.returnChannel === 'post' && !d.returnAddress) {
    throw badRequest([fieldError('returnAddress', 'returnAddress is required to return the result by post', 'Cần nhập địa chỉ nhận kết quả qua bưu chính')]);
  }
  for (const [i, c] of (body.components ?? []).entries()) {
    const row = agg.components.find((x) => x.code === c.code);
    if (!row) throw badRequest([fieldError(`components.${i}.code`, `components.${i}.code '${c.code}' is not a component of this dossier`, `Thành phần '${c.code}' không thuộc hồ sơ này`)]);
    if (c.fromDataStore !== undefined) row.fromDataStore = c.fromDataStore;
    if (c.note !== undefined) row.note = c.note;
    row.provided = row.fromDataStore || row.fileIds.length > 0;
    agg.dirtyComponents.add(row.id);
  }
  d.updatedAt = now;
  await persist(tx, agg);
  return agg;
}

// ------------------------------------------------------------------ actions

export async function loadVisible(tx: Queryable, a: ServiceActor, id: string, forUpdate: boolean): Promise<Aggregate> {
  const agg = await loadAggregate(tx, a.user.tenantId, id, forUpdate);
  if (!agg || !canView(a.user, a.scopes, agg)) throw notFound('Dossier', 'Hồ sơ');
  return agg;
}

export interface ActionBody {
  version: number;
  reason?: string;
  legalBasis?: string;
  note?: string;
  justification?: string;
  items?: { code: string; note?: string }[];
  handlerId?: string;
  toStep?: string;
  newDueAt?: string;
  agencies?: { unitId: string; task: string; budgetHours: number; lead?: boolean }[];
  mode?: 'sequential' | 'parallel';
  consultee?: { unitId?: string; name: string };
  responseWorkingDays?: number;
  responseDueAt?: string;
  taskId?: string;
  answer?: string;
  fees?: { code?: string; name: string; amount: number; kind?: string }[];
  payment?: { method?: string; reference?: string; online?: 0 | 1 | 2 };
  postal?: { operator: string; slipNo: string; address?: string; phone?: string };
  returnMode?: 'counter' | 'online';
  recipientName?: string;
  authorised?: boolean;
  deliveredAt?: string;
  notifyChannel?: string;
  components?: { code: string; provided?: boolean; originals?: number; certifiedCopies?: number; copies?: number }[];
}

function instantField(v: string | undefined, field: string): Date | undefined {
  if (v === undefined) return undefined;
  const d = parseInstant(v);
  if (!d) throw badRequest([fieldError(field, `${field} must be an ISO 8601 date-time`, `${field} phải là thời điểm hợp lệ (ISO 8601)`)]);
  return d;
}

/** Resolves ids in the body (handler, agencies, consultee) against the database. */
async function resolveInput(tx: Queryable, a: ServiceActor, agg: Aggregate, action: string, b: ActionBody): Promise<ActionInput> {
  const tenantId = a.user.tenantId;
  const input: ActionInput = {
    version: b.version,
    reason: b.reason,
    legalBasis: b.legalBasis,
    note: b.note,
    justification: b.justification,
    items: b.items,
    toStep: b.toStep,
    newDueAt: instantField(b.newDueAt, 'newDueAt'),
    mode: b.mode,
    responseWorkingDays: b.responseWorkingDays,
    responseDueAt: instantField(b.responseDueAt, 'responseDueAt'),
    taskId: b.taskId,
    answer: b.answer,
    fees: b.fees,
    payment: b.payment,
    postal: b.postal,
    returnMode: b.returnMode,
    recipientName: b.recipientName,
    authorised: b.authorised,
    deliveredAt: instantField(b.deliveredAt, 'deliveredAt'),
    notifyChannel: b.notifyChannel,
    components: b.components,
  };
  if (action === 'assign' && b.handlerId) {
    const u = await loadUser(tx, b.handlerId);
    const holder = agg.d.holderUnitId;
    let ok = false;
    if (u && u.tenantId === tenantId && holder) ok = (await unitScope(tx, u, ['specialist', 'leader'])).includes(holder);
    if (!u || !ok) {
      throw badRequest([fieldError('handlerId', 'handlerId must be a specialist or leader of the unit holding the dossier', 'Người xử lý phải là chuyên viên hoặc lãnh đạo của đơn vị đang giữ hồ sơ')]);
    }
    input.handler = { id: u.id, name: u.fullName };
  }
  if (action === 'send_interagency' && b.agencies) {
    const units = await unitsOf(tx, tenantId);
    const errors: FieldError[] = [];
    b.agencies.forEach((ag, i) => {
      if (!units.byId.has(ag.unitId)) errors.push(fieldError(`agencies.${i}.unitId`, `agencies.${i}.unitId does not exist`, 'Cơ quan phối hợp không tồn tại'));
      else if (ag.unitId === agg.d.holderUnitId) errors.push(fieldError(`agencies.${i}.unitId`, `agencies.${i}.unitId is the unit already holding the dossier`, 'Cơ quan phối hợp không được trùng đơn vị đang giữ hồ sơ'));
    });
    if (new Set(b.agencies.map((x) => x.unitId)).size !== b.agencies.length) errors.push(fieldError('agencies', 'an agency is listed twice', 'Có cơ quan phối hợp bị lặp'));
    if (errors.length) throw badRequest(errors);
    input.agencies = b.agencies.map((ag) => ({ ...ag, name: (units.byId.get(ag.unitId) as UnitInfo).name }));
  }
  if (action === 'consult' && b.consultee) {
    if (b.consultee.unitId) {
      const units = await unitsOf(tx, tenantId);
      if (!units.byId.has(b.consultee.unitId)) throw badRequest([fieldError('consultee.unitId', 'consultee.unitId does not exist', 'Cơ quan được lấy ý kiến không tồn tại')]);
    }
    input.consultee = { unitId: b.consultee.unitId ?? null, name: b.consultee.name };
  }
  return input;
}

/** Applies an action of the transition table to a dossier, in the caller's transaction. */
export async function performAction(tx: Queryable, a: ServiceActor, id: string, action: string, body: ActionBody, now: Date): Promise<Aggregate> {
  const def = transitionOf(action);
  if (!def) throw new AppError(404, 'unknown_action', `Unknown action: ${action}`, `Không có thao tác: ${action}`);
  const agg = await loadVisible(tx, a, id, true);
  const tenantId = a.user.tenantId;
  const d = agg.d;
  if (body.version !== d.version) throw staleVersion();
  const input = await resolveInput(tx, a, agg, action, body);
  const variant =
    action === 'accept'
      ? ((await variantInForceAt(tx, tenantId, d.procedureId, d.channel === 3 && d.submittedAt ? d.submittedAt : now)) ?? (await getVariant(tx, tenantId, d.variantId)))
      : await getVariant(tx, tenantId, d.variantId);
  if (!variant) throw new AppError(409, 'variant_missing', 'The procedure case of this dossier no longer exists', 'Trường hợp thủ tục của hồ sơ không còn tồn tại');
  const ctx = await loadContext(tx, tenantId, d.calendarUnitId, now);
  const env = envFor(ctx, a, agg, variant, now);
  if (def.effects.includes('assign_code') && !d.code) {
    const units = await unitsOf(tx, tenantId);
    const unit = units.byId.get(d.receivingUnitId) as UnitInfo;
    const [code] = await allocateCodes(tx, tenantId, unit.id, unit.code, now, ctx.rules.codeWidth);
    env.alloc = { ...env.alloc, code };
  }
  if (def.effects.includes('fix_receipt_and_due')) {
    const [registerNo] = await allocateRegisterNos(tx, tenantId, d.receivingUnitId, now);
    env.alloc = { ...env.alloc, registerNo };
  }
  applyAction(agg, action, input, env);
  await persist(tx, agg);
  return agg;
}

// ------------------------------------------------------------------ ratings

export type Rating = 'very_satisfied' | 'satisfied' | 'dissatisfied';

/**
 * Records the one rating of a dossier (opens when the result has been returned): 409
 * `rating_not_open` before that, 409 `already_rated` for a second one.
 */
export async function rateDossier(
  tx: Queryable,
  agg: Aggregate,
  r: { rating: Rating; channel: 'online' | 'counter_device' | 'paper'; comment?: string | null; ratedBy: string | null },
  now: Date,
): Promise<{ rating: Rating; at: Date }> {
  if (!agg.d.returnedAt) {
    throw new AppError(409, 'rating_not_open', 'Rating opens when the result has been returned', 'Chỉ đánh giá được sau khi đã nhận kết quả');
  }
  const officer = (
    await tx.query("select actor_id from dossier_events where dossier_id=$1 and action in ('return_result','confirm_delivery') order by seq desc limit 1", [agg.d.id])
  ).rows[0];
  const res = await tx.query(
    `insert into dossier_ratings(tenant_id, dossier_id, rating, channel, comment, rated_by, officer_id, unit_id, at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9) on conflict (dossier_id) do nothing returning rating, at`,
    [agg.d.tenantId, agg.d.id, r.rating, r.channel, r.comment ?? null, r.ratedBy, officer?.actor_id ?? null, agg.d.receivingUnitId, now],
  );
  if (!res.rowCount) throw new AppError(409, 'already_rated', 'This dossier has already been rated', 'Hồ sơ này đã được đánh giá');
  return res.rows[0];
}

// ------------------------------------------------------------------ files

/**
 * Stores an upload for a component: the content is written first (content-addressed), then the
 * row is inserted and the component updated in one transaction; if that fails, the new content is
 * deleted unless a committed row references its hash.
 */
export async function attachFile(
  db: Db,
  filesDir: string,
  a: ServiceActor,
  id: string,
  componentCode: string,
  buf: Buffer,
  filename: string,
  now: Date,
): Promise<{ agg: Aggregate; fileId: string }> {
  // Check access before touching the disk.
  const pre = await loadVisible(db, a, id, false);
  if (!mayAttachFile(pre.d.status, actorFacts(a.user, a.scopes, pre))) throw forbidden('You may not attach files to this dossier now', 'Bạn không được đính kèm tệp vào hồ sơ này ở trạng thái hiện tại');
  if (!pre.components.some((c) => c.code === componentCode)) {
    throw badRequest([fieldError('component', `component '${componentCode}' is not a component of this dossier`, `Thành phần '${componentCode}' không thuộc hồ sơ này`)]);
  }
  const stored = await writeContent(filesDir, buf, filename);
  try {
    return await db.tx(async (tx) => {
      const agg = await loadVisible(tx, a, id, true);
      const facts = actorFacts(a.user, a.scopes, agg);
      if (!mayAttachFile(agg.d.status, facts)) throw forbidden();
      const comp = agg.components.find((c) => c.code === componentCode) as ComponentRow;
      const fileId = await insertFileRow(tx, stored, { tenantId: a.user.tenantId, uploadedBy: a.user.id, dossierId: agg.d.id, componentCode, at: now });
      comp.fileIds = [...comp.fileIds, fileId];
      comp.provided = true;
      comp.digitised = true;
      agg.dirtyComponents.add(comp.id);
      agg.d.hasDigitisedComponent = true;
      agg.d.updatedAt = now;
      agg.lastSeq += 1;
      agg.events.push({
        seq: agg.lastSeq,
        action: 'attach_file',
        at: now,
        actorId: a.user.id,
        actorName: a.user.fullName,
        actorUnitId: actingUnit(a, agg),
        fromState: agg.d.status,
        toState: agg.d.status,
        stepCode: agg.d.currentStep,
        reason: null,
        legalBasis: null,
        formKey: null,
        formSet: null,
        formNumber: null,
        dueBefore: null,
        dueAfter: null,
        ruleVersion: null,
        public: false,
        data: { fileId, component: componentCode, sha256: stored.sha256, size: stored.sizeBytes, mime: stored.mime, name: stored.originalName },
      });
      await persist(tx, agg);
      return { agg, fileId };
    });
  } catch (err) {
    await discardIfUnreferenced(db, filesDir, stored);
    throw err;
  }
}

/** May the user read this file? (It belongs to a dossier they may see.) */
export async function fileAccess(db: Queryable, user: AuthUser, dossierId: string | null): Promise<boolean> {
  if (!dossierId) return false;
  const agg = await loadAggregate(db, user.tenantId, dossierId, false);
  if (!agg) return false;
  return canView(user, await roleScopes(db, user), agg);
}

// ------------------------------------------------------------------ recompute after calendar edits

export interface DueChange {
  id: string;
  code: string | null;
  oldDue: Date | null;
  newDue: Date | null;
  appliedDue: Date | null;
  changed: boolean;
  stepChanges: { stepId: string; oldDue: Date | null; appliedDue: Date | null }[];
}

function later(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

/** Computes the new dues of an open dossier under `cal` (calendar.md §2.4: later applies, earlier keeps the old). */
function recomputeAggregate(agg: Aggregate, cal: WorkingCalendar): DueChange & { originalDue: Date | null; pauseDue: Date | null } {
  const d = agg.d;
  const pauses = agg.pauses.map((p) => ({ from: p.fromAt, to: p.toAt, reason: p.reason }));
  const inputs = { receivedAt: d.receivedAt as Date, amount: d.durationAmount, unit: d.durationUnit, cutoff: d.cutoffTime, pauses };
  // The legal due follows the core's recompute rule; an open pause keeps the frozen due.
  const e = evaluatePauses(cal, { ...inputs, index766Due: d.originalDueAt });
  const r = recomputeDue({ inputs: { ...inputs, pauses: pauses.filter((p) => p.to !== null) }, oldCalendar: cal, newCalendar: cal, receivedBeforeChange: true, form01PrintedBeforeChange: true, currentDue: d.dueAt });
  const applied = e.openPause ? later(d.dueAt, e.frozenLegalDue) : r.appliedDue;
  const stepChanges: DueChange['stepChanges'] = [];
  for (const s of agg.steps) {
    if (s.status !== 'active' || !s.receivedAt || s.budgetMinutes === null) continue;
    const sd = stepDue(cal, s.receivedAt, s.budgetMinutes, pauses.filter((p) => (p.to ?? new Date(8.64e15)).getTime() > (s.receivedAt as Date).getTime()));
    const next = later(s.dueAt, sd.frozenDue);
    if (next && (!s.dueAt || next.getTime() !== s.dueAt.getTime())) stepChanges.push({ stepId: s.id, oldDue: s.dueAt, appliedDue: next });
  }
  const originalDue = later(d.originalDueAt, e.originalDue);
  const pauseDue = later(d.pauseDueAt, e.frozenPauseDue);
  const changed =
    (applied?.getTime() ?? 0) !== (d.dueAt?.getTime() ?? 0) ||
    (originalDue?.getTime() ?? 0) !== (d.originalDueAt?.getTime() ?? 0) ||
    (pauseDue?.getTime() ?? 0) !== (d.pauseDueAt?.getTime() ?? 0) ||
    stepChanges.length > 0;
  return { id: d.id, code: d.code, oldDue: d.dueAt, newDue: e.frozenLegalDue, appliedDue: applied, changed, stepChanges, originalDue, pauseDue };
}

async function openDossierIds(db: Queryable, tenantId: string, unitId: string | null): Promise<string[]> {
  const r = await db.query(
    `with recursive sub as (
       select id from units where tenant_id=$1 and id=$2
       union select u.id from units u join sub on u.parent_id = sub.id
     )
     select d.id from dossiers d
      where d.tenant_id=$1 and d.received_at is not null and d.ended_at is null and d.status = any($3::text[])
        and ($2::uuid is null or d.calendar_unit_id in (select id from sub))
      order by d.received_at`,
    [tenantId, unitId, OPEN_STATES],
  );
  return r.rows.map((x: any) => x.id);
}

/**
 * Recomputes the due times of OPEN dossiers (and their active steps) from stored inputs with the
 * current calendar after a calendar change; appends `due_recomputed` (old, new, change id) for
 * each dossier that changes. A later due applies; an earlier one keeps max(old, new) (all open
 * dossiers were received before the change); closed dossiers are never touched. Returns the
 * dossiers that changed. `unitId` limits it to dossiers counted on that unit's calendar (and its
 * sub-units); null = all.
 */
export async function recomputeOpenDossiers(db: Db, tenantId: string, unitId: string | null, changeId: string | null): Promise<DueChange[]> {
  const ids = await openDossierIds(db, tenantId, unitId);
  const out: DueChange[] = [];
  for (const part of chunks(ids, 100)) {
    const changed = await db.tx(async (tx) => {
      const list: DueChange[] = [];
      const cals = new Map<string, WorkingCalendar>();
      for (const id of part) {
        const agg = await loadAggregate(tx, tenantId, id, true);
        if (!agg || agg.d.endedAt || !agg.d.receivedAt) continue;
        const key = agg.d.calendarUnitId ?? '-';
        let cal = cals.get(key);
        if (!cal) cals.set(key, (cal = await loadCalendar(tx, tenantId, agg.d.calendarUnitId)));
        const c = recomputeAggregate(agg, cal);
        if (!c.changed) continue;
        const d = agg.d;
        const before = d.dueAt;
        d.dueAt = c.appliedDue;
        d.originalDueAt = c.originalDue;
        d.pauseDueAt = c.pauseDue;
        for (const sc of c.stepChanges) {
          const s = agg.steps.find((x) => x.id === sc.stepId) as StepRow;
          s.dueAt = sc.appliedDue;
          agg.dirtySteps.add(s.id);
        }
        agg.lastSeq += 1;
        agg.events.push({
          seq: agg.lastSeq,
          action: 'due_recomputed',
          at: new Date(),
          actorId: null,
          actorName: 'Hệ thống',
          actorUnitId: null,
          fromState: d.status,
          toState: d.status,
          stepCode: d.currentStep,
          reason: 'Thay đổi lịch làm việc, ngày nghỉ',
          legalBasis: null,
          formKey: null,
          formSet: null,
          formNumber: null,
          dueBefore: before,
          dueAfter: d.dueAt,
          ruleVersion: null,
          public: (before?.getTime() ?? 0) !== (d.dueAt?.getTime() ?? 0),
          data: {
            changeId,
            oldDue: before?.toISOString() ?? null,
            newDue: c.newDue?.toISOString() ?? null,
            appliedDue: d.dueAt?.toISOString() ?? null,
            keptEarlier: !!(c.newDue && before && c.newDue.getTime() < before.getTime()),
            notifyApplicant: !!(before && d.dueAt && d.dueAt.getTime() > before.getTime()),
            steps: c.stepChanges.map((s) => ({ stepId: s.stepId, oldDue: s.oldDue?.toISOString() ?? null, appliedDue: s.appliedDue?.toISOString() ?? null })),
          },
        });
        await persist(tx, agg);
        list.push({ id: c.id, code: c.code, oldDue: before, newDue: c.newDue, appliedDue: d.dueAt, changed: true, stepChanges: c.stepChanges });
      }
      return list;
    });
    out.push(...changed);
  }
  return out;
}

/** Dry run: which open dossiers would change under the calendars `calendarFor` gives (nothing is written). */
export async function previewRecomputeOpenDossiers(
  db: Db,
  tenantId: string,
  unitId: string | null,
  calendarFor: (unitId: string | null) => Promise<WorkingCalendar>,
): Promise<DueChange[]> {
  const ids = await openDossierIds(db, tenantId, unitId);
  const out: DueChange[] = [];
  const cals = new Map<string, WorkingCalendar>();
  for (const id of ids) {
    const agg = await loadAggregate(db, tenantId, id, false);
    if (!agg || agg.d.endedAt || !agg.d.receivedAt) continue;
    const key = agg.d.calendarUnitId ?? '-';
    let cal = cals.get(key);
    if (!cal) cals.set(key, (cal = await calendarFor(agg.d.calendarUnitId)));
    const c = recomputeAggregate(agg, cal);
    if (c.changed) out.push({ id: c.id, code: c.code, oldDue: c.oldDue, newDue: c.newDue, appliedDue: c.appliedDue, changed: true, stepChanges: c.stepChanges });
  }
  return out;
}
