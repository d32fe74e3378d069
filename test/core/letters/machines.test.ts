import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_MACHINE,
  DENUNCIATION_MACHINE,
  LETTER_MACHINE,
  PETITION_MACHINE,
  VISIT_MACHINE,
  allowedActions,
  checkMachine,
  decide,
  type CaseFacts,
  type LetterFacts,
  type VisitFacts,
} from '../../../src/core/letters/index.js';

const NOW = new Date('2026-11-09T03:00:00Z');
const letter = (over: Partial<LetterFacts> = {}): LetterFacts => ({
  contentType: 'complaint',
  classified: true,
  eligible: true,
  ownCompetence: true,
  anonymous: false,
  hasOriginals: false,
  originalsReturned: false,
  sentToManyInclCompetent: false,
  priorDenunciationTransfer: null,
  priorGuidance: null,
  escalated: false,
  now: NOW,
  transferReplyDue: null,
  ...over,
});
const kase = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  now: NOW,
  instance: 1,
  dueAt: new Date('2026-12-09T17:00:00Z'),
  secondRequestDue: null,
  statusBefore: null,
  suspensionAvailable: true,
  extensions: 0,
  maxExtensions: 0,
  maxExtensionDays: 30,
  enforcementStatus: 'none',
  decisionResult: null,
  ...over,
});
const handler = new Set(['handler'] as const);
const leader = new Set(['leader'] as const);
const resolver = new Set(['resolver'] as const);
const verifier = new Set(['verifier'] as const);

describe('transition tables', () => {
  it('name only known states and label every state', () => {
    for (const m of [VISIT_MACHINE, LETTER_MACHINE, COMPLAINT_MACHINE, DENUNCIATION_MACHINE, PETITION_MACHINE] as any[]) expect(checkMachine(m), m.name).toEqual([]);
  });

  it('answer an unknown action with 400, a wrong state with 409, a wrong actor with 403', () => {
    expect(decide(LETTER_MACHINE, 'received', 'fly' as any, handler, letter())).toMatchObject({ ok: false, status: 400 });
    const wrongState = decide(LETTER_MACHINE, 'archived', 'transfer', handler, letter());
    expect(wrongState).toMatchObject({ ok: false, status: 409, refusal: { code: 'illegal_transition' } });
    expect((wrongState as any).refusal.messageVi).toMatch(/Lưu đơn/);
    expect(decide(LETTER_MACHINE, 'proposed_accept', 'open_case', handler, letter())).toMatchObject({ ok: false, status: 403 });
    expect(decide(LETTER_MACHINE, 'proposed_accept', 'open_case', leader, letter())).toMatchObject({ ok: true, to: 'case_opened' });
  });
});

