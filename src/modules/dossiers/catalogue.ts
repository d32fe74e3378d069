/**
 * What the dossier capability needs from the procedure catalogue: the procedure (name, field,
 * cut-off, units) and the variant in force at a given instant (time limit, components, process).
 * Everything goes through this adapter so that the dossier code does not depend on the shape of
 * the catalogue's tables.
 */
import type { Queryable } from '../../db/types.js';
import type { DurationUnit } from '../../core/calendar/index.js';
import { localDateOf } from '../../core/calendar/index.js';
import { variantInForce, type VariantView } from '../procedures/service.js';

export interface ProcessStepDef {
  code: string;
  name: string;
  role: string;
  /** 'receiving' | 'competent' | a unit identifier code */
  unit: string;
  budgetHours: number | null;
  phase?: string | null;
  clock?: 'runs' | 'paused';
  parallelGroup?: string | null;
  subStatus?: string | null;
  task?: string | null;
}

export interface ProcessTransitionDef {
  action: string;
  from: string;
  to: string;
  reasonRequired?: boolean;
}

export interface ComponentDef {
  code: string;
  name: string;
  originals: number;
  certifiedCopies: number;
  copies: number;
  required: boolean;
  fromPopulationDb?: boolean;
}

export interface FeeDef {
  code?: string;
  name: string;
  amount: number;
  kind?: string;
  note?: string;
}

export interface VariantInfo {
  id: string;
  procedureId: string;
  name: string;
  processingAmount: number;
  processingUnit: DurationUnit;
  onlineProcessingAmount: number | null;
  setsCount: number;
  components: ComponentDef[];
  fees: FeeDef[];
  steps: ProcessStepDef[];
  transitions: ProcessTransitionDef[];
  legalBasis: string;
  effectiveFrom: string;
}

export interface ProcedureInfo {
  id: string;
  nationalCode: string;
  name: string;
  fieldId: string | null;
  fieldName: string | null;
  level: string;
  onlineLevel: string;
  postal: string;
  cutoffTime: string | null;
  immediateResult: boolean;
  status: string;
  legalBasis: string;
  units: { unitId: string; role: 'receiving' | 'competent' | 'cooperating' }[];
}

function num(v: unknown, fallback = 0): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}

function toComponents(list: unknown): ComponentDef[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter((c: any) => c && typeof c.code === 'string')
    .map((c: any) => ({
      code: String(c.code),
      name: String(c.name ?? c.code),
      originals: num(c.originals),
      certifiedCopies: num(c.certifiedCopies),
      copies: num(c.copies),
      required: c.required !== false,
      fromPopulationDb: !!c.fromPopulationDb,
    }));
}

function toSteps(process: any): ProcessStepDef[] {
  const steps = Array.isArray(process?.steps) ? process.steps : [];
  return steps
    .filter((s: any) => s && typeof s.code === 'string')
    .map((s: any) => ({
      code: String(s.code),
      name: String(s.name ?? s.code),
      role: String(s.role ?? 'specialist'),
      unit: String(s.unit ?? 'competent'),
      budgetHours: s.budgetHours === null || s.budgetHours === undefined ? null : num(s.budgetHours),
      phase: s.phase ?? null,
      clock: s.clock === 'paused' ? 'paused' : 'runs',
      parallelGroup: s.parallelGroup ?? null,
      subStatus: s.subStatus ?? null,
      task: s.task ?? null,
    }));
}

function toTransitions(process: any): ProcessTransitionDef[] {
  const list = Array.isArray(process?.transitions) ? process.transitions : [];
  return list
    .filter((t: any) => t && typeof t.from === 'string' && typeof t.to === 'string')
    .map((t: any) => ({ action: String(t.action ?? 'forward'), from: t.from, to: t.to, reasonRequired: !!t.reasonRequired }));
}

export function toVariantInfo(r: any): VariantInfo {
  return {
    id: r.id,
    procedureId: r.procedure_id,
    name: r.name,
    processingAmount: num(r.processing_amount),
    processingUnit: r.processing_unit,
    onlineProcessingAmount: r.online_processing_amount === null || r.online_processing_amount === undefined ? null : num(r.online_processing_amount),
    setsCount: num(r.sets_count, 1),
    components: toComponents(r.components),
    fees: Array.isArray(r.fees) ? r.fees : [],
    steps: toSteps(r.process),
    transitions: toTransitions(r.process),
    legalBasis: r.legal_basis,
    effectiveFrom: r.effective_from,
  };
}

