import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { hasRole, isStaff, useSession } from '../session';
import { Forbidden, Loading } from './Status';

/**
 * Guards a page: anonymous users go to the sign-in page (and come back after), users without the
 * role see a clear "not allowed" page. The server checks again on every request.
 */
export function RequireUser({ roles, staff, children }: { roles?: string[]; staff?: boolean; children: ReactNode }) {
  const { user, loading, expired } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/dang-nhap?next=${next}${expired ? '&expired=1' : ''}`} replace />;
  }
  if (staff && !isStaff(user)) return <Forbidden />;
  if (roles && !hasRole(user, ...roles)) return <Forbidden />;
  return <>{children}</>;
}
