/** The 'full' demo of reception and letters is built through the service layer and is usable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, call, TEST_NOW, type TestApp } from '../../helpers/testApp.js';
import { loadSeedContext } from '../../../src/db/seed.js';
import { seedLetters } from '../../../src/modules/letters/demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('demo data (full scale)', () => {
  it('seeds a year of reception, letters and cases, idempotently, with consistent events and a working report', { timeout: 300_000 }, async () => {
    const ctx = { ...(await loadSeedContext(t.db, { now: TEST_NOW, scale: 'full' })), log: () => undefined };
    const started = Date.now();
    await seedLetters(ctx);
    const took = Date.now() - started;
    await seedLetters(ctx); // idempotent
    const n = (await t.db.query(`select (select count(*) from letters)::int letters, (select count(*) from reception_visits)::int visits, (select count(*) from cases)::int cases,
        (select count(*) from cases where resolved_at is null and due_at < $1)::int overdue, (select count(*) from protected_identities)::int protected,
        (select count(*) from reception_sessions)::int sessions, (select count(*) from reception_instructions)::int instructions`, [TEST_NOW])).rows[0];
    console.log(`demo seeded in ${took} ms`, n);
    expect(n.letters).toBe(380);
    expect(n.visits).toBeGreaterThan(300);
    expect(n.cases).toBeGreaterThan(50);
    expect(n.overdue).toBeGreaterThan(0);
    expect(n.protected).toBeGreaterThan(10);
    expect(n.instructions).toBeGreaterThan(0);
    // Every current-state row has its events, in order, ending in its status.
    const orphans = (await t.db.query(`select count(*)::int n from letters l where not exists (select 1 from letter_events e where e.entity_id = l.id and e.action = 'receive')`)).rows[0].n;
    expect(orphans).toBe(0);
    const mismatched = (
      await t.db.query(`select count(*)::int n from cases c where c.status <> (select e.to_status from letter_events e where e.entity_id = c.id and e.to_status is not null order by e.id desc limit 1)`)
    ).rows[0].n;
    expect(mismatched).toBe(0);
    const token = await login(t.app, 'giamsat');
    const r = await call(t.app, token, { method: 'GET', url: `/api/v1/reports/letters?from=2025-11-01&to=2026-11-09&compare=true` });
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json();
    expect(rep.letters.received).toBe(380);
    expect(rep.letters.withinCompetence + rep.letters.notWithinCompetence).toBeLessThanOrEqual(380);
    expect(rep.rates.resolved.numerator + rep.rates.underVerification.numerator).toBe(rep.letters.withinCompetence);
    expect(rep.overdueByUnit.length).toBeGreaterThan(0);
    // The demo users of this capability can sign in and work.
    const w = await login(t.app, 'tiepdan.pdp');
    expect((await call(t.app, w, { method: 'GET', url: '/api/v1/letters?limit=5' })).json().total).toBeGreaterThan(0);
  });
});
