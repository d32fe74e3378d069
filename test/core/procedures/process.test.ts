import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalProcess,
  criticalPathHours,
  forwardTargets,
  legalWorkingHours,
  minWorkingDaysIn,
  nextStep,
  processingText,
  stepKind,
  validateCatalogue,
  validateProcess,
  variantKey,
  type CatalogueFile,
  type ProcedureInput,
  type ProcessDefinition,
  type ProcessStep,
  type VariantInput,
} from '../../../src/core/procedures/index.js';

const step = (code: string, role: ProcessStep['role'], unit: string, budgetHours: number, extra: Partial<ProcessStep> = {}): ProcessStep => ({
  code,
  name: code,
  role,
  unit,
  budgetHours,
  ...extra,
});

/** intake → appraise → approve → return, 24 h of budgets. */
function simple(): ProcessDefinition {
  return {
    steps: [step('intake', 'counter_officer', 'receiving', 2), step('appraise', 'specialist', 'competent', 14), step('approve', 'leader', 'competent', 6), step('return', 'counter_officer', 'receiving', 2)],
    transitions: [
      { action: 'forward', from: 'intake', to: 'appraise' },
      { action: 'forward', from: 'appraise', to: 'approve' },
      { action: 'request_supplement', from: 'appraise', to: 'appraise', reasonRequired: true, form: 'supplement_request' },
      { action: 'consult', from: 'appraise', to: 'appraise' },
      { action: 'send_back', from: 'approve', to: 'appraise', reasonRequired: true },
      { action: 'approve', from: 'approve', to: 'return', signatureRequired: true },
      { action: 'refuse', from: 'approve', to: 'return', reasonRequired: true },
    ],
  };
}

/** intake → appraise → {tax ∥ police} → approve → return. */
function parallel(): ProcessDefinition {
  return {
    steps: [
      step('intake', 'counter_officer', 'receiving', 2),
      step('appraise', 'specialist', 'competent', 8),
      step('interagency_tax', 'specialist', '000.00.31.H55', 16, { parallelGroup: 'lt' }),
      step('interagency_police', 'specialist', '000.00.32.H55', 24, { parallelGroup: 'lt' }),
      step('approve', 'leader', 'competent', 8),
      step('return', 'counter_officer', 'receiving', 4),
    ],
    transitions: [
      { action: 'forward', from: 'intake', to: 'appraise' },
      { action: 'forward', from: 'appraise', to: 'interagency_tax' },
      { action: 'forward', from: 'appraise', to: 'interagency_police' },
      { action: 'forward', from: 'interagency_tax', to: 'approve' },
      { action: 'forward', from: 'interagency_police', to: 'approve' },
      { action: 'approve', from: 'approve', to: 'return' },
      { action: 'refuse', from: 'approve', to: 'return' },
    ],
  };
}

const codes = (def: ProcessDefinition, amount = 3, unit: VariantInput['processingUnit'] = 'working_days', opts = {}) =>
  validateProcess(def, { amount, unit }, opts).map((i) => i.code);

describe('legal time in working hours', () => {
  it('converts every unit', () => {
    expect(legalWorkingHours(3, 'working_days')).toBe(24);
    expect(legalWorkingHours(16, 'working_hours')).toBe(16);
    expect(legalWorkingHours(1, 'same_day')).toBe(8);
    expect(legalWorkingHours(10, 'days')).toBe(48); // 10 calendar days always hold ≥ 6 working days
    expect(legalWorkingHours(15, 'days')).toBe(80);
    expect(legalWorkingHours(1, 'months')).toBe(160);
    expect(legalWorkingHours(2, 'working_days', 7.5)).toBe(15);
  });

  it('minWorkingDaysIn is the fewest Mon–Fri days of any run of n calendar days, and some run reaches it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (n) => {
        const counts = [0, 1, 2, 3, 4, 5, 6].map((start) => {
          let wd = 0;
          for (let d = 0; d < n; d++) if ((start + d) % 7 < 5) wd++;
          return wd;
        });
        expect(Math.min(...counts)).toBe(minWorkingDaysIn(n));
      }),
    );
  });

  it('counts parallel groups by their longest member and skips paused steps', () => {
    expect(criticalPathHours(simple().steps)).toBe(24);
    expect(criticalPathHours(parallel().steps)).toBe(2 + 8 + 24 + 8 + 4);
    const paused = parallel().steps.map((s) => (s.code === 'interagency_police' ? { ...s, clock: 'paused' as const } : s));
    expect(criticalPathHours(paused)).toBe(2 + 8 + 16 + 8 + 4);
  });
});

