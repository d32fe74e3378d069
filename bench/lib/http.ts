/**
 * Shared set-up of the HTTP benchmarks (intake, tracking): a dedicated PostgreSQL database with
 * the migrated schema and the demo organisation, users and catalogue, the real motcua app on a
 * local port, and autocannon runs summarised the same way for the app and for its baseline.
 */
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemo } from '../../src/db/seed.js';
import type { Db, Queryable, QueryOptions } from '../../src/db/types.js';

export const CONCURRENCY = Number(process.env.BENCH_CONNECTIONS ?? 20);
export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
export const POOL_SIZE = 10;

export function benchDatabaseUrl(name: string): { adminUrl: string; url: string } {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    console.error('The HTTP benchmarks need DATABASE_URL pointing at a PostgreSQL 15 server (a bench database is created beside it).');
    process.exit(2);
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { adminUrl, url: u.toString() };
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface BenchServer {
  db: Db;
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

/** One statement the app sent, and whether it ran inside the request's transaction. */
export interface RecordedQuery {
  text: string;
  params: unknown[];
  inTx: boolean;
}

/**
 * The database as the app sees it, with a switch that records every statement (outside and
 * inside transactions), so that a baseline can send exactly the same SQL straight through `pg`.
 */
export class RecordingDb implements Db {
  recording: RecordedQuery[] | null = null;
  constructor(private readonly inner: Db) {}
  get kind() {
    return this.inner.kind;
  }
  async query<R = any>(text: string, params: unknown[] = [], opts?: QueryOptions) {
    this.recording?.push({ text, params, inTx: false });
    return this.inner.query<R>(text, params, opts);
  }
  async tx<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    return this.inner.tx((client) =>
      fn({
        query: async <R = any>(text: string, params: unknown[] = [], opts?: QueryOptions) => {
          this.recording?.push({ text, params, inTx: true });
          return client.query<R>(text, params, opts);
        },
      }),
    );
  }
  close() {
    return this.inner.close();
  }
}

/** A fresh database `name` (dropped on close), migrated and seeded, with the app listening on it. */
export async function startBenchServer(name: string): Promise<BenchServer & { recorder: RecordingDb; url: string }> {
  const { adminUrl, url } = benchDatabaseUrl(name);
  await admin(adminUrl, `drop database if exists ${name} with (force)`);
  await admin(adminUrl, `create database ${name}`);
  const inner = await openDatabase({ databaseUrl: url, dataDir: null, poolSize: POOL_SIZE });
  await migrate(inner);
  await seedDemo(inner, { now: new Date(), scale: 'minimal' });
  const db = new RecordingDb(inner);
  const config = { ...loadConfig({}), jobs: false, host: '127.0.0.1', port: 0 };
  const app = await buildApp({ db, config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    db,
    recorder: db,
    url,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      // autocannon stops at its deadline with requests still in flight: let them finish.
      await new Promise((r) => setTimeout(r, 500));
      await app.close();
      await db.close();
      if (!process.argv.includes('--keep')) await admin(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export function summariseAutocannon(r: autocannon.Result): LoadResult {
  return {
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const r = await autocannon({ connections: CONCURRENCY, duration: DURATION_S, ...opts });
  return summariseAutocannon(r);
}

/** A load of a plain async function at a fixed concurrency (the same measure as autocannon's). */
export async function loadFn(fn: () => Promise<void>, concurrency = CONCURRENCY, seconds = DURATION_S): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await fn();
        latencies.push(performance.now() - t0);
      } catch (e) {
        errors++;
        if (errors === 1) console.error('  baseline error:', (e as Error).message);
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]) : 0);
  return { requests: latencies.length, rps: Math.round(latencies.length / elapsed), p50: at(0.5), p99: at(0.99), errors, non2xx: 0 };
}

/** A distinct client address per request (the app trusts X-Forwarded-For behind its proxy). */
export function addressOf(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}
