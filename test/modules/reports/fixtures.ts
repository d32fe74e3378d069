/**
 * Dossier rows written straight into a test database, for the statistics tests only: the counting
 * SQL is tested against rows whose every column the test controls (receipt, end, kind, dues,
 * pauses, liên thông origin), independent of the lifecycle that normally writes them.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../../src/db/types.js';

export interface Catalogue {
  fields: Record<string, string>;
  procedures: Record<string, { id: string; variantId: string; fieldId: string; name: string }>;
}

/** Two fields with one procedure each (codes RPTA/RPTB), created once per database. */
export async function reportCatalogue(db: Queryable, tenantId: string): Promise<Catalogue> {
  const fields: Record<string, string> = {};
  const procedures: Catalogue['procedures'] = {};
  for (const [code, name, proc, procName] of [
    ['RPTA', 'Lĩnh vực thử A (báo cáo)', 'RPT.000001', 'Thủ tục thử A'],
    ['RPTB', 'Lĩnh vực thử B (báo cáo)', 'RPT.000002', 'Thủ tục thử B'],
  ]) {
    const f = await db.query(
      `insert into procedure_fields(tenant_id, code, name) values ($1, $2, $3)
       on conflict (tenant_id, code) do update set name = excluded.name returning id`,
      [tenantId, code, name],
    );
    fields[code] = f.rows[0].id;
    const p = await db.query(
      `insert into procedures(tenant_id, national_code, name, field_id, level, legal_basis, effective_from)
       values ($1, $2, $3, $4, 'commune', 'thử nghiệm', '2020-01-01')
       on conflict (tenant_id, national_code) do update set name = excluded.name returning id`,
      [tenantId, proc, procName, fields[code]],
    );
    const pid = p.rows[0].id;
    let v = (await db.query('select id from procedure_variants where procedure_id = $1 limit 1', [pid])).rows[0];
    if (!v) {
      v = (
        await db.query(
          `insert into procedure_variants(tenant_id, procedure_id, processing_amount, processing_unit, process, legal_basis, effective_from)
           values ($1, $2, 10, 'working_days', '{"steps": []}', 'thử nghiệm', '2020-01-01') returning id`,
          [tenantId, pid],
        )
      ).rows[0];
    }
    procedures[code] = { id: pid, variantId: v.id, fieldId: fields[code], name: procName };
  }
  return { fields, procedures };
}

export interface DossierSpec {
  procedure: string; // RPTA / RPTB
  unit: string; // receiving unit id
  competent?: string | null;
  channel?: 1 | 2 | 3;
  receivedAt: string | null; // ISO with offset
  originalDueAt?: string | null;
  dueAt?: string | null;
  rescheduledDueAt?: string | null;
  pauseDueAt?: string | null;
  endedAt?: string | null;
  endKind?: 'resolved_approved' | 'resolved_refused' | 'withdrawn' | 'stopped' | null;
  returnedAt?: string | null;
  transferredAt?: string | null;
  origin?: string | null;
  status?: string;
  supplementCount?: number;
  index766OnTime?: boolean | null;
  handlerId?: string | null;
  applicantName?: string;
  applicantCitizenId?: string | null;
  applicantPhone?: string | null;
  applicantAddress?: string | null;
  code?: string | null;
}

const ts = (s: string | null | undefined) => (s ? new Date(s) : null);

function statusOf(s: DossierSpec): string {
  if (s.status) return s.status;
  if (!s.endKind) return 'in_process';
  if (s.endKind === 'withdrawn' || s.endKind === 'stopped') return s.endKind;
  return s.returnedAt ? 'returned' : 'resolved';
}

