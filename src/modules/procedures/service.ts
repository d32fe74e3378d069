/**
 * The procedure catalogue's transactions: import and export of the whole catalogue, creation and
 * edits by administrators, new variant versions, and `variantInForce`, which the dossier workflow
 * calls to bind a dossier to the rules in force at its legal receipt time.
 *
 * Rules (one-stop.md §1.2, §3): descriptive data of a procedure is a current-state row with a
 * version; everything that binds a dossier lives on immutable, effective-dated variant rows —
 * a change closes the old row (effective_to) and inserts a new one. Every change appends a
 * `procedure_events` row and an `audit_log` row in the same transaction.
 */
import type { Db, Queryable } from '../../db/types.js';
import { AppError, badRequest, conflict, fieldError, notFound, staleVersion, type FieldError } from '../../http/errors.js';
import { audit } from '../audit.js';
import { hoursOf } from '../calendar/service.js';
import { localDateOf } from '../../core/calendar/index.js';
import {
  DEFAULT_HOURS_PER_WORKING_DAY,
  canonicalUnits,
  canonicalVariant,
  changedKeys,
  describeProcedure,
  validateCatalogue,
  validateProcedure,
  validateUnits,
  validateVariant,
  variantKey,
  type CatalogueFile,
  type Issue,
  type ProcedureDescription,
  type ProcedureInput,
  type ProcedureUnits,
  type VariantContent,
  type VariantInput,
} from '../../core/procedures/index.js';
import { CatalogueEnvelope, ProcedureEntry } from './schema.js';
import { shapeIssues, unstorableIssues } from './validate.js';

export type Via = 'api' | 'import' | 'seed' | 'cli';

export interface CatalogueActor {
  userId: string | null;
  ip?: string | null;
  via: Via;
}

/** An import or a write refused whole; `fields` lists every problem with its JSON path. */
export class CatalogueError extends AppError {
  constructor(readonly issues: Issue[]) {
    super(
      400,
      'catalogue_invalid',
      `The catalogue has ${issues.length} error(s); nothing was saved`,
      `Dữ liệu thủ tục có ${issues.length} lỗi; chưa có dữ liệu nào được lưu`,
      issues.map(issueToField),
    );
  }
}

export function issueToField(i: Issue): FieldError {
  return { field: i.path, message: `${i.path}: ${i.message}`, messageVi: `${i.path}: ${i.messageVi}` };
}

// ------------------------------------------------------------------ reference data

interface UnitRef {
  id: string;
  code: string;
}

/** Current units by code (the latest version of each code). */
async function unitsByCode(db: Queryable, tenantId: string, today: string): Promise<Map<string, UnitRef>> {
  const rows = (
    await db.query(
      `select distinct on (code) id, code from units
        where tenant_id=$1 and valid_from <= $2::date and (valid_to is null or valid_to > $2::date)
        order by code, valid_from desc`,
      [tenantId, today],
    )
  ).rows;
  return new Map(rows.map((r: any) => [r.code, { id: r.id, code: r.code }]));
}

async function fieldsByCode(db: Queryable, tenantId: string): Promise<Map<string, { id: string; name: string }>> {
  const rows = (await db.query('select id, code, name from procedure_fields where tenant_id=$1', [tenantId])).rows;
  return new Map(rows.map((r: any) => [r.code, { id: r.id, name: r.name }]));
}

/** Hours in a working day of the province (the default office hours in force `today`). */
export async function hoursPerWorkingDay(db: Queryable, tenantId: string, today: string): Promise<number> {
  const versions = await hoursOf(db, tenantId, null);
  const v = versions.find((h) => h.effectiveFrom <= today && (!h.effectiveTo || h.effectiveTo > today)) ?? versions[versions.length - 1];
  const minutes = v?.minutesPerWorkingDay;
  return minutes ? minutes / 60 : DEFAULT_HOURS_PER_WORKING_DAY;
}

async function lockCatalogue(tx: Queryable, tenantId: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`procedures|${tenantId}`]);
}

// ------------------------------------------------------------------ row mapping

export interface VariantView extends VariantContent {
  id: string;
  procedureId: string;
  position: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdAt: string;
}

export function toVariantView(r: any): VariantView {
  return {
    id: r.id,
    procedureId: r.procedure_id,
    code: r.case_code,
    name: r.name,
    processingAmount: Number(r.processing_amount),
    processingUnit: r.processing_unit,
    onlineProcessingAmount: r.online_processing_amount === null || r.online_processing_amount === undefined ? null : Number(r.online_processing_amount),
    setsCount: r.sets_count,
    components: r.components ?? [],
    fees: r.fees ?? [],
    process: r.process,
    legalBasis: r.legal_basis,
    position: r.position,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
  };
}

