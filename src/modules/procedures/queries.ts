/**
 * Read queries of the catalogue: the public search (diacritic-insensitive through vn_fold, exact
 * and prefix matches ranked above trigram similarity), the procedure sheet and the field list.
 */
import type { Queryable } from '../../db/types.js';
import { formatLocal } from '../../core/calendar/index.js';
import { processingText, type ProcessingUnit } from '../../core/procedures/index.js';
import { toVariantView, type VariantView } from './service.js';

export interface SearchParams {
  q?: string | null;
  fieldCode?: string | null;
  unitIds?: string[] | null;
  level?: string | null;
  online?: string | null;
  statuses: string[];
  /** Public searches hide procedures whose effective period has ended. */
  publicOnly: boolean;
  today: string;
  page: number;
  pageSize: number;
}

/** Escapes LIKE wildcards (the default escape character is the backslash). */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function feeTotal(fees: any[] | null): number | null {
  if (!Array.isArray(fees)) return null;
  return fees.reduce((t, f) => t + (Number(f?.amount) || 0), 0);
}

export function timeView(amount: unknown, unit: ProcessingUnit | null, cutoff: string | null) {
  if (!unit) return null;
  const a = Number(amount);
  const t = processingText(a, unit, cutoff);
  return { amount: a, unit, text: t.vi, textEn: t.en };
}

export async function searchProcedures(db: Queryable, tenantId: string, s: SearchParams) {
  const q = s.q?.trim() ? s.q.trim() : null;
  const fq: string | null = q ? (await db.query('select vn_fold($1::text) as f', [q])).rows[0].f : null;
  const params: unknown[] = [
    tenantId, // $1
    q, // $2 raw query
    q ? likeEscape(q) : null, // $3 raw query, LIKE-escaped
    s.fieldCode ?? null, // $4
    s.unitIds ?? null, // $5
    s.level ?? null, // $6
    s.online ?? null, // $7
    s.statuses, // $8
    s.publicOnly, // $9
    s.today, // $10
    fq, // $11 folded query
    fq ? likeEscape(fq) : null, // $12 folded query, LIKE-escaped
  ];
  // rank: 0 exact code or name, 1 prefix of code or name, 2 the name contains the phrase, 3 other
  // text (codes, field) contains it, 4 every word is there, 5 only similar (pg_trgm word
  // similarity ≥ pg_trgm.word_similarity_threshold). Within a rank, the closer name comes first.
  const where = (joins: string) => `
    from procedures p
    join procedure_fields f on f.id = p.field_id
    ${joins}
    cross join lateral (select vn_fold(p.name) as fname) n
    cross join lateral (
      select case
        when $2::text is null then 0
        when p.national_code = $2 or lower(p.portal_code) = lower($2) or n.fname = $11 then 0
        when p.national_code like $3 || '%' or p.portal_code like $3 || '%' or n.fname like $12 || '%' then 1
        when n.fname like '%' || $12 || '%' then 2
        when p.search_text like '%' || $12 || '%' then 3
        when not exists (select 1 from unnest(regexp_split_to_array(trim($11::text), '\\s+')) t(tok) where position(t.tok in p.search_text) = 0) then 4
        else 5 end as rank
    ) r
   where p.tenant_id = $1
     and p.status = any($8::text[])
     and (not $9::boolean or p.effective_to is null or p.effective_to > $10::date)
     and ($4::text is null or f.code = $4)
     and ($6::text is null or p.level = $6)
     and ($7::text is null or p.online_level = $7)
     and ($5::uuid[] is null or exists (
           select 1 from procedure_units pu
            where pu.tenant_id = p.tenant_id and pu.procedure_id = p.id and pu.role in ('receiving', 'competent') and pu.unit_id = any($5::uuid[])))
     and ($2::text is null or r.rank < 5 or $11 <% p.search_text)`;
  const total = Number((await db.query(`select count(*) as n ${where('')}`, params)).rows[0].n);
  const rows = (
    await db.query(
      `select p.id, p.national_code, p.portal_code, p.name, p.level, p.online_level, p.postal, p.status, p.cutoff_time, p.version,
              f.code as field_code, f.name as field_name, r.rank,
              case when $2::text is null then 0 else similarity(n.fname, $11) + word_similarity($11, p.search_text) end as sim,
              v.processing_amount, v.processing_unit, v.fees, v.cases,
              coalesce((select json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'role', pu.role) order by pu.role, u.code)
                          from procedure_units pu join units u on u.id = pu.unit_id
                         where pu.tenant_id = p.tenant_id and pu.procedure_id = p.id and pu.role in ('receiving', 'competent')), '[]') as units
        ${where(`left join lateral (
             select pv.processing_amount, pv.processing_unit, pv.fees,
                    (select count(*) from procedure_variants c where c.tenant_id = p.tenant_id and c.procedure_id = p.id
                       and c.effective_from <= $10::date and (c.effective_to is null or c.effective_to > $10::date)) as cases
               from procedure_variants pv
              where pv.tenant_id = p.tenant_id and pv.procedure_id = p.id
                and pv.effective_from <= $10::date and (pv.effective_to is null or pv.effective_to > $10::date)
              order by pv.position, pv.effective_from desc limit 1) v on true`)}
       order by r.rank, sim desc, p.name, p.national_code
       limit $13 offset $14`,
      [...params, s.pageSize, (s.page - 1) * s.pageSize],
    )
  ).rows;
  return {
    page: s.page,
    pageSize: s.pageSize,
    total,
    items: rows.map((r: any) => ({
      id: r.id,
      nationalCode: r.national_code,
      portalCode: r.portal_code,
      name: r.name,
      field: { code: r.field_code, name: r.field_name },
      level: r.level,
      onlineLevel: r.online_level,
      postal: r.postal,
      status: r.status,
      version: r.version,
      processingTime: timeView(r.processing_amount, r.processing_unit, r.cutoff_time),
      feeTotal: feeTotal(r.fees),
      cases: Number(r.cases ?? 0),
      units: r.units,
      match: q ? (['exact', 'prefix', 'name', 'text', 'words', 'similar'] as const)[r.rank] : null,
    })),
  };
}

