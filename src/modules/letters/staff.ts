/**
 * The staff a case or an instruction may be given to: active staff users with a role of this
 * capability (reception officer, leader, inspector) at a unit of the scope. Read-only; it answers
 * only id, name, title, role and unit (no contact data), to users who may assign.
 */
import { Type } from 'typebox';
import { Nullable } from '../../http/nullable.js';
import type { Queryable } from '../../db/types.js';

export const AssignableUser = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    fullName: Type.String(),
    title: Nullable(Type.String()),
    role: Type.String(),
    unitId: Type.String({ format: 'uuid' }),
    unitName: Type.String(),
  },
  { additionalProperties: false },
);
export const AssignableUsers = Type.Object({ items: Type.Array(AssignableUser) }, { additionalProperties: false });

export interface AssignableRow {
  id: string;
  fullName: string;
  title: string | null;
  role: string;
  unitId: string;
  unitName: string;
}

/**
 * Staff with a letters role at `rootUnitId` or any unit under it (`excluded`: barred users, e.g.
 * the denounced person, never listed), one row per (user, role, unit), at most 200.
 */
export async function assignableStaff(db: Queryable, tenantId: string, rootUnitId: string, excluded: string[], q?: string): Promise<AssignableRow[]> {
  const rows = (
    await db.query(
      `with recursive sub as (select id from units where tenant_id=$1 and id=$2 union all select u.id from units u join sub on u.parent_id = sub.id)
       select us.id, us.full_name, us.title, r.role, r.unit_id, un.name unit_name
         from user_roles r join users us on us.id = r.user_id join units un on un.id = r.unit_id
        where us.tenant_id=$1 and us.active and us.kind='staff' and r.role in ('reception_officer','leader','inspector')
          and r.unit_id in (select id from sub) and not (us.id = any($3::uuid[]))
          and ($4::text is null or vn_fold(us.full_name) like '%' || vn_fold($4) || '%')
        order by un.code, us.full_name, r.role limit 200`,
      [tenantId, rootUnitId, excluded, q ?? null],
    )
  ).rows;
  return rows.map((r: any) => ({ id: r.id, fullName: r.full_name, title: r.title ?? null, role: r.role, unitId: r.unit_id, unitName: r.unit_name }));
}
