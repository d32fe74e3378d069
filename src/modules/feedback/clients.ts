/**
 * Open311 API clients: operators issue and revoke keys. Only a sha256 hash of each key is stored
 * (keys are 32 random bytes, so a fast hash is enough); the key is shown once, when issued.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../db/types.js';
import { formatLocal } from '../../core/calendar/index.js';

export interface Open311Client {
  id: string;
  tenantId: string;
  name: string;
  jurisdictions: string[];
  serviceCodes: string[];
}

export const hashKey = (key: string) => crypto.createHash('sha256').update(key, 'utf8').digest('hex');

export function newKey(): string {
  return `o311_${crypto.randomBytes(32).toString('base64url')}`;
}

export async function issueClient(
  q: Queryable,
  tenantId: string,
  input: { name: string; contact?: string; jurisdictions?: string[]; serviceCodes?: string[]; key?: string },
  createdBy: string | null,
): Promise<{ id: string; key: string }> {
  const key = input.key ?? newKey();
  const r = await q.query<{ id: string }>(
    `insert into open311_clients(tenant_id, name, contact, key_hash, key_prefix, jurisdictions, service_codes, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8) returning id`,
    [tenantId, input.name, input.contact ?? '', hashKey(key), key.slice(0, 8), input.jurisdictions ?? [], input.serviceCodes ?? [], createdBy],
  );
  return { id: r.rows[0].id, key };
}

/** The active client holding this key, or null (unknown or revoked). */
export async function clientForKey(q: Queryable, key: string): Promise<Open311Client | null> {
  if (!key || key.length > 200) return null;
  const r = await q.query(`select id, tenant_id, name, jurisdictions, service_codes from open311_clients where key_hash=$1 and revoked_at is null`, [hashKey(key)]);
  const c = r.rows[0];
  if (!c) return null;
  await q.query('update open311_clients set last_used_at=now() where id=$1', [c.id]);
  return { id: c.id, tenantId: c.tenant_id, name: c.name, jurisdictions: c.jurisdictions, serviceCodes: c.service_codes };
}

export function clientView(r: any) {
  return {
    id: r.id,
    name: r.name,
    contact: r.contact,
    keyPrefix: r.key_prefix,
    jurisdictions: r.jurisdictions,
    serviceCodes: r.service_codes,
    createdAt: r.created_at ? formatLocal(r.created_at) : null,
    revokedAt: r.revoked_at ? formatLocal(r.revoked_at) : null,
    revokeReason: r.revoke_reason,
    lastUsedAt: r.last_used_at ? formatLocal(r.last_used_at) : null,
  };
}
