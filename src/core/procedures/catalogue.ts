/**
 * Domain rules of the procedure catalogue beyond its JSON shape (one-stop.md §3): references
 * between entries, legal-time and component rules, and the canonical forms used to store,
 * compare and export entries (so that export → import is a no-op). Pure: no I/O.
 */
import { canonicalProcess, compact, validateProcess } from './process.js';
import type { CatalogueFile, Component, Fee, Issue, ProcedureInput, ProcedureUnits, ProcessDefinition, ProcessingUnit, VariantInput } from './types.js';

export interface CatalogueContext {
  tenantId: string;
  /** Field codes already stored (a procedure may use one of them or one of the file's). */
  knownFieldCodes: ReadonlySet<string>;
  unitExists: (code: string) => boolean;
  hoursPerWorkingDay: number;
}

const issue = (path: string, code: string, message: string, messageVi: string): Issue => ({ path, code, message, messageVi });

/** Rules of one variant (case) of a procedure; `path` is its JSON path. */
export function validateVariant(v: VariantInput, path: string, ctx: Pick<CatalogueContext, 'unitExists' | 'hoursPerWorkingDay'>): Issue[] {
  const out: Issue[] = [];
  const codes = new Map<string, number>();
  v.components.forEach((c, i) => {
    const prev = codes.get(c.code);
    if (prev !== undefined) {
      out.push(
        issue(`${path}.components[${i}].code`, 'duplicate_component_code', `component code '${c.code}' is already used by components[${prev}]`, `mã thành phần hồ sơ '${c.code}' đã được dùng ở components[${prev}]`),
      );
    } else codes.set(c.code, i);
    if (c.originals + c.certifiedCopies + c.copies < 1) {
      out.push(
        issue(
          `${path}.components[${i}]`,
          'component_without_copies',
          `component '${c.code}' must ask for at least one original, certified copy or copy`,
          `thành phần '${c.code}' phải có ít nhất một bản chính, bản sao chứng thực hoặc bản sao`,
        ),
      );
    }
  });
  const feeCodes = new Set<string>();
  v.fees.forEach((f, i) => {
    if (!f.code) return;
    if (feeCodes.has(f.code)) out.push(issue(`${path}.fees[${i}].code`, 'duplicate_fee_code', `fee code '${f.code}' is used twice`, `mã phí, lệ phí '${f.code}' bị trùng`));
    feeCodes.add(f.code);
  });
  if (v.processingUnit === 'same_day' && v.processingAmount > 1) {
    out.push(
      issue(`${path}.processingAmount`, 'same_day_amount', "a same-day time limit has amount 0 or 1", 'thời hạn "trong ngày" chỉ nhận giá trị 0 hoặc 1'),
    );
  }
  if (v.processingUnit !== 'same_day' && v.processingAmount <= 0) {
    out.push(issue(`${path}.processingAmount`, 'processing_time_zero', 'the processing time must be greater than 0', 'thời hạn giải quyết phải lớn hơn 0'));
  }
  if (v.onlineProcessingAmount !== null && v.onlineProcessingAmount !== undefined && v.onlineProcessingAmount > v.processingAmount) {
    out.push(
      issue(
        `${path}.onlineProcessingAmount`,
        'online_time_longer',
        'the online processing time cannot be longer than the general one',
        'thời hạn giải quyết trực tuyến không được dài hơn thời hạn chung',
      ),
    );
  }
  out.push(
    ...validateProcess(v.process, { amount: v.processingAmount, unit: v.processingUnit, onlineAmount: v.onlineProcessingAmount ?? null }, {
      hoursPerWorkingDay: ctx.hoursPerWorkingDay,
      unitExists: ctx.unitExists,
      path: `${path}.process`,
    }),
  );
  return out;
}

/** Rules of the units block of a procedure. */
export function validateUnits(units: ProcedureUnits, path: string, unitExists: (code: string) => boolean): Issue[] {
  const out: Issue[] = [];
  for (const role of ['receiving', 'competent', 'cooperating'] as const) {
    const list = units[role] ?? [];
    const seen = new Set<string>();
    list.forEach((code, i) => {
      if (seen.has(code)) out.push(issue(`${path}.${role}[${i}]`, 'duplicate_unit', `unit '${code}' is listed twice`, `đơn vị '${code}' bị liệt kê hai lần`));
      seen.add(code);
      if (!unitExists(code)) out.push(issue(`${path}.${role}[${i}]`, 'unknown_unit', `unit '${code}' does not exist`, `không có đơn vị mã '${code}'`));
    });
  }
  return out;
}

