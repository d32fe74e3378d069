/**
 * Deadlines of reception, letters and cases, computed ONLY with the legal clock
 * (src/core/calendar): working-day periods (10-WD reception reply and letter outcome, 7/10-WD
 * initial handling of denunciations, 5-WD transfer, 3-WD notices) and Civil Code calendar-day
 * periods (complaint and denunciation resolution, limitation, second-instance window). The
 * amounts come from the case's pinned rule set. Pure: `now` is passed in.
 */
import { addWorkingDaysPeriod, computeDue, type WorkingCalendar } from '../calendar/index.js';
import { complaintPeriodDays, initialHandlingDays, type Period, type Rules } from './rules.js';
import type { CaseType, ContentType } from './types.js';

export interface Due {
  due: Date;
  provisional: boolean;
  /** Vietnamese explanation from the legal clock. */
  steps: string[];
  amount: number;
  unit: 'working_days' | 'days';
  legalBasis: string;
}

/**
 * The legal receipt instant: a letter received outside working time counts from the start of the
 * next working session (so a Friday-evening letter is "received" on Monday).
 */
export function legalReceipt(cal: WorkingCalendar, receivedAt: Date): Date {
  return cal.clockStart(receivedAt, null).start;
}

/** A period of the rule set counted from an instant. */
export function periodDue(cal: WorkingCalendar, from: Date, amount: number, unit: 'working_days' | 'days', legalBasis: string): Due {
  if (unit === 'working_days') {
    const r = addWorkingDaysPeriod(cal, legalReceipt(cal, from), amount);
    return { due: r.due, provisional: r.provisional, steps: r.steps, amount, unit, legalBasis };
  }
  const r = computeDue(cal, { receivedAt: from, amount, unit: 'days' });
  return { due: r.due, provisional: r.provisional, steps: r.steps, amount, unit, legalBasis };
}

const ofPeriod = (cal: WorkingCalendar, from: Date, p: Period) => periodDue(cal, from, p.amount, p.unit, p.legalBasis);

/** Reply to a visitor within 10 working days of receipt (Law on Citizen Reception Art. 28(1)). */
export function visitReplyDue(cal: WorkingCalendar, rules: Rules, receivedAt: Date): Due {
  return ofPeriod(cal, receivedAt, rules.reception.reply);
}

/** Written refusal notice (Mẫu 01/TCD) within 3 working days. */
export function refusalNoticeDue(cal: WorkingCalendar, rules: Rules, refusedAt: Date): Due {
  return ofPeriod(cal, refusedAt, rules.reception.refusalNotice);
}

/** Inform the forwarder within 7 working days of resolution (Art. 27(2)). */
export function forwarderInformDue(cal: WorkingCalendar, rules: Rules, resolvedAt: Date): Due {
  return ofPeriod(cal, resolvedAt, rules.reception.forwarderInform);
}

/**
 * The outcome of a letter: classification and decision within 10 working days of receipt; a
 * denunciation's initial handling within 7 working days (10 if verification is needed at several
 * places, Law on Denunciations Art. 24).
 */
export function letterOutcomeDue(cal: WorkingCalendar, rules: Rules, l: { receivedAt: Date; contentType: ContentType; multiSite: boolean }): Due {
  if (l.contentType === 'denunciation') {
    const ih = rules.denunciations.initialHandling;
    return periodDue(cal, l.receivedAt, initialHandlingDays(rules, l.multiSite), 'working_days', ih.legalBasis);
  }
  return ofPeriod(cal, l.receivedAt, rules.letters.classification);
}

/** A denunciation outside competence is transferred within 5 working days of receipt. */
export function denunciationTransferDue(cal: WorkingCalendar, rules: Rules, receivedAt: Date): Due {
  return ofPeriod(cal, receivedAt, rules.denunciations.transfer);
}

/** When the competent body's reply to a transferred letter is expected (reminders after it). */
export function transferReplyDue(cal: WorkingCalendar, rules: Rules, transferredAt: Date): Due {
  return ofPeriod(cal, transferredAt, rules.letters.transferReply);
}

/** Complaint acceptance within 10 days of receipt (unit configurable: working or calendar days). */
export function complaintAcceptanceDue(cal: WorkingCalendar, rules: Rules, receivedAt: Date): Due {
  return ofPeriod(cal, receivedAt, rules.complaints.acceptance);
}

