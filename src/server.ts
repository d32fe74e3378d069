import { buildApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { isSeeded, seedDemo } from './db/seed.js';
import { startJobs, type Jobs } from './jobs.js';
import { DEMO_USERS, DEMO_PASSWORD } from './modules/auth/demo.js';
import { registerJobs } from './modules/jobs.js';

/** `motcua serve`: migrate, seed the demo data on first start, serve API and web. */
export async function serve(config: Config, opts: { seed: boolean }): Promise<void> {
  const t0 = Date.now();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  const applied = await migrate(db);
  if (applied.length) console.log(`migrated: ${applied.join(', ')}`);
  let seeded = false;
  if (opts.seed && !(await isSeeded(db))) {
    console.log('First start: loading demo data (one province, its units, procedures and 18 months of dossiers)…');
    await seedDemo(db, { log: (m) => console.log(`  ${m}`) });
    seeded = true;
  }
  let jobs: Jobs | null = null;
  if (config.jobs) {
    jobs = await startJobs(db);
    await registerJobs(jobs, db, config);
  }
  const app = await buildApp({ db, config, jobs, logger: true });
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  console.log(`\nmotcua is serving http://localhost:${config.port} (database: ${where}; ready in ${Date.now() - t0} ms)`);
  console.log(`API: http://localhost:${config.port}/api/v1 · OpenAPI: http://localhost:${config.port}/docs`);
  if (seeded || opts.seed) {
    console.log(`Demo logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}`);
  }
  const shutdown = async () => {
    await app.close();
    await jobs?.stop().catch(() => undefined);
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
