/** Shared HTTP helpers of the feedback routes. */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { badRequest, fieldError } from '../../http/errors.js';
import { parseInstant, localDateOf } from '../../core/calendar/index.js';

/** The version a write names: `version` in the body, or the `If-Match` header. */
export function versionOf(request: FastifyRequest, body: { version?: number } | undefined): number | undefined {
  if (body && typeof body.version === 'number') return body.version;
  const h = request.headers['if-match'];
  const raw = Array.isArray(h) ? h[0] : h;
  if (raw === undefined) return undefined;
  const v = Number(String(raw).replace(/^W\//, '').replace(/"/g, '').trim());
  if (!Number.isInteger(v) || v < 1) throw badRequest([fieldError('If-Match', 'If-Match must be the version number you read', 'If-Match phải là số phiên bản bạn đã đọc')]);
  return v;
}

export const Uuid = Type.String({ format: 'uuid' });
export const Code = Type.String({ minLength: 6, maxLength: 30, pattern: '^PAKN-[0-9]{6}-[0-9]{4,}$' });
export const Page = Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 }));
export const PageSize = Type.Optional(Type.Integer({ minimum: 1, maximum: 200 }));

/** A `YYYY-MM-DD` local date → the instant of its start (+07:00); 400 if invalid. */
export function dayStart(s: string, field: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? parseInstant(s) : null;
  if (!d) throw badRequest([fieldError(field, `${field} must be a date YYYY-MM-DD`, `${field} phải là ngày dạng YYYY-MM-DD`)]);
  return d;
}

export function nextDayStart(s: string, field: string): Date {
  const d = dayStart(s, field);
  return new Date(d.getTime() + 86_400_000);
}

export const today = (now: Date) => localDateOf(now);