/** Inserts dossiers in one statement; returns their ids in order. */
export async function insertDossiers(db: Queryable, tenantId: string, cat: Catalogue, specs: DossierSpec[]): Promise<string[]> {
  if (!specs.length) return [];
  const cols = [
    'tenant_id', 'code', 'public_lookup_secret', 'procedure_id', 'variant_id', 'field_id', 'procedure_name', 'receiving_unit_id',
    'competent_unit_id', 'channel', 'status', 'applicant_name', 'applicant_citizen_id', 'applicant_phone', 'applicant_address',
    'duration_amount', 'duration_unit', 'received_at', 'original_due_at', 'due_at', 'rescheduled_due_at', 'pause_due_at', 'ended_at',
    'end_kind', 'outcome', 'returned_at', 'transferred_at', 'resolved_at', 'origin_dossier_id', 'supplement_count', 'index766_on_time', 'handler_id',
  ];
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const s of specs) {
    const p = cat.procedures[s.procedure];
    const row = [
      tenantId,
      s.code === undefined ? `RPT-${crypto.randomBytes(6).toString('hex')}` : s.code,
      crypto.randomBytes(8).toString('hex'),
      p.id,
      p.variantId,
      p.fieldId,
      p.name,
      s.unit,
      s.competent ?? null,
      s.channel ?? 1,
      statusOf(s),
      s.applicantName ?? 'Nguyễn Văn Thử',
      s.applicantCitizenId ?? null,
      s.applicantPhone ?? null,
      s.applicantAddress ?? null,
      10,
      'working_days',
      ts(s.receivedAt),
      ts(s.originalDueAt),
      ts(s.dueAt ?? s.originalDueAt),
      ts(s.rescheduledDueAt),
      ts(s.pauseDueAt),
      ts(s.endedAt),
      s.endKind ?? null,
      s.endKind === 'resolved_approved' ? 'approved' : s.endKind === 'resolved_refused' ? 'refused' : null,
      ts(s.returnedAt),
      ts(s.transferredAt),
      s.endKind?.startsWith('resolved') ? ts(s.endedAt) : null,
      s.origin ?? null,
      s.supplementCount ?? 0,
      s.index766OnTime ?? null,
      s.handlerId ?? null,
    ];
    tuples.push(`(${row.map((v) => `$${values.push(v)}`).join(', ')})`);
  }
  const r = await db.query(`insert into dossiers(${cols.join(', ')}) values ${tuples.join(', ')} returning id`, values);
  return r.rows.map((x: any) => x.id);
}

export async function insertPause(db: Queryable, tenantId: string, dossierId: string, fromAt: string, toAt: string | null, reason = 'supplement'): Promise<void> {
  await db.query(
    `insert into dossier_pauses(tenant_id, dossier_id, nth, reason, from_at, to_at)
     values ($1, $2, coalesce((select max(nth) from dossier_pauses where dossier_id = $2), 0) + 1, $3, $4, $5)`,
    [tenantId, dossierId, reason, new Date(fromAt), ts(toAt)],
  );
}

export async function insertEvent(db: Queryable, tenantId: string, dossierId: string, action: string, at: string, toState: string): Promise<void> {
  await db.query(
    `insert into dossier_events(tenant_id, dossier_id, seq, action, at, to_state)
     values ($1, $2, coalesce((select max(seq) from dossier_events where dossier_id = $2), 0) + 1, $3, $4, $5)`,
    [tenantId, dossierId, action, new Date(at), toState],
  );
}

export async function insertStep(
  db: Queryable,
  tenantId: string,
  dossierId: string,
  s: { code: string; name: string; unitId: string; dueAt: string; assigneeId?: string | null },
): Promise<void> {
  await db.query(
    `insert into dossier_steps(tenant_id, dossier_id, seq, kind, step_code, name, unit_id, assignee_id, status, received_at, due_at)
     values ($1, $2, coalesce((select max(seq) from dossier_steps where dossier_id = $2), 0) + 1, 'process', $3, $4, $5, $6, 'active', now(), $7)`,
    [tenantId, dossierId, s.code, s.name, s.unitId, s.assigneeId ?? null, new Date(s.dueAt)],
  );
}
