import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { seedDemo } from '../../src/db/seed.js';
import { TEST_NOW } from './constants.js';

/**
 * Builds one migrated database with the minimal demo data per test run; every test file then
 * starts from a copy of it (PGlite: a dumped data directory; PostgreSQL: a template database).
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `motcua_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: u.toString(), dataDir: null, poolSize: 2 });
    await migrate(db);
    await seedDemo(db, { now: TEST_NOW, scale: 'minimal' });
    await db.close();
    project.provide('templateDatabase', name);
    project.provide('snapshotPath', '');
    return async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  const db = await openDatabase({ databaseUrl: null, dataDir: null });
  await migrate(db);
  await seedDemo(db, { now: TEST_NOW, scale: 'minimal' });
  const blob = (await (db as any).engine.dumpDataDir('none')) as Blob;
  const file = path.join(os.tmpdir(), `motcua-test-${runId}.tar`);
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  project.provide('templateDatabase', '');
  project.provide('snapshotPath', file);
  return async () => fs.rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    snapshotPath: string;
  }
}
