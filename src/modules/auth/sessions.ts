import crypto from 'node:crypto';
import type { AuthUser, Role } from '../../core/access/roles.js';
import type { Queryable } from '../../db/types.js';

export const SESSION_COOKIE = 'motcua_session';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Queryable,
  tenantId: string,
  userId: string,
  ttlHours: number,
  kind: 'session' | 'api_token' = 'session',
): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db.query('insert into sessions(token_hash, tenant_id, user_id, kind, expires_at) values ($1,$2,$3,$4,$5)', [
    hashToken(token),
    tenantId,
    userId,
    kind,
    expiresAt,
  ]);
  return { token, expiresAt };
}

export async function revokeSession(db: Queryable, token: string): Promise<void> {
  await db.query('update sessions set revoked_at = now() where token_hash = $1', [hashToken(token)]);
}

export async function loadUser(db: Queryable, userId: string): Promise<AuthUser | null> {
  const u = (
    await db.query(
      `select id, tenant_id, username, full_name, kind, citizen_id, tax_code from users where id = $1 and active`,
      [userId],
    )
  ).rows[0];
  if (!u) return null;
  const roles = (await db.query('select role, unit_id from user_roles where user_id = $1', [userId])).rows;
  return {
    id: u.id,
    tenantId: u.tenant_id,
    username: u.username,
    fullName: u.full_name,
    kind: u.kind,
    citizenId: u.citizen_id,
    taxCode: u.tax_code,
    roles: roles.map((r: any) => ({ role: r.role as Role, unitId: r.unit_id })),
  };
}

export async function userForToken(db: Queryable, token: string): Promise<AuthUser | null> {
  const s = (
    await db.query(
      'select user_id from sessions where token_hash = $1 and revoked_at is null and expires_at > now()',
      [hashToken(token)],
    )
  ).rows[0];
  return s ? loadUser(db, s.user_id) : null;
}
