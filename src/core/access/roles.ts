/** Roles a user holds at a unit; a role at a unit covers that unit and its descendants. */
export const ROLES = [
  'admin',
  'counter_officer',
  'specialist',
  'leader',
  'reception_officer',
  'inspector',
  'supervisor',
  'citizen',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
  counter_officer: { vi: 'Cán bộ tiếp nhận', en: 'Counter officer' },
  specialist: { vi: 'Chuyên viên xử lý', en: 'Specialist' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  reception_officer: { vi: 'Cán bộ tiếp công dân', en: 'Citizen-reception officer' },
  inspector: { vi: 'Thanh tra', en: 'Inspector' },
  supervisor: { vi: 'Giám sát', en: 'Supervisor' },
  citizen: { vi: 'Công dân', en: 'Citizen' },
};

export interface RoleGrant {
  role: Role;
  unitId: string | null;
}

export interface AuthUser {
  id: string;
  tenantId: string;
  username: string;
  fullName: string;
  kind: 'staff' | 'citizen' | 'business';
  citizenId: string | null;
  taxCode: string | null;
  roles: RoleGrant[];
}

export function hasRole(user: AuthUser | null | undefined, ...roles: Role[]): boolean {
  return !!user && user.roles.some((g) => roles.includes(g.role));
}

/** Units (roots) where the user holds any of the roles; descendants are resolved in SQL. */
export function roleUnits(user: AuthUser, ...roles: Role[]): string[] {
  return [...new Set(user.roles.filter((g) => roles.includes(g.role) && g.unitId).map((g) => g.unitId as string))];
}

/** Masks a citizen ID for lists and logs: only the last four digits are shown. */
export function maskCitizenId(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  return id.length <= 4 ? '*'.repeat(id.length) : '*'.repeat(id.length - 4) + id.slice(-4);
}

/** Masks a person's name for public pages: 'Nguyễn Văn An' -> 'Nguyễn V. A.' */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return parts[0].charAt(0) + '.';
  return [parts[0], ...parts.slice(1).map((p) => p.charAt(0) + '.')].join(' ');
}

/** CCCD: 12 digits (historical 9-digit CMND numbers are accepted only where stated). */
export function isValidCitizenId(id: string): boolean {
  return /^\d{12}$/.test(id);
}
