import { useSyncExternalStore } from 'react';
import { api, type SessionUser } from './api';

/**
 * Who is signed in, as a tiny external store so that the API client's 401 handler (outside React)
 * can clear it. Loaded once at start-up from GET /auth/me; the cookie itself is httpOnly.
 */
interface SessionSnapshot {
  user: SessionUser | null;
  loading: boolean;
  /** The server refused the session the app had (expired, revoked or cookie gone). */
  expired: boolean;
}

let snapshot: SessionSnapshot = { user: null, loading: true, expired: false };
const listeners = new Set<() => void>();

function set(next: SessionSnapshot) {
  snapshot = next;
  for (const l of listeners) l();
}

export const sessionStore = {
  get: () => snapshot,
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  setUser(user: SessionUser | null) {
    set({ user, loading: false, expired: false });
  },
  /** The server answered 401 to a signed-in user. */
  expire() {
    set({ user: null, loading: false, expired: snapshot.user !== null || snapshot.expired });
  },
  async load(): Promise<SessionUser | null> {
    try {
      const user = await api<SessionUser>('/auth/me', { allowUnauthorized: true });
      set({ user, loading: false, expired: false });
      return user;
    } catch {
      set({ user: null, loading: false, expired: false });
      return null;
    }
  },
  async signIn(username: string, password: string): Promise<SessionUser> {
    const r = await api<{ token: string; user: SessionUser }>('/auth/login', {
      method: 'POST',
      body: { username, password },
      allowUnauthorized: true,
    });
    set({ user: r.user, loading: false, expired: false });
    return r.user;
  },
  async signOut(): Promise<void> {
    try {
      await api('/auth/logout', { method: 'POST', body: {}, allowUnauthorized: true });
    } finally {
      set({ user: null, loading: false, expired: false });
    }
  },
};

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}

export const STAFF_ROLES = ['admin', 'counter_officer', 'specialist', 'leader', 'reception_officer', 'inspector', 'supervisor'] as const;

/** Roles that work on dossiers (queues and dossier pages; the server scopes them to their units). */
export const DOSSIER_ROLES = ['counter_officer', 'specialist', 'leader', 'supervisor', 'inspector'];

export function hasRole(user: SessionUser | null | undefined, ...roles: string[]): boolean {
  return !!user && user.roles.some((g) => roles.includes(g.role));
}

export function isStaff(user: SessionUser | null | undefined): boolean {
  return !!user && user.kind === 'staff' && hasRole(user, ...STAFF_ROLES);
}

/** Where a user lands after signing in when no `next` page was asked for. */
export function homeFor(user: SessionUser): string {
  return isStaff(user) ? '/can-bo' : '/';
}

/** Only same-site paths are accepted as `next` (no open redirect). */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/dang-nhap')) return null;
  return next;
}
