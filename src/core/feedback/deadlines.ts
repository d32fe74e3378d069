/**
 * Operational deadlines of PAKN (feedback.md §2; NĐ 20/2008 Art. 9) as versioned data, and the
 * QĐ 766 on-time verdict (indicators-766.md, indicator 5.2). The arithmetic is the legal clock's
 * (`src/core/calendar`); this module only chooses the rule in force and names the steps.
 */
import { computeDue, type WorkingCalendar } from '../calendar/index.js';
import type { FeedbackStatus } from './states.js';

export const DEADLINE_STEPS = ['refuse', 'supplement', 'forward', 'answer', 'publish'] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

export const STEP_LABELS: Record<DeadlineStep, { vi: string; en: string }> = {
  refuse: { vi: 'Từ chối tiếp nhận', en: 'Refuse' },
  supplement: { vi: 'Yêu cầu bổ sung (lần đầu)', en: 'First request for more information' },
  forward: { vi: 'Chuyển cơ quan có thẩm quyền', en: 'Forward out of competence' },
  answer: { vi: 'Trả lời', en: 'Answer' },
  publish: { vi: 'Công khai (tính từ khi trả lời)', en: 'Publish (from the answer)' },
};

export interface DeadlineRule {
  ruleSet: string;
  step: DeadlineStep;
  amount: number;
  unit: 'working_days' | 'working_hours' | 'days';
  countedFrom: 'receipt' | 'answer';
  /** Local date, inclusive. */
  effectiveFrom: string;
  /** Local date, exclusive; null = open-ended. */
  effectiveTo: string | null;
  legalBasis: string;
  evidence: 'verified' | 'to_verify';
}

const QD31 = 'QĐ 31/2021/QĐ-TTg (Quy chế Cổng DVCQG); mô tả kỹ thuật chỉ số 766';
const QD29 = 'QĐ 29/2026/QĐ-TTg (thay thế QĐ 31/2021/QĐ-TTg từ 20/07/2026)';
const ND20 = 'NĐ 20/2008/NĐ-CP Điều 9 (sửa đổi bởi NĐ 48/2013, NĐ 92/2017)';

function version(from: string, to: string | null, basis: string): DeadlineRule[] {
  const row = (step: DeadlineStep, amount: number, countedFrom: 'receipt' | 'answer', legalBasis = basis): DeadlineRule => ({
    ruleSet: 'dvcqg',
    step,
    amount,
    unit: 'working_days',
    countedFrom,
    effectiveFrom: from,
    effectiveTo: to,
    legalBasis,
    evidence: 'to_verify',
  });
  return [row('refuse', 2, 'receipt'), row('supplement', 5, 'receipt'), row('forward', 5, 'receipt', ND20), row('answer', 15, 'receipt'), row('publish', 2, 'answer')];
}

/**
 * The national rule set shipped with motcua (the same rows as migration 0070, tenant '*'). All
 * figures are to verify against QĐ 29/2026/QĐ-TTg; the 2021 start date is to verify too.
 */
export const DEFAULT_DEADLINE_RULES: readonly DeadlineRule[] = [...version('2021-10-11', '2026-07-20', QD31), ...version('2026-07-20', null, QD29)];

export class DeadlineRuleError extends Error {
  constructor(
    readonly step: DeadlineStep,
    readonly date: string,
  ) {
    super(`No PAKN deadline rule for step ${step} in force on ${date}`);
  }
}

export type RulesInForce = Record<DeadlineStep, DeadlineRule>;

/** The rule of each step in force on a local date (effective_from ≤ date < effective_to). */
export function rulesInForce(rules: readonly DeadlineRule[], date: string, ruleSet = 'dvcqg'): RulesInForce {
  const out: Partial<RulesInForce> = {};
  for (const step of DEADLINE_STEPS) {
    const hit = rules
      .filter((r) => r.ruleSet === ruleSet && r.step === step && r.effectiveFrom <= date && (r.effectiveTo === null || date < r.effectiveTo))
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
    if (!hit) throw new DeadlineRuleError(step, date);
    out[step] = hit;
  }
  return out as RulesInForce;
}

