import type { AuthUser, Role } from '../../core/access/roles.js';
import type { Capability } from '../../core/feedback/index.js';
import type { Queryable } from '../../db/types.js';
import { unitScope } from '../auth/scope.js';

/** Roles that handle feedback at their units (a grant covers the unit and its descendants). */
export const HANDLING_ROLES: Role[] = ['counter_officer', 'specialist', 'leader', 'reception_officer', 'admin'];
/** Roles that publish answers and moderate public copies. */
export const PUBLISHING_ROLES: Role[] = ['leader', 'admin'];
/** Roles that may read feedback and reports in their scope without handling it. */
export const READING_ROLES: Role[] = [...HANDLING_ROLES, 'supervisor', 'inspector'];

/** Who is acting: a signed-in user, an anonymous sender holding the tracking secret, or an Open311 client. */
export interface Actor {
  tenantId: string;
  user: AuthUser | null;
  /** Anonymous owner: the item whose tracking secret was presented. */
  trackedItemId?: string | null;
  /** Open311 client id. */
  clientId?: string | null;
  ip?: string | null;
}

export function actorKind(a: Actor): 'staff' | 'citizen' | 'anonymous' | 'open311' | 'system' {
  if (a.clientId) return 'open311';
  if (!a.user) return a.trackedItemId ? 'anonymous' : 'system';
  return a.user.kind === 'staff' ? 'staff' : 'citizen';
}

/** Unit scopes of a user, computed once per request. */
export class Scopes {
  private cache = new Map<string, Promise<string[]>>();
  constructor(
    private readonly db: Queryable,
    private readonly user: AuthUser | null,
  ) {}
  of(roles: Role[]): Promise<string[]> {
    if (!this.user) return Promise.resolve([]);
    const key = roles.join(',');
    let p = this.cache.get(key);
    if (!p) this.cache.set(key, (p = unitScope(this.db, this.user, roles)));
    return p;
  }
}

export interface ItemRef {
  id: string;
  competent_unit_id: string;
  receiving_unit_id: string;
  submitter_user_id: string | null;
  open311_client_id: string | null;
}

/** What the actor is to this item (see `Capability`), plus whether they may read it at all. */
export async function capabilitiesFor(db: Queryable, actor: Actor, item: ItemRef): Promise<{ caps: Capability[]; canRead: boolean }> {
  const caps: Capability[] = [];
  const scopes = new Scopes(db, actor.user);
  if (actor.user) {
    if ((await scopes.of(HANDLING_ROLES)).includes(item.competent_unit_id)) caps.push('handler');
    if ((await scopes.of(PUBLISHING_ROLES)).includes(item.competent_unit_id)) caps.push('leader');
    if (item.submitter_user_id && item.submitter_user_id === actor.user.id) caps.push('owner');
  }
  if (actor.trackedItemId && actor.trackedItemId === item.id && !caps.includes('owner')) caps.push('owner');
  if (actor.clientId && actor.clientId === item.open311_client_id) caps.push('client');
  let canRead = caps.length > 0;
  if (!canRead && actor.user) {
    const read = await scopes.of(READING_ROLES);
    canRead = read.includes(item.competent_unit_id) || read.includes(item.receiving_unit_id);
  }
  return { caps, canRead };
}
