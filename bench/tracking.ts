/**
 * Public tracking (`GET /api/v1/public/dossiers/{code}`) against a bare Fastify route doing one
 * primary-key look-up on the same table, same concurrency, same run, on PostgreSQL 15:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bin/run-ts.js bench/tracking.ts
 *
 * Dossiers are registered through the intake API first, so the tracked dossiers have real
 * timelines. The public route keeps its rate limit (30 a minute per address): every request comes
 * from its own address (X-Forwarded-For, which the app trusts behind its proxy), the way many
 * citizens reach it, and the bare route gets the same header. Prints a table and writes
 * bench/results/tracking.json. Target: tracking ≥ 80 % of the bare route.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pg from 'pg';
import { CONCURRENCY, DURATION_S, POOL_SIZE, addressOf, load, startBenchServer, type LoadResult } from './lib/http.js';
import { environment, printTable, writeResult } from './lib/index.js';

const TARGET = 0.8;
const DOSSIERS = 200;
const server = await startBenchServer('motcua_bench_tracking');
const bare = Fastify({ logger: false });
const pool = new pg.Pool({ connectionString: server.url, max: POOL_SIZE });
try {
  const { token } = (await (
    await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'tiepnhan', password: 'demo1234' }),
    })
  ).json()) as { token: string };
  const procs = (await (await fetch(`${server.baseUrl}/api/v1/procedures?unit=000.00.01.H55&pageSize=50`)).json()) as { items: { id: string }[] };
  const codes: string[] = [];
  const ids: string[] = [];
  for (const p of procs.items) {
    if (codes.length >= DOSSIERS) break;
    const sheet = (await (await fetch(`${server.baseUrl}/api/v1/procedures/${p.id}`)).json()) as any;
    const components = (sheet.components ?? sheet.variants?.[0]?.components ?? []) as any[];
    for (let i = 0; i < DOSSIERS / 4 && codes.length < DOSSIERS; i++) {
      const r = await fetch(`${server.baseUrl}/api/v1/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          procedureId: p.id,
          applicant: { name: `Công dân số ${i}`, citizenId: '019090001234', address: 'Tổ 5, phường Phan Đình Phùng' },
          components: components.map((c) => ({ code: c.code, originals: c.originals ?? 0, certifiedCopies: c.certifiedCopies ?? 0, copies: c.copies ?? 0, provided: true })),
          returnChannel: 'counter',
          outcome: 'accept',
        }),
      });
      if (r.status !== 201) break;
      const d = ((await r.json()) as any).dossier;
      codes.push(d.code);
      ids.push(d.id);
    }
  }
  if (codes.length === 0) throw new Error('no dossier could be registered');

  bare.get('/bare/:id', async (request) => {
    const { id } = request.params as { id: string };
    const r = await pool.query('select * from dossiers where id = $1', [id]);
    return r.rows[0];
  });
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;

  let a = 0;
  let b = 0;
  const rows: { what: string; result: LoadResult }[] = [];
  rows.push({
    what: 'bare Fastify route, one primary-key select',
    result: await load({
      url: bareUrl,
      requests: [{ setupRequest: (req: any) => ({ ...req, path: `/bare/${ids[++a % ids.length]}`, headers: { ...req.headers, 'x-forwarded-for': addressOf(a) } }) }],
    }),
  });
  rows.push({
    what: 'GET /api/v1/public/dossiers/{code}',
    result: await load({
      url: server.baseUrl,
      requests: [
        { setupRequest: (req: any) => ({ ...req, path: `/api/v1/public/dossiers/${codes[++b % codes.length]}`, headers: { ...req.headers, 'x-forwarded-for': addressOf(b) } }) },
      ],
    }),
  });

  const [base, app] = rows.map((r) => r.result);
  const ratio = app.rps / base.rps;
  console.log(`\nPublic tracking over ${codes.length} dossiers, ${CONCURRENCY} concurrent clients, ${DURATION_S} s each, pool of ${POOL_SIZE}:\n`);
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
  console.log(`\ntracking / bare route = ${(ratio * 100).toFixed(0)} % (target ≥ ${TARGET * 100} %): ${ratio >= TARGET ? 'met' : 'NOT met'}`);
  console.log(`wrote ${writeResult('tracking', { environment: environment({ concurrency: CONCURRENCY, seconds: DURATION_S, poolSize: POOL_SIZE }), dossiers: codes.length, rows, ratio, target: TARGET, met: ratio >= TARGET })}`);
  if (app.errors || app.non2xx) process.exitCode = 1;
} finally {
  await bare.close();
  await pool.end();
  await server.close();
}
