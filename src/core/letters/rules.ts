/**
 * Versioned rule sets (reception-and-letters.md §2): deadlines, form codes, reception frequencies,
 * group rules, refusal grounds and online-reception reasons are DATA (table `letter_rule_sets`),
 * each parameter with its legal basis and evidence. A visit, letter or case is pinned to the rule
 * set in force on its receipt date. Pure: no I/O.
 */

export type Evidence = 'verified' | 'to_verify';

export interface Period {
  amount: number;
  unit: 'working_days' | 'days';
  legalBasis: string;
  evidence: Evidence;
}

export interface TieredPeriod {
  normal: number;
  complex: number;
  remote: number;
  remoteComplex: number;
  unit: 'days';
  legalBasis: string;
  evidence: Evidence;
}

export interface RepresentativeRule {
  minPeople: number;
  maxPeople: number | null;
  minReps: number;
  maxReps: number;
}

export interface PeriodicRule {
  period: 'week' | 'month';
  minSessions: number;
  legalBasis: string;
  evidence: Evidence;
}

export interface RefusalReason {
  code: string;
  labelVi: string;
  labelEn: string;
  /** A written Thông báo từ chối tiếp công dân (Mẫu 01/TCD) is required within the notice period. */
  noticeRequired: boolean;
  evidence?: Evidence;
}

export interface OnlineReason {
  code: string;
  labelVi: string;
  labelEn: string;
  /** Allowed only when the denouncer does not require identity protection. */
  requiresNoProtection?: boolean;
}

export interface FormDef {
  code: string;
  titleVi: string;
  legalBasis: string;
  evidence: Evidence;
}

export interface Rules {
  reception: {
    reply: Period;
    refusalNotice: Period;
    forwarderInform: Period;
    massGroupMin: number;
    representatives: RepresentativeRule[];
    representativesLegalBasis: string;
    periodic: Record<'province' | 'department' | 'commune', PeriodicRule>;
    periodicDeputyException: { allowed: boolean; requiresReason: boolean; legalBasis: string; evidence: Evidence };
    onlineReasons: OnlineReason[];
    onlineLegalBasis?: string;
    refusalReasons: RefusalReason[];
  };
  letters: {
    classification: Period;
    transferReply: Period;
    manyPeopleMin: number;
    duplicateSimilarity: number;
    limitation: Period;
  };
  complaints: {
    acceptance: Period;
    firstInstance: TieredPeriod;
    secondInstance: TieredPeriod;
    secondRequestWindow: { normal: number; remote: number; unit: 'days'; legalBasis: string; evidence: Evidence };
    suspensionNotice: Period;
    suspensionAvailable: boolean;
    complexCriteria: string[];
    complexLegalBasis: string;
  };
  denunciations: {
    initialHandling: { normal: number; multiSite: number; unit: 'working_days'; legalBasis: string; evidence: Evidence };
    transfer: Period;
    notifyParties: Period;
    resolution: Period;
    extension: { maxDays: number; maxComplex: number; maxEspeciallyComplex: number; legalBasis: string; evidence: Evidence };
  };
  petitions: { answer: Period };
  forms: Record<string, FormDef>;
  protection: { purposeMinLength: number; alertReadsPerDay: number; legalBasis: string; evidence: Evidence };
  reports: { visitCounting: 'headcount' | 'visits'; evidence: Evidence };
  reminders: { daysAhead: number };
}

export interface RuleSet {
  id: string;
  tenantId: string;
  code: string;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  legalBasis: string;
  evidence: Evidence;
  rules: Rules;
}

/**
 * The rule set in force on a local date: the tenant's own set wins over a national ('*') one for
 * the same date; among several, the one that started last.
 */
export function ruleSetOn<T extends Pick<RuleSet, 'tenantId' | 'effectiveFrom' | 'effectiveTo'>>(sets: readonly T[], date: string, tenantId: string): T | null {
  let best: T | null = null;
  for (const s of sets) {
    if (s.effectiveFrom > date) continue;
    if (s.effectiveTo !== null && s.effectiveTo <= date) continue;
    if (s.tenantId !== tenantId && s.tenantId !== '*') continue;
    if (!best) {
      best = s;
      continue;
    }
    const ownS = s.tenantId === tenantId;
    const ownB = best.tenantId === tenantId;
    if (ownS !== ownB) {
      if (ownS) best = s;
      continue;
    }
    if (s.effectiveFrom > best.effectiveFrom) best = s;
  }
  return best;
}

/** The period of complaint resolution (Law on Complaints Arts 28, 37) for the case's facts. */
export function complaintPeriodDays(rules: Rules, instance: 1 | 2, complex: boolean, remote: boolean): number {
  const t = instance === 1 ? rules.complaints.firstInstance : rules.complaints.secondInstance;
  if (remote && complex) return t.remoteComplex;
  if (remote) return t.remote;
  if (complex) return t.complex;
  return t.normal;
}