describe('letters', () => {
  it('propose acceptance only for an eligible letter within competence, split first, never an anonymous denunciation', () => {
    expect(decide(LETTER_MACHINE, 'classified', 'propose_accept', handler, letter())).toMatchObject({ ok: true, to: 'proposed_accept' });
    expect(decide(LETTER_MACHINE, 'classified', 'propose_accept', handler, letter({ eligible: false }))).toMatchObject({ ok: false, refusal: { code: 'not_eligible' } });
    expect(decide(LETTER_MACHINE, 'classified', 'propose_accept', handler, letter({ ownCompetence: false }))).toMatchObject({ ok: false, refusal: { code: 'not_own_competence' } });
    expect(decide(LETTER_MACHINE, 'classified', 'propose_accept', handler, letter({ contentType: 'mixed' }))).toMatchObject({ ok: false, refusal: { code: 'mixed_content' } });
    expect(decide(LETTER_MACHINE, 'classified', 'propose_accept', handler, letter({ contentType: 'denunciation', anonymous: true }))).toMatchObject({ ok: false, refusal: { code: 'anonymous_denunciation' } });
    expect(decide(LETTER_MACHINE, 'received', 'split', handler, letter())).toMatchObject({ ok: false, refusal: { code: 'not_mixed' } });
    expect(decide(LETTER_MACHINE, 'received', 'split', handler, letter({ contentType: 'mixed' }))).toMatchObject({ ok: true, to: 'split' });
  });

  it('transfers a denunciation only once, and not when the competent body already has it', () => {
    const f = letter({ contentType: 'denunciation', ownCompetence: false });
    expect(decide(LETTER_MACHINE, 'classified', 'transfer', handler, f)).toMatchObject({ ok: true, to: 'transferred' });
    const again = decide(LETTER_MACHINE, 'classified', 'transfer', handler, { ...f, priorDenunciationTransfer: 'DT-1' });
    expect(again).toMatchObject({ ok: false, status: 409, refusal: { code: 'denunciation_already_transferred' } });
    expect((again as any).refusal.messageVi).toMatch(/DT-1/);
    // A complaint with an earlier transfer of the same content may be transferred again.
    expect(decide(LETTER_MACHINE, 'classified', 'transfer', handler, { ...f, contentType: 'complaint', priorDenunciationTransfer: 'DT-1' })).toMatchObject({ ok: true });
    expect(decide(LETTER_MACHINE, 'classified', 'transfer', handler, { ...f, sentToManyInclCompetent: true })).toMatchObject({ ok: false, refusal: { code: 'sent_to_competent_body' } });
    expect(decide(LETTER_MACHINE, 'classified', 'transfer', handler, letter())).toMatchObject({ ok: false, refusal: { code: 'own_competence' } });
  });

  it('guides once per content; reminds only once the reply is overdue; originals are returned once', () => {
    expect(decide(LETTER_MACHINE, 'classified', 'guide', handler, letter({ priorGuidance: 'DT-7' }))).toMatchObject({ ok: false, refusal: { code: 'already_guided' } });
    expect(decide(LETTER_MACHINE, 'classified', 'guide', handler, letter())).toMatchObject({ ok: true, to: 'guided' });
    expect(decide(LETTER_MACHINE, 'transferred', 'remind', handler, letter({ transferReplyDue: new Date(NOW.getTime() + 1000) }))).toMatchObject({ ok: false, refusal: { code: 'reply_not_overdue' } });
    expect(decide(LETTER_MACHINE, 'transferred', 'remind', handler, letter({ transferReplyDue: new Date(NOW.getTime() - 1000) }))).toMatchObject({ ok: true, to: 'transferred' });
    expect(decide(LETTER_MACHINE, 'classified', 'return_originals', handler, letter())).toMatchObject({ ok: false, refusal: { code: 'no_originals' } });
    expect(decide(LETTER_MACHINE, 'classified', 'return_originals', handler, letter({ hasOriginals: true }))).toMatchObject({ ok: true, to: 'originals_returned' });
    expect(decide(LETTER_MACHINE, 'guided', 'return_originals', handler, letter({ hasOriginals: true }))).toMatchObject({ ok: true, to: 'guided' });
    expect(decide(LETTER_MACHINE, 'guided', 'return_originals', handler, letter({ hasOriginals: true, originalsReturned: true }))).toMatchObject({ ok: false, refusal: { code: 'originals_already_returned' } });
  });

  it('tells each user what they may do now', () => {
    const acts = (s: any, caps: any, f = letter()) => allowedActions(LETTER_MACHINE, s, caps, f).map((a) => a.action);
    expect(acts('proposed_accept', leader)).toEqual(expect.arrayContaining(['decline_proposal', 'open_case', 'link', 'archive']));
    expect(acts('proposed_accept', handler)).not.toContain('open_case');
    expect(acts('classified', handler, letter({ ownCompetence: false }))).toEqual(expect.arrayContaining(['transfer', 'guide', 'archive']));
    expect(acts('classified', handler, letter({ ownCompetence: false }))).not.toContain('propose_accept');
    expect(acts('closed', handler)).toEqual([]);
    expect(acts('classified', new Set())).toEqual([]);
  });
});

describe('visits', () => {
  const vf = (over: Partial<VisitFacts> = {}): VisitFacts => ({ refusalNoticePending: false, refusalNoticeRequired: false, outcomes: [], lettersCount: 0, originalsHeld: 0, ...over });
  const officer = new Set(['officer'] as const);
  it('refusal with a required notice cannot be closed before the notice is issued', () => {
    expect(decide(VISIT_MACHINE, 'checked_in', 'refuse', officer, vf())).toMatchObject({ ok: true, to: 'refused' });
    expect(decide(VISIT_MACHINE, 'refused', 'close', officer, vf({ refusalNoticeRequired: true, refusalNoticePending: true }))).toMatchObject({ ok: false, refusal: { code: 'refusal_notice_pending' } });
    expect(decide(VISIT_MACHINE, 'refused', 'issue_refusal_notice', officer, vf())).toMatchObject({ ok: false, refusal: { code: 'notice_not_required' } });
    expect(decide(VISIT_MACHINE, 'refused', 'issue_refusal_notice', officer, vf({ refusalNoticeRequired: true, refusalNoticePending: true }))).toMatchObject({ ok: true, to: 'refused' });
  });
  it('a heard visit is closed only with an outcome; documents are returned only if originals are held', () => {
    expect(decide(VISIT_MACHINE, 'heard', 'close', officer, vf())).toMatchObject({ ok: false, refusal: { code: 'no_outcome' } });
    expect(decide(VISIT_MACHINE, 'heard', 'close', officer, vf({ outcomes: ['guided'] }))).toMatchObject({ ok: true, to: 'closed' });
    expect(decide(VISIT_MACHINE, 'heard', 'return_documents', officer, vf())).toMatchObject({ ok: false, refusal: { code: 'no_originals_held' } });
    expect(decide(VISIT_MACHINE, 'registered', 'hear', officer, vf())).toMatchObject({ ok: false, status: 409 });
  });
});

