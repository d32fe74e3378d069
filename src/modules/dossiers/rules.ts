/**
 * Legal parameters of the dossier lifecycle (rows `dossier.*` of `legal_parameters`, national
 * rows have tenant_id '*', a tenant's own row wins) and the form templates in force. Never
 * constants in code: migration 0031 ships the national rows with their legal basis.
 */
import type { Queryable } from '../../db/types.js';
import { localDateOf } from '../../core/calendar/index.js';
import type { DossierRules, FormTemplate } from './types.js';

const KEYS = [
  'dossier.supplement_window',
  'dossier.supplement_limit',
  'dossier.reschedule_limit',
  'dossier.apology_min_lead',
  'dossier.transfer_cutoff',
  'dossier.online_acceptance_flag',
  'dossier.due_soon',
  'dossier.code_width',
  'dossier.classification_rule',
  'dossier.index766_pause_measure',
];

export class MissingRuleError extends Error {}

/** The rules in force on the local date of `at`. */
export async function loadRules(db: Queryable, tenantId: string, at: Date): Promise<DossierRules> {
  const day = localDateOf(at);
  const rows = (
    await db.query(
      `select distinct on (key) key, value, legal_basis from legal_parameters
        where tenant_id in ($1, '*') and key = any($2::text[]) and effective_from <= $3::date
          and (effective_to is null or effective_to > $3::date)
        order by key, (tenant_id = '*'), effective_from desc`,
      [tenantId, KEYS, day],
    )
  ).rows;
  const byKey = new Map<string, { value: any; basis: string }>(rows.map((r: any) => [r.key, { value: r.value, basis: r.legal_basis }]));
  const get = (k: string) => {
    const v = byKey.get(k);
    if (!v) throw new MissingRuleError(`legal parameter ${k} is not in force on ${day}`);
    return v.value;
  };
  const basis: Record<string, string> = {};
  for (const [k, v] of byKey) basis[k] = v.basis;
  const limit = get('dossier.supplement_limit');
  return {
    supplementWindowWorkingDays: Number(get('dossier.supplement_window').workingDays),
    supplementFlagFrom: Number(limit.flagFrom ?? 2),
    supplementMax: limit.max === null || limit.max === undefined ? null : Number(limit.max),
    rescheduleMax: Number(get('dossier.reschedule_limit').max),
    apologyMinLeadWorkingDays: Number(get('dossier.apology_min_lead').workingDays),
    transferCutoff: String(get('dossier.transfer_cutoff').time),
    onlineAcceptanceFlagWorkingDays: Number(get('dossier.online_acceptance_flag').workingDays),
    dueSoonWorkingDays: Number(get('dossier.due_soon').workingDays),
    codeWidth: Number(get('dossier.code_width').width),
    classificationRule: get('dossier.classification_rule').rule === 'session' ? 'session' : 'day',
    index766Measure: get('dossier.index766_pause_measure').measure === 'working' ? 'working' : 'elapsed',
    basis,
  };
}

export async function loadForms(db: Queryable, tenantId: string): Promise<FormTemplate[]> {
  const rows = (await db.query(`select * from dossier_form_templates where tenant_id in ($1, '*') order by key, effective_from`, [tenantId])).rows;
  return rows.map((r: any) => ({
    tenantId: r.tenant_id,
    formSet: r.form_set,
    key: r.key,
    number: r.number,
    title: r.title,
    paperSize: r.paper_size,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    legalBasis: r.legal_basis,
    evidence: r.evidence,
  }));
}

export interface StatusLabel {
  dvcCode: number | null;
  labelVi: string;
  labelEn: string;
  publicLabelVi: string;
}

/** Status (+ sub-status) labels and DVCQG codes; a sub-status row wins, a tenant row wins. */
export async function loadStatusLabels(db: Queryable, tenantId: string): Promise<(status: string, subStatus: string | null) => StatusLabel> {
  const rows = (await db.query(`select * from dossier_status_codes where tenant_id in ($1, '*') order by (tenant_id = '*') desc`, [tenantId])).rows;
  const map = new Map<string, StatusLabel>();
  for (const r of rows) {
    map.set(`${r.status}|${r.sub_status}`, { dvcCode: r.dvc_code, labelVi: r.label_vi, labelEn: r.label_en, publicLabelVi: r.public_label_vi });
  }
  return (status, subStatus) =>
    map.get(`${status}|${subStatus ?? ''}`) ?? map.get(`${status}|`) ?? { dvcCode: null, labelVi: status, labelEn: status, publicLabelVi: status };
}