/** Suspension notice (Mẫu 14a) within 3 working days of the decision. */
export function suspensionNoticeDue(cal: WorkingCalendar, rules: Rules, suspendedAt: Date): Due {
  return ofPeriod(cal, suspendedAt, rules.complaints.suspensionNotice);
}

export interface CaseClockFacts {
  type: CaseType;
  instance: 1 | 2;
  /** The longer period applies only when the complexity decision is fully recorded. */
  complex: boolean;
  remote: boolean;
}

/** The full resolution period in days for a case (Law on Complaints Arts 28, 37; Law on Denunciations Art. 30). */
export function resolutionPeriod(rules: Rules, f: CaseClockFacts): { amount: number; unit: 'working_days' | 'days'; legalBasis: string } {
  if (f.type === 'complaint') {
    const t = f.instance === 1 ? rules.complaints.firstInstance : rules.complaints.secondInstance;
    return { amount: complaintPeriodDays(rules, f.instance, f.complex, f.remote), unit: 'days', legalBasis: t.legalBasis };
  }
  if (f.type === 'denunciation') {
    const p = rules.denunciations.resolution;
    return { amount: p.amount, unit: p.unit, legalBasis: p.legalBasis };
  }
  const p = rules.petitions.answer;
  return { amount: p.amount, unit: p.unit, legalBasis: p.legalBasis };
}

/**
 * The resolution due counted from acceptance, or from the latest resumption: after a suspension
 * the FULL period runs again from the resumption date (a restart, not a pause).
 */
export function resolutionDue(cal: WorkingCalendar, rules: Rules, f: CaseClockFacts, from: Date): Due {
  const p = resolutionPeriod(rules, f);
  return periodDue(cal, from, p.amount, p.unit, p.legalBasis);
}

/**
 * A denunciation extension of `days` calendar days beyond the current due (which ends at 24:00 of
 * its last day): the new period counts from the day after that last day (Civil Code Arts 146–148).
 */
export function extendedDue(cal: WorkingCalendar, rules: Rules, currentDue: Date, days: number): Due {
  const lastDayInstant = new Date(currentDue.getTime() - 60_000);
  const r = computeDue(cal, { receivedAt: lastDayInstant, amount: days, unit: 'days' });
  return { due: r.due, provisional: r.provisional, steps: r.steps, amount: days, unit: 'days', legalBasis: rules.denunciations.extension.legalBasis };
}

/**
 * The window to request a second instance: 30 days (remote 45) after the first-instance decision is
 * received, or after the first-instance period expired unresolved (Law on Complaints Art. 33).
 */
export function secondRequestDue(cal: WorkingCalendar, rules: Rules, from: Date, remote: boolean): Due {
  const w = rules.complaints.secondRequestWindow;
  return periodDue(cal, from, remote ? w.remote : w.normal, 'days', w.legalBasis);
}

/**
 * The 90-day limitation of a complaint (Art. 9), counted from when the decision or act became known;
 * days lost to illness, disaster, distant travel or other objective obstacles are added back.
 */
export function limitation(cal: WorkingCalendar, rules: Rules, knownAt: Date, excludedDays: number, receivedAt: Date): { due: Date; expired: boolean; steps: string[] } {
  const p = rules.letters.limitation;
  const r = computeDue(cal, { receivedAt: knownAt, amount: p.amount + Math.max(0, excludedDays), unit: 'days' });
  return { due: r.due, expired: receivedAt.getTime() > r.due.getTime(), steps: r.steps };
}

/**
 * Reminder stages for an open item at `now`: `due_soon` when the due is within `daysAhead` days,
 * `overdue` once it has passed. The key makes the reminder idempotent per due instant and stage.
 */
export function reminderStage(now: Date, due: Date, daysAhead: number): 'due_soon' | 'overdue' | null {
  const left = due.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  if (left <= daysAhead * 86_400_000) return 'due_soon';
  return null;
}

export function reminderKey(entity: string, due: Date, stage: 'due_soon' | 'overdue'): string {
  return `${entity}|${due.toISOString()}|${stage}`;
}
