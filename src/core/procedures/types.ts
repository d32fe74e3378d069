/**
 * Shapes of the procedure catalogue (one-stop.md §3): the procedure, its cases (variants) with
 * components, fees and a process definition. The TypeBox schemas in
 * `src/modules/procedures/schema.ts` describe exactly these shapes (checked at compile time there).
 */

export const PROCESSING_UNITS = ['working_days', 'working_hours', 'days', 'same_day', 'months'] as const;
export type ProcessingUnit = (typeof PROCESSING_UNITS)[number];

/** Roles that may own a process step (src/core/access/roles.ts). */
export const STEP_ROLES = ['counter_officer', 'specialist', 'leader'] as const;
export type StepRole = (typeof STEP_ROLES)[number];

/**
 * Actions a transition may carry.
 * - forward: hand the dossier to the next step (the default route);
 * - send_back: return it to an earlier step (trả lại bước trước), reason required;
 * - request_supplement / request_payment / consult: stay on the step (self-loop) while the
 *   applicant completes the dossier, pays, or another body answers;
 * - approve / refuse: the decision (result or refusal), from a leader's step to a later step.
 */
export const PROCESS_ACTIONS = ['forward', 'send_back', 'request_supplement', 'request_payment', 'consult', 'approve', 'refuse'] as const;
export type ProcessAction = (typeof PROCESS_ACTIONS)[number];

/** Actions that keep the dossier on the same step. */
export const SELF_LOOP_ACTIONS: readonly ProcessAction[] = ['request_supplement', 'request_payment', 'consult'];
/** Actions that move the dossier to a later step. */
export const ONWARD_ACTIONS: readonly ProcessAction[] = ['forward', 'approve', 'refuse'];

/** Form keys (one-stop.md §7.1). */
export const FORM_KEYS = ['receipt', 'supplement_request', 'intake_refusal', 'apology_extension', 'stop_notice', 'control_slip', 'register'] as const;
export type FormKey = (typeof FORM_KEYS)[number];

/** In-process sub-statuses (dossier_status_codes). */
export const SUB_STATUSES = ['assigned', 'appraising', 'verifying', 'approving'] as const;
export type SubStatus = (typeof SUB_STATUSES)[number];

export const CLOCK_EFFECTS = ['runs', 'paused'] as const;
export type ClockEffect = (typeof CLOCK_EFFECTS)[number];

/** 'receiving' | 'competent' | a unit identifier code such as '000.13.02.H55'. */
export type StepUnit = string;

export interface ProcessStep {
  /** Stable code: 'intake', 'appraise', 'approve', 'return', 'interagency_tax', … */
  code: string;
  name: string;
  role: StepRole;
  unit: StepUnit;
  /** Time budget in working hours. */
  budgetHours: number;
  /** Phase (department or agency) the step belongs to, for blame and PhongBanXuLy. */
  phase?: string | null;
  /** 'paused': the legal clock does not run during the step (its budget is not counted). Default 'runs'. */
  clock?: ClockEffect;
  /** Steps sharing a group run at the same time (electronic inter-agency processing). */
  parallelGroup?: string | null;
  subStatus?: SubStatus | null;
  /** What the applicant sees while the dossier is at this step. */
  publicStatus?: string | null;
  /** The task written on the hand-over slip (Phiếu chuyển xử lý). */
  task?: string | null;
  /** Forms the step may issue. */
  forms?: FormKey[];
}

export interface ProcessPhase {
  code: string;
  name: string;
  unit: StepUnit;
  budgetHours: number;
}

export interface ProcessTransition {
  action: ProcessAction;
  from: string;
  to: string;
  reasonRequired?: boolean;
  signatureRequired?: boolean;
  form?: FormKey | null;
}

export interface ProcessDefinition {
  steps: ProcessStep[];
  phases?: ProcessPhase[];
  transitions: ProcessTransition[];
}

export interface Component {
  code: string;
  name: string;
  originals: number;
  certifiedCopies: number;
  copies: number;
  required: boolean;
  /** Template or e-form (mẫu đơn, tờ khai), e.g. 'Mẫu số 01/TP-HT'. */
  template?: string | null;
  /** May come from the population database or the citizen's data store instead of an upload. */
  fromPopulationDb?: boolean;
  note?: string | null;
}

export const FEE_KINDS = ['phi', 'le_phi'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

export interface Fee {
  code?: string | null;
  name: string;
  /** VND per `unit`. */
  amount: number;
  kind: FeeKind;
  /** What the amount is charged per: 'hồ sơ', 'trang', 'bản', 'lần', … */
  unit?: string | null;
  note?: string | null;
  exemptions?: string | null;
  legalBasis?: string | null;
}

export interface VariantInput {
  /** Case code, stable across versions: 'default', 'can_xac_minh', … */
  code: string;
  name: string;
  processingAmount: number;
  processingUnit: ProcessingUnit;
  onlineProcessingAmount?: number | null;
  setsCount: number;
  components: Component[];
  fees: Fee[];
  process: ProcessDefinition;
  legalBasis: string;
  effectiveFrom?: string | null;
}

export const PROCEDURE_LEVELS = ['province', 'commune', 'ministry', 'vertical'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];
export const APPLICANT_TYPES = ['citizen', 'organisation', 'business', 'foreigner', 'overseas'] as const;
export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];
export const POSTAL_MODES = ['none', 'send', 'receive', 'both'] as const;
export type PostalMode = (typeof POSTAL_MODES)[number];
export const PROCEDURE_STATUSES = ['published', 'pending_removal', 'testing', 'withdrawn'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];
export const UNIT_ROLES = ['receiving', 'competent', 'cooperating'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

export interface ProcedureUnits {
  receiving: string[];
  competent: string[];
  cooperating?: string[];
}

export interface ProcedureInput {
  nationalCode: string;
  portalCode?: string | null;
  localCode?: string | null;
  name: string;
  field: string;
  level: ProcedureLevel;
  applicantTypes: string[];
  onlineLevel: OnlineLevel;
  onlineReason?: string | null;
  postal: PostalMode;
  cutoffTime?: string | null;
  immediateResult?: boolean;
  resultDocuments?: string | null;
  paperResult?: boolean;
  stepsText?: string | null;
  methodText?: string | null;
  requirementsText?: string | null;
  legalBasis: string;
  publicationDecision?: string | null;
  status?: ProcedureStatus;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  units: ProcedureUnits;
  variants: VariantInput[];
}

export interface FieldInput {
  code: string;
  name: string;
}

/** The import / export file (docs/procedures.md). */
export interface CatalogueFile {
  format: 'motcua.procedures';
  formatVersion: 1;
  tenant?: string;
  exportedAt?: string;
  fields: FieldInput[];
  procedures: ProcedureInput[];
}

/** One problem found in a catalogue or a process definition, with its JSON path. */
export interface Issue {
  path: string;
  code: string;
  message: string;
  messageVi: string;
}
