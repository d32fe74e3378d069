/**
 * Classification of letters (TT 05/2021 Art. 6; reception-and-letters.md §4.1–4.2, §6.2):
 * eligibility from the form checks, many signatories, anonymous denunciations, the recommended
 * outcome, the complexity record that unlocks longer periods, online-reception reasons and refusal
 * grounds. Pure.
 */
import type { RuleError, Rules } from './rules.js';
import type { ContentType, IneligibleReason } from './types.js';

/** What the officer checked on the letter. Missing = not checked (treated as not satisfied). */
export interface FormChecks {
  vietnamese?: boolean;
  dated?: boolean;
  named?: boolean;
  addressed?: boolean;
  signed?: boolean;
  /** Complaints: names the body or person complained about. */
  namesRespondent?: boolean;
  /** Complaints, petitions: states the content. */
  statesContent?: boolean;
  /** Complaints: states the reasons. */
  statesReasons?: boolean;
  /** Complaints: states the request. */
  statesRequest?: boolean;
  /** Denunciations: names the violator and the violation. */
  namesViolation?: boolean;
  /** The author uses a false name (mạo danh). */
  pseudonym?: boolean;
}

export interface EligibilityInput {
  contentType: ContentType;
  checks: FormChecks;
  /** The matter was already handled and no further step is allowed. */
  alreadyHandled?: boolean;
  /** Complaints: the 90-day limitation expired. */
  timeBarred?: boolean;
}

export interface EligibilityResult {
  eligible: boolean;
  reasons: IneligibleReason[];
}

/**
 * Eligible: in Vietnamese, dated, with a name, an address and a signature or fingerprint; a
 * complaint names the respondent, the content, the reasons and the request; a denunciation names the
 * violator and the violation; a petition states its content; the matter was not handled already.
 */
export function eligibility(input: EligibilityInput): EligibilityResult {
  const c = input.checks;
  const reasons: IneligibleReason[] = [];
  if (c.vietnamese !== true) reasons.push('not_vietnamese');
  if (c.dated !== true) reasons.push('undated');
  if (c.named !== true) reasons.push('no_name');
  if (c.addressed !== true) reasons.push('no_address');
  if (c.signed !== true) reasons.push('unsigned');
  if (input.contentType === 'complaint') {
    if (c.namesRespondent !== true) reasons.push('no_respondent');
    if (c.statesContent !== true) reasons.push('no_content');
    if (c.statesReasons !== true) reasons.push('no_reasons');
    if (c.statesRequest !== true) reasons.push('no_request');
    if (input.timeBarred) reasons.push('time_barred');
  } else if (input.contentType === 'denunciation') {
    if (c.namesViolation !== true) reasons.push('no_violation');
  } else if (input.contentType === 'petition' || input.contentType === 'feedback') {
    if (c.statesContent !== true) reasons.push('no_content');
  }
  if (input.alreadyHandled) reasons.push('already_handled');
  return { eligible: reasons.length === 0, reasons };
}

/**
 * A denunciation that is anonymous, pseudonymous, unsigned, or whose author cannot be identified
 * is not accepted as a denunciation (§6.2).
 */
export function isAnonymousDenunciation(contentType: ContentType, checks: FormChecks, hasIdentity: boolean): boolean {
  if (contentType !== 'denunciation') return false;
  return !hasIdentity || checks.named !== true || checks.signed !== true || checks.pseudonym === true;
}

/** A letter signed by ≥ 5 people is a many-people letter (đơn đông người). */
export function isManySignatories(rules: Rules, signatories: number): boolean {
  return signatories >= rules.letters.manyPeopleMin;
}

export type SuggestedOutcome =
  | { action: 'split' }
  | { action: 'archive'; reason: 'anonymous' | 'not_eligible' | 'sent_to_many_incl_competent' | 'already_guided' | 'already_transferred' }
  | { action: 'propose_accept' }
  | { action: 'transfer' }
  | { action: 'guide' };

/** The outcome the classification points to (the officer decides). */
export function suggestOutcome(f: {
  contentType: ContentType;
  anonymous: boolean;
  eligible: boolean;
  ownCompetence: boolean;
  sentToManyInclCompetent: boolean;
  priorDenunciationTransfer: boolean;
  priorGuidance: boolean;
  mustApplyInPerson: boolean;
}): SuggestedOutcome {
  if (f.contentType === 'mixed') return { action: 'split' };
  if (f.anonymous) return { action: 'archive', reason: 'anonymous' };
  if (!f.eligible) return { action: 'archive', reason: 'not_eligible' };
  if (f.ownCompetence) return { action: 'propose_accept' };
  if (f.sentToManyInclCompetent) return { action: 'archive', reason: 'sent_to_many_incl_competent' };
  if (f.mustApplyInPerson) return f.priorGuidance ? { action: 'archive', reason: 'already_guided' } : { action: 'guide' };
  if (f.contentType === 'denunciation' && f.priorDenunciationTransfer) return { action: 'archive', reason: 'already_transferred' };
  return { action: 'transfer' };
}

/**
 * The longer periods of a complex case apply only when the decision is in the file: at least one
 * criterion ticked, the document and the decider (NĐ 155/2026 Art. 3a).
 */
export function complexityRecorded(c: { complex: boolean; criteria: readonly string[]; docNo: string | null; decidedBy: string | null }, rules: Rules): boolean {
  if (!c.complex) return false;
  if (!c.docNo || !c.decidedBy) return false;
  return c.criteria.length > 0 && c.criteria.every((x) => rules.complaints.complexCriteria.includes(x));
}

/** Maximum number of extensions of a denunciation (1 if complex, 2 if especially complex, else 0). */
export function maxExtensions(rules: Rules, complex: boolean, especiallyComplex: boolean): number {
  if (especiallyComplex) return rules.denunciations.extension.maxEspeciallyComplex;
  if (complex) return rules.denunciations.extension.maxComplex;
  return 0;
}

/** Online reception is allowed only with one of the rule set's reasons (NĐ 154/2026). */
export function checkOnlineReason(rules: Rules, code: string | null | undefined, denouncerRequiresProtection: boolean): RuleError[] {
  const reasons = rules.reception.onlineReasons;
  if (reasons.length === 0) {
    return [{ field: 'kind', message: 'Online reception is not provided for by the rules in force on this date', messageVi: 'Quy định áp dụng tại thời điểm này chưa có hình thức tiếp công dân trực tuyến' }];
  }
  const r = reasons.find((x) => x.code === code);
  if (!r) {
    return [
      {
        field: 'onlineReason',
        message: `onlineReason must be one of: ${reasons.map((x) => x.code).join(', ')}`,
        messageVi: `Lý do tiếp trực tuyến phải là một trong: ${reasons.map((x) => x.code).join(', ')}`,
      },
    ];
  }
  if (r.requiresNoProtection && denouncerRequiresProtection) {
    return [{ field: 'onlineReason', message: 'A denouncer who requires identity protection is not received online on this ground', messageVi: 'Không tiếp trực tuyến theo lý do này khi người tố cáo yêu cầu giữ bí mật danh tính' }];
  }
  return [];
}

/** A refusal ground of the rule set, or null. */
export function refusalGround(rules: Rules, code: string) {
  return rules.reception.refusalReasons.find((r) => r.code === code) ?? null;
}
