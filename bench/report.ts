/**
 * Benchmark of the dossier statistics (src/modules/reports) on PostgreSQL 15:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bin/run-ts.js bench/report.ts
 *
 * Creates a dedicated database `motcua_bench` (dropped at the end, also on failure; pass --keep to
 * keep it), migrates it, adds the demo organisation plus 80 generated communes (107 units), 15
 * fields and 200 procedures, then bulk-generates dossiers with `generate_series` in SQL:
 * receipts spread over the last 2 years (working hours, every receiving unit, 25 % at the
 * provincial centre for the departments), channels 45 % counter / 50 % online / 5 % postal,
 * durations 1–20 working days (due ≈ receipt + 1.4 × days: synthetic, the legal clock is not run),
 * ~7 % late, 93.5 % approved / 2.5 % refused / 1.5 % withdrawn / 1 % stopped, 1.5 % never ended,
 * 6 % with a supplement pause (0.3 % with two requests), 1 % liên thông children and 1 % refusals
 * at intake (with their events). Secondary indexes are dropped during a load and rebuilt after it
 * (the usual bulk-load practice), then VACUUM ANALYZE (index-only scans need the visibility map).
 *
 * At 100,000 and then 1,000,000 dossiers it times, warm (2 untimed runs, then 10 timed), over the
 * last full 12 months for the whole province:
 * - baselines in the same run: `count(*)` of the dossiers received in the period (index range
 *   scan), and `count(*)` of exactly the rows the report aggregates (received before the end and
 *   not ended before the start: the same index-only scan, without the aggregates);
 * - the standard table over HTTP (app.inject, bearer token of the province supervisor) grouped by
 *   field, unit and procedure, with rule=index766, with by=competent, and for one commune;
 * - the aggregate statement alone, the Excel export, the register's first page and the dashboard.
 *
 * Prints a table and writes bench/results/report.json.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { fromLocal, toLocalParts } from '../src/core/calendar/index.js';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import type { Db } from '../src/db/types.js';
import { seedUsers } from '../src/modules/auth/demo.js';
import { aggregateSql } from '../src/modules/reports/queries.js';
import { seedOrganisation } from '../src/modules/units/demo.js';
import { environment, ms, printTable, timeRuns, writeResult, type Timing } from './lib/index.js';

const TENANT = 'H55';
const BENCH_DB = 'motcua_bench';
// BENCH_SIZES=20000,50000 and BENCH_RUNS=3 give a quick smoke run; the defaults are the benchmark.
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const CHUNK = 100_000;
const KEEP = process.argv.includes('--keep');

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('bench/report.ts needs DATABASE_URL pointing at a PostgreSQL 15 server (any database; motcua_bench is created beside it).');
  process.exit(2);
}
const benchUrl = (() => {
  const u = new URL(url);
  u.pathname = `/${BENCH_DB}`;
  return u.toString();
})();

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
// The last full 12 months (local): [first day of this month − 12 months, first day of this month).
const nowLocal = toLocalParts(NOW);
const PERIOD = {
  from: `${nowLocal.year - 1}-${String(nowLocal.month).padStart(2, '0')}-01`,
  to: `${nowLocal.year}-${String(nowLocal.month).padStart(2, '0')}-01`,
};

async function setupCatalogue(db: Db): Promise<{ receiving: string[]; departments: string[]; commune: string }> {
  await db.query(
    `insert into units(tenant_id, code, name, short_name, kind, parent_id)
     select $1, format('000.21.%s.H55', lpad(g::text, 2, '0')), format('Ủy ban nhân dân xã Mẫu %s', g), format('Xã Mẫu %s', g), 'commune',
            (select id from units where tenant_id = $1 and code = '000.00.00.H55')
       from generate_series(1, 80) g`,
    [TENANT],
  );
  await db.query(`insert into procedure_fields(tenant_id, code, name) select $1, 'BF' || g, 'Lĩnh vực mẫu ' || g from generate_series(1, 15) g`, [TENANT]);
  await db.query(
    `insert into procedures(tenant_id, national_code, name, field_id, level, legal_basis, effective_from)
     select $1, '9.' || lpad(g::text, 6, '0'), 'Thủ tục mẫu số ' || g, f.id, case when g % 3 = 0 then 'commune' else 'province' end, 'benchmark', '2020-01-01'
       from generate_series(1, 200) g join procedure_fields f on f.tenant_id = $1 and f.code = 'BF' || (1 + g % 15)`,
    [TENANT],
  );
  await db.query(
    `insert into procedure_variants(tenant_id, procedure_id, processing_amount, processing_unit, process, legal_basis, effective_from)
     select $1, id, 1 + (abs(hashtext(national_code)) % 20), 'working_days', '{"steps": []}', 'benchmark', '2020-01-01' from procedures where tenant_id = $1`,
    [TENANT],
  );
  const units = (await db.query(`select id, code, kind from units where tenant_id = $1 order by code`, [TENANT])).rows;
  const centre = units.find((u: any) => u.code === '000.00.01.H55')!.id;
  const departments = units.filter((u: any) => u.kind === 'department').map((u: any) => u.id);
  const others = units.filter((u: any) => u.kind === 'commune' || u.kind === 'department').map((u: any) => u.id);
  return { receiving: [centre, ...others], departments, commune: '000.20.01.H55' };
}

/** One chunk of dossiers [lo, hi], generated in SQL. */
async function generateChunk(db: Db, lo: number, hi: number, units: { receiving: string[]; departments: string[] }, superuser: boolean): Promise<void> {
  await db.tx(async (tx) => {
    if (superuser) await tx.query(`set local session_replication_role = replica`); // no FK triggers during the bulk load
    await tx.query(`set local synchronous_commit = off`);
    await tx.query(`set local work_mem = '256MB'`);
    await tx.query(`select setseed($1)`, [(lo % 9973) / 9973]);
    await tx.query(
      `with a as materialized (
         select g,
                1 + floor(random() * 200)::int as pi,
                case when random() < 0.25 then 1 else 2 + floor(random() * (array_length($4::uuid[], 1) - 1))::int end as ui,
                1 + floor(random() * array_length($5::uuid[], 1))::int as di,
                case when random() < 0.45 then 1 when random() < 0.909 then 2 else 3 end::smallint as ch,
                random() as c, random() as e, random() as rt, random() as sp, random() as sl,
                $3::timestamptz - interval '730 days' + floor(random() * 730) * interval '1 day'
                  + interval '30 minutes' + random() * interval '9 hours 30 minutes' as rcv
           from generate_series($1::int, $2::int) g
       ), p as (
         select row_number() over (order by p.national_code)::int as ord, p.id as pid, v.id as vid, p.field_id as fid, p.name as pname, v.processing_amount as amt
           from procedures p join procedure_variants v on v.procedure_id = p.id where p.tenant_id = '${TENANT}'
       ), b as (
         select a.*, p.pid, p.vid, p.fid, p.pname, p.amt,
                a.rcv + p.amt * interval '1.4 days' as due,
                case when a.sp < 0.06 then (1 + a.sl * 9) * interval '1 day' else interval '0' end as pause_len,
                case when a.sp < 0.003 then 2 when a.sp < 0.06 then 1 else 0 end as supp
           from a join p on p.ord = a.pi
       ), x as (
         select b.*, b.rcv + (b.due - b.rcv) * (0.15 + 0.95 * power(b.c, 1.5)) + b.pause_len as fin
           from b
       ), y as (
         select x.*, x.e < 0.985 and x.fin <= $3::timestamptz as done,
                case when x.e < 0.935 then 'resolved_approved' when x.e < 0.96 then 'resolved_refused' when x.e < 0.975 then 'withdrawn' else 'stopped' end as kind0,
                x.due + x.pause_len as pdue
           from x
       )
       , ins as (
       insert into dossiers(tenant_id, code, public_lookup_secret, procedure_id, variant_id, field_id, procedure_name, receiving_unit_id, competent_unit_id,
         channel, status, applicant_name, applicant_address, applicant_phone, summary, sets_count, duration_amount, duration_unit,
         submitted_at, received_at, original_due_at, due_at, pause_due_at, ended_at, end_kind, outcome, class_day, class_rule, returned_at,
         transferred_at, resolved_at, index766_on_time, supplement_count, search_text, created_at, updated_at)
       select '${TENANT}', 'B-' || g, 's' || g, pid, vid, fid, pname, ($4::uuid[])[ui], case when ui = 1 then ($5::uuid[])[di] else ($4::uuid[])[ui] end,
         ch,
         case when done then case when kind0 in ('withdrawn', 'stopped') then kind0
                                  when rt < 0.93 and fin + rt * interval '3 days' <= $3::timestamptz then 'returned' else 'resolved' end
              when supp > 0 and rcv + (due - rcv) * 0.2 <= $3::timestamptz and rcv + (due - rcv) * 0.2 + pause_len > $3::timestamptz then 'supplement_requested'
              else 'in_process' end,
         'Nguyễn Văn ' || g, 'Tổ ' || (g % 50) || ', xã Mẫu ' || ui || ', tỉnh Thái Nguyên', '09' || lpad((g % 100000000)::text, 8, '0'),
         'Đề nghị giải quyết thủ tục số ' || pi, 1, amt, 'working_days',
         rcv - interval '20 minutes', rcv, due, due + pause_len, pdue,
         case when done then fin end, case when done then kind0 end,
         case when done and kind0 = 'resolved_approved' then 'approved' when done and kind0 = 'resolved_refused' then 'refused' end,
         case when done and kind0 like 'resolved%' then case when fin > due then 'late' when fin < date_trunc('day', due, 'Asia/Ho_Chi_Minh') then 'early' else 'on_time' end end,
         case when done and kind0 like 'resolved%' then 'day' end,
         case when done and kind0 like 'resolved%' and rt < 0.93 and fin + rt * interval '3 days' <= $3::timestamptz then fin + rt * interval '3 days' end,
         rcv + interval '2 hours', case when done and kind0 like 'resolved%' then fin end,
         case when done and kind0 like 'resolved%' then supp <= 1 and fin <= pdue end, supp,
         'b-' || g || ' nguyen van ' || g || ' thu tuc mau so ' || pi, rcv, coalesce(case when done then fin end, rcv)
       from y
       returning id, tenant_id, code, procedure_id, variant_id, field_id, procedure_name, receiving_unit_id, competent_unit_id, channel, applicant_name,
                 duration_amount, duration_unit, received_at, original_due_at, pause_due_at, supplement_count, ended_at, created_at
       ), pauses as (
         -- The supplement pause of the dossiers that had one (still open while the dossier waits).
         insert into dossier_pauses(tenant_id, dossier_id, nth, reason, from_at, to_at, note)
         select tenant_id, id, 1, 'supplement', received_at + (original_due_at - received_at) * 0.2,
                case when received_at + (original_due_at - received_at) * 0.2 + (pause_due_at - original_due_at) <= $3::timestamptz
                     then received_at + (original_due_at - received_at) * 0.2 + (pause_due_at - original_due_at) end,
                'Bổ sung giấy tờ'
           from ins where supplement_count > 0 and received_at + (original_due_at - received_at) * 0.2 <= $3::timestamptz
         returning 1
       ), children as (
         -- 1 % liên thông children: the same request at the competent department; never counted.
         insert into dossiers(tenant_id, code, public_lookup_secret, procedure_id, variant_id, field_id, procedure_name, receiving_unit_id, competent_unit_id,
           channel, status, applicant_name, duration_amount, duration_unit, received_at, original_due_at, due_at, ended_at, end_kind, origin_dossier_id, created_at)
         select tenant_id, code || '-LT', 'c' || code, procedure_id, variant_id, field_id, procedure_name, competent_unit_id, competent_unit_id,
                channel, case when ended_at is null then 'in_process' else 'resolved' end, applicant_name, duration_amount, duration_unit,
                received_at + interval '1 day', original_due_at, original_due_at, ended_at, case when ended_at is not null then 'resolved_approved' end, id, created_at
           from ins where abs(hashtext(code)) % 100 = 0
         returning 1
       )
       select (select count(*) from ins) as dossiers, (select count(*) from pauses) as pauses, (select count(*) from children) as children`,
      [lo, hi, NOW, units.receiving, units.departments],
    );
  });
}

