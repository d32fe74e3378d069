/**
 * `npm run bench`: every benchmark in sequence, each in its own process (so that one's heap and
 * pools do not disturb the next), on the PostgreSQL of DATABASE_URL (default: the local server).
 * Each prints its table and writes bench/results/<name>.json.
 */
import { spawnSync } from 'node:child_process';

const BENCHES = ['calendar', 'intake', 'tracking', 'report'];
const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' };
const only = process.argv.slice(2);
let failed = 0;
for (const name of BENCHES.filter((b) => only.length === 0 || only.includes(b))) {
  console.log(`\n=== bench/${name}.ts ===`);
  const r = spawnSync(process.execPath, ['bin/run-ts.js', `bench/${name}.ts`], { stdio: 'inherit', env });
  if (r.status !== 0) {
    failed++;
    console.error(`bench/${name}.ts exited with ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
