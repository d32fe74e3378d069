import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db, Queryable } from '../db/types.js';
import { AppError, badRequest, fieldError } from './errors.js';

export interface StoredResponse<T = unknown> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

/** Whose keys these are: a signed-in user, or the shared anonymous principal. */
export interface KeyOwner {
  tenantId: string;
  id: string;
}

/**
 * Senders without an account (anonymous feedback) share one key space; their keys are random
 * UUIDs made by the client, so a replay reaches only whoever holds the key.
 */
export function anonymousKeyOwner(tenantId: string): KeyOwner {
  return { tenantId, id: '00000000-0000-0000-0000-000000000000' };
}

/**
 * Runs a create in one transaction. With an `Idempotency-Key` header, a retry of the same request
 * returns the first response instead of creating a second record; a different body under the same
 * key is refused (422). An advisory lock serialises concurrent retries of one key.
 */
export async function idempotentCreate<T>(
  db: Db,
  request: FastifyRequest,
  user: KeyOwner,
  route: string,
  create: (tx: Queryable) => Promise<{ statusCode: number; body: T }>,
): Promise<StoredResponse<T>> {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (!key) {
    const r = await db.tx(create);
    return { ...r, replayed: false };
  }
  if (key.length > 200) {
    throw badRequest([fieldError('Idempotency-Key', 'Idempotency-Key must be at most 200 characters', 'Idempotency-Key không được dài quá 200 ký tự')]);
  }
  const requestHash = crypto.createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');
  return db.tx(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`${user.tenantId}|${user.id}|${key}`]);
    const prior = (
      await tx.query('select route, request_hash, status_code, response from idempotency_keys where tenant_id=$1 and user_id=$2 and key=$3', [
        user.tenantId,
        user.id,
        key,
      ])
    ).rows[0];
    if (prior) {
      if (prior.route !== route || prior.request_hash !== requestHash) {
        throw new AppError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request',
          'Idempotency-Key này đã được dùng cho một yêu cầu khác',
        );
      }
      return { statusCode: prior.status_code, body: prior.response as T, replayed: true };
    }
    const r = await create(tx);
    await tx.query(
      'insert into idempotency_keys(tenant_id, user_id, key, route, request_hash, status_code, response) values ($1,$2,$3,$4,$5,$6,$7)',
      [user.tenantId, user.id, key, route, requestHash, r.statusCode, JSON.stringify(r.body)],
    );
    return { ...r, replayed: false };
  });
}
