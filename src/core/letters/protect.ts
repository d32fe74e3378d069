/**
 * Protection of denouncers (reception-and-letters.md §6.1): identity and contact are stored
 * encrypted with AES-256-GCM under a key derived (HKDF-SHA256) from the configured secret; each
 * value is bound to its row and field by the associated data. A keyed blind index (HMAC-SHA256)
 * lets duplicate detection match persons without decrypting. Everyone not entitled sees
 * "[được bảo vệ]". No I/O.
 */
import crypto from 'node:crypto';
import { PROTECTED_TEXT } from './types.js';

export const PROTECTED_FIELDS = ['name', 'idNo', 'address', 'phone', 'email', 'originalText', 'signatureRef'] as const;
export type ProtectedField = (typeof PROTECTED_FIELDS)[number];

export const PROTECTED_FIELD_LABELS: Record<ProtectedField, { vi: string; en: string }> = {
  name: { vi: 'Họ tên người tố cáo', en: 'Denouncer name' },
  idNo: { vi: 'Số định danh cá nhân', en: 'ID number' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  originalText: { vi: 'Nội dung đơn gốc', en: 'Original letter text' },
  signatureRef: { vi: 'Chữ ký, điểm chỉ', en: 'Signature or fingerprint' },
};

export interface ProtectionKeys {
  version: number;
  enc: Buffer;
  index: Buffer;
}

export class ProtectedDataError extends Error {}

/** Derives the encryption and blind-index keys from the configured secret. */
export function deriveKeys(secret: string, version = 1): ProtectionKeys {
  if (!secret || secret.length < 16) throw new ProtectedDataError('The protected-data key must be at least 16 characters');
  const ikm = Buffer.from(secret, 'utf8');
  const salt = Buffer.from('motcua/protected-identities', 'utf8');
  const enc = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from(`aes-256-gcm/v${version}`), 32));
  const index = Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from(`blind-index/v${version}`), 32));
  return { version, enc, index };
}

/** Encrypts one value; the token is `v<version>.<base64url(iv | tag | ciphertext)>`. */
export function encryptField(keys: ProtectionKeys, plaintext: string, aad: string, iv: Buffer = crypto.randomBytes(12)): string {
  const cipher = crypto.createCipheriv('aes-256-gcm', keys.enc, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `v${keys.version}.${Buffer.concat([iv, tag, ct]).toString('base64url')}`;
}

/** Decrypts a token made by `encryptField` with the same associated data; throws if tampered with. */
export function decryptField(keys: ProtectionKeys, token: string, aad: string): string {
  const m = /^v(\d+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m || Number(m[1]) !== keys.version) throw new ProtectedDataError('Unknown protected-data token format or key version');
  const raw = Buffer.from(m[2], 'base64url');
  if (raw.length < 28) throw new ProtectedDataError('Truncated protected-data token');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keys.enc, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new ProtectedDataError('Protected data failed authentication (wrong key or tampered value)');
  }
}

/** The associated data binding a value to its tenant, row and field. */
export function fieldAad(tenantId: string, identityId: string, field: ProtectedField): string {
  return `${tenantId}|${identityId}|${field}`;
}

/** Keyed blind index of a person key (hex); equal inputs give equal outputs under one key. */
export function blindIndex(keys: ProtectionKeys, material: string | null): string | null {
  if (!material) return null;
  return crypto.createHmac('sha256', keys.index).update(material).digest('hex');
}

/** What a person not entitled sees in place of a protected value. */
export function masked(): string {
  return PROTECTED_TEXT;
}

/**
 * Who may read a protected identity of a case or letter: the users assigned to the case
 * (resolver, verifiers, inspectors, named supervisors) and, while the letter is being handled,
 * the officer who received it. Never a barred user (the denounced person).
 */
export function mayReadProtected(f: { userId: string; barred: readonly string[]; assignedUserIds: readonly string[]; letterHandlerIds: readonly string[] }): boolean {
  if (f.barred.includes(f.userId)) return false;
  return f.assignedUserIds.includes(f.userId) || f.letterHandlerIds.includes(f.userId);
}

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE_RE = /(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\d])/g;
const ID_RE = /(?<![\d])(?:\d{12}|\d{9})(?![\d])/g;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes what identifies a denouncer from free text that stays readable (the letter's summary and
 * content): their names, and any e-mail address, phone number or ID number, become "[được bảo vệ]".
 * The original text is kept only in the encrypted store.
 */
export function redactDenouncer(text: string, names: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const n of names) {
    const name = n?.trim();
    if (!name) continue;
    out = out.replace(new RegExp(escapeRe(name).replace(/\s+/g, '\\s+'), 'giu'), PROTECTED_TEXT);
  }
  return out.replace(EMAIL_RE, PROTECTED_TEXT).replace(ID_RE, PROTECTED_TEXT).replace(PHONE_RE, PROTECTED_TEXT);
}
