/**
 * A lifecycle as one transition table (STYLE.md §1): each action names the states it may start
 * from, the state it leads to, who may take it, whether it needs a reason, its legal basis and a
 * guard over plain facts. The API and the web app both ask `allowedActions` what a user may do
 * now and `decide` whether an action is legal; nothing else checks statuses. Pure.
 */

export interface Refusal {
  code: string;
  message: string;
  messageVi: string;
}

export interface Transition<S extends string, A extends string, C extends string, F> {
  action: A;
  /** States the action may start from. */
  from: readonly S[];
  /** The resulting state; 'same' keeps the current one (an event without a state change). */
  to: S | 'same' | ((facts: F, state: S) => S);
  /** Capabilities (relations of the actor to the record) allowed to take the action. */
  who: readonly C[];
  labelVi: string;
  labelEn: string;
  needsReason?: boolean;
  legalBasis?: string;
  /** Refuses the action on the facts (409 with the reason). */
  guard?: (facts: F, state: S) => Refusal | null;
}

export interface Machine<S extends string, A extends string, C extends string, F> {
  name: string;
  states: readonly S[];
  /** States with no further action (except those listed for them). */
  final: readonly S[];
  labels: Record<S, { vi: string; en: string }>;
  transitions: readonly Transition<S, A, C, F>[];
}

export type Decision<S extends string, A extends string, C extends string, F> =
  | { ok: true; to: S; transition: Transition<S, A, C, F> }
  | { ok: false; status: 403 | 409 | 400; refusal: Refusal };

export function refusal(code: string, message: string, messageVi: string): Refusal {
  return { code, message, messageVi };
}

/** Whether `action` is legal now for an actor holding `caps`, and the state it leads to. */
export function decide<S extends string, A extends string, C extends string, F>(
  m: Machine<S, A, C, F>,
  state: S,
  action: A,
  caps: ReadonlySet<C>,
  facts: F,
): Decision<S, A, C, F> {
  const candidates = m.transitions.filter((t) => t.action === action);
  if (candidates.length === 0) {
    return { ok: false, status: 400, refusal: refusal('unknown_action', `Unknown action ${action}`, `Thao tác không hợp lệ: ${action}`) };
  }
  const fromState = candidates.filter((t) => t.from.includes(state));
  if (fromState.length === 0) {
    const label = m.labels[state];
    const t = candidates[0];
    return {
      ok: false,
      status: 409,
      refusal: refusal(
        'illegal_transition',
        `"${t.labelEn}" is not possible while the ${m.name} is "${label?.en ?? state}"`,
        `Không thể "${t.labelVi}" khi ${NAME_VI[m.name] ?? m.name} đang ở trạng thái "${label?.vi ?? state}"`,
      ),
    };
  }
  const permitted = fromState.filter((t) => t.who.some((c) => caps.has(c)));
  if (permitted.length === 0) {
    return { ok: false, status: 403, refusal: refusal('forbidden', 'You may not do this', 'Bạn không có quyền thực hiện thao tác này') };
  }
  let firstRefusal: Refusal | null = null;
  for (const t of permitted) {
    const r = t.guard?.(facts, state) ?? null;
    if (r) {
      firstRefusal ??= r;
      continue;
    }
    const to = t.to === 'same' ? state : typeof t.to === 'function' ? t.to(facts, state) : t.to;
    return { ok: true, to, transition: t };
  }
  return { ok: false, status: 409, refusal: firstRefusal as Refusal };
}

export interface AllowedAction<A extends string> {
  action: A;
  labelVi: string;
  labelEn: string;
  needsReason: boolean;
}

/** The actions the actor may take now (guards included), in table order, without duplicates. */
export function allowedActions<S extends string, A extends string, C extends string, F>(
  m: Machine<S, A, C, F>,
  state: S,
  caps: ReadonlySet<C>,
  facts: F,
): AllowedAction<A>[] {
  const out: AllowedAction<A>[] = [];
  const seen = new Set<A>();
  for (const t of m.transitions) {
    if (seen.has(t.action)) continue;
    if (!t.from.includes(state) || !t.who.some((c) => caps.has(c))) continue;
    if (t.guard?.(facts, state)) continue;
    seen.add(t.action);
    out.push({ action: t.action, labelVi: t.labelVi, labelEn: t.labelEn, needsReason: !!t.needsReason });
  }
  return out;
}

/** Every state is reachable from the first one and every transition names known states (tests use it). */
export function checkMachine<S extends string, A extends string, C extends string, F>(m: Machine<S, A, C, F>): string[] {
  const problems: string[] = [];
  const known = new Set<string>(m.states);
  for (const t of m.transitions) {
    for (const f of t.from) if (!known.has(f)) problems.push(`${t.action}: unknown from-state ${f}`);
    if (typeof t.to === 'string' && t.to !== 'same' && !known.has(t.to)) problems.push(`${t.action}: unknown to-state ${t.to}`);
  }
  for (const s of m.states) if (!m.labels[s]) problems.push(`state ${s} has no label`);
  return problems;
}

const NAME_VI: Record<string, string> = {
  visit: 'lượt tiếp',
  session: 'buổi tiếp',
  letter: 'đơn',
  complaint: 'vụ việc khiếu nại',
  denunciation: 'vụ việc tố cáo',
  petition: 'vụ việc kiến nghị, phản ánh',
};