/** 1 % refusals at intake: never received; an event dates the refusal. */
async function generateRefusals(db: Db, lo: number, n: number, units: { receiving: string[] }, superuser: boolean): Promise<void> {
  await db.tx(async (tx) => {
    if (superuser) await tx.query(`set local session_replication_role = replica`);
    await tx.query(`set local synchronous_commit = off`);
    await tx.query(`select setseed($1)`, [((lo + 7) % 9973) / 9973]);
    await tx.query(
      `with p as (
         select row_number() over (order by p.national_code)::int as ord, p.id as pid, v.id as vid, p.field_id as fid, p.name as pname, v.processing_amount as amt
           from procedures p join procedure_variants v on v.procedure_id = p.id where p.tenant_id = '${TENANT}'
       ), r as materialized (
         select g, 1 + floor(random() * 200)::int as pi, 1 + floor(random() * array_length($3::uuid[], 1))::int as ui,
                $4::timestamptz - interval '730 days' + random() * interval '730 days' as at
           from generate_series($1::int, $2::int) g
       ), ins as (
         insert into dossiers(tenant_id, code, public_lookup_secret, procedure_id, variant_id, field_id, procedure_name, receiving_unit_id, channel, status,
           applicant_name, duration_amount, duration_unit, submitted_at, created_at)
         select '${TENANT}', 'R-' || g, 'r' || g, p.pid, p.vid, p.fid, p.pname, ($3::uuid[])[r.ui], 1, 'refused_at_intake', 'Trần Thị ' || g, p.amt, 'working_days', r.at, r.at
           from r join p on p.ord = r.pi
         returning id, tenant_id, submitted_at
       )
       insert into dossier_events(tenant_id, dossier_id, seq, action, at, to_state, reason)
       select tenant_id, id, 1, 'refuse_intake', submitted_at, 'refused_at_intake', 'Không thuộc thẩm quyền' from ins`,
      [lo, lo + n - 1, units.receiving, NOW],
    );
  });
}

