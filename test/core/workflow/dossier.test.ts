import { describe, expect, it } from 'vitest';
import type { Role } from '../../../src/core/access/roles.js';
import {
  type ActorFacts,
  type DossierFacts,
  DOSSIER_ACTIONS,
  DOSSIER_STATES,
  FINAL_STATES,
  OPEN_STATES,
  STATE_LABELS,
  TRANSITIONS,
  actionFromPath,
  allowedActions,
  decide,
  mayAttachFile,
  transitionTable,
} from '../../../src/core/workflow/index.js';

function facts(over: Partial<DossierFacts> = {}): DossierFacts {
  return {
    status: 'in_process',
    statusBefore: null,
    subStatus: null,
    channel: 1,
    outcome: null,
    handlerId: null,
    hasNextStep: true,
    forwardForks: false,
    hasPreviousStep: false,
    canDecide: true,
    openTasks: 0,
    openConsultations: 0,
    rescheduleCount: 0,
    rescheduleMax: 1,
    apologyWindowClosed: false,
    supplementCount: 0,
    supplementMax: null,
    ...over,
  };
}

function actor(at: Partial<Record<'receiving' | 'holder' | 'competent' | 'task', Role[]>> = {}, isApplicant = false): ActorFacts {
  return {
    userId: 'u',
    isApplicant,
    rolesAt: {
      receiving: new Set(at.receiving ?? []),
      holder: new Set(at.holder ?? []),
      competent: new Set(at.competent ?? []),
      task: new Set(at.task ?? []),
    },
  };
}

const COUNTER = actor({ receiving: ['counter_officer'] });
const LEADER = actor({ holder: ['leader'], competent: ['leader'] });
const SPECIALIST = actor({ holder: ['specialist'], competent: ['specialist'] });
const APPLICANT = actor({}, true);
const NOBODY = actor();

