/**
 * Process definitions as data (one-stop.md §3.4): validation and the small queries the dossier
 * workflow needs (which step comes next, which steps run in parallel). Pure: no I/O.
 *
 * A definition is an ordered list of steps — the first is the intake at the receiving unit, the
 * last the return of the result there — plus transitions naming the allowed actions between
 * steps. Consecutive steps sharing a `parallelGroup` run at the same time (electronic
 * inter-agency processing); the step before the group forwards to every member (fork) and every
 * member forwards to the step after the group (join).
 */
import {
  ONWARD_ACTIONS,
  PROCESS_ACTIONS,
  SELF_LOOP_ACTIONS,
  type Issue,
  type ProcessAction,
  type ProcessDefinition,
  type ProcessStep,
  type ProcessTransition,
  type ProcessingUnit,
} from './types.js';

/** Default length of a working day in hours when no calendar is given (calendar.md §1: commonly 8 h). */
export const DEFAULT_HOURS_PER_WORKING_DAY = 8;

export interface LegalTime {
  amount: number;
  unit: ProcessingUnit;
  /** A shorter time for online dossiers, if published. */
  onlineAmount?: number | null;
}

export interface ProcessCheckOptions {
  /** Working hours in one working day (the province's `minutes_per_working_day` / 60). */
  hoursPerWorkingDay?: number;
  /** Whether a fixed unit code names a known unit; omitted = not checked. */
  unitExists?: (code: string) => boolean;
  /** Prefix of every issue path, e.g. 'procedures[3].variants[0].process'. */
  path?: string;
}

/** The fewest Monday–Friday days any run of `days` consecutive calendar days contains. */
export function minWorkingDaysIn(days: number): number {
  const n = Math.max(0, Math.floor(days));
  return Math.floor(n / 7) * 5 + Math.max(0, (n % 7) - 2);
}

/**
 * The legal processing time in working hours, the ceiling for Σ step budgets:
 * working hours as given; working days × hours per day; same-day = one working day; calendar
 * days and months (a month counted as 28 days) = the fewest working days such a period can
 * contain × hours per day (public holidays are not subtracted: the check is made once, on save).
 */
export function legalWorkingHours(amount: number, unit: ProcessingUnit, hoursPerWorkingDay = DEFAULT_HOURS_PER_WORKING_DAY): number {
  switch (unit) {
    case 'working_hours':
      return amount;
    case 'working_days':
      return amount * hoursPerWorkingDay;
    case 'same_day':
      return hoursPerWorkingDay;
    case 'days':
      return minWorkingDaysIn(amount) * hoursPerWorkingDay;
    case 'months':
      return minWorkingDaysIn(amount * 28) * hoursPerWorkingDay;
  }
}

export interface ParallelGroup {
  code: string;
  /** Index of the first and last member in `steps`. */
  first: number;
  last: number;
  members: ProcessStep[];
}

/** The parallel groups of a definition, in step order (members need not be contiguous here; validation checks that). */
export function parallelGroups(def: ProcessDefinition): ParallelGroup[] {
  const groups = new Map<string, ParallelGroup>();
  def.steps.forEach((s, i) => {
    if (!s.parallelGroup) return;
    const g = groups.get(s.parallelGroup);
    if (g) {
      g.last = i;
      g.members.push(s);
    } else groups.set(s.parallelGroup, { code: s.parallelGroup, first: i, last: i, members: [s] });
  });
  return [...groups.values()];
}

const counts = (s: ProcessStep): boolean => (s.clock ?? 'runs') === 'runs';

/**
 * Hours of the longest path through the steps: sequential budgets add up, a parallel group
 * counts its longest member. Steps during which the clock is paused are not counted.
 */