function variantOut(v: VariantView, cutoff: string | null) {
  return {
    id: v.id,
    code: v.code,
    name: v.name,
    processingTime: timeView(v.processingAmount, v.processingUnit, cutoff),
    processingAmount: v.processingAmount,
    processingUnit: v.processingUnit,
    onlineProcessingAmount: v.onlineProcessingAmount,
    setsCount: v.setsCount,
    components: v.components,
    fees: v.fees,
    feeTotal: feeTotal(v.fees),
    process: v.process,
    legalBasis: v.legalBasis,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
  };
}

/** The procedure row by id (uuid) or by national / portal code. */
export async function findProcedure(db: Queryable, tenantId: string, ref: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const r = await db.query(
    isUuid
      ? 'select * from procedures where tenant_id=$1 and id=$2::uuid'
      : 'select * from procedures where tenant_id=$1 and (national_code=$2 or portal_code=$2) order by (national_code=$2) desc limit 1',
    [tenantId, ref],
  );
  return r.rows[0] ?? null;
}

/** The published sheet of a procedure: everything a citizen needs to apply, plus the process. */
export async function procedureSheet(db: Queryable, tenantId: string, row: any, today: string) {
  const field = (await db.query('select code, name from procedure_fields where id=$1', [row.field_id])).rows[0];
  const units = (
    await db.query(
      `select pu.role, u.id, u.code, u.name, u.short_name, u.kind, u.address, u.phone
         from procedure_units pu join units u on u.id = pu.unit_id
        where pu.tenant_id=$1 and pu.procedure_id=$2 order by u.code`,
      [tenantId, row.id],
    )
  ).rows;
  const byRole = (role: string) =>
    units
      .filter((u: any) => u.role === role)
      .map((u: any) => ({ id: u.id, code: u.code, name: u.name, shortName: u.short_name, kind: u.kind, address: u.address, phone: u.phone }));
  const variants = (
    await db.query(
      `select * from procedure_variants where tenant_id=$1 and procedure_id=$2 and (effective_to is null or effective_to > $3::date)
        and (effective_to is null or effective_to > effective_from)
        order by position, effective_from`,
      [tenantId, row.id, today],
    )
  ).rows.map(toVariantView);
  const cutoff = row.cutoff_time;
  return {
    id: row.id,
    nationalCode: row.national_code,
    portalCode: row.portal_code,
    localCode: row.local_code,
    name: row.name,
    field: field ? { code: field.code, name: field.name } : null,
    level: row.level,
    applicantTypes: row.applicant_types,
    onlineLevel: row.online_level,
    onlineReason: row.online_reason,
    postal: row.postal,
    cutoffTime: cutoff,
    immediateResult: row.immediate_result,
    resultDocuments: row.result_documents,
    paperResult: row.paper_result,
    stepsText: row.steps_text,
    methodText: row.method_text,
    requirementsText: row.requirements_text,
    legalBasis: row.legal_basis,
    publicationDecision: row.publication_decision,
    status: row.status,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    version: row.version,
    updatedAt: formatLocal(row.updated_at instanceof Date ? row.updated_at : new Date(row.updated_at)),
    units: { receiving: byRole('receiving'), competent: byRole('competent'), cooperating: byRole('cooperating') },
    variants: variants.filter((v) => v.effectiveFrom <= today).map((v) => variantOut(v, cutoff)),
    upcomingVariants: variants.filter((v) => v.effectiveFrom > today).map((v) => variantOut(v, cutoff)),
  };
}

