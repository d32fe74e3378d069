/**
 * Property test of the counting SQL (one-stop.md §9.2): random dossier rows, written straight into
 * the database around the period boundaries, must give the counts of an independent model written
 * from the rules (with core/calendar's `classify` for early / on time / late), and the invariant
 * carried_over + received = resolved + withdrawn + stopped + in_progress must hold per row and in
 * the total.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/calendar/index.js';
import { generateDemoDossiers } from '../../../src/modules/dossiers/demo.js';
import { CLASS_LEGAL_SQL } from '../../../src/modules/reports/queries.js';
import { call, createTestApp, login, type TestApp } from '../../helpers/testApp.js';
import { insertDossiers, insertPause, reportCatalogue, type Catalogue, type DossierSpec } from './fixtures.js';

const T = 'H55';
const UNITS = ['000.20.05.H55', '000.20.06.H55'];
const FROM = Date.parse('2026-10-01T00:00:00+07:00');
const TO = Date.parse('2026-11-01T00:00:00+07:00');
const MIN = 60_000;
const DAY = 1440 * MIN;

let t: TestApp;
let cat: Catalogue;
let token: string;
let unitIds: string[];
let demo: Awaited<ReturnType<typeof generateDemoDossiers>>;

beforeAll(async () => {
  t = await createTestApp();
  // Dossiers made by the lifecycle engine (the demo generator), before the rows of this file.
  demo = await generateDemoDossiers(t.seed, { count: 120 });
  cat = await reportCatalogue(t.db, T);
  token = await login(t.app, 'giamsat');
  unitIds = UNITS.map((c) => t.seed.units.get(c)!);
}, 240_000);
afterAll(async () => t?.close());

describe('reports over dossiers made by the lifecycle engine', () => {
  it('agrees with the class frozen by the engine and keeps the invariant', async () => {
    expect(demo?.failures ?? 0).toBe(0);
    // Where neither a supplement restart nor a new appointment moved the due, the engine classified
    // against the same due: its frozen class_day must be the report's class.
    const cmp = await t.db.query(
      `select count(*)::int as n,
              count(*) filter (where class_day <> (array['early', 'on_time', 'late'])[${CLASS_LEGAL_SQL} + 1])::int as differ
         from dossiers where class_day is not null and due_at = original_due_at and class_rule = 'day'`,
    );
    expect(cmp.rows[0].n).toBeGreaterThan(10);
    expect(cmp.rows[0].differ).toBe(0);
    // The whole demo history in one period.
    const [from, to] = ['2020-01-01', '2027-01-01'];
    const r = await call(t.app, token, { method: 'GET', url: `/api/v1/reports/dossiers?unit=000.00.00.H55&from=${from}&to=${to}&groupBy=unit` });
    expect(r.statusCode).toBe(200);
    const total = r.json().total;
    expect(total.invariant.holds).toBe(true);
    for (const row of r.json().rows) expect(row.invariant.holds).toBe(true);
    const direct = (
      await t.db.query(
        `select count(*) filter (where received_at >= $1 and received_at < $2)::int as received,
                count(*) filter (where end_kind like 'resolved%' and ended_at >= $1 and ended_at < $2)::int as resolved
           from dossiers where origin_dossier_id is null and received_at is not null`,
        [new Date(`${from}T00:00:00+07:00`), new Date(`${to}T00:00:00+07:00`)],
      )
    ).rows[0];
    expect(total.received).toBe(direct.received);
    expect(total.resolved).toBe(direct.resolved);
    expect(total.received).toBeGreaterThan(50);
    expect(total.refusedAtIntake).toBeGreaterThan(0);
  });
});

type Kind = 'resolved_approved' | 'resolved_refused' | 'withdrawn' | 'stopped';
type PauseSpec = { reason: 'supplement' | 'payment' | 'other_legal'; from: number; to: number | null } | null;

interface Gen {
  unit: number;
  field: 'RPTA' | 'RPTB';
  channel: 1 | 2 | 3;
  received: number;
  due: number;
  pauseDue: number | null;
  end: { at: number; kind: Kind; returned: number | null } | null;
  pause: PauseSpec;
  supplementCount: number;
  index766OnTime: boolean | null;
  child: boolean;
}

// Instants around the boundaries, at minute resolution, sometimes exactly on them.
const instant = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(FROM, TO, FROM - MIN, TO - MIN, FROM + MIN) },
  { weight: 6, arbitrary: fc.integer({ min: -50 * 1440, max: 45 * 1440 }).map((m) => FROM + m * MIN) },
);
const dueAfter = (received: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: 40 * 1440 }).map((m) => received + m * MIN),
    // Exactly local midnight (the "24:00 of the previous day" edge of the day rule).
    fc.integer({ min: 1, max: 40 }).map((k) => FROM + (Math.floor((received - FROM) / DAY) + k) * DAY),
  );

const genRow: fc.Arbitrary<Gen> = instant.chain((received) => dueAfter(received).map((due) => [received, due] as const)).chain(([received, due]) =>
  fc.record({
    unit: fc.integer({ min: 0, max: 1 }),
    field: fc.constantFrom<'RPTA' | 'RPTB'>('RPTA', 'RPTB'),
    channel: fc.constantFrom<1 | 2 | 3>(1, 2, 3),
    received: fc.constant(received),
    due: fc.constant(due),
    pauseDue: fc.option(dueAfter(received), { nil: null }),
    end: fc.option(
      fc.record({
        at: fc.oneof(
          fc.integer({ min: 0, max: 50 * 1440 }).map((m) => received + m * MIN),
          fc.constantFrom(FROM, TO).map((x) => Math.max(x, received)),
          // Within a day of the due, exactly on it included: where early / on time / late split.
          fc.integer({ min: -1440, max: 1440 }).map((m) => Math.max(received, due + m * MIN)),
          fc.constant(Math.max(received, due)),
        ),
        kind: fc.constantFrom<Kind>('resolved_approved', 'resolved_approved', 'resolved_refused', 'withdrawn', 'stopped'),
        returned: fc.option(fc.integer({ min: 0, max: 6 * 1440 }), { nil: null }),
      }),
      { nil: null, freq: 3 },
    ),
    pause: fc.option(
      fc.record({
        reason: fc.constantFrom<'supplement' | 'payment' | 'other_legal'>('supplement', 'supplement', 'payment', 'other_legal'),
        from: fc.integer({ min: 0, max: 40 * 1440 }).map((m) => received + m * MIN),
        to: fc.option(fc.integer({ min: 1, max: 20 * 1440 }), { nil: null }),
      }),
      { nil: null, freq: 3 },
    ),
    supplementCount: fc.integer({ min: 0, max: 2 }),
    index766OnTime: fc.option(fc.boolean(), { nil: null }),
    child: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  }).map((g): Gen => {
    // A returned time counts from the end; a closed pause ends after it starts.
    const end = g.end ? { ...g.end, returned: g.end.kind.startsWith('resolved') && g.end.returned !== null ? g.end.at + g.end.returned * MIN : null } : null;
    const pause = g.pause ? { ...g.pause, to: g.pause.to === null ? null : g.pause.from + g.pause.to * MIN } : null;
    return { ...g, end, pause, index766OnTime: end ? g.index766OnTime : null };
  }),
);

type Expected = Record<string, number>;
const ZERO = () => ({
  carriedOver: 0,
  received: 0,
  receivedCounter: 0,
  receivedOnline: 0,
  receivedPostal: 0,
  resolved: 0,
  early: 0,
  onTime: 0,
  late: 0,
  refused: 0,
  returned: 0,
  inProgress: 0,
  overdue: 0,
  waitingSupplement: 0,
  notYetDue: 0,
  withdrawn: 0,
  stopped: 0,
});

/** The §9.2 rules, row by row. `now` is after the period, so "overdue" is measured at `to`. */
function model(rows: Gen[], rule: 'legal' | 'index766'): Expected[] {
  const out = [ZERO(), ZERO()];
  for (const r of rows) {
    if (r.child) continue;
    if (!(r.received < TO && (r.end === null || r.end.at >= FROM))) continue;
    const c = out[r.unit];
    if (r.received < FROM) c.carriedOver++;
    else {
      c.received++;
      c[(['', 'receivedCounter', 'receivedOnline', 'receivedPostal'] as const)[r.channel] as 'receivedCounter']++;
    }
    const due766 = r.pauseDue ?? r.due;
    if (r.end && r.end.at < TO) {
      const k = r.end.kind;
      if (k === 'withdrawn') c.withdrawn++;
      else if (k === 'stopped') c.stopped++;
      else {
        c.resolved++;
        if (k === 'resolved_refused') c.refused++;
        if (r.end.returned !== null && r.end.returned < TO) c.returned++;
        const ended = new Date(r.end.at);
        let cls: 'early' | 'on_time' | 'late';
        if (rule === 'legal') cls = classify(ended, new Date(r.due), { rule: 'day' });
        else {
          const late = r.index766OnTime !== null ? !r.index766OnTime : r.supplementCount > 1 || r.end.at > due766;
          cls = late ? 'late' : classify(ended, new Date(due766), { rule: 'day' }) === 'early' ? 'early' : 'on_time';
        }
        c[cls === 'on_time' ? 'onTime' : cls]++;
      }
    } else {
      c.inProgress++;
      const p = r.pause;
      const waiting = !!p && p.reason !== 'other_legal' && p.from < TO && (p.to === null || p.to >= TO);
      const overdue = rule === 'legal' ? r.due < TO : r.supplementCount > 1 || due766 < TO;
      if (waiting) c.waitingSupplement++;
      else if (overdue) c.overdue++;
      else c.notYetDue++;
    }
  }
  return out;
}

