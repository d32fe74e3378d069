/**
 * Publishing a province rule-set version over HTTP (POST /api/v1/letters/rule-sets): a retry under
 * the same Idempotency-Key returns the first response instead of a 409, and refused input gives
 * field-level messages in both languages and writes nothing. (Validation of every field, the 409
 * on a duplicate code and the pinning of new letters to the new version are covered by the
 * journey in journey.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/testApp.js';
import { as } from './helpers.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof as>>;
let national: any;

beforeAll(async () => {
  t = await createTestApp();
  admin = await as(t.app, 'admin');
  const r = await admin.get('/api/v1/letters/rule-sets');
  expect(r.statusCode, r.body).toBe(200);
  national = r.json().find((s: any) => s.code === 'TCD-KNTC-2026');
});
afterAll(async () => t?.close());

const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params)).rows[0].n);
const rowsWithCode = (code: string) => count('select count(*) as n from letter_rule_sets where code=$1', [code]);
const auditRows = () => count(`select count(*) as n from audit_log where action='letters.rule_set.create'`);

function body(code: string, effectiveFrom: string, change: (rules: any) => void = () => undefined) {
  const rules = structuredClone(national.rules);
  change(rules);
  return { code, name: 'Quy định tiếp công dân, xử lý đơn của tỉnh (thử)', effectiveFrom, legalBasis: 'Quyết định của UBND tỉnh (thử)', evidence: 'to_verify', rules };
}

describe('POST /letters/rule-sets', () => {
  it('returns the first response to a retry with the same Idempotency-Key and stores one version', async () => {
    const payload = body('H55-IDEM-2027', '2027-01-01', (r) => (r.reception.reply.amount = 12));
    const headers = { 'idempotency-key': 'rule-set-retry-1' };
    const first = await admin.post('/api/v1/letters/rule-sets', payload, headers);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBe('false');
    const retry = await admin.post('/api/v1/letters/rule-sets', payload, headers);
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(retry.json()).toMatchObject({ code: 'H55-IDEM-2027', effectiveFrom: '2027-01-01', effectiveTo: null });
    expect(await rowsWithCode('H55-IDEM-2027')).toBe(1);
    const stored = (await admin.get('/api/v1/letters/rule-sets')).json().filter((s: any) => s.code === 'H55-IDEM-2027');
    expect(stored).toHaveLength(1);
    expect(stored[0].id).toBe(first.json().id);
    expect(stored[0].rules.reception.reply.amount).toBe(12);

    // The same key for another body is refused; a new key for the same body is a new publish (409).
    const other = await admin.post('/api/v1/letters/rule-sets', body('H55-IDEM-2028', '2028-01-01'), headers);
    expect(other.statusCode, other.body).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    const again = await admin.post('/api/v1/letters/rule-sets', payload, { 'idempotency-key': 'rule-set-retry-2' });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.code).toBe('rule_set_conflict');
    expect(await rowsWithCode('H55-IDEM-2027')).toBe(1);
    expect(await rowsWithCode('H55-IDEM-2028')).toBe(0);
  });

  it('refuses a negative period with a message next to its field in English and Vietnamese, and writes nothing', async () => {
    const sets = await count('select count(*) as n from letter_rule_sets');
    const audits = await auditRows();
    const keys = await count('select count(*) as n from idempotency_keys');
    const headers = { 'idempotency-key': 'rule-set-bad-1' };
    const bad = await admin.post('/api/v1/letters/rule-sets', body('H55-BAD-2029', '2029-01-01', (r) => (r.reception.reply.amount = -3)), headers);
    expect(bad.statusCode, bad.body).toBe(400);
    const err = bad.json().error;
    expect(err.code).toBe('validation_failed');
    expect(err.fields).toEqual([
      {
        field: 'rules.reception.reply.amount',
        message: 'rules.reception.reply.amount must be a positive whole number of days',
        messageVi: 'rules.reception.reply.amount phải là số ngày nguyên dương',
      },
    ]);
    expect(await count('select count(*) as n from letter_rule_sets')).toBe(sets);
    expect(await rowsWithCode('H55-BAD-2029')).toBe(0);
    expect(await auditRows()).toBe(audits);
    expect(await count('select count(*) as n from idempotency_keys')).toBe(keys);

    // The refusal kept no key: the corrected input goes through under the same key (as the form sends it).
    const fixed = await admin.post('/api/v1/letters/rule-sets', body('H55-BAD-2029', '2029-01-01', (r) => (r.reception.reply.amount = 12)), headers);
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(await rowsWithCode('H55-BAD-2029')).toBe(1);
    expect(await auditRows()).toBe(audits + 1);
  });
});
