/**
 * Shared benchmark helpers: timing statistics, the printed table, the machine description and the
 * JSON result file `bench/results/<name>.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) throw new RangeError('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

export function summarise(ms: readonly number[]): Timing {
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    runs: ms.length,
    p50: round(percentile(ms, 50)),
    p95: round(percentile(ms, 95)),
    min: round(Math.min(...ms)),
    max: round(Math.max(...ms)),
    mean: round(ms.reduce((a, b) => a + b, 0) / ms.length),
  };
}

/** Runs `fn` `warmup` times untimed, then `runs` times; wall-clock milliseconds of each run. */
export async function timeRuns<T>(fn: () => Promise<T>, runs: number, warmup = 2): Promise<{ timing: Timing; last: T }> {
  let last: T | undefined;
  for (let i = 0; i < warmup; i++) last = await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  return { timing: summarise(ms), last: last as T };
}

export interface TableColumn<R> {
  key: keyof R & string;
  label: string;
  align?: 'left' | 'right';
  format?: (v: any, row: R) => string;
}

/** A plain-text table, columns padded to their widest cell. */
export function formatTable<R extends Record<string, unknown>>(columns: TableColumn<R>[], rows: R[]): string {
  const cells = rows.map((r) => columns.map((c) => (c.format ? c.format(r[c.key], r) : String(r[c.key] ?? ''))));
  const widths = columns.map((c, i) => Math.max(c.label.length, ...cells.map((row) => row[i].length)));
  const line = (vals: string[]) =>
    vals.map((v, i) => ((columns[i].align ?? 'right') === 'left' ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return [line(columns.map((c) => c.label)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function printTable<R extends Record<string, unknown>>(columns: TableColumn<R>[], rows: R[]): void {
  console.log(formatTable(columns, rows));
}

/** Where the numbers were measured: they mean little without it. */
export function environment(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const cpu = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpu[0]?.model?.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
    ...extra,
  };
}

/** Writes bench/results/<name>.json and returns its path relative to the repository. */
export function writeResult(name: string, data: unknown): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new RangeError(`bad result name: ${name}`);
  const file = join(BENCH_DIR, 'results', `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return relative(join(BENCH_DIR, '..'), file);
}

export const ms = (v: number) => v.toFixed(1);
