import type { Queryable } from '../../db/types.js';

/** Demo organisation: Thái Nguyên province after the 2025 reorganisation (two-level government). */
export const DEMO_TENANT = { id: 'H55', name: 'Tỉnh Thái Nguyên', portalDomain: 'thainguyen.gov.vn' };

interface DemoUnit {
  code: string;
  name: string;
  shortName?: string;
  kind: 'province' | 'department' | 'commune' | 'division' | 'service_centre';
  parent?: string;
  remoteArea?: boolean;
  address?: string;
}

export const DEMO_UNITS: DemoUnit[] = [
  { code: '000.00.00.H55', name: 'Ủy ban nhân dân tỉnh Thái Nguyên', shortName: 'UBND tỉnh', kind: 'province', address: 'Số 18 Nha Trang, phường Phan Đình Phùng' },
  { code: '000.00.01.H55', name: 'Trung tâm Phục vụ hành chính công tỉnh Thái Nguyên', shortName: 'TTPVHCC tỉnh', kind: 'service_centre', parent: '000.00.00.H55', address: 'Số 1 đường Hoàng Văn Thụ, phường Phan Đình Phùng' },
  { code: '000.00.02.H55', name: 'Văn phòng Ủy ban nhân dân tỉnh', shortName: 'Văn phòng UBND tỉnh', kind: 'department', parent: '000.00.00.H55' },
  { code: '000.00.12.H55', name: 'Sở Tư pháp', kind: 'department', parent: '000.00.00.H55' },
  { code: '000.00.13.H55', name: 'Sở Nông nghiệp và Môi trường', kind: 'department', parent: '000.00.00.H55' },
  { code: '000.00.14.H55', name: 'Sở Xây dựng', kind: 'department', parent: '000.00.00.H55' },
  { code: '000.00.15.H55', name: 'Sở Tài chính', kind: 'department', parent: '000.00.00.H55' },
  { code: '000.00.16.H55', name: 'Sở Nội vụ', kind: 'department', parent: '000.00.00.H55' },
  { code: '000.00.17.H55', name: 'Sở Y tế', kind: 'department', parent: '000.00.00.H55' },
  { code: '000.00.18.H55', name: 'Thanh tra tỉnh', kind: 'department', parent: '000.00.00.H55' },
  { code: '000.00.19.H55', name: 'Ban Tiếp công dân tỉnh', kind: 'department', parent: '000.00.00.H55' },
  { code: '000.12.01.H55', name: 'Phòng Hành chính tư pháp', kind: 'division', parent: '000.00.12.H55' },
  { code: '000.13.01.H55', name: 'Phòng Quản lý đất đai', kind: 'division', parent: '000.00.13.H55' },
  { code: '000.13.02.H55', name: 'Văn phòng Đăng ký đất đai', kind: 'division', parent: '000.00.13.H55' },
  { code: '000.14.01.H55', name: 'Phòng Quản lý hoạt động xây dựng', kind: 'division', parent: '000.00.14.H55' },
  { code: '000.15.01.H55', name: 'Phòng Đăng ký kinh doanh', kind: 'division', parent: '000.00.15.H55' },
  { code: '000.16.01.H55', name: 'Phòng Lao động – Việc làm', kind: 'division', parent: '000.00.16.H55' },
  { code: '000.20.01.H55', name: 'Ủy ban nhân dân phường Phan Đình Phùng', shortName: 'Phường Phan Đình Phùng', kind: 'commune', parent: '000.00.00.H55' },
  { code: '000.20.02.H55', name: 'Ủy ban nhân dân phường Gia Sàng', shortName: 'Phường Gia Sàng', kind: 'commune', parent: '000.00.00.H55' },
  { code: '000.20.03.H55', name: 'Ủy ban nhân dân phường Quyết Thắng', shortName: 'Phường Quyết Thắng', kind: 'commune', parent: '000.00.00.H55' },
  { code: '000.20.04.H55', name: 'Ủy ban nhân dân phường Tích Lương', shortName: 'Phường Tích Lương', kind: 'commune', parent: '000.00.00.H55' },
  { code: '000.20.05.H55', name: 'Ủy ban nhân dân phường Linh Sơn', shortName: 'Phường Linh Sơn', kind: 'commune', parent: '000.00.00.H55' },
  { code: '000.20.06.H55', name: 'Ủy ban nhân dân xã Đại Phúc', shortName: 'Xã Đại Phúc', kind: 'commune', parent: '000.00.00.H55' },
  { code: '000.20.07.H55', name: 'Ủy ban nhân dân xã Phú Bình', shortName: 'Xã Phú Bình', kind: 'commune', parent: '000.00.00.H55' },
  { code: '000.20.08.H55', name: 'Ủy ban nhân dân xã Định Hóa', shortName: 'Xã Định Hóa', kind: 'commune', parent: '000.00.00.H55', remoteArea: true },
  { code: '000.20.09.H55', name: 'Ủy ban nhân dân xã Võ Nhai', shortName: 'Xã Võ Nhai', kind: 'commune', parent: '000.00.00.H55', remoteArea: true },
  { code: '000.20.10.H55', name: 'Ủy ban nhân dân xã Đồng Hỷ', shortName: 'Xã Đồng Hỷ', kind: 'commune', parent: '000.00.00.H55' },
];

/** Inserts the tenant and its units; returns unit ids by code. Idempotent. */
export async function seedOrganisation(db: Queryable, tenantId = DEMO_TENANT.id): Promise<Map<string, string>> {
  await db.query('insert into tenants(id, name, portal_domain) values ($1,$2,$3) on conflict (id) do nothing', [
    tenantId,
    DEMO_TENANT.name,
    DEMO_TENANT.portalDomain,
  ]);
  const ids = new Map<string, string>();
  for (const u of DEMO_UNITS) {
    const existing = (await db.query('select id from units where tenant_id=$1 and code=$2', [tenantId, u.code])).rows[0];
    if (existing) {
      ids.set(u.code, existing.id);
      continue;
    }
    const r = await db.query(
      `insert into units(tenant_id, code, name, short_name, kind, parent_id, remote_area, address, legal_basis)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9) returning id`,
      [tenantId, u.code, u.name, u.shortName ?? null, u.kind, u.parent ? ids.get(u.parent) : null, u.remoteArea ?? false, u.address ?? null, 'Nghị quyết 202/2025/QH15; dữ liệu minh họa'],
    );
    ids.set(u.code, r.rows[0].id);
  }
  return ids;
}
