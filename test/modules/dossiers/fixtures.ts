import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../src/db/types.js';
import { call } from '../../helpers/testApp.js';

/**
 * A small, fixed procedure catalogue for the dossier tests (so that they do not depend on the demo
 * catalogue's contents): a department procedure received at the provincial centre and decided by
 * the Department of Justice, a commune procedure, and a procedure excluded from postal submission.
 */
export interface Fixture {
  dept: string;
  commune: string;
  noPost: string;
  units: Map<string, string>;
}

const PROCESS = {
  steps: [
    { code: 'TN', name: 'Tiếp nhận hồ sơ', role: 'counter_officer', unit: 'receiving', budgetHours: 4, phase: 'one_stop', clock: 'runs' },
    { code: 'PC', name: 'Phân công thụ lý', role: 'leader', unit: 'competent', budgetHours: 4, phase: 'department', clock: 'runs' },
    { code: 'TD', name: 'Thẩm định hồ sơ', role: 'specialist', unit: 'competent', budgetHours: 48, phase: 'department', clock: 'runs' },
    { code: 'PD', name: 'Phê duyệt kết quả', role: 'leader', unit: 'competent', budgetHours: 8, phase: 'department', clock: 'runs' },
    { code: 'TKQ', name: 'Trả kết quả', role: 'counter_officer', unit: 'receiving', budgetHours: 4, phase: 'one_stop', clock: 'runs' },
  ],
  transitions: [],
};

const COMPONENTS = [
  { code: 'TK', name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', originals: 1, certifiedCopies: 0, copies: 0, required: true },
  { code: 'CCCD', name: 'Bản chụp Căn cước công dân', originals: 0, certifiedCopies: 0, copies: 1, required: true },
  { code: 'UQ', name: 'Văn bản ủy quyền', originals: 1, certifiedCopies: 0, copies: 0, required: false },
];

export async function createFixture(db: Db, tenantId = 'H55'): Promise<Fixture> {
  const units = new Map<string, string>((await db.query('select code, id from units where tenant_id=$1', [tenantId])).rows.map((r: any) => [r.code, r.id]));
  return db.tx(async (tx) => {
    const field = (
      await tx.query(
        `insert into procedure_fields(tenant_id, code, name) values ($1,'TEST-TP','Tư pháp (kiểm thử)')
         on conflict (tenant_id, code) do update set name = excluded.name returning id`,
        [tenantId],
      )
    ).rows[0].id;
    const proc = async (code: string, name: string, level: string, postal: string, receiving: string, competent: string, amount: number) => {
      const id = (
        await tx.query(
          `insert into procedures(tenant_id, national_code, name, field_id, level, online_level, postal, cutoff_time, legal_basis, effective_from, status)
           values ($1,$2,$3,$4,$5,'full',$6,'15:00','Luật Lý lịch tư pháp 2009 (kiểm thử)','2020-01-01','published') returning id`,
          [tenantId, code, name, field, level, postal],
        )
      ).rows[0].id;
      await tx.query(`insert into procedure_units(tenant_id, procedure_id, unit_id, role) values ($1,$2,$3,'receiving'), ($1,$2,$4,'competent')`, [
        tenantId,
        id,
        units.get(receiving),
        units.get(competent),
      ]);
      await tx.query(
        `insert into procedure_variants(tenant_id, procedure_id, processing_amount, processing_unit, components, fees, process, legal_basis, effective_from)
         values ($1,$2,$3,'working_days',$4,$5,$6,'Luật Lý lịch tư pháp 2009 (kiểm thử)','2020-01-01')`,
        [tenantId, id, amount, JSON.stringify(COMPONENTS), JSON.stringify([{ code: 'LP', name: 'Phí cung cấp thông tin lý lịch tư pháp', amount: 200000, kind: 'phi' }]), JSON.stringify(PROCESS)],
      );
      return id as string;
    };
    const dept = await proc('9.900001', 'Cấp Phiếu lý lịch tư pháp (kiểm thử)', 'province', 'both', '000.00.01.H55', '000.00.12.H55', 10);
    const commune = await proc('9.900002', 'Chứng thực bản sao từ bản chính (kiểm thử)', 'commune', 'both', '000.20.01.H55', '000.20.01.H55', 2);
    const noPost = await proc('9.900003', 'Đăng ký kết hôn (kiểm thử, phải có mặt)', 'province', 'none', '000.00.01.H55', '000.00.12.H55', 5);
    return { dept, commune, noPost, units };
  });
}

/** A counter intake body for the department procedure. */
export function intakeBody(fx: Fixture, over: Record<string, unknown> = {}) {
  return {
    procedureId: fx.dept,
    applicant: { name: 'Phạm Văn Khánh', citizenId: '019088004321', address: 'Tổ 3, phường Gia Sàng', phone: '0911222333' },
    components: [
      { code: 'TK', originals: 1 },
      { code: 'CCCD', copies: 1 },
    ],
    returnChannel: 'counter',
    outcome: 'accept',
    ...over,
  };
}

/** Runs an action and returns the response. */
export async function act(app: FastifyInstance, token: string, id: string, action: string, body: Record<string, unknown>) {
  return call(app, token, { method: 'POST', url: `/api/v1/dossiers/${id}/actions/${action}`, payload: body });
}

/** Minimal valid files. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

export function multipart(field: string, filename: string, content: Buffer, mime = 'application/octet-stream') {
  const boundary = `----motcua${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
