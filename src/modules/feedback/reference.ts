/** Reference data of the feedback capability: categories, routing rules, deadline rules, places. */
import type { Queryable } from '../../db/types.js';
import type { CategoryAttribute, DeadlineRule, Place, RoutingRule } from '../../core/feedback/index.js';
import { DEFAULT_DEADLINE_RULES } from '../../core/feedback/index.js';

export interface CategoryRow {
  id: string;
  code: string;
  name: string;
  description: string;
  fieldCode: string;
  fieldName: string;
  class: 'regulation' | 'conduct';
  keywords: string;
  allowAnonymous: boolean;
  defaultPrivate: boolean;
  duplicateRadiusM: number;
  attributes: CategoryAttribute[];
  open311Type: 'realtime' | 'batch';
  defaultUnitId: string | null;
  active: boolean;
  sortOrder: number;
  version: number;
  updatedAt: Date;
}

export function toCategory(r: any): CategoryRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    fieldCode: r.field_code,
    fieldName: r.field_name,
    class: r.class,
    keywords: r.keywords,
    allowAnonymous: r.allow_anonymous,
    defaultPrivate: r.default_private,
    duplicateRadiusM: r.duplicate_radius_m,
    attributes: (r.attributes ?? []) as CategoryAttribute[],
    open311Type: r.open311_type,
    defaultUnitId: r.default_unit_id,
    active: r.active,
    sortOrder: r.sort_order,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export async function listCategories(db: Queryable, tenantId: string, opts: { includeInactive?: boolean } = {}): Promise<CategoryRow[]> {
  const r = await db.query(
    `select * from feedback_categories where tenant_id=$1 and ($2 or active) order by sort_order, field_name, class desc, code`,
    [tenantId, !!opts.includeInactive],
  );
  return r.rows.map(toCategory);
}

export async function categoryByCode(db: Queryable, tenantId: string, code: string): Promise<CategoryRow | null> {
  const r = await db.query('select * from feedback_categories where tenant_id=$1 and code=$2', [tenantId, code]);
  return r.rows[0] ? toCategory(r.rows[0]) : null;
}

export async function categoryById(db: Queryable, tenantId: string, id: string): Promise<CategoryRow | null> {
  const r = await db.query('select * from feedback_categories where tenant_id=$1 and id=$2', [tenantId, id]);
  return r.rows[0] ? toCategory(r.rows[0]) : null;
}

/** When the service list or a definition last changed (Open311 discovery `changeset`). */
export async function categoriesChangedAt(db: Queryable, tenantId: string): Promise<Date | null> {
  const r = await db.query<{ at: Date | null }>('select max(updated_at) at from feedback_categories where tenant_id=$1', [tenantId]);
  return r.rows[0]?.at ?? null;
}

export async function loadRoutingRules(db: Queryable, tenantId: string): Promise<RoutingRule[]> {
  const r = await db.query(
    `select id, category_id, commune_unit_id, target_unit_id, priority, effective_from, effective_to
       from feedback_routing_rules where tenant_id=$1`,
    [tenantId],
  );
  return r.rows.map((x: any) => ({
    id: x.id,
    categoryId: x.category_id,
    communeUnitId: x.commune_unit_id,
    targetUnitId: x.target_unit_id,
    priority: x.priority,
    effectiveFrom: x.effective_from,
    effectiveTo: x.effective_to,
  }));
}

function toDeadlineRule(x: any): DeadlineRule & { id: string; tenantId: string } {
  return {
    id: x.id,
    tenantId: x.tenant_id,
    ruleSet: x.rule_set,
    step: x.step,
    amount: Number(x.amount),
    unit: x.unit,
    countedFrom: x.counted_from,
    effectiveFrom: x.effective_from,
    effectiveTo: x.effective_to,
    legalBasis: x.legal_basis,
    evidence: x.evidence,
  };
}

/**
 * The deadline rules of a tenant: its own rows for a rule set when it has any, otherwise the
 * national rows (tenant '*'); the shipped defaults only if the table holds neither.
 */
export async function loadDeadlineRules(db: Queryable, tenantId: string): Promise<(DeadlineRule & { id: string | null; tenantId: string })[]> {
  const rows = (
    await db.query(`select * from feedback_deadline_rules where tenant_id in ($1, '*') order by rule_set, step, effective_from`, [tenantId])
  ).rows.map(toDeadlineRule);
  const own = new Set(rows.filter((r) => r.tenantId === tenantId).map((r) => r.ruleSet));
  const chosen = rows.filter((r) => (own.has(r.ruleSet) ? r.tenantId === tenantId : r.tenantId === '*'));
  if (chosen.length) return chosen;
  return DEFAULT_DEADLINE_RULES.map((r) => ({ ...r, id: null, tenantId: '*' }));
}

export async function loadPlaces(db: Queryable, tenantId: string): Promise<Place[]> {
  const r = await db.query('select unit_id, lat, lng, radius_m from feedback_places where tenant_id=$1', [tenantId]);
  return r.rows.map((x: any) => ({ unitId: x.unit_id, lat: Number(x.lat), lng: Number(x.lng), radiusM: x.radius_m }));
}

/** Current communes with their names (short name first, e.g. "Phường Phan Đình Phùng"). */
export async function loadCommunes(db: Queryable, tenantId: string): Promise<{ unitId: string; name: string; code: string }[]> {
  const r = await db.query(
    `select id, code, name, short_name from units where tenant_id=$1 and kind='commune' and (valid_to is null or valid_to > current_date)`,
    [tenantId],
  );
  const out: { unitId: string; name: string; code: string }[] = [];
  for (const u of r.rows as any[]) {
    if (u.short_name) out.push({ unitId: u.id, name: u.short_name, code: u.code });
    out.push({ unitId: u.id, name: String(u.name).replace(/^Ủy ban nhân dân\s+/i, ''), code: u.code });
  }
  return out;
}
