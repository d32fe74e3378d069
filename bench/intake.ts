/**
 * Counter intake over HTTP against the same SQL sent straight through `pg`, same concurrency,
 * same run, on PostgreSQL 15:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bin/run-ts.js bench/intake.ts
 *
 * The app: `POST /api/v1/dossiers` (bearer token of the demo counter officer, outcome accept):
 * session look-up, validation, the procedure and calendar, the gap-free code counter, the legal
 * due, the dossier, its components, steps and event, the receipt (Mẫu 01) data, all in one
 * transaction, with an Idempotency-Key per request.
 *
 * The baseline: the statements the app sent for one intake are recorded (RecordingDb), then
 * replayed through a `pg` pool of the same size, in the same order and the same transaction
 * boundaries, with the values that must be new for each dossier (generated ids, the dossier
 * code, the idempotency key) replaced. So the ratio is the cost of Node, Fastify, validation, the
 * domain logic and serialisation on top of the database work.
 *
 * Prints a table and writes bench/results/intake.json. Target: HTTP ≥ 60 % of the baseline.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { CONCURRENCY, DURATION_S, POOL_SIZE, load, loadFn, startBenchServer, type LoadResult, type RecordedQuery } from './lib/http.js';
import { environment, printTable, writeResult } from './lib/index.js';

const TARGET = 0.6;
const server = await startBenchServer('motcua_bench_http');
try {
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tiepnhan', password: 'demo1234' }),
  });
  const { token } = (await login.json()) as { token: string };

  // A procedure received at the provincial service centre, with its required components ticked.
  const procs = (await (await fetch(`${server.baseUrl}/api/v1/procedures?unit=000.00.01.H55&pageSize=50`)).json()) as { items: { id: string }[] };
  let body: Record<string, unknown> | null = null;
  for (const p of procs.items) {
    const sheet = (await (await fetch(`${server.baseUrl}/api/v1/procedures/${p.id}`)).json()) as any;
    const components = (sheet.components ?? sheet.variants?.[0]?.components ?? []) as any[];
    const candidate = {
      procedureId: p.id,
      applicant: { name: 'Nguyễn Văn Bình', citizenId: '019090001234', address: 'Tổ 5, phường Phan Đình Phùng', phone: '0912345678' },
      components: components.map((c) => ({ code: c.code, originals: c.originals ?? 0, certifiedCopies: c.certifiedCopies ?? 0, copies: c.copies ?? 0, provided: true })),
      returnChannel: 'counter',
      outcome: 'accept',
    };
    const r = await fetch(`${server.baseUrl}/api/v1/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(candidate),
    });
    if (r.status === 201) {
      body = candidate;
      break;
    }
  }
  if (!body) throw new Error('no procedure of the service centre accepts a counter intake');
  const payload = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

  // Record the statements of one intake, and the ids the app generated for it.
  const generated: string[] = [];
  const randomUUID = crypto.randomUUID.bind(crypto);
  crypto.randomUUID = () => {
    const id = randomUUID();
    generated.push(id);
    return id;
  };
  const recordedKey = `bench-record-${randomUUID()}`;
  server.recorder.recording = [];
  const rec = await fetch(`${server.baseUrl}/api/v1/dossiers`, { method: 'POST', headers: { ...headers, 'idempotency-key': recordedKey }, body: payload });
  const recorded: RecordedQuery[] = server.recorder.recording;
  server.recorder.recording = null;
  crypto.randomUUID = randomUUID;
  const recordedCode = ((await rec.json()) as any).dossier.code as string;
  const txStatements = recorded.filter((q) => q.inTx).length;

  // The baseline: the same statements through pg, with the per-dossier values made new.
  const pool = new pg.Pool({ connectionString: server.url, max: POOL_SIZE });
  let n = 0;
  const fresh = (v: unknown, map: Map<string, string>, i: number): unknown => {
    if (typeof v === 'string') {
      if (map.has(v)) return map.get(v);
      if (v.includes(recordedCode)) return v.split(recordedCode).join(`${recordedCode}-B${i}`);
      if (v.includes(recordedKey)) return v.split(recordedKey).join(`bench-base-${i}`);
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => fresh(x, map, i));
    if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fresh(x, map, i)]));
    }
    return v;
  };
  const replay = async () => {
    const i = ++n;
    const map = new Map(generated.map((id) => [id, randomUUID()]));
    let client: pg.PoolClient | null = null;
    try {
      for (const q of recorded) {
        // JSON text parameters carry ids and codes too.
        const params = q.params.map((p) => (typeof p === 'string' && p.startsWith('{') ? JSON.stringify(fresh(JSON.parse(p), map, i)) : fresh(p, map, i)));
        if (q.inTx && !client) {
          client = await pool.connect();
          await client.query('BEGIN');
        } else if (!q.inTx && client) {
          await client.query('COMMIT');
          client.release();
          client = null;
        }
        await (client ?? pool).query(q.text, params as any[]);
      }
      if (client) await client.query('COMMIT');
    } catch (e) {
      if (client) await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client?.release();
    }
  };
  await replay(); // fails loudly here if the replay is not faithful

  let k = 0;
  const rows: { what: string; result: LoadResult }[] = [];
  const measure = async () => {
    rows.push({ what: 'SQL of one intake replayed through pg', result: await loadFn(replay) });
    rows.push({
      what: 'POST /api/v1/dossiers (HTTP)',
      result: await load({
        url: `${server.baseUrl}/api/v1/dossiers`,
        method: 'POST',
        headers,
        body: payload,
        requests: [{ setupRequest: (req: any) => ({ ...req, headers: { ...req.headers, 'idempotency-key': `bench-${process.pid}-${++k}` } }) }],
      }),
    });
  };
  await measure();
  await pool.end();

  const [base, http] = rows.map((r) => r.result);
  const ratio = http.rps / base.rps;
  console.log(`\nCounter intake, ${CONCURRENCY} concurrent clients, ${DURATION_S} s each, pool of ${POOL_SIZE} (${recorded.length} statements, ${txStatements} in the transaction):\n`);
  printTable(
    [
      { key: 'what', label: 'load', align: 'left' },
      { key: 'rps', label: 'req/s' },
      { key: 'p50', label: 'p50 ms' },
      { key: 'p99', label: 'p99 ms' },
      { key: 'requests', label: 'requests' },
      { key: 'errors', label: 'errors' },
      { key: 'non2xx', label: 'non-2xx' },
    ],
    rows.map((r) => ({ what: r.what, ...r.result })),
  );
  console.log(`\nHTTP / baseline = ${(ratio * 100).toFixed(0)} % (target ≥ ${TARGET * 100} %): ${ratio >= TARGET ? 'met' : 'NOT met'}`);
  const dossiers = (await server.db.query('select count(*)::int n, count(distinct code)::int codes from dossiers')).rows[0];
  console.log(`dossiers in the database afterwards: ${dossiers.n} (${dossiers.codes} distinct codes)`);
  console.log(`wrote ${writeResult('intake', { environment: environment({ concurrency: CONCURRENCY, seconds: DURATION_S, poolSize: POOL_SIZE }), statements: recorded.length, txStatements, rows, ratio, target: TARGET, met: ratio >= TARGET })}`);
  if (http.errors || http.non2xx) process.exitCode = 1;
} finally {
  await server.close();
}
