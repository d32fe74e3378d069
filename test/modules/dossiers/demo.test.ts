import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../../src/modules/calendar/service.js';
import { generateDemoDossiers, type DemoResult } from '../../../src/modules/dossiers/demo.js';
import { previewRecomputeOpenDossiers } from '../../../src/modules/dossiers/service.js';
import { createTestApp, login, call, type TestApp } from '../../helpers/testApp.js';

let t: TestApp;
let result: DemoResult | null;

beforeAll(async () => {
  t = await createTestApp();
  result = await generateDemoDossiers(t.seed, { count: 300 });
}, 240_000);
afterAll(async () => t?.close());

describe('demo dossiers (generated through the engine and the transition table)', () => {
  it('generates dossiers in every kind of state without any rule refusing an action', async () => {
    expect(result).not.toBeNull();
    expect(result!.failures).toBe(0);
    expect(result!.dossiers).toBeGreaterThan(300);
    const statuses = Object.keys(result!.byStatus);
    for (const s of ['draft', 'in_process', 'resolved', 'returned', 'archived', 'refused_at_intake', 'withdrawn', 'stopped']) expect(statuses).toContain(s);
    const classes = (await t.db.query("select class_day, count(*)::int n from dossiers where class_day is not null group by 1 order by 1")).rows.map((r: any) => r.class_day);
    expect(classes).toEqual(['early', 'late', 'on_time']);
    const demoUsersUnits = (await t.db.query(`select distinct u.code from dossiers d join units u on u.id = d.receiving_unit_id`)).rows.map((r: any) => r.code).sort();
    expect(demoUsersUnits).toEqual(['000.00.01.H55', '000.20.01.H55']);
    const own = (await t.db.query(`select count(*)::int n from dossiers d join users u on u.id = d.applicant_user_id where u.username in ('congdan1','congdan2')`)).rows[0].n;
    expect(own).toBeGreaterThan(4);
  });

  it('codes are gap-free per unit and day, and the counter rows continue them', async () => {
    const rows = (await t.db.query(`select receiving_unit_id, code_day, array_agg(code_seq order by code_seq) seqs from dossiers where code is not null group by 1, 2`)).rows;
    for (const r of rows) expect(r.seqs).toEqual(Array.from({ length: r.seqs.length }, (_, i) => i + 1));
    const mismatch = await t.db.query(
      `select 1 from dossier_code_counters c where last_value <> (select max(code_seq) from dossiers d where d.receiving_unit_id = c.unit_id and d.code_day = c.day)`,
    );
    expect(mismatch.rowCount).toBe(0);
  });

  it('events are consecutive and in time order for every dossier', async () => {
    const bad = await t.db.query(
      `select dossier_id from (select dossier_id, seq, at, lag(at) over w prev_at, row_number() over w rn from dossier_events window w as (partition by dossier_id order by seq)) x
        where seq <> rn or at < prev_at limit 1`,
    );
    expect(bad.rows).toEqual([]);
  });

  it('recomputing open dues from stored inputs reproduces every stored due (nothing would change)', async () => {
    const changes = await previewRecomputeOpenDossiers(t.db, t.seed.tenantId, null, (unitId) => loadCalendar(t.db, t.seed.tenantId, unitId));
    expect(changes).toEqual([]);
  });

  it('the statistics invariant of one-stop.md §9.2 holds: carried_over + received = resolved + withdrawn + stopped + in_progress', async () => {
    for (const [from, to] of [['2026-01-01', '2026-04-01'], ['2026-07-01', '2026-10-01'], ['2025-09-01', '2026-11-09']]) {
      const r = (
        await t.db.query(
          `with p as (select ($1::date::timestamp at time zone 'Asia/Ho_Chi_Minh') f, ($2::date::timestamp at time zone 'Asia/Ho_Chi_Minh') t),
           d as (select * from dossiers where origin_dossier_id is null and received_at is not null)
           select
             count(*) filter (where received_at < p.f and (ended_at is null or ended_at >= p.f))::int carried_over,
             count(*) filter (where received_at >= p.f and received_at < p.t)::int received,
             count(*) filter (where ended_at >= p.f and ended_at < p.t and end_kind like 'resolved_%')::int resolved,
             count(*) filter (where ended_at >= p.f and ended_at < p.t and end_kind = 'withdrawn')::int withdrawn,
             count(*) filter (where ended_at >= p.f and ended_at < p.t and end_kind = 'stopped')::int stopped,
             count(*) filter (where received_at < p.t and (ended_at is null or ended_at >= p.t))::int in_progress
           from d, p`,
          [from, to],
        )
      ).rows[0];
      expect(r.received).toBeGreaterThan(0);
      expect(r.carried_over + r.received).toBe(r.resolved + r.withdrawn + r.stopped + r.in_progress);
    }
  });

  it('the demo users find work in their queues', async () => {
    for (const [user, queue] of [['tiepnhan', 'ready_to_return'], ['lanhdao', 'in_progress'], ['tiepnhan.pdp', 'in_progress']] as const) {
      const r = await call(t.app, await login(t.app, user), { method: 'GET', url: `/api/v1/dossiers?queue=${queue}` });
      expect(r.statusCode).toBe(200);
      expect(r.json().total).toBeGreaterThan(0);
    }
    const mine = await call(t.app, await login(t.app, 'congdan1'), { method: 'GET', url: '/api/v1/me/dossiers' });
    expect(mine.json().total).toBeGreaterThan(2);
  });
});
