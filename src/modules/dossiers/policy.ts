/**
 * Who may see a dossier and where a user holds which roles relative to it. The same rule scopes
 * list queries in SQL (`visibilitySql`) and answers detail/action/file requests (`canView`), so a
 * list never shows what a detail page would refuse.
 *
 * - Staff (counter officer, specialist, leader, supervisor) see a dossier when a unit covered by
 *   their grants is its receiving unit, its competent unit, the unit holding it, or the unit of one
 *   of its steps (inter-agency tasks, consultations). Drafts are the citizen's own.
 * - A citizen sees the dossiers they submitted online and those registered under their CCCD.
 * - Administrators, inspectors and citizen-reception officers have no access to dossiers.
 */
import type { AuthUser, Role } from '../../core/access/roles.js';
import type { ActorFacts, Party } from '../../core/workflow/index.js';
import type { Queryable } from '../../db/types.js';
import { unitScope } from '../auth/scope.js';
import type { Aggregate } from './types.js';

export const STAFF_ROLES: Role[] = ['counter_officer', 'specialist', 'leader', 'supervisor'];
const ACTING_ROLES: Role[] = ['counter_officer', 'specialist', 'leader'];

/** The units each of the user's dossier roles covers (one recursive query per role held). */
export async function roleScopes(db: Queryable, user: AuthUser): Promise<Map<Role, Set<string>>> {
  const out = new Map<Role, Set<string>>();
  const held = [...new Set(user.roles.map((r) => r.role))].filter((r) => STAFF_ROLES.includes(r));
  for (const role of held) out.set(role, new Set(await unitScope(db, user, [role])));
  return out;
}

export function allUnits(scopes: Map<Role, Set<string>>, roles: Role[] = STAFF_ROLES): Set<string> {
  const s = new Set<string>();
  for (const r of roles) for (const u of scopes.get(r) ?? []) s.add(u);
  return s;
}

export function isCitizen(user: AuthUser): boolean {
  return user.roles.some((r) => r.role === 'citizen');
}

/** Units involved in a dossier (for visibility). */
function involvedUnits(agg: Aggregate): string[] {
  const d = agg.d;
  const units = [d.receivingUnitId, d.competentUnitId, d.holderUnitId, ...agg.steps.map((s) => s.unitId)];
  return units.filter((u): u is string => !!u);
}

export function isApplicant(user: AuthUser, agg: Aggregate): boolean {
  const d = agg.d;
  if (!isCitizen(user)) return false;
  if (d.applicantUserId && d.applicantUserId === user.id) return true;
  return !!user.citizenId && d.status !== 'draft' && d.applicantCitizenId === user.citizenId;
}

export function canView(user: AuthUser, scopes: Map<Role, Set<string>>, agg: Aggregate): boolean {
  if (isApplicant(user, agg)) return true;
  if (agg.d.status === 'draft') return false;
  const units = allUnits(scopes);
  return involvedUnits(agg).some((u) => units.has(u));
}

/** Where the user holds which acting roles relative to the dossier. */
export function actorFacts(user: AuthUser, scopes: Map<Role, Set<string>>, agg: Aggregate): ActorFacts {
  const d = agg.d;
  const taskUnits = agg.steps
    .filter((s) => (s.kind === 'interagency' || s.kind === 'consultation') && s.status === 'active' && s.unitId)
    .map((s) => s.unitId as string);
  const at = (units: (string | null)[]): Set<Role> => {
    const roles = new Set<Role>();
    for (const r of ACTING_ROLES) {
      const sc = scopes.get(r);
      if (sc && units.some((u) => !!u && sc.has(u))) roles.add(r);
    }
    return roles;
  };
  const rolesAt: Record<Party, Set<Role>> = {
    receiving: at([d.receivingUnitId]),
    holder: at([d.holderUnitId]),
    competent: at([d.competentUnitId]),
    task: at(taskUnits),
  };
  return { userId: user.id, rolesAt, isApplicant: isApplicant(user, agg) };
}

/**
 * SQL predicate (alias `d`) of the dossiers the user may see; appends its parameters to `params`.
 * Returns `false` when the user may see none.
 */
export function visibilitySql(user: AuthUser, scopeUnits: string[], params: unknown[]): string {
  const parts: string[] = [];
  if (isCitizen(user)) {
    params.push(user.id);
    const byUser = `d.applicant_user_id = $${params.length}`;
    if (user.citizenId) {
      params.push(user.citizenId);
      parts.push(`(${byUser} or (d.status <> 'draft' and d.applicant_citizen_id = $${params.length}))`);
    } else parts.push(byUser);
  }
  if (scopeUnits.length) {
    params.push(scopeUnits);
    const p = `$${params.length}::uuid[]`;
    parts.push(
      `(d.status <> 'draft' and (d.receiving_unit_id = any(${p}) or d.competent_unit_id = any(${p}) or d.holder_unit_id = any(${p})
         or exists (select 1 from dossier_steps vs where vs.dossier_id = d.id and vs.unit_id = any(${p}))))`,
    );
  }
  return parts.length ? `(${parts.join(' or ')})` : 'false';
}
