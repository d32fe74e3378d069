import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Seeder } from '../../db/seed.js';
import type { Queryable } from '../../db/types.js';
import { CatalogueError, importCatalogue } from './service.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEMO_CATALOGUE_PATH = path.join(HERE, 'demo-catalogue.json');

/**
 * Vertical-sector bodies that cooperate on inter-agency (liên thông) procedures of the demo
 * catalogue (tax on land and business registration, police on residence and criminal records,
 * social insurance on health-insurance cards and allowances). They are not part of the
 * provincial People's Committee tree, so they have no parent. Demo data (codes illustrative).
 */
export const COOPERATING_UNITS = [
  { code: '000.00.31.H55', name: 'Thuế tỉnh Thái Nguyên', shortName: 'Thuế tỉnh', address: 'Số 6 đường Hoàng Văn Thụ, phường Phan Đình Phùng' },
  { code: '000.00.32.H55', name: 'Công an tỉnh Thái Nguyên', shortName: 'Công an tỉnh', address: 'Số 17 đường Nha Trang, phường Phan Đình Phùng' },
  { code: '000.00.33.H55', name: 'Bảo hiểm xã hội tỉnh Thái Nguyên', shortName: 'BHXH tỉnh', address: 'Số 2 đường Bến Tượng, phường Phan Đình Phùng' },
];

/** Adds the cooperating units the demo catalogue refers to, if missing (idempotent). */
export async function ensureCooperatingUnits(db: Queryable, tenantId: string): Promise<void> {
  for (const u of COOPERATING_UNITS) {
    const exists = await db.query('select 1 from units where tenant_id=$1 and code=$2', [tenantId, u.code]);
    if (exists.rowCount) continue;
    await db.query(
      `insert into units(tenant_id, code, name, short_name, kind, parent_id, address, legal_basis)
       values ($1,$2,$3,$4,'other',null,$5,'Cơ quan ngành dọc phối hợp giải quyết thủ tục liên thông; dữ liệu minh họa')`,
      [tenantId, u.code, u.name, u.shortName, u.address],
    );
  }
}

export function loadDemoCatalogue(): unknown {
  return JSON.parse(fs.readFileSync(DEMO_CATALOGUE_PATH, 'utf8'));
}

/**
 * Demo catalogue: about fifty procedures of Thái Nguyên province, loaded through the same import
 * service as any catalogue file (idempotent: a second run changes nothing). Runs at every scale.
 */
export const seedProcedures: Seeder = async (ctx) => {
  await ctx.db.tx((tx) => ensureCooperatingUnits(tx, ctx.tenantId));
  try {
    const r = await importCatalogue(ctx.db, ctx.tenantId, loadDemoCatalogue(), { userId: null, via: 'seed' }, { now: ctx.now });
    ctx.log(`procedures: ${r.procedures.created} created, ${r.procedures.updated} updated, ${r.procedures.unchanged} unchanged`);
  } catch (err) {
    if (err instanceof CatalogueError) {
      throw new Error(`the demo catalogue is invalid:\n${err.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`, { cause: err });
    }
    throw err;
  }
};