/** Every version of every case and the change trail of a procedure (administrators). */
export async function procedureHistory(db: Queryable, tenantId: string, procedureId: string) {
  const variants = (
    await db.query('select * from procedure_variants where tenant_id=$1 and procedure_id=$2 order by case_code, effective_from, created_at', [tenantId, procedureId])
  ).rows.map(toVariantView);
  const events = (
    await db.query(
      `select e.id, e.at, e.action, e.via, e.variant_id, e.reason, e.data, u.username
         from procedure_events e left join users u on u.id = e.actor_id
        where e.tenant_id=$1 and e.procedure_id=$2 order by e.id`,
      [tenantId, procedureId],
    )
  ).rows;
  return {
    variants: variants.map((v) => ({ id: v.id, code: v.code, name: v.name, processingAmount: v.processingAmount, processingUnit: v.processingUnit, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo, createdAt: v.createdAt })),
    events: events.map((e: any) => ({
      id: Number(e.id),
      at: formatLocal(e.at instanceof Date ? e.at : new Date(e.at)),
      action: e.action,
      via: e.via,
      actor: e.username ?? null,
      variantId: e.variant_id,
      reason: e.reason,
      data: e.data,
    })),
  };
}

/** Fields with the number of procedures each holds (published ones for the public). */
export async function fieldsWithCounts(db: Queryable, tenantId: string, statuses: string[], publicOnly: boolean, today: string) {
  const rows = (
    await db.query(
      `select f.id, f.code, f.name,
              count(p.id) filter (where p.status = any($2::text[]) and (not $3::boolean or p.effective_to is null or p.effective_to > $4::date)) as n
         from procedure_fields f left join procedures p on p.field_id = f.id and p.tenant_id = f.tenant_id
        where f.tenant_id = $1
        group by f.id, f.code, f.name
        order by f.name, f.code`,
      [tenantId, statuses, publicOnly, today],
    )
  ).rows;
  return rows.map((r: any) => ({ id: r.id, code: r.code, name: r.name, count: toNumber(r.n) ?? 0 }));
}
