/**
 * TypeBox schemas of the procedure catalogue: the process definition the dossier workflow runs,
 * a variant (case), a procedure entry and the import / export file (docs/procedures.md). The
 * same schemas validate API bodies, the import file, and feed the OpenAPI document.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Nullable } from '../../http/nullable.js';
import {
  APPLICANT_TYPES,
  CLOCK_EFFECTS,
  FEE_KINDS,
  FORM_KEYS,
  ONLINE_LEVELS,
  POSTAL_MODES,
  PROCEDURE_LEVELS,
  PROCEDURE_STATUSES,
  PROCESS_ACTIONS,
  PROCESSING_UNITS,
  STEP_ROLES,
  SUB_STATUSES,
  type CatalogueFile as CoreCatalogueFile,
  type ProcedureInput,
  type ProcessDefinition as CoreProcessDefinition,
  type VariantInput,
} from '../../core/procedures/index.js';

const nullable = <T extends TSchema>(t: T) => Type.Optional(Nullable(t));

export const STEP_CODE = '^[a-z][a-z0-9_]{0,39}$';
export const CASE_CODE = '^[a-z0-9][a-z0-9_]{0,39}$';
export const UNIT_CODE = '^[A-Za-z0-9][A-Za-z0-9.\\-]{2,39}$';
export const NATIONAL_CODE = '^[0-9A-Za-z][0-9A-Za-z.\\-]{2,59}$';
export const FIELD_CODE = '^[A-Za-z0-9][A-Za-z0-9._\\-]{0,29}$';
export const HHMM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

export const UnitCode = Type.String({ minLength: 3, maxLength: 40, pattern: UNIT_CODE, description: 'Unit identifier code (QCVN 102), e.g. 000.00.12.H55' });
/** 'receiving' | 'competent' | a unit identifier code. */
export const StepUnit = Type.String({
  minLength: 3,
  maxLength: 40,
  pattern: `^(receiving|competent)$|${UNIT_CODE}`,
  description: "'receiving' (the one-stop office that received the dossier), 'competent' (the deciding unit) or a fixed unit code",
});

export const ProcessStep = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: STEP_CODE, description: "Stable step code: 'intake', 'appraise', 'approve', 'return', 'interagency_tax', …" }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.Enum(STEP_ROLES),
    unit: StepUnit,
    budgetHours: Type.Number({ minimum: 0, maximum: 20000, description: 'Time budget of the step in working hours' }),
    phase: nullable(Type.String({ minLength: 1, maxLength: 40, pattern: STEP_CODE })),
    clock: Type.Optional(Type.Enum(CLOCK_EFFECTS, { description: "'paused': the legal clock stops during the step (its budget is not counted). Default 'runs'." })),
    parallelGroup: nullable(Type.String({ minLength: 1, maxLength: 40, pattern: STEP_CODE, description: 'Consecutive steps with the same group run at the same time' })),
    subStatus: nullable(Type.Enum(SUB_STATUSES)),
    publicStatus: nullable(Type.String({ maxLength: 200 })),
    task: nullable(Type.String({ maxLength: 500 })),
    forms: Type.Optional(Type.Array(Type.Enum(FORM_KEYS), { maxItems: FORM_KEYS.length })),
  },
  { additionalProperties: false },
);

export const ProcessPhase = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: STEP_CODE }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    unit: StepUnit,
    budgetHours: Type.Number({ minimum: 0, maximum: 20000 }),
  },
  { additionalProperties: false },
);

export const ProcessTransition = Type.Object(
  {
    action: Type.Enum(PROCESS_ACTIONS),
    from: Type.String({ minLength: 1, maxLength: 40, pattern: STEP_CODE }),
    to: Type.String({ minLength: 1, maxLength: 40, pattern: STEP_CODE }),
    reasonRequired: Type.Optional(Type.Boolean()),
    signatureRequired: Type.Optional(Type.Boolean()),
    form: nullable(Type.Enum(FORM_KEYS)),
  },
  { additionalProperties: false },
);

/** The process definition of a variant (one-stop.md §3.4), run by the dossier workflow. */
export const ProcessDefinition = Type.Object(
  {
    steps: Type.Array(ProcessStep, { minItems: 2, maxItems: 40 }),
    phases: Type.Optional(Type.Array(ProcessPhase, { maxItems: 20 })),
    transitions: Type.Array(ProcessTransition, { minItems: 1, maxItems: 300 }),
  },
  { additionalProperties: false },
);

