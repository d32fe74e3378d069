import type { Queryable } from '../db/types.js';

export interface AuditEntry {
  tenantId: string;
  actorId: string | null;
  actorUnitId?: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  reason?: string | null;
  ip?: string | null;
  data?: unknown;
}

/** Appends to the audit log (administrative changes and reads of protected data). */
export async function audit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(
    `insert into audit_log(tenant_id, actor_id, actor_unit_id, action, entity, entity_id, reason, ip, data)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [e.tenantId, e.actorId, e.actorUnitId ?? null, e.action, e.entity, e.entityId ?? null, e.reason ?? null, e.ip ?? null, JSON.stringify(e.data ?? {})],
  );
}