describe('the transition table', () => {
  it('covers every action once, names only known states, and labels every state in both languages', () => {
    expect(TRANSITIONS.map((t) => t.action).sort()).toEqual([...DOSSIER_ACTIONS].sort());
    for (const t of TRANSITIONS) {
      for (const s of t.from) expect(DOSSIER_STATES).toContain(s);
      if (typeof t.to === 'string' && t.to !== 'same' && t.to !== 'previous') expect(DOSSIER_STATES).toContain(t.to);
      expect(t.actors.length).toBeGreaterThan(0);
      expect(t.labelVi).toBeTruthy();
      expect(t.publicVi).toBeTruthy();
    }
    for (const s of DOSSIER_STATES) expect(STATE_LABELS[s].vi && STATE_LABELS[s].en).toBeTruthy();
  });

  it('no action starts from a final state except archiving', () => {
    for (const t of TRANSITIONS) {
      const fromFinal = t.from.filter((s) => FINAL_STATES.includes(s));
      if (t.action !== 'archive') expect([t.action, fromFinal]).toEqual([t.action, []]);
    }
    expect(allowedActions(facts({ status: 'archived' }), COUNTER)).toEqual([]);
  });

  it('follows the minimum set of one-stop.md §5.8', () => {
    const to = (action: string, d: DossierFacts, a: ActorFacts) => {
      const r = decide(action, d, a);
      if (!r.ok) throw new Error(`${action}: ${r.code}`);
      return r.to;
    };
    expect(to('submit', facts({ status: 'draft', channel: 2 }), APPLICANT)).toBe('submitted');
    expect(to('accept', facts({ status: 'submitted' }), COUNTER)).toBe('received');
    expect(to('request_intake_supplement', facts({ status: 'submitted' }), COUNTER)).toBe('intake_supplement');
    expect(to('resubmit', facts({ status: 'intake_supplement', channel: 2 }), APPLICANT)).toBe('submitted');
    expect(to('refuse_intake', facts({ status: 'submitted' }), COUNTER)).toBe('refused_at_intake');
    expect(to('transfer', facts({ status: 'received' }), COUNTER)).toBe('in_process');
    expect(to('consult', facts(), SPECIALIST)).toBe('consulting');
    expect(to('answer_consultation', facts({ status: 'consulting' }), SPECIALIST)).toBe('in_process');
    expect(to('send_interagency', facts(), SPECIALIST)).toBe('interagency');
    expect(to('complete_interagency_task', facts({ status: 'interagency', openTasks: 2 }), actor({ task: ['specialist'] }))).toBe('interagency');
    expect(to('complete_interagency_task', facts({ status: 'interagency', openTasks: 1 }), actor({ task: ['specialist'] }))).toBe('in_process');
    expect(to('request_supplement', facts(), SPECIALIST)).toBe('supplement_requested');
    expect(to('complete_supplement', facts({ status: 'supplement_requested' }), COUNTER)).toBe('in_process');
    expect(to('request_payment', facts(), SPECIALIST)).toBe('payment_requested');
    expect(to('confirm_payment', facts({ status: 'payment_requested' }), COUNTER)).toBe('in_process');
    expect(to('apologise_reschedule', facts({ status: 'interagency' }), LEADER)).toBe('interagency');
    expect(to('approve', facts(), LEADER)).toBe('resolved');
    expect(to('refuse', facts(), LEADER)).toBe('resolved');
    expect(to('stop', facts({ status: 'supplement_requested' }), LEADER)).toBe('stopped');
    expect(to('request_withdrawal', facts({ status: 'consulting' }), APPLICANT)).toBe('withdrawal_requested');
    expect(to('cancel_withdrawal', facts({ status: 'withdrawal_requested', statusBefore: 'consulting' }), APPLICANT)).toBe('consulting');
    expect(to('confirm_withdrawal', facts({ status: 'withdrawal_requested' }), COUNTER)).toBe('withdrawn');
    expect(to('return_result', facts({ status: 'resolved' }), COUNTER)).toBe('returned');
    expect(to('send_by_post', facts({ status: 'resolved' }), COUNTER)).toBe('returning_by_post');
    expect(to('confirm_delivery', facts({ status: 'returning_by_post' }), COUNTER)).toBe('returned');
    expect(to('archive', facts({ status: 'returned' }), COUNTER)).toBe('archived');
    expect(to('forward', facts({ forwardForks: true }), SPECIALIST)).toBe('interagency');
    expect(to('forward', facts(), SPECIALIST)).toBe('in_process');
  });

  it('refuses an illegal transition with 409 and a reason in both languages', () => {
    const r = decide('approve', facts({ status: 'returned' }), LEADER);
    expect(r).toMatchObject({ ok: false, status: 409, code: 'illegal_transition' });
    if (!r.ok) {
      expect(r.message).toContain('"Approve" is not possible while the dossier is "Returned"');
      expect(r.messageVi).toContain('Đã trả kết quả');
    }
    expect(decide('fly', facts(), LEADER)).toMatchObject({ ok: false, status: 404, code: 'unknown_action' });
  });

  it('checks who acts, and where', () => {
    expect(decide('approve', facts(), SPECIALIST)).toMatchObject({ ok: false, status: 403 });
    expect(decide('approve', facts(), actor({ competent: ['leader'] }))).toMatchObject({ ok: false, status: 403 });
    expect(decide('accept', facts({ status: 'submitted' }), actor({ holder: ['counter_officer'] }))).toMatchObject({ ok: false, status: 403 });
    expect(decide('submit', facts({ status: 'draft' }), COUNTER)).toMatchObject({ ok: false, status: 403 });
    expect(decide('complete_interagency_task', facts({ status: 'interagency', openTasks: 1 }), SPECIALIST)).toMatchObject({ ok: false, status: 403 });
    // A citizen resubmits only what they submitted online; counter dossiers are resubmitted at the counter.
    expect(decide('resubmit', facts({ status: 'intake_supplement', channel: 1 }), APPLICANT)).toMatchObject({ ok: false, status: 409, code: 'resubmit_at_counter' });
    expect(decide('complete_supplement', facts({ status: 'supplement_requested', channel: 3 }), APPLICANT)).toMatchObject({ ok: false, code: 'supplement_at_counter' });
  });

  it('guards: reschedule at most once and not too late; supplements up to the configured maximum; the decision step', () => {
    expect(decide('apologise_reschedule', facts({ rescheduleCount: 1 }), LEADER)).toMatchObject({ ok: false, status: 409, code: 'reschedule_limit' });
    expect(decide('apologise_reschedule', facts({ rescheduleCount: 1, rescheduleMax: 2 }), LEADER).ok).toBe(true);
    expect(decide('apologise_reschedule', facts({ apologyWindowClosed: true }), LEADER)).toMatchObject({ ok: false, code: 'apology_too_late' });
    expect(decide('request_supplement', facts({ supplementCount: 5 }), SPECIALIST).ok).toBe(true);
    expect(decide('request_supplement', facts({ supplementCount: 2, supplementMax: 2 }), SPECIALIST)).toMatchObject({ ok: false, code: 'supplement_limit' });
    expect(decide('forward', facts({ hasNextStep: false }), SPECIALIST)).toMatchObject({ ok: false, code: 'no_next_step' });
    expect(decide('send_back', facts(), SPECIALIST)).toMatchObject({ ok: false, code: 'no_previous_step' });
    expect(decide('approve', facts({ canDecide: false }), LEADER)).toMatchObject({ ok: false, code: 'not_decision_step' });
  });

  it('lists missing inputs field by field (400)', () => {
    const r = decide('stop', facts(), LEADER, new Set(['reason']));
    expect(r).toMatchObject({ ok: false, status: 400 });
    if (!r.ok) {
      expect(r.fields?.map((f) => f.field)).toEqual(['legalBasis']);
      expect(r.fields?.[0].messageVi).toBe('Cần nêu căn cứ pháp lý');
    }
    expect(decide('stop', facts(), LEADER, new Set(['reason', 'legalBasis'])).ok).toBe(true);
    expect(decide('request_supplement', facts(), SPECIALIST, new Set())).toMatchObject({ ok: false, status: 400 });
  });

  it('answers "what may this user do now" per role', () => {
    expect(allowedActions(facts({ status: 'received' }), COUNTER)).toEqual(['transfer', 'request_withdrawal']);
    expect(allowedActions(facts(), LEADER)).toEqual(['assign', 'forward', 'consult', 'send_interagency', 'request_supplement', 'request_payment', 'apologise_reschedule', 'approve', 'refuse', 'stop']);
    expect(allowedActions(facts(), SPECIALIST)).toEqual(['forward', 'consult', 'send_interagency', 'request_supplement', 'request_payment']);
    expect(allowedActions(facts(), APPLICANT)).toEqual(['request_withdrawal']);
    expect(allowedActions(facts(), NOBODY)).toEqual([]);
    expect(allowedActions(facts({ status: 'resolved' }), COUNTER)).toEqual(['notify_result', 'return_result', 'send_by_post']);
    expect(allowedActions(facts({ status: 'draft', channel: 2 }), APPLICANT)).toEqual(['submit', 'withdraw']);
    // Every open state can be stopped by the competent leader.
    for (const s of OPEN_STATES.filter((x) => x !== 'withdrawal_requested')) expect(allowedActions(facts({ status: s }), LEADER)).toContain('stop');
  });

  it('file attachments follow the stage', () => {
    expect(mayAttachFile('draft', APPLICANT)).toBe(true);
    expect(mayAttachFile('in_process', APPLICANT)).toBe(false);
    expect(mayAttachFile('supplement_requested', APPLICANT)).toBe(true);
    expect(mayAttachFile('in_process', COUNTER)).toBe(true);
    expect(mayAttachFile('archived', COUNTER)).toBe(false);
    expect(mayAttachFile('in_process', SPECIALIST)).toBe(true);
    expect(mayAttachFile('returned', SPECIALIST)).toBe(false);
  });

  it('exports the table for docs and maps URL paths', () => {
    const t = transitionTable();
    expect(t.find((x) => x.action === 'stop')).toMatchObject({ to: 'stopped', requires: ['reason', 'legalBasis'], form: 'stop_notice' });
    expect(t.find((x) => x.action === 'forward')?.to).toBe('computed');
    expect(actionFromPath('request-supplement')).toBe('request_supplement');
  });
});