describe('validateProcess', () => {
  it('accepts a sequential and a parallel definition', () => {
    expect(validateProcess(simple(), { amount: 3, unit: 'working_days' })).toEqual([]);
    const units = new Set(['000.00.31.H55', '000.00.32.H55']);
    expect(validateProcess(parallel(), { amount: 7, unit: 'working_days' }, { unitExists: (c) => units.has(c) })).toEqual([]);
  });

  it('refuses budgets over the legal time, for each channel, with the numbers in both languages', () => {
    const r = validateProcess(simple(), { amount: 2, unit: 'working_days' });
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ path: 'steps', code: 'budget_exceeds_legal_time' });
    expect(r[0].message).toContain('24 working hours');
    expect(r[0].message).toContain('(16 working hours)');
    expect(r[0].messageVi).toContain('24 giờ làm việc');
    const online = validateProcess(simple(), { amount: 3, unit: 'working_days', onlineAmount: 2 }, { path: 'p.process' });
    expect(online.map((i) => [i.path, i.code])).toEqual([['p.process.steps', 'budget_exceeds_legal_time']]);
    expect(online[0].messageVi).toContain('trực tuyến');
    // Exactly at the limit is fine; a parallel group counts once.
    expect(codes(parallel(), 46, 'working_hours')).toEqual([]);
    expect(codes(parallel(), 45, 'working_hours')).toEqual(['budget_exceeds_legal_time']);
    // A 7.5-hour working day shrinks the ceiling.
    expect(codes(simple(), 3, 'working_days', { hoursPerWorkingDay: 7.5 })).toEqual(['budget_exceeds_legal_time']);
  });

  it('checks the step list: unique codes, intake first, return last, known units', () => {
    const d = simple();
    d.steps[2] = { ...d.steps[2], code: 'appraise' };
    expect(codes(d)).toContain('duplicate_step_code');
    const e = simple();
    e.steps[0] = { ...e.steps[0], role: 'specialist' };
    e.steps[3] = { ...e.steps[3], unit: 'competent' };
    expect(codes(e)).toEqual(expect.arrayContaining(['first_step_not_intake', 'last_step_not_return']));
    const f = simple();
    f.steps[1] = { ...f.steps[1], unit: '999.99.99.H55' };
    const r = validateProcess(f, { amount: 3, unit: 'working_days' }, { unitExists: () => false, path: 'x' });
    expect(r.map((i) => [i.path, i.code])).toEqual([['x.steps[1].unit', 'unknown_unit']]);
  });

  it('checks transitions: existing steps, direction, self-loops, decisions by a leader', () => {
    const d = simple();
    d.transitions.push(
      { action: 'forward', from: 'nowhere', to: 'approve' },
      { action: 'forward', from: 'approve', to: 'ghost' },
      { action: 'forward', from: 'intake', to: 'appraise' },
      { action: 'consult', from: 'return', to: 'return' },
      { action: 'request_supplement', from: 'intake', to: 'intake' },
      { action: 'request_payment', from: 'appraise', to: 'approve' },
      { action: 'send_back', from: 'appraise', to: 'approve' },
      { action: 'approve', from: 'appraise', to: 'return' },
    );
    const r = validateProcess(d, { amount: 3, unit: 'working_days' });
    const byPath = Object.fromEntries(r.map((i) => [i.path + '|' + i.code, true]));
    expect(byPath['transitions[7].from|unknown_step']).toBe(true);
    expect(byPath['transitions[8].to|unknown_step']).toBe(true);
    expect(byPath['transitions[9]|duplicate_transition']).toBe(true);
    expect(byPath['transitions[10].from|transition_from_last_step']).toBe(true);
    expect(byPath['transitions[11].action|action_not_allowed_at_intake']).toBe(true);
    expect(byPath['transitions[12].to|self_loop_required']).toBe(true);
    expect(byPath['transitions[13].to|not_backward']).toBe(true);
    expect(byPath['transitions[14].from|decision_not_by_leader']).toBe(true);
    expect(r.find((i) => i.code === 'decision_not_by_leader')?.messageVi).toMatch(/leader/);
  });

  it('requires a way on from every step, reachability, one route per action and an approval', () => {
    const d = simple();
    d.transitions = d.transitions.filter((t) => !(t.action === 'forward' && t.from === 'appraise'));
    expect(codes(d)).toEqual(expect.arrayContaining(['step_without_exit', 'unreachable_step']));
    const e = simple();
    e.transitions = e.transitions.filter((t) => t.action !== 'approve');
    expect(codes(e)).toContain('no_approve');
    const f = simple();
    f.transitions.push({ action: 'forward', from: 'intake', to: 'approve' });
    expect(codes(f)).toContain('ambiguous_route');
    const g = simple();
    g.transitions.push({ action: 'forward', from: 'approve', to: 'approve' });
    expect(codes(g)).toContain('not_onward');
  });

  it('checks parallel groups: consecutive, at least two, inside the process, with fork and join', () => {
    const units = { unitExists: () => true };
    const split = parallel();
    split.steps = [split.steps[0], split.steps[2], split.steps[1], split.steps[3], split.steps[4], split.steps[5]];
    expect(codes(split, 7, 'working_days', units)).toContain('parallel_group_not_contiguous');
    const single = parallel();
    single.steps[3] = { ...single.steps[3], parallelGroup: null };
    expect(codes(single, 7, 'working_days', units)).toContain('parallel_group_too_small');
    const noFork = parallel();
    noFork.transitions = noFork.transitions.filter((t) => !(t.from === 'appraise' && t.to === 'interagency_police'));
    const r = validateProcess(noFork, { amount: 7, unit: 'working_days' }, units);
    expect(r.map((i) => i.code)).toEqual(expect.arrayContaining(['parallel_fork_missing', 'unreachable_step']));
    expect(r.find((i) => i.code === 'parallel_fork_missing')?.message).toContain("'appraise' must forward to 'interagency_police'");
    const noJoin = parallel();
    noJoin.transitions = noJoin.transitions.filter((t) => !(t.from === 'interagency_tax'));
    expect(codes(noJoin, 7, 'working_days', units)).toEqual(expect.arrayContaining(['parallel_join_missing', 'step_without_exit']));
    const linked = parallel();
    linked.transitions.push({ action: 'forward', from: 'interagency_tax', to: 'interagency_police' });
    expect(codes(linked, 7, 'working_days', units)).toContain('parallel_members_linked');
    const edge = parallel();
    edge.steps[5] = { ...edge.steps[5], parallelGroup: 'end' };
    edge.steps[4] = { ...edge.steps[4], parallelGroup: 'end' };
    expect(codes(edge, 7, 'working_days', units)).toEqual(expect.arrayContaining(['parallel_group_at_edge', 'last_step_not_return']));
  });

  it('checks phases: declared, within their budget and the legal time', () => {
    const d = simple();
    d.steps = d.steps.map((s) => ({ ...s, phase: s.unit === 'receiving' ? 'office' : 'dept' }));
    d.phases = [
      { code: 'office', name: 'Một cửa', unit: 'receiving', budgetHours: 4 },
      { code: 'dept', name: 'Sở', unit: 'competent', budgetHours: 20 },
    ];
    expect(codes(d)).toEqual([]);
    d.phases[1].budgetHours = 19;
    expect(codes(d)).toEqual(['phase_budget_exceeded']);
    d.phases[1].budgetHours = 30;
    expect(codes(d)).toEqual(['phase_budget_exceeds_legal_time']);
    d.phases[1].budgetHours = 20;
    d.steps[1] = { ...d.steps[1], phase: 'elsewhere' };
    d.phases.push({ code: 'office', name: 'x', unit: 'receiving', budgetHours: 1 });
    expect(codes(d)).toEqual(expect.arrayContaining(['unknown_phase', 'duplicate_phase_code']));
  });
});