export function criticalPathHours(steps: readonly ProcessStep[]): number {
  let total = 0;
  const groupMax = new Map<string, number>();
  for (const s of steps) {
    if (!counts(s)) continue;
    if (s.parallelGroup) groupMax.set(s.parallelGroup, Math.max(groupMax.get(s.parallelGroup) ?? 0, s.budgetHours));
    else total += s.budgetHours;
  }
  for (const v of groupMax.values()) total += v;
  return round2(total);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The step the default route leads to from `from` (its `forward` transition), or null. */
export function nextStep(def: ProcessDefinition, from: string): ProcessStep | null {
  const t = def.transitions.find((x) => x.from === from && x.action === 'forward');
  return t ? (def.steps.find((s) => s.code === t.to) ?? null) : null;
}

/** Every step a `forward` from `from` leads to (several at a parallel fork). */
export function forwardTargets(def: ProcessDefinition, from: string): ProcessStep[] {
  const codes = def.transitions.filter((x) => x.from === from && x.action === 'forward').map((x) => x.to);
  return def.steps.filter((s) => codes.includes(s.code));
}

/** The actions allowed at a step, with their targets. */
export function actionsAt(def: ProcessDefinition, step: string): ProcessTransition[] {
  return def.transitions.filter((t) => t.from === step);
}

export type StepKind = 'intake' | 'return' | 'process' | 'interagency';

/** intake (first), return (last), interagency (in a parallel group or at a fixed unit), process. */
export function stepKind(def: ProcessDefinition, code: string): StepKind | null {
  const i = def.steps.findIndex((s) => s.code === code);
  if (i < 0) return null;
  if (i === 0) return 'intake';
  if (i === def.steps.length - 1) return 'return';
  const s = def.steps[i];
  return s.parallelGroup || (s.unit !== 'receiving' && s.unit !== 'competent') ? 'interagency' : 'process';
}

const ACTION_ORDER: Record<ProcessAction, number> = Object.fromEntries(PROCESS_ACTIONS.map((a, i) => [a, i])) as Record<ProcessAction, number>;

/**
 * The canonical form used for storage, comparison and export: defaults and empty optional
 * values dropped, transitions ordered by their source step, then action (forward first), then
 * target step. Two definitions with the same meaning have the same canonical form.
 */
export function canonicalProcess(def: ProcessDefinition): ProcessDefinition {
  const index = new Map(def.steps.map((s, i) => [s.code, i]));
  const pos = (c: string) => index.get(c) ?? Number.MAX_SAFE_INTEGER;
  const steps = def.steps.map((s) =>
    compact({
      code: s.code,
      name: s.name,
      role: s.role,
      unit: s.unit,
      budgetHours: s.budgetHours,
      phase: s.phase,
      clock: s.clock === 'paused' ? 'paused' : undefined,
      parallelGroup: s.parallelGroup,
      subStatus: s.subStatus,
      publicStatus: s.publicStatus,
      task: s.task,
      forms: s.forms && s.forms.length ? [...s.forms] : undefined,
    }),
  ) as unknown as ProcessStep[];
  const transitions = def.transitions
    .map((t, i) => ({ t, i }))
    .sort((a, b) => pos(a.t.from) - pos(b.t.from) || ACTION_ORDER[a.t.action] - ACTION_ORDER[b.t.action] || pos(a.t.to) - pos(b.t.to) || a.i - b.i)
    .map(({ t }) =>
      compact({
        action: t.action,
        from: t.from,
        to: t.to,
        reasonRequired: t.reasonRequired ? true : undefined,
        signatureRequired: t.signatureRequired ? true : undefined,
        form: t.form,
      }),
    ) as unknown as ProcessTransition[];
  const out: ProcessDefinition = { steps, transitions };
  if (def.phases && def.phases.length) {
    out.phases = def.phases.map((p) => ({ code: p.code, name: p.name, unit: p.unit, budgetHours: p.budgetHours }));
  }
  return out;
}

/** Drops keys whose value is undefined or null. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out as Partial<T>;
}

const fmtH = (h: number): string => (Number.isInteger(h) ? String(h) : h.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));

/**
 * Every problem of a process definition against the procedure's legal time. An empty list means
 * the definition can be stored and run.
 */
export function validateProcess(def: ProcessDefinition, legal: LegalTime, options: ProcessCheckOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const base = options.path ? `${options.path}.` : '';
  const add = (path: string, code: string, message: string, messageVi: string) => issues.push({ path: `${base}${path}`, code, message, messageVi });
  const steps = def.steps;
  const n = steps.length;
  const hpd = options.hoursPerWorkingDay ?? DEFAULT_HOURS_PER_WORKING_DAY;

  // --- steps
  const seen = new Map<string, number>();
  steps.forEach((s, i) => {
    const prev = seen.get(s.code);
    if (prev !== undefined) {
      add(`steps[${i}].code`, 'duplicate_step_code', `step code '${s.code}' is already used by steps[${prev}]`, `mã bước '${s.code}' đã được dùng ở steps[${prev}]`);
    } else seen.set(s.code, i);
    if (s.unit !== 'receiving' && s.unit !== 'competent' && options.unitExists && !options.unitExists(s.unit)) {
      add(`steps[${i}].unit`, 'unknown_unit', `unit '${s.unit}' does not exist`, `không có đơn vị mã '${s.unit}'`);
    }
  });
  if (n > 0) {
    const first = steps[0];
    if (first.unit !== 'receiving' || first.role !== 'counter_officer' || first.parallelGroup) {
      add(
        'steps[0]',
        'first_step_not_intake',
        'the first step must be the intake: role counter_officer at unit receiving, outside any parallel group',
        'bước đầu tiên phải là bước tiếp nhận: vai trò counter_officer tại đơn vị receiving, không thuộc nhóm song song',
      );
    }
  }
  if (n > 1) {
    const last = steps[n - 1];
    if (last.unit !== 'receiving' || last.role !== 'counter_officer' || last.parallelGroup) {
      add(
        `steps[${n - 1}]`,
        'last_step_not_return',
        'the last step must be the return of the result: role counter_officer at unit receiving, outside any parallel group',
        'bước cuối cùng phải là bước trả kết quả: vai trò counter_officer tại đơn vị receiving, không thuộc nhóm song song',
      );
    }
  } else {
    add('steps', 'too_few_steps', 'a process needs at least an intake and a return step', 'quy trình cần ít nhất bước tiếp nhận và bước trả kết quả');
  }

  // --- parallel groups
  const groups = parallelGroups(def);
  for (const g of groups) {
    for (let i = g.first; i <= g.last; i++) {
      if (steps[i].parallelGroup !== g.code) {
        add(
          `steps[${i}]`,
          'parallel_group_not_contiguous',
          `the steps of parallel group '${g.code}' must be consecutive; steps[${i}] interrupts them`,
          `các bước của nhóm song song '${g.code}' phải liền nhau; steps[${i}] nằm xen giữa`,
        );
        break;
      }
    }
    if (g.members.length < 2) {
      add(`steps[${g.first}].parallelGroup`, 'parallel_group_too_small', `parallel group '${g.code}' has a single step`, `nhóm song song '${g.code}' chỉ có một bước`);
    }
  }

  // --- phases
  const phaseCodes = new Set<string>();
  (def.phases ?? []).forEach((p, i) => {
    if (phaseCodes.has(p.code)) add(`phases[${i}].code`, 'duplicate_phase_code', `phase code '${p.code}' is used twice`, `mã giai đoạn '${p.code}' bị trùng`);
    phaseCodes.add(p.code);
    if (p.unit !== 'receiving' && p.unit !== 'competent' && options.unitExists && !options.unitExists(p.unit)) {
      add(`phases[${i}].unit`, 'unknown_unit', `unit '${p.unit}' does not exist`, `không có đơn vị mã '${p.unit}'`);
    }
  });
  if (def.phases && def.phases.length) {
    steps.forEach((s, i) => {
      if (s.phase && !phaseCodes.has(s.phase)) {
        add(`steps[${i}].phase`, 'unknown_phase', `phase '${s.phase}' is not declared in phases`, `giai đoạn '${s.phase}' chưa được khai báo trong phases`);
      }
    });
    def.phases.forEach((p, i) => {
      const used = criticalPathHours(steps.filter((s) => s.phase === p.code));
      if (used > p.budgetHours) {
        add(
          `phases[${i}].budgetHours`,
          'phase_budget_exceeded',
          `the steps of phase '${p.code}' need ${fmtH(used)} working hours, more than its budget of ${fmtH(p.budgetHours)}`,
          `các bước của giai đoạn '${p.code}' cần ${fmtH(used)} giờ làm việc, vượt thời gian của giai đoạn là ${fmtH(p.budgetHours)} giờ`,
        );
      }
    });
    // Phases may run in parallel (one per agency of a parallel group), so their budgets are not
    // added up; each must fit in the legal time, and Σ step budgets is checked below.
    const limit = legalWorkingHours(legal.amount, legal.unit, hpd);
    def.phases.forEach((p, i) => {
      if (p.budgetHours > limit) {
        add(
          `phases[${i}].budgetHours`,
          'phase_budget_exceeds_legal_time',
          `phase '${p.code}' has a budget of ${fmtH(p.budgetHours)} working hours, more than the legal time (${fmtH(limit)} working hours)`,
          `giai đoạn '${p.code}' có thời gian ${fmtH(p.budgetHours)} giờ làm việc, vượt thời hạn giải quyết theo quy định (${fmtH(limit)} giờ làm việc)`,
        );
      }
    });
  }

  // --- Σ budgets ≤ legal time (both channels)
  const used = criticalPathHours(steps);
  const limits: [string, number][] = [['', legalWorkingHours(legal.amount, legal.unit, hpd)]];
  if (legal.onlineAmount !== null && legal.onlineAmount !== undefined) limits.push([' online', legalWorkingHours(legal.onlineAmount, legal.unit, hpd)]);
  for (const [label, limit] of limits) {
    if (used > limit) {
      add(
        'steps',
        'budget_exceeds_legal_time',
        `the step budgets add up to ${fmtH(used)} working hours, more than the${label} legal time (${fmtH(limit)} working hours)`,
        `tổng thời gian các bước là ${fmtH(used)} giờ làm việc, vượt thời hạn giải quyết${label ? ' trực tuyến' : ''} theo quy định (${fmtH(limit)} giờ làm việc)`,
      );
    }
  }

  // --- transitions
  const idx = new Map(steps.map((s, i) => [s.code, i]));
  const keys = new Set<string>();
  const valid: { t: ProcessTransition; i: number; from: number; to: number }[] = [];
  def.transitions.forEach((t, i) => {
    const from = idx.get(t.from);
    const to = idx.get(t.to);
    if (from === undefined) add(`transitions[${i}].from`, 'unknown_step', `step '${t.from}' does not exist`, `không có bước '${t.from}'`);
    if (to === undefined) add(`transitions[${i}].to`, 'unknown_step', `step '${t.to}' does not exist`, `không có bước '${t.to}'`);
    const key = `${t.action}|${t.from}|${t.to}`;
    if (keys.has(key)) {
      add(`transitions[${i}]`, 'duplicate_transition', `transition ${t.action} ${t.from} → ${t.to} is listed twice`, `chuyển bước ${t.action} ${t.from} → ${t.to} bị khai báo hai lần`);
      return;
    }
    keys.add(key);
    if (from === undefined || to === undefined) return;
    valid.push({ t, i, from, to });
    if (from === n - 1) {
      add(`transitions[${i}].from`, 'transition_from_last_step', 'no action leads out of the return step', 'không được khai báo hành động từ bước trả kết quả');
      return;
    }
    if (from === 0 && t.action !== 'forward') {
      add(
        `transitions[${i}].action`,
        'action_not_allowed_at_intake',
        `only 'forward' leaves the intake step (intake supplements and refusals belong to the dossier lifecycle)`,
        `từ bước tiếp nhận chỉ được 'forward' (yêu cầu bổ sung, từ chối khi tiếp nhận thuộc vòng đời hồ sơ)`,
      );
      return;
    }
    if (SELF_LOOP_ACTIONS.includes(t.action) && from !== to) {
      add(`transitions[${i}].to`, 'self_loop_required', `'${t.action}' keeps the dossier on its step: 'to' must equal 'from'`, `'${t.action}' giữ hồ sơ ở bước hiện tại: 'to' phải trùng 'from'`);
    }
    if (ONWARD_ACTIONS.includes(t.action) && to <= from) {
      add(`transitions[${i}].to`, 'not_onward', `'${t.action}' must lead to a later step`, `'${t.action}' phải chuyển tới một bước sau`);
    }
    if (t.action === 'send_back' && to >= from) {
      add(`transitions[${i}].to`, 'not_backward', `'send_back' must lead to an earlier step`, `'send_back' phải trả về một bước trước`);
    }
    if ((t.action === 'approve' || t.action === 'refuse') && steps[from].role !== 'leader') {
      add(
        `transitions[${i}].from`,
        'decision_not_by_leader',
        `'${t.action}' is a decision: it must start from a step whose role is leader`,
        `'${t.action}' là quyết định giải quyết: phải xuất phát từ bước có vai trò leader`,
      );
    }
  });

  // At most one target per (step, action) for decisions, and one forward except at a parallel fork.
  const groupOf = (i: number) => steps[i].parallelGroup ?? null;
  for (const action of ['forward', 'approve', 'refuse'] as const) {
    const byFrom = new Map<number, { i: number; to: number }[]>();
    for (const v of valid) if (v.t.action === action) byFrom.set(v.from, [...(byFrom.get(v.from) ?? []), { i: v.i, to: v.to }]);
    for (const [from, list] of byFrom) {
      if (list.length < 2) continue;
      const g = groupOf(list[0].to);
      const fork = action === 'forward' && g !== null && list.every((x) => groupOf(x.to) === g);
      if (!fork) {
        add(
          `transitions[${list[1].i}]`,
          'ambiguous_route',
          `step '${steps[from].code}' has several '${action}' targets; only a fork into one parallel group may have several`,
          `bước '${steps[from].code}' có nhiều đích cho '${action}'; chỉ bước tách vào một nhóm song song mới được có nhiều đích`,
        );
      }
    }
  }

  // Fork and join around each parallel group.
  const hasForward = (from: number, to: number) => valid.some((v) => v.t.action === 'forward' && v.from === from && v.to === to);
  for (const g of groups) {
    if (g.first === 0 || g.last === n - 1) {
      add(`steps[${g.first}].parallelGroup`, 'parallel_group_at_edge', `parallel group '${g.code}' cannot hold the intake or the return step`, `nhóm song song '${g.code}' không được chứa bước tiếp nhận hoặc trả kết quả`);
      continue;
    }
    const before = g.first - 1;
    const after = g.last + 1;
    for (let i = g.first; i <= g.last; i++) {
      if (steps[i].parallelGroup !== g.code) continue;
      if (!hasForward(before, i)) {
        add(
          'transitions',
          'parallel_fork_missing',
          `step '${steps[before].code}' must forward to '${steps[i].code}' (fork into parallel group '${g.code}')`,
          `bước '${steps[before].code}' phải chuyển ('forward') tới '${steps[i].code}' (tách vào nhóm song song '${g.code}')`,
        );
      }
      if (!hasForward(i, after)) {
        add(
          'transitions',
          'parallel_join_missing',
          `step '${steps[i].code}' must forward to '${steps[after].code}' (join after parallel group '${g.code}')`,
          `bước '${steps[i].code}' phải chuyển ('forward') tới '${steps[after].code}' (hợp lại sau nhóm song song '${g.code}')`,
        );
      }
      for (let j = g.first; j <= g.last; j++) {
        if (j !== i && hasForward(i, j)) {
          add(
            'transitions',
            'parallel_members_linked',
            `steps '${steps[i].code}' and '${steps[j].code}' run in parallel: one cannot forward to the other`,
            `bước '${steps[i].code}' và '${steps[j].code}' chạy song song: không được chuyển từ bước này sang bước kia`,
          );
        }
      }
    }
  }

  // Every step but the last has a way on; every step is reachable; someone approves.
  for (let i = 0; i < n - 1; i++) {
    if (!valid.some((v) => v.from === i && (v.t.action === 'forward' || v.t.action === 'approve'))) {
      add(`steps[${i}]`, 'step_without_exit', `step '${steps[i].code}' has no 'forward' or 'approve' transition`, `bước '${steps[i].code}' không có chuyển bước 'forward' hoặc 'approve'`);
    }
  }
  if (n > 0) {
    const reached = new Set<number>([0]);
    const queue = [0];
    while (queue.length) {
      const cur = queue.shift() as number;
      for (const v of valid) {
        if (v.from === cur && ONWARD_ACTIONS.includes(v.t.action) && !reached.has(v.to)) {
          reached.add(v.to);
          queue.push(v.to);
        }
      }
    }
    steps.forEach((s, i) => {
      if (!reached.has(i)) add(`steps[${i}]`, 'unreachable_step', `step '${s.code}' cannot be reached from the intake`, `không thể tới bước '${s.code}' từ bước tiếp nhận`);
    });
  }
  if (!def.transitions.some((t) => t.action === 'approve')) {
    add('transitions', 'no_approve', "no transition carries the decision 'approve'", "không có chuyển bước nào mang quyết định 'approve'");
  }
  return issues;
}