async function load(rows: Gen[]): Promise<void> {
  await t.db.query('delete from dossier_pauses where dossier_id in (select id from dossiers where receiving_unit_id = any($1::uuid[]))', [unitIds]);
  await t.db.query('delete from dossiers where receiving_unit_id = any($1::uuid[])', [unitIds]);
  const iso = (x: number | null | undefined) => (x === null || x === undefined ? null : new Date(x).toISOString());
  const spec = (r: Gen, origin: string | null): DossierSpec => ({
    procedure: r.field,
    unit: unitIds[r.unit],
    channel: r.channel,
    receivedAt: iso(r.received),
    originalDueAt: iso(r.due),
    pauseDueAt: iso(r.pauseDue),
    endedAt: iso(r.end?.at),
    endKind: r.end?.kind ?? null,
    returnedAt: iso(r.end?.returned),
    supplementCount: r.supplementCount,
    index766OnTime: r.index766OnTime,
    origin,
  });
  const parents = rows.filter((r) => !r.child);
  const parentIds = await insertDossiers(t.db, T, cat, parents.map((r) => spec(r, null)));
  const children = rows.filter((r) => r.child);
  // A child needs an origin: the first parent, or a parent made for it outside the period.
  let origin = parentIds[0];
  if (!origin && children.length) {
    [origin] = await insertDossiers(t.db, T, cat, [{ procedure: 'RPTA', unit: unitIds[0], receivedAt: '2025-01-06T09:00:00+07:00', originalDueAt: '2025-01-10T09:00:00+07:00', endedAt: '2025-01-08T09:00:00+07:00', endKind: 'resolved_approved' }]);
  }
  const childIds = await insertDossiers(t.db, T, cat, children.map((r) => spec(r, origin)));
  const all = [...parents.map((r, i) => [r, parentIds[i]] as const), ...children.map((r, i) => [r, childIds[i]] as const)];
  for (const [r, id] of all) if (r.pause) await insertPause(t.db, T, id, iso(r.pause.from)!, iso(r.pause.to), r.pause.reason);
}

