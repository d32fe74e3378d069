/**
 * Satisfaction with PAKN handling (feedback.md §2, indicators-766.md 5.3) and fair rankings
 * (indicators-766.md §11): Wilson score intervals and a minimum sample.
 */

/** An answer is dissatisfied when dislikes > likes; ties and zero votes are not dissatisfied. */
export function isDissatisfied(likes: number, dislikes: number): boolean {
  return dislikes > likes;
}

export interface SatisfactionInput {
  likes: number;
  dislikes: number;
  /** Continued complaints (tiếp tục phản ánh) count against satisfaction. */
  reopenCount: number;
  /** Not on time in the 5.2 sense. */
  late: boolean;
}

export type NotSatisfiedReason = 'dissatisfied' | 'reopened' | 'late';

/**
 * 766 indicator 5.3: an item counts as satisfied unless it is dissatisfied, re-complained about or
 * late (the union: one item is subtracted at most once).
 */
export function satisfactionVerdict(x: SatisfactionInput): { satisfied: boolean; reasons: NotSatisfiedReason[] } {
  const reasons: NotSatisfiedReason[] = [];
  if (isDissatisfied(x.likes, x.dislikes)) reasons.push('dissatisfied');
  if (x.reopenCount > 0) reasons.push('reopened');
  if (x.late) reasons.push('late');
  return { satisfied: reasons.length === 0, reasons };
}

/** Whether the answer has been rated at all (the denominator of "rated satisfied"). */
export function isRated(likes: number, dislikes: number): boolean {
  return likes + dislikes > 0;
}

export interface Interval {
  low: number;
  high: number;
  centre: number;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for x successes in n trials (indicators-766.md §11):
 * centre = (p + z²/2n) / (1 + z²/n), half = z·sqrt(p(1−p)/n + z²/4n²) / (1 + z²/n).
 * Null when n = 0.
 */
export function wilsonInterval(x: number, n: number, z = Z95): Interval | null {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || n < 0 || x > n) {
    throw new RangeError(`Invalid proportion ${x}/${n}`);
  }
  if (n === 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half), centre };
}

/** Percentage with two decimals, half up (indicators-766.md §3); null when the denominator is 0. */
export function ratePct(x: number, n: number): number | null {
  if (n === 0) return null;
  return Math.round(((100 * x) / n) * 100 + 1e-9) / 100;
}

export interface RankInput<K> {
  key: K;
  x: number;
  n: number;
}

export interface Ranked<K> extends RankInput<K> {
  rank: number;
  pct: number;
  lowPct: number;
  highPct: number;
}

/**
 * A league table: only groups with n ≥ minSample are ranked, by the lower bound of the Wilson
 * interval (then by n, larger first); the others are listed separately, never ranked.
 */
export function rankByWilson<K>(rows: readonly RankInput<K>[], minSample: number): { ranked: Ranked<K>[]; insufficient: RankInput<K>[] } {
  if (!Number.isInteger(minSample) || minSample < 1) throw new RangeError(`minSample must be a positive integer: ${minSample}`);
  const eligible = rows.filter((r) => r.n >= minSample && r.n > 0);
  const insufficient = rows.filter((r) => !(r.n >= minSample && r.n > 0));
  const scored = eligible
    .map((r) => {
      const w = wilsonInterval(r.x, r.n)!;
      return { ...r, pct: ratePct(r.x, r.n)!, lowPct: round2(w.low * 100), highPct: round2(w.high * 100), low: w.low };
    })
    .sort((a, b) => b.low - a.low || b.n - a.n);
  const ranked: Ranked<K>[] = [];
  scored.forEach((s, i) => {
    const prev = scored[i - 1];
    const rank = prev && Math.abs(prev.low - s.low) < 1e-12 ? ranked[i - 1].rank : i + 1;
    ranked.push({ key: s.key, x: s.x, n: s.n, rank, pct: s.pct, lowPct: s.lowPct, highPct: s.highPct });
  });
  return { ranked, insufficient };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
