import pg from 'pg';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import type { Db } from '../../src/db/types.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a throwaway
 * PostgreSQL database (created here, dropped on close) when DATABASE_URL is set.
 */
export async function createTestDb(): Promise<Db & { dropAfter: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openDatabase({ databaseUrl: null, dataDir: null });
    await migrate(db);
    return Object.assign(db, { dropAfter: () => db.close() });
  }
  const name = `motcua_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: u.toString(), dataDir: null, poolSize: 10 });
  await migrate(db);
  return Object.assign(db, {
    dropAfter: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  });
}

export const databaseKind = () => (process.env.DATABASE_URL ? 'postgres' : 'pglite');