export const Component = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._\\-]{0,39}$' }),
    name: Type.String({ minLength: 2, maxLength: 1000 }),
    originals: Type.Integer({ minimum: 0, maximum: 50 }),
    certifiedCopies: Type.Integer({ minimum: 0, maximum: 50 }),
    copies: Type.Integer({ minimum: 0, maximum: 50 }),
    required: Type.Boolean(),
    template: nullable(Type.String({ maxLength: 300 })),
    fromPopulationDb: Type.Optional(Type.Boolean()),
    note: nullable(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const Fee = Type.Object(
  {
    code: nullable(Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9._\\-]{0,39}$' })),
    name: Type.String({ minLength: 2, maxLength: 300 }),
    amount: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'VND per unit' }),
    kind: Type.Enum(FEE_KINDS, { description: "'phi' (phí) or 'le_phi' (lệ phí)" }),
    unit: nullable(Type.String({ maxLength: 50 })),
    note: nullable(Type.String({ maxLength: 1000 })),
    exemptions: nullable(Type.String({ maxLength: 1000 })),
    legalBasis: nullable(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const variantProperties = {
  code: Type.String({ minLength: 1, maxLength: 40, pattern: CASE_CODE, description: "Case code, stable across versions ('default', …)" }),
  name: Type.String({ minLength: 2, maxLength: 300 }),
  processingAmount: Type.Number({ minimum: 0, maximum: 1000 }),
  processingUnit: Type.Enum(PROCESSING_UNITS),
  onlineProcessingAmount: nullable(Type.Number({ minimum: 0, maximum: 1000 })),
  setsCount: Type.Integer({ minimum: 1, maximum: 20 }),
  components: Type.Array(Component, { maxItems: 100 }),
  fees: Type.Array(Fee, { maxItems: 30 }),
  process: ProcessDefinition,
  legalBasis: Type.String({ minLength: 3, maxLength: 2000 }),
  effectiveFrom: nullable(Type.String({ format: 'date' })),
};

/** One case (trường hợp) of a procedure: time limit, components, fees and process. */
export const Variant = Type.Object(variantProperties, { additionalProperties: false });

export const ProcedureUnitsSchema = Type.Object(
  {
    receiving: Type.Array(UnitCode, { minItems: 1, maxItems: 500 }),
    competent: Type.Array(UnitCode, { minItems: 1, maxItems: 500 }),
    cooperating: Type.Optional(Type.Array(UnitCode, { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const descriptiveProperties = {
  portalCode: nullable(Type.String({ minLength: 3, maxLength: 80, pattern: NATIONAL_CODE.replace('59', '79') })),
  localCode: nullable(Type.String({ minLength: 1, maxLength: 60 })),
  name: Type.String({ minLength: 3, maxLength: 500 }),
  field: Type.String({ minLength: 1, maxLength: 30, pattern: FIELD_CODE, description: 'Field (lĩnh vực) code' }),
  level: Type.Enum(PROCEDURE_LEVELS),
  applicantTypes: Type.Array(Type.Enum(APPLICANT_TYPES), { minItems: 1, maxItems: APPLICANT_TYPES.length }),
  onlineLevel: Type.Enum(ONLINE_LEVELS),
  onlineReason: nullable(Type.String({ maxLength: 1000 })),
  postal: Type.Enum(POSTAL_MODES),
  cutoffTime: nullable(Type.String({ pattern: HHMM, description: "Cut-off time (default '15:00'); null = none" })),
  immediateResult: Type.Optional(Type.Boolean()),
  resultDocuments: nullable(Type.String({ maxLength: 1000 })),
  paperResult: Type.Optional(Type.Boolean()),
  stepsText: nullable(Type.String({ maxLength: 10000 })),
  methodText: nullable(Type.String({ maxLength: 5000 })),
  requirementsText: nullable(Type.String({ maxLength: 10000 })),
  legalBasis: Type.String({ minLength: 3, maxLength: 5000 }),
  publicationDecision: nullable(Type.String({ maxLength: 300 })),
  status: Type.Optional(Type.Enum(PROCEDURE_STATUSES)),
  effectiveFrom: nullable(Type.String({ format: 'date' })),
  effectiveTo: nullable(Type.String({ format: 'date' })),
  units: ProcedureUnitsSchema,
};

/** One procedure of the catalogue with its current cases. */
export const ProcedureEntry = Type.Object(
  {
    nationalCode: Type.String({ minLength: 3, maxLength: 60, pattern: NATIONAL_CODE, description: "National code, e.g. '1.001193' (opaque)" }),
    ...descriptiveProperties,
    variants: Type.Array(Variant, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const FieldEntry = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 30, pattern: FIELD_CODE }), name: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);

/** The whole import / export file. */
export const CatalogueFile = Type.Object(
  {
    format: Type.Literal('motcua.procedures'),
    formatVersion: Type.Literal(1),
    tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    exportedAt: Type.Optional(Type.String({ maxLength: 40 })),
    fields: Type.Array(FieldEntry, { maxItems: 500 }),
    procedures: Type.Array(ProcedureEntry, { maxItems: 5000 }),
  },
  { additionalProperties: false },
);

/** The envelope alone: procedures are then checked one by one so that every error is listed. */
export const CatalogueEnvelope = Type.Object(
  {
    format: Type.Literal('motcua.procedures'),
    formatVersion: Type.Literal(1),
    tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    exportedAt: Type.Optional(Type.String({ maxLength: 40 })),
    fields: Type.Array(FieldEntry, { maxItems: 500 }),
    procedures: Type.Array(Type.Unknown(), { maxItems: 5000 }),
  },
  { additionalProperties: false },
);

export type ProcessDefinitionT = Static<typeof ProcessDefinition>;
export type VariantT = Static<typeof Variant>;
export type ProcedureEntryT = Static<typeof ProcedureEntry>;
export type CatalogueFileT = Static<typeof CatalogueFile>;

// Compile-time proof that the schemas describe the core shapes.
const _process = (x: ProcessDefinitionT): CoreProcessDefinition => x;
const _variant = (x: VariantT): VariantInput => x;
const _procedure = (x: ProcedureEntryT): ProcedureInput => x;
const _file = (x: CatalogueFileT): CoreCatalogueFile => x;
void [_process, _variant, _procedure, _file];