function rowDescription(r: any, fieldCode: string): ProcedureDescription {
  return {
    portalCode: r.portal_code,
    localCode: r.local_code,
    name: r.name,
    field: fieldCode,
    level: r.level,
    applicantTypes: r.applicant_types ?? [],
    onlineLevel: r.online_level,
    onlineReason: r.online_reason,
    postal: r.postal,
    cutoffTime: r.cutoff_time,
    immediateResult: r.immediate_result,
    resultDocuments: r.result_documents,
    paperResult: r.paper_result,
    stepsText: r.steps_text,
    methodText: r.method_text,
    requirementsText: r.requirements_text,
    legalBasis: r.legal_basis,
    publicationDecision: r.publication_decision,
    status: r.status,
    effectiveTo: r.effective_to,
  };
}

async function procedureUnitCodes(db: Queryable, tenantId: string, procedureId: string): Promise<Required<ProcedureUnits>> {
  const rows = (
    await db.query(
      `select pu.role, u.code from procedure_units pu join units u on u.id = pu.unit_id
        where pu.tenant_id=$1 and pu.procedure_id=$2 order by u.code`,
      [tenantId, procedureId],
    )
  ).rows;
  const pick = (role: string) => rows.filter((r: any) => r.role === role).map((r: any) => r.code as string);
  return canonicalUnits({ receiving: pick('receiving'), competent: pick('competent'), cooperating: pick('cooperating') });
}

// ------------------------------------------------------------------ writes (inside a transaction)

