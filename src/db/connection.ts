import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db, DatabaseKind, Queryable, QueryOptions, QueryResult } from './types.js';

// One set of type parsers for both databases: counts as numbers, dates as 'YYYY-MM-DD' strings
// (never shifted by the server's time zone), timestamps as Date.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

class PoolDb implements Db {
  constructor(
    readonly kind: DatabaseKind,
    private readonly pool: pg.Pool,
    private readonly onClose: () => Promise<void>,
    /** The embedded engine (PGlite only), for dumping a test template. */
    readonly engine: unknown = null,
  ) {}

  async query<R = any>(text: string, params?: unknown[], opts?: QueryOptions): Promise<QueryResult<R>> {
    const r = opts?.name ? await this.pool.query({ name: opts.name, text, values: params as any[] }) : await this.pool.query(text, params as any[]);
    return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
  }

  async tx<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const q: Queryable = {
      query: async <R = any>(text: string, params?: unknown[], opts?: QueryOptions) => {
        const r = opts?.name ? await client.query({ name: opts.name, text, values: params as any[] }) : await client.query(text, params as any[]);
        return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
      },
    };
    try {
      await client.query('BEGIN');
      const result = await fn(q);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
    await this.onClose();
  }
}

export interface OpenOptions {
  databaseUrl: string | null;
  /** Directory of the embedded database; `null` keeps it in memory (tests). */
  dataDir: string | null;
  poolSize?: number;
  /** PGlite only: start from a dumped data directory (tests start from a migrated template). */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir, opts.loadDataDir);
}

async function openPostgres(url: string, max: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  await pool.query('select 1');
  return new PoolDb('postgres', pool, async () => undefined);
}

/**
 * Embedded PostgreSQL (PGlite) reached through the PostgreSQL wire protocol, so that the
 * application has a single data-access path (`pg`). PGlite is one session: the pool holds
 * exactly one connection, and transactions must stay short.
 */
async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');

  let releaseLock = () => undefined as void;
  let location = 'memory://';
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDirectoryLock(dataDir);
    location = path.join(dataDir, 'pglite');
  }
  try {
    const lite = await PGlite.create(location, { extensions: { unaccent, pg_trgm }, loadDataDir });
    // pg looks for the socket as <directory>/.s.PGSQL.<port>.
    const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pglite-'));
    const server = new PGLiteSocketServer({ db: lite, path: path.join(socketDir, '.s.PGSQL.5432') });
    await server.start();
    const pool = new pg.Pool({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
    pool.on('error', () => undefined);
    return new PoolDb('pglite', pool, async () => {
      await server.stop();
      await lite.close();
      fs.rmSync(socketDir, { recursive: true, force: true });
      releaseLock();
    }, lite);
  } catch (err) {
    releaseLock();
    throw err;
  }
}

export class DataDirLockedError extends Error {}

/** PGlite has no cross-process lock: a lock file with our pid guards the directory. */
function acquireDirectoryLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'motcua.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.rmSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err: any) {
      if (err.code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by another motcua process (pid ${holder}). ` +
            `Stop it first, or set MOTCUA_DATA_DIR to another directory, or use DATABASE_URL for PostgreSQL.`,
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale lock from a process that died
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err: any) {
    return err.code === 'EPERM';
  }
}
