/**
 * The encrypted store of protected identities (denouncers) and the only way to read it: an
 * entitled user names a purpose; every field read is written to the audit log with who, when,
 * which case or letter, which field, the purpose and the address. Reads beyond the rule set's daily
 * threshold raise an alert row; break-glass access by a supervisor not assigned to the case needs a
 * reason and is recorded as an event on the case for supervisors to see.
 */
import crypto from 'node:crypto';
import type { Db, Queryable } from '../../db/types.js';
import { AppError, badRequest, fieldError } from '../../http/errors.js';
import { audit, type AuditEntry } from '../audit.js';
import {
  blindIndex,
  decryptField,
  encryptField,
  fieldAad,
  mayReadProtected,
  PROTECTED_FIELDS,
  type ProtectedField,
} from '../../core/letters/index.js';
import { appendEvent, ruleSetById, type Actor, type LettersEnv } from './common.js';

export interface IdentityInput {
  name?: string | null;
  idNo?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  originalText?: string | null;
  signatureRef?: string | null;
}

const COLUMN: Record<ProtectedField, string> = {
  name: 'name_enc',
  idNo: 'id_no_enc',
  address: 'address_enc',
  phone: 'phone_enc',
  email: 'email_enc',
  originalText: 'original_text_enc',
  signatureRef: 'signature_ref_enc',
};

