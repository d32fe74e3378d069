/**
 * Rates of the statistics (one-stop.md §9.3): every report names its formula; a rate is rounded to
 * 2 decimals half-up, computed exactly from the integer counts (no floating-point drift, so
 * 17/20 × 100 is 85.00 and 1/8 × 100 is 12.50); a zero denominator gives no rate, shown as "—"
 * (never 100 %, the OpenCPS habit).
 */

export const NO_RATE = '—';

/**
 * `numerator / denominator × 100`, rounded half-up to `decimals` decimals; null when the
 * denominator is 0. Counts must be non-negative integers.
 */
export function ratePct(numerator: number, denominator: number, decimals = 2): number | null {
  for (const [name, v] of [['numerator', numerator], ['denominator', denominator]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  }
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) throw new RangeError('decimals must be 0..6');
  if (denominator === 0) return null;
  const scale = 10n ** BigInt(decimals);
  const n = BigInt(numerator) * 100n * scale;
  const d = BigInt(denominator);
  // round half up of n/d for non-negative n, d: floor((2n + d) / 2d)
  const scaled = (2n * n + d) / (2n * d);
  return Number(scaled) / Number(scale);
}

/** `85.00`, `12.50`, or "—" for no rate. */
export function formatRate(rate: number | null, decimals = 2): string {
  return rate === null ? NO_RATE : rate.toFixed(decimals);
}

/** The named rates a report can show, with their formulas in both languages. */
export interface RateFormula {
  key: string;
  labelVi: string;
  labelEn: string;
  formula: string;
  formulaVi: string;
  rounding: string;
  zeroDenominator: string;
  source: string;
}

export const ONTIME_PCT: RateFormula = {
  key: 'ontime_pct',
  labelVi: 'Tỉ lệ giải quyết sớm và đúng hạn (%)',
  labelEn: 'Early and on-time rate (%)',
  formula: '(early + on_time) / resolved × 100',
  formulaVi: '(Trước hạn + Đúng hạn) / Tổng số đã giải quyết × 100',
  rounding: 'half-up, 2 decimals',
  zeroDenominator: NO_RATE,
  source: 'one-stop.md §9.3 (OpenCPS standard table, Biểu 06a); withdrawn and stopped dossiers are excluded',
};
