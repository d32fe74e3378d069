/**
 * What the rule-set pages share: the API's shapes (the server's own types), which version is in
 * force, and how the server's field errors are placed on the publish form.
 */
import { ApiError, type ApiFieldError } from '../../api';
import { REQUIRED_FORMS, ruleSetOn, type Rules, type RuleSet } from '../../../../src/core/letters/rules';

export type { Evidence, Period, Rules, RuleSet, TieredPeriod } from '../../../../src/core/letters/rules';

export const RULE_SETS_PATH = '/quan-tri/bo-quy-dinh-don-thu';

/** Today in Vietnam, 'YYYY-MM-DD' (the legal dates are local dates). */
export const todayVn = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

export type SetState = 'in_force' | 'future' | 'expired' | 'overridden';

/** The province's tenant id, as the API reports it on the province's own sets ('' when it has none). */
export function ownTenant(sets: readonly RuleSet[]): string {
  return sets.find((s) => s.tenantId !== '*')?.tenantId ?? '';
}

/** The version in force on `date` (the province's own wins over the national one), as the server picks it. */
export function inForce(sets: readonly RuleSet[], date = todayVn()): RuleSet | null {
  return ruleSetOn(sets, date, ownTenant(sets));
}

export function stateOf(set: RuleSet, current: RuleSet | null, date = todayVn()): SetState {
  if (current?.id === set.id) return 'in_force';
  if (set.effectiveFrom > date) return 'future';
  if (set.effectiveTo !== null && set.effectiveTo <= date) return 'expired';
  return 'overridden';
}

/** Form keys in the order of the capability (the required ones first, then any other). */
export function formKeys(rules: Rules): string[] {
  const known: string[] = REQUIRED_FORMS.filter((k) => k in rules.forms);
  return [...known, ...Object.keys(rules.forms).filter((k) => !known.includes(k))];
}

/** Units each period may use (validateRules in src/core/letters/rules.ts). */
export const PERIOD_UNITS: Record<string, readonly ('working_days' | 'days')[]> = {
  'letters.limitation': ['days'],
  'denunciations.transfer': ['working_days'],
  'denunciations.resolution': ['days'],
};
export const periodUnits = (path: string) => PERIOD_UNITS[path] ?? (['working_days', 'days'] as const);

/**
 * Errors of a whole group (`rules.denunciations.extension`: "maxComplex ≤ maxEspeciallyComplex")
 * go to the input they are about; every other field error names its input already, because the
 * form's field names are the body's paths (`rules.reception.reply.amount`).
 */
const GROUP_TARGET: [RegExp, string][] = [
  [/^rules\.denunciations\.extension$/, '.maxEspeciallyComplex'],
  [/^rules\.denunciations\.initialHandling$/, '.normal'],
  [/^rules\.complaints\.secondRequestWindow$/, '.normal'],
  [/^rules\.reception\.periodic\.(province|department|commune)$/, '.minSessions'],
  [/^rules\.reception\.representatives\.\d+$/, '.minPeople'],
  [/^rules\.reception\.periodicDeputyException$/, '.allowed'],
  [/^rules\.forms\.[^.]+$/, '.code'],
  [/^rules\.protection$/, '.purposeMinLength'],
];

/** The message without the path the server puts in front of it ('rules.x.y must be…' -> 'Must be…'). */
function withoutPath(field: string, text: string): string {
  if (!text.startsWith(field + ' ')) return text;
  const rest = text.slice(field.length + 1);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

export function placeRuleField(f: ApiFieldError): ApiFieldError {
  const target = GROUP_TARGET.find(([re]) => re.test(f.field));
  return {
    field: target ? f.field + target[1] : f.field,
    message: withoutPath(f.field, f.message),
    messageVi: withoutPath(f.field, f.messageVi),
  };
}

/**
 * The publish form's view of a refusal: group errors moved to their input, and a 409
 * `rule_set_conflict` pinned to the code or the start date it is about (known from the list).
 */
export function ruleSetError(e: unknown, ctx: { sets: readonly RuleSet[]; code: string; effectiveFrom: string; text: (key: string, lng: 'vi' | 'en', opts?: Record<string, unknown>) => string }): unknown {
  if (!(e instanceof ApiError)) return e;
  let fields = e.fields.map(placeRuleField);
  if (e.status === 409 && e.code === 'rule_set_conflict') {
    const own = ctx.sets.filter((s) => s.tenantId !== '*');
    const sameCode = own.find((s) => s.code === ctx.code);
    const later = own.find((s) => s.effectiveFrom >= ctx.effectiveFrom);
    fields = [];
    if (sameCode) fields.push({ field: 'code', message: ctx.text('rs.conflictCode', 'en'), messageVi: ctx.text('rs.conflictCode', 'vi') });
    if (later) fields.push({ field: 'effectiveFrom', message: ctx.text('rs.conflictDate', 'en', { code: later.code }), messageVi: ctx.text('rs.conflictDate', 'vi', { code: later.code }) });
  }
  const out = new ApiError(e.status, e.code, e.messageEn, e.messageVi, fields);
  out.redirected = e.redirected;
  return out;
}