function dueOf(cal: WorkingCalendar, from: Date, rule: DeadlineRule): { due: Date; provisional: boolean } {
  const r = computeDue(cal, { receivedAt: from, amount: rule.amount, unit: rule.unit });
  return { due: r.due, provisional: r.provisional };
}

export interface ReceiptDues {
  refuseDue: Date;
  supplementDue: Date;
  forwardDue: Date;
  answerDue: Date;
  provisional: boolean;
}

/** Dues counted from receipt (or from arrival at the unit after a transfer). */
export function duesFromReceipt(cal: WorkingCalendar, clockFrom: Date, rules: RulesInForce): ReceiptDues {
  const refuse = dueOf(cal, clockFrom, rules.refuse);
  const supplement = dueOf(cal, clockFrom, rules.supplement);
  const forward = dueOf(cal, clockFrom, rules.forward);
  const answer = dueOf(cal, clockFrom, rules.answer);
  return {
    refuseDue: refuse.due,
    supplementDue: supplement.due,
    forwardDue: forward.due,
    answerDue: answer.due,
    provisional: refuse.provisional || supplement.provisional || forward.provisional || answer.provisional,
  };
}

/** The answer due of a new round (a continued complaint reopens the item). */
export function answerDueFrom(cal: WorkingCalendar, from: Date, rules: RulesInForce): { due: Date; provisional: boolean } {
  return dueOf(cal, from, rules.answer);
}

/** The publication due, counted from the answer. */
export function publishDueFrom(cal: WorkingCalendar, answeredAt: Date, rules: RulesInForce): { due: Date; provisional: boolean } {
  return dueOf(cal, answeredAt, rules.publish);
}

/** What the verdict reads from an item (first occurrences of each step). */
export interface VerdictInput {
  status: FeedbackStatus;
  refusedAt?: Date | null;
  refuseDue?: Date | null;
  firstSupplementRequestedAt?: Date | null;
  supplementDue?: Date | null;
  forwardedAt?: Date | null;
  forwardDue?: Date | null;
  firstAnsweredAt?: Date | null;
  answerDue?: Date | null;
  firstPublishedAt?: Date | null;
  publishDue?: Date | null;
}

export interface Verdict {
  onTime: boolean;
  /** Steps that missed their limit (or are overdue at the period end). */
  late: DeadlineStep[];
  /** Nothing is left for the unit to do in the first round. */
  finished: boolean;
}

const after = (a: Date | null | undefined, b: Date | null | undefined): boolean => !!a && !!b && a.getTime() > b.getTime();

/**
 * QĐ 766 indicator 5.2, "on time": every step that happened was within its limit; an item still in
 * progress is on time while the period end is within the answer limit (period_end − receipt ≤
 * 15 WD). An answer not yet published counts as late once the publication limit has passed at the
 * period end (our reading; indicators-766.md marks the whole rule "to verify").
 */
export function onTimeVerdict(x: VerdictInput, periodEnd: Date): Verdict {
  const late: DeadlineStep[] = [];
  if (after(x.refusedAt, x.refuseDue)) late.push('refuse');
  if (after(x.firstSupplementRequestedAt, x.supplementDue)) late.push('supplement');
  if (after(x.forwardedAt, x.forwardDue)) late.push('forward');
  const closedWithoutAnswer = !x.firstAnsweredAt && (!!x.refusedAt || !!x.forwardedAt || x.status === 'merged');
  if (x.firstAnsweredAt) {
    if (after(x.firstAnsweredAt, x.answerDue)) late.push('answer');
    if (x.firstPublishedAt) {
      if (after(x.firstPublishedAt, x.publishDue)) late.push('publish');
    } else if (after(periodEnd, x.publishDue)) {
      late.push('publish');
    }
  } else if (!closedWithoutAnswer && after(periodEnd, x.answerDue)) {
    late.push('answer');
  }
  const finished = closedWithoutAnswer || !!x.firstPublishedAt;
  return { onTime: late.length === 0, late, finished };
}
