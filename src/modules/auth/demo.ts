import type { Role } from '../../core/access/roles.js';
import type { Queryable } from '../../db/types.js';
import { hashPassword } from './passwords.js';
import { createUser } from './users.js';

export const DEMO_PASSWORD = 'demo1234';

interface DemoUser {
  username: string;
  fullName: string;
  kind: 'staff' | 'citizen' | 'business';
  title?: string;
  citizenId?: string;
  email?: string;
  phone?: string;
  address?: string;
  roles: { role: Role; unit: string | null }[];
}

/** Demo users for every role; all have the password demo1234 (README lists them). */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', kind: 'staff', title: 'Quản trị viên', roles: [{ role: 'admin', unit: '000.00.00.H55' }] },
  { username: 'tiepnhan', fullName: 'Nguyễn Thị Hoa', kind: 'staff', title: 'Cán bộ tiếp nhận', roles: [{ role: 'counter_officer', unit: '000.00.01.H55' }] },
  { username: 'chuyenvien', fullName: 'Trần Văn Minh', kind: 'staff', title: 'Chuyên viên', roles: [{ role: 'specialist', unit: '000.00.12.H55' }, { role: 'specialist', unit: '000.00.14.H55' }] },
  { username: 'lanhdao', fullName: 'Lê Quang Tiến', kind: 'staff', title: 'Giám đốc Sở', roles: [{ role: 'leader', unit: '000.00.12.H55' }, { role: 'leader', unit: '000.00.14.H55' }] },
  { username: 'tiepcongdan', fullName: 'Phạm Thu Trang', kind: 'staff', title: 'Cán bộ tiếp công dân', roles: [{ role: 'reception_officer', unit: '000.00.19.H55' }] },
  { username: 'thanhtra', fullName: 'Hoàng Đức Thắng', kind: 'staff', title: 'Thanh tra viên', roles: [{ role: 'inspector', unit: '000.00.18.H55' }] },
  { username: 'giamsat', fullName: 'Đỗ Thị Lan', kind: 'staff', title: 'Chánh Văn phòng UBND tỉnh', roles: [{ role: 'supervisor', unit: '000.00.00.H55' }] },
  { username: 'tiepnhan.pdp', fullName: 'Vũ Thị Mai', kind: 'staff', title: 'Công chức Một cửa phường', roles: [{ role: 'counter_officer', unit: '000.20.01.H55' }] },
  { username: 'chuyenvien.pdp', fullName: 'Đặng Văn Hùng', kind: 'staff', title: 'Công chức Tư pháp – Hộ tịch', roles: [{ role: 'specialist', unit: '000.20.01.H55' }] },
  { username: 'lanhdao.pdp', fullName: 'Bùi Văn Long', kind: 'staff', title: 'Chủ tịch UBND phường', roles: [{ role: 'leader', unit: '000.20.01.H55' }] },
  { username: 'chuyenvien.nnmt', fullName: 'Ngô Thị Thu', kind: 'staff', title: 'Chuyên viên', roles: [{ role: 'specialist', unit: '000.00.13.H55' }, { role: 'specialist', unit: '000.00.15.H55' }, { role: 'specialist', unit: '000.00.16.H55' }, { role: 'specialist', unit: '000.00.17.H55' }] },
  { username: 'lanhdao.nnmt', fullName: 'Trịnh Văn Bình', kind: 'staff', title: 'Phó Giám đốc Sở', roles: [{ role: 'leader', unit: '000.00.13.H55' }, { role: 'leader', unit: '000.00.15.H55' }, { role: 'leader', unit: '000.00.16.H55' }, { role: 'leader', unit: '000.00.17.H55' }] },
  { username: 'chuyenvien.ca', fullName: 'Lý Văn Quân', kind: 'staff', title: 'Cán bộ Phòng Hồ sơ nghiệp vụ', roles: [{ role: 'specialist', unit: '000.00.32.H55' }] },
  { username: 'congdan1', fullName: 'Nguyễn Văn An', kind: 'citizen', citizenId: '019090001234', email: 'an.nguyen@example.vn', phone: '0912345678', address: 'Tổ 5, phường Phan Đình Phùng, tỉnh Thái Nguyên', roles: [{ role: 'citizen', unit: null }] },
  { username: 'congdan2', fullName: 'Trần Thị Bình', kind: 'citizen', citizenId: '019195005678', email: 'binh.tran@example.vn', phone: '0987654321', address: 'Xóm Đồng, xã Đại Phúc, tỉnh Thái Nguyên', roles: [{ role: 'citizen', unit: null }] },
];

function unitIdOf(units: Map<string, string>, code: string): string {
  const id = units.get(code);
  // A missing unit would silently turn a unit role into a province-wide one.
  if (!id) throw new Error(`demo user refers to unknown unit ${code}`);
  return id;
}

/** Creates the demo users (idempotent); returns user ids by user name. */
export async function seedUsers(db: Queryable, tenantId: string, units: Map<string, string>): Promise<Map<string, string>> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const existing = (await db.query('select id from users where tenant_id=$1 and username=$2', [tenantId, u.username])).rows[0];
    if (existing) {
      ids.set(u.username, existing.id);
      continue;
    }
    const id = await createUser(
      db,
      tenantId,
      {
        username: u.username,
        password: DEMO_PASSWORD,
        fullName: u.fullName,
        kind: u.kind,
        title: u.title,
        citizenId: u.citizenId ?? null,
        email: u.email ?? null,
        phone: u.phone ?? null,
        address: u.address ?? null,
        roles: u.roles.map((r) => ({ role: r.role, unitId: r.unit ? unitIdOf(units, r.unit) : null })),
      },
      hash,
    );
    ids.set(u.username, id);
  }
  return ids;
}