/** Stores an identity encrypted; returns its id and the blind index of the person key. */
export async function storeIdentity(
  tx: Queryable,
  env: LettersEnv,
  input: IdentityInput,
  personMaterial: string | null,
  links: { letterId?: string | null; visitId?: string | null },
): Promise<{ id: string; personKey: string | null }> {
  const id = crypto.randomUUID();
  const enc = (f: ProtectedField) => {
    const v = input[f];
    return v === null || v === undefined || v === '' ? null : encryptField(env.keys, v, fieldAad(env.tenantId, id, f));
  };
  const personKey = blindIndex(env.keys, personMaterial);
  await tx.query(
    `insert into protected_identities(id, tenant_id, key_version, name_enc, id_no_enc, address_enc, phone_enc, email_enc, original_text_enc,
       signature_ref_enc, person_key, letter_id, visit_id)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [id, env.tenantId, env.keys.version, enc('name'), enc('idNo'), enc('address'), enc('phone'), enc('email'), enc('originalText'), enc('signatureRef'), personKey, links.letterId ?? null, links.visitId ?? null],
  );
  return { id, personKey };
}

/** Decrypts an identity for the system itself (never returned to a user without `revealIdentity`). */
export async function decryptIdentity(db: Queryable, env: LettersEnv, identityId: string): Promise<IdentityInput> {
  const r = (await db.query('select * from protected_identities where tenant_id=$1 and id=$2', [env.tenantId, identityId])).rows[0];
  if (!r) return {};
  const out: IdentityInput = {};
  for (const f of PROTECTED_FIELDS) {
    const v = r[COLUMN[f]];
    out[f] = v ? decryptField(env.keys, v, fieldAad(env.tenantId, identityId, f)) : null;
  }
  return out;
}

export interface ProtectedReadTarget {
  entity: 'letter' | 'case' | 'visit';
  entityId: string;
  /** The case the identity belongs to, for the audit record. */
  caseId: string | null;
  letterId: string | null;
  unitId: string;
  ruleSetId: string;
  barred: string[];
  assignedUserIds: string[];
  letterHandlerIds: string[];
}

export interface RevealTarget extends ProtectedReadTarget {
  identityId: string;
}

/** One thing read under protection: a field of the identity, or a file of a protected record. */
export interface ProtectedReadItem {
  field: string;
  /** Extra audit data (e.g. `fileId`). */
  data?: Record<string, unknown>;
}

/**
 * The gate of every read of protected data (identity fields and files of protected records): the
 * purpose must be stated (minimum length from the rule set); the user must be entitled (assigned to
 * the case, or the officer who received the record), or be a supervisor of the unit using
 * break-glass. Writes one `audit_log` row per item read (`protected.read`, or
 * `protected.read.break_glass`, which also appends a `protected_break_glass` event on the record),
 * and a `protected.alert` row when the user's reads in 24 hours pass the rule set's threshold.
 * A refusal throws `RevealDenied` (audited by `auditedReveal`).
 */
export async function auditProtectedRead(
  tx: Queryable,
  env: LettersEnv,
  actor: Actor,
  t: ProtectedReadTarget,
  opts: { purpose: string; breakGlass?: boolean; eventData?: Record<string, unknown> },
  items: ProtectedReadItem[],
): Promise<{ breakGlass: boolean }> {
  const rs = await ruleSetById(tx, t.ruleSetId);
  const min = rs.rules.protection.purposeMinLength;
  if (!opts.purpose || opts.purpose.trim().length < min) {
    throw badRequest([fieldError('purpose', `purpose must state why, in at least ${min} characters`, `Phải nêu mục đích xem, ít nhất ${min} ký tự`)]);
  }
  const entitled = mayReadProtected({ userId: actor.user.id, barred: t.barred, assignedUserIds: t.assignedUserIds, letterHandlerIds: t.letterHandlerIds });
  let breakGlass = false;
  if (!entitled) {
    if (opts.breakGlass && !t.barred.includes(actor.user.id) && actor.scopes.supervisor.has(t.unitId)) {
      breakGlass = true;
    } else {
      throw new RevealDenied({
        tenantId: env.tenantId,
        actorId: actor.user.id,
        action: 'protected.denied',
        entity: t.entity,
        entityId: t.entityId,
        reason: opts.purpose,
        ip: actor.ip,
        data: { caseId: t.caseId, letterId: t.letterId, fields: items.map((i) => i.field) },
      });
    }
  }
  for (const item of items) {
    await audit(tx, {
      tenantId: env.tenantId,
      actorId: actor.user.id,
      actorUnitId: actor.user.roles.find((r) => r.unitId)?.unitId ?? null,
      action: breakGlass ? 'protected.read.break_glass' : 'protected.read',
      entity: t.entity,
      entityId: t.entityId,
      reason: opts.purpose,
      ip: actor.ip,
      data: { field: item.field, caseId: t.caseId, letterId: t.letterId, ...(item.data ?? {}) },
    });
  }
  if (breakGlass) {
    await appendEvent(tx, env.tenantId, {
      entity: t.entity === 'visit' ? 'visit' : t.entity,
      entityId: t.entityId,
      action: 'protected_break_glass',
      at: actor.now,
      actorId: actor.user.id,
      reason: opts.purpose,
      data: { fields: items.map((i) => i.field), notify: 'supervisor', ...(opts.eventData ?? {}) },
    });
  }
  // Unusual access: more reads by one user in 24 hours than the rule set allows.
  const count = (
    await tx.query(
      `select count(*)::int n from audit_log where tenant_id=$1 and actor_id=$2 and action like 'protected.read%' and at > now() - interval '24 hours'`,
      [env.tenantId, actor.user.id],
    )
  ).rows[0].n as number;
  const limit = rs.rules.protection.alertReadsPerDay;
  if (count > limit && count - items.length <= limit) {
    await audit(tx, {
      tenantId: env.tenantId,
      actorId: actor.user.id,
      action: 'protected.alert',
      entity: t.entity,
      entityId: t.entityId,
      reason: `Số lần xem thông tin được bảo vệ trong 24 giờ (${count}) vượt ngưỡng ${limit}`,
      ip: actor.ip,
      data: { count, limit },
    });
  }
  return { breakGlass };
}

/**
 * Reveals the protected fields to an entitled user, with a purpose; logs one audit row per field.
 * `breakGlass`: a supervisor of the unit not assigned to the case, with a reason; the read is also
 * recorded as an event on the record so that supervisors see it.
 */
export async function revealIdentity(
  tx: Queryable,
  env: LettersEnv,
  actor: Actor,
  t: RevealTarget,
  opts: { purpose: string; fields?: ProtectedField[]; breakGlass?: boolean },
): Promise<Partial<Record<ProtectedField, string | null>>> {
  const fields = opts.fields?.length ? opts.fields : [...PROTECTED_FIELDS];
  await auditProtectedRead(tx, env, actor, t, { purpose: opts.purpose, breakGlass: opts.breakGlass }, fields.map((f) => ({ field: f })));
  const identity = await decryptIdentity(tx, env, t.identityId);
  const out: Partial<Record<ProtectedField, string | null>> = {};
  for (const f of fields) out[f] = identity[f] ?? null;
  return out;
}

/** A refused read (403); the refusal itself is audited outside the rolled-back transaction. */
export class RevealDenied extends AppError {
  constructor(readonly entry: AuditEntry) {
    super(403, 'forbidden', 'You are not entitled to the protected identity of this record', 'Bạn không có quyền xem thông tin được bảo vệ của hồ sơ này');
  }
}

/** Runs a reveal; a refusal is written to the audit log (append-only) before the 403 is returned. */
export async function auditedReveal<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RevealDenied) await audit(db, err.entry);
    throw err;
  }
}

export function protectedError(): AppError {
  return new AppError(409, 'no_protected_identity', 'This record has no protected identity', 'Hồ sơ này không có thông tin được bảo vệ');
}
