import { PgBoss } from 'pg-boss';
import type { Db } from './db/types.js';

/**
 * Timers and background jobs (deadline reminders, notifications, recomputation) on pg-boss,
 * which keeps its queue in the same database: PostgreSQL or embedded PGlite alike.
 */
export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobs(db: Db): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => db.query(text, values) } as any,
    schema: 'pgboss',
  });
  boss.on('error', (err: unknown) => console.error('[jobs]', err));
  await boss.start();
  return {
    boss,
    stop: () => boss.stop({ graceful: true, timeout: 5000 }),
  };
}
