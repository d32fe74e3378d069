/**
 * In-memory shapes of a dossier aggregate (the `dossiers` row with its steps, pauses, components
 * and the events an action appends) and their mapping to the tables of migration 0030.
 */
import type { DurationUnit } from '../../core/calendar/index.js';
import type { DossierState } from '../../core/workflow/index.js';

export interface DossierRow {
  id: string;
  tenantId: string;
  code: string | null;
  codeDay: string | null;
  codeSeq: number | null;
  registerYear: number | null;
  registerNo: number | null;
  publicLookupSecret: string;
  procedureId: string;
  variantId: string;
  fieldId: string | null;
  procedureName: string;
  receivingUnitId: string;
  competentUnitId: string | null;
  channel: 1 | 2 | 3;
  returnChannel: 'counter' | 'post' | 'online';
  status: DossierState;
  subStatus: string | null;
  statusBefore: DossierState | null;
  applicantKind: 1 | 2;
  applicantName: string;
  applicantCitizenId: string | null;
  applicantTaxCode: string | null;
  applicantAddress: string | null;
  applicantPhone: string | null;
  applicantEmail: string | null;
  applicantUserId: string | null;
  representativeName: string | null;
  summary: string | null;
  setsCount: number;
  durationAmount: number;
  durationUnit: DurationUnit;
  cutoffTime: string | null;
  calendarUnitId: string | null;
  submittedAt: Date | null;
  receivedAt: Date | null;
  clockStart: Date | null;
  clockRestartAt: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  rescheduledDueAt: Date | null;
  rescheduleCount: number;
  pauseDueAt: Date | null;
  dueProvisional: boolean;
  supplementCount: number;
  supplementFlagged: boolean;
  intakeSupplementCount: number;
  pausedElapsedSeconds: number;
  pausedWorkingMinutes: number;
  transferredAt: Date | null;
  transferLate: boolean;
  acceptanceLate: boolean;
  resolvedAt: Date | null;
  endedAt: Date | null;
  endKind: 'resolved_approved' | 'resolved_refused' | 'withdrawn' | 'stopped' | null;
  outcome: 'approved' | 'refused' | null;
  classDay: 'early' | 'on_time' | 'late' | null;
  classRule: string | null;
  classCalendarVersion: number | null;
  index766OnTime: boolean | null;
  lateUnits: string[];
  returnedAt: Date | null;
  archivedAt: Date | null;
  originDossierId: string | null;
  currentStep: string | null;
  currentStepId: string | null;
  holderUnitId: string | null;
  holders: string[];
  handlerId: string | null;
  postalOperator: string | null;
  postalSlipNo: string | null;
  postalHandoverNo: string | null;
  postalHandoverSignedAt: Date | null;
  postalSenderAddress: string | null;
  returnAddress: string | null;
  returnPhone: string | null;
  returnPostalSlipNo: string | null;
  deliveredAt: Date | null;
  fees: unknown[];
  onlinePayment: 0 | 1 | 2;
  vneidVerified: boolean;
  hasDigitisedComponent: boolean;
  resultCode: string | null;
  resultFileId: string | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StepRow {
  id: string;
  seq: number;
  kind: 'intake' | 'process' | 'interagency' | 'consultation' | 'return';
  stepCode: string;
  name: string;
  role: string | null;
  phase: string | null;
  parallelGroup: string | null;
  unitId: string | null;
  assigneeId: string | null;
  task: string | null;
  lead: boolean;
  status: 'pending' | 'active' | 'done' | 'cancelled';
  receivedAt: Date | null;
  clockStart: Date | null;
  budgetMinutes: number | null;
  dueAt: Date | null;
  endedAt: Date | null;
  classification: 'early' | 'on_time' | 'late' | null;
  overrunMinutes: number | null;
  handedBy: string | null;
  receivedBy: string | null;
  note: string | null;
  childDossierId: string | null;
}

export interface PauseRow {
  id: string;
  nth: number;
  reason: 'supplement' | 'payment' | 'other_legal';
  fromAt: Date;
  toAt: Date | null;
  note: string | null;
  legalBasis: string | null;
  items: unknown[];
  requestedBy: string | null;
  requestedUnitId: string | null;
  completedBy: string | null;
  lateRequest: boolean;
  justification: string | null;
  dueBefore: Date | null;
  dueAfter: Date | null;
}

export interface ComponentRow {
  id: string;
  position: number;
  code: string;
  name: string;
  required: boolean;
  originals: number;
  certifiedCopies: number;
  copies: number;
  provided: boolean;
  digitised: boolean;
  fromDataStore: boolean;
  fileIds: string[];
  note: string | null;
}

export interface EventRow {
  seq: number;
  action: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorUnitId: string | null;
  fromState: string | null;
  toState: string | null;
  stepCode: string | null;
  reason: string | null;
  legalBasis: string | null;
  formKey: string | null;
  formSet: string | null;
  formNumber: string | null;
  dueBefore: Date | null;
  dueAfter: Date | null;
  ruleVersion: string | null;
  public: boolean;
  data: Record<string, unknown>;
}

/** A dossier with its parts, as loaded (or built) and changed by the engine. */
export interface Aggregate {
  d: DossierRow;
  steps: StepRow[];
  pauses: PauseRow[];
  components: ComponentRow[];
  /** Events appended by this unit of work (persisted in order). */
  events: EventRow[];
  lastSeq: number;
  isNew: boolean;
  loadedVersion: number;
  dirtySteps: Set<string>;
  dirtyPauses: Set<string>;
  dirtyComponents: Set<string>;
}

// ------------------------------------------------------------------ column mapping

type Kind = 'text' | 'int' | 'num' | 'bool' | 'ts' | 'date' | 'json' | 'uuid[]';

/** [camelCase field, column, kind]: the single list used for reads, inserts and updates. */
export const DOSSIER_COLUMNS: [keyof DossierRow, string, Kind][] = [
  ['id', 'id', 'text'],
  ['tenantId', 'tenant_id', 'text'],
  ['code', 'code', 'text'],
  ['codeDay', 'code_day', 'date'],
  ['codeSeq', 'code_seq', 'int'],
  ['registerYear', 'register_year', 'int'],
  ['registerNo', 'register_no', 'int'],
  ['publicLookupSecret', 'public_lookup_secret', 'text'],
  ['procedureId', 'procedure_id', 'text'],
  ['variantId', 'variant_id', 'text'],
  ['fieldId', 'field_id', 'text'],
  ['procedureName', 'procedure_name', 'text'],
  ['receivingUnitId', 'receiving_unit_id', 'text'],
  ['competentUnitId', 'competent_unit_id', 'text'],
  ['channel', 'channel', 'int'],
  ['returnChannel', 'return_channel', 'text'],
  ['status', 'status', 'text'],
  ['subStatus', 'sub_status', 'text'],
  ['statusBefore', 'status_before', 'text'],
  ['applicantKind', 'applicant_kind', 'int'],
  ['applicantName', 'applicant_name', 'text'],
  ['applicantCitizenId', 'applicant_citizen_id', 'text'],
  ['applicantTaxCode', 'applicant_tax_code', 'text'],
  ['applicantAddress', 'applicant_address', 'text'],
  ['applicantPhone', 'applicant_phone', 'text'],
  ['applicantEmail', 'applicant_email', 'text'],
  ['applicantUserId', 'applicant_user_id', 'text'],
  ['representativeName', 'representative_name', 'text'],
  ['summary', 'summary', 'text'],
  ['setsCount', 'sets_count', 'int'],
  ['durationAmount', 'duration_amount', 'num'],
  ['durationUnit', 'duration_unit', 'text'],
  ['cutoffTime', 'cutoff_time', 'text'],
  ['calendarUnitId', 'calendar_unit_id', 'text'],
  ['submittedAt', 'submitted_at', 'ts'],
  ['receivedAt', 'received_at', 'ts'],
  ['clockStart', 'clock_start', 'ts'],
  ['clockRestartAt', 'clock_restart_at', 'ts'],
  ['dueAt', 'due_at', 'ts'],
  ['originalDueAt', 'original_due_at', 'ts'],
  ['rescheduledDueAt', 'rescheduled_due_at', 'ts'],
  ['rescheduleCount', 'reschedule_count', 'int'],
  ['pauseDueAt', 'pause_due_at', 'ts'],
  ['dueProvisional', 'due_provisional', 'bool'],
  ['supplementCount', 'supplement_count', 'int'],
  ['supplementFlagged', 'supplement_flagged', 'bool'],
  ['intakeSupplementCount', 'intake_supplement_count', 'int'],
  ['pausedElapsedSeconds', 'paused_elapsed_seconds', 'int'],
  ['pausedWorkingMinutes', 'paused_working_minutes', 'int'],
  ['transferredAt', 'transferred_at', 'ts'],
  ['transferLate', 'transfer_late', 'bool'],
  ['acceptanceLate', 'acceptance_late', 'bool'],
  ['resolvedAt', 'resolved_at', 'ts'],
  ['endedAt', 'ended_at', 'ts'],
  ['endKind', 'end_kind', 'text'],
  ['outcome', 'outcome', 'text'],
  ['classDay', 'class_day', 'text'],
  ['classRule', 'class_rule', 'text'],
  ['classCalendarVersion', 'class_calendar_version', 'int'],
  ['index766OnTime', 'index766_on_time', 'bool'],
  ['lateUnits', 'late_units', 'uuid[]'],
  ['returnedAt', 'returned_at', 'ts'],
  ['archivedAt', 'archived_at', 'ts'],
  ['originDossierId', 'origin_dossier_id', 'text'],
  ['currentStep', 'current_step', 'text'],
  ['currentStepId', 'current_step_id', 'text'],
  ['holderUnitId', 'holder_unit_id', 'text'],
  ['holders', 'holders', 'uuid[]'],
  ['handlerId', 'handler_id', 'text'],
  ['postalOperator', 'postal_operator', 'text'],
  ['postalSlipNo', 'postal_slip_no', 'text'],
  ['postalHandoverNo', 'postal_handover_no', 'text'],
  ['postalHandoverSignedAt', 'postal_handover_signed_at', 'ts'],
  ['postalSenderAddress', 'postal_sender_address', 'text'],
  ['returnAddress', 'return_address', 'text'],
  ['returnPhone', 'return_phone', 'text'],
  ['returnPostalSlipNo', 'return_postal_slip_no', 'text'],
  ['deliveredAt', 'delivered_at', 'ts'],
  ['fees', 'fees', 'json'],
  ['onlinePayment', 'online_payment', 'int'],
  ['vneidVerified', 'vneid_verified', 'bool'],
  ['hasDigitisedComponent', 'has_digitised_component', 'bool'],
  ['resultCode', 'result_code', 'text'],
  ['resultFileId', 'result_file_id', 'text'],
  ['version', 'version', 'int'],
  ['createdBy', 'created_by', 'text'],
  ['createdAt', 'created_at', 'ts'],
  ['updatedAt', 'updated_at', 'ts'],
];

export const STEP_COLUMNS: [keyof StepRow, string, Kind][] = [
  ['id', 'id', 'text'],
  ['seq', 'seq', 'int'],
  ['kind', 'kind', 'text'],
  ['stepCode', 'step_code', 'text'],
  ['name', 'name', 'text'],
  ['role', 'role', 'text'],
  ['phase', 'phase', 'text'],
  ['parallelGroup', 'parallel_group', 'text'],
  ['unitId', 'unit_id', 'text'],
  ['assigneeId', 'assignee_id', 'text'],
  ['task', 'task', 'text'],
  ['lead', 'lead', 'bool'],
  ['status', 'status', 'text'],
  ['receivedAt', 'received_at', 'ts'],
  ['clockStart', 'clock_start', 'ts'],
  ['budgetMinutes', 'budget_minutes', 'int'],
  ['dueAt', 'due_at', 'ts'],
  ['endedAt', 'ended_at', 'ts'],
  ['classification', 'classification', 'text'],
  ['overrunMinutes', 'overrun_minutes', 'int'],
  ['handedBy', 'handed_by', 'text'],
  ['receivedBy', 'received_by', 'text'],
  ['note', 'note', 'text'],
  ['childDossierId', 'child_dossier_id', 'text'],
];

export const PAUSE_COLUMNS: [keyof PauseRow, string, Kind][] = [
  ['id', 'id', 'text'],
  ['nth', 'nth', 'int'],
  ['reason', 'reason', 'text'],
  ['fromAt', 'from_at', 'ts'],
  ['toAt', 'to_at', 'ts'],
  ['note', 'note', 'text'],
  ['legalBasis', 'legal_basis', 'text'],
  ['items', 'items', 'json'],
  ['requestedBy', 'requested_by', 'text'],
  ['requestedUnitId', 'requested_unit_id', 'text'],
  ['completedBy', 'completed_by', 'text'],
  ['lateRequest', 'late_request', 'bool'],
  ['justification', 'justification', 'text'],
  ['dueBefore', 'due_before', 'ts'],
  ['dueAfter', 'due_after', 'ts'],
];

export const COMPONENT_COLUMNS: [keyof ComponentRow, string, Kind][] = [
  ['id', 'id', 'text'],
  ['position', 'position', 'int'],
  ['code', 'code', 'text'],
  ['name', 'name', 'text'],
  ['required', 'required', 'bool'],
  ['originals', 'originals', 'int'],
  ['certifiedCopies', 'certified_copies', 'int'],
  ['copies', 'copies', 'int'],
  ['provided', 'provided', 'bool'],
  ['digitised', 'digitised', 'bool'],
  ['fromDataStore', 'from_data_store', 'bool'],
  ['fileIds', 'file_ids', 'uuid[]'],
  ['note', 'note', 'text'],
];

export const EVENT_COLUMNS: [keyof EventRow, string, Kind][] = [
  ['seq', 'seq', 'int'],
  ['action', 'action', 'text'],
  ['at', 'at', 'ts'],
  ['actorId', 'actor_id', 'text'],
  ['actorName', 'actor_name', 'text'],
  ['actorUnitId', 'actor_unit_id', 'text'],
  ['fromState', 'from_state', 'text'],
  ['toState', 'to_state', 'text'],
  ['stepCode', 'step_code', 'text'],
  ['reason', 'reason', 'text'],
  ['legalBasis', 'legal_basis', 'text'],
  ['formKey', 'form_key', 'text'],
  ['formSet', 'form_set', 'text'],
  ['formNumber', 'form_number', 'text'],
  ['dueBefore', 'due_before', 'ts'],
  ['dueAfter', 'due_after', 'ts'],
  ['ruleVersion', 'rule_version', 'text'],
  ['public', 'public', 'bool'],
  ['data', 'data', 'json'],
];

const CAST: Record<Kind, string> = {
  text: '',
  int: '::int',
  num: '::numeric',
  bool: '::boolean',
  ts: '::timestamptz',
  date: '::date',
  json: '::jsonb',
  'uuid[]': '::uuid[]',
};

function readValue(kind: Kind, v: any): any {
  if (v === null || v === undefined) return kind === 'uuid[]' ? [] : null;
  switch (kind) {
    case 'int':
    case 'num':
      return Number(v);
    case 'date':
      return typeof v === 'string' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    case 'ts':
      return v instanceof Date ? v : new Date(v);
    default:
      return v;
  }
}

function writeValue(kind: Kind, v: any): unknown {
  if (v === undefined || v === null) return kind === 'uuid[]' ? [] : null;
  if (kind === 'json') return JSON.stringify(v);
  return v;
}

export function fromDb<T>(columns: [keyof T, string, Kind][], row: any): T {
  const out: any = {};
  for (const [field, col, kind] of columns) out[field] = readValue(kind, row[col]);
  return out as T;
}

/** A multi-row INSERT for `rows` (with extra leading columns, e.g. tenant and dossier id). */
export function insertSql<T>(
  table: string,
  columns: [keyof T, string, Kind][],
  rows: T[],
  extra: { column: string; cast?: string; value: (row: T) => unknown }[] = [],
): { text: string; values: unknown[] } {
  const cols = [...extra.map((e) => e.column), ...columns.map((c) => c[1])];
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const r of rows) {
    const ph: string[] = [];
    for (const e of extra) {
      values.push(e.value(r));
      ph.push(`$${values.length}${e.cast ?? ''}`);
    }
    for (const [field, , kind] of columns) {
      values.push(writeValue(kind, (r as any)[field]));
      ph.push(`$${values.length}${CAST[kind]}`);
    }
    tuples.push(`(${ph.join(',')})`);
  }
  return { text: `insert into ${table}(${cols.join(',')}) values ${tuples.join(',')}`, values };
}