/** Rules of one procedure entry; `fieldCodes` are the field codes it may use. */
export function validateProcedure(p: ProcedureInput, path: string, ctx: CatalogueContext, fieldCodes: ReadonlySet<string>): Issue[] {
  const out: Issue[] = [];
  if (!fieldCodes.has(p.field)) {
    out.push(issue(`${path}.field`, 'unknown_field', `field '${p.field}' is neither in the file's fields nor in the catalogue`, `lĩnh vực '${p.field}' không có trong danh sách lĩnh vực`));
  }
  if (p.onlineLevel === 'partial' && !(p.onlineReason && p.onlineReason.trim())) {
    out.push(
      issue(
        `${path}.onlineReason`,
        'online_reason_required',
        'a partially online procedure must publish the reason (NĐ 224/2026 Art. 14)',
        'thủ tục trực tuyến một phần phải công bố lý do (Điều 14 NĐ 224/2026/NĐ-CP)',
      ),
    );
  }
  if (p.effectiveFrom && p.effectiveTo && p.effectiveTo <= p.effectiveFrom) {
    out.push(issue(`${path}.effectiveTo`, 'period_invalid', 'effectiveTo must be after effectiveFrom', 'ngày hết hiệu lực phải sau ngày có hiệu lực'));
  }
  out.push(...validateUnits(p.units, `${path}.units`, ctx.unitExists));
  const cases = new Map<string, number>();
  p.variants.forEach((v, i) => {
    const prev = cases.get(v.code);
    if (prev !== undefined) {
      out.push(issue(`${path}.variants[${i}].code`, 'duplicate_case_code', `case code '${v.code}' is already used by variants[${prev}]`, `mã trường hợp '${v.code}' đã được dùng ở variants[${prev}]`));
    } else cases.set(v.code, i);
    out.push(...validateVariant(v, `${path}.variants[${i}]`, ctx));
  });
  return out;
}

/**
 * Domain rules of a whole file. `skip` holds the indexes of procedures whose shape is already
 * invalid (their structural errors are reported instead).
 */
export function validateCatalogue(file: CatalogueFile, ctx: CatalogueContext, skip: ReadonlySet<number> = new Set()): Issue[] {
  const out: Issue[] = [];
  if (file.tenant && file.tenant !== ctx.tenantId) {
    out.push(issue('tenant', 'wrong_tenant', `the file is for tenant '${file.tenant}', not '${ctx.tenantId}'`, `tệp dành cho đơn vị '${file.tenant}', không phải '${ctx.tenantId}'`));
  }
  const fieldCodes = new Set(ctx.knownFieldCodes);
  const fileFields = new Map<string, number>();
  file.fields.forEach((f, i) => {
    const prev = fileFields.get(f.code);
    if (prev !== undefined) out.push(issue(`fields[${i}].code`, 'duplicate_field_code', `field code '${f.code}' is already used by fields[${prev}]`, `mã lĩnh vực '${f.code}' đã được dùng ở fields[${prev}]`));
    else fileFields.set(f.code, i);
    fieldCodes.add(f.code);
  });
  const national = new Map<string, number>();
  file.procedures.forEach((p, i) => {
    if (skip.has(i)) return;
    const prev = national.get(p.nationalCode);
    if (prev !== undefined) {
      out.push(
        issue(`procedures[${i}].nationalCode`, 'duplicate_national_code', `national code '${p.nationalCode}' is already used by procedures[${prev}]`, `mã thủ tục '${p.nationalCode}' đã được dùng ở procedures[${prev}]`),
      );
    } else national.set(p.nationalCode, i);
    out.push(...validateProcedure(p, `procedures[${i}]`, ctx, fieldCodes));
  });
  return out;
}

// ------------------------------------------------------------------ canonical forms

/** JSON with object keys sorted, for comparing contents. */
export function stableStringify(x: unknown): string {
  if (x === null || typeof x !== 'object') return JSON.stringify(x ?? null);
  if (Array.isArray(x)) return `[${x.map(stableStringify).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
    .join(',')}}`;
}

export function canonicalComponent(c: Component): Component {
  return compact({
    code: c.code,
    name: c.name,
    originals: c.originals,
    certifiedCopies: c.certifiedCopies,
    copies: c.copies,
    required: c.required,
    template: c.template,
    fromPopulationDb: c.fromPopulationDb ? true : undefined,
    note: c.note,
  }) as Component;
}

export function canonicalFee(f: Fee): Fee {
  return compact({ code: f.code, name: f.name, amount: f.amount, kind: f.kind, unit: f.unit, note: f.note, exemptions: f.exemptions, legalBasis: f.legalBasis }) as Fee;
}

