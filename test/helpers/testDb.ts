import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import type { Db } from '../../src/db/types.js';

export interface TestDb extends Db {
  dropAfter(): Promise<void>;
  /** True when the database is a copy of the run's seeded template. */
  fromTemplate: boolean;
}

/**
 * A fresh database for one test file: a copy of the run's migrated and seeded template
 * (test/helpers/globalSetup.ts) — in-memory PGlite by default, or a throwaway PostgreSQL
 * database (dropped on close) when DATABASE_URL is set.
 */
export async function createTestDb(opts: { empty?: boolean } = {}): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  const template = opts.empty ? '' : safeInject('templateDatabase');
  const snapshot = opts.empty ? '' : safeInject('snapshotPath');
  if (!url) {
    const loadDataDir = snapshot ? new Blob([fs.readFileSync(snapshot)]) : undefined;
    const db = await openDatabase({ databaseUrl: null, dataDir: null, loadDataDir });
    await migrate(db);
    return Object.assign(db, { dropAfter: () => db.close(), fromTemplate: !!snapshot });
  }
  const name = `motcua_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: u.toString(), dataDir: null, poolSize: 10 });
  await migrate(db);
  return Object.assign(db, {
    fromTemplate: !!template,
    dropAfter: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  });
}

function safeInject(key: 'templateDatabase' | 'snapshotPath'): string {
  try {
    return (inject(key) as string | undefined) ?? '';
  } catch {
    return '';
  }
}

export const databaseKind = () => (process.env.DATABASE_URL ? 'postgres' : 'pglite');