describe('routing helpers and canonical form', () => {
  it('answers next step, fork targets and step kinds', () => {
    const p = parallel();
    expect(nextStep(simple(), 'appraise')?.code).toBe('approve');
    expect(nextStep(simple(), 'approve')).toBeNull(); // the decision is approve/refuse, not forward
    expect(forwardTargets(p, 'appraise').map((s) => s.code)).toEqual(['interagency_tax', 'interagency_police']);
    expect(['intake', 'appraise', 'interagency_tax', 'return', 'nope'].map((c) => stepKind(p, c))).toEqual(['intake', 'process', 'interagency', 'return', null]);
  });

  it('orders transitions forward first and drops defaults, so equal meanings have equal keys', () => {
    const a = simple();
    const b = simple();
    b.transitions = [...b.transitions].reverse().map((t) => ({ ...t, reasonRequired: t.reasonRequired ?? false }));
    b.steps = b.steps.map((s) => ({ ...s, clock: 'runs' as const, phase: null, forms: [] }));
    const ca = canonicalProcess(a);
    expect(JSON.stringify(ca)).toBe(JSON.stringify(canonicalProcess(b)));
    expect(ca.transitions.filter((t) => t.from === 'approve').map((t) => t.action)).toEqual(['send_back', 'approve', 'refuse']);
    expect(ca.transitions[0]).toEqual({ action: 'forward', from: 'intake', to: 'appraise' });
    const v = (process: ProcessDefinition, fee = 15000): VariantInput => ({
      code: 'default',
      name: 'x',
      processingAmount: 3,
      processingUnit: 'working_days',
      setsCount: 1,
      components: [{ code: 'TK', name: 'Tờ khai', originals: 1, certifiedCopies: 0, copies: 0, required: true, fromPopulationDb: false }],
      fees: [{ name: 'Lệ phí', amount: fee, kind: 'le_phi' }],
      process,
      legalBasis: 'x',
      effectiveFrom: '2025-07-01',
    });
    expect(variantKey(v(a))).toBe(variantKey({ ...v(b), effectiveFrom: '2026-01-01', onlineProcessingAmount: null }));
    expect(variantKey(v(a))).not.toBe(variantKey(v(a, 20000)));
  });

  it('prints processing times as published', () => {
    expect(processingText(5, 'working_days', '15:00')).toEqual({ vi: '05 ngày làm việc', en: '5 working days' });
    expect(processingText(0.5, 'working_days', null).vi).toBe('0,5 ngày làm việc');
    expect(processingText(1, 'same_day', '15:00').vi).toBe('Trong ngày (hồ sơ nhận sau 15:00 trả trong ngày làm việc tiếp theo)');
    expect(processingText(15, 'days', null).en).toBe('15 calendar days');
  });
});

