import { describe, expect, it } from 'vitest';
import { REQUIRED_FORMS, complaintPeriodDays, extendedDue, legalReceipt, letterOutcomeDue, limitation, reminderKey, reminderStage, representativeRule, resolutionDue, ruleSetOn, secondRequestDue, validateRules, visitReplyDue, denunciationTransferDue, refusalNoticeDue, complaintAcceptanceDue } from '../../../src/core/letters/index.js';
import { at, local, vectorCalendar } from '../calendar/helpers.js';
import { RULES_2014, RULES_2026, shippedRuleSets } from './fixtures.js';

const cal = vectorCalendar();

describe('shipped rule sets (migration 0050)', () => {
  it('are valid, complete and carry legal basis and evidence on every period', () => {
    for (const rs of shippedRuleSets()) {
      expect(validateRules(rs.rules)).toEqual([]);
      for (const k of REQUIRED_FORMS) expect(rs.rules.forms[k]?.code, `${rs.code} ${k}`).toBeTruthy();
      expect(rs.rules.forms.propose_accept.code).toBe('Mẫu 01');
      expect(rs.rules.forms.transfer_denunciation.code).toBe('Mẫu 03');
      // Numbering the domain text marks as recalled stays marked to verify.
      expect(rs.rules.forms.guidance.evidence).toBe('to_verify');
    }
  });

  it('differ where the 2025 amendment changed the law', () => {
    expect(RULES_2014().reception.onlineReasons).toEqual([]);
    expect(RULES_2026().reception.onlineReasons.map((r) => r.code)).toContain('complex_denunciation_no_protection');
    expect(RULES_2014().complaints.suspensionAvailable).toBe(false);
    expect(RULES_2026().complaints.suspensionAvailable).toBe(true);
    expect(RULES_2026().reception.periodicDeputyException.allowed).toBe(false);
    expect(RULES_2026().reception.periodic.commune).toMatchObject({ period: 'month', minSessions: 2, evidence: 'to_verify' });
    expect(RULES_2014().reception.periodic.commune).toMatchObject({ period: 'week', minSessions: 1 });
  });

  it('pins by receipt date; a province’s own set wins over the national one', () => {
    const sets = shippedRuleSets();
    expect(ruleSetOn(sets, '2021-06-30', 'H55')?.code).toBe('TCD-KNTC-2014');
    expect(ruleSetOn(sets, '2026-06-30', 'H55')?.code).toBe('TCD-KNTC-2014');
    expect(ruleSetOn(sets, '2026-07-01', 'H55')?.code).toBe('TCD-KNTC-2026');
    expect(ruleSetOn(sets, '2010-01-01', 'H55')).toBeNull();
    const own = { ...sets[1], id: 'own', tenantId: 'H55', code: 'H55-2027', effectiveFrom: '2027-01-01' };
    const other = { ...sets[1], id: 'other', tenantId: 'H01', code: 'H01-2027', effectiveFrom: '2027-01-01' };
    expect(ruleSetOn([...sets, own, other], '2027-03-01', 'H55')?.code).toBe('H55-2027');
    expect(ruleSetOn([...sets, own, other], '2026-12-31', 'H55')?.code).toBe('TCD-KNTC-2026');
    expect(ruleSetOn([...sets, own, other], '2027-03-01', 'H02')?.code).toBe('TCD-KNTC-2026');
  });

  it('rejects a rules document with missing or wrong parameters, field by field, in both languages', () => {
    const bad = structuredClone(RULES_2026()) as any;
    bad.denunciations.extension.maxComplex = 3;
    bad.letters.classification.unit = 'hours';
    delete bad.forms.guidance;
    bad.reception.representatives[0].maxReps = 0;
    const errs = validateRules(bad);
    const fields = errs.map((e) => e.field);
    expect(fields).toContain('rules.denunciations.extension');
    expect(fields).toContain('rules.letters.classification.unit');
    expect(fields).toContain('rules.forms.guidance');
    expect(fields).toContain('rules.reception.representatives.0');
    expect(errs.every((e) => e.messageVi.length > 0)).toBe(true);
    expect(validateRules(null)[0].field).toBe('rules');
  });
});

describe('periods of the rule set', () => {
  it('complaint periods: normal, complex, remote, remote + complex, by instance', () => {
    const r = RULES_2026();
    expect([complaintPeriodDays(r, 1, false, false), complaintPeriodDays(r, 1, true, false), complaintPeriodDays(r, 1, false, true), complaintPeriodDays(r, 1, true, true)]).toEqual([30, 45, 45, 60]);
    expect([complaintPeriodDays(r, 2, false, false), complaintPeriodDays(r, 2, true, false), complaintPeriodDays(r, 2, false, true), complaintPeriodDays(r, 2, true, true)]).toEqual([45, 60, 60, 70]);
  });

  it('group representatives: 5–10 people → 1–2, more than 10 → up to 5, fewer than 5 → none', () => {
    const r = RULES_2026();
    expect(representativeRule(r, 4)).toBeNull();
    expect(representativeRule(r, 5)).toMatchObject({ minReps: 1, maxReps: 2 });
    expect(representativeRule(r, 10)).toMatchObject({ maxReps: 2 });
    expect(representativeRule(r, 11)).toMatchObject({ maxReps: 5 });
    expect(representativeRule(r, 300)).toMatchObject({ maxReps: 5 });
  });
});