async function event(
  tx: Queryable,
  tenantId: string,
  procedureId: string,
  actor: CatalogueActor,
  action: 'created' | 'updated' | 'variant_added' | 'variant_closed',
  data: unknown,
  variantId: string | null = null,
  reason: string | null = null,
): Promise<void> {
  await tx.query(
    `insert into procedure_events(tenant_id, procedure_id, variant_id, actor_id, via, action, reason, data) values ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [tenantId, procedureId, variantId, actor.userId, actor.via, action, reason, JSON.stringify(data ?? {})],
  );
}

const SEARCH_TEXT = `vn_fold(concat_ws(' ', $NAME, $CODE, $PORTAL, $LOCAL, (select name from procedure_fields where id = $FIELD)))`;

function searchTextSql(name: string, code: string, portal: string, local: string, field: string): string {
  return SEARCH_TEXT.replace('$NAME', name).replace('$CODE', code).replace('$PORTAL', portal).replace('$LOCAL', local).replace('$FIELD', field);
}

async function insertProcedure(tx: Queryable, tenantId: string, p: ProcedureInput, fieldId: string, effectiveFrom: string, now: Date): Promise<string> {
  const d = describeProcedure(p);
  const r = await tx.query(
    `insert into procedures(tenant_id, national_code, portal_code, local_code, name, field_id, level, applicant_types, online_level,
        online_reason, postal, cutoff_time, immediate_result, result_documents, paper_result, steps_text, method_text,
        requirements_text, legal_basis, publication_decision, status, effective_from, effective_to, search_text, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,
        ${searchTextSql('$5::text', '$2::text', '$3::text', '$4::text', '$6::uuid')}, $24, $24)
     returning id`,
    [
      tenantId,
      p.nationalCode,
      d.portalCode,
      d.localCode,
      d.name,
      fieldId,
      d.level,
      d.applicantTypes,
      d.onlineLevel,
      d.onlineReason,
      d.postal,
      d.cutoffTime,
      d.immediateResult,
      d.resultDocuments,
      d.paperResult,
      d.stepsText,
      d.methodText,
      d.requirementsText,
      d.legalBasis,
      d.publicationDecision,
      d.status,
      effectiveFrom,
      d.effectiveTo,
      now,
    ],
  );
  return r.rows[0].id;
}

async function updateProcedureRow(tx: Queryable, id: string, d: ProcedureDescription, fieldId: string, effectiveFrom: string, now: Date): Promise<void> {
  await tx.query(
    `update procedures set portal_code=$2, local_code=$3, name=$4, field_id=$5, level=$6, applicant_types=$7, online_level=$8,
        online_reason=$9, postal=$10, cutoff_time=$11, immediate_result=$12, result_documents=$13, paper_result=$14,
        steps_text=$15, method_text=$16, requirements_text=$17, legal_basis=$18, publication_decision=$19, status=$20,
        effective_from=$21, effective_to=$22, search_text=${searchTextSql('$4::text', 'national_code', '$2::text', '$3::text', '$5::uuid')},
        version=version+1, updated_at=$23
      where id=$1`,
    [
      id,
      d.portalCode,
      d.localCode,
      d.name,
      fieldId,
      d.level,
      d.applicantTypes,
      d.onlineLevel,
      d.onlineReason,
      d.postal,
      d.cutoffTime,
      d.immediateResult,
      d.resultDocuments,
      d.paperResult,
      d.stepsText,
      d.methodText,
      d.requirementsText,
      d.legalBasis,
      d.publicationDecision,
      d.status,
      effectiveFrom,
      d.effectiveTo,
      now,
    ],
  );
}

async function bumpProcedure(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx.query('update procedures set version=version+1, updated_at=$2 where id=$1', [id, now]);
}

async function replaceUnits(tx: Queryable, tenantId: string, procedureId: string, units: ProcedureUnits, byCode: Map<string, UnitRef>): Promise<void> {
  await tx.query('delete from procedure_units where tenant_id=$1 and procedure_id=$2', [tenantId, procedureId]);
  const u = canonicalUnits(units);
  for (const role of ['receiving', 'competent', 'cooperating'] as const) {
    for (const code of u[role]) {
      const ref = byCode.get(code);
      if (!ref) continue; // validated before
      await tx.query('insert into procedure_units(tenant_id, procedure_id, unit_id, role) values ($1,$2,$3,$4) on conflict do nothing', [
        tenantId,
        procedureId,
        ref.id,
        role,
      ]);
    }
  }
}

async function insertVariant(
  tx: Queryable,
  tenantId: string,
  procedureId: string,
  v: VariantInput,
  position: number,
  effectiveFrom: string,
  actor: CatalogueActor,
  now: Date,
): Promise<string> {
  const c = canonicalVariant(v);
  const r = await tx.query(
    `insert into procedure_variants(tenant_id, procedure_id, case_code, position, name, processing_amount, processing_unit,
        online_processing_amount, sets_count, components, fees, process, legal_basis, effective_from, created_by, created_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) returning id`,
    [
      tenantId,
      procedureId,
      c.code,
      position,
      c.name,
      c.processingAmount,
      c.processingUnit,
      c.onlineProcessingAmount,
      c.setsCount,
      JSON.stringify(c.components),
      JSON.stringify(c.fees),
      JSON.stringify(c.process),
      c.legalBasis,
      effectiveFrom,
      actor.userId,
      now,
    ],
  );
  const id = r.rows[0].id;
  await event(tx, tenantId, procedureId, actor, 'variant_added', { case: c.code, effectiveFrom, processing: { amount: c.processingAmount, unit: c.processingUnit } }, id);
  return id;
}

/**
 * Closes every version of a case that is (or would be) in force on or after `from`: its
 * effective_to becomes `from` (or its own effective_from, for a version that never started).
 */
async function closeCase(tx: Queryable, tenantId: string, procedureId: string, caseCode: string, from: string, actor: CatalogueActor, reason: string): Promise<number> {
  const rows = (
    await tx.query(
      `update procedure_variants set effective_to = greatest(effective_from, $4::date)
        where tenant_id=$1 and procedure_id=$2 and case_code=$3 and (effective_to is null or effective_to > greatest(effective_from, $4::date))
        returning id, effective_from, effective_to`,
      [tenantId, procedureId, caseCode, from],
    )
  ).rows;
  for (const r of rows) await event(tx, tenantId, procedureId, actor, 'variant_closed', { case: caseCode, effectiveFrom: r.effective_from, effectiveTo: r.effective_to }, r.id, reason);
  return rows.length;
}

const laterOf = (a: string, b: string) => (a > b ? a : b);

interface VariantSync {
  added: string[];
  closed: number;
}

/**
 * Brings the cases of a procedure in line with `variants`: an unchanged case keeps its row; a
 * changed or new one gets a new version from `effectiveFrom` (never before `today` for a
 * procedure that already existed: dossiers already received keep their rules); a case absent
 * from the list is closed today.
 */
async function syncVariants(
  tx: Queryable,
  tenantId: string,
  procedureId: string,
  variants: VariantInput[],
  isNew: boolean,
  procedureFrom: string,
  today: string,
  actor: CatalogueActor,
  now: Date,
): Promise<VariantSync> {
  const open = (
    await tx.query('select * from procedure_variants where tenant_id=$1 and procedure_id=$2 and effective_to is null', [tenantId, procedureId])
  ).rows.map(toVariantView);
  const out: VariantSync = { added: [], closed: 0 };
  for (const [position, v] of variants.entries()) {
    const cur = open.find((o) => o.code === v.code);
    if (cur && variantKey(cur) === variantKey(v)) {
      if (cur.position !== position) await tx.query('update procedure_variants set position=$2 where id=$1', [cur.id, position]);
      continue;
    }
    const from = isNew ? (v.effectiveFrom ?? procedureFrom) : laterOf(v.effectiveFrom ?? today, today);
    out.closed += await closeCase(tx, tenantId, procedureId, v.code, from, actor, 'replaced by a new version');
    await insertVariant(tx, tenantId, procedureId, v, position, from, actor, now);
    out.added.push(v.code);
  }
  for (const o of open) {
    if (!variants.some((v) => v.code === o.code)) out.closed += await closeCase(tx, tenantId, procedureId, o.code, today, actor, 'case no longer published');
  }
  return out;
}

export interface ProcedureChange {
  nationalCode: string;
  id: string;
  action: 'created' | 'updated' | 'unchanged';
  changed: string[];
  variantsAdded: string[];
  variantsClosed: number;
}

/** Creates or updates one (validated) procedure with its cases. */
async function applyProcedure(
  tx: Queryable,
  tenantId: string,
  p: ProcedureInput,
  fields: Map<string, { id: string; name: string }>,
  units: Map<string, UnitRef>,
  today: string,
  actor: CatalogueActor,
  now: Date,
): Promise<ProcedureChange> {
  const field = fields.get(p.field);
  if (!field) throw new Error(`field ${p.field} vanished`);
  const existing = (await tx.query('select * from procedures where tenant_id=$1 and national_code=$2 for update', [tenantId, p.nationalCode])).rows[0];
  if (!existing) {
    const from = p.effectiveFrom ?? today;
    const id = await insertProcedure(tx, tenantId, p, field.id, from, now);
    await replaceUnits(tx, tenantId, id, p.units, units);
    await event(tx, tenantId, id, actor, 'created', { nationalCode: p.nationalCode, name: p.name, units: canonicalUnits(p.units) });
    const sync = await syncVariants(tx, tenantId, id, p.variants, true, from, today, actor, now);
    return { nationalCode: p.nationalCode, id, action: 'created', changed: [], variantsAdded: sync.added, variantsClosed: sync.closed };
  }
  const fieldCode = [...fields.entries()].find(([, f]) => f.id === existing.field_id)?.[0] ?? '';
  const before = rowDescription(existing, fieldCode);
  const after = describeProcedure(p);
  const changed: string[] = changedKeys(after, before) as string[];
  const from = p.effectiveFrom ?? existing.effective_from;
  if (from !== existing.effective_from) changed.push('effectiveFrom');
  const unitsBefore = await procedureUnitCodes(tx, tenantId, existing.id);
  const unitsAfter = canonicalUnits(p.units);
  const unitsChanged = JSON.stringify(unitsBefore) !== JSON.stringify(unitsAfter);
  if (unitsChanged) changed.push('units');
  if (changed.length) {
    await updateProcedureRow(tx, existing.id, after, field.id, from, now);
    if (unitsChanged) await replaceUnits(tx, tenantId, existing.id, p.units, units);
    const pick = (o: any) => Object.fromEntries(changed.filter((k) => k in o).map((k) => [k, o[k]]));
    await event(tx, tenantId, existing.id, actor, 'updated', {
      changed,
      before: { ...pick(before), ...(unitsChanged ? { units: unitsBefore } : {}), ...(changed.includes('effectiveFrom') ? { effectiveFrom: existing.effective_from } : {}) },
      after: { ...pick(after), ...(unitsChanged ? { units: unitsAfter } : {}), ...(changed.includes('effectiveFrom') ? { effectiveFrom: from } : {}) },
    });
  }
  const sync = await syncVariants(tx, tenantId, existing.id, p.variants, false, from, today, actor, now);
  if (!changed.length && (sync.added.length || sync.closed)) await bumpProcedure(tx, existing.id, now);
  const action = changed.length || sync.added.length || sync.closed ? 'updated' : 'unchanged';
  return { nationalCode: p.nationalCode, id: existing.id, action, changed, variantsAdded: sync.added, variantsClosed: sync.closed };
}

// ------------------------------------------------------------------ import / export

export interface ImportResult {
  dryRun: boolean;
  fields: { created: number; renamed: number };
  procedures: { created: number; updated: number; unchanged: number };
  variants: { added: number; closed: number };
  changes: ProcedureChange[];
}

/** Shape and domain check of a whole catalogue file; every problem is listed. */
export async function checkCatalogue(
  db: Queryable,
  tenantId: string,
  json: unknown,
  today: string,
): Promise<{ file: CatalogueFile; issues: Issue[] }> {
  const issues: Issue[] = [];
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return {
      file: { format: 'motcua.procedures', formatVersion: 1, fields: [], procedures: [] },
      issues: [{ path: '(root)', code: 'type', message: 'the catalogue must be a JSON object', messageVi: 'danh mục phải là một đối tượng JSON' }],
    };
  }
  const j = json as Record<string, unknown>;
  issues.push(...unstorableIssues(j));
  issues.push(...shapeIssues(CatalogueEnvelope, { ...j, procedures: Array.isArray(j.procedures) ? [] : j.procedures }));
  const procedures = Array.isArray(j.procedures) ? (j.procedures as unknown[]) : [];
  const skip = new Set<number>();
  procedures.forEach((p, i) => {
    const list = shapeIssues(ProcedureEntry, p, `procedures[${i}]`);
    if (list.length) skip.add(i);
    issues.push(...list);
  });
  const fieldsOk = Array.isArray(j.fields) ? (j.fields as any[]).filter((f) => f && typeof f.code === 'string' && typeof f.name === 'string') : [];
  const file = { ...(j as any), fields: fieldsOk, procedures } as CatalogueFile;
  const units = await unitsByCode(db, tenantId, today);
  const fields = await fieldsByCode(db, tenantId);
  const hpd = await hoursPerWorkingDay(db, tenantId, today);
  issues.push(
    ...validateCatalogue(file, { tenantId, knownFieldCodes: new Set(fields.keys()), unitExists: (c) => units.has(c), hoursPerWorkingDay: hpd }, skip),
  );
  return { file, issues };
}

class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

/**
 * Imports a catalogue file (docs/procedures.md): validates the whole file and, if anything is
 * wrong, refuses it whole with every error and its JSON path (CatalogueError). Otherwise upserts
 * fields and procedures by code in one transaction; a changed case gets a new variant version.
 * Importing an export of the same catalogue changes nothing.
 */
export async function importCatalogue(
  db: Db,
  tenantId: string,
  json: unknown,
  actor: CatalogueActor,
  opts: { now?: Date; dryRun?: boolean } = {},
): Promise<ImportResult> {
  const now = opts.now ?? new Date();
  const today = localDateOf(now);
  try {
    return await db.tx(async (tx) => {
      await lockCatalogue(tx, tenantId);
      const { file, issues } = await checkCatalogue(tx, tenantId, json, today);
      if (issues.length) throw new CatalogueError(issues);
      const result: ImportResult = {
        dryRun: !!opts.dryRun,
        fields: { created: 0, renamed: 0 },
        procedures: { created: 0, updated: 0, unchanged: 0 },
        variants: { added: 0, closed: 0 },
        changes: [],
      };
      const fields = await fieldsByCode(tx, tenantId);
      const renamed: string[] = [];
      for (const f of file.fields) {
        const cur = fields.get(f.code);
        if (!cur) {
          const id = (await tx.query('insert into procedure_fields(tenant_id, code, name) values ($1,$2,$3) returning id', [tenantId, f.code, f.name])).rows[0].id;
          fields.set(f.code, { id, name: f.name });
          result.fields.created++;
        } else if (cur.name !== f.name) {
          await tx.query('update procedure_fields set name=$2 where id=$1', [cur.id, f.name]);
          fields.set(f.code, { id: cur.id, name: f.name });
          renamed.push(cur.id);
          result.fields.renamed++;
        }
      }
      if (renamed.length) {
        await tx.query(
          `update procedures p set search_text = vn_fold(concat_ws(' ', p.name, p.national_code, p.portal_code, p.local_code, f.name))
             from procedure_fields f where f.id = p.field_id and p.field_id = any($1::uuid[])`,
          [renamed],
        );
      }
      const units = await unitsByCode(tx, tenantId, today);
      for (const p of file.procedures) {
        const c = await applyProcedure(tx, tenantId, p, fields, units, today, actor, now);
        result.procedures[c.action]++;
        result.variants.added += c.variantsAdded.length;
        result.variants.closed += c.variantsClosed;
        if (c.action !== 'unchanged') result.changes.push(c);
      }
      const touched = result.fields.created + result.fields.renamed + result.procedures.created + result.procedures.updated;
      if (actor.via !== 'seed' || touched > 0) {
        await audit(tx, {
          tenantId,
          actorId: actor.userId,
          action: opts.dryRun ? 'procedure.import_check' : 'procedure.import',
          entity: 'procedure_catalogue',
          entityId: tenantId,
          ip: actor.ip ?? null,
          data: { via: actor.via, fields: result.fields, procedures: result.procedures, variants: result.variants, count: file.procedures.length },
        });
      }
      if (opts.dryRun) throw new DryRun(result);
      return result;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.result;
    throw err;
  }
}

/** Records a refused import in the audit log (outside the rolled-back transaction). */
export async function auditRefusedImport(db: Queryable, tenantId: string, actor: CatalogueActor, issues: Issue[]): Promise<void> {
  await audit(db, {
    tenantId,
    actorId: actor.userId,
    action: 'procedure.import_refused',
    entity: 'procedure_catalogue',
    entityId: tenantId,
    ip: actor.ip ?? null,
    data: { via: actor.via, errors: issues.length, first: issues.slice(0, 20).map((i) => `${i.path}: ${i.message}`) },
  });
}

/**
 * The catalogue in the import format: every procedure (or those with the given statuses) with
 * its open case versions. Importing the result into the same catalogue changes nothing.
 */
export async function exportCatalogue(db: Queryable, tenantId: string, opts: { statuses?: string[]; now?: Date } = {}): Promise<CatalogueFile> {
  const now = opts.now ?? new Date();
  const fields = (await db.query('select code, name from procedure_fields where tenant_id=$1 order by code', [tenantId])).rows;
  const procs = (
    await db.query(
      `select p.*, f.code as field_code from procedures p join procedure_fields f on f.id = p.field_id
        where p.tenant_id=$1 and ($2::text[] is null or p.status = any($2::text[]))
        order by f.code, p.national_code`,
      [tenantId, opts.statuses ?? null],
    )
  ).rows;
  const unitRows = (
    await db.query(
      `select pu.procedure_id, pu.role, u.code from procedure_units pu join units u on u.id = pu.unit_id where pu.tenant_id=$1 order by u.code`,
      [tenantId],
    )
  ).rows;
  const variantRows = (
    await db.query('select * from procedure_variants where tenant_id=$1 and effective_to is null order by procedure_id, position, case_code', [tenantId])
  ).rows.map(toVariantView);
  const procedures: ProcedureInput[] = procs.map((r: any) => {
    const d = rowDescription(r, r.field_code);
    const mine = unitRows.filter((u: any) => u.procedure_id === r.id);
    const codes = (role: string) => mine.filter((u: any) => u.role === role).map((u: any) => u.code as string);
    return {
      nationalCode: r.national_code,
      ...d,
      level: d.level as ProcedureInput['level'],
      onlineLevel: d.onlineLevel as ProcedureInput['onlineLevel'],
      postal: d.postal as ProcedureInput['postal'],
      status: d.status as ProcedureInput['status'],
      effectiveFrom: r.effective_from,
      units: canonicalUnits({ receiving: codes('receiving'), competent: codes('competent'), cooperating: codes('cooperating') }),
      variants: variantRows
        .filter((v) => v.procedureId === r.id)
        .map((v) => ({
          code: v.code,
          name: v.name,
          processingAmount: v.processingAmount,
          processingUnit: v.processingUnit,
          onlineProcessingAmount: v.onlineProcessingAmount,
          setsCount: v.setsCount,
          components: v.components,
          fees: v.fees,
          process: v.process,
          legalBasis: v.legalBasis,
          effectiveFrom: v.effectiveFrom,
        })),
    };
  });
  return { format: 'motcua.procedures', formatVersion: 1, tenant: tenantId, exportedAt: now.toISOString(), fields, procedures };
}

// ------------------------------------------------------------------ binding

/**
 * The variant (case version) of a procedure in force at `at` (its local date in
 * Asia/Ho_Chi_Minh): the dossier workflow calls this with the legal receipt time and stores the
 * returned id, so a later version never changes the rules of a dossier already received.
 * Without `caseCode`, the first published case (position order) is returned. Null if none.
 */
export async function variantInForce(db: Queryable, tenantId: string, procedureId: string, at: Date, caseCode?: string | null): Promise<VariantView | null> {
  const day = localDateOf(at);
  const r = (
    await db.query(
      `select * from procedure_variants
        where tenant_id=$1 and procedure_id=$2 and effective_from <= $3::date and (effective_to is null or effective_to > $3::date)
          and ($4::text is null or case_code = $4::text)
        order by position, effective_from desc, created_at desc limit 1`,
      [tenantId, procedureId, day, caseCode ?? null],
    )
  ).rows[0];
  return r ? toVariantView(r) : null;
}

/** Every case of a procedure in force at `at`, in published order. */
export async function variantsInForce(db: Queryable, tenantId: string, procedureId: string, at: Date): Promise<VariantView[]> {
  const day = localDateOf(at);
  const rows = (
    await db.query(
      `select * from procedure_variants
        where tenant_id=$1 and procedure_id=$2 and effective_from <= $3::date and (effective_to is null or effective_to > $3::date)
        order by position, case_code`,
      [tenantId, procedureId, day],
    )
  ).rows;
  return rows.map(toVariantView);
}

// ------------------------------------------------------------------ administration

async function contextFor(db: Queryable, tenantId: string, today: string) {
  const units = await unitsByCode(db, tenantId, today);
  const fields = await fieldsByCode(db, tenantId);
  const hpd = await hoursPerWorkingDay(db, tenantId, today);
  return { units, fields, hpd, ctx: { tenantId, knownFieldCodes: new Set(fields.keys()), unitExists: (c: string) => units.has(c), hoursPerWorkingDay: hpd } };
}

/** Creates a procedure with its cases (administrators). A national code already used → 409. */
export async function createProcedure(tx: Queryable, tenantId: string, p: ProcedureInput, actor: CatalogueActor, now: Date): Promise<string> {
  const today = localDateOf(now);
  await lockCatalogue(tx, tenantId);
  const { units, fields, ctx } = await contextFor(tx, tenantId, today);
  const issues = [...unstorableIssues(p), ...validateProcedure(p, 'body', ctx, ctx.knownFieldCodes).map((i) => ({ ...i, path: i.path.replace(/^body\./, '') }))];
  if (issues.length) throw new CatalogueError(issues);
  const dup = await tx.query('select id from procedures where tenant_id=$1 and national_code=$2', [tenantId, p.nationalCode]);
  if (dup.rowCount) {
    throw conflict('procedure_exists', `A procedure with national code ${p.nationalCode} already exists`, `Đã có thủ tục với mã ${p.nationalCode}`);
  }
  const c = await applyProcedure(tx, tenantId, p, fields, units, today, actor, now);
  await audit(tx, {
    tenantId,
    actorId: actor.userId,
    action: 'procedure.create',
    entity: 'procedure',
    entityId: c.id,
    ip: actor.ip ?? null,
    data: { nationalCode: p.nationalCode, name: p.name, variants: c.variantsAdded },
  });
  return c.id;
}

export type ProcedurePatch = Partial<Omit<ProcedureInput, 'nationalCode' | 'variants'>> & { version: number };

/** Updates the descriptive data of a procedure (administrators); a stale `version` → 409. */
export async function updateProcedure(db: Db, tenantId: string, id: string, patch: ProcedurePatch, actor: CatalogueActor, now: Date): Promise<void> {
  const today = localDateOf(now);
  await db.tx(async (tx) => {
    await lockCatalogue(tx, tenantId);
    const row = (await tx.query('select * from procedures where tenant_id=$1 and id=$2 for update', [tenantId, id])).rows[0];
    if (!row) throw notFound('Procedure', 'Thủ tục');
    if (row.version !== patch.version) throw staleVersion();
    const { units, fields, ctx } = await contextFor(tx, tenantId, today);
    const fieldCode = [...fields.entries()].find(([, f]) => f.id === row.field_id)?.[0] ?? '';
    const before = rowDescription(row, fieldCode);
    const unitsBefore = await procedureUnitCodes(tx, tenantId, id);
    const { version: _v, ...rest } = patch;
    const merged: ProcedureInput = {
      nationalCode: row.national_code,
      ...before,
      level: before.level as ProcedureInput['level'],
      onlineLevel: before.onlineLevel as ProcedureInput['onlineLevel'],
      postal: before.postal as ProcedureInput['postal'],
      status: before.status as ProcedureInput['status'],
      effectiveFrom: row.effective_from,
      units: unitsBefore,
      variants: [],
      ...rest,
    };
    // A partially online procedure keeps needing its reason; a level other than partial drops it.
    const issues: Issue[] = unstorableIssues(rest);
    if (!ctx.knownFieldCodes.has(merged.field)) {
      issues.push({ path: 'field', code: 'unknown_field', message: `field '${merged.field}' does not exist`, messageVi: `không có lĩnh vực '${merged.field}'` });
    }
    if (merged.onlineLevel === 'partial' && !(merged.onlineReason && merged.onlineReason.trim())) {
      issues.push({
        path: 'onlineReason',
        code: 'online_reason_required',
        message: 'a partially online procedure must publish the reason (NĐ 224/2026 Art. 14)',
        messageVi: 'thủ tục trực tuyến một phần phải công bố lý do (Điều 14 NĐ 224/2026/NĐ-CP)',
      });
    }
    if (merged.effectiveFrom && merged.effectiveTo && merged.effectiveTo <= merged.effectiveFrom) {
      issues.push({ path: 'effectiveTo', code: 'period_invalid', message: 'effectiveTo must be after effectiveFrom', messageVi: 'ngày hết hiệu lực phải sau ngày có hiệu lực' });
    }
    if (rest.units) issues.push(...validateUnits(rest.units, 'units', (c) => units.has(c)));
    if (issues.length) throw new CatalogueError(issues);
    const after = describeProcedure(merged);
    const changed: string[] = changedKeys(after, before) as string[];
    const from = merged.effectiveFrom ?? row.effective_from;
    if (from !== row.effective_from) changed.push('effectiveFrom');
    const unitsAfter = canonicalUnits(merged.units);
    const unitsChanged = JSON.stringify(unitsAfter) !== JSON.stringify(unitsBefore);
    if (unitsChanged) changed.push('units');
    const field = fields.get(merged.field)!;
    // Even a no-op write moves the version, so that two editors never both succeed.
    await updateProcedureRow(tx, id, after, field.id, from, now);
    if (unitsChanged) await replaceUnits(tx, tenantId, id, merged.units, units);
    const pick = (o: any) => Object.fromEntries(changed.filter((k) => k in o).map((k) => [k, o[k]]));
    await event(tx, tenantId, id, actor, 'updated', {
      changed,
      before: { ...pick(before), ...(unitsChanged ? { units: unitsBefore } : {}) },
      after: { ...pick(after), ...(unitsChanged ? { units: unitsAfter } : {}) },
    });
    await audit(tx, { tenantId, actorId: actor.userId, action: 'procedure.update', entity: 'procedure', entityId: id, ip: actor.ip ?? null, data: { changed, patch: rest } });
  });
}

/**
 * Adds a new version of a case (or a new case) to a procedure (administrators): validates the
 * process against the legal time, closes the previous version of the case at `effectiveFrom`
 * (today by default; never in the past) and moves the procedure's version. Runs in the caller's
 * transaction.
 */
export async function addVariant(
  tx: Queryable,
  tenantId: string,
  id: string,
  body: VariantInput & { version: number },
  actor: CatalogueActor,
  now: Date,
): Promise<{ variantId: string; closed: number }> {
  const today = localDateOf(now);
  await lockCatalogue(tx, tenantId);
  const row = (await tx.query('select * from procedures where tenant_id=$1 and id=$2 for update', [tenantId, id])).rows[0];
  if (!row) throw notFound('Procedure', 'Thủ tục');
  if (row.version !== body.version) throw staleVersion();
  const from = body.effectiveFrom ?? today;
  if (from < today) {
    throw badRequest([
      fieldError(
        'effectiveFrom',
        `effectiveFrom cannot be in the past (today is ${today}): dossiers already received keep the rules they were received under`,
        `ngày có hiệu lực không được ở quá khứ (hôm nay là ${today}): hồ sơ đã tiếp nhận giữ quy định tại thời điểm tiếp nhận`,
      ),
    ]);
  }
  const { ctx } = await contextFor(tx, tenantId, today);
  const { version: _v, ...variant } = body;
  const issues = [...unstorableIssues(variant), ...validateVariant(variant, 'body', ctx).map((i) => ({ ...i, path: i.path.replace(/^body\./, '') }))];
  if (issues.length) throw new CatalogueError(issues);
  const open = (
    await tx.query('select * from procedure_variants where tenant_id=$1 and procedure_id=$2 and effective_to is null order by position', [tenantId, id])
  ).rows.map(toVariantView);
  const same = open.find((o) => o.code === variant.code);
  if (same && variantKey(same) === variantKey(variant)) {
    throw conflict(
      'variant_unchanged',
      `Case '${variant.code}' already has exactly this content; no new version is needed`,
      `Trường hợp '${variant.code}' đã có đúng nội dung này; không cần phiên bản mới`,
    );
  }
  const position = same ? same.position : open.reduce((m, o) => Math.max(m, o.position + 1), 0);
  const closed = await closeCase(tx, tenantId, id, variant.code, from, actor, 'replaced by a new version');
  const variantId = await insertVariant(tx, tenantId, id, { ...variant, effectiveFrom: from }, position, from, actor, now);
  await bumpProcedure(tx, id, now);
  await audit(tx, {
    tenantId,
    actorId: actor.userId,
    action: 'procedure.variant_add',
    entity: 'procedure',
    entityId: id,
    ip: actor.ip ?? null,
    data: { variantId, case: variant.code, effectiveFrom: from, closed },
  });
  return { variantId, closed };
}
