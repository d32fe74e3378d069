#!/usr/bin/env node
// `npm test`: type-check, lint, unit and integration tests, then browser tests.
// Database: embedded PGlite, or PostgreSQL when DATABASE_URL is set (CI runs both).
// MOTCUA_SKIP_STATIC=1 leaves out the type-check, lint and build (CI's second run, same code);
// MOTCUA_SKIP_E2E=1 leaves out the browser tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const db = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite';
const staticChecks = process.env.MOTCUA_SKIP_STATIC !== '1';
const steps = [
  ...(staticChecks
    ? [
        ['type-check', 'npx', ['tsc', '-p', 'tsconfig.json']],
        ['type-check web', 'npx', ['tsc', '-p', 'web/tsconfig.json']],
        ['lint', 'npx', ['eslint', '.']],
      ]
    : []),
  [`unit and integration tests on ${db}`, 'npx', ['vitest', 'run']],
  ...(staticChecks ? [['build web', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']]] : []),
];
if (fs.existsSync('test/e2e') && fs.readdirSync('test/e2e').some((f) => f.endsWith('.e2e.test.ts')) && process.env.MOTCUA_SKIP_E2E !== '1') {
  steps.push([`browser tests on ${db}`, 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']]);
}
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
  console.log(`✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
