/**
 * Who may see and do what (one policy per resource; the same rules scope list queries in SQL so a
 * list never shows what a detail route would refuse):
 * - Visits and sessions: reception officers and leaders of the unit (or above) act; supervisors read.
 * - Letters: reception officers of the unit handle them; leaders of the unit decide; supervisors
 *   read; inspectors and assignees read the letters of cases they work on; a citizen reads the
 *   letters they submitted online.
 * - Cases: leaders of the resolving unit and the assigned resolver resolve; inspectors of the unit
 *   and assigned verifiers verify; supervisors read.
 * - A denounced person who is a user (barred_user_ids) sees nothing of the letter or case.
 * - Administrators, counter officers and specialists have no access.
 */
import type { AuthUser } from '../../core/access/roles.js';
import type { CaseCapability, LetterCapability, VisitCapability } from '../../core/letters/index.js';
import type { Queryable } from '../../db/types.js';
import { forbidden } from '../../http/errors.js';
import { union, type Actor, type Scopes } from './common.js';

export const isCitizen = (u: AuthUser) => u.roles.some((r) => r.role === 'citizen');

/** Staff of this capability (any of its roles). */
export function isLettersStaff(s: Scopes): boolean {
  return s.officer.size + s.leader.size + s.inspector.size + s.supervisor.size > 0;
}

export function requireStaff(actor: Actor): void {
  if (!isLettersStaff(actor.scopes)) throw forbidden();
}

// ------------------------------------------------------------------ visits

export function visitCaps(a: Actor, unitId: string): Set<VisitCapability> {
  const caps = new Set<VisitCapability>();
  if (a.scopes.officer.has(unitId)) caps.add('officer');
  if (a.scopes.leader.has(unitId)) caps.add('leader');
  return caps;
}

export function canViewVisit(a: Actor, unitId: string): boolean {
  return a.scopes.officer.has(unitId) || a.scopes.leader.has(unitId) || a.scopes.supervisor.has(unitId);
}

export const visitUnits = (s: Scopes) => union(s.officer, s.leader, s.supervisor);

// ------------------------------------------------------------------ letters

export interface LetterAccessRow {
  unit_id: string;
  case_id: string | null;
  submitted_by_user_id: string | null;
  barred_user_ids: string[];
}

export function letterCaps(a: Actor, l: LetterAccessRow): Set<LetterCapability> {
  const caps = new Set<LetterCapability>();
  if (l.barred_user_ids.includes(a.user.id)) return caps;
  if (a.scopes.officer.has(l.unit_id)) caps.add('handler');
  if (a.scopes.leader.has(l.unit_id)) caps.add('leader');
  return caps;
}

/** SQL predicate (alias `l`) of the letters a user may see; `$user` and `$units` are parameter numbers. */
export function letterVisibilitySql(userParam: number, unitsParam: number, caseUnitsParam: number): string {
  return `(not ($${userParam}::uuid = any(l.barred_user_ids)) and (
      l.unit_id = any($${unitsParam}::uuid[])
      or l.submitted_by_user_id = $${userParam}::uuid
      or (l.case_id is not null and exists (select 1 from cases vc where vc.id = l.case_id and not ($${userParam}::uuid = any(vc.barred_user_ids)) and (
            vc.unit_id = any($${caseUnitsParam}::uuid[])
            or exists (select 1 from case_assignments va where va.case_id = vc.id and va.user_id = $${userParam}::uuid and va.ended_at is null))))))`;
}

export const letterUnits = (s: Scopes) => union(s.officer, s.leader, s.supervisor);
export const caseUnits = (s: Scopes) => union(s.leader, s.inspector, s.supervisor);

export async function canViewLetter(db: Queryable, a: Actor, l: LetterAccessRow & { id: string }): Promise<boolean> {
  if (l.barred_user_ids.includes(a.user.id)) return false;
  if (l.submitted_by_user_id === a.user.id) return true;
  if (letterUnits(a.scopes).includes(l.unit_id)) return true;
  if (!l.case_id) return false;
  const c = (await db.query('select unit_id, barred_user_ids from cases where id=$1', [l.case_id])).rows[0];
  if (!c || c.barred_user_ids.includes(a.user.id)) return false;
  if (caseUnits(a.scopes).includes(c.unit_id)) return true;
  const asg = await db.query('select 1 from case_assignments where case_id=$1 and user_id=$2 and ended_at is null', [l.case_id, a.user.id]);
  return asg.rowCount > 0;
}

// ------------------------------------------------------------------ cases

export interface CaseAccessRow {
  id: string;
  unit_id: string;
  barred_user_ids: string[];
}

export interface CaseAssignment {
  user_id: string;
  role: 'resolver' | 'verifier' | 'inspector' | 'supervisor';
}

export function caseCaps(a: Actor, c: CaseAccessRow, assignments: readonly CaseAssignment[]): Set<CaseCapability> {
  const caps = new Set<CaseCapability>();
  if (c.barred_user_ids.includes(a.user.id)) return caps;
  const mine = assignments.filter((x) => x.user_id === a.user.id).map((x) => x.role);
  if (a.scopes.leader.has(c.unit_id) || mine.includes('resolver')) caps.add('resolver');
  if (a.scopes.inspector.has(c.unit_id) || mine.includes('verifier') || mine.includes('inspector')) caps.add('verifier');
  return caps;
}

export function canViewCase(a: Actor, c: CaseAccessRow, assignments: readonly CaseAssignment[]): boolean {
  if (c.barred_user_ids.includes(a.user.id)) return false;
  if (caseUnits(a.scopes).includes(c.unit_id)) return true;
  return assignments.some((x) => x.user_id === a.user.id);
}

/** SQL predicate (alias `c`) of the cases a user may see. */
export function caseVisibilitySql(userParam: number, unitsParam: number): string {
  return `(not ($${userParam}::uuid = any(c.barred_user_ids)) and (
      c.unit_id = any($${unitsParam}::uuid[])
      or exists (select 1 from case_assignments a where a.case_id = c.id and a.user_id = $${userParam}::uuid and a.ended_at is null)))`;
}
