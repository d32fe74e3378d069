import type { FastifyRequest } from 'fastify';
import type { AuthUser, Role } from '../core/access/roles.js';
import { hasRole } from '../core/access/roles.js';
import { forbidden, unauthorized } from './errors.js';

/** The signed-in user, or 401. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

/** The signed-in user holding one of the roles, or 401/403. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): AuthUser {
  const user = requireUser(request);
  if (!hasRole(user, ...roles)) throw forbidden();
  return user;
}

export function clientIp(request: FastifyRequest): string {
  return request.ip;
}
