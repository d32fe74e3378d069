/**
 * Demo dossiers: with scale 'full', a few thousand dossiers over the 18 months before `ctx.now`,
 * across the demo users' units, procedures and channels, ending in every state of the lifecycle.
 * Every dossier is built by the SAME engine and transition table as the API (`createAggregate`,
 * `applyAction`) with explicit instants, acting as the demo users (or, for applicants without an
 * account, as the applicant); a discrete-event loop applies all actions in time order so that
 * codes and register numbers follow the real order of registration and acceptance. The result is
 * written with multi-row inserts in a few transactions, and the counter rows are set to the last
 * values used, so that the API continues each sequence without gaps. A seeded PRNG makes the data
 * reproducible. With scale 'minimal' (tests) no dossier is created.
 */
import type { SeedContext } from '../../db/seed.js';
import type { AuthUser, Role } from '../../core/access/roles.js';
import { type WorkingCalendar, dayNumberOf, dateOfDayNumber, localDateOf, toLocalParts } from '../../core/calendar/index.js';
import { formatDossierCode, lookupSecretFrom } from '../../core/codes/index.js';
import type { ActorFacts } from '../../core/workflow/index.js';
import { loadCalendar } from '../calendar/service.js';
import { loadUser } from '../auth/sessions.js';
import { listPublishedProcedures, variantsOf, type ProcedureInfo, type VariantInfo } from './catalogue.js';
import { type ActionInput, type EngineEnv, applyAction, appointmentOf, createAggregate, dossierFacts } from './engine.js';
import { actorFacts, allUnits, roleScopes } from './policy.js';
import { loadForms, loadRules } from './rules.js';
import { calendarVersion, persistMany, rateDossier, type Rating } from './service.js';
import type { Aggregate, DossierRules, FormTemplate } from './types.js';

// ------------------------------------------------------------------ reproducible randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  weighted<T extends string>(w: Record<T, number>): T {
    const entries = Object.entries(w) as [T, number][];
    const total = entries.reduce((s, [, v]) => s + v, 0);
    let r = this.next() * total;
    for (const [k, v] of entries) {
      r -= v;
      if (r <= 0) return k;
    }
    return entries[entries.length - 1][0];
  }
  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
}

// ------------------------------------------------------------------ demo people and places

const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Ma', 'Hà', 'Nông', 'Lương', 'Đinh'];
const DEM = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Ngọc', 'Quang', 'Thanh', 'Hồng', 'Xuân', 'Hữu', 'Kim', 'Bích', 'Công'];
const TEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Huyền', 'Hùng', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Yến'];
const PLACES = ['phường Phan Đình Phùng', 'phường Gia Sàng', 'phường Quyết Thắng', 'phường Tích Lương', 'phường Linh Sơn', 'xã Đại Phúc', 'xã Phú Bình', 'xã Định Hóa', 'xã Võ Nhai', 'xã Đồng Hỷ'];
const COMPANIES = ['Công ty TNHH Thương mại Thái Nguyên Xanh', 'Công ty Cổ phần Xây dựng Gia Sàng', 'Hợp tác xã Chè Tân Cương', 'Công ty TNHH Cơ khí Quyết Thắng', 'Công ty Cổ phần Dược phẩm Linh Sơn'];
const OPERATORS = ['VNPost', 'Viettel Post'];

/** The demo users who act, by unit identifier code. */
const CENTRE = '000.00.01.H55';
const COMMUNE = '000.20.01.H55';
const COUNTER: Record<string, string> = { [CENTRE]: 'tiepnhan', [COMMUNE]: 'tiepnhan.pdp' };
const TEAMS: Record<string, { leader: string; specialist: string; partners: string[] }> = {
  '000.00.12.H55': { leader: 'lanhdao', specialist: 'chuyenvien', partners: ['000.00.17.H55', '000.00.16.H55'] },
  '000.00.14.H55': { leader: 'lanhdao', specialist: 'chuyenvien', partners: ['000.00.13.H55', '000.00.15.H55'] },
  '000.00.13.H55': { leader: 'lanhdao.nnmt', specialist: 'chuyenvien.nnmt', partners: ['000.00.12.H55', '000.00.14.H55'] },
  '000.00.15.H55': { leader: 'lanhdao.nnmt', specialist: 'chuyenvien.nnmt', partners: ['000.00.14.H55'] },
  '000.00.16.H55': { leader: 'lanhdao.nnmt', specialist: 'chuyenvien.nnmt', partners: ['000.00.12.H55'] },
  '000.00.17.H55': { leader: 'lanhdao.nnmt', specialist: 'chuyenvien.nnmt', partners: ['000.00.12.H55'] },
  [COMMUNE]: { leader: 'lanhdao.pdp', specialist: 'chuyenvien.pdp', partners: ['000.00.13.H55'] },
};
/** Who completes an inter-agency task at a partner unit. */
const PARTNER_STAFF: Record<string, string> = {
  '000.00.12.H55': 'chuyenvien',
  '000.00.14.H55': 'chuyenvien',
  '000.00.13.H55': 'chuyenvien.nnmt',
  '000.00.15.H55': 'chuyenvien.nnmt',
  '000.00.16.H55': 'chuyenvien.nnmt',
  '000.00.17.H55': 'chuyenvien.nnmt',
};

