import type { AuthUser, Role } from '../../core/access/roles.js';
import { roleUnits } from '../../core/access/roles.js';
import type { Queryable } from '../../db/types.js';

/**
 * Ids of every unit covered by the user's grants of the given roles: each granted unit and all
 * its descendants in the current tree. Policies use it to scope list queries in SQL, so a list
 * never shows what a detail page would refuse.
 */
export async function unitScope(db: Queryable, user: AuthUser, roles: Role[]): Promise<string[]> {
  const roots = roleUnits(user, ...roles);
  if (roots.length === 0) return [];
  const r = await db.query<{ id: string }>(
    `with recursive t as (
       select id from units where id = any($1::uuid[]) and tenant_id = $2
       union
       select u.id from units u join t on u.parent_id = t.id where u.tenant_id = $2
     ) select id from t`,
    [roots, user.tenantId],
  );
  return r.rows.map((x) => x.id);
}

export async function inScope(db: Queryable, user: AuthUser, roles: Role[], unitId: string | null): Promise<boolean> {
  if (!unitId) return false;
  return (await unitScope(db, user, roles)).includes(unitId);
}
