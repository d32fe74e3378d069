/**
 * Benchmark of the deadline engine (src/core/calendar): `npx tsx bench/calendar.ts`.
 *
 * Workload: 1,000,000 `computeDue` calls (deterministic PRNG), 70 % in working days
 * (0.5 … 60 WD in half days) and 30 % in working hours (1 … 40 h), half of them with a 15:00
 * cut-off; receipts spread over 2025–2027, with 25 % of them in the windows around Tết and the
 * year end so that spans cross year boundaries and the Tết breaks. Calendar: default hours, the
 * official 2025/2026 schedules, statutory rules for other years. One thread (one core).
 *
 * Baselines measured in the same run:
 * - `date-loop`: a loop that only constructs the same number of Dates (the floor: every
 *   computation returns at least one Date);
 * - `naive-day-walk`: a straightforward engine that walks day by day through the calendar's
 *   per-date API (`sessionsOn(date)` with string dates), without cumulative tables. It runs on a
 *   100,000-call subset and its results are checked against the engine (0 differences expected).
 *
 * Prints a table and writes bench/results/calendar.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DueInput,
  type WorkingCalendar,
  OFFICIAL_SPECIAL_DAYS,
  addDays,
  computeDue,
  createWorkingCalendar,
  fromLocal,
  parseHHMM,
  specialDaysProvider,
  toLocalParts,
} from '../src/core/calendar/index.js';

const N = 1_000_000;
const NAIVE_N = 100_000;
const RUNS = 3;
const TARGET_SECONDS = 2;

// mulberry32: deterministic inputs.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeInputs(n: number): DueInput[] {
  const rnd = prng(20261110);
  const from = fromLocal('2025-01-01', 0).getTime();
  const to = fromLocal('2028-01-01', 0).getTime();
  // Windows around Tết (eve − 20 days … + 15 days) and the year end.
  const windows: [number, number][] = [
    ['2025-01-10', '2025-02-15'],
    ['2026-01-27', '2026-03-05'],
    ['2027-01-18', '2027-02-22'],
    ['2025-12-15', '2026-01-10'],
    ['2026-12-15', '2027-01-10'],
    ['2027-12-01', '2027-12-31'],
  ].map(([a, b]) => [fromLocal(a, 0).getTime(), fromLocal(b, 0).getTime()]);
  const inputs: DueInput[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let t: number;
    if (rnd() < 0.25) {
      const [a, b] = windows[Math.floor(rnd() * windows.length)];
      t = a + rnd() * (b - a);
    } else {
      t = from + rnd() * (to - from);
    }
    const minuteAligned = Math.floor(t / 60_000) * 60_000;
    const wd = rnd() < 0.7;
    inputs[i] = {
      receivedAt: new Date(minuteAligned),
      amount: wd ? Math.ceil(rnd() * 120) / 2 : Math.ceil(rnd() * 40),
      unit: wd ? 'working_days' : 'working_hours',
      cutoff: rnd() < 0.5 ? '15:00' : null,
    };
  }
  return inputs;
}

function newCalendar(): WorkingCalendar {
  return createWorkingCalendar({ specialDaysForYear: specialDaysProvider({ schedules: OFFICIAL_SPECIAL_DAYS }) });
}

/** Naive engine: day-by-day walk over the per-date API (no cumulative tables). */
function naiveDue(cal: WorkingCalendar, input: DueInput): number {
  const p = toLocalParts(input.receivedAt);
  const cutoff = input.cutoff ? parseHHMM(input.cutoff) : null;
  let date = p.date;
  let m = p.minuteOfDay;
  // Normalise the clock start.
  let sessions = cal.sessionsOn(date);
  const afterCutoff = cutoff !== null && sessions.length > 0 && Math.floor(m) > cutoff && m < sessions[sessions.length - 1].endMinute;
  if (afterCutoff || !sessions.some((s) => m < s.endMinute)) {
    do {
      date = addDays(date, 1);
      sessions = cal.sessionsOn(date);
    } while (sessions.length === 0);
    m = sessions[0].startMinute;
  }
  let remaining = input.unit === 'working_days' ? input.amount * cal.minutesPerWorkingDayOn(date) : input.amount * 60;
  if (remaining === 0) {
    const s = sessions.find((x) => m < x.endMinute);
    return fromLocal(date, Math.max(m, s ? s.startMinute : m)).getTime();
  }
  for (let guard = 0; guard < 4000; guard++) {
    for (const s of sessions) {
      if (m >= s.endMinute) continue;
      const begin = Math.max(m, s.startMinute);
      const len = s.endMinute - begin;
      if (remaining <= len) return fromLocal(date, begin + remaining).getTime();
      remaining -= len;
    }
    date = addDays(date, 1);
    sessions = cal.sessionsOn(date);
    m = 0;
  }
  throw new Error('naive walk: beyond 10 years');
}

