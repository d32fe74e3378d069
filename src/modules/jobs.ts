import type { Config } from '../config.js';
import type { Db } from '../db/types.js';
import type { Jobs } from '../jobs.js';
import { registerLetterJobs } from './letters/reminders.js';

/**
 * Background work of each capability (deadline reminders, recomputation after calendar edits,
 * notifications). Each capability adds its registration here.
 */
export const JOB_REGISTRATIONS: ((jobs: Jobs, db: Db, config: Config) => Promise<void>)[] = [registerLetterJobs];

export async function registerJobs(jobs: Jobs, db: Db, config: Config): Promise<void> {
  for (const r of JOB_REGISTRATIONS) await r(jobs, db, config);
}
