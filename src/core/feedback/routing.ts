/**
 * Routing a feedback item to the responsible unit by category and place (feedback.md §4.1): the
 * citizen picks a category and a place; the platform finds who is responsible.
 */

export interface RoutingRule {
  id: string;
  categoryId: string | null;
  communeUnitId: string | null;
  targetUnitId: string;
  priority: number;
  /** Local dates; `effectiveTo` exclusive, null = open-ended. */
  effectiveFrom: string;
  effectiveTo: string | null;
}

export type RouteMatch = 'category_commune' | 'category' | 'commune' | 'category_default';

export interface Route {
  unitId: string;
  ruleId: string | null;
  matched: RouteMatch;
}

const SPECIFICITY: Record<Exclude<RouteMatch, 'category_default'>, number> = { category_commune: 3, category: 2, commune: 1 };

/**
 * The most specific rule in force on `date` wins (category + commune, then category alone, then
 * commune alone); among equals the lower priority number. Without a rule, the category's default
 * unit; null when nothing applies.
 */
export function routeFeedback(
  rules: readonly RoutingRule[],
  q: { categoryId: string; communeUnitId: string | null; date: string },
  categoryDefaultUnitId: string | null,
): Route | null {
  let best: { rule: RoutingRule; spec: number } | null = null;
  for (const r of rules) {
    if (r.effectiveFrom > q.date || (r.effectiveTo !== null && q.date >= r.effectiveTo)) continue;
    if (r.categoryId !== null && r.categoryId !== q.categoryId) continue;
    if (r.communeUnitId !== null && r.communeUnitId !== q.communeUnitId) continue;
    if (r.categoryId === null && r.communeUnitId === null) continue;
    const spec = r.categoryId && r.communeUnitId ? SPECIFICITY.category_commune : r.categoryId ? SPECIFICITY.category : SPECIFICITY.commune;
    if (!best || spec > best.spec || (spec === best.spec && r.priority < best.rule.priority)) best = { rule: r, spec };
  }
  if (best) {
    const matched: RouteMatch = best.spec === 3 ? 'category_commune' : best.spec === 2 ? 'category' : 'commune';
    return { unitId: best.rule.targetUnitId, ruleId: best.rule.id, matched };
  }
  return categoryDefaultUnitId ? { unitId: categoryDefaultUnitId, ruleId: null, matched: 'category_default' } : null;
}

export interface Place {
  unitId: string;
  lat: number;
  lng: number;
  radiusM: number;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function distanceM(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The commune whose centre is nearest to the point, if the point is within its radius. */
export function communeAt(places: readonly Place[], lat: number, lng: number): string | null {
  let best: { id: string; d: number } | null = null;
  for (const p of places) {
    const d = distanceM(lat, lng, p.lat, p.lng);
    if (d <= p.radiusM && (!best || d < best.d)) best = { id: p.unitId, d };
  }
  return best?.id ?? null;
}

/** Folds Vietnamese text for matching: lower case, no diacritics, đ → d, single spaces. */
export function foldVi(s: string): string {
  return s
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The commune named in a typed address ("Tổ 5, phường Phan Đình Phùng, …"): the longest commune
 * name (e.g. "phường Phan Đình Phùng", "xã Đại Phúc") found in the folded address.
 */
export function communeInAddress(communes: readonly { unitId: string; name: string }[], address: string): string | null {
  const a = ` ${foldVi(address).replace(/[,.;]/g, ' ').replace(/\s+/g, ' ')} `;
  let best: { id: string; len: number } | null = null;
  for (const c of communes) {
    const n = foldVi(c.name);
    if (n.length >= 4 && a.includes(` ${n} `) && (!best || n.length > best.len)) best = { id: c.unitId, len: n.length };
  }
  return best?.id ?? null;
}