describe('validateCatalogue', () => {
  const variant = (over: Partial<VariantInput> = {}): VariantInput => ({
    code: 'default',
    name: 'Trường hợp thông thường',
    processingAmount: 3,
    processingUnit: 'working_days',
    setsCount: 1,
    components: [{ code: 'TK', name: 'Tờ khai', originals: 1, certifiedCopies: 0, copies: 0, required: true }],
    fees: [],
    process: simple(),
    legalBasis: 'Luật Hộ tịch số 60/2014/QH13',
    ...over,
  });
  const proc = (over: Partial<ProcedureInput> = {}): ProcedureInput => ({
    nationalCode: '1.000001',
    name: 'Thủ tục thử',
    field: 'HT',
    level: 'commune',
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    postal: 'both',
    legalBasis: 'Luật Hộ tịch số 60/2014/QH13',
    units: { receiving: ['000.20.01.H55'], competent: ['000.20.01.H55'] },
    variants: [variant()],
    ...over,
  });
  const ctx = { tenantId: 'H55', knownFieldCodes: new Set(['CT']), unitExists: (c: string) => c.startsWith('000.'), hoursPerWorkingDay: 8 };
  const file = (procedures: ProcedureInput[], over: Partial<CatalogueFile> = {}): CatalogueFile => ({
    format: 'motcua.procedures',
    formatVersion: 1,
    fields: [{ code: 'HT', name: 'Hộ tịch' }],
    procedures,
    ...over,
  });

  it('accepts a valid file, and a field known from the database', () => {
    expect(validateCatalogue(file([proc(), proc({ nationalCode: '1.000002', field: 'CT' })]), ctx)).toEqual([]);
  });

  it('lists every problem with its JSON path', () => {
    const bad = file(
      [
        proc(),
        proc({
          nationalCode: '1.000001',
          field: 'XX',
          onlineLevel: 'partial',
          effectiveFrom: '2025-07-01',
          effectiveTo: '2025-01-01',
          units: { receiving: ['999.x', '000.20.01.H55', '000.20.01.H55'], competent: ['000.20.01.H55'] },
          variants: [
            variant({
              components: [
                { code: 'TK', name: 'Tờ khai', originals: 1, certifiedCopies: 0, copies: 0, required: true },
                { code: 'TK', name: 'Bản sao', originals: 0, certifiedCopies: 0, copies: 0, required: false },
              ],
              fees: [
                { code: 'F', name: 'Phí', amount: 1, kind: 'phi' },
                { code: 'F', name: 'Phí', amount: 2, kind: 'phi' },
              ],
              onlineProcessingAmount: 4,
            }),
            variant({ processingUnit: 'same_day', processingAmount: 2 }),
          ],
        }),
      ],
      { tenant: 'H15', fields: [{ code: 'HT', name: 'Hộ tịch' }, { code: 'HT', name: 'Hộ tịch 2' }] },
    );
    const r = validateCatalogue(bad, ctx).map((i) => `${i.path}|${i.code}`);
    expect(r).toEqual(
      expect.arrayContaining([
        'tenant|wrong_tenant',
        'fields[1].code|duplicate_field_code',
        'procedures[1].nationalCode|duplicate_national_code',
        'procedures[1].field|unknown_field',
        'procedures[1].onlineReason|online_reason_required',
        'procedures[1].effectiveTo|period_invalid',
        'procedures[1].units.receiving[0]|unknown_unit',
        'procedures[1].units.receiving[2]|duplicate_unit',
        'procedures[1].variants[0].components[1].code|duplicate_component_code',
        'procedures[1].variants[0].components[1]|component_without_copies',
        'procedures[1].variants[0].fees[1].code|duplicate_fee_code',
        'procedures[1].variants[0].onlineProcessingAmount|online_time_longer',
        'procedures[1].variants[1].code|duplicate_case_code',
        'procedures[1].variants[1].processingAmount|same_day_amount',
      ]),
    );
    const all = validateCatalogue(bad, ctx);
    for (const i of all) {
      expect(i.message.length).toBeGreaterThan(5);
      expect(i.messageVi.length).toBeGreaterThan(5);
    }
  });

  it('skips procedures whose shape was already refused', () => {
    expect(validateCatalogue(file([proc({ field: 'XX' })]), ctx, new Set([0]))).toEqual([]);
  });
});