export async function getProcedure(db: Queryable, tenantId: string, procedureId: string): Promise<ProcedureInfo | null> {
  const r = (
    await db.query(
      `select p.*, f.name as field_name,
              coalesce((select json_agg(json_build_object('unitId', pu.unit_id, 'role', pu.role))
                          from procedure_units pu where pu.tenant_id = p.tenant_id and pu.procedure_id = p.id), '[]') as units
         from procedures p left join procedure_fields f on f.id = p.field_id
        where p.tenant_id=$1 and p.id=$2`,
      [tenantId, procedureId],
    )
  ).rows[0];
  if (!r) return null;
  return {
    id: r.id,
    nationalCode: r.national_code,
    name: r.name,
    fieldId: r.field_id,
    fieldName: r.field_name,
    level: r.level,
    onlineLevel: r.online_level,
    postal: r.postal,
    cutoffTime: r.cutoff_time,
    immediateResult: r.immediate_result,
    status: r.status,
    legalBasis: r.legal_basis,
    units: r.units,
  };
}

/** A variant as the catalogue service returns it. */
export function fromVariantView(v: VariantView): VariantInfo {
  return toVariantInfo({
    id: v.id,
    procedure_id: v.procedureId,
    name: v.name,
    processing_amount: v.processingAmount,
    processing_unit: v.processingUnit,
    online_processing_amount: v.onlineProcessingAmount,
    sets_count: v.setsCount,
    components: v.components,
    fees: v.fees,
    process: v.process,
    legal_basis: v.legalBasis,
    effective_from: v.effectiveFrom,
  });
}

/**
 * The variant of a procedure in force at `at` (the catalogue's `variantInForce`: the first case in
 * published order); a given variant id must belong to the procedure and be in force then.
 */
export async function variantInForceAt(
  db: Queryable,
  tenantId: string,
  procedureId: string,
  at: Date,
  variantId?: string | null,
): Promise<VariantInfo | null> {
  if (!variantId) {
    const v = await variantInForce(db, tenantId, procedureId, at);
    return v ? fromVariantView(v) : null;
  }
  const day = localDateOf(at);
  const r = (
    await db.query(
      `select * from procedure_variants
        where tenant_id=$1 and procedure_id=$2 and id=$4::uuid and effective_from <= $3::date and (effective_to is null or effective_to > $3::date)`,
      [tenantId, procedureId, day, variantId],
    )
  ).rows[0];
  return r ? toVariantInfo(r) : null;
}

export async function getVariant(db: Queryable, tenantId: string, variantId: string): Promise<VariantInfo | null> {
  const r = (await db.query('select * from procedure_variants where tenant_id=$1 and id=$2', [tenantId, variantId])).rows[0];
  return r ? toVariantInfo(r) : null;
}

/** Published procedures with their units (for the demo generator and pickers). */
export async function listPublishedProcedures(db: Queryable, tenantId: string): Promise<ProcedureInfo[]> {
  const ids = (await db.query("select id from procedures where tenant_id=$1 and status='published' order by national_code", [tenantId])).rows.map((r: any) => r.id as string);
  const out: ProcedureInfo[] = [];
  for (const id of ids) {
    const p = await getProcedure(db, tenantId, id);
    if (p) out.push(p);
  }
  return out;
}

/** Every variant of the given procedures (any date), for choosing the one in force in memory. */
export async function variantsOf(db: Queryable, tenantId: string, procedureIds: string[]): Promise<(VariantInfo & { effectiveTo: string | null })[]> {
  if (!procedureIds.length) return [];
  const rows = (await db.query('select * from procedure_variants where tenant_id=$1 and procedure_id = any($2::uuid[]) order by effective_from', [tenantId, procedureIds])).rows;
  return rows.map((r: any) => ({ ...toVariantInfo(r), effectiveTo: r.effective_to }));
}
