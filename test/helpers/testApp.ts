import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadSeedContext, seedDemo, type SeedContext } from '../../src/db/seed.js';
import type { Db } from '../../src/db/types.js';
import { createTestDb } from './testDb.js';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  seed: SeedContext;
  filesDir: string;
  close(): Promise<void>;
}

import { TEST_NOW } from './constants.js';
export { TEST_NOW };

/** A built app on a fresh database with the demo organisation, users and catalogue. */
export async function createTestApp(opts: { scale?: 'minimal' | 'full' } = {}): Promise<TestApp> {
  const scale = opts.scale ?? 'minimal';
  const db = await createTestDb();
  const seed =
    db.fromTemplate && scale === 'minimal'
      ? await loadSeedContext(db, { now: TEST_NOW, scale })
      : await seedDemo(db, { now: TEST_NOW, scale });
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-files-'));
  const config = { ...loadConfig({}), filesDir, maxUploadBytes: 2 * 1024 * 1024 };
  const app = await buildApp({ db, config });
  await app.ready();
  return {
    app,
    db,
    seed,
    filesDir,
    close: async () => {
      await app.close();
      await db.dropAfter();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

const tokens = new WeakMap<FastifyInstance, Map<string, string>>();

/** Signs a demo user in (password demo1234) and returns the bearer token (cached per app). */
export async function login(app: FastifyInstance, username: string): Promise<string> {
  let m = tokens.get(app);
  if (!m) tokens.set(app, (m = new Map()));
  const cached = m.get(username);
  if (cached) return cached;
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'demo1234' } });
  if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
  const token = r.json().token as string;
  m.set(username, token);
  return token;
}

/** inject() with a bearer token. */
export async function call(app: FastifyInstance, token: string | null, opts: InjectOptions) {
  return app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}