describe('complaints', () => {
  it('suspend only where the rule set provides it; resume returns to the state before', () => {
    expect(decide(COMPLAINT_MACHINE, 'verifying', 'suspend', resolver, kase({ suspensionAvailable: false }))).toMatchObject({ ok: false, refusal: { code: 'suspension_not_available' } });
    expect(decide(COMPLAINT_MACHINE, 'verifying', 'suspend', resolver, kase())).toMatchObject({ ok: true, to: 'suspended' });
    expect(decide(COMPLAINT_MACHINE, 'verifying', 'suspend', verifier, kase())).toMatchObject({ ok: false, status: 403 });
    expect(decide(COMPLAINT_MACHINE, 'suspended', 'resume', resolver, kase({ statusBefore: 'dialogue' }))).toMatchObject({ ok: true, to: 'dialogue' });
    expect(decide(COMPLAINT_MACHINE, 'suspended', 'resume', resolver, kase({ statusBefore: 'accepted' }))).toMatchObject({ ok: true, to: 'accepted' });
    expect(decide(COMPLAINT_MACHINE, 'suspended', 'decide', resolver, kase())).toMatchObject({ ok: false, status: 409 });
  });

  it('second instance within the window, or once the first-instance period expired; final after the window', () => {
    const open = kase({ secondRequestDue: new Date(NOW.getTime() + 86_400_000) });
    expect(decide(COMPLAINT_MACHINE, 'decided', 'request_second_instance', verifier, open)).toMatchObject({ ok: true, to: 'second_instance_requested' });
    expect(decide(COMPLAINT_MACHINE, 'decided', 'finalize', resolver, open)).toMatchObject({ ok: false, refusal: { code: 'second_request_window_open' } });
    const closed = kase({ secondRequestDue: new Date(NOW.getTime() - 86_400_000) });
    expect(decide(COMPLAINT_MACHINE, 'decided', 'request_second_instance', verifier, closed)).toMatchObject({ ok: false, refusal: { code: 'second_request_window_passed' } });
    expect(decide(COMPLAINT_MACHINE, 'decided', 'finalize', resolver, closed)).toMatchObject({ ok: true, to: 'final' });
    expect(decide(COMPLAINT_MACHINE, 'verifying', 'request_second_instance', verifier, kase())).toMatchObject({ ok: false, refusal: { code: 'first_instance_not_overdue' } });
    expect(decide(COMPLAINT_MACHINE, 'verifying', 'request_second_instance', verifier, kase({ dueAt: new Date(NOW.getTime() - 1) }))).toMatchObject({ ok: true });
    expect(decide(COMPLAINT_MACHINE, 'decided', 'request_second_instance', verifier, kase({ instance: 2 }))).toMatchObject({ ok: false, refusal: { code: 'already_second_instance' } });
    expect(decide(COMPLAINT_MACHINE, 'final', 'close', resolver, kase({ enforcementStatus: 'in_progress' }))).toMatchObject({ ok: false, refusal: { code: 'enforcement_in_progress' } });
  });
});

describe('denunciations', () => {
  it('extensions: none unless complex, at most 1 (2 if especially complex), each at most 30 days', () => {
    expect(decide(DENUNCIATION_MACHINE, 'verifying', 'extend', resolver, kase())).toMatchObject({ ok: false, refusal: { code: 'extension_not_allowed' } });
    expect(decide(DENUNCIATION_MACHINE, 'verifying', 'extend', resolver, kase({ maxExtensions: 1, requestedDays: 30 }))).toMatchObject({ ok: true });
    expect(decide(DENUNCIATION_MACHINE, 'verifying', 'extend', resolver, kase({ maxExtensions: 1, requestedDays: 31 }))).toMatchObject({ ok: false, refusal: { code: 'extension_too_long' } });
    expect(decide(DENUNCIATION_MACHINE, 'verifying', 'extend', resolver, kase({ maxExtensions: 1, extensions: 1 }))).toMatchObject({ ok: false, refusal: { code: 'extension_limit' } });
    expect(decide(DENUNCIATION_MACHINE, 'verifying', 'extend', resolver, kase({ maxExtensions: 2, extensions: 1 }))).toMatchObject({ ok: true });
    expect(decide(DENUNCIATION_MACHINE, 'verifying', 'extend', resolver, kase({ maxExtensions: 2, extensions: 2 }))).toMatchObject({ ok: false, refusal: { code: 'extension_limit' } });
  });
  it('a withdrawal ends in termination or continued handling', () => {
    expect(decide(DENUNCIATION_MACHINE, 'verifying', 'withdraw', verifier, kase())).toMatchObject({ ok: true, to: 'withdrawn' });
    expect(decide(DENUNCIATION_MACHINE, 'withdrawn', 'continue', resolver, kase())).toMatchObject({ ok: true, to: 'verifying' });
    expect(decide(DENUNCIATION_MACHINE, 'withdrawn', 'terminate', resolver, kase())).toMatchObject({ ok: true, to: 'terminated' });
    expect(decide(DENUNCIATION_MACHINE, 'accepted', 'conclude', resolver, kase())).toMatchObject({ ok: false, status: 409 });
    expect(decide(PETITION_MACHINE, 'accepted', 'answer', resolver, kase())).toMatchObject({ ok: true, to: 'answered' });
  });
});
