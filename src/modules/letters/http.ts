/** Request helpers of the reception-and-letters routes. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireUser } from '../../http/context.js';
import { badRequest, fieldError } from '../../http/errors.js';
import { actorOf, envFor, type Actor, type LettersEnv } from './common.js';
import { isLettersStaff, requireStaff } from './policy.js';

export function env(app: FastifyInstance): LettersEnv {
  return envFor(app.config.tenantId, app.config.protectedDataKey);
}

/**
 * The signed-in staff member of this capability (reception officer, leader, inspector, supervisor),
 * or a staff user assigned to a case (who then sees only those cases), or 401/403.
 */
export async function staffActor(app: FastifyInstance, request: FastifyRequest): Promise<Actor> {
  const user = requireUser(request);
  const actor = await actorOf(app.db, user, request);
  if (!isLettersStaff(actor.scopes)) {
    const assigned = user.kind === 'staff' && (await app.db.query('select 1 from case_assignments where user_id=$1 and ended_at is null limit 1', [user.id])).rowCount > 0;
    if (!assigned) requireStaff(actor);
  }
  return actor;
}

/** The body with its version: from the body, or from If-Match; a write without either is refused. */
export function withVersion<T extends { version?: number }>(request: FastifyRequest): T {
  const body = { ...((request.body ?? {}) as T) };
  if (body.version === undefined) {
    const h = request.headers['if-match'];
    const raw = (Array.isArray(h) ? h[0] : h)?.replace(/^W\//, '').replace(/"/g, '');
    const n = raw ? Number(raw) : NaN;
    if (Number.isInteger(n) && n >= 1) body.version = n;
  }
  if (body.version === undefined) {
    throw badRequest([fieldError('version', 'version is required (the version you read), or send If-Match', 'Phải gửi version (phiên bản đã đọc) hoặc tiêu đề If-Match')]);
  }
  return body;
}