function time(fn: () => number): { seconds: number; checksum: number } {
  const t0 = performance.now();
  const checksum = fn();
  return { seconds: (performance.now() - t0) / 1000, checksum };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const inputs = makeInputs(N);
const cal = newCalendar();

// Warm-up (JIT, lazily built year tables).
let warm = 0;
for (let i = 0; i < 50_000; i++) warm += computeDue(cal, inputs[i]).due.getTime() % 7;

const engineRuns: number[] = [];
let engineChecksum = 0;
for (let r = 0; r < RUNS; r++) {
  const { seconds, checksum } = time(() => {
    let acc = 0;
    for (let i = 0; i < N; i++) acc = (acc + computeDue(cal, inputs[i]).due.getTime()) % 1_000_000_007;
    return acc;
  });
  engineRuns.push(seconds);
  engineChecksum = checksum;
}

const dateRuns: number[] = [];
for (let r = 0; r < RUNS; r++) {
  dateRuns.push(
    time(() => {
      let acc = 0;
      for (let i = 0; i < N; i++) acc = (acc + new Date(inputs[i].receivedAt.getTime() + i).getTime()) % 1_000_000_007;
      return acc;
    }).seconds,
  );
}

// Naive engine on a subset, checked against the engine.
const naiveResults = new Float64Array(NAIVE_N);
const naive = time(() => {
  for (let i = 0; i < NAIVE_N; i++) naiveResults[i] = naiveDue(cal, inputs[i]);
  return naiveResults.length;
});
let differences = 0;
for (let i = 0; i < NAIVE_N; i++) if (naiveResults[i] !== computeDue(cal, inputs[i]).due.getTime()) differences++;

// Explanation cost (steps are lazy; measured separately on a subset).
const EXPLAIN_N = 20_000;
const explain = time(() => {
  let acc = 0;
  for (let i = 0; i < EXPLAIN_N; i++) acc += computeDue(cal, inputs[i]).steps.length;
  return acc;
});

const engineSeconds = median(engineRuns);
const dateSeconds = median(dateRuns);
const naivePerOpNs = (naive.seconds / NAIVE_N) * 1e9;
const enginePerOpNs = (engineSeconds / N) * 1e9;
const row = (name: string, computations: number, seconds: number, note: string) => ({
  name,
  computations,
  seconds: Number(seconds.toFixed(3)),
  perSecond: Math.round(computations / seconds),
  nsPerOp: Number(((seconds / computations) * 1e9).toFixed(1)),
  note,
});
const rows = [
  row('computeDue (engine)', N, engineSeconds, `median of ${RUNS} runs`),
  row('baseline: date-loop', N, dateSeconds, 'new Date() only'),
  row('baseline: naive-day-walk', NAIVE_N, naive.seconds, `${differences} differences vs engine`),
  row('computeDue + steps text', EXPLAIN_N, explain.seconds, 'explanations are lazy'),
];

console.log(`\nDeadline engine benchmark — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, one thread\n`);
const header = ['name', 'computations', 'seconds', 'per second', 'ns/op', 'note'];
const lines = rows.map((r) => [r.name, r.computations.toLocaleString('en-US'), r.seconds.toFixed(3), r.perSecond.toLocaleString('en-US'), r.nsPerOp.toFixed(1), r.note]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(fmt(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const l of lines) console.log(fmt(l));
const ratioDate = engineSeconds / dateSeconds;
const ratioNaive = naivePerOpNs / enginePerOpNs;
const met = engineSeconds <= TARGET_SECONDS;
console.log(`\nengine / date-loop: ${ratioDate.toFixed(1)}× the cost of constructing a Date`);
console.log(`naive-day-walk / engine: ${ratioNaive.toFixed(1)}× slower per computation`);
console.log(`target: ${N.toLocaleString('en-US')} computations in ≤ ${TARGET_SECONDS} s → ${met ? 'MET' : 'NOT MET'} (${engineSeconds.toFixed(3)} s; runs ${engineRuns.map((s) => s.toFixed(3)).join(', ')})`);
console.log(`checksum ${engineChecksum} (warm-up ${warm})`);

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'calendar.json'),
  `${JSON.stringify(
    {
      benchmark: 'calendar.computeDue',
      measuredAt: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model ?? null,
      threads: 1,
      workload: {
        computations: N,
        receipts: '2025-01-01 … 2027-12-31 (25 % around Tết and year ends)',
        amounts: '70 % working days 0.5–60, 30 % working hours 1–40; 50 % with a 15:00 cut-off',
        calendar: 'default hours; official 2025/2026 schedules; statutory rules otherwise',
      },
      rows,
      engineRunsSeconds: engineRuns,
      ratios: { engineOverDateLoop: Number(ratioDate.toFixed(2)), naiveOverEngine: Number(ratioNaive.toFixed(2)) },
      naiveDifferences: differences,
      target: { computations: N, maxSeconds: TARGET_SECONDS, met },
      checksum: engineChecksum,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${join('bench', 'results', 'calendar.json')}`);
if (differences > 0) process.exitCode = 1;