/** What binds a dossier: everything of a variant but its dates. */
export interface VariantContent {
  code: string;
  name: string;
  processingAmount: number;
  processingUnit: ProcessingUnit;
  onlineProcessingAmount: number | null;
  setsCount: number;
  components: Component[];
  fees: Fee[];
  process: ProcessDefinition;
  legalBasis: string;
}

export function canonicalVariant(v: VariantInput): VariantContent {
  return {
    code: v.code,
    name: v.name,
    processingAmount: Number(v.processingAmount),
    processingUnit: v.processingUnit,
    onlineProcessingAmount: v.onlineProcessingAmount === null || v.onlineProcessingAmount === undefined ? null : Number(v.onlineProcessingAmount),
    setsCount: v.setsCount,
    components: v.components.map(canonicalComponent),
    fees: v.fees.map(canonicalFee),
    process: canonicalProcess(v.process),
    legalBasis: v.legalBasis,
  };
}

/** Two variants with the same key bind dossiers to the same rules. */
export function variantKey(v: VariantInput | VariantContent): string {
  const c = canonicalVariant(v as VariantInput);
  return stableStringify({ ...c, code: undefined });
}

/** The descriptive (non-binding) part of a procedure, defaults applied. */
export interface ProcedureDescription {
  portalCode: string | null;
  localCode: string | null;
  name: string;
  field: string;
  level: string;
  applicantTypes: string[];
  onlineLevel: string;
  onlineReason: string | null;
  postal: string;
  cutoffTime: string | null;
  immediateResult: boolean;
  resultDocuments: string | null;
  paperResult: boolean;
  stepsText: string | null;
  methodText: string | null;
  requirementsText: string | null;
  legalBasis: string;
  publicationDecision: string | null;
  status: string;
  effectiveTo: string | null;
}

export const DEFAULT_CUTOFF = '15:00';

export function describeProcedure(p: ProcedureInput): ProcedureDescription {
  return {
    portalCode: p.portalCode ?? null,
    localCode: p.localCode ?? null,
    name: p.name,
    field: p.field,
    level: p.level,
    applicantTypes: [...new Set(p.applicantTypes)],
    onlineLevel: p.onlineLevel,
    onlineReason: p.onlineReason ?? null,
    postal: p.postal,
    cutoffTime: p.cutoffTime === undefined ? DEFAULT_CUTOFF : p.cutoffTime,
    immediateResult: p.immediateResult ?? false,
    resultDocuments: p.resultDocuments ?? null,
    paperResult: p.paperResult ?? true,
    stepsText: p.stepsText ?? null,
    methodText: p.methodText ?? null,
    requirementsText: p.requirementsText ?? null,
    legalBasis: p.legalBasis,
    publicationDecision: p.publicationDecision ?? null,
    status: p.status ?? 'published',
    effectiveTo: p.effectiveTo ?? null,
  };
}

/** Unit codes per role, sorted and without duplicates. */
export function canonicalUnits(u: ProcedureUnits): Required<ProcedureUnits> {
  const norm = (l: string[] | undefined) => [...new Set(l ?? [])].sort();
  return { receiving: norm(u.receiving), competent: norm(u.competent), cooperating: norm(u.cooperating) };
}

/** The keys of `a` whose values differ in `b`. */
export function changedKeys<T extends object>(a: T, b: T): (keyof T)[] {
  return (Object.keys(a) as (keyof T)[]).filter((k) => stableStringify(a[k]) !== stableStringify(b[k]));
}

// ------------------------------------------------------------------ display

const UNIT_TEXT: Record<ProcessingUnit, { vi: string; en: string }> = {
  working_days: { vi: 'ngày làm việc', en: 'working days' },
  working_hours: { vi: 'giờ làm việc', en: 'working hours' },
  days: { vi: 'ngày', en: 'calendar days' },
  months: { vi: 'tháng', en: 'months' },
  same_day: { vi: 'trong ngày', en: 'same day' },
};

/** The processing time as published: '05 ngày làm việc', 'Trong ngày (nhận sau 15:00 trả trong ngày làm việc tiếp theo)'. */
export function processingText(amount: number, unit: ProcessingUnit, cutoff: string | null): { vi: string; en: string } {
  if (unit === 'same_day') {
    return cutoff
      ? { vi: `Trong ngày (hồ sơ nhận sau ${cutoff} trả trong ngày làm việc tiếp theo)`, en: `Same day (received after ${cutoff}: next working day)` }
      : { vi: 'Trong ngày', en: 'Same day' };
  }
  const vi = Number.isInteger(amount) ? String(amount).padStart(2, '0') : String(amount).replace('.', ',');
  return { vi: `${vi} ${UNIT_TEXT[unit].vi}`, en: `${amount} ${UNIT_TEXT[unit].en}` };
}