describe('deadlines through the legal clock', () => {
  const r = RULES_2026();
  it('10 working days for the reception reply and the letter outcome, counted from the next working day', () => {
    expect(local(visitReplyDue(cal, r, at('2026-11-09 10:00')).due)).toBe('2026-11-23T17:00');
    expect(local(letterOutcomeDue(cal, r, { receivedAt: at('2026-11-09 10:00'), contentType: 'complaint', multiSite: false }).due)).toBe('2026-11-23T17:00');
    // In hours on Friday: from Monday. After hours on Friday: received Monday, counted from Tuesday.
    expect(local(letterOutcomeDue(cal, r, { receivedAt: at('2026-11-13 10:00'), contentType: 'petition', multiSite: false }).due)).toBe('2026-11-27T17:00');
    expect(local(legalReceipt(cal, at('2026-11-13 18:00')))).toBe('2026-11-16T07:30');
    expect(local(letterOutcomeDue(cal, r, { receivedAt: at('2026-11-13 18:00'), contentType: 'petition', multiSite: false }).due)).toBe('2026-11-30T17:00');
  });

  it('denunciations: 7 working days of initial handling (10 with several sites), transfer within 5', () => {
    const recv = at('2026-11-09 10:00');
    expect(local(letterOutcomeDue(cal, r, { receivedAt: recv, contentType: 'denunciation', multiSite: false }).due)).toBe('2026-11-18T17:00');
    expect(local(letterOutcomeDue(cal, r, { receivedAt: recv, contentType: 'denunciation', multiSite: true }).due)).toBe('2026-11-23T17:00');
    expect(local(denunciationTransferDue(cal, r, recv).due)).toBe('2026-11-16T17:00');
    expect(local(refusalNoticeDue(cal, r, recv).due)).toBe('2026-11-12T17:00');
    expect(local(complaintAcceptanceDue(cal, r, recv).due)).toBe('2026-11-23T17:00');
  });

  it('complaint resolution in Civil Code days: day one not counted, ends 24:00, a last day off rolls to the next working day', () => {
    const f = { type: 'complaint' as const, instance: 1 as const, complex: false, remote: false };
    expect(local(resolutionDue(cal, r, f, at('2026-11-09 10:00')).due)).toBe('2026-12-10T00:00');
    expect(local(resolutionDue(cal, r, { ...f, complex: true }, at('2026-11-09 10:00')).due)).toBe('2026-12-25T00:00');
    expect(local(resolutionDue(cal, r, { ...f, complex: true, remote: true }, at('2026-11-09 10:00')).due)).toBe('2027-01-09T00:00');
    // Last day Saturday 12/12 → Monday 14/12, ending at its 24:00.
    expect(local(resolutionDue(cal, r, f, at('2026-11-12 10:00')).due)).toBe('2026-12-15T00:00');
    // Resumption restarts the full period from the resumption date (Sunday 20/12 → Monday 21/12).
    expect(local(resolutionDue(cal, r, f, at('2026-11-20 15:00')).due)).toBe('2026-12-22T00:00');
    expect(local(resolutionDue(cal, r, { type: 'denunciation', instance: 1, complex: false, remote: false }, at('2026-11-09 10:00')).due)).toBe('2026-12-10T00:00');
  });

  it('a denunciation extension adds its days after the last day of the current period', () => {
    expect(local(extendedDue(cal, r, at('2026-12-10 00:00'), 30).due)).toBe('2027-01-09T00:00');
  });

  it('second-instance window: 30 days, 45 in remote areas', () => {
    expect(local(secondRequestDue(cal, r, at('2026-11-09 10:00'), false).due)).toBe('2026-12-10T00:00');
    expect(local(secondRequestDue(cal, r, at('2026-11-09 10:00'), true).due)).toBe('2026-12-25T00:00');
  });

  it('90-day limitation, with days lost to objective obstacles added back', () => {
    const l = limitation(cal, r, at('2026-08-01 00:00'), 0, at('2026-11-09 10:00'));
    expect(local(l.due)).toBe('2026-10-31T00:00');
    expect(l.expired).toBe(true);
    const l2 = limitation(cal, r, at('2026-08-01 00:00'), 15, at('2026-11-09 10:00'));
    expect(local(l2.due)).toBe('2026-11-17T00:00');
    expect(l2.expired).toBe(false);
  });

  it('reminder stages and keys are stable for one due instant', () => {
    const due = at('2026-11-20 17:00');
    expect(reminderStage(at('2026-11-10 09:00'), due, 3)).toBeNull();
    expect(reminderStage(at('2026-11-18 09:00'), due, 3)).toBe('due_soon');
    expect(reminderStage(at('2026-11-21 09:00'), due, 3)).toBe('overdue');
    expect(reminderKey('case', due, 'due_soon')).toBe(reminderKey('case', new Date(due.getTime()), 'due_soon'));
    expect(reminderKey('case', due, 'due_soon')).not.toBe(reminderKey('case', due, 'overdue'));
  });
});