/** Working days of initial handling of a denunciation (7, or 10 when verification is needed at several places). */
export function initialHandlingDays(rules: Rules, multiSite: boolean): number {
  return multiSite ? rules.denunciations.initialHandling.multiSite : rules.denunciations.initialHandling.normal;
}

/** The group-representative rule for a group size (Law on Citizen Reception Art. 29), or null when no group. */
export function representativeRule(rules: Rules, people: number): RepresentativeRule | null {
  for (const r of rules.reception.representatives) {
    if (people >= r.minPeople && (r.maxPeople === null || people <= r.maxPeople)) return r;
  }
  return null;
}

export interface RuleError {
  field: string;
  message: string;
  messageVi: string;
}

const isPosInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;

/**
 * Checks a rule set's `rules` document (administrators publish new versions through the API).
 * Returns field errors in both languages; an empty list means valid.
 */
export function validateRules(r: any): RuleError[] {
  const errs: RuleError[] = [];
  const need = (path: string, ok: boolean, en: string, vi: string) => {
    if (!ok) errs.push({ field: `rules.${path}`, message: `rules.${path} ${en}`, messageVi: `rules.${path} ${vi}` });
  };
  const obj = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!obj(r)) return [{ field: 'rules', message: 'rules must be an object', messageVi: 'rules phải là một đối tượng' }];
  const period = (path: string, p: any, units: string[]) => {
    need(path, obj(p), 'is required', 'là bắt buộc');
    if (!obj(p)) return;
    need(`${path}.amount`, isPosInt(p.amount) && p.amount <= 3650, 'must be a positive whole number of days', 'phải là số ngày nguyên dương');
    need(`${path}.unit`, units.includes(p.unit), `must be one of: ${units.join(', ')}`, `phải là một trong: ${units.join(', ')}`);
    need(`${path}.legalBasis`, typeof p.legalBasis === 'string' && p.legalBasis.length >= 3, 'must name the legal basis', 'phải ghi căn cứ pháp lý');
    need(`${path}.evidence`, p.evidence === 'verified' || p.evidence === 'to_verify', 'must be verified or to_verify', 'phải là verified hoặc to_verify');
  };
  const tiered = (path: string, t: any) => {
    need(path, obj(t), 'is required', 'là bắt buộc');
    if (!obj(t)) return;
    for (const k of ['normal', 'complex', 'remote', 'remoteComplex']) need(`${path}.${k}`, isPosInt(t[k]), 'must be a positive whole number', 'phải là số nguyên dương');
    need(`${path}.legalBasis`, typeof t.legalBasis === 'string' && t.legalBasis.length >= 3, 'must name the legal basis', 'phải ghi căn cứ pháp lý');
  };
  const rc = r.reception;
  need('reception', obj(rc), 'is required', 'là bắt buộc');
  if (obj(rc)) {
    period('reception.reply', rc.reply, ['working_days', 'days']);
    period('reception.refusalNotice', rc.refusalNotice, ['working_days', 'days']);
    period('reception.forwarderInform', rc.forwarderInform, ['working_days', 'days']);
    need('reception.massGroupMin', isPosInt(rc.massGroupMin), 'must be a positive whole number', 'phải là số nguyên dương');
    need('reception.representatives', Array.isArray(rc.representatives) && rc.representatives.length > 0, 'must list the group rules', 'phải liệt kê quy tắc cử người đại diện');
    if (Array.isArray(rc.representatives)) {
      rc.representatives.forEach((x: any, i: number) =>
        need(
          `reception.representatives.${i}`,
          obj(x) && isPosInt(x.minPeople) && isPosInt(x.minReps) && isPosInt(x.maxReps) && x.minReps <= x.maxReps && (x.maxPeople === null || (isPosInt(x.maxPeople) && x.maxPeople >= x.minPeople)),
          'must have minPeople, maxPeople (or null), minReps ≤ maxReps',
          'phải có minPeople, maxPeople (hoặc null), minReps ≤ maxReps',
        ),
      );
    }
    need('reception.periodic', obj(rc.periodic), 'is required', 'là bắt buộc');
    if (obj(rc.periodic)) {
      for (const lvl of ['province', 'department', 'commune']) {
        const p = rc.periodic[lvl];
        need(`reception.periodic.${lvl}`, obj(p) && (p.period === 'week' || p.period === 'month') && isPosInt(p.minSessions), 'must have period week|month and minSessions', 'phải có period week|month và minSessions');
      }
    }
    need('reception.periodicDeputyException', obj(rc.periodicDeputyException) && typeof rc.periodicDeputyException.allowed === 'boolean', 'must say whether a deputy may hold a periodic session', 'phải nêu cấp phó có được tiếp định kỳ hay không');
    need('reception.onlineReasons', Array.isArray(rc.onlineReasons), 'must be a list', 'phải là danh sách');
    need(
      'reception.refusalReasons',
      Array.isArray(rc.refusalReasons) && rc.refusalReasons.every((x: any) => obj(x) && typeof x.code === 'string' && typeof x.labelVi === 'string' && typeof x.noticeRequired === 'boolean'),
      'must list {code, labelVi, labelEn, noticeRequired}',
      'phải liệt kê {code, labelVi, labelEn, noticeRequired}',
    );
  }
  const lt = r.letters;
  need('letters', obj(lt), 'is required', 'là bắt buộc');
  if (obj(lt)) {
    period('letters.classification', lt.classification, ['working_days', 'days']);
    period('letters.transferReply', lt.transferReply, ['working_days', 'days']);
    period('letters.limitation', lt.limitation, ['days']);
    need('letters.manyPeopleMin', isPosInt(lt.manyPeopleMin), 'must be a positive whole number', 'phải là số nguyên dương');
    need('letters.duplicateSimilarity', typeof lt.duplicateSimilarity === 'number' && lt.duplicateSimilarity > 0 && lt.duplicateSimilarity <= 1, 'must be in (0, 1]', 'phải trong khoảng (0, 1]');
  }
  const c = r.complaints;
  need('complaints', obj(c), 'is required', 'là bắt buộc');
  if (obj(c)) {
    period('complaints.acceptance', c.acceptance, ['working_days', 'days']);
    tiered('complaints.firstInstance', c.firstInstance);
    tiered('complaints.secondInstance', c.secondInstance);
    need('complaints.secondRequestWindow', obj(c.secondRequestWindow) && isPosInt(c.secondRequestWindow.normal) && isPosInt(c.secondRequestWindow.remote), 'must have normal and remote days', 'phải có số ngày normal và remote');
    period('complaints.suspensionNotice', c.suspensionNotice, ['working_days', 'days']);
    need('complaints.suspensionAvailable', typeof c.suspensionAvailable === 'boolean', 'must be true or false', 'phải là true hoặc false');
    need('complaints.complexCriteria', Array.isArray(c.complexCriteria) && c.complexCriteria.length > 0, 'must list the criteria', 'phải liệt kê các tiêu chí');
  }
  const d = r.denunciations;
  need('denunciations', obj(d), 'is required', 'là bắt buộc');
  if (obj(d)) {
    need('denunciations.initialHandling', obj(d.initialHandling) && isPosInt(d.initialHandling.normal) && isPosInt(d.initialHandling.multiSite), 'must have normal and multiSite working days', 'phải có số ngày làm việc normal và multiSite');
    period('denunciations.transfer', d.transfer, ['working_days']);
    period('denunciations.notifyParties', d.notifyParties, ['working_days', 'days']);
    period('denunciations.resolution', d.resolution, ['days']);
    need(
      'denunciations.extension',
      obj(d.extension) && isPosInt(d.extension.maxDays) && Number.isInteger(d.extension.maxComplex) && Number.isInteger(d.extension.maxEspeciallyComplex) && d.extension.maxComplex <= d.extension.maxEspeciallyComplex,
      'must have maxDays, maxComplex ≤ maxEspeciallyComplex',
      'phải có maxDays, maxComplex ≤ maxEspeciallyComplex',
    );
  }
  need('petitions.answer', obj(r.petitions), 'is required', 'là bắt buộc');
  if (obj(r.petitions)) period('petitions.answer', r.petitions.answer, ['working_days', 'days']);
  need('forms', obj(r.forms), 'is required', 'là bắt buộc');
  if (obj(r.forms)) {
    for (const [k, f] of Object.entries<any>(r.forms)) {
      need(`forms.${k}`, obj(f) && typeof f.code === 'string' && typeof f.titleVi === 'string' && (f.evidence === 'verified' || f.evidence === 'to_verify'), 'must have code, titleVi and evidence', 'phải có code, titleVi và evidence');
    }
    for (const k of REQUIRED_FORMS) need(`forms.${k}`, k in r.forms, 'is required', 'là bắt buộc');
  }
  need('protection', obj(r.protection) && isPosInt(r.protection.purposeMinLength) && isPosInt(r.protection.alertReadsPerDay), 'must have purposeMinLength and alertReadsPerDay', 'phải có purposeMinLength và alertReadsPerDay');
  need('reports.visitCounting', obj(r.reports) && (r.reports.visitCounting === 'headcount' || r.reports.visitCounting === 'visits'), 'must be headcount or visits', 'phải là headcount hoặc visits');
  need('reminders.daysAhead', obj(r.reminders) && isPosInt(r.reminders.daysAhead), 'must be a positive whole number', 'phải là số nguyên dương');
  return errs;
}

/** Form keys every rule set must define (the printable documents of this capability). */
export const REQUIRED_FORMS = [
  'refusal_notice',
  'documents_receipt',
  'register',
  'conclusion_notice',
  'propose_accept',
  'transfer_complaint',
  'transfer_denunciation',
  'transfer_petition',
  'guidance',
  'return_originals',
  'reminder',
  'suspension',
  'resumption',
  'extension_decision',
  'notice_to_respondent',
] as const;
