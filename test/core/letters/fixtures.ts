import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleSet, Rules } from '../../../src/core/letters/index.js';

const MIGRATION = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/db/migrations/0050_letters_rules.sql');

/** The national rule sets exactly as shipped in migration 0050 (the JSON between $rules$ quotes). */
export function shippedRuleSets(): RuleSet[] {
  const sql = fs.readFileSync(MIGRATION, 'utf8');
  const bodies = [...sql.matchAll(/\$rules\$([\s\S]*?)\$rules\$/g)].map((m) => JSON.parse(m[1]) as Rules);
  const heads = [...sql.matchAll(/\('\*', '([^']+)', '[^']*',\s*'(\d{4}-\d{2}-\d{2})', (null|'(\d{4}-\d{2}-\d{2})')/g)];
  if (bodies.length !== heads.length || bodies.length < 2) throw new Error('cannot parse the shipped rule sets');
  return heads.map((h, i) => ({
    id: h[1],
    tenantId: '*',
    code: h[1],
    name: h[1],
    effectiveFrom: h[2],
    effectiveTo: h[4] ?? null,
    legalBasis: '',
    evidence: 'to_verify',
    rules: bodies[i],
  }));
}

export const RULES_2014 = () => shippedRuleSets()[0].rules;
export const RULES_2026 = () => shippedRuleSets()[1].rules;