describe('counting SQL against the §9.2 model', () => {
  it('matches the model and keeps the invariant for random dossiers across the period boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(genRow, { minLength: 0, maxLength: 25 }), fc.constantFrom<'legal' | 'index766'>('legal', 'index766'), async (rows, rule) => {
        await load(rows);
        const r = await call(t.app, token, { method: 'GET', url: `/api/v1/reports/dossiers?unit=000.00.00.H55&from=2026-10-01&to=2026-11-01&groupBy=unit&rule=${rule}` });
        expect(r.statusCode).toBe(200);
        const body = r.json();
        const want = model(rows, rule);
        for (const [i, code] of UNITS.entries()) {
          const got = body.rows.find((x: any) => x.group.code === code);
          for (const [k, v] of Object.entries(want[i])) expect({ unit: code, counter: k, value: got[k] }).toEqual({ unit: code, counter: k, value: v });
          expect(got.invariant.holds).toBe(true);
          expect(got.toProcess).toBe(want[i].carriedOver + want[i].received);
        }
        for (const x of body.rows) expect(x.invariant.holds).toBe(true);
        expect(body.total.invariant.holds).toBe(true);
        expect(body.total.carriedOver + body.total.received).toBe(body.total.resolved + body.total.withdrawn + body.total.stopped + body.total.inProgress);
      }),
      { numRuns: 60 },
    );
  });
});
