import type { Role } from '../../core/access/roles.js';
import type { Queryable } from '../../db/types.js';
import { hashPassword } from './passwords.js';

export interface NewUser {
  username: string;
  password: string;
  fullName: string;
  kind: 'staff' | 'citizen' | 'business';
  citizenId?: string | null;
  taxCode?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  title?: string | null;
  roles: { role: Role; unitId: string | null }[];
}

/** Creates a user and their role grants; returns the new id. */
export async function createUser(db: Queryable, tenantId: string, u: NewUser, passwordHash?: string): Promise<string> {
  const hash = passwordHash ?? (await hashPassword(u.password));
  const id = (
    await db.query(
      `insert into users(tenant_id, username, password_hash, full_name, kind, citizen_id, tax_code, email, phone, address, title)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) returning id`,
      [tenantId, u.username, hash, u.fullName, u.kind, u.citizenId ?? null, u.taxCode ?? null, u.email ?? null, u.phone ?? null, u.address ?? null, u.title ?? null],
    )
  ).rows[0].id as string;
  for (const r of u.roles) {
    await db.query('insert into user_roles(tenant_id, user_id, role, unit_id) values ($1,$2,$3,$4) ', [tenantId, id, r.role, r.unitId]);
  }
  return id;
}