/**
 * CPU time (not wall time) the server spends on each statement, with parallel workers off, read
 * from /proc/<backend pid>/schedstat: only when the server runs on this machine (else null).
 */
async function serverCpu(connectionString: string, statements: [string, string, unknown[]][]): Promise<{ query: string; cpuMsMedian: number; cpuMsMin: number }[] | null> {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    const pid = (await c.query('select pg_backend_pid() as pid')).rows[0].pid;
    const file = `/proc/${pid}/schedstat`;
    const read = () => Number(readFileSync(file, 'utf8').split(' ')[0]) / 1e6;
    try {
      read();
    } catch {
      return null;
    }
    await c.query('set max_parallel_workers_per_gather = 0');
    const out = [];
    for (const [query, sql, values] of statements) {
      await c.query(sql, values);
      const cpu: number[] = [];
      for (let i = 0; i < 7; i++) {
        const a = read();
        await c.query(sql, values);
        cpu.push(read() - a);
      }
      cpu.sort((a, b) => a - b);
      out.push({ query, cpuMsMedian: Math.round(cpu[3] * 10) / 10, cpuMsMin: Math.round(cpu[0] * 10) / 10 });
    }
    return out;
  } finally {
    await c.end();
  }
}

async function dropIndexes(db: Db): Promise<string[]> {
  const defs = (
    await db.query<{ name: string; def: string }>(
      `select indexname as name, indexdef as def from pg_indexes where schemaname = 'public' and tablename in ('dossiers', 'dossier_pauses', 'dossier_events')
          and indexname not in (select conname from pg_constraint where contype in ('p', 'u'))`,
    )
  ).rows;
  for (const d of defs) await db.query(`drop index ${d.name}`);
  return defs.map((d) => d.def);
}