interface Person {
  user: AuthUser;
  scopes: Map<Role, Set<string>>;
}

interface Route {
  procedure: ProcedureInfo;
  receivingCode: string;
  competentId: string;
  teamCode: string;
}

// ------------------------------------------------------------------ the event loop

interface Item {
  t: number;
  n: number;
  gen: Generator<Date, void, void>;
}

class Heap {
  private a: Item[] = [];
  get size(): number {
    return this.a.length;
  }
  push(x: Item): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].t < a[i].t || (a[p].t === a[i].t && a[p].n <= a[i].n)) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): Item {
    const a = this.a;
    const top = a[0];
    const last = a.pop() as Item;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const less = (x: Item, y: Item) => x.t < y.t || (x.t === y.t && x.n < y.n);
        if (l < a.length && less(a[l], a[m])) m = l;
        if (r < a.length && less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

const WD = 480;
const H = 60;

/** The demo seeder (registered in src/db/seed.ts after the catalogue). */
export async function seedDossiers(ctx: SeedContext): Promise<void> {
  if (ctx.scale !== 'full') return;
  await generateDemoDossiers(ctx, { count: 3300 });
}

export interface DemoResult {
  dossiers: number;
  actions: number;
  failures: number;
  ms: number;
  byStatus: Record<string, number>;
}

/** Generates `count` dossiers (plus the demo citizens' own); idempotent per tenant. */
export async function generateDemoDossiers(ctx: SeedContext, opts: { count: number }): Promise<DemoResult | null> {
  const { db, tenantId } = ctx;
  if ((await db.query('select 1 from dossiers where tenant_id=$1 limit 1', [tenantId])).rowCount) return null;
  const t0 = Date.now();
  const rng = new Rng(20261109);
  const now = ctx.now;

  // ---- catalogue and routes over the demo users' units
  const procedures = (await listPublishedProcedures(db, tenantId)).filter((p) => p.onlineLevel !== undefined);
  if (!procedures.length) {
    ctx.log('dossiers: no published procedure in the catalogue; no demo dossiers');
    return null;
  }
  const variants = await variantsOf(db, tenantId, procedures.map((p) => p.id));
  const unitRows = (await db.query('select id, code, name, parent_id from units where tenant_id=$1', [tenantId])).rows;
  const unitById = new Map<string, { id: string; code: string; name: string; parent: string | null }>(unitRows.map((u: any) => [u.id, { id: u.id, code: u.code, name: u.name, parent: u.parent_id }]));
  const idOf = (code: string) => ctx.units.get(code) as string;
  const teamOf = (unitId: string): string | null => {
    let u = unitById.get(unitId);
    while (u) {
      if (TEAMS[u.code]) return u.code;
      u = u.parent ? unitById.get(u.parent) : undefined;
    }
    return null;
  };
  const staffed = (code: string) => !!TEAMS[code] || !!PARTNER_STAFF[code];
  const runnable = (p: ProcedureInfo) =>
    variants.some((v) => v.procedureId === p.id && v.steps.every((st) => st.unit === 'receiving' || st.unit === 'competent' || staffed(st.unit)));
  const routes: Route[] = [];
  for (const p of procedures.filter(runnable)) {
    const competent = p.units.filter((u) => u.role === 'competent').map((u) => u.unitId);
    const receiving = p.units.filter((u) => u.role === 'receiving').map((u) => u.unitId);
    for (const c of competent.length ? competent : receiving) {
      const team = teamOf(c);
      if (!team) continue;
      if (team === COMMUNE) {
        if (receiving.length && !receiving.includes(idOf(COMMUNE)) && !receiving.includes(c)) continue;
        routes.push({ procedure: p, receivingCode: COMMUNE, competentId: c, teamCode: team });
      } else {
        routes.push({ procedure: p, receivingCode: CENTRE, competentId: c, teamCode: team });
      }
      break;
    }
  }
  if (!routes.length) {
    ctx.log('dossiers: no procedure is decided by a demo unit; no demo dossiers');
    return null;
  }

  // ---- people, calendars, rules
  const people = new Map<string, Person>();
  for (const username of ['tiepnhan', 'tiepnhan.pdp', 'lanhdao', 'chuyenvien', 'lanhdao.nnmt', 'chuyenvien.nnmt', 'lanhdao.pdp', 'chuyenvien.pdp', 'congdan1', 'congdan2']) {
    const id = ctx.users.get(username);
    const user = id ? await loadUser(db, id) : null;
    if (user) people.set(username, { user, scopes: await roleScopes(db, user) });
  }
  const rules: DossierRules = await loadRules(db, tenantId, now);
  const forms: FormTemplate[] = await loadForms(db, tenantId);
  const calVersion = await calendarVersion(db, tenantId);
  const calendars = new Map<string, WorkingCalendar>();
  for (const code of [CENTRE, COMMUNE]) calendars.set(idOf(code), await loadCalendar(db, tenantId, idOf(code)));
  const unitCodeToId = (code: string) => ctx.units.get(code) ?? null;

  // ---- counters (in memory, applied in time order; written at the end)
  const codeCounters = new Map<string, number>();
  const registerCounters = new Map<string, number>();
  const nextCode = (unitCode: string, at: Date) => {
    const day = localDateOf(at);
    const key = `${unitCode}|${day}`;
    const seq = (codeCounters.get(key) ?? 0) + 1;
    codeCounters.set(key, seq);
    return { code: formatDossierCode(unitCode, day, seq, rules.codeWidth), day, seq };
  };
  const nextRegister = (unitCode: string, at: Date) => {
    const year = toLocalParts(at).year;
    const key = `${unitCode}|${year}`;
    const no = (registerCounters.get(key) ?? 0) + 1;
    registerCounters.set(key, no);
    return { year, no };
  };

  /** A case of the procedure in force on that day whose fixed-unit steps have demo staff. */
  const variantAt = (procedureId: string, at: Date, r: Rng = rng): VariantInfo | null => {
    const day = localDateOf(at);
    const list = variants.filter(
      (v) =>
        v.procedureId === procedureId &&
        v.effectiveFrom <= day &&
        (!v.effectiveTo || v.effectiveTo > day) &&
        v.steps.every((st) => st.unit === 'receiving' || st.unit === 'competent' || staffed(st.unit)),
    );
    return list.length ? r.pick(list) : null;
  };
  const earliest = (procedureId: string): number =>
    Math.min(...variants.filter((v) => v.procedureId === procedureId).map((v) => dayNumberOf(v.effectiveFrom)));

  const emptyFacts = (): ActorFacts['rolesAt'] => ({ receiving: new Set(), holder: new Set(), competent: new Set(), task: new Set() });

  /** The engine environment for `who` acting on `agg` at `at`. */
  const envFor = (agg: Aggregate, who: Person | { applicantName: string }, at: Date, variant: VariantInfo): EngineEnv => {
    const cal = calendars.get(agg.d.calendarUnitId as string) as WorkingCalendar;
    if ('user' in who) {
      const facts = actorFacts(who.user, who.scopes, agg);
      const units = allUnits(who.scopes);
      const unitId = [agg.d.holderUnitId, agg.d.receivingUnitId, agg.d.competentUnitId, ...agg.steps.map((s) => s.unitId)].find((u) => u && units.has(u)) ?? null;
      return { now: at, actor: { id: who.user.id, name: who.user.fullName, unitId }, facts, scopeUnits: units, calendar: cal, calendarVersion: calVersion, rules, variant, forms, resolveUnit: unitCodeToId };
    }
    return {
      now: at,
      actor: { id: null, name: who.applicantName, unitId: null },
      facts: { userId: '', rolesAt: emptyFacts(), isApplicant: true },
      scopeUnits: new Set(),
      calendar: cal,
      calendarVersion: calVersion,
      rules,
      variant,
      forms,
      resolveUnit: unitCodeToId,
    };
  };

  const aggs: Aggregate[] = [];
  const ratings: { agg: Aggregate; rating: Rating; at: Date; account: string | null }[] = [];
  const stats = new Map<string, number>();

  // ---- one dossier's life, as a generator of action instants
  function* life(n: number, start: Date, route: Route, own: Person | null): Generator<Date, void, void> {
    const r = new Rng(1000 + n * 7919);
    const p = route.procedure;
    const receivingId = idOf(route.receivingCode);
    const cal = calendars.get(receivingId) as WorkingCalendar;
    const variant0 = variantAt(p.id, start, r);
    if (!variant0) return;
    const counter = people.get(COUNTER[route.receivingCode]) as Person;
    const team = TEAMS[route.teamCode];
    const leader = people.get(team.leader) as Person;
    const specialist = people.get(team.specialist) as Person;
    const canPost = p.postal === 'send' || p.postal === 'both';
    const canOnline = p.onlineLevel !== 'none';
    const channel: 1 | 2 | 3 = own ? 2 : (r.weighted({ c1: 55, c2: canOnline ? 35 : 0, c3: canPost ? 10 : 0 }) === 'c2' ? 2 : r.chance(0.85) ? 1 : canPost ? 3 : 1);
    const organisation = !own && r.chance(0.12);
    const name = own ? own.user.fullName : organisation ? r.pick(COMPANIES) : `${r.pick(HO)} ${r.pick(DEM)} ${r.pick(TEN)}`;
    let cid = own ? own.user.citizenId : `019${r.int(0, 1)}${String(r.int(50, 99))}${String(r.int(0, 999999)).padStart(6, '0')}`;
    if (cid === '019090001234' || cid === '019195005678') cid = '019000000001';
    const place = r.pick(PLACES);
    const returnChannel = channel === 2 ? r.weighted({ online: 45, counter: 40, post: 15 }) : channel === 3 ? 'post' : r.weighted({ counter: 85, post: 15 });
    const applicantWho = own ?? { applicantName: name };
    const wm = (t: Date, minutes: number) => cal.addWorkingMinutes(t, Math.max(1, Math.round(minutes)));
    const components = variant0.components.map((c) => ({
      code: c.code,
      originals: c.originals,
      certifiedCopies: c.certifiedCopies,
      copies: c.copies,
      provided: c.required || r.chance(0.4),
      fromDataStore: channel === 2 && (c.required || r.chance(0.3)),
    }));
    const base = {
      tenantId,
      procedure: { id: p.id, name: p.name, fieldId: p.fieldId, cutoffTime: p.cutoffTime },
      receivingUnitId: receivingId,
      competentUnitId: route.competentId,
      channel,
      returnChannel: returnChannel as 'counter' | 'post' | 'online',
      applicant: {
        kind: (organisation ? 2 : 1) as 1 | 2,
        name,
        citizenId: organisation ? null : cid,
        taxCode: organisation ? `46${String(r.int(0, 99999999)).padStart(8, '0')}` : null,
        address: `Tổ ${r.int(1, 30)}, ${place}, tỉnh Thái Nguyên`,
        phone: `09${r.int(10000000, 99999999)}`,
        email: r.chance(0.4) ? `nguoidan${n}@example.vn` : null,
        userId: own?.user.id ?? null,
      },
      summary: null,
      components,
      returnAddress: returnChannel === 'post' ? `Tổ ${r.int(1, 30)}, ${place}, tỉnh Thái Nguyên` : null,
      returnPhone: null,
      vneidVerified: channel === 2,
      lookupSecret: lookupSecretFrom(r.bytes(8)),
    };
    const stepDef = (a: Aggregate, v: VariantInfo) => v.steps.find((x) => x.code === a.d.currentStep) ?? null;
    const facts = (a: Aggregate, v: VariantInfo, at: Date) => dossierFacts(a, { now: at, calendar: cal, rules, variant: v });
    /** Who acts at the current step: the team of the holding unit, by the step's role. */
    const staffAt = (a: Aggregate, v: VariantInfo): Person | null => {
      const holder = a.d.holderUnitId ? unitById.get(a.d.holderUnitId) : undefined;
      if (!holder) return null;
      const teamCode = teamOf(holder.id);
      if (teamCode) return (people.get(stepDef(a, v)?.role === 'leader' ? TEAMS[teamCode].leader : TEAMS[teamCode].specialist) as Person) ?? null;
      return people.get(PARTNER_STAFF[holder.code]) ?? null;
    };
    const act = (agg: Aggregate, action: string, who: Person | { applicantName: string }, at: Date, input: ActionInput = {}, variant: VariantInfo = variant0, alloc?: EngineEnv['alloc']) => {
      const env = envFor(agg, who, at, variant);
      if (alloc) env.alloc = alloc;
      applyAction(agg, action, input, env);
    };

    // -- registration / submission
    let t = start;
    yield t;
    let agg: Aggregate;
    if (channel === 2) {
      agg = createAggregate(base, envFor({ d: { calendarUnitId: receivingId, receivingUnitId: receivingId, holderUnitId: receivingId, applicantUserId: own?.user.id ?? null, status: 'draft' }, steps: [] } as unknown as Aggregate, applicantWho, t, variant0));
      aggs.push(agg);
      if (own && n % 5 === 0 && t.getTime() > now.getTime() - 20 * 86_400_000) return; // a citizen's unfinished draft
      t = new Date(t.getTime() + r.int(10, 180) * 60_000);
      yield t;
      act(agg, 'submit', applicantWho, t, {}, variant0, { code: nextCode(route.receivingCode, t) });
      t = wm(cal.nextWorkingInstant(t), r.chance(0.85) ? r.int(15, WD) : r.int(WD + 30, 3 * WD));
    } else {
      const postal = channel === 3 ? { operator: r.pick(OPERATORS), slipNo: `EB${r.int(100000000, 999999999)}VN`, handoverNo: `BB-${r.int(1, 9999)}`, signedAt: new Date(t.getTime() - r.int(60, 18 * 60) * 60_000), senderAddress: base.applicant.address } : null;
      const env = envFor({ d: { calendarUnitId: receivingId, receivingUnitId: receivingId, holderUnitId: receivingId, competentUnitId: route.competentId, status: 'submitted' }, steps: [] } as unknown as Aggregate, counter, t, variant0);
      env.alloc = { code: nextCode(route.receivingCode, t) };
      agg = createAggregate({ ...base, postal }, env);
      aggs.push(agg);
    }
    yield t;
    // -- intake outcome
    const intake = r.weighted({ accept: 90, supplement: 6, refuse: 3, withdraw: 1 });
    if (intake === 'refuse') {
      act(agg, 'refuse_intake', counter, t, { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan; đề nghị nộp tại cơ quan có thẩm quyền' });
      return;
    }
    if (intake === 'withdraw') {
      act(agg, 'withdraw', channel === 2 ? applicantWho : counter, t);
      return;
    }
    if (intake === 'supplement') {
      const c = variant0.components.find((x) => x.required) ?? variant0.components[0];
      if (!c) return;
      act(agg, 'request_intake_supplement', counter, t, { reason: 'Thành phần hồ sơ chưa đầy đủ, chưa đúng quy định', items: [{ code: c.code, note: 'Bổ sung bản đúng mẫu, đủ chữ ký' }] });
      t = wm(t, r.int(WD, 6 * WD));
      yield t;
      act(agg, 'resubmit', channel === 2 ? applicantWho : counter, t, { components: [{ code: c.code, provided: true }] });
      t = wm(t, r.int(5, 120));
      yield t;
    }
    const variant = variants.find((v) => v.id === variant0.id && (!v.effectiveTo || v.effectiveTo > localDateOf(t))) ?? variantAt(p.id, t, r) ?? variant0;
    act(agg, 'accept', counter, t, {}, variant, { registerNo: nextRegister(route.receivingCode, t) });
    const due0 = agg.d.dueAt as Date;
    // -- transfer, assignment, appraisal
    t = wm(t, r.chance(0.9) ? r.int(20, 4 * H) : r.int(WD + 60, 2 * WD));
    yield t;
    act(agg, 'transfer', counter, t, {}, variant);
    const ending = r.weighted({ approve: 84, refuse: 5, stop: 3, withdraw: 4, apology: 4 });
    const midWithdraw = ending === 'withdraw';
    t = wm(t, r.int(30, 6 * H));
    yield t;
    act(agg, 'assign', leader, t, { handler: { id: specialist.user.id, name: specialist.user.fullName } }, variant);
    t = wm(t, r.int(10, 2 * H));
    yield t;
    // An assignment step of the leader: hand the dossier on to the handler's appraisal step.
    if (stepDef(agg, variant)?.role === 'leader' && !facts(agg, variant, t).canDecide) {
      act(agg, 'forward', leader, t, { note: 'Chuyển chuyên viên thẩm định' }, variant);
    }
    // -- optional side trips
    const comp = variant.components.find((c) => c.required) ?? variant.components[0];
    if (comp && r.chance(0.12)) {
      const lateRequest = r.chance(0.15);
      t = wm(t, lateRequest ? r.int(3 * WD + 60, 5 * WD) : r.int(H, 2 * WD));
      yield t;
      if (agg.d.status !== 'in_process') return;
      act(agg, 'request_supplement', specialist, t, {
        reason: 'Thông tin trong tờ khai chưa khớp với giấy tờ kèm theo',
        items: [{ code: comp.code, note: 'Nộp bản đã chỉnh sửa' }],
        // Used only when the request falls after the supplement window (then it is flagged).
        justification: 'Phát hiện sai lệch khi xác minh thực tế',
      }, variant);
      t = new Date(t.getTime() + r.int(1, 9) * 86_400_000 + r.int(0, 300) * 60_000);
      t = cal.nextWorkingInstant(t);
      yield t;
      act(agg, 'complete_supplement', channel === 2 ? applicantWho : counter, t, {}, variant);
      if (r.chance(0.15)) {
        t = wm(t, r.int(2 * H, 2 * WD));
        yield t;
        act(agg, 'request_supplement', specialist, t, { reason: 'Giấy tờ bổ sung chưa hợp lệ', items: [{ code: comp.code }], justification: 'Bản bổ sung chưa có chứng thực' }, variant);
        t = cal.nextWorkingInstant(new Date(t.getTime() + r.int(1, 6) * 86_400_000));
        yield t;
        act(agg, 'complete_supplement', channel === 2 ? applicantWho : counter, t, {}, variant);
      }
    }
    if (r.chance(0.06)) {
      t = wm(t, r.int(H, WD));
      yield t;
      act(agg, 'consult', specialist, t, { consultee: { name: 'Công an tỉnh Thái Nguyên' }, reason: 'Đề nghị cho ý kiến về nội dung liên quan', responseWorkingDays: 3 }, variant);
      t = wm(t, r.int(WD, 4 * WD));
      yield t;
      act(agg, 'answer_consultation', specialist, t, { answer: 'Đã có văn bản trả lời' }, variant);
    }
    if (r.chance(0.1) && team.partners.length) {
      t = wm(t, r.int(H, WD));
      yield t;
      const partners = team.partners.slice(0, r.int(1, team.partners.length));
      const mode = r.chance(0.5) ? 'parallel' : 'sequential';
      act(agg, 'send_interagency', specialist, t, {
        mode,
        agencies: partners.map((code) => ({ unitId: idOf(code), name: unitById.get(idOf(code))?.name, task: 'Xác minh, cho ý kiến theo chức năng', budgetHours: r.pick([8, 16, 24]) })),
      }, variant);
      for (let k = 0; k < partners.length; k++) {
        t = wm(t, r.chance(0.8) ? r.int(2 * H, 2 * WD) : r.int(3 * WD, 6 * WD));
        yield t;
        const task = agg.steps.find((s) => s.kind === 'interagency' && s.status === 'active');
        if (!task) break;
        const code = unitById.get(task.unitId as string)?.code as string;
        act(agg, 'complete_interagency_task', people.get(PARTNER_STAFF[code]) as Person, t, { taskId: task.id, note: 'Đã hoàn thành phần việc' }, variant);
      }
    }
    if (r.chance(0.04)) {
      t = wm(t, r.int(H, WD));
      yield t;
      act(agg, 'request_payment', specialist, t, { fees: [{ name: 'Lệ phí giải quyết thủ tục', amount: r.pick([50000, 100000, 200000]), kind: 'le_phi' }] }, variant);
      t = wm(t, r.int(2 * H, 3 * WD));
      yield t;
      act(agg, 'confirm_payment', counter, t, { payment: { method: 'transfer', reference: `TT${r.int(100000, 999999)}`, online: r.chance(0.5) ? 1 : 0 } }, variant);
    }
    // -- the end of processing
    const due = (appointmentOf(agg.d) as Date) ?? due0;
    if (midWithdraw) {
      t = wm(t, r.int(H, 2 * WD));
      yield t;
      act(agg, 'request_withdrawal', channel === 2 ? applicantWho : counter, t, { reason: 'Người nộp không còn nhu cầu giải quyết' }, variant);
      t = wm(t, r.int(H, 2 * WD));
      yield t;
      act(agg, 'confirm_withdrawal', counter, t, {}, variant);
      return;
    }
    if (ending === 'stop') {
      t = wm(t, r.int(H, 2 * WD));
      yield t;
      act(agg, 'stop', leader, t, { reason: 'Cơ quan có thẩm quyền có văn bản đề nghị dừng giải quyết', legalBasis: 'Nghị định 118/2025/NĐ-CP' }, variant);
      return;
    }
    if (ending === 'apology') {
      const lead = cal.addWorkingMinutes(due, -r.int(2 * WD, 3 * WD));
      t = new Date(Math.max(t.getTime() + 60_000, lead.getTime()));
      yield t;
      const newDue = cal.addWorkingMinutes(due, r.int(3, 6) * WD);
      try {
        act(agg, 'apologise_reschedule', leader, t, { reason: 'Hồ sơ cần xác minh thêm tại cơ quan liên quan', newDueAt: newDue }, variant);
      } catch {
        // Too close to the due date: the rule refuses; the dossier simply ends late.
      }
    }
    const target = ending === 'apology' ? 'late' : r.weighted({ early: 58, on_time: 27, late: 15 });
    const legalDue = (agg.d.dueAt as Date) ?? due;
    let end: Date;
    if (target === 'early') end = cal.addWorkingMinutes(legalDue, -r.int(WD, 4 * WD));
    else if (target === 'on_time') {
      const open = cal.openingOf(localDateOf(legalDue));
      end = open && open.getTime() < legalDue.getTime() ? new Date(open.getTime() + Math.floor((legalDue.getTime() - open.getTime()) * r.float())) : legalDue;
    } else end = cal.addWorkingMinutes(legalDue, r.int(2 * H, 6 * WD));
    end = new Date(Math.max(end.getTime(), t.getTime() + 2 * 60 * 60_000));
    // Forward through the remaining steps (other agencies, parallel groups) to the decision step.
    for (let guard = 0; guard < 12 && agg.d.status === 'in_process' && !facts(agg, variant, t).canDecide; guard++) {
      const fwd = new Date(Math.max(t.getTime() + 60_000, Math.min(end.getTime() - 3_600_000, wm(t, r.int(H, WD)).getTime())));
      t = fwd;
      yield t;
      act(agg, 'forward', staffAt(agg, variant) ?? specialist, t, { note: 'Chuyển bước tiếp theo' }, variant);
      while ((agg.d.status as string) === 'interagency') {
        t = wm(t, r.chance(0.8) ? r.int(2 * H, 2 * WD) : r.int(3 * WD, 6 * WD));
        yield t;
        const task = agg.steps.find((x) => x.kind === 'interagency' && x.status === 'active');
        const who = task ? people.get(PARTNER_STAFF[unitById.get(task.unitId as string)?.code as string]) : undefined;
        if (!task || !who) return;
        act(agg, 'complete_interagency_task', who, t, { taskId: task.id, note: 'Đã hoàn thành phần việc liên thông' }, variant);
      }
      end = new Date(Math.max(end.getTime(), t.getTime() + 3_600_000));
    }
    yield end;
    if (agg.d.status !== 'in_process') return;
    if (ending === 'refuse') act(agg, 'refuse', leader, end, { reason: 'Hồ sơ không đủ điều kiện theo quy định' }, variant);
    else act(agg, 'approve', leader, end, {}, variant);
    // -- return
    t = wm(end, r.chance(0.7) ? r.int(30, 2 * WD) : r.int(2 * WD, 8 * WD));
    yield t;
    if (r.chance(0.3)) act(agg, 'notify_result', counter, t, { notifyChannel: r.pick(['sms', 'email', 'portal']) }, variant);
    if (agg.d.returnChannel === 'post') {
      act(agg, 'send_by_post', counter, t, { postal: { operator: r.pick(OPERATORS), slipNo: `EB${r.int(100000000, 999999999)}VN` } }, variant);
      t = new Date(t.getTime() + r.int(1, 3) * 86_400_000);
      yield t;
      act(agg, 'confirm_delivery', counter, t, {}, variant);
    } else {
      act(agg, 'return_result', counter, t, { returnMode: agg.d.returnChannel === 'online' ? 'online' : 'counter', recipientName: name }, variant);
    }
    if (r.chance(0.35)) ratings.push({ agg, rating: r.weighted({ very_satisfied: 55, satisfied: 38, dissatisfied: 7 }) as Rating, at: t, account: own ? own.user.id : null });
    if (r.chance(0.45)) {
      t = new Date(t.getTime() + r.int(20, 60) * 86_400_000);
      yield cal.nextWorkingInstant(t);
      act(agg, 'archive', counter, cal.nextWorkingInstant(t), {}, variant);
    }
  }

  // ---- plan the dossiers
  const target = opts.count;
  const fromDn = dayNumberOf(localDateOf(now)) - 548;
  const toDn = dayNumberOf(localDateOf(now));
  const heap = new Heap();
  let n = 0;
  const schedule = (start: Date, route: Route, own: Person | null) => {
    const gen = life(n, start, route, own);
    const first = gen.next();
    if (!first.done && first.value.getTime() <= now.getTime()) heap.push({ t: first.value.getTime(), n, gen });
    n += 1;
  };
  const randomStart = (cal: WorkingCalendar, route: Route, recentDays?: number): Date => {
    const lo = Math.max(fromDn, earliest(route.procedure.id));
    const dn = recentDays ? Math.max(lo, toDn - rng.int(0, recentDays)) : rng.int(lo, toDn);
    const date = dateOfDayNumber(dn);
    const day = cal.isWorkingDay(date) ? date : cal.nextWorkingDay(date);
    const open = cal.openingOf(day) as Date;
    const minutes = cal.workingMinutesOn(day);
    return cal.addWorkingMinutes(open, rng.int(0, Math.max(1, minutes - 15)));
  };
  const centreRoutes = routes.filter((r) => r.receivingCode === CENTRE);
  const communeRoutes = routes.filter((r) => r.receivingCode === COMMUNE);
  for (let i = 0; i < target; i++) {
    const list = communeRoutes.length && (i % 3 === 2 || !centreRoutes.length) ? communeRoutes : centreRoutes;
    const route = rng.pick(list);
    const cal = calendars.get(idOf(route.receivingCode)) as WorkingCalendar;
    // A fifth of the dossiers fall in the last six weeks so that every queue has work in it.
    schedule(randomStart(cal, route, i % 5 === 0 ? 42 : undefined), route, null);
  }
  for (const username of ['congdan1', 'congdan2']) {
    const own = people.get(username);
    if (!own) continue;
    for (let k = 0; k < 7; k++) {
      const route = rng.pick(routes.filter((r) => r.procedure.onlineLevel !== 'none'));
      if (!route) break;
      schedule(randomStart(calendars.get(idOf(route.receivingCode)) as WorkingCalendar, route, k < 3 ? 30 : undefined), route, own);
    }
  }

  // ---- run every action in time order
  let actions = 0;
  let failures = 0;
  while (heap.size) {
    const item = heap.pop();
    let r: IteratorResult<Date, void>;
    try {
      r = item.gen.next();
    } catch (err) {
      // A rule refused an action the plan wanted: that dossier stops where it is (the refused
      // action changed nothing). Counted and reported, never silently swallowed.
      failures += 1;
      if (failures <= 3) ctx.log(`dossiers: demo action refused: ${(err as Error).message}`);
      continue;
    }
    actions += 1;
    if (!r.done && r.value.getTime() <= now.getTime()) heap.push({ t: r.value.getTime(), n: item.n, gen: item.gen });
  }
  for (const a of aggs) stats.set(a.d.status, (stats.get(a.d.status) ?? 0) + 1);
  const simulated = Date.now() - t0;

  // ---- write: dossiers and their parts, counters, ratings
  for (let i = 0; i < aggs.length; i += 400) {
    await db.tx((tx) => persistMany(tx, aggs.slice(i, i + 400)));
  }
  await db.tx(async (tx) => {
    for (const [key, last] of codeCounters) {
      const [code, day] = key.split('|');
      await tx.query(
        `insert into dossier_code_counters(tenant_id, unit_id, day, last_value) values ($1,$2,$3,$4)
         on conflict (tenant_id, unit_id, day) do update set last_value = greatest(dossier_code_counters.last_value, excluded.last_value)`,
        [tenantId, idOf(code), day, last],
      );
    }
    for (const [key, last] of registerCounters) {
      const [code, year] = key.split('|');
      await tx.query(
        `insert into dossier_register_counters(tenant_id, unit_id, year, last_value) values ($1,$2,$3,$4)
         on conflict (tenant_id, unit_id, year) do update set last_value = greatest(dossier_register_counters.last_value, excluded.last_value)`,
        [tenantId, idOf(code), Number(year), last],
      );
    }
    for (const x of ratings) {
      await rateDossier(tx, x.agg, { rating: x.rating, channel: x.account ? 'online' : 'counter_device', ratedBy: x.account }, x.at);
    }
  });
  const summary = [...stats.entries()].sort().map(([s, c]) => `${s} ${c}`).join(', ');
  const ms = Date.now() - t0;
  ctx.log(`dossiers: ${aggs.length} dossiers, ${actions} actions (${failures} refused), ${ratings.length} ratings in ${ms} ms (simulation ${simulated} ms) — ${summary}`);
  return { dossiers: aggs.length, actions, failures, ms, byStatus: Object.fromEntries(stats) };
}
