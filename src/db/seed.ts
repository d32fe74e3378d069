import type { Db } from './types.js';
import { DEMO_TENANT, seedOrganisation } from '../modules/units/demo.js';
import { seedUsers } from '../modules/auth/demo.js';
import { seedCalendar } from '../modules/calendar/demo.js';
import { seedFeedback } from '../modules/feedback/demo.js';
import { ensureCooperatingUnits, seedProcedures } from '../modules/procedures/demo.js';
import { seedDossiers } from '../modules/dossiers/demo.js';
import { seedLetters } from '../modules/letters/demo.js';

/** What each capability's demo seeder receives. */
export interface SeedContext {
  db: Db;
  tenantId: string;
  units: Map<string, string>;
  users: Map<string, string>;
  /** The reference "now" of the demo data (passed in so that tests are reproducible). */
  now: Date;
  /** Scale of generated history: 'full' for `npm start`, 'minimal' for tests (organisation, users, catalogue only). */
  scale: 'full' | 'minimal';
  log: (msg: string) => void;
}

export type Seeder = (ctx: SeedContext) => Promise<void>;

/**
 * Capability seeders, in dependency order. Each is idempotent and adds its own demo data
 * (calendar, procedures, dossiers, letters, feedback).
 */
export const SEEDERS: { name: string; seed: Seeder }[] = [
  { name: 'procedures', seed: seedProcedures },
  { name: 'calendar', seed: seedCalendar },
  { name: 'dossiers', seed: seedDossiers },
  { name: 'feedback', seed: seedFeedback },
  { name: 'letters', seed: seedLetters },
];

export async function seedDemo(
  db: Db,
  opts: { now?: Date; scale?: 'full' | 'minimal'; log?: (m: string) => void } = {},
): Promise<SeedContext> {
  const tenantId = DEMO_TENANT.id;
  // Cooperating agencies (police, tax, social insurance) first: some demo users work there.
  const units = await db.tx(async (tx) => {
    const ids = await seedOrganisation(tx, tenantId);
    await ensureCooperatingUnits(tx, tenantId);
    for (const r of (await tx.query('select code, id from units where tenant_id=$1', [tenantId])).rows) ids.set(r.code, r.id);
    return ids;
  });
  const users = await db.tx((tx) => seedUsers(tx, tenantId, units));
  const ctx: SeedContext = {
    db,
    tenantId,
    units,
    users,
    now: opts.now ?? new Date(),
    scale: opts.scale ?? 'full',
    log: opts.log ?? (() => undefined),
  };
  for (const s of SEEDERS) {
    ctx.log(`seeding ${s.name}…`);
    await s.seed(ctx);
  }
  return ctx;
}

export async function isSeeded(db: Db): Promise<boolean> {
  const r = await db.query("select 1 from users where username='admin' limit 1");
  return r.rowCount > 0;
}

/** The context of an already seeded database (tests that start from a seeded template). */
export async function loadSeedContext(db: Db, opts: { now: Date; scale: 'full' | 'minimal' }): Promise<SeedContext> {
  const tenantId = DEMO_TENANT.id;
  const units = new Map<string, string>(
    (await db.query('select code, id from units where tenant_id=$1', [tenantId])).rows.map((r: any) => [r.code, r.id]),
  );
  const users = new Map<string, string>(
    (await db.query('select username, id from users where tenant_id=$1', [tenantId])).rows.map((r: any) => [r.username, r.id]),
  );
  return { db, tenantId, units, users, now: opts.now, scale: opts.scale, log: () => undefined };
}