async function rebuildIndexes(db: Db, defs: string[]): Promise<void> {
  await db.tx(async (tx) => {
    await tx.query(`set local maintenance_work_mem = '512MB'`);
    for (const d of defs) await tx.query(d);
  });
}

interface Row extends Record<string, unknown> {
  dossiers: number;
  query: string;
  p50: number;
  p95: number;
  min: number;
  ratio: string;
  note: string;
}

async function main() {
  await adminQuery(`drop database if exists ${BENCH_DB} with (force)`);
  await adminQuery(`create database ${BENCH_DB}`);
  let db: Db | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  const results: Row[] = [];
  const phases: Record<string, unknown>[] = [];
  const plans: Record<string, unknown>[] = [];
  const cpuRows: Record<string, unknown>[] = [];
  const loadBefore = environment().loadAverage1m;
  try {
    db = await openDatabase({ databaseUrl: benchUrl, dataDir: null, poolSize: 4 });
    const server = (await db.query(`select version() as v, current_setting('max_parallel_workers_per_gather') as w, current_setting('shared_buffers') as sb, current_setting('work_mem') as wm`)).rows[0];
    const superuser = (await db.query(`select rolsuper from pg_roles where rolname = current_user`)).rows[0]?.rolsuper === true;
    await migrate(db);
    const unitIds = await db.tx((tx) => seedOrganisation(tx, TENANT));
    await db.tx((tx) => seedUsers(tx, TENANT, unitIds));
    const units = await setupCatalogue(db);
    app = await buildApp({ db, config: { ...loadConfig({}), databaseUrl: benchUrl, jobs: false } });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'giamsat', password: 'demo1234' } });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
    const token = login.json().token as string;
    const get = async (path: string) => {
      const r = await app!.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      return r;
    };
    const q = `from=${PERIOD.from}&to=${PERIOD.to}`;
    const fromAt = fromLocal(PERIOD.from, 0);
    const toAt = fromLocal(PERIOD.to, 0);

    let have = 0;
    for (const size of SIZES) {
      const t0 = performance.now();
      const defs = await dropIndexes(db);
      for (let lo = have + 1; lo <= size; lo += CHUNK) {
        const hi = Math.min(size, lo + CHUNK - 1);
        await generateChunk(db, lo, hi, units, superuser);
        await generateRefusals(db, lo, Math.round((hi - lo + 1) / 100), units, superuser);
        process.stdout.write(`\r  generated ${hi.toLocaleString('en')} dossiers (${((performance.now() - t0) / 1000).toFixed(0)} s)   `);
      }
      const tLoad = performance.now();
      await rebuildIndexes(db, defs);
      const tIdx = performance.now();
      await db.query('vacuum analyze dossiers');
      await db.query('vacuum analyze dossier_pauses');
      await db.query('vacuum analyze dossier_events');
      const tVac = performance.now();
      have = size;
      const counts = (
        await db.query(
          `select count(*)::int as total, count(*) filter (where origin_dossier_id is not null)::int as children,
                  count(*) filter (where status = 'refused_at_intake')::int as refused_at_intake,
                  pg_size_pretty(pg_relation_size('dossiers')) as heap, pg_size_pretty(pg_relation_size('dossiers_report_span')) as report_index
             from dossiers`,
        )
      ).rows[0];
      const phase = {
        dossiers: size,
        rowsInTable: counts.total,
        children: counts.children,
        refusedAtIntake: counts.refused_at_intake,
        heap: counts.heap,
        reportIndex: counts.report_index,
        generateSeconds: Math.round((tLoad - t0) / 100) / 10,
        indexSeconds: Math.round((tIdx - tLoad) / 100) / 10,
        vacuumAnalyzeSeconds: Math.round((tVac - tIdx) / 100) / 10,
      };
      phases.push(phase);
      console.log(`\n  ${size.toLocaleString('en')}: ${JSON.stringify(phase)}`);

      const measure = async (query: string, fn: () => Promise<unknown>, note = '') => {
        const { timing } = await timeRuns(fn, RUNS);
        const row: Row = { dossiers: size, query, p50: timing.p50, p95: timing.p95, min: timing.min, ratio: '', note };
        results.push(row);
        return { row, timing };
      };
      const base = await measure(
        'baseline: count(*) received in period',
        () => db!.query(`select count(*) from dossiers where tenant_id = $1 and received_at >= $2 and received_at < $3`, [TENANT, fromAt, toAt]),
        'index range scan on received_at',
      );
      const spanSql = `select count(*) from dossiers where tenant_id = $1 and origin_dossier_id is null and received_at is not null
                and received_at < $3 and coalesce(ended_at, 'infinity'::timestamptz) >= $2`;
      const span = await measure('baseline: count(*) of the rows the report reads', () => db!.query(spanSql, [TENANT, fromAt, toAt]), 'same index-only scan, no aggregates');
      const reportRows: { row: Row; timing: Timing }[] = [];
      const reportCase = async (label: string, path: string, note = '') => reportRows.push(await measure(label, () => get(path), note));
      await reportCase('report province, groupBy=field', `/api/v1/reports/dossiers?unit=000.00.00.H55&${q}&groupBy=field`, 'HTTP, whole tenant');
      await reportCase('report province, groupBy=unit', `/api/v1/reports/dossiers?unit=000.00.00.H55&${q}&groupBy=unit`, 'a row per direct child unit');
      await reportCase('report province, groupBy=procedure', `/api/v1/reports/dossiers?unit=000.00.00.H55&${q}&groupBy=procedure`, '200 rows');
      await reportCase('report province, rule=index766', `/api/v1/reports/dossiers?unit=000.00.00.H55&${q}&groupBy=field&rule=index766`, 'QĐ 766 class from the index');
      await reportCase('report province, by=competent', `/api/v1/reports/dossiers?unit=000.00.00.H55&${q}&groupBy=field&by=competent`, '');
      await reportCase('report one commune, groupBy=field', `/api/v1/reports/dossiers?unit=${units.commune}&${q}&groupBy=field`, 'unit filter on the same scan');
      const agg = aggregateSql({
        tenantId: TENANT,
        fromAt,
        toAt,
        now: new Date(),
        units: null,
        groupBy: 'field',
        rule: 'legal',
        by: 'receiving',
        splitRule: 'day',
      });
      reportRows.push(await measure('aggregate statement alone (field)', () => db!.query(agg.counts.sql, agg.counts.values), 'SQL only, no HTTP'));
      const cpu = await serverCpu(benchUrl, [
        ['count(*) of the rows the report reads', spanSql, [TENANT, fromAt, toAt]],
        ['aggregate statement (field)', agg.counts.sql, agg.counts.values],
      ]);
      if (cpu) cpuRows.push(...cpu.map((c) => ({ dossiers: size, ...c })));
      await reportCase('Excel export, province by unit', `/api/v1/reports/dossiers.xlsx?unit=000.00.00.H55&${q}&groupBy=unit`, 'report + workbook');
      await reportCase('register page 1 (province, year)', `/api/v1/reports/register?unit=000.00.00.H55&${q}&pageSize=50`, 'count + 50 rows + audit');
      await reportCase('dashboard (province)', `/api/v1/reports/dashboard?unit=000.00.00.H55`, 'month + overdue + due soon');
      for (const r of [base, span, ...reportRows]) r.row.ratio = (r.timing.p50 / span.timing.p50).toFixed(2);

      const explain = (await db.query(`explain (analyze, buffers, format json) ${agg.counts.sql}`, agg.counts.values)).rows[0]['QUERY PLAN'][0];
      const nodes: string[] = [];
      const walk = (n: any) => {
        nodes.push(
          `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}${n['Workers Launched'] !== undefined ? ` (workers ${n['Workers Launched']})` : ''}${n['Heap Fetches'] !== undefined ? ` heap fetches ${n['Heap Fetches']}` : ''}`,
        );
        for (const c of n.Plans ?? []) walk(c);
      };
      walk(explain.Plan);
      plans.push({ dossiers: size, executionMs: explain['Execution Time'], nodes });
    }

    console.log(`\nProvince report over ${PERIOD.from} … ${PERIOD.to} (exclusive), warm, ${RUNS} timed runs each (ms):\n`);
    printTable<Row>(
      [
        { key: 'dossiers', label: 'dossiers in DB', format: (v) => v.toLocaleString('en') },
        { key: 'query', label: 'query', align: 'left' },
        { key: 'p50', label: 'p50', format: ms },
        { key: 'p95', label: 'p95', format: ms },
        { key: 'min', label: 'min', format: ms },
        { key: 'ratio', label: '× rows-read count' },
        { key: 'note', label: 'note', align: 'left' },
      ],
      results,
    );
    if (cpuRows.length) {
      console.log('\nServer CPU time of one backend with parallel workers off (less sensitive to other load on the machine):\n');
      printTable(
        [
          { key: 'dossiers', label: 'dossiers in DB', format: (v: number) => v.toLocaleString('en') },
          { key: 'query', label: 'statement', align: 'left' },
          { key: 'cpuMsMedian', label: 'CPU ms (median)', format: ms },
          { key: 'cpuMsMin', label: 'CPU ms (min)', format: ms },
        ],
        cpuRows as any[],
      );
    }
    for (const p of plans) console.log(`\nplan at ${(p.dossiers as number).toLocaleString('en')}: ${(p.nodes as string[]).join(' → ')}`);
    const target = results.find((r) => r.dossiers === 1_000_000 && r.query === 'report province, groupBy=field');
    const file = writeResult('report', {
      benchmark: 'reports.dossiers (standard table)',
      measuredAt: new Date().toISOString(),
      environment: environment({ loadAverage1mAtStart: loadBefore, postgres: server.v, maxParallelWorkersPerGather: server.w, sharedBuffers: server.sb, workMem: server.wm, superuserLoad: superuser }),
      period: PERIOD,
      runs: RUNS,
      target: { description: 'province, one year, 1,000,000 dossiers, PostgreSQL 15', ms: 300, p50: target?.p50 ?? null, p95: target?.p95 ?? null, met: target ? target.p95 < 300 : null },
      phases,
      rows: results,
      serverCpu: cpuRows,
      plans,
    });
    console.log(`\nwrote ${file}`);
  } finally {
    await app?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    if (!KEEP) await adminQuery(`drop database if exists ${BENCH_DB} with (force)`).catch((e) => console.error('could not drop', BENCH_DB, e.message));
  }
}

await main();