/** `update <table> set col=$n, … where id=$1` for every column but the key. */
export function updateSql<T>(table: string, columns: [keyof T, string, Kind][], row: T, skip: string[] = ['id']): { text: string; values: unknown[] } {
  const values: unknown[] = [(row as any).id];
  const sets: string[] = [];
  for (const [field, col, kind] of columns) {
    if (skip.includes(col)) continue;
    values.push(writeValue(kind, (row as any)[field]));
    sets.push(`${col}=$${values.length}${CAST[kind]}`);
  }
  return { text: `update ${table} set ${sets.join(', ')} where id=$1`, values };
}

/** Legal parameters of the dossier capability in force (rows of `legal_parameters`). */
export interface DossierRules {
  supplementWindowWorkingDays: number;
  supplementFlagFrom: number;
  supplementMax: number | null;
  rescheduleMax: number;
  apologyMinLeadWorkingDays: number;
  transferCutoff: string;
  onlineAcceptanceFlagWorkingDays: number;
  dueSoonWorkingDays: number;
  codeWidth: number;
  classificationRule: 'day' | 'session';
  index766Measure: 'elapsed' | 'working';
  /** Legal basis of each rule, for events and forms. */
  basis: Record<string, string>;
}

/** A form template row in force (form set + number + title by issue date). */
export interface FormTemplate {
  tenantId: string;
  formSet: string;
  key: string;
  number: string | null;
  title: string;
  paperSize: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  legalBasis: string;
  evidence: string;
}
